package pfsense

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// The OpenSSH reader below is also in ../iptables/sshd.go: UniFi and
// pfSense both send sshd's lines, and vendor packages do not import each
// other. Change both together.

// sshdKnown reports whether m, an sshd message, is one parseSSHD reads.
func sshdKnown(m string) bool {
	return strings.HasPrefix(m, "Failed ") || strings.HasPrefix(m, "Accepted ") ||
		strings.HasPrefix(m, "Invalid user ") || strings.HasPrefix(m, "Disconnected from user ")
}

// parseSSHD reads OpenSSH's authentication lines (without the tag):
//
//	Failed password for [invalid user ]NAME from IP port N ssh2
//	Accepted publickey for NAME from IP port N ssh2
//	Invalid user NAME from IP port N
//	Disconnected from user NAME IP port N
//
// OpenSSH logs "Invalid user" before the "Failed …" of the same attempt;
// both count as failures, as in CrowdSec's sshd parser, because servers
// that take keys only never write the second one.
func parseSSHD(m string, e *monitor.Event) bool {
	var user, rest string
	var ok bool
	switch {
	case strings.HasPrefix(m, "Failed "), strings.HasPrefix(m, "Accepted "):
		e.Action = monitor.ActionLoginFailure
		if m[0] == 'A' {
			e.Action = monitor.ActionLoginSuccess
		}
		_, after, ok := strings.Cut(m, " for ")
		if !ok {
			return false
		}
		after = strings.TrimPrefix(after, "invalid user ")
		user, rest, ok = strings.Cut(after, " from ")
		if !ok {
			return false
		}
	case strings.HasPrefix(m, "Invalid user "):
		e.Action = monitor.ActionLoginFailure
		user, rest, ok = strings.Cut(m[len("Invalid user "):], " from ")
		if !ok {
			return false
		}
	case strings.HasPrefix(m, "Disconnected from user "):
		e.Action = monitor.ActionLogout
		after := m[len("Disconnected from user "):]
		i := strings.LastIndex(after, " port ")
		if i < 0 {
			return false
		}
		sp := strings.LastIndexByte(after[:i], ' ')
		if sp < 0 {
			return false
		}
		user, rest = after[:sp], after[sp+1:]
	default:
		return false
	}
	ip, port, _ := strings.Cut(rest, " port ")
	ip, _, _ = strings.Cut(ip, " ")
	port, _, _ = strings.Cut(port, " ")
	e.SrcIP = field.IP(ip)
	if e.SrcIP == "" {
		return false
	}
	e.SrcPort = field.Port(port)
	e.User = user
	e.Kind = monitor.KindAuth
	e.Service = "admin-ssh"
	return true
}

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
