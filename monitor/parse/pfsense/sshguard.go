package pfsense

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// parseSSHGuard reads sshguard, which pfSense runs against login attacks
// on its SSH server and web GUI:
//
//	Attack from "203.0.113.5" on service 100 with danger 10.
//	Blocking "203.0.113.5/32" for 120 secs (3 attacks in 5 secs, after 1 abuses over 5 secs.)
//	Blocking 203.0.113.5:4 for >630secs: 40 danger in 4 attacks over 11 seconds (all: 40d in 1 abuses over 11s).
//
// Service 100 is sshguard's code for SSH.
func parseSSHGuard(s string, e *monitor.Event) bool {
	var addr string
	switch {
	case strings.HasPrefix(s, "Attack from "):
		e.Action = monitor.ActionAlert
		addr, _, _ = strings.Cut(s[len("Attack from "):], " ")
		if strings.Contains(s, " on service 100 ") {
			e.Service = "admin-ssh"
		}
	case strings.HasPrefix(s, "Blocking "):
		e.Action = monitor.ActionBlock
		addr, _, _ = strings.Cut(s[len("Blocking "):], " ")
	default:
		return false
	}
	addr = strings.Trim(addr, `"`)
	addr, _, _ = strings.Cut(addr, "/")
	if strings.Count(addr, ":") == 1 {
		// sshguard 1.x appends the attack's danger: "203.0.113.5:4".
		addr, _, _ = strings.Cut(addr, ":")
	}
	e.SrcIP = field.IP(addr)
	if e.SrcIP == "" {
		return false
	}
	e.Kind = monitor.KindThreat
	return true
}
