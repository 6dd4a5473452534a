package paloalto

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// Fields of TRAFFIC and THREAT logs (and DECRYPTION and TUNNEL, which
// share their start), per PAN-OS's syslog field descriptions.
const (
	fSrc        = 7
	fDst        = 8
	fSrcUser    = 12
	fSport      = 24
	fDport      = 25
	fProto      = 29
	fAction     = 30
	fTrafficCat = 37 // TRAFFIC: URL category
	fURL        = 31 // THREAT: URL or file name
	fThreatID   = 32 // THREAT: "Name(ID)"
	fCategory   = 33 // THREAT: URL category, or "any"
	fSeverity   = 34 // THREAT
	fThreatCat  = 69 // THREAT: threat category (PAN-OS 10+)
)

// session fills what TRAFFIC and THREAT logs share.
func session(f *fields, e *monitor.Event) {
	e.SrcIP, e.DstIP = ip(f.at(fSrc)), ip(f.at(fDst))
	e.SrcPort, e.DstPort = field.Port(f.at(fSport)), field.Port(f.at(fDport))
	e.Proto = f.at(fProto) // PAN-OS writes "tcp", "udp", "icmp" already
	e.User = f.at(fSrcUser)
}

// parseTraffic reads a TRAFFIC log (and DECRYPTION and TUNNEL ones).
// A reset by the policy is still the policy refusing: deny. Resets by
// security profiles come in THREAT logs.
func parseTraffic(f *fields, e *monitor.Event) bool {
	session(f, e)
	if e.SrcIP == "" && e.DstIP == "" {
		return false
	}
	e.Kind = monitor.KindTraffic
	switch a := f.at(fAction); {
	case a == "allow":
		e.Action = monitor.ActionAllow
	case a == "deny", a == "drop", a == "drop-icmp", a == "drop-all", strings.HasPrefix(a, "reset-"):
		e.Action = monitor.ActionDeny
	default:
		e.Action = monitor.ActionOther
	}
	if f.at(fType) == "TRAFFIC" {
		if c := f.at(fTrafficCat); c != "any" {
			e.Category = c
		}
	}
	return true
}

// parseThreat reads a THREAT log: url → web, the rest (virus, spyware,
// vulnerability, wildfire, flood, scan, file, data) → threat. Floods are
// logged per zone, with no addresses.
func parseThreat(f *fields, e *monitor.Event) bool {
	subtype := f.at(fSubtype)
	if subtype == "" || f.at(fAction) == "" {
		return false
	}
	session(f, e)
	e.Kind = monitor.KindThreat
	if subtype == "url" {
		e.Kind = monitor.KindWeb
	}
	e.Action = threatAction(f.at(fAction))
	e.Threat, e.VendorID = nameAndID(f.at(fThreatID))
	e.Severity = f.at(fSeverity)
	switch subtype {
	case "virus", "wildfire", "wildfire-virus", "file", "data", "ml-virus":
		// Field 31 holds a file name for these.
	default:
		if u := f.at(fURL); u != "" {
			e.URL, e.Domain = u, domainOf(u)
		}
	}
	category := f.at(fCategory)
	if tc := f.at(fThreatCat); subtype != "url" && tc != "" {
		category = tc
	}
	if category != "any" {
		e.Category = category
	}
	return true
}

// threatAction maps a security profile's action: alert and allow let the
// session go on (so do continue and override, the user's choices on a
// warning page); everything else stopped it.
func threatAction(a string) monitor.Action {
	switch a {
	case "alert", "allow", "continue", "override":
		return monitor.ActionAlert
	case "":
		return monitor.ActionOther
	}
	return monitor.ActionBlock
}

// nameAndID splits "SSH User Authentication Brute Force Attempt(40015)"
// into the name and PAN-OS's threat ID. URL logs have only "(9999)".
func nameAndID(s string) (string, string) {
	if !strings.HasSuffix(s, ")") {
		return s, ""
	}
	i := strings.LastIndexByte(s, '(')
	if i < 0 || !field.IsDigits(s[i+1:len(s)-1]) {
		return s, ""
	}
	return strings.TrimSpace(s[:i]), s[i+1 : len(s)-1]
}

// domainOf returns the host of a URL as PAN-OS logs it ("example.com/path",
// "http://example.com:8080/x"), or "" when the host is an address.
func domainOf(u string) string {
	if _, after, ok := strings.Cut(u, "://"); ok {
		u = after
	}
	host, _, _ := strings.Cut(u, "/")
	if h, _, ok := strings.Cut(host, ":"); ok && !strings.Contains(h, "[") {
		host = h
	}
	if host == "" || field.IP(strings.Trim(host, "[]")) != "" {
		return ""
	}
	return host
}

// parseConfig reads a CONFIG log: "…,HOST,VSYS,COMMAND,ADMIN,CLIENT,
// RESULT,PATH,…". The client is "Web" (the HTTPS GUI) or "CLI" (SSH or
// the console, which the log does not tell apart).
func parseConfig(f *fields, e *monitor.Event) bool {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	e.SrcIP = ip(f.at(7))
	e.VendorID = f.at(9)
	e.User = f.at(10)
	if f.at(11) == "Web" {
		e.Service = "admin-https"
	}
	return true
}

// parseHIPMatch reads a HIPMATCH log, GlobalProtect's host check:
// "…,SRCUSER,VSYS,MACHINE,OS,SRC,HIP,…".
func parseHIPMatch(f *fields, e *monitor.Event) bool {
	e.Kind, e.Action, e.Service = monitor.KindVPN, monitor.ActionOther, "ssl-vpn"
	e.User = f.at(7)
	e.SrcIP = ip(f.at(11))
	e.VendorID = f.at(12)
	return true
}

// parseCorrelation reads a CORRELATION log, an event the firewall's
// correlation engine raised from others: "…,SRC,SRCUSER,VSYS,CATEGORY,
// SEVERITY,…,OBJECT NAME,OBJECT ID,EVIDENCE".
func parseCorrelation(f *fields, e *monitor.Event) bool {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
	e.SrcIP = ip(f.at(7))
	e.User = f.at(8)
	e.Category = f.at(10)
	e.Severity = f.at(11)
	e.Threat = f.at(19)
	e.VendorID = f.at(20)
	return true
}

// parseIdentity reads USERID (IP-to-user mappings learnt from directory
// servers), AUTH (Authentication Policy logins) and IPTAG logs:
// "…,VSYS,SRC,USER,…" ("…,VSYS,SRC,TAG,…" for IPTAG). Only AUTH logins
// are the firewall's own.
func parseIdentity(f *fields, e *monitor.Event) bool {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	e.SrcIP = ip(f.at(8))
	if f.at(fType) != "IPTAG" {
		e.User = f.at(9)
	}
	if f.at(fType) == "AUTH" {
		// Field 20 is the event type.
		switch f.at(20) {
		case "auth-success":
			e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
		case "auth-fail":
			e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
		}
		e.VendorID = f.at(20)
	}
	return true
}
