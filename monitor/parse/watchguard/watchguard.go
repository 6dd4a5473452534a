// Package watchguard reads the syslog of WatchGuard Firebox appliances
// (Fireware OS). Every line carries msg_id="XXXX-YYYY" after an optional
// serial number, cluster member and "(UTC timestamp)"; traffic lines then
// give positional fields ("Deny 1-Trusted 0-External 52 tcp 20 64 src dst
// sport dport …") followed by key="value" details, and alarm, event and
// authentication lines are free text.
package watchguard

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

const msgIDKey = `msg_id="`

// Detect reports whether msg is a Fireware line: a well-formed
// msg_id="HHHH-HHHH" near its start.
func Detect(_ syslog.Header, msg string) bool {
	_, ok := findMsgID(msg[:min(len(msg), 200)])
	return ok
}

// findMsgID returns where msg_id="…" starts in s.
func findMsgID(s string) (int, bool) {
	i := strings.Index(s, msgIDKey)
	if i < 0 || i > 0 && s[i-1] != ' ' || len(s) < i+len(msgIDKey)+10 {
		return 0, false
	}
	id := s[i+len(msgIDKey) : i+len(msgIDKey)+10]
	for j := range 9 {
		c := id[j]
		switch {
		case j == 4:
			if c != '-' {
				return 0, false
			}
		case !(c >= '0' && c <= '9' || c >= 'A' && c <= 'F' || c >= 'a' && c <= 'f'):
			return 0, false
		}
	}
	return i, id[9] == '"'
}

// Parse fills e from a Fireware line and reports whether it understood it.
func Parse(h syslog.Header, msg string, _ *time.Location, e *monitor.Event) bool {
	i, ok := findMsgID(msg)
	if !ok {
		return false
	}
	prefix := msg[:i]
	e.VendorID = msg[i+len(msgIDKey) : i+len(msgIDKey)+9]
	body := strings.TrimLeft(msg[i+len(msgIDKey)+10:], " ")
	e.Time = prefixTime(prefix)
	proc := procName(prefix)
	if proc == "" {
		proc = h.App
	}
	disp, rest := field.Word(body)
	switch disp {
	case "Allow", "Deny":
		parseTraffic(disp, rest, e)
	default:
		parseText(body, proc, e)
	}
	return true
}

// prefixTime reads the "(2024-05-10T09:49:05)" that Fireware puts before
// the process name. Fireware writes it in UTC whatever the Firebox's time
// zone (the syslog header carries local time: the corpus shows the two
// 5:30 apart for an Indian Firebox, a French one 1:00), so a stamp without
// an offset is read as UTC, not in the source's zone.
func prefixTime(prefix string) time.Time {
	open := strings.IndexByte(prefix, '(')
	if open < 0 {
		return time.Time{}
	}
	end := strings.IndexByte(prefix[open:], ')')
	if end < 0 {
		return time.Time{}
	}
	s := prefix[open+1 : open+end]
	layout := "2006-01-02T15:04:05"
	if len(s) > len(layout) {
		layout = time.RFC3339
	}
	t, err := time.Parse(layout, s)
	if err != nil {
		return time.Time{}
	}
	return t
}

// procName is the "firewall" of "… firewall[10]: " at the end of prefix.
func procName(prefix string) string {
	p := strings.TrimSuffix(strings.TrimRight(prefix, " "), ":")
	if i := strings.LastIndexByte(p, ' '); i >= 0 {
		p = p[i+1:]
	}
	if i := strings.IndexByte(p, '['); i >= 0 {
		p = p[:i]
	}
	if strings.HasPrefix(p, "(") {
		return ""
	}
	return p
}

// details are the key="value" pairs of a traffic line that Parse uses.
type details struct {
	msg, dstname, arg, host, path, sni, question     string
	virus, signature, signatureCat, severity, appCat string
	cats, user, srcUser, proxyAct                    string
}

// parseTraffic reads "Allow|Deny <src if> <dst if> [len] <proto> [hlen ttl]
// <src ip> <dst ip> [<sport> <dport>] … key="value" …". Interface names can
// be odd ("ppp0", "WAN-SAMPLE", even two words), so the two addresses
// anchor the parse rather than token counts.
func parseTraffic(disp, rest string, e *monitor.Event) {
	var toks [16]string
	n, addrAt := 0, -1
	r := rest
	for n < len(toks) {
		var t string
		t, r = field.Word(r)
		if t == "" {
			break
		}
		toks[n] = t
		n++
		if n >= 2 && field.IsAddr(toks[n-2]) && field.IsAddr(toks[n-1]) {
			addrAt = n - 2
			break
		}
	}
	if addrAt < 0 {
		// Not the positional layout after all: keep what the line says.
		e.Kind, e.Action = monitor.KindTraffic, dispAction(disp)
		return
	}
	e.SrcIP, e.DstIP = field.IP(toks[addrAt]), field.IP(toks[addrAt+1])
	protoAt, ifEnd := addrAt-1, addrAt-1
	if addrAt >= 4 && field.IsDigits(toks[addrAt-1]) { // "<len> <proto> <hlen> <ttl>"
		protoAt, ifEnd = addrAt-3, addrAt-4
	}
	if protoAt >= 0 {
		e.Proto = field.Lower(toks[protoAt])
	}
	if ifEnd >= 2 {
		e.Direction = direction(toks[0], toks[ifEnd-1])
	}
	if e.Proto != "icmp" && e.Proto != "ipv6-icmp" {
		sport, r2 := field.Word(r)
		dport, r3 := field.Word(r2)
		if field.IsDigits(sport) && field.IsDigits(dport) {
			e.SrcPort, e.DstPort = field.Port(sport), field.Port(dport)
			r = r3
		}
	}

	var d details
	field.KV(r, func(k, v string) bool {
		switch k {
		case "msg":
			d.msg = v
		case "dstname":
			d.dstname = v
		case "arg":
			d.arg = v
		case "host":
			d.host = v
		case "path":
			d.path = v
		case "sni":
			d.sni = v
		case "question":
			d.question = v
		case "virus":
			d.virus = v
		case "signature_name":
			d.signature = v
		case "signature_cat":
			d.signatureCat = v
		case "severity":
			d.severity = v
		case "app_cat_name":
			d.appCat = v
		case "cats":
			d.cats = v
		case "user":
			d.user = v
		case "src_user":
			d.srcUser = v
		case "proxy_act":
			d.proxyAct = v
		}
		return true
	})
	classifyTraffic(disp, &d, e)
}

// direction reads the default Fireware interface names: External is the
// WAN side, Trusted the LAN side, Firebox the appliance itself ("1-Trusted",
// "0-External" carry the interface number in front).
func direction(srcIf, dstIf string) monitor.Direction {
	src, dst := role(srcIf), role(dstIf)
	switch {
	case src == "lan" && dst == "wan":
		return monitor.DirectionOutbound
	case src == "wan" && (dst == "lan" || dst == "self"):
		return monitor.DirectionInbound
	case src == "lan" && dst == "lan":
		return monitor.DirectionInternal
	}
	return ""
}

func role(name string) string {
	if i := strings.IndexByte(name, '-'); i > 0 && field.IsDigits(name[:i]) {
		name = name[i+1:]
	}
	switch name {
	case "External":
		return "wan"
	case "Trusted":
		return "lan"
	case "Firebox":
		return "self"
	}
	return ""
}

func dispAction(disp string) monitor.Action {
	if disp == "Allow" {
		return monitor.ActionAllow
	}
	return monitor.ActionDeny
}

// classifyTraffic sorts packet-filter and proxy lines. msg= says what the
// proxy did ("ProxyDeny: HTTP request URL match", "ProxyDrop: SMTP Virus
// found"); its verb and the disposition together give the action.
func classifyTraffic(disp string, d *details, e *monitor.Event) {
	verb, text := proxyVerb(d.msg)
	engine, _ := field.Word(text)
	switch engine {
	case "HTTP", "HTTPS":
		e.Service = "web"
	case "SMTP", "POP3", "IMAP":
		e.Service = "mail"
	case "DNS":
		e.Service = "dns"
	}
	if d.srcUser != "" {
		e.User = d.srcUser
	} else {
		e.User = d.user
	}
	e.Severity = d.severity
	e.Category = firstOf(d.cats, d.signatureCat, d.appCat)
	host := firstOf(d.dstname, d.host, d.sni, d.question)
	if host != "" && !field.IsAddr(host) {
		e.Domain = host
	}
	if p := firstOf(d.arg, d.path); p != "" && host != "" && (engine == "HTTP" || engine == "HTTPS") {
		scheme := "http://"
		if engine == "HTTPS" {
			scheme = "https://"
		}
		e.URL = scheme + host + p
	}
	stopped := disp == "Deny" || verb == "Deny" || verb == "Drop" || verb == "Block" ||
		verb == "Strip" || verb == "Lock" || verb == "Replace"

	e.Threat = firstOf(d.virus, d.signature)
	switch {
	case e.Threat != "", strings.Contains(text, "APT detected"), strings.Contains(text, "IPS "),
		strings.Contains(text, "DNSWatch blackholed"), strings.Contains(text, "Bounce Attempt"):
		e.Kind = monitor.KindThreat
		e.Action = monitor.ActionAlert
		if stopped {
			e.Action = monitor.ActionBlock
		}
		return
	}

	e.Kind, e.Action = monitor.KindTraffic, dispAction(disp)
	if e.Service == "web" || strings.HasPrefix(d.proxyAct, "HTTP") || strings.HasPrefix(d.proxyAct, "Explicit") {
		e.Kind, e.Service = monitor.KindWeb, "web"
	}
	if disp == "Deny" && securityEngine(text) {
		e.Action = monitor.ActionBlock
	}
}

// securityEngine reports proxy messages written by a security service
// (WebBlocker, DNSWatch, Application Control, spamBlocker, DLP) rather
// than by a proxy action rule the admin wrote.
func securityEngine(text string) bool {
	for _, s := range [...]string{"categories", "WebBlocker", "DNSWatch", "App match", "App Match",
		"SPAM", "spam", "DLP", "reputation"} {
		if strings.Contains(text, s) {
			return true
		}
	}
	return false
}

// proxyVerb splits "ProxyDeny: HTTP request URL match" into "Deny" and
// "HTTP request URL match"; a message without the prefix has no verb.
func proxyVerb(msg string) (string, string) {
	if !strings.HasPrefix(msg, "Proxy") {
		return "", msg
	}
	verb, text, ok := strings.Cut(msg[len("Proxy"):], ": ")
	if !ok {
		return "", msg
	}
	return verb, text
}

func firstOf(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// parseText reads the free-text alarm, event and authentication lines.
func parseText(body, proc string, e *monitor.Event) {
	t := strings.TrimSpace(policySuffix(body))
	switch {
	case parseAuth(t, e):
	case parseAlarm(t, e): // before VPN: "IKE flood attack against …" is an attack
	case parseVPN(t, e):
	case strings.Contains(t, "onfiguration") &&
		(strings.Contains(t, " saved") || strings.Contains(t, " changed") || strings.Contains(t, " modified")):
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
		e.User = field.WordAfter(t, " by ")
		e.SrcIP = field.IP(field.WordAfter(t, " from "))
	default:
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	}
	if proc == "admd" && e.Kind == monitor.KindAuth && e.Service == "" {
		// admd authenticates Fireware Web UI and WSM management logins.
		e.Service = "admin-https"
	}
}

// policySuffix drops the " (Policy-Name)" that ends alarm lines.
func policySuffix(s string) string {
	if strings.HasSuffix(s, ")") {
		if i := strings.LastIndex(s, " ("); i > 0 {
			return s[:i]
		}
	}
	return s
}

// parseAuth reads the login messages of admd and sessiond:
//
//	Authentication of SSLVPN user [tanaka@Firebox-DB] from 198.51.100.7 was rejected, password is incorrect
//	Authentication of Firebox user [admin@Firebox-DB] from 10.0.1.2 was accepted
//	SSL VPN user tanaka@Firebox-DB from 198.51.100.7 logged in assigned virtual IP is 192.168.113.2
//	Management user admin@Firebox-DB from 10.0.1.2 logged out
func parseAuth(t string, e *monitor.Event) bool {
	var action monitor.Action
	switch {
	case strings.HasPrefix(t, "Authentication of "):
		switch {
		case strings.Contains(t, "accepted"), strings.Contains(t, "succeeded"):
			action = monitor.ActionLoginSuccess
		case strings.Contains(t, "rejected"), strings.Contains(t, "failed"), strings.Contains(t, "denied"):
			action = monitor.ActionLoginFailure
		default:
			return false
		}
	case strings.Contains(t, "rejected") && strings.Contains(t, "log in"),
		strings.Contains(t, "login failed"), strings.Contains(t, "failed to log in"):
		action = monitor.ActionLoginFailure
	case strings.Contains(t, " logged in"):
		action = monitor.ActionLoginSuccess
	case strings.Contains(t, " logged out"), strings.Contains(t, " logged off"):
		action = monitor.ActionLogout
	default:
		return false
	}
	e.Kind, e.Action = monitor.KindAuth, action
	e.Service = authService(t)
	if open := strings.IndexByte(t, '['); open >= 0 {
		if end := strings.IndexByte(t[open:], ']'); end > 1 {
			e.User = t[open+1 : open+end]
		}
	}
	if e.User == "" {
		e.User = field.WordAfter(t, "user ")
		if e.User == "" {
			e.User = field.WordAfter(t, "User ")
		}
	}
	if from := field.WordAfter(t, " from "); from != "" {
		if ip, port, ok := splitHostPort(from); ok {
			e.SrcIP, e.SrcPort = field.IP(ip), port
		}
	}
	return true
}

// authService names the service from how Fireware calls the login type.
func authService(t string) string {
	switch {
	case strings.Contains(t, "SSLVPN"), strings.Contains(t, "SSL VPN"), strings.Contains(t, "with SSL"):
		return "ssl-vpn"
	case strings.Contains(t, "IKEv2"), strings.Contains(t, "MUVPN"), strings.Contains(t, "IPSec"),
		strings.Contains(t, "IPsec"):
		return "ipsec"
	case strings.Contains(t, "L2TP"):
		return "l2tp"
	case strings.Contains(t, "PPTP"):
		return "pptp"
	case strings.Contains(t, "Management"), strings.Contains(t, "Web UI"), strings.Contains(t, "WebUI"):
		return "admin-https"
	case strings.Contains(t, "CLI"):
		return "admin-ssh"
	}
	return ""
}

// splitHostPort reads "198.51.100.7", "198.51.100.7:500" or an IPv6 address.
func splitHostPort(s string) (string, int, bool) {
	if field.IsAddr(s) {
		return s, 0, true
	}
	if i := strings.LastIndexByte(s, ':'); i > 0 && field.IsAddr(s[:i]) {
		return s[:i], field.Port(s[i+1:]), true
	}
	return "", 0, false
}

// parseVPN reads branch-office and mobile VPN tunnel messages:
//
//	BOVPN tunnel 'tunnel.2' local … remote … under gateway 'gateway.1' is down.
//	IKE phase-1 negotiation from 172.16.12.82:500 to 172.16.12.81:500 failed. …
func parseVPN(t string, e *monitor.Event) bool {
	if !(strings.Contains(t, "BOVPN") || strings.Contains(t, "IKE ") || strings.Contains(t, "IPSec") ||
		strings.Contains(t, "IPsec") || strings.Contains(t, "Mobile VPN") || strings.Contains(t, "tunnel")) {
		return false
	}
	e.Kind, e.Action = monitor.KindVPN, monitor.ActionOther
	e.Service = "ipsec"
	if strings.Contains(t, "SSL") {
		e.Service = "ssl-vpn"
	}
	switch {
	case strings.Contains(t, " is up"), strings.Contains(t, " established"):
		e.Action = monitor.ActionTunnelUp
	case strings.Contains(t, " is down"), strings.Contains(t, " torn down"), strings.Contains(t, " removed"):
		e.Action = monitor.ActionTunnelDown
	}
	if ip, port, ok := splitHostPort(field.WordAfter(t, " from ")); ok {
		e.SrcIP, e.SrcPort = field.IP(ip), port
	}
	if ip, port, ok := splitHostPort(field.WordAfter(t, " to ")); ok {
		e.DstIP, e.DstPort = field.IP(ip), port
	}
	return true
}

// parseAlarm reads the attack and policy alarms:
//
//	SYN flood attack against 10.0.1.51 from 175.16.199.0 detected. 500 SYN packets dropped since last alarm.
//	DDOS from client 10.0.1.34 detected.
//	Blocked port: Traffic detected from 10.0.1.2 to 175.16.199.0 on port 513.
//	Policy Name: HTTP-00 Source IP Address: 10.0.1.20 Source Port: 4107 Destination IP Address: … Destination Port: 80
func parseAlarm(t string, e *monitor.Event) bool {
	switch {
	case strings.HasPrefix(t, "Policy Name: "):
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionAlert
		e.SrcIP = field.IP(field.WordAfter(t, "Source IP Address: "))
		e.SrcPort = field.Port(field.WordAfter(t, "Source Port: "))
		e.DstIP = field.IP(field.WordAfter(t, "Destination IP Address: "))
		e.DstPort = field.Port(field.WordAfter(t, "Destination Port: "))
		return true
	case strings.HasPrefix(t, "Blocked site: "), strings.HasPrefix(t, "Blocked port: "):
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionDeny
		e.SrcIP, e.DstIP = field.IP(field.WordAfter(t, " from ")), field.IP(field.WordAfter(t, " to "))
		e.DstPort = field.Port(field.WordAfter(t, " on port "))
		return true
	case strings.HasPrefix(t, "Temporarily blocking host "):
		e.Kind, e.Action = monitor.KindThreat, monitor.ActionBlock
		e.SrcIP = field.IP(field.WordAfter(t, "host "))
		return true
	}
	name, _, ok := cutAny(t, " against ", " from ", ": ", " detected")
	if !ok || !isAttack(name) {
		return false
	}
	e.Kind, e.Action, e.Threat = monitor.KindThreat, monitor.ActionAlert, name
	if strings.Contains(t, "dropped") {
		e.Action = monitor.ActionBlock
	}
	e.DstIP = field.IP(firstOf(field.WordAfter(t, " against server "), field.WordAfter(t, " against ")))
	e.SrcIP = field.IP(firstOf(field.WordAfter(t, " from client "), field.WordAfter(t, " from ")))
	if e.DstIP == "" {
		e.DstIP = field.IP(field.WordAfter(t, " to "))
	}
	return true
}

func isAttack(name string) bool {
	for _, s := range [...]string{"attack", "flood", "scan", "DDOS", "DoS", "spoofing", "Spoofing"} {
		if strings.Contains(name, s) {
			return true
		}
	}
	return false
}

// cutAny cuts s at the earliest of seps.
func cutAny(s string, seps ...string) (before, after string, found bool) {
	best := -1
	bestLen := 0
	for _, sep := range seps {
		if i := strings.Index(s, sep); i >= 0 && (best < 0 || i < best) {
			best, bestLen = i, len(sep)
		}
	}
	if best < 0 {
		return s, "", false
	}
	return s[:best], s[best+bestLen:], true
}
