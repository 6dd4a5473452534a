package paloalto

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// parseSystem reads a SYSTEM log: "…,VSYS,EVENT ID,OBJECT,,,MODULE,
// SEVERITY,DESCRIPTION,…". Some senders drop the empty VSYS field, so the
// severity is looked for rather than counted to.
func parseSystem(f *fields, e *monitor.Event) bool {
	sev := 13
	if !isSeverity(f.at(sev)) && isSeverity(f.at(sev-1)) {
		sev--
	}
	eventID, desc := f.at(sev-5), f.at(sev+1)
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	e.Severity = f.at(sev)
	e.VendorID = eventID
	switch subtype := f.at(fSubtype); {
	case subtype == "globalprotect" || strings.HasPrefix(eventID, "globalprotect"):
		globalProtectEvent(eventID, desc, e)
	case subtype == "auth":
		adminAuth(eventID, desc, e)
	case subtype == "general" && strings.HasPrefix(desc, "User "):
		adminSession(desc, e)
	case subtype == "vpn":
		ipsecEvent(eventID, desc, e)
	}
	return true
}

func isSeverity(s string) bool {
	switch s {
	case "informational", "low", "medium", "high", "critical":
		return true
	}
	return false
}

// globalProtectEvent reads PAN-OS 8–9.0's GlobalProtect events, which
// come as SYSTEM logs before the GLOBALPROTECT type existed:
//
//	globalprotectgateway-auth-fail  "GlobalProtect gateway user authentication failed. Login from: 203.0.113.5, Source region: JP, User name: alice, …"
//	globalprotectportal-auth-succ   "GlobalProtect portal user authentication succeeded. Login from: …, User name: bob, …"
//	globalprotectgateway-regist-succ, globalprotectgateway-logout-succ
func globalProtectEvent(eventID, desc string, e *monitor.Event) {
	e.Kind, e.Service = monitor.KindVPN, "ssl-vpn"
	e.User = after(desc, "User name: ")
	e.SrcIP = field.IP(after(desc, "Login from: "))
	switch {
	case strings.HasSuffix(eventID, "-auth-succ"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
	case strings.HasSuffix(eventID, "-auth-fail"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	case strings.HasSuffix(eventID, "-logout-succ"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	case strings.HasSuffix(eventID, "-regist-succ"):
		e.Action = monitor.ActionTunnelUp
	}
}

// after returns the value that follows label in a description, up to the
// next comma: "User name: alice, …" → "alice".
func after(desc, label string) string {
	_, v, ok := strings.Cut(desc, label)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, ",")
	return strings.TrimSpace(v)
}

// adminAuth reads the authentication of administrators (and other users
// of the firewall's auth profiles):
//
//	auth-success  "authenticated for user 'admin'.   auth profile 'Local', vsys 'shared', From: 192.0.2.10."
//	auth-fail     "failed authentication for user 'admin'.   Reason: Invalid username/password. …, From: 203.0.113.5."
//
// The description does not say through which interface (GUI, SSH, API).
func adminAuth(eventID, desc string, e *monitor.Event) {
	switch eventID {
	case "auth-success":
		e.Action = monitor.ActionLoginSuccess
	case "auth-fail":
		e.Action = monitor.ActionLoginFailure
	default:
		return
	}
	e.Kind = monitor.KindAuth
	if _, rest, ok := strings.Cut(desc, "for user '"); ok {
		e.User, _, _ = strings.Cut(rest, "'")
	}
	if _, from, ok := strings.Cut(desc, "From: "); ok {
		from, _, _ = strings.Cut(from, " ")
		e.SrcIP = field.IP(strings.TrimSuffix(from, "."))
	}
}

// adminSession reads "User admin logged in via Web from 192.0.2.10 using
// https" and its "logged out" and "via CLI" forms.
func adminSession(desc string, e *monitor.Event) {
	user, rest, _ := strings.Cut(desc[len("User "):], " ")
	switch {
	case strings.HasPrefix(rest, "logged in "):
		e.Action = monitor.ActionLoginSuccess
	case strings.HasPrefix(rest, "logged out "):
		e.Action = monitor.ActionLogout
	default:
		return
	}
	e.Kind, e.User = monitor.KindAuth, user
	if _, from, ok := strings.Cut(rest, " from "); ok {
		from, _, _ = strings.Cut(from, " ")
		e.SrcIP = field.IP(strings.TrimSuffix(from, "."))
	}
	switch {
	case strings.Contains(rest, "via Web") && strings.Contains(rest, "using http") && !strings.Contains(rest, "using https"):
		e.Service = "admin-http"
	case strings.Contains(rest, "via Web"):
		e.Service = "admin-https"
	case strings.Contains(rest, "via CLI") && strings.Contains(rest, " from "):
		// A CLI reached from an address is SSH; the console has none.
		e.Service = "admin-ssh"
	case strings.Contains(rest, "via CLI"):
		e.Service = "admin-console"
	case strings.Contains(rest, "via XML API"), strings.Contains(rest, "via API"):
		e.Service = "admin-api"
	}
}

// ipsecEvent reads the IKE daemon's events: "ike-nego-p1-succ" (a tunnel
// comes up; "Established SA: 192.0.2.1[500]-203.0.113.5[500] …"),
// "ike-nego-p1-delete" and "ike-nego-p2-delete" (it goes down); the rest
// stay "other".
func ipsecEvent(eventID, desc string, e *monitor.Event) {
	e.Kind, e.Service = monitor.KindVPN, "ipsec"
	switch eventID {
	case "ike-nego-p1-succ":
		e.Action = monitor.ActionTunnelUp
	case "ike-nego-p1-delete", "ike-nego-p2-delete":
		e.Action = monitor.ActionTunnelDown
	}
	if _, sa, ok := strings.Cut(desc, "SA: "); ok {
		sa, _, _ = strings.Cut(sa, " ")
		local, peer, ok := strings.Cut(sa, "]-")
		if ok {
			e.DstIP, e.DstPort = bracketPort(local)
			e.SrcIP, e.SrcPort = bracketPort(peer)
		}
	}
}

// bracketPort reads "192.0.2.1[500]", with or without the closing bracket.
func bracketPort(s string) (string, int) {
	addr, port, _ := strings.Cut(s, "[")
	return field.IP(addr), field.Port(strings.TrimSuffix(port, "]"))
}

// parseGlobalProtect reads a GLOBALPROTECT log (PAN-OS 9.1+):
// "…,VSYS,EVENT ID,STAGE,AUTH METHOD,TUNNEL TYPE,SRCUSER,SRC REGION,
// MACHINE,PUBLIC IP,PUBLIC IPV6,PRIVATE IP,…,STATUS,…".
func parseGlobalProtect(f *fields, e *monitor.Event) bool {
	const (
		eventID  = 8
		srcUser  = 12
		publicIP = 15
		public6  = 16
		status   = 28
	)
	e.Kind, e.Action, e.Service = monitor.KindVPN, monitor.ActionOther, "ssl-vpn"
	e.VendorID = f.at(eventID)
	e.User = f.at(srcUser)
	if e.SrcIP = ip(f.at(publicIP)); e.SrcIP == "" {
		e.SrcIP = ip(f.at(public6))
	}
	ok, failed := f.at(status) == "success", f.at(status) == "failure"
	switch ev := f.at(eventID); {
	case (ev == "portal-auth" || ev == "gateway-auth") && ok:
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
	case (ev == "portal-auth" || ev == "gateway-auth") && failed:
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	case ev == "gateway-logout" && ok:
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	case (ev == "gateway-register" || ev == "gateway-connected") && ok:
		e.Action = monitor.ActionTunnelUp
	}
	return true
}
