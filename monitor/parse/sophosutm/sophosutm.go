// Package sophosutm reads Sophos UTM 9 (formerly Astaro Security
// Gateway) logs. UTM sends its own header, "2024:01:02-10:11:12 host
// prog[pid]: ", which the syslog splitter does not take for one, so this
// package reads it; the message is then either the structured id="…"
// sys="…" sub="…" key=value form of the packet filter, web proxy, IPS,
// authentication and VPN daemons, or the free text of sshd and pluto.
package sophosutm

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg is a Sophos UTM line: it starts with UTM's
// own timestamp, or (relayed behind a standard header) with UTM's
// structured id="…" … sys="…" form.
func Detect(_ syslog.Header, msg string) bool {
	if isStamp(msg) {
		return true
	}
	return strings.HasPrefix(msg, `id="`) && strings.Contains(msg, `" sys="`)
}

// Parse fills e from a Sophos UTM line and reports whether it was one.
func Parse(h syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	prog, rest := h.App, msg
	if isStamp(msg) {
		if t, ok := stampTime(msg, loc); ok {
			e.Time = t
		}
		prog, rest = programAndMessage(msg[len(stampLayout):])
	} else if !strings.HasPrefix(msg, `id="`) {
		return false
	}
	if strings.HasPrefix(rest, `id="`) {
		var r record
		field.KV(rest, r.set)
		r.fill(e)
		return true
	}
	freeText(prog, rest, e)
	return true
}

// stampLayout is UTM's timestamp with the space after it.
const stampLayout = "2006:01:02-15:04:05 "

// isStamp reports whether s starts with "2024:01:02-10:11:12 ".
func isStamp(s string) bool {
	if len(s) < len(stampLayout) {
		return false
	}
	for i := range len(stampLayout) {
		c, want := s[i], stampLayout[i]
		if want >= '0' && want <= '9' {
			if c < '0' || c > '9' {
				return false
			}
		} else if c != want {
			return false
		}
	}
	return true
}

// stampTime reads the timestamp isStamp found, in the source's zone: UTM
// writes its local time without an offset.
func stampTime(s string, loc *time.Location) (time.Time, bool) {
	return field.DateTime(s[:10], s[11:19], ':', loc)
}

// programAndMessage skips the host name and reads the "prog[pid]:" tag
// after it; without a tag the rest is all message.
func programAndMessage(s string) (prog, msg string) {
	_, s, _ = strings.Cut(s, " ") // host
	word, rest, _ := strings.Cut(s, " ")
	if len(word) < 2 || word[len(word)-1] != ':' {
		return "", s
	}
	prog = word[:len(word)-1]
	if i := strings.IndexByte(prog, '['); i > 0 {
		prog = prog[:i]
	}
	return prog, rest
}

// record holds the values of one structured line that the mapping needs.
type record struct {
	id, severity, sub, name, action, event, variant string
	srcip, dstip, srcport, dstport, proto           string
	user, caller, url, category, reason, class      string
	virus, threat                                   string
}

func (r *record) set(key, value string) bool {
	switch key {
	case "id":
		r.id = value
	case "severity":
		r.severity = value
	case "sub":
		r.sub = value
	case "name":
		r.name = value
	case "action":
		r.action = value
	case "event":
		r.event = value
	case "variant":
		r.variant = value
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
	case "user", "username":
		if value != "" {
			r.user = value
		}
	case "caller":
		r.caller = value
	case "url":
		r.url = value
	case "categoryname":
		r.category = value
	case "reason":
		r.reason = value
	case "class":
		r.class = value
	case "virus":
		r.virus = value
	case "threatname":
		r.threat = value
	}
	return true
}

func (r *record) fill(e *monitor.Event) {
	e.VendorID, e.Severity = r.id, r.severity
	e.SrcIP, e.DstIP = field.IP(r.srcip), field.IP(r.dstip)
	e.SrcPort, e.DstPort = field.Port(r.srcport), field.Port(r.dstport)
	e.Proto = protoName(r.proto)
	e.User = r.user
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther

	switch {
	case r.virus != "" || r.threat != "":
		// Antivirus in the web or mail proxy, or ATP, whatever the sub.
		e.Kind, e.Action = monitor.KindThreat, engineAction(r.action)
		e.Threat = r.virus
		if e.Threat == "" {
			e.Threat = r.threat
		}
		e.URL, e.Domain = r.url, urlHost(r.url)
		if r.sub == "http" {
			e.Service = "web"
		}
	case r.sub == "packetfilter":
		e.Kind = monitor.KindTraffic
		switch r.action {
		case "accept", "allow":
			e.Action = monitor.ActionAllow
		case "drop", "reject":
			e.Action = monitor.ActionDeny
		}
	case r.sub == "ips":
		e.Kind, e.Action = monitor.KindThreat, engineAction(r.action)
		e.Threat, e.Category = r.reason, r.class
		if e.Threat == "" {
			e.Threat = r.name // "Portscan detected" and such carry no signature
		}
	case r.sub == "http":
		if r.name == "" && r.action == "" {
			return // the proxy's own errors (id 0003)
		}
		e.Kind, e.Service = monitor.KindWeb, "web"
		e.URL, e.Domain, e.Category = r.url, urlHost(r.url), r.category
		switch r.action {
		case "pass":
			e.Action = monitor.ActionAllow
		case "block":
			e.Action = monitor.ActionBlock
		case "warn":
			e.Action = monitor.ActionAlert
		}
	case r.sub == "auth":
		e.Kind, e.Service = monitor.KindAuth, callerService(r.caller)
		switch r.name {
		case "Authentication successful":
			e.Action = monitor.ActionLoginSuccess
		case "Authentication failed":
			e.Action = monitor.ActionLoginFailure
		}
	case r.sub == "vpn":
		e.Kind, e.Service = monitor.KindVPN, variantService(r.variant)
		switch r.event {
		case "Connection started":
			e.Action = monitor.ActionTunnelUp
		case "Connection terminated":
			e.Action = monitor.ActionTunnelDown
		}
	case r.sub == "webadmin":
		r.webadmin(e)
	}
}

// webadmin maps WebAdmin's own log: sessions of administrators and the
// objects they change. Its names vary across UTM releases, so it goes by
// words rather than ids.
func (r *record) webadmin(e *monitor.Event) {
	e.Service = "admin-https"
	n := strings.ToLower(r.name)
	switch {
	case strings.Contains(n, "fail"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	case strings.Contains(n, "logged out"), strings.Contains(n, "logout"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	case strings.Contains(n, "logged in"), strings.Contains(n, "login"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
	case strings.Contains(n, "object"), strings.Contains(n, "change"), strings.Contains(n, "creat"),
		strings.Contains(n, "delet"), strings.Contains(n, "modif"):
		e.Action = monitor.ActionConfigChange
	}
}

// engineAction maps what the IPS, antivirus or ATP did.
func engineAction(action string) monitor.Action {
	switch action {
	case "drop", "block", "reject", "blocked", "quarantine":
		return monitor.ActionBlock
	case "alert", "log", "pass", "warn":
		return monitor.ActionAlert
	}
	return monitor.ActionOther
}

// callerService says which UTM service asked the authentication daemon
// (AUA) to check a password. The user portal has no service in Kizuki's
// vocabulary.
func callerService(caller string) string {
	switch caller {
	case "webadmin":
		return "admin-https"
	case "openvpn", "ssl-vpn", "sslvpn":
		return "ssl-vpn"
	case "ipsec", "pluto", "xauth":
		return "ipsec"
	case "l2tp":
		return "l2tp"
	case "pptp":
		return "pptp"
	case "sshd":
		return "admin-ssh"
	case "http", "httpproxy":
		return "web"
	case "smtp", "pop3":
		return "mail"
	}
	return ""
}

// variantService maps the remote-access VPN variant of connection events.
func variantService(variant string) string {
	switch strings.ToLower(variant) {
	case "ssl":
		return "ssl-vpn"
	case "ipsec":
		return "ipsec"
	case "l2tp":
		return "l2tp"
	case "pptp":
		return "pptp"
	}
	return ""
}

// urlHost returns the host of "https://www.example.com:8443/path".
func urlHost(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	if i := strings.LastIndexByte(rest, '@'); i >= 0 {
		rest = rest[i+1:]
	}
	if strings.HasPrefix(rest, "[") {
		return "" // an IPv6 literal
	}
	if i := strings.LastIndexByte(rest, ':'); i >= 0 {
		rest = rest[:i]
	}
	if rest == "" || field.IP(rest) != "" {
		return ""
	}
	return rest
}

// protoName turns the IP protocol number UTM logs into its name.
func protoName(s string) string {
	if name := field.ProtoNumber(s); name != "" {
		return name
	}
	if s == "" || field.IsDigits(s) {
		return s
	}
	return field.Proto(s)
}
