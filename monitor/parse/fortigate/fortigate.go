// Package fortigate reads FortiGate (FortiOS 5.x–7.x) logs: the key=value
// text FortiOS sends over syslog, with or without a syslog header in front
// ("date=… time=… logid=… type=traffic …" is the common case).
//
// One pass over the pairs keeps the values that matter; the mapping to
// Kizuki's vocabulary then looks only at type, subtype, action and status,
// so every log id FortiOS adds later still lands somewhere sensible.
package fortigate

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg is a FortiGate key=value log: every FortiOS
// log carries logid= early on and type= after it. Sophos writes log_id=,
// FortiMail and FortiWeb log_id= too, so they do not match.
func Detect(_ syslog.Header, msg string) bool {
	head := msg[:min(len(msg), 512)]
	i := strings.Index(head, "logid=")
	if i < 0 || (i > 0 && msg[i-1] != ' ') {
		return false
	}
	return strings.Contains(msg[i:], " type=")
}

// record holds the values of one line that the mapping needs; all are
// substrings of the message.
type record struct {
	date, clock, tz, eventtime                   string
	logid, typ, subtype, eventtype, level        string
	srcip, dstip, srcport, dstport, proto        string
	remip, locip, remport, locport               string
	srcrole, dstrole                             string
	action, status, user, xauthuser, ui, method  string
	logdesc, msg, service, tunneltype, cfgpath   string
	virus, attack, hostname, url, catdesc, qname string
	app, appcat, botnetdomain, botnetip          string
}

func (r *record) set(key, value string) bool {
	switch key {
	case "date":
		r.date = value
	case "time":
		r.clock = value
	case "tz":
		r.tz = value
	case "eventtime":
		r.eventtime = value
	case "logid":
		r.logid = value
	case "type":
		r.typ = value
	case "subtype":
		r.subtype = value
	case "eventtype":
		r.eventtype = value
	case "level":
		r.level = value
	case "srcip":
		r.srcip = value
	case "dstip":
		r.dstip = value
	case "srcport":
		r.srcport = value
	case "dstport":
		r.dstport = value
	case "proto":
		r.proto = value
	case "remip":
		r.remip = value
	case "locip":
		r.locip = value
	case "remport":
		r.remport = value
	case "locport":
		r.locport = value
	case "srcintfrole":
		r.srcrole = value
	case "dstintfrole":
		r.dstrole = value
	case "action":
		r.action = value
	case "status":
		r.status = value
	case "user":
		r.user = value
	case "xauthuser":
		r.xauthuser = value
	case "ui":
		r.ui = value
	case "method":
		r.method = value
	case "logdesc":
		r.logdesc = value
	case "msg":
		r.msg = value
	case "service":
		r.service = value
	case "tunneltype":
		r.tunneltype = value
	case "cfgpath":
		r.cfgpath = value
	case "virus":
		r.virus = value
	case "attack":
		r.attack = value
	case "hostname":
		r.hostname = value
	case "url":
		r.url = value
	case "catdesc":
		r.catdesc = value
	case "qname":
		r.qname = value
	case "app":
		r.app = value
	case "appcat":
		r.appcat = value
	case "botnetdomain":
		r.botnetdomain = value
	case "botnetip":
		r.botnetip = value
	}
	return true
}

// Parse fills e from a FortiGate log line and reports whether it was one.
func Parse(_ syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	var r record
	field.KV(msg, r.set)
	if r.logid == "" || r.typ == "" {
		return false
	}
	if t, ok := r.time(loc); ok {
		e.Time = t
	}
	e.VendorID = r.logid
	e.Severity = r.level
	e.SrcIP, e.DstIP = field.IP(r.srcip), field.IP(r.dstip)
	e.SrcPort, e.DstPort = field.Port(r.srcport), field.Port(r.dstport)
	e.Proto = protoName(r.proto)
	e.User = r.userName()

	switch r.typ {
	case "traffic":
		r.traffic(e)
	case "utm":
		r.utm(r.subtype, e)
	case "event":
		r.event(e)
	case "virus", "webfilter", "ips", "app-ctrl", "anomaly", "dlp", "emailfilter", "dns", "waf":
		// FortiOS 5.0 and earlier put the UTM engine in type itself.
		r.utm(r.typ, e)
	default:
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	}
	return true
}

// userName is the user the line names; FortiOS writes "N/A" for none, and
// IPsec dial-up users appear only as the XAuth user.
func (r *record) userName() string {
	if r.user != "" && r.user != "N/A" {
		return r.user
	}
	if r.xauthuser != "" && r.xauthuser != "N/A" {
		return r.xauthuser
	}
	return ""
}

func (r *record) traffic(e *monitor.Event) {
	e.Kind = monitor.KindTraffic
	action := r.action
	if action == "" {
		action = r.status // FortiOS 4 and 5.0 wrote the verdict as status
	}
	switch action {
	case "accept", "close", "timeout", "server-rst", "client-rst", "start":
		e.Action = monitor.ActionAllow
	case "deny":
		e.Action = monitor.ActionDeny
	default:
		// "dns" and "ip-conn" record sessions that failed before any
		// policy verdict (name resolution, unreachable host).
		e.Action = monitor.ActionOther
	}
	e.Service = serviceName(r.service)
	e.Direction = r.direction()
}

// direction reads the interface roles FortiOS 6+ logs. Local-in traffic
// ends at the FortiGate itself, whose role is "undefined": the source
// role alone says where it came from.
func (r *record) direction() monitor.Direction {
	if r.subtype == "local" && r.dstrole == "undefined" {
		switch r.srcrole {
		case "wan":
			return monitor.DirectionInbound
		case "lan", "dmz":
			return monitor.DirectionInternal
		}
		return ""
	}
	src, dst := r.srcrole, r.dstrole
	switch {
	case src == "wan" && (dst == "lan" || dst == "dmz"):
		return monitor.DirectionInbound
	case (src == "lan" || src == "dmz") && dst == "wan":
		return monitor.DirectionOutbound
	case (src == "lan" || src == "dmz") && (dst == "lan" || dst == "dmz"):
		return monitor.DirectionInternal
	}
	return ""
}

// utm maps a security profile log. engine is the UTM subtype (or, before
// FortiOS 5.2, the type).
func (r *record) utm(engine string, e *monitor.Event) {
	e.Direction = r.direction()
	e.Service = serviceName(r.service)
	e.Kind = monitor.KindThreat
	e.Action = engineAction(r.action)
	switch engine {
	case "virus":
		e.Threat = r.virus
		e.URL = r.fullURL()
	case "ips", "anomaly":
		e.Threat = r.attack
		e.URL = r.fullURL()
		e.Domain = domainName(r.hostname)
	case "webfilter":
		e.Kind = monitor.KindWeb
		e.Category = r.catdesc
		e.URL = r.fullURL()
		e.Domain = domainName(r.hostname)
		// An allowed category is ordinary browsing, not something seen
		// and let through; monitored categories stay alerts.
		if r.eventtype == "ftgd_allow" && e.Action == monitor.ActionAlert && strings.Contains(r.msg, "allowed") {
			e.Action = monitor.ActionAllow
		}
	case "app-ctrl":
		e.URL = r.fullURL()
		e.Domain = domainName(r.hostname)
		e.Category = r.appcat
		if r.appcat == "Botnet" {
			e.Threat = r.app
			break
		}
		// Application control sees every application; a pass of an
		// ordinary one is allowed traffic, not an alert.
		e.Kind = monitor.KindWeb
		if e.Action == monitor.ActionAlert {
			e.Action = monitor.ActionAllow
		}
	case "dns":
		e.Kind = monitor.KindWeb
		e.Service = "dns"
		e.Domain = domainName(r.qname)
		e.Category = r.catdesc
		switch {
		case r.botnetdomain != "" || r.botnetip != "":
			e.Kind = monitor.KindThreat
			e.Threat = r.botnetdomain
			if e.Threat == "" {
				e.Threat = r.botnetip
			}
		case r.action == "":
			// dns-query logs record the question before any verdict.
			e.Action = monitor.ActionOther
		}
	case "ssl":
		// Certificate inspection guards TLS sessions, mostly browsing.
		e.Kind = monitor.KindWeb
		e.Domain = domainName(r.hostname)
	default:
		e.URL = r.fullURL()
		e.Domain = domainName(r.hostname)
	}
}

// engineAction maps what a security engine did.
func engineAction(action string) monitor.Action {
	switch action {
	case "blocked", "block", "dropped", "drop", "reset", "clear_session", "reject", "deny", "redirect", "quarantine":
		return monitor.ActionBlock
	case "passthrough", "monitored", "detected", "pass", "pass_session", "allow", "warning":
		return monitor.ActionAlert
	}
	return monitor.ActionOther
}

// fullURL joins hostname and url as FortiOS splits them ("/" on
// "www.example.com"); absolute URLs are kept as they are.
func (r *record) fullURL() string {
	if r.url == "" || r.url[0] != '/' {
		return r.url
	}
	if domainName(r.hostname) != "" || field.IP(r.hostname) != "" {
		return r.hostname + r.url
	}
	return r.url
}

// domainName returns s when it looks like a host name, "" for IP
// addresses and mangled values.
func domainName(s string) string {
	if s == "" || len(s) > 253 {
		return ""
	}
	letter := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z':
			letter = true
		case c >= '0' && c <= '9', c == '.', c == '-', c == '_', c == '*':
		default:
			return ""
		}
	}
	if !letter {
		return "" // an IPv4 address
	}
	return s
}

func (r *record) event(e *monitor.Event) {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	switch r.subtype {
	case "system":
		r.systemEvent(e)
	case "vpn":
		r.vpnEvent(e)
	case "user":
		e.Kind = monitor.KindAuth
		if r.action == "authentication" {
			e.Action = outcome(r.status)
		}
	}
	if e.SrcIP == "" && r.remip != "" {
		// VPN events name the peer and this side instead of src and dst.
		e.SrcIP, e.DstIP = field.IP(r.remip), field.IP(r.locip)
		e.SrcPort, e.DstPort = field.Port(r.remport), field.Port(r.locport)
	}
}

func (r *record) systemEvent(e *monitor.Event) {
	switch {
	case r.action == "login":
		e.Kind, e.Action = monitor.KindAuth, outcome(r.status)
	case r.action == "logout":
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	case r.cfgpath != "":
		// "Attribute configured" and friends: action is Edit, Add,
		// Delete, Move, Rename… whatever was done, the config changed.
		e.Action = monitor.ActionConfigChange
	default:
		return
	}
	e.Service = adminService(r.ui, r.method)
	if e.SrcIP == "" {
		e.SrcIP = field.IP(uiAddress(r.ui))
	}
}

// outcome maps the status of a login or authentication.
func outcome(status string) monitor.Action {
	switch status {
	case "success":
		return monitor.ActionLoginSuccess
	case "failed", "failure":
		return monitor.ActionLoginFailure
	}
	return monitor.ActionOther
}

func (r *record) vpnEvent(e *monitor.Event) {
	e.Kind = monitor.KindVPN
	e.Service = r.vpnService()
	switch {
	case strings.HasSuffix(r.action, "login-fail"):
		// ssl-login-fail, ssl-web-login-fail: a VPN user's wrong
		// password is an authentication event.
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
		if e.Service == "" {
			e.Service = "ssl-vpn"
		}
	case r.action == "tunnel-up":
		e.Action = monitor.ActionTunnelUp
	case r.action == "tunnel-down":
		e.Action = monitor.ActionTunnelDown
	}
}

func (r *record) vpnService() string {
	switch {
	case strings.HasPrefix(r.tunneltype, "ssl"):
		return "ssl-vpn"
	case strings.HasPrefix(r.tunneltype, "ipsec"):
		return "ipsec"
	case strings.HasPrefix(r.action, "ssl-"):
		return "ssl-vpn"
	case strings.Contains(r.logdesc, "IPsec"):
		return "ipsec"
	case strings.Contains(r.logdesc, "SSL"):
		return "ssl-vpn"
	}
	return ""
}

// adminService reads how an administrator connected: ui is
// "https(192.0.2.1)", "ssh(…)", "GUI(…)", "console"…; method repeats the
// protocol on some versions.
func adminService(ui, method string) string {
	name := ui
	if i := strings.IndexByte(name, '('); i >= 0 {
		name = name[:i]
	}
	if name == "" {
		name = method
	}
	switch strings.ToLower(name) {
	case "https", "gui", "jsconsole":
		// "GUI" and the GUI's CLI widget ride on the web admin
		// interface, which FortiOS serves over HTTPS.
		return "admin-https"
	case "http":
		return "admin-http"
	case "ssh":
		return "admin-ssh"
	case "telnet":
		return "admin-telnet"
	case "console":
		return "admin-console"
	}
	return ""
}

// uiAddress returns the address inside "ssh(192.0.2.1)".
func uiAddress(ui string) string {
	i := strings.IndexByte(ui, '(')
	if i < 0 || !strings.HasSuffix(ui, ")") {
		return ""
	}
	return ui[i+1 : len(ui)-1]
}

// serviceName maps FortiOS service names to Kizuki's service vocabulary;
// services outside it stay empty.
func serviceName(s string) string {
	switch s {
	case "HTTP", "HTTPS":
		return "web"
	case "DNS":
		return "dns"
	case "SMTP", "SMTPS", "POP3", "POP3S", "IMAP", "IMAPS":
		return "mail"
	}
	return ""
}

// protoName turns an IP protocol number into the lowercase name Kizuki
// uses; numbers without a common name stay as numbers.
func protoName(s string) string {
	if name := field.ProtoNumber(s); name != "" {
		return name
	}
	if s == "132" {
		return "sctp"
	}
	if !field.IsDigits(s) {
		return ""
	}
	return s
}
