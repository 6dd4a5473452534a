// Package paloalto reads the syslog of Palo Alto Networks firewalls in
// PAN-OS's default CSV format (vendor "paloalto"): TRAFFIC, THREAT,
// SYSTEM, CONFIG, GLOBALPROTECT, HIPMATCH, CORRELATION, USERID, AUTH,
// DECRYPTION and TUNNEL logs, with the field positions of PAN-OS 9–11.
//
// Every such line starts "FUTURE_USE,receive time,serial,TYPE,subtype,…",
// which is what detection checks. Custom formats (LEEF, key=value, CEF)
// are not read here; CEF lines belong to the cef package.
package paloalto

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Fields every log type shares.
const (
	fType      = 3
	fSubtype   = 4
	fGenerated = 6
)

// Detect reports whether msg (the message after the syslog header) is a
// PAN-OS CSV log. Cheap: no allocation, no regexp.
func Detect(h syslog.Header, msg string) bool {
	if tail, ok := hostless(h, msg); ok {
		return typeAfterSerial(tail) != ""
	}
	return logType(msg) != ""
}

// Parse fills e from the line and reports whether it understood it.
func Parse(h syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	if _, ok := hostless(h, msg); ok {
		// Rare enough (a sender without a host name) to afford rebuilding
		// the line the header splitter cut in two.
		msg = h.Host + " " + msg
	}
	if logType(msg) == "" {
		return false
	}
	var f fields
	f.split(msg)
	if t, ok := panTime(f.at(fGenerated), loc); ok {
		e.Time = t
	}
	switch f.at(fType) {
	case "TRAFFIC", "DECRYPTION", "TUNNEL":
		return parseTraffic(&f, e)
	case "THREAT":
		return parseThreat(&f, e)
	case "SYSTEM":
		return parseSystem(&f, e)
	case "CONFIG":
		return parseConfig(&f, e)
	case "GLOBALPROTECT":
		return parseGlobalProtect(&f, e)
	case "HIPMATCH":
		return parseHIPMatch(&f, e)
	case "CORRELATION":
		return parseCorrelation(&f, e)
	case "USERID", "AUTH", "IPTAG":
		return parseIdentity(&f, e)
	}
	return false
}

// hostless reports whether the header splitter took the start of a PAN-OS
// line for a host name: "<14>Jul 20 23:59:02 1,2021/07/20 23:59:02,…"
// leaves Host "1,2021/07/20" and the message at the clock.
func hostless(h syslog.Header, msg string) (string, bool) {
	head, date, ok := strings.Cut(h.Host, ",")
	if !ok || !field.IsDigits(head) || len(date) != 10 || date[4] != '/' || len(msg) < 9 || msg[2] != ':' || msg[8] != ',' {
		return "", false
	}
	return msg[9:], true
}

// logType returns the log type of a PAN-OS CSV line, or "" when s is not
// one: "1,2021/07/20 23:59:02,SERIAL,TYPE,…".
func logType(s string) string {
	head, after, ok := strings.Cut(s, ",")
	if !ok || !field.IsDigits(head) || len(after) < 20 || after[4] != '/' || after[7] != '/' || after[10] != ' ' ||
		after[13] != ':' || after[16] != ':' || after[19] != ',' {
		return ""
	}
	return typeAfterSerial(after[20:])
}

// typeAfterSerial reads "SERIAL,TYPE," and returns TYPE if it is one of
// PAN-OS's log types.
func typeAfterSerial(s string) string {
	_, rest, ok := strings.Cut(s, ",")
	if !ok {
		return ""
	}
	typ, _, ok := strings.Cut(rest, ",")
	if !ok {
		return ""
	}
	switch typ {
	case "TRAFFIC", "THREAT", "SYSTEM", "CONFIG", "GLOBALPROTECT", "HIPMATCH", "CORRELATION",
		"USERID", "AUTH", "DECRYPTION", "TUNNEL", "IPTAG":
		return typ
	}
	return ""
}

// panTime reads PAN-OS's "2021/07/20 23:59:02", which carries no zone:
// the firewall writes its own local time.
func panTime(s string, loc *time.Location) (time.Time, bool) {
	if len(s) != 19 || s[10] != ' ' {
		return time.Time{}, false
	}
	// The year's digits are checked when ok.
	if t, ok := field.DateTime(s[:10], s[11:], '/', loc); ok && s[:4] >= "1970" {
		return t, true
	}
	return time.Time{}, false
}

// ip returns s as an address, leaving out the 0.0.0.0 and :: that PAN-OS
// writes for "none".
func ip(s string) string {
	if s == "" || s == "0.0.0.0" || s == "::" {
		return ""
	}
	return field.IP(s)
}
