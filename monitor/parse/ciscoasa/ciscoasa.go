// Package ciscoasa reads the syslog of Cisco ASA and Firepower Threat
// Defense (FTD) firewalls: "%ASA-<level>-<id>: <text>" (and %FTD-, %PIX-,
// %FWSM-, with an optional class such as "%ASA-vpnc-6-611101"), where the
// six-digit message id fixes the layout of the text. The ids that matter
// to Kizuki are read field by field, following Cisco's syslog message
// guide; any other id still gives a system event with its id and level.
package ciscoasa

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg carries an ASA/FTD message tag near its start
// (after the "Jan 10 2024 10:11:12 host :" that the header splitter leaves
// when the ASA writes the year).
func Detect(_ syslog.Header, msg string) bool {
	_, ok := findTag(msg[:min(len(msg), 128)])
	return ok
}

// tag is a parsed "%ASA-6-302013: " tag.
type tag struct {
	start, end int // of "%…: " in the message
	level      byte
	id         string
}

func findTag(s string) (tag, bool) {
	for from := 0; ; {
		i := strings.IndexByte(s[from:], '%')
		if i < 0 {
			return tag{}, false
		}
		i += from
		from = i + 1
		rest := s[i+1:]
		var n int
		switch {
		case strings.HasPrefix(rest, "ASA-"), strings.HasPrefix(rest, "FTD-"), strings.HasPrefix(rest, "PIX-"):
			n = 4
		case strings.HasPrefix(rest, "FWSM-"):
			n = 5
		default:
			continue
		}
		rest = rest[n:]
		colon := strings.IndexByte(rest[:min(len(rest), 40)], ':')
		if colon < 0 {
			continue
		}
		inner := rest[:colon] // "6-302013" or "vpnc-6-611101"
		dash := strings.LastIndexByte(inner, '-')
		if dash < 1 || inner[dash-1] < '0' || inner[dash-1] > '7' || dash >= 2 && inner[dash-2] != '-' {
			continue
		}
		id := inner[dash+1:]
		if len(id) != 6 || !field.IsDigits(id) {
			continue
		}
		end := i + 1 + n + colon + 1
		if end < len(s) && s[end] == ' ' {
			end++
		}
		return tag{start: i, end: end, level: inner[dash-1], id: id}, true
	}
}

// Parse fills e from an ASA/FTD line and reports whether it understood it.
func Parse(_ syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	tg, ok := findTag(msg)
	if !ok {
		return false
	}
	e.VendorID = tg.id
	e.Severity = levelNames[tg.level-'0']
	e.Time = prefixTime(msg[:tg.start], loc)
	body := strings.TrimSpace(msg[tg.end:])
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	if read := reader(tg.id); read != nil {
		read(body, e)
	}
	return true
}

// reader returns the reader of a message id, or nil for ids read as plain
// system events.
func reader(id string) func(body string, e *monitor.Event) {
	if read, ok := readers[id]; ok {
		return read
	}
	switch {
	case strings.HasPrefix(id, "713"):
		// IKEv1 messages share one layout ("Group = …, IP = …, …") over
		// hundreds of ids.
		return readIKEv1
	case strings.HasPrefix(id, "4000") && id[4] <= '5':
		// The built-in IPS signatures (ip audit) are 400000–400059.
		return readIDS
	}
	return nil
}

// levelNames writes ASA logging levels (the digit of the tag) as their
// syslog keywords: an owner reads "warning", not "4".
var levelNames = [...]string{"emergency", "alert", "critical", "error", "warning", "notice", "info", "debug"}

var months = map[string]time.Month{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// prefixTime reads the timestamp "logging timestamp" adds in front of the
// tag when the header splitter could not ("Jan 10 2024 10:11:12", with
// the year before the time; or RFC 3339). A stamp without the year is left
// to the header's: the year would be a guess.
func prefixTime(prefix string, loc *time.Location) time.Time {
	p := strings.TrimLeft(prefix, ": ")
	if len(p) >= 20 && p[4] == '-' && p[10] == 'T' {
		w, _, _ := strings.Cut(p, " ")
		w = strings.TrimSuffix(w, ":")
		layout := time.RFC3339Nano
		if len(w) == len("2006-01-02T15:04:05") {
			layout = "2006-01-02T15:04:05"
		}
		t, err := time.ParseInLocation(layout, w, loc)
		if err != nil {
			return time.Time{}
		}
		return t
	}
	mon, rest, _ := strings.Cut(p, " ")
	m, ok := months[mon]
	if !ok {
		return time.Time{}
	}
	rest = strings.TrimLeft(rest, " ")
	day, rest, _ := strings.Cut(rest, " ")
	year, rest, _ := strings.Cut(rest, " ")
	clock, rest, _ := strings.Cut(rest, " ")
	clock = strings.TrimSuffix(clock, ":")
	if len(year) != 4 || !field.IsDigits(year) || len(clock) < 8 {
		return time.Time{}
	}
	zone := loc
	if z, _, _ := strings.Cut(rest, " "); strings.TrimSuffix(z, ":") == "UTC" {
		zone = time.UTC
	}
	d, y := atoi(day), atoi(year)
	hh, mm, ss := atoi(clock[0:2]), atoi(clock[3:5]), atoi(clock[6:8])
	if d < 1 || d > 31 || hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 60 ||
		clock[2] != ':' || clock[5] != ':' {
		return time.Time{}
	}
	return time.Date(y, m, d, hh, mm, ss, 0, zone)
}

// atoi reads a short decimal number, or -1.
func atoi(s string) int {
	if !field.IsDigits(s) || len(s) > 4 {
		return -1
	}
	n := 0
	for i := 0; i < len(s); i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// readers maps the message ids Kizuki reads to their readers.
var readers = map[string]func(body string, e *monitor.Event){
	"302013": readBuilt, "302015": readBuilt, "302020": readICMPConn,
	"302014": readTeardown, "302016": readTeardown, "302021": readICMPConn,
	"106001": readFromTo, "106006": readFromTo, "106007": readFromTo, "106015": readFromTo,
	"106021": readFromTo, "710003": readFromTo,
	"106010": readSrcDst, "106014": readSrcDst, "106023": readSrcDst,
	"106100": readACL,
	"106016": readAttackDrop, "106017": readAttackDrop, "106020": readAttackDrop,
	"113004": readAAA, "113005": readAAA, "113012": readAAA, "113015": readAAA,
	"113021": readConsoleDenied,
	"611101": readAdminAuth, "611102": readAdminAuth, "611103": readAdminAuth,
	"605004": readLogin, "605005": readLogin,
	"716001": readGroupUser, "716002": readGroupUser, "716039": readGroupUser,
	"722022": readGroupUser, "722023": readGroupUser, "722037": readGroupUser,
	"722051": readGroupUser, "113039": readGroupUser,
	"113019": readSessionDisconnected,
	"750003": readIKEv2, "750006": readIKEv2, "750007": readIKEv2,
	"602303": readIPsecSA, "602304": readIPsecSA,
	"603104": readPPPTunnel, "603105": readPPPTunnel, "603106": readPPPTunnel, "603107": readPPPTunnel,
	"733100": readThreatRate, "733101": readThreatHost, "733102": readShun,
	"338001": readBotnet, "338002": readBotnet, "338003": readBotnet, "338004": readBotnet,
	"338005": readBotnet, "338006": readBotnet, "338007": readBotnet, "338008": readBotnet,
	"111008": readCommand, "111010": readCommand, "111001": readConfigWrite, "111005": readConfigWrite,
	"304001": readURLAccessed, "304002": readURLDenied,
	"430001": readFTDEvent, "430002": readFTDEvent, "430003": readFTDEvent,
	"430004": readFTDEvent, "430005": readFTDEvent,
}

// Helpers.

// addrPort reads "203.0.113.5/443", "203.0.113.5" or "2001:db8::5/443",
// ignoring what follows a '(' (an identity-firewall user).
func addrPort(s string) (string, int) {
	if i := strings.IndexByte(s, '('); i > 0 {
		s = s[:i]
	}
	a, p, _ := strings.Cut(s, "/")
	return field.IP(a), field.Port(p)
}

// ifEndpoint reads "outside:203.0.113.5/443", or a bare address where the
// message gives no interface. Interface names never hold a ':', so the
// first ':' ends the name, unless what precedes it is the first group of
// an IPv6 address ("2001:db8::5/443").
func ifEndpoint(s string) (iface, ip string, port int) {
	name, addr, ok := strings.Cut(s, ":")
	if !ok || len(name) <= 4 && isHex(name) {
		if ip, port = addrPort(s); ip != "" || !ok {
			return "", ip, port
		}
	}
	ip, port = addrPort(addr)
	return name, ip, port
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// role sorts interface and zone names by the conventions ASA and FTD
// setups use (nameif outside/inside, zones OUTSIDE-ZONE): anything else
// (dmz, partner, guest…) says nothing about the direction.
func role(name string) string {
	n := strings.ToLower(name)
	switch {
	case strings.HasPrefix(n, "outside"), strings.HasPrefix(n, "wan"), strings.HasPrefix(n, "internet"),
		strings.HasPrefix(n, "external"), strings.HasPrefix(n, "untrust"):
		return "wan"
	case strings.HasPrefix(n, "inside"), strings.HasPrefix(n, "lan"), strings.HasPrefix(n, "internal"),
		n == "trust", strings.HasPrefix(n, "trust-"), strings.HasPrefix(n, "trusted"):
		return "lan"
	}
	return ""
}

// direction reads the direction from the two interfaces' roles.
func direction(srcIf, dstIf string) monitor.Direction {
	src, dst := role(srcIf), role(dstIf)
	switch {
	case src == "lan" && dst == "wan":
		return monitor.DirectionOutbound
	case src == "wan" && dst == "lan":
		return monitor.DirectionInbound
	case src == "lan" && dst == "lan":
		return monitor.DirectionInternal
	}
	return ""
}

// ingressDirection: a packet that arrived on the outside interface came
// from the internet, whatever it was heading for.
func ingressDirection(iface string) monitor.Direction {
	if role(iface) == "wan" {
		return monitor.DirectionInbound
	}
	return ""
}

// protoName lowercases the protocol ("TCP") and names the IP protocol
// numbers ASA writes for the rest ("protocol 47").
func protoName(p string) string {
	switch p {
	case "1", "6", "17", "47", "50", "51":
		return field.ProtoNumber(p)
	case "58":
		return "icmp6"
	}
	return field.Proto(p)
}

// Connections (302013–302021).

// readBuilt reads "Built {inbound|outbound} TCP connection 123 for
// outside:203.0.113.5/443 (203.0.113.5/443) to inside:10.0.0.5/51234
// (198.51.100.1/51234)". The "for" side is the lower-security interface;
// "outbound" means the connection was opened from the "to" side.
func readBuilt(body string, e *monitor.Event) {
	_, rest := field.Word(body) // Built
	dir, rest := field.Word(rest)
	proto, rest := field.Word(rest)
	if proto == "Probe" {
		proto, rest = field.Word(rest)
	}
	forIf, forIP, forPort := ifEndpoint(field.WordAfter(rest, "for "))
	toIf, toIP, toPort := ifEndpoint(field.WordAfter(rest, " to "))
	e.Kind, e.Action, e.Proto = monitor.KindTraffic, monitor.ActionAllow, protoName(proto)
	if dir == "outbound" {
		e.SrcIP, e.SrcPort, e.DstIP, e.DstPort = toIP, toPort, forIP, forPort
		e.Direction = direction(toIf, forIf)
	} else {
		e.SrcIP, e.SrcPort, e.DstIP, e.DstPort = forIP, forPort, toIP, toPort
		e.Direction = direction(forIf, toIf)
	}
}

// readTeardown reads "Teardown TCP connection 123 for outside:A/p to
// inside:B/q duration 0:00:30 bytes 6523 TCP FINs". Without the Built
// message the initiator is unknown, so the addresses keep the order the
// ASA writes (for → src, to → dst, as Elastic's ASA pipeline does) and
// the direction is left to the caller.
func readTeardown(body string, e *monitor.Event) {
	_, rest := field.Word(body) // Teardown
	proto, rest := field.Word(rest)
	if proto == "Probe" {
		proto, rest = field.Word(rest)
	}
	_, e.SrcIP, e.SrcPort = ifEndpoint(field.WordAfter(rest, "for "))
	_, e.DstIP, e.DstPort = ifEndpoint(field.WordAfter(rest, " to "))
	e.Kind, e.Action, e.Proto = monitor.KindTraffic, monitor.ActionAllow, protoName(proto)
}

// readICMPConn reads "Built outbound ICMP connection for faddr 8.8.8.8/0
// gaddr 203.0.113.1/1 laddr 10.0.0.5/1" and its Teardown: faddr is the
// foreign host, laddr the local one.
func readICMPConn(body string, e *monitor.Event) {
	verb, rest := field.Word(body)
	dir, _ := field.Word(rest)
	faddr, _ := addrPort(field.WordAfter(body, "faddr "))
	laddr, _ := addrPort(field.WordAfter(body, "laddr "))
	e.Kind, e.Action, e.Proto = monitor.KindTraffic, monitor.ActionAllow, "icmp"
	if verb == "Built" && dir == "outbound" {
		e.SrcIP, e.DstIP = laddr, faddr
	} else {
		e.SrcIP, e.DstIP = faddr, laddr
	}
}

// Denies (106xxx, 710003).

// readFromTo reads the "… from A/p to B/q … on interface outside" denies:
//
//	Inbound TCP connection denied from A/p to B/q flags SYN on interface outside
//	Deny inbound UDP from A/p to B/q on interface outside
//	Deny TCP (no connection) from A/p to B/q flags RST on interface inside
//	Deny tcp reverse path check from A to B on interface outside
//	TCP access denied by ACL from A/p to outside:B/q
func readFromTo(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindTraffic, monitor.ActionDeny
	for _, w := range [...]string{"TCP", "UDP", "ICMP", "tcp", "udp", "icmp"} {
		if strings.HasPrefix(body, w+" ") || strings.Contains(body, " "+w+" ") {
			e.Proto = protoName(w)
			break
		}
	}
	e.SrcIP, e.SrcPort = addrPort(field.WordAfter(body, " from "))
	dstIf, dstIP, dstPort := ifEndpoint(field.WordAfter(body, " to "))
	e.DstIP, e.DstPort = dstIP, dstPort
	if iface := field.WordAfter(body, " on interface "); iface != "" {
		e.Direction = ingressDirection(iface)
	} else if dstIf != "" {
		// 710003 names the interface the packet came in on, to the ASA
		// itself: "to outside:203.0.113.10/22".
		e.Direction = ingressDirection(dstIf)
	}
}

// readSrcDst reads "Deny tcp src outside:A/p dst inside:B/q by
// access-group "outside_access_in" [0x0, 0x0]", "Deny protocol 47 src …"
// and "Deny inbound icmp src outside:A dst inside:B (type 8, code 0)".
func readSrcDst(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindTraffic, monitor.ActionDeny
	head, _, _ := strings.Cut(body, " src ")
	_, rest := field.Word(head) // Deny
	w, rest := field.Word(rest)
	if w == "inbound" || w == "outbound" {
		w, rest = field.Word(rest)
	}
	if w == "protocol" {
		w, _ = field.Word(rest)
	}
	e.Proto = protoName(w)
	srcIf, srcIP, srcPort := ifEndpoint(field.WordAfter(body, " src "))
	dstIf, dstIP, dstPort := ifEndpoint(field.WordAfter(body, " dst "))
	e.SrcIP, e.SrcPort, e.DstIP, e.DstPort = srcIP, srcPort, dstIP, dstPort
	e.Direction = direction(srcIf, dstIf)
}

// readACL reads "access-list outside_access_in denied tcp
// outside/198.51.100.10(44431) -> inside/10.0.0.5(22) hit-cnt 1 first hit".
func readACL(body string, e *monitor.Event) {
	_, rest := field.Word(body) // access-list
	_, rest = field.Word(rest)  // its name
	verdict, rest := field.Word(rest)
	proto, rest := field.Word(rest)
	src, rest := field.Word(rest)
	arrow, rest := field.Word(rest)
	dst, _ := field.Word(rest)
	if arrow != "->" {
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionOther
		return
	}
	e.Kind, e.Proto = monitor.KindTraffic, protoName(proto)
	e.Action = monitor.ActionAllow
	if verdict == "denied" {
		e.Action = monitor.ActionDeny
	}
	srcIf, srcIP, srcPort := aclEndpoint(src)
	dstIf, dstIP, dstPort := aclEndpoint(dst)
	e.SrcIP, e.SrcPort, e.DstIP, e.DstPort = srcIP, srcPort, dstIP, dstPort
	e.Direction = direction(srcIf, dstIf)
}

// aclEndpoint reads "outside/198.51.100.10(44431)".
func aclEndpoint(s string) (iface, ip string, port int) {
	iface, addr, _ := strings.Cut(s, "/")
	a, p, _ := strings.Cut(addr, "(")
	return iface, field.IP(a), field.Port(strings.TrimSuffix(p, ")"))
}

// readAttackDrop reads the basic attack drops:
//
//	Deny IP spoof from (198.51.100.7) to 10.0.0.5 on interface outside.
//	Deny IP due to Land Attack from 10.0.0.5 to 10.0.0.5
//	Deny IP teardrop fragment (size = 1500, offset = 0) from A to B
func readAttackDrop(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionBlock
	switch {
	case strings.Contains(body, "spoof"):
		e.Threat = "IP spoof"
	case strings.Contains(body, "Land Attack"):
		e.Threat = "Land Attack"
	case strings.Contains(body, "teardrop"):
		e.Threat = "IP teardrop fragment"
	}
	e.SrcIP = field.IP(strings.Trim(field.WordAfter(body, " from "), "()"))
	e.DstIP = field.IP(field.WordAfter(body, " to "))
	if iface := field.WordAfter(body, " on interface "); iface != "" {
		e.Direction = ingressDirection(iface)
	}
}

// Authentication.

// readAAA reads the AAA results (VPN users, cut-through proxy):
//
//	AAA user authentication Successful : server = 10.0.0.20 : user = tanaka
//	AAA user authentication Rejected : reason = AAA failure : server = 10.0.0.20 : user = ***** : user IP = 198.51.100.7
//	AAA user authentication Rejected : reason = Invalid password : local database : user = suzuki : user IP = 198.51.100.8
func readAAA(body string, e *monitor.Event) {
	e.Kind = monitor.KindAuth
	e.Action = monitor.ActionLoginFailure
	if strings.Contains(body, "Successful") {
		e.Action = monitor.ActionLoginSuccess
	}
	e.User = visibleUser(colonValue(body, " user = "))
	e.SrcIP = field.IP(colonValue(body, " user IP = "))
}

// colonValue returns the value of "key = value : …".
func colonValue(body, key string) string {
	_, v, ok := strings.Cut(body, key)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, " :")
	return strings.TrimSpace(v)
}

// visibleUser drops the "*****" the ASA writes for a hidden username
// (the default for failed logins, lest a password typed as a name leak).
func visibleUser(u string) string {
	u = strings.Trim(u, `'"`)
	if u == "" || strings.Trim(u, "*") == "" {
		return ""
	}
	return u
}

// readConsoleDenied reads "Attempted console login failed. User admin did
// NOT have appropriate Admin Rights."
func readConsoleDenied(body string, e *monitor.Event) {
	e.Kind, e.Action, e.Service = monitor.KindAuth, monitor.ActionLoginFailure, "admin-console"
	e.User = visibleUser(field.WordAfter(body, "User "))
}

// readAdminAuth reads the management logins (ASDM, SSH, Telnet):
//
//	User authentication succeeded: IP address: 10.0.0.5, Uname: admin
//	User authentication failed: IP address: 198.51.100.9, Uname: admin
//	User logged out: Uname: admin
func readAdminAuth(body string, e *monitor.Event) {
	e.Kind = monitor.KindAuth
	switch {
	case strings.Contains(body, "succeeded"):
		e.Action = monitor.ActionLoginSuccess
	case strings.Contains(body, "logged out"):
		e.Action = monitor.ActionLogout
	default:
		e.Action = monitor.ActionLoginFailure
	}
	e.User = visibleUser(field.WordAfter(body, "Uname: "))
	ip := field.WordAfter(body, "IP address: ")
	if ip == "" {
		ip = field.WordAfter(body, "IP, ")
	}
	e.SrcIP = field.IP(ip)
}

// readLogin reads the management access results:
//
//	Login denied from 198.51.100.10/50412 to outside:203.0.113.10/ssh for user "root"
//	Login permitted from 10.0.0.5/55123 to inside:10.0.0.1/https for user "admin"
//	Login denied from serial to console for user "admin"
func readLogin(body string, e *monitor.Event) {
	e.Kind = monitor.KindAuth
	e.Action = monitor.ActionLoginFailure
	if strings.HasPrefix(body, "Login permitted") {
		e.Action = monitor.ActionLoginSuccess
	}
	if _, u, ok := strings.Cut(body, " for user "); ok {
		e.User = visibleUser(strings.TrimSpace(u))
	}
	from := field.WordAfter(body, " from ")
	to := field.WordAfter(body, " to ")
	if from == "serial" || to == "console" {
		e.Service = "admin-console"
		return
	}
	e.SrcIP, e.SrcPort = addrPort(from)
	iface, rest, _ := strings.Cut(to, ":")
	addr, svc, _ := strings.Cut(rest, "/")
	e.DstIP = field.IP(addr)
	if p := field.Port(svc); p != 0 {
		e.DstPort = p
	}
	e.Service = adminService(svc)
	e.Direction = ingressDirection(iface)
}

func adminService(svc string) string {
	switch strings.ToLower(svc) {
	case "ssh", "22":
		return "admin-ssh"
	case "https", "443":
		return "admin-https"
	case "http", "80":
		return "admin-http"
	case "telnet", "23":
		return "admin-telnet"
	}
	return ""
}

// readGroupUser reads the WebVPN and AnyConnect messages that start with
// "Group <GroupPolicy> User <tanaka> IP <198.51.100.30> …".
func readGroupUser(body string, e *monitor.Event) {
	e.User = visibleUser(angle(body, "User <"))
	e.SrcIP = field.IP(angle(body, "IP <"))
	e.Service = "ssl-vpn"
	switch {
	case strings.Contains(body, "Authentication: rejected"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	case strings.Contains(body, "session started"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
	case strings.Contains(body, "session terminated"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	case strings.Contains(body, "SVC connection established"):
		e.Kind, e.Action = monitor.KindVPN, monitor.ActionTunnelUp
	case strings.Contains(body, "SVC connection terminated"), strings.Contains(body, "SVC closing connection"):
		e.Kind, e.Action = monitor.KindVPN, monitor.ActionTunnelDown
	default:
		e.Kind, e.Action = monitor.KindVPN, monitor.ActionOther
	}
}

// angle returns the text between key (which ends in '<') and '>'.
func angle(s, key string) string {
	_, rest, ok := strings.Cut(s, key)
	if !ok {
		return ""
	}
	v, _, _ := strings.Cut(rest, ">")
	return v
}

// readSessionDisconnected reads "Group = GP, Username = tanaka, IP =
// 198.51.100.30, Session disconnected. Session Type: AnyConnect-Parent,
// Duration: …, Reason: User Requested".
func readSessionDisconnected(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindAuth, monitor.ActionLogout
	e.User = visibleUser(commaValue(body, "Username = "))
	e.SrcIP = field.IP(commaValue(body, "IP = "))
	e.Service = sessionService(commaValue(body, "Session Type: "))
}

// commaValue returns the value of "key value, …".
func commaValue(body, key string) string {
	_, v, ok := strings.Cut(body, key)
	if !ok {
		return ""
	}
	v, _, _ = strings.Cut(v, ",")
	return strings.TrimSpace(v)
}

func sessionService(t string) string {
	switch {
	case strings.Contains(t, "AnyConnect"), strings.Contains(t, "SSL"), strings.Contains(t, "WebVPN"),
		strings.Contains(t, "Clientless"):
		return "ssl-vpn"
	case strings.Contains(t, "L2TP"):
		return "l2tp"
	case strings.Contains(t, "IPsec"), strings.Contains(t, "IKE"), strings.Contains(t, "LAN-to-LAN"):
		return "ipsec"
	}
	return ""
}

// VPN tunnels.

// readIKEv1 reads the 713xxx messages, "Group = 198.51.100.50, IP =
// 198.51.100.50, PHASE 2 COMPLETED (msgid=…)" and the like.
func readIKEv1(body string, e *monitor.Event) {
	e.Kind, e.Action, e.Service = monitor.KindVPN, monitor.ActionOther, "ipsec"
	e.SrcIP = field.IP(commaValue(body, "IP = "))
	e.User = visibleUser(commaValue(body, "Username = "))
	switch {
	case strings.Contains(body, "PHASE 2 COMPLETED"):
		e.Action = monitor.ActionTunnelUp
	case strings.Contains(body, "Connection terminated"), strings.Contains(body, "Session is being torn down"):
		e.Action = monitor.ActionTunnelDown
	case strings.Contains(body, "uthentication rejected"), strings.Contains(body, "uthentication failed"),
		strings.Contains(body, "Authentication failure"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	}
}

// readIKEv2 reads "Local:203.0.113.10:500 Remote:198.51.100.50:500
// Username:198.51.100.50 IKEv2 SA UP. Reason: New Connection Established".
func readIKEv2(body string, e *monitor.Event) {
	e.Kind, e.Action, e.Service = monitor.KindVPN, monitor.ActionOther, "ipsec"
	switch {
	case strings.Contains(body, "SA UP"):
		e.Action = monitor.ActionTunnelUp
	case strings.Contains(body, "SA DOWN"):
		e.Action = monitor.ActionTunnelDown
	}
	if ip, port, ok := hostPort(field.WordAfter(body, "Remote:")); ok {
		e.SrcIP, e.SrcPort = ip, port
	}
	if ip, port, ok := hostPort(field.WordAfter(body, "Local:")); ok {
		e.DstIP, e.DstPort = ip, port
	}
	if u := field.WordAfter(body, "Username:"); u != "Unknown" && !field.IsAddr(u) {
		e.User = visibleUser(u)
	}
}

// hostPort reads "198.51.100.50:500" or "[2001:db8::1]:500".
func hostPort(s string) (string, int, bool) {
	i := strings.LastIndexByte(s, ':')
	if i < 0 {
		return "", 0, false
	}
	ip := field.IP(strings.Trim(s[:i], "[]"))
	return ip, field.Port(s[i+1:]), ip != ""
}

// readIPsecSA reads "IPSEC: An inbound LAN-to-LAN SA (SPI= 0x…) between
// 203.0.113.10 and 198.51.100.50 (user= 198.51.100.50) has been created."
func readIPsecSA(body string, e *monitor.Event) {
	e.Kind, e.Service = monitor.KindVPN, "ipsec"
	e.Action = monitor.ActionTunnelDown
	if strings.Contains(body, "created") {
		e.Action = monitor.ActionTunnelUp
	}
	e.DstIP = field.IP(field.WordAfter(body, " between "))
	e.SrcIP = field.IP(field.WordAfter(body, " and "))
	if u := strings.TrimSuffix(field.WordAfter(body, "(user= "), ")"); !field.IsAddr(u) {
		e.User = visibleUser(u)
	}
}

// readPPPTunnel reads the PPTP and L2TP tunnel messages ("L2TP Tunnel
// created, tunnel_id is 5, remote_peer_ip is 198.51.100.9, …, username is
// tanaka" and "… deleted, tunnel_id = 5, remote_peer_ip = …").
func readPPPTunnel(body string, e *monitor.Event) {
	e.Kind, e.Service = monitor.KindVPN, "l2tp"
	if strings.HasPrefix(body, "PPTP") {
		e.Service = "pptp"
	}
	e.Action = monitor.ActionTunnelDown
	if strings.Contains(body, "created") {
		e.Action = monitor.ActionTunnelUp
	}
	peer := field.WordAfter(body, "remote_peer_ip is ")
	if peer == "" {
		peer = field.WordAfter(body, "remote_peer_ip = ")
	}
	e.SrcIP = field.IP(peer)
	e.User = visibleUser(field.WordAfter(body, "username is "))
}

// Threats.

// readThreatRate reads threat detection's "[ Scanning] drop rate-1
// exceeded. Current burst rate is 12 per second, …": the bracket names
// what was seen (Scanning, SYN Attack, ACL drop, Firewall, …) or, for
// host statistics, the host.
func readThreatRate(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
	open := strings.IndexByte(body, '[')
	end := strings.IndexByte(body, ']')
	if open < 0 || end < open {
		return
	}
	object := strings.TrimSpace(body[open+1 : end])
	if ip := field.IP(object); ip != "" {
		e.SrcIP = ip
		return
	}
	e.Threat = object
}

// readThreatHost reads "Host 198.51.100.7 is attacking. Current burst
// rate is …" and "Subnet 10.0.0.0 is targeted. …".
func readThreatHost(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
	_, rest := field.Word(body)
	ip, rest := field.Word(rest)
	if strings.HasPrefix(rest, "is attacking") {
		e.SrcIP = field.IP(ip)
	} else {
		e.DstIP = field.IP(ip)
	}
}

// readShun reads "Threat-detection adds host 198.51.100.7 to shun list".
func readShun(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionBlock
	e.SrcIP = field.IP(field.WordAfter(body, " host "))
}

// readIDS reads the built-in IPS signatures: "IDS:2003 ICMP redirect from
// 198.51.100.61 to 10.0.0.1 on interface outside". The ASA logs the same
// text whether the audit policy alarms, drops or resets.
func readIDS(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
	_, rest := field.Word(body) // IDS:2003
	name, _, _ := strings.Cut(rest, " from ")
	e.Threat = strings.TrimSpace(name)
	e.SrcIP = field.IP(field.WordAfter(body, " from "))
	e.DstIP = field.IP(field.WordAfter(body, " to "))
	if iface := field.WordAfter(body, " on interface "); iface != "" {
		e.Direction = ingressDirection(iface)
	}
}

// readBotnet reads the Botnet Traffic Filter: "Dynamic filter monitored
// blacklisted TCP traffic from inside:10.0.0.5/51234 (203.0.113.1/51234)
// to outside:198.51.100.7/80 (198.51.100.7/80), destination 198.51.100.7
// resolved from dynamic list: bad.example.net, threat-level: high,
// category: Malware". "monitored" alerts, "dropped" blocks.
func readBotnet(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
	if strings.Contains(body, "dropped") {
		e.Action = monitor.ActionBlock
	}
	for _, w := range [...]string{"TCP", "UDP", "ICMP"} {
		if strings.Contains(body, " "+w+" traffic") {
			e.Proto = protoName(w)
		}
	}
	srcIf, srcIP, srcPort := ifEndpoint(field.WordAfter(body, " from "))
	dstIf, dstIP, dstPort := ifEndpoint(field.WordAfter(body, " to "))
	e.SrcIP, e.SrcPort, e.DstIP, e.DstPort = srcIP, srcPort, dstIP, dstPort
	e.Direction = direction(srcIf, dstIf)
	if _, rest, ok := strings.Cut(body, " list: "); ok {
		name, _, _ := strings.Cut(rest, ",")
		if name = strings.TrimSpace(name); name != "" && !field.IsAddr(name) {
			e.Domain = name
		}
	}
	e.Category = commaValue(body, "category: ")
	if lvl := commaValue(body, "threat-level: "); lvl != "" {
		e.Severity = lvl
	}
	e.Threat = e.Category
}

// Configuration.

// readCommand reads "User 'admin' executed the 'write memory' command."
// and "User 'admin', running 'CLI' from IP 10.0.0.5, executed 'no
// access-list …'".
func readCommand(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	if _, rest, ok := strings.Cut(body, "User '"); ok {
		u, _, _ := strings.Cut(rest, "'")
		e.User = visibleUser(u)
	}
	e.SrcIP = field.IP(field.WordAfter(body, " from IP "))
}

// readConfigWrite reads "Begin configuration: 10.0.0.5 writing to memory"
// and "10.0.0.5 end configuration: OK".
func readConfigWrite(body string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	if ip, _ := field.Word(body); field.IsAddr(ip) {
		e.SrcIP = field.IP(ip)
	} else {
		e.SrcIP = field.IP(field.WordAfter(body, "configuration: "))
	}
}

// URL filtering.

// readURLAccessed reads "10.0.0.5 Accessed URL 93.184.216.34:http://www.example.com/".
func readURLAccessed(body string, e *monitor.Event) {
	e.Kind, e.Action, e.Service = monitor.KindWeb, monitor.ActionAllow, "web"
	src, _ := field.Word(body)
	e.SrcIP = field.IP(src)
	_, rest, ok := strings.Cut(body, "URL ")
	if !ok {
		return
	}
	dst, url, ok := strings.Cut(rest, ":")
	if !ok {
		return
	}
	e.DstIP = field.IP(dst)
	setURL(strings.TrimSpace(url), e)
}

// readURLDenied reads "Access denied URL http://bad.example.net/ SRC
// 10.0.0.5 DEST 198.51.100.7 on interface inside".
func readURLDenied(body string, e *monitor.Event) {
	e.Kind, e.Action, e.Service = monitor.KindWeb, monitor.ActionBlock, "web"
	url := field.WordAfter(body, "URL ")
	setURL(url, e)
	e.SrcIP = field.IP(field.WordAfter(body, " SRC "))
	e.DstIP = field.IP(field.WordAfter(body, " DEST "))
}

func setURL(url string, e *monitor.Event) {
	e.URL = url
	_, host, ok := strings.Cut(url, "://")
	if !ok {
		return
	}
	host, _, _ = strings.Cut(host, "/")
	if h, _, ok := strings.Cut(host, ":"); ok && !strings.Contains(host, "]") {
		host = h
	}
	if host != "" && !field.IsAddr(strings.Trim(host, "[]")) {
		e.Domain = host
	}
}

// Firepower events (430001–430005).

// readFTDEvent reads the Firepower events FTD sends as "Key: value, Key:
// value, …": 430001 intrusion, 430002/430003 connection start/end, 430004
// file and 430005 malware events.
func readFTDEvent(body string, e *monitor.Event) {
	var f struct {
		action, inline, message, class, threat, fileAction, disposition string
		srcIf, dstIf, srcZone, dstZone, url, urlCategory                string
	}
	ftdFields(body, func(k, v string) {
		switch k {
		case "SrcIP":
			e.SrcIP = field.IP(v)
		case "DstIP":
			e.DstIP = field.IP(v)
		case "SrcPort":
			e.SrcPort = field.Port(v)
		case "DstPort":
			e.DstPort = field.Port(v)
		case "Protocol":
			e.Proto = protoName(v)
		case "User":
			if !strings.HasPrefix(v, "No Authentication") && v != "Unknown" && v != "Not Found" {
				e.User = visibleUser(v)
			}
		case "AccessControlRuleAction":
			f.action = v
		case "InlineResult":
			f.inline = v
		case "Message":
			f.message = v
		case "Classification":
			f.class = v
		case "ThreatName":
			f.threat = v
		case "FileAction":
			f.fileAction = v
		case "Disposition", "SHA_Disposition":
			if f.disposition == "" {
				f.disposition = v
			}
		case "IngressInterface":
			f.srcIf = v
		case "EgressInterface":
			f.dstIf = v
		case "IngressZone":
			f.srcZone = v
		case "EgressZone":
			f.dstZone = v
		case "URL":
			f.url = v
		case "URLCategory":
			f.urlCategory = v
		}
	})
	e.Direction = direction(f.srcZone, f.dstZone)
	if e.Direction == "" {
		e.Direction = direction(f.srcIf, f.dstIf)
	}
	blocked := func(s string) bool {
		return strings.Contains(s, "Block") && !strings.HasPrefix(s, "Would") || strings.Contains(s, "Drop")
	}
	switch e.VendorID {
	case "430001":
		e.Kind, e.Action, e.Threat, e.Category = monitor.KindThreat, monitor.ActionAlert, f.message, f.class
		if blocked(f.inline) {
			e.Action = monitor.ActionBlock
		}
	case "430004", "430005":
		e.Threat = f.threat
		switch {
		case e.VendorID == "430005" || f.threat != "" || f.disposition == "Malware":
			e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
			if blocked(f.fileAction) {
				e.Action = monitor.ActionBlock
			}
		default:
			e.Kind, e.Action = monitor.KindTraffic, monitor.ActionAllow
			if blocked(f.fileAction) {
				e.Action = monitor.ActionBlock
			}
		}
	default:
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionAllow
		if strings.HasPrefix(f.action, "Block") || strings.HasPrefix(f.action, "Interactive Block") {
			e.Action = monitor.ActionDeny
		}
		if f.url != "" || f.urlCategory != "" {
			e.Kind, e.Service, e.Category = monitor.KindWeb, "web", f.urlCategory
			if f.url != "" {
				setURL(f.url, e)
			}
			if e.Action == monitor.ActionDeny && f.urlCategory != "" {
				// A block on a URL category is the URL filtering engine's.
				e.Action = monitor.ActionBlock
			}
		}
	}
}

// ftdFields calls fn for each "Key: value" of an FTD event. Pairs are
// separated by ", ", but a value may hold ", " itself (a rule message, a
// URL), so a ", " only ends a value when what follows reads as a key.
func ftdFields(s string, fn func(k, v string)) {
	for s != "" {
		k, rest, ok := strings.Cut(s, ": ")
		if !ok {
			return
		}
		end := len(rest)
		for i := 0; i < len(rest); {
			j := strings.Index(rest[i:], ", ")
			if j < 0 {
				break
			}
			j += i
			if looksLikeKey(rest[j+2:]) {
				end = j
				break
			}
			i = j + 2
		}
		fn(strings.TrimSpace(k), rest[:end])
		if end == len(rest) {
			return
		}
		s = rest[end+2:]
	}
}

// looksLikeKey reports whether s starts with "Key: ", a key being a short
// run of letters, digits, '_', '-' and spaces that starts with a letter.
func looksLikeKey(s string) bool {
	if s == "" || !(s[0] >= 'A' && s[0] <= 'Z' || s[0] >= 'a' && s[0] <= 'z') {
		return false
	}
	for i := 1; i < len(s) && i < 48; i++ {
		switch c := s[i]; {
		case c == ':':
			return i+1 < len(s) && s[i+1] == ' '
		case c >= 'A' && c <= 'Z', c >= 'a' && c <= 'z', c >= '0' && c <= '9', c == '_', c == '-', c == ' ':
		default:
			return false
		}
	}
	return false
}
