// Package sonicwall reads the syslog of SonicWall firewalls (SonicOS 5 to
// 7): key=value lines that start with "id=<name> sn=<serial>", carry the
// event's message id in m= and its text in msg=, and write endpoints as
// src=IP:port:interface[:host].
//
// Lines are classified by message id first (the ids of SonicWall's Log
// Events Reference Guide) and by the message text for ids outside that
// table, so a firmware that adds ids still gives useful events.
package sonicwall

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg is a SonicWall line: "id=… sn=…", possibly
// after one word (the sender's address that some relays put in front).
// Stormshield writes a similar "id=firewall time=…" line but never sn=.
func Detect(_ syslog.Header, msg string) bool {
	s := msg
	if !strings.HasPrefix(s, "id=") {
		i := strings.IndexByte(s, ' ')
		if i <= 0 || i > 64 {
			return false
		}
		s = strings.TrimLeft(s[i+1:], " ")
		if !strings.HasPrefix(s, "id=") {
			return false
		}
	}
	return strings.Contains(s[:min(len(s), 128)], " sn=")
}

// line holds the values of one line that Parse uses.
type line struct {
	m, msg, time, pri              string
	src, dst, srcV6, dstV6, proto  string
	srcZone, dstZone               string
	usr, sess, fwAction            string
	dstname, arg, category, ipscat string
}

// Parse fills e from a SonicWall line and reports whether it understood it
// (a line without m= and msg= is not an event SonicOS writes).
func Parse(_ syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	var l line
	field.KV(msg, func(k, v string) bool {
		switch k {
		case "m":
			l.m = v
		case "msg":
			if l.msg == "" { // IPS lines repeat msg=; the first is the full one
				l.msg = v
			}
		case "time":
			l.time = v
		case "pri":
			l.pri = v
		case "src":
			l.src = v
		case "dst":
			l.dst = v
		case "srcV6":
			l.srcV6 = v
		case "dstV6":
			l.dstV6 = v
		case "proto":
			l.proto = v
		case "srcZone":
			l.srcZone = v
		case "dstZone":
			l.dstZone = v
		case "usr", "user":
			l.usr = v
		case "sess":
			l.sess = v
		case "fw_action":
			l.fwAction = v
		case "dstname":
			l.dstname = v
		case "arg":
			l.arg = v
		case "Category":
			l.category = v
		case "ipscat":
			l.ipscat = v
		}
		return true
	})
	if l.m == "" && l.msg == "" {
		return false
	}
	e.VendorID = l.m
	e.Time = eventTime(l.time, loc)
	e.Severity = severityName(l.pri)
	fillEndpoints(&l, e)
	if p, _, _ := strings.Cut(l.proto, "/"); p != "" {
		e.Proto = field.Lower(p)
	}
	if l.usr != "" && !strings.HasPrefix(l.usr, "Unknown") {
		e.User = l.usr
	}
	if l.category != "" && l.category != "Not Rated" {
		e.Category = l.category
	}
	classify(&l, e)
	return true
}

// eventTime reads time="2024-01-02 10:11:12" (the firewall's clock) or
// "… UTC" when the firewall is set to log in UTC.
func eventTime(s string, loc *time.Location) time.Time {
	const layout = "2006-01-02 15:04:05"
	if len(s) < len(layout) {
		return time.Time{}
	}
	zone := loc
	if strings.TrimSpace(s[len(layout):]) == "UTC" {
		zone = time.UTC
	}
	t, err := time.ParseInLocation(layout, s[:len(layout)], zone)
	if err != nil {
		return time.Time{}
	}
	return t
}

// severityName writes SonicWall's pri=, a syslog severity number, as its
// syslog keyword: an owner reads "alert", not "1".
func severityName(pri string) string {
	if len(pri) == 1 && pri[0] >= '0' && pri[0] <= '7' {
		return syslogLevels[pri[0]-'0']
	}
	return ""
}

var syslogLevels = [...]string{"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"}

// fillEndpoints reads src= and dst= ("IP:port:interface[:host]"; the IP
// part is empty for IPv6, which comes in srcV6=/dstV6=) and, from zone or
// interface names that say it, the direction.
func fillEndpoints(l *line, e *monitor.Event) {
	srcIP, srcPort, srcIf := endpoint(l.src)
	dstIP, dstPort, dstIf := endpoint(l.dst)
	if l.srcV6 != "" {
		srcIP = l.srcV6
	}
	if l.dstV6 != "" {
		dstIP = l.dstV6
	}
	if srcIP == "" && dstIP == "" {
		// Some flood messages carry the endpoints only in their text:
		// "Possible TCP Flood on IF X1 - src: 198.51.100.7:80 dst: …".
		srcIP, srcPort = textEndpoint(l.msg, " src: ")
		dstIP, dstPort = textEndpoint(l.msg, " dst: ")
	}
	e.SrcIP, e.SrcPort = field.IP(srcIP), srcPort
	e.DstIP, e.DstPort = field.IP(dstIP), dstPort

	srcRole, dstRole := role(l.srcZone), role(l.dstZone)
	if srcRole == "" && dstRole == "" {
		srcRole, dstRole = role(srcIf), role(dstIf)
	}
	switch {
	case srcRole == "lan" && dstRole == "wan":
		e.Direction = monitor.DirectionOutbound
	case srcRole == "wan" && dstRole == "lan":
		e.Direction = monitor.DirectionInbound
	case srcRole == "lan" && dstRole == "lan":
		e.Direction = monitor.DirectionInternal
	}
}

func endpoint(v string) (ip string, port int, iface string) {
	ip, rest, _ := strings.Cut(v, ":")
	p, rest, _ := strings.Cut(rest, ":")
	iface, _, _ = strings.Cut(rest, ":")
	return ip, field.Port(p), iface
}

// textEndpoint reads the "IP:port" that follows key in a message text.
func textEndpoint(msg, key string) (ip string, port int) {
	_, rest, ok := strings.Cut(msg, key)
	if !ok {
		return "", 0
	}
	if i := strings.IndexByte(rest, ' '); i >= 0 {
		rest = rest[:i]
	}
	i := strings.LastIndexByte(rest, ':')
	if i < 0 {
		return rest, 0
	}
	return rest[:i], field.Port(rest[i+1:])
}

// role tells the LAN and WAN sides apart by the names SonicOS gives them
// out of the box: the zones LAN and WAN (security types Trusted and
// Untrusted) and, on older firmware, the interfaces LAN and WAN. X0/X1
// are only defaults and are often reassigned, so they say nothing.
func role(name string) string {
	switch {
	case strings.EqualFold(name, "LAN"), strings.EqualFold(name, "Trusted"):
		return "lan"
	case strings.EqualFold(name, "WAN"), strings.EqualFold(name, "Untrusted"):
		return "wan"
	}
	return ""
}

// classify sets Kind, Action and the threat/web/auth details.
func classify(l *line, e *monitor.Event) {
	if classifyByID(l, e) {
		return
	}
	classifyByText(l, e)
}

// classifyByID handles the message ids of the Log Events Reference Guide
// that matter to Kizuki.
func classifyByID(l *line, e *monitor.Event) bool {
	switch l.m {
	case "98", "537", "1153": // Connection Opened / Closed, SSL VPN traffic
		setTraffic(l, e, monitor.ActionAllow)
	case "97", "16": // Web site hit / access allowed
		setWeb(l, e, monitor.ActionAllow)
	case "14": // Web site access denied (content filter)
		setWeb(l, e, monitor.ActionBlock)
	case "36", "38", "41", "46", "173", "175", "181", "523", "524", "590", "1254", "1257", "1233":
		setTraffic(l, e, monitor.ActionDeny)
	case "1198", "1199", "1474", "1475": // Geo-IP filter: a country the admin chose to refuse
		setTraffic(l, e, monitor.ActionDeny)
	case "608", "789", "1154": // IPS / IDP / application control detection
		setThreat(l, e, monitor.ActionAlert, signature(l))
	case "609", "790", "1155": // IPS / IDP / application control prevention
		setThreat(l, e, monitor.ActionBlock, signature(l))
	case "795": // Anti-Spyware detection
		setThreat(l, e, monitor.ActionAlert, signature(l))
	case "794", "809": // Anti-Spyware prevention, Gateway Anti-Virus
		setThreat(l, e, monitor.ActionBlock, signature(l))
	case "1200", "1201", "1476", "1477", "1518", "1519": // botnet filter
		setThreat(l, e, monitor.ActionBlock, attackName(l.msg))
	case "82", "83", "177", "178", "179", // port scans
		"25", "859", "860", "866", "867", "904", "905", "906", "907", "908", "909",
		"1213", "1214", "1369", "1370", "1371", "1450", "1451", "1452", // floods
		"1098", "1316":
		setThreat(l, e, monitor.ActionAlert, attackName(l.msg))
	case "22", "23", "27", "81", "267", "580", "606", "1376", "1387", "446", "527", "528", // attacks dropped
		"864", "898", "901", "1366", "1099":
		setThreat(l, e, monitor.ActionBlock, attackName(l.msg))
	case "29", "31", "199", "235", "236", "237", "238", "1080", "139", "318", "319":
		setAuth(l, e, monitor.ActionLoginSuccess)
	case "30", "32", "33", "34", "35", "200", "243", "244", "245", "246", "329", "583",
		"745", "749", "759", "986", "987", "1035", "1572", "1655", "140", "311", "312", "344":
		setAuth(l, e, monitor.ActionLoginFailure)
	case "24", "261", "262", "263", "264", "265", "520", "998", "1008", "1124":
		setAuth(l, e, monitor.ActionLogout)
	case "440", "441", "442", "506", "507", "1050", "1051", "1052", "1313", "1314", "1315",
		"1382", "1432", "1599", "1600", "1601", "1269":
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	case "53": // connection cache full: "some will be dropped" is not a policy drop
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	default:
		return false
	}
	return true
}

// classifyByText reads ids the table above does not know by their text.
func classifyByText(l *line, e *monitor.Event) {
	t := l.msg
	switch {
	case strings.Contains(t, "Connection Opened"), strings.Contains(t, "Connection Closed"):
		setTraffic(l, e, monitor.ActionAllow)
	case strings.HasPrefix(t, "Web site"), l.dstname != "" && l.arg != "":
		action := monitor.ActionAllow
		if strings.Contains(t, "denied") || strings.Contains(t, "blocked") {
			action = monitor.ActionBlock
		}
		setWeb(l, e, action)
	case strings.Contains(t, "Anti-Virus Alert"), strings.Contains(t, "Prevention Alert"):
		setThreat(l, e, monitor.ActionBlock, signature(l))
	case strings.Contains(t, "Detection Alert"):
		setThreat(l, e, monitor.ActionAlert, signature(l))
	case strings.Contains(t, "Botnet"):
		setThreat(l, e, monitor.ActionBlock, attackName(t))
	case strings.Contains(t, " scan"), strings.Contains(t, " Flood"), strings.Contains(t, " flood"):
		action := monitor.ActionAlert
		if strings.Contains(t, "blacklisted") || strings.Contains(t, "dropped") {
			action = monitor.ActionBlock
		}
		setThreat(l, e, action, attackName(t))
	case strings.Contains(t, "login allowed"), strings.Contains(t, "XAUTH Succeeded"),
		strings.Contains(t, "Authentication Success"):
		setAuth(l, e, monitor.ActionLoginSuccess)
	case strings.Contains(t, "login denied"), strings.Contains(t, "login failed"),
		strings.Contains(t, "Login Failed"), strings.Contains(t, "XAUTH Failed"),
		strings.Contains(t, "Authentication Failed"), strings.Contains(t, "Authentication Failure"):
		setAuth(l, e, monitor.ActionLoginFailure)
	case strings.Contains(t, "logged out"):
		setAuth(l, e, monitor.ActionLogout)
	case strings.Contains(t, "administration session"):
		setAuth(l, e, monitor.ActionOther)
	case isVPN(t):
		e.Kind, e.Service = monitor.KindVPN, vpnService(l)
		e.Action = tunnelAction(t)
	case strings.HasPrefix(t, "Configuration "), strings.Contains(t, " added"),
		strings.Contains(t, " modified"), strings.Contains(t, " deleted"):
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	case strings.Contains(t, "dropped"), strings.Contains(t, "denied"), l.fwAction == "drop":
		setTraffic(l, e, monitor.ActionDeny)
	case strings.Contains(t, "NAT Mapping"):
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionOther
	default:
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	}
}

// setTraffic marks a firewall event; fw_action="drop" (SonicOS 6.5+) wins
// over what the message id suggests.
func setTraffic(l *line, e *monitor.Event, action monitor.Action) {
	if l.fwAction == "drop" {
		action = monitor.ActionDeny
	}
	e.Kind, e.Action = monitor.KindTraffic, action
}

// setWeb marks a content-filter event: dstname= is the host, arg= the path.
func setWeb(l *line, e *monitor.Event, action monitor.Action) {
	if l.fwAction == "drop" {
		action = monitor.ActionBlock
	}
	e.Kind, e.Action, e.Service = monitor.KindWeb, action, "web"
	if l.dstname != "" {
		if !field.IsAddr(l.dstname) {
			e.Domain = l.dstname
		}
		if l.arg != "" {
			e.URL = webScheme(l.proto) + l.dstname + l.arg
		}
	}
}

// webScheme is the URL scheme SonicOS names in proto= ("tcp/https").
func webScheme(proto string) string {
	if strings.HasSuffix(proto, "/https") || strings.HasSuffix(proto, "/443") {
		return "https://"
	}
	return "http://"
}

// setThreat marks a security-engine event. A prevention that SonicOS
// reports as not dropped (fw_action="forward") only alerted.
func setThreat(l *line, e *monitor.Event, action monitor.Action, threat string) {
	switch l.fwAction {
	case "drop":
		action = monitor.ActionBlock
	case "forward":
		action = monitor.ActionAlert
	}
	e.Kind, e.Action, e.Threat = monitor.KindThreat, action, threat
}

// signature names what an IPS, anti-virus or anti-spyware engine found:
// ipscat= when given, else the text after "Alert: " ("EICAR (Test File)
// blocked." gives "EICAR (Test File)").
func signature(l *line) string {
	if l.ipscat != "" && l.ipscat != "N/A" {
		return l.ipscat
	}
	_, s, ok := strings.Cut(l.msg, "Alert: ")
	if !ok {
		return attackName(l.msg)
	}
	if i := strings.Index(s, ", SID:"); i >= 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(strings.TrimSuffix(s, "."), " blocked")
	return strings.TrimSpace(s)
}

// attackName is the attack as SonicOS names it, without the instance
// details: "Possible SYN Flood on IF X0 - src: …" gives "Possible SYN
// Flood", "Suspected Botnet responder blocked: 198.51.100.7" gives
// "Suspected Botnet responder blocked", "SYN-Flooding machine 198.51.100.7
// blacklisted" gives "SYN-Flooding".
func attackName(msg string) string {
	s := msg
	for _, sep := range [...]string{" on IF ", " - ", ": ", " machine "} {
		if i := strings.Index(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return strings.TrimSpace(s)
}

// setAuth marks a login event. The service comes from sess= (SonicOS 6+)
// or the message text.
func setAuth(l *line, e *monitor.Event, action monitor.Action) {
	e.Kind, e.Action = monitor.KindAuth, action
	e.Service = authService(l)
}

func authService(l *line) string {
	switch strings.ToLower(l.sess) {
	case "sslvpn", "sslvpnc":
		return "ssl-vpn"
	case "vpnc":
		return "ipsec"
	case "l2tpc":
		return "l2tp"
	case "ssh":
		return "admin-ssh"
	case "cli":
		if strings.HasSuffix(l.proto, "/22") || strings.HasSuffix(l.proto, "/ssh") {
			return "admin-ssh"
		}
		return "admin-console"
	case "web":
		if strings.HasSuffix(l.proto, "/http") || strings.HasSuffix(l.proto, "/80") {
			return "admin-http"
		}
		return "admin-https"
	}
	t := l.msg
	switch {
	case strings.Contains(t, "SSL VPN"), strings.Contains(t, "SSLVPN"):
		return "ssl-vpn"
	case strings.Contains(t, "L2TP"):
		return "l2tp"
	case strings.Contains(t, "XAUTH"), strings.Contains(t, "IPsec"), strings.Contains(t, "VPN zone"):
		return "ipsec"
	case strings.HasPrefix(t, "CLI administrator"):
		return "admin-ssh"
	}
	return ""
}

// isVPN reports IKE/IPsec/VPN tunnel messages ("IKE Initiator: Start Quick
// Mode (Phase 2).", "Received notify: INVALID_ID_INFO", "IPSec VPN
// Decryption Failed").
func isVPN(t string) bool {
	return strings.Contains(t, "IKE") || strings.Contains(t, "IPsec") || strings.Contains(t, "IPSec") ||
		strings.Contains(t, "VPN") || strings.HasPrefix(t, "Received notify")
}

func vpnService(l *line) string {
	if strings.Contains(l.msg, "SSL VPN") || strings.Contains(l.msg, "SSLVPN") {
		return "ssl-vpn"
	}
	if strings.Contains(l.msg, "L2TP") {
		return "l2tp"
	}
	return "ipsec"
}

// tunnelAction reads whether an IKE message brought a tunnel up or down.
func tunnelAction(t string) monitor.Action {
	switch {
	case strings.Contains(t, "Accepting IPsec proposal"), strings.Contains(t, "Accepting IPSec proposal"),
		strings.Contains(t, "Negotiation complete"),
		strings.Contains(t, "Tunnel is up"), strings.Contains(t, "tunnel is up"),
		strings.Contains(t, "SA established"):
		return monitor.ActionTunnelUp
	case strings.Contains(t, "Delete IPsec SA"), strings.Contains(t, "Delete IPSec SA"),
		strings.Contains(t, "Tunnel is down"), strings.Contains(t, "tunnel is down"),
		strings.Contains(t, "SA lifetime expired"), strings.Contains(t, "Tunnel Delete"):
		return monitor.ActionTunnelDown
	}
	return monitor.ActionOther
}
