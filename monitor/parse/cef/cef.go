// Package cef reads ArcSight's Common Event Format (vendor "cef"), the
// generic format many security products can send when nothing more
// specific is configured:
//
//	CEF:Version|Device Vendor|Device Product|Device Version|Signature ID|Name|Severity|Extension
//
// The header's pipes may be escaped (\|), the extension is key=value
// pairs whose values run to the next key and may hold escaped equals
// signs (\=). Kind and action come from the event's name, its act and
// cat keys and its outcome, read for the words products use; a few
// product-specific keys (UniFi's UNIFI*) fill what the standard keys
// leave empty.
package cef

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg (the message after the syslog header) is a
// CEF record. Cheap: no allocation, no regexp.
func Detect(h syslog.Header, msg string) bool {
	_, ok := body(h, msg)
	return ok
}

// Parse fills e from the line and reports whether it understood it.
func Parse(h syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	b, ok := body(h, msg)
	if !ok {
		return false
	}
	var hd header
	ext, ok := hd.split(b)
	if !ok {
		return false
	}
	var r record
	r.header = hd
	eachPair(ext, r.set)
	r.fill(loc, e)
	return true
}

// body returns the record after "CEF:". Some senders put a space after
// the colon (which the header splitter may take for a tag, "CEF:") or
// drop the "CEF:" altogether; a bare record is accepted only when its
// header is complete and its severity valid.
func body(h syslog.Header, msg string) (string, bool) {
	if rest, ok := strings.CutPrefix(msg, "CEF:"); ok {
		rest = strings.TrimLeft(rest, " ")
		return rest, versionPipe(rest)
	}
	if h.App == "CEF" {
		return msg, versionPipe(msg)
	}
	if !versionPipe(msg) {
		return "", false
	}
	var hd header
	if _, ok := hd.split(msg); !ok || !validSeverity(hd.severity) {
		return "", false
	}
	return msg, true
}

// versionPipe reports whether s starts with a CEF version and its pipe
// ("0|", "1|").
func versionPipe(s string) bool {
	i := 0
	for i < len(s) && i < 2 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	return i > 0 && i < len(s) && s[i] == '|'
}

func validSeverity(s string) bool {
	switch s {
	case "0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10",
		"Unknown", "Low", "Medium", "High", "Very-High":
		return true
	}
	return false
}

// header holds the seven header fields, unescaped.
type header struct {
	version, vendor, product, devVersion, signatureID, name, severity string
}

// split reads the header of a record and returns its extension.
func (hd *header) split(s string) (string, bool) {
	var f [7]string
	for i := range f {
		end := pipe(s)
		if end < 0 {
			return "", false
		}
		f[i], s = unescapeHeader(s[:end]), s[end+1:]
	}
	hd.version, hd.vendor, hd.product, hd.devVersion = f[0], f[1], f[2], f[3]
	hd.signatureID, hd.name, hd.severity = f[4], f[5], strings.TrimSpace(f[6])
	return s, true
}

// pipe returns the index of the first unescaped '|' in s, or -1.
func pipe(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\\':
			i++
		case '|':
			return i
		}
	}
	return -1
}

func unescapeHeader(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) && (s[i+1] == '|' || s[i+1] == '\\') {
			i++
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// eachPair calls fn for every key=value pair of a CEF extension. A value
// runs to the space before the next key: "msg=a b c act=blocked" is
// msg="a b c", act="blocked". An '=' with no space since the last key
// ("request=https://x/?a=b") belongs to the value.
func eachPair(s string, fn func(key, value string)) {
	key, start := "", -1
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] != '=' {
			continue
		}
		ks := strings.LastIndexByte(s[:i], ' ') + 1
		if start >= 0 && ks <= start || !isKey(s[ks:i]) {
			continue
		}
		if start >= 0 {
			fn(key, unescapeValue(strings.TrimRight(s[start:ks], " ")))
		}
		key, start = s[ks:i], i+1
	}
	if start >= 0 {
		fn(key, unescapeValue(strings.TrimRight(s[start:], " \r\n")))
	}
}

func isKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '.' || c == '-' || c == '[' || c == ']') {
			return false
		}
	}
	return true
}

func unescapeValue(s string) string {
	if !strings.Contains(s, `\`) {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '\\' && i+1 < len(s) {
			i++
			switch c = s[i]; c {
			case 'n':
				c = '\n'
			case 'r':
				c = '\r'
			case '=', '\\':
			default:
				b.WriteByte('\\')
			}
		}
		b.WriteByte(c)
	}
	return b.String()
}
