// Package sshd reads OpenSSH's authentication lines, which gateways of
// several vendors send as sshd writes them (pfSense and OPNsense, UniFi
// OS): the vendor packages find the line and its tag, this package reads
// the message.
package sshd

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// Known reports whether m, an sshd message without its tag, is one Parse
// reads.
func Known(m string) bool {
	return strings.HasPrefix(m, "Failed ") || strings.HasPrefix(m, "Accepted ") ||
		strings.HasPrefix(m, "Invalid user ") || strings.HasPrefix(m, "Disconnected from user ")
}

// Parse reads OpenSSH's authentication lines (without the tag):
//
//	Failed password for [invalid user ]NAME from IP port N ssh2
//	Accepted publickey for NAME from IP port N ssh2
//	Invalid user NAME from IP port N
//	Disconnected from user NAME IP port N
//
// OpenSSH logs "Invalid user" before the "Failed …" of the same attempt;
// both count as failures, as in CrowdSec's sshd parser, because servers
// that take keys only never write the second one.
func Parse(m string, e *monitor.Event) bool {
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
