package locales

import (
	"strings"
	"unicode"
)

// CheckName is the name of a check of this PC ("ウイルス対策").
func (l *Localizer) CheckName(check string) string {
	if m, ok := checkNames[check]; ok {
		return l.T(m, nil)
	}
	return check
}

// CheckStatusWord is the word for a check's status ("要確認").
func (l *Localizer) CheckStatusWord(status string) string {
	if m, ok := checkStatusWords[status]; ok {
		return l.T(m, nil)
	}
	return status
}

// CheckSummary puts a check's summary code and arguments into words.
func (l *Localizer) CheckSummary(code string, args map[string]any) string {
	if m, ok := checkSummaries[code]; ok {
		data := Args{}
		for k, v := range args {
			data[camel(k)] = v
		}
		return l.T(m, data)
	}
	switch {
	case strings.HasSuffix(code, ".unsupported"):
		return l.T(CheckUnsupported, nil)
	case strings.HasSuffix(code, ".unreadable"):
		return l.T(CheckUnreadable, nil)
	}
	return l.T(CheckOther, Args{"Code": code})
}

// SiteFlag says why a site allowed to send notifications is suspicious.
func (l *Localizer) SiteFlag(flag string) string {
	if m, ok := siteFlags[flag]; ok {
		return l.T(m, nil)
	}
	return flag
}

// camel turns an argument name from the core into a template field:
// age_days → AgeDays.
func camel(s string) string {
	var b strings.Builder
	up := true
	for _, r := range s {
		if r == '_' {
			up = true
			continue
		}
		if up {
			r = unicode.ToUpper(r)
			up = false
		}
		b.WriteRune(r)
	}
	return b.String()
}
