package locales

import (
	"cmp"
	"fmt"
	"maps"
	"slices"
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

// DropList names drop reasons with their counts, most first ("長すぎる行
// 3、…"); "" when nothing was dropped.
func (l *Localizer) DropList(dropped map[string]int64) string {
	reasons := slices.Collect(maps.Keys(dropped))
	slices.SortFunc(reasons, func(a, b string) int { return cmp.Or(cmp.Compare(dropped[b], dropped[a]), cmp.Compare(a, b)) })
	parts := make([]string, 0, len(reasons))
	for _, r := range reasons {
		if dropped[r] > 0 {
			parts = append(parts, l.DropReason(r)+" "+strconv.FormatInt(dropped[r], 10))
		}
	}
	return strings.Join(parts, l.T(ListSeparator, nil))
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

// Clock formats the time of day of t ("15:04"), in the Localizer's time
// zone.
func (l *Localizer) Clock(t time.Time) string {
	return t.In(l.zone).Format("15:04")
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
	case code == "storage.near_limit":
		return l.T(ReasonStorageNearTitle, nil), l.T(ReasonStorageNearDetail, Args{
			"Used": argInt(args, "used_mb"), "Limit": argInt(args, "limit_mb"), "Percent": argInt(args, "percent"),
		})
	case code == "storage.disk_full":
		return l.T(ReasonDiskFullTitle, nil), l.T(ReasonDiskFullDetail, Args{"Free": argInt(args, "free_mb")})
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

// vendorNames are the vendors' product names, the same in every language.
var vendorNames = map[string]string{
	"fortigate": "FortiGate", "yamaha-rtx": "Yamaha RTX / NVR", "sonicwall": "SonicWall",
	"sophos-xg": "Sophos Firewall (XG)", "sophos-utm": "Sophos UTM", "watchguard": "WatchGuard Firebox",
	"paloalto": "Palo Alto (PAN-OS)", "pfsense": "pfSense / OPNsense", "cisco-asa": "Cisco ASA / FTD",
	"mikrotik": "MikroTik", "iptables": "UniFi / Linux", "cef": "CEF",
}

// VendorName is a vendor's product name ("FortiGate").
func (l *Localizer) VendorName(vendor string) string {
	if n, ok := vendorNames[vendor]; ok {
		return n
	}
	return vendor
}

// browserNames are the browsers' product names, the same in every
// language.
var browserNames = map[string]string{
	"chrome": "Google Chrome", "edge": "Microsoft Edge", "firefox": "Firefox", "brave": "Brave", "chromium": "Chromium",
}

// BrowserName is a browser's product name ("chrome" is Google Chrome).
func (l *Localizer) BrowserName(browser string) string {
	if n, ok := browserNames[browser]; ok {
		return n
	}
	return browser
}

// VendorHowto says how to point a vendor's syslog at pc:port.
func (l *Localizer) VendorHowto(vendor, pc string, port int) string {
	m, ok := vendorHowtos[vendor]
	if !ok {
		m = vendorHowtos["cef"]
	}
	return l.T(m, Args{"PC": pc, "Port": port})
}

// StateName is a finding state's name ("未対応").
func (l *Localizer) StateName(state string) string {
	if m, ok := stateNames[state]; ok {
		return l.T(m, nil)
	}
	return state
}

// OriginName says who raised a finding: Kizuki or the MSS provider.
func (l *Localizer) OriginName(origin string) string {
	if origin == "local" || origin == "" {
		return l.T(OriginLocal, nil)
	}
	return l.T(OriginMSS, Args{"Name": origin})
}

// RuleExplain says in plain words what a finding rule means and what to do.
func (l *Localizer) RuleExplain(rule string) string {
	if m, ok := ruleExplains[rule]; ok {
		return l.T(m, nil)
	}
	for _, family := range []string{"endpoint", "mss"} {
		if strings.HasPrefix(rule, family+"_") {
			return l.T(ruleExplains[family], nil)
		}
	}
	return l.T(RuleExplainOther, nil)
}
