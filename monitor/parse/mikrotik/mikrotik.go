// Package mikrotik reads the syslog of MikroTik RouterOS routers (vendor
// "mikrotik").
//
// RouterOS starts every message with its topics ("firewall,info",
// "system,error,critical", "l2tp,ppp,info,account"), which no other
// supported vendor writes, so detection goes by them. Firewall records
// ("input: in:ether1 out:(unknown 0), …, proto TCP (SYN),
// 203.0.113.5:51234->192.0.2.1:22, len 60") are also recognized without
// topics, since a rule's log-prefix may be all that precedes them. Rules
// log whatever their action, and the record does not say which: only a
// log-prefix with a verdict word ("drop-in") tells deny from allow.
package mikrotik

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg (the message after the syslog header) is a
// RouterOS message. Cheap: no allocation, no regexp.
func Detect(h syslog.Header, msg string) bool {
	topics, body := cutTopics(h, msg)
	if topics != "" {
		return true
	}
	_, _, ok := firewallRecord(h.App, body)
	return ok
}

// Parse fills e from the line and reports whether it understood it.
func Parse(h syslog.Header, msg string, _ *time.Location, e *monitor.Event) bool {
	topics, body := cutTopics(h, msg)
	if prefix, rec, ok := firewallRecord(h.App, body); ok {
		return parseFirewall(prefix, rec, e)
	}
	if topics == "" {
		return false
	}
	switch {
	case parseAdminLogin(body, e), parsePPP(topics, body, e), parseConfigChange(body, e), parseIPsec(topics, body, e):
	case hasTopic(topics, "firewall"):
		return false
	default:
		// Everything else RouterOS says (DHCP leases, links going up,
		// scripts): kept as what it is about, with its level.
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
		if vpnTopic(topics) != "" || hasTopic(topics, "ipsec") {
			e.Kind = monitor.KindVPN
		}
	}
	e.Severity = level(topics)
	return true
}

// cutTopics splits the topics off the message. Without a host name in
// the header, the header splitter has taken the topics for one.
func cutTopics(h syslog.Header, msg string) (topics, body string) {
	first, rest, _ := strings.Cut(msg, " ")
	if isTopics(first) {
		return first, rest
	}
	if h.App == "" && isTopics(h.Host) {
		return h.Host, msg
	}
	return "", msg
}

// isTopics reports whether s is a RouterOS topic list: lowercase words
// joined by commas, one of them a level or "account".
func isTopics(s string) bool {
	if !strings.Contains(s, ",") {
		return false
	}
	leveled := false
	for part := range strings.SplitSeq(s, ",") {
		if part == "" {
			return false
		}
		for i := 0; i < len(part); i++ {
			if c := part[i]; !(c >= 'a' && c <= 'z' || c == '-' || c >= '0' && c <= '9') {
				return false
			}
		}
		switch part {
		case "info", "warning", "error", "critical", "debug", "account", "packet", "raw":
			leveled = true
		}
	}
	return leveled
}

func hasTopic(topics, t string) bool {
	for part := range strings.SplitSeq(topics, ",") {
		if part == t {
			return true
		}
	}
	return false
}

// level returns the most severe level among the topics.
func level(topics string) string {
	for _, l := range [...]string{"critical", "error", "warning", "info", "debug"} {
		if hasTopic(topics, l) {
			return l
		}
	}
	return ""
}

// parseAdminLogin reads the logins of the router's own users:
//
//	user admin logged in from 192.0.2.10 via winbox
//	user admin logged out from 192.0.2.10 via ssh
//	user admin logged in via local
//	login failure for user admin from 203.0.113.5 via ssh
func parseAdminLogin(s string, e *monitor.Event) bool {
	var user, rest string
	switch {
	case strings.HasPrefix(s, "login failure for user "):
		e.Action = monitor.ActionLoginFailure
		user, rest, _ = strings.Cut(s[len("login failure for user "):], " ")
	case strings.HasPrefix(s, "user "):
		var verb string
		user, verb, _ = strings.Cut(s[len("user "):], " ")
		switch {
		case strings.HasPrefix(verb, "logged in "):
			e.Action, rest = monitor.ActionLoginSuccess, verb[len("logged in "):]
		case strings.HasPrefix(verb, "logged out "):
			e.Action, rest = monitor.ActionLogout, verb[len("logged out "):]
		default:
			return false
		}
	default:
		return false
	}
	if user == "" {
		return false
	}
	if after, ok := strings.CutPrefix(rest, "from "); ok {
		var ip string
		ip, rest, _ = strings.Cut(after, " ")
		e.SrcIP = field.IP(ip)
	}
	if via, ok := strings.CutPrefix(rest, "via "); ok {
		e.Service = adminService(via)
	}
	e.Kind, e.User = monitor.KindAuth, user
	return true
}

// adminService names the way an administrator reached RouterOS. Winbox,
// the API and FTP have no name in ARCHITECTURE.md's list; they keep the
// "admin-" form so rules about administrative access still match them.
func adminService(via string) string {
	switch via {
	case "ssh":
		return "admin-ssh"
	case "telnet":
		return "admin-telnet"
	case "web":
		// RouterOS says "web" for WebFig over both www and www-ssl; the
		// plain-HTTP service is the one enabled by default.
		return "admin-http"
	case "winbox":
		return "admin-winbox"
	case "api", "api-ssl":
		return "admin-api"
	case "ftp":
		return "admin-ftp"
	case "local", "serial", "console":
		return "admin-console"
	}
	return ""
}

// parseConfigChange reads "mangle rule changed by admin" and RouterOS 7's
// "address added by winbox-3.40/tcp-msg(winbox):admin@192.0.2.10 (…)".
func parseConfigChange(s string, e *monitor.Event) bool {
	var who string
	found := false
	for _, verb := range [...]string{" changed by ", " added by ", " removed by ", " moved by "} {
		if i := strings.Index(s, verb); i > 0 {
			who, found = s[i+len(verb):], true
			break
		}
	}
	if !found {
		return false
	}
	who, _, _ = strings.Cut(who, " ")
	if i := strings.LastIndexByte(who, ':'); i >= 0 {
		who = who[i+1:]
	}
	if name, ip, ok := strings.Cut(who, "@"); ok {
		who = name
		e.SrcIP = field.IP(ip)
	}
	e.Kind, e.Action, e.User = monitor.KindSystem, monitor.ActionConfigChange, who
	return true
}

// vpnTopic names the VPN service a topic list is about, if any.
func vpnTopic(topics string) string {
	switch {
	case hasTopic(topics, "l2tp"):
		return "l2tp"
	case hasTopic(topics, "pptp"):
		return "pptp"
	case hasTopic(topics, "sstp"), hasTopic(topics, "ovpn"):
		return "ssl-vpn"
	}
	return ""
}

// parsePPP reads the account lines of RouterOS's VPN servers:
//
//	l2tp,ppp,info,account alice logged in, 10.10.10.2 from 203.0.113.5
//	l2tp,ppp,info,account alice logged out, 61 4184 2880 36 31 from 203.0.113.5
//	l2tp,ppp,error <l2tp-0>: user alice authentication failed
//	l2tp,ppp,info <l2tp-alice>: connected
//	ovpn,info TCP connection established from 203.0.113.5
func parsePPP(topics, s string, e *monitor.Event) bool {
	service := vpnTopic(topics)
	if service == "" {
		return false
	}
	if iface, rest, ok := strings.Cut(s, ": "); ok && strings.HasPrefix(iface, "<") {
		switch {
		case strings.HasPrefix(rest, "user ") && strings.HasSuffix(rest, " authentication failed"):
			e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
			e.User = strings.TrimSuffix(rest[len("user "):], " authentication failed")
		case rest == "connected":
			e.Kind, e.Action = monitor.KindVPN, monitor.ActionTunnelUp
		case rest == "disconnected":
			e.Kind, e.Action = monitor.KindVPN, monitor.ActionTunnelDown
		default:
			return false
		}
		e.Service = service
		return true
	}
	if from, ok := strings.CutPrefix(s, "TCP connection established from "); ok {
		e.Kind, e.Action, e.Service = monitor.KindVPN, monitor.ActionOther, service
		e.SrcIP = field.IP(from)
		return true
	}
	user, rest, ok := strings.Cut(s, " ")
	if !ok {
		return false
	}
	switch {
	case strings.HasPrefix(rest, "logged in,"):
		e.Action = monitor.ActionLoginSuccess
	case strings.HasPrefix(rest, "logged out,"):
		e.Action = monitor.ActionLogout
	default:
		return false
	}
	if _, from, ok := strings.Cut(rest, " from "); ok {
		e.SrcIP = field.IP(strings.TrimSpace(from))
	}
	e.Kind, e.User, e.Service = monitor.KindAuth, user, service
	return true
}

// parseIPsec reads the phase 1 lines of RouterOS's IKE daemon:
// "ISAKMP-SA established 192.0.2.1[500]-203.0.113.5[500] spi:…" and
// "ISAKMP-SA deleted …" (the second address is the peer), and its errors,
// which start with the peer's address.
func parseIPsec(topics, s string, e *monitor.Event) bool {
	if !hasTopic(topics, "ipsec") {
		return false
	}
	var rest string
	first, _, _ := strings.Cut(s, " ")
	switch peer := field.IP(first); {
	case peer != "":
		e.Action, e.SrcIP = monitor.ActionOther, peer
		e.Kind, e.Service = monitor.KindVPN, "ipsec"
		return true
	case strings.HasPrefix(s, "ISAKMP-SA established "):
		e.Action, rest = monitor.ActionTunnelUp, s[len("ISAKMP-SA established "):]
	case strings.HasPrefix(s, "ISAKMP-SA deleted "):
		e.Action, rest = monitor.ActionTunnelDown, s[len("ISAKMP-SA deleted "):]
	default:
		return false
	}
	pair, _, _ := strings.Cut(rest, " ")
	local, peer, ok := cutAt(pair, "]-")
	if ok {
		e.DstIP, e.DstPort = bracketPort(local)
		e.SrcIP, e.SrcPort = bracketPort(peer)
	}
	e.Kind, e.Service = monitor.KindVPN, "ipsec"
	return true
}

func cutAt(s, sep string) (before, after string, ok bool) {
	i := strings.Index(s, sep)
	if i < 0 {
		return s, "", false
	}
	return s[:i], s[i+len(sep):], true
}

// bracketPort reads "192.0.2.1[500]", with or without the closing bracket.
func bracketPort(s string) (string, int) {
	ip, port, ok := strings.Cut(s, "[")
	if !ok {
		return field.IP(ip), 0
	}
	return field.IP(ip), field.Port(strings.TrimSuffix(port, "]"))
}
