package locales

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// LevelWord is the light's word ("危険") for a level name.
func (l *Localizer) LevelWord(level string) string {
	switch level {
	case "green":
		return l.T(LevelGreenTitle, nil)
	case "red":
		return l.T(LevelRedTitle, nil)
	default:
		return l.T(LevelYellowTitle, nil)
	}
}

// LevelSummary is the one line said under the light.
func (l *Localizer) LevelSummary(level string) string {
	switch level {
	case "green":
		return l.T(LevelGreenSummary, nil)
	case "red":
		return l.T(LevelRedSummary, nil)
	default:
		return l.T(LevelYellowSummary, nil)
	}
}

// ColorName is the name of a level's colour ("赤").
func (l *Localizer) ColorName(level string) string {
	if m, ok := colorNames[level]; ok {
		return l.T(m, nil)
	}
	return level
}

// SeverityName is a finding severity's name ("高").
func (l *Localizer) SeverityName(sev string) string {
	if m, ok := severityNames[sev]; ok {
		return l.T(m, nil)
	}
	return sev
}

// DropReason names why the collector could not take a line.
func (l *Localizer) DropReason(reason string) string {
	if m, ok := dropReasons[reason]; ok {
		return l.T(m, nil)
	}
	return reason
}

// MSSReject names a kind of input refused from the MSS provider.
func (l *Localizer) MSSReject(reason string) string {
	if m, ok := mssRejectNames[reason]; ok {
		return l.T(m, nil)
	}
	return reason
}

// RuleTitle is the plain-language title of a finding rule.
func (l *Localizer) RuleTitle(rule string) string {
	if m, ok := ruleTitles[rule]; ok {
		return l.T(m, nil)
	}
	for _, family := range []string{"endpoint", "mss"} {
		if strings.HasPrefix(rule, family+"_") {
			return l.T(ruleTitles[family], nil)
		}
	}
	return l.T(RuleOther, Args{"Rule": rule})
}

// Time formats t for people, in the Localizer's time zone.
func (l *Localizer) Time(t time.Time) string {
	if t.IsZero() {
		return l.T(TimeNever, nil)
	}
	return t.In(l.zone).Format(l.T(TimeLayout, nil))
}

// Duration says roughly how long d is, in the largest whole unit.
func (l *Localizer) Duration(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return l.T(DurationDays, Args{"N": int(d / (24 * time.Hour))})
	case d >= time.Hour:
		return l.T(DurationHours, Args{"N": int(d / time.Hour)})
	default:
		return l.T(DurationMinutes, Args{"N": max(int(d/time.Minute), 1)})
	}
}

// Reason renders a traffic-light reason (a code and arguments from
// monitor/status) as a title and a sentence saying what it means or what
// to do. Arguments may be Go values or their JSON forms.
func (l *Localizer) Reason(code string, args map[string]any) (title, detail string) {
	switch {
	case code == "monitoring.not_configured":
		return l.T(ReasonNotConfiguredTitle, nil), l.T(ReasonNotConfiguredDetail, nil)
	case code == "source.silent":
		name, last := argString(args, "name"), argTime(args, "last_seen")
		since := time.Duration(argInt(args, "silent_for_s")) * time.Second
		return l.T(ReasonSourceSilentTitle, Args{"Name": name}),
			l.T(ReasonSourceSilentDetail, Args{"LastSeen": l.Time(last), "Since": l.Duration(since)})
	case code == "source.no_data":
		return l.T(ReasonSourceNoDataTitle, Args{"Name": argString(args, "name")}), l.T(ReasonSourceNoDataDetail, nil)
	case code == "mss.unreachable":
		since := time.Duration(argInt(args, "silent_for_s")) * time.Second
		return l.T(mssReasonTitles["unreachable"], Args{"Provider": argString(args, "provider")}),
			l.T(mssReasonDetails["unreachable"], Args{"Since": l.Duration(since)})
	case strings.HasPrefix(code, "mss.") && mssReasonTitles[strings.TrimPrefix(code, "mss.")] != nil:
		reason := strings.TrimPrefix(code, "mss.")
		return l.T(mssReasonTitles[reason], nil),
			l.T(mssReasonDetails[reason], Args{"Count": argInt(args, "count"), "Time": l.Time(argTime(args, "last"))})
	case strings.HasPrefix(code, "finding."):
		data := Args{
			"Subject":  argString(args, "subject"),
			"Count":    argInt(args, "count"),
			"Severity": l.SeverityName(argString(args, "severity")),
			"LastSeen": l.Time(argTime(args, "last_seen")),
		}
		msg := ReasonFindingDetail
		if argString(args, "state") == "acknowledged" {
			msg = ReasonFindingAckDetail
		}
		return l.RuleTitle(strings.TrimPrefix(code, "finding.")), l.T(msg, data)
	default:
		return l.T(ReasonOtherTitle, Args{"Code": code}), ""
	}
}

func argString(args map[string]any, key string) string {
	switch v := args[key].(type) {
	case nil:
		return ""
	case string:
		return v
	default:
		return fmt.Sprint(v)
	}
}

func argInt(args map[string]any, key string) int64 {
	switch v := args[key].(type) {
	case int:
		return int64(v)
	case int64:
		return v
	case float64: // a JSON number
		return int64(v)
	case string:
		n, _ := strconv.ParseInt(v, 10, 64)
		return n
	default:
		return 0
	}
}

func argTime(args map[string]any, key string) time.Time {
	switch v := args[key].(type) {
	case time.Time:
		return v
	case string:
		t, _ := time.Parse(time.RFC3339, v)
		return t
	default:
		return time.Time{}
	}
}
