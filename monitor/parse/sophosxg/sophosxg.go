// Package sophosxg reads Sophos Firewall logs (XG, SFOS 17–20): key=value
// lines that start with device="SFW" (up to 19.0) or device_name="SFW"
// (19.5 on), classified by log_type, log_component and log_subtype.
//
// The mapping follows log_type ("Firewall", "Content Filtering", "IDP",
// "ATP", "Event"…) and log_subtype; for events the component and status
// say whether a login succeeded and which service it was for.
package sophosxg

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg is a Sophos Firewall log line.
func Detect(_ syslog.Header, msg string) bool {
	if strings.HasPrefix(msg, `device="SFW"`) || strings.HasPrefix(msg, `device_name="SFW"`) {
		return true
	}
	return (strings.HasPrefix(msg, "device=") || strings.HasPrefix(msg, "device_name=")) &&
		strings.Contains(msg, " log_type=") && strings.Contains(msg, " log_component=")
}

// record holds the values of one line that the mapping needs; all are
// substrings of the message.
type record struct {
	date, clock, timezone, timestamp              string
	logID, logType, component, subtype, status    string
	priority, severity                            string
	user, srcIP, dstIP, srcPort, dstPort, proto   string
	srcZone, dstZone, remoteIP, remoteIface       string
	localIface                                    string
	url, domain, category, virus, threat, message string
	signature, spamAction, reason, server, extra  string
	httpStatus                                    string
}

func (r *record) set(key, value string) {
	switch key {
	case "date":
		r.date = value
	case "time":
		r.clock = value
	case "timezone":
		r.timezone = value
	case "timestamp":
		r.timestamp = value
	case "log_id":
		r.logID = value
	case "log_type":
		r.logType = value
	case "log_component":
		r.component = value
	case "log_subtype":
		r.subtype = value
	case "status":
		r.status = value
	case "priority":
		r.priority = value
	case "severity":
		r.severity = value
	case "user_name", "user":
		if value != "" && value != "-" {
			r.user = value
		}
	case "src_ip", "sourceip":
		r.srcIP = value
	case "dst_ip", "destinationip", "localip":
		r.dstIP = value
	case "src_port":
		r.srcPort = value
	case "dst_port":
		r.dstPort = value
	case "protocol":
		r.proto = value
	case "src_zone_type", "srczonetype":
		r.srcZone = value
	case "dst_zone_type", "dstzonetype":
		r.dstZone = value
	case "remote_ip":
		r.remoteIP = value
	case "remoteinterfaceip":
		r.remoteIface = value
	case "localinterfaceip":
		r.localIface = value
	case "url":
		r.url = value
	case "domain", "domainname", "dstdomain":
		if value != "" {
			r.domain = value
		}
	case "category", "http_category", "application_category", "app_category", "site_category":
		if value != "" && r.category == "" {
			r.category = value
		}
	case "virus":
		r.virus = value
	case "threatname":
		r.threat = value
	case "signature_msg":
		r.signature = value
	case "message":
		r.message = value
	case "spamaction":
		r.spamAction = value
	case "reason":
		r.reason = value
	case "server":
		r.server = value
	case "extra":
		r.extra = value
	case "httpstatus":
		r.httpStatus = value
	}
}

// Parse fills e from a Sophos Firewall log line and reports whether it
// was one.
func Parse(_ syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	var r record
	field.KVRunOn(msg, func(k, v string) bool { r.set(k, v); return true })
	if r.logType == "" || r.logID == "" {
		return false
	}
	if t, ok := r.eventTime(loc); ok {
		e.Time = t
	}
	e.VendorID = r.logID
	e.Severity = r.severity
	if e.Severity == "" {
		e.Severity = r.priority
	}
	e.SrcIP, e.DstIP = field.IP(r.srcIP), field.IP(r.dstIP)
	e.SrcPort, e.DstPort = field.Port(r.srcPort), field.Port(r.dstPort)
	e.Proto = protoName(r.proto)
	e.User = r.user
	e.Direction = zoneDirection(r.srcZone, r.dstZone)

	switch r.logType {
	case "Firewall":
		r.firewall(e)
	case "Content Filtering":
		r.contentFiltering(e)
	case "Anti-Virus":
		r.antiVirus(e)
	case "Anti-Spam":
		r.antiSpam(e)
	case "IDP":
		e.Kind, e.Threat, e.Category = monitor.KindThreat, r.signature, r.category
		e.Action = detectOrDrop(r.subtype)
	case "ATP":
		e.Kind, e.Threat, e.URL = monitor.KindThreat, r.threat, r.url
		e.Action = detectOrDrop(r.subtype)
	case "Sandbox":
		e.Kind, e.Action = monitor.KindThreat, monitor.ActionOther
		if r.subtype == "Denied" {
			e.Action = monitor.ActionBlock
		}
	case "WAF":
		r.waf(e)
	case "Event":
		r.event(e)
	default:
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	}
	return true
}

func (r *record) firewall(e *monitor.Event) {
	e.Kind = monitor.KindTraffic
	switch r.subtype {
	case "Allowed":
		e.Action = monitor.ActionAllow
	case "Denied", "Drop":
		e.Action = monitor.ActionDeny
	default:
		e.Action = monitor.ActionOther
	}
	// DoS protection and Security Heartbeat (an endpoint reporting
	// itself compromised) are security engines, not the rule base.
	if e.Action == monitor.ActionDeny && (r.component == "DoS Attack" || r.component == "Heartbeat") {
		e.Kind, e.Action = monitor.KindThreat, monitor.ActionBlock
	}
}

func (r *record) contentFiltering(e *monitor.Event) {
	e.Kind = monitor.KindWeb
	e.URL, e.Domain, e.Category = r.url, domainName(r.domain), r.category
	e.Service = serviceName(r.component)
	switch r.subtype {
	case "Allowed":
		e.Action = monitor.ActionAllow
	case "Denied":
		e.Action = monitor.ActionBlock
	case "Warned", "Alert":
		e.Action = monitor.ActionAlert
	default:
		e.Action = monitor.ActionOther
	}
}

func (r *record) antiVirus(e *monitor.Event) {
	e.Service = serviceName(r.component)
	e.URL, e.Domain = r.url, domainName(r.domain)
	if r.subtype == "Virus" || r.virus != "" {
		// SFOS logs a detection only when it stopped the file
		// (Elastic reads these as event.type "denied").
		e.Kind, e.Action, e.Threat = monitor.KindThreat, monitor.ActionBlock, r.virus
		return
	}
	// A clean scan: the transfer went through.
	e.Kind, e.Action = monitor.KindTraffic, monitor.ActionAllow
}

func (r *record) antiSpam(e *monitor.Event) {
	e.Service = "mail"
	e.Domain = domainName(r.domain)
	switch r.subtype {
	case "Allowed", "Clean":
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionAllow
		return
	}
	e.Kind = monitor.KindThreat
	switch strings.ToUpper(r.spamAction) {
	case "REJECT", "DROP", "TMPREJECT", "QUARANTINE":
		e.Action = monitor.ActionBlock
	default:
		// Accepted, tagged or subject-prefixed: delivered anyway.
		e.Action = monitor.ActionAlert
	}
}

func (r *record) waf(e *monitor.Event) {
	e.Kind, e.Service = monitor.KindWeb, "web"
	host, _, _ := strings.Cut(r.server, ":")
	e.Domain = domainName(host)
	e.URL = r.url
	if e.Domain != "" && strings.HasPrefix(r.url, "/") {
		e.URL = r.server + r.url
	}
	e.Action = monitor.ActionAllow
	if r.httpStatus == "403" && r.reason != "" && r.reason != "-" {
		// The WAF answered the request itself with its reason.
		e.Action = monitor.ActionBlock
		if r.reason == "Antivirus" {
			e.Kind, e.Threat = monitor.KindThreat, r.extra
		}
	}
}

// detectOrDrop maps IPS and ATP subtypes.
func detectOrDrop(subtype string) monitor.Action {
	switch subtype {
	case "Drop", "Denied":
		return monitor.ActionBlock
	case "Detect", "Alert":
		return monitor.ActionAlert
	}
	return monitor.ActionOther
}

func (r *record) event(e *monitor.Event) {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	switch {
	case r.subtype == "Authentication" || strings.HasSuffix(r.component, " Authentication"):
		e.Kind = monitor.KindAuth
		e.Service = r.authService()
		switch {
		case r.status == "Failed":
			e.Action = monitor.ActionLoginFailure
		case strings.Contains(r.message, "logged out"):
			e.Action = monitor.ActionLogout
		case r.status == "Successful":
			e.Action = monitor.ActionLoginSuccess
		}
	case r.subtype == "Admin":
		r.admin(e)
	case r.component == "IPSec" || r.component == "SSL VPN" || r.component == "RED" ||
		r.component == "L2TP" || r.component == "PPTP":
		e.Kind = monitor.KindVPN
		e.Service = vpnService(r.component)
		switch r.status {
		case "Established", "Connected", "Up":
			e.Action = monitor.ActionTunnelUp
		case "Terminated", "Disconnected", "Down":
			e.Action = monitor.ActionTunnelDown
		}
		// Tunnel events name the peer and this side, not a source and
		// a destination.
		if e.SrcIP == "" {
			e.SrcIP = field.IP(r.remoteIP)
		}
		if e.SrcIP == "" {
			e.SrcIP = field.IP(r.remoteIface)
		}
		if e.DstIP == "" {
			e.DstIP = field.IP(r.localIface)
		}
	}
}

// authService says what a user or administrator logged in to. The
// component names the VPN for SSL VPN; "VPN Authentication" covers IPsec
// remote access, L2TP and PPTP, and the message names the latter two.
// Logins to the firewall itself (captive portal, clients) and to the
// user portal have no service in Kizuki's vocabulary.
func (r *record) authService() string {
	switch r.component {
	case "SSL VPN Authentication":
		return "ssl-vpn"
	case "VPN Authentication":
		switch {
		case strings.Contains(r.message, "L2TP"):
			return "l2tp"
		case strings.Contains(r.message, "PPTP"):
			return "pptp"
		case strings.Contains(r.message, "SSLVPN"), strings.Contains(r.message, "SSL VPN"):
			return "ssl-vpn"
		}
		return "ipsec"
	}
	return ""
}

// admin maps log_subtype="Admin": logins to the web admin console (GUI)
// and the CLI, and configuration changes made through them.
func (r *record) admin(e *monitor.Event) {
	m := r.message
	e.Service = r.adminService()
	switch {
	case r.status == "Failed" && strings.Contains(m, "login"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	case strings.Contains(m, "logged out"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	case strings.Contains(m, "logged in"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
	case strings.Contains(m, " by '"), strings.Contains(m, "changed"), strings.Contains(m, "added"),
		strings.Contains(m, "deleted"), strings.Contains(m, "updated"), strings.Contains(m, "modified"):
		e.Action = monitor.ActionConfigChange
	}
}

func (r *record) adminService() string {
	switch r.component {
	case "GUI", "API":
		return "admin-https"
	case "CLI":
		// The CLI is reached over SSH, telnet or the serial console; the
		// message says which ("… using ssh …").
		m := strings.ToLower(r.message)
		switch {
		case strings.Contains(m, "ssh"):
			return "admin-ssh"
		case strings.Contains(m, "telnet"):
			return "admin-telnet"
		case strings.Contains(m, "console"):
			return "admin-console"
		}
	}
	return ""
}

func vpnService(component string) string {
	switch component {
	case "IPSec":
		return "ipsec"
	case "SSL VPN":
		return "ssl-vpn"
	case "L2TP":
		return "l2tp"
	case "PPTP":
		return "pptp"
	}
	return "" // RED: Sophos's own site-to-site tunnel
}

// serviceName maps the protocol components of the proxies.
func serviceName(component string) string {
	switch component {
	case "HTTP", "HTTPS":
		return "web"
	case "SMTP", "SMTPS", "POP3", "POPS", "IMAP", "IMAPS":
		return "mail"
	}
	return ""
}

// zoneDirection reads the zone types SFOS logs on firewall and web
// lines. LAN, DMZ, WiFi and VPN are the company's side; LOCAL is the
// firewall itself.
func zoneDirection(src, dst string) monitor.Direction {
	inside := func(z string) bool { return z == "LAN" || z == "DMZ" || z == "WiFi" || z == "VPN" }
	switch {
	case src == "WAN" && (inside(dst) || dst == "LOCAL"):
		return monitor.DirectionInbound
	case inside(src) && dst == "WAN":
		return monitor.DirectionOutbound
	case inside(src) && (inside(dst) || dst == "LOCAL"):
		return monitor.DirectionInternal
	}
	return ""
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
		case c >= '0' && c <= '9', c == '.', c == '-', c == '_':
		default:
			return ""
		}
	}
	if !letter {
		return ""
	}
	return s
}

// protoName lowercases the protocol SFOS names ("TCP", " ICMP"); "0"
// (fragments with no protocol known) stays empty.
func protoName(s string) string {
	s = strings.TrimSpace(s)
	switch s {
	case "", "0":
		return ""
	case "ICMP6", "IPv6-ICMP":
		return "icmpv6"
	}
	return field.Proto(s)
}
