package iptables

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// The OpenSSH reader below is also in ../pfsense/sshd.go: UniFi and
// pfSense both send sshd's lines, and vendor packages do not import each
// other. Change both together.

// isSSHD reports whether s is an sshd line ("sshd[42]: …" or "sshd: …")
// that parseSSHD reads.
func isSSHD(s string) bool {
	m, ok := cutSSHDTag(s)
	return ok && sshdKnown(m)
}

// cutSSHDTag returns the message after an "sshd[pid]:" or "sshd:" tag.
func cutSSHDTag(s string) (string, bool) {
	tag, msg, ok := strings.Cut(s, ": ")
	if !ok || (tag != "sshd" && !(strings.HasPrefix(tag, "sshd[") && strings.HasSuffix(tag, "]"))) {
		return "", false
	}
	return msg, true
}

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
