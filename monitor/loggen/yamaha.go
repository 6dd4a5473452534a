package loggen

import "strconv"

// yamahaFormatter writes Yamaha RTX syslog messages: dynamic-filter
// [INSPECT] records of allowed sessions, static-filter rejects, L2TP/IPsec
// remote access, logins to the router, DHCP and PPPoE. The wording follows
// Yamaha's manuals and the lines collected in the shared corpus.
type yamahaFormatter struct {
	n *network
	// busy marks the remote-access slots (TUNNEL[n], PP[ANONYMOUSnn]) held
	// by a logged-in user; a failed attempt takes a free one for an
	// instant.
	busy [20]bool
	next int
}

var yamahaCosts = lineCosts{
	session: 1, vpnFailure: 5, vpnLogin: 5, vpnLogout: 2,
	adminLogin: 2, adminChange: 0.5, adminLogout: 1, dhcp: 1, malware: 1,
}

// The office's RTX is on PPPoE (PP[01]) with Yamaha's standard filter set.
const wanIface = "PP[01]"

// priority: the RTX is set to `syslog facility local0`.
func (*yamahaFormatter) priority(lv level) int { return 16*8 + int(lv) }

// header is what a relaying syslog server writes for a sender that names
// no host: its address.
func (y *yamahaFormatter) header() string { return y.n.gateway }

// dynamicFilter is the number of Yamaha's standard dynamic filter that
// lets a service out.
func dynamicFilter(proto, port int) string {
	if proto == 17 {
		if port == 53 {
			return "200081"
		}
		return "200099"
	}
	switch port {
	case 21:
		return "200080"
	case 80:
		return "200082"
	case 25:
		return "200083"
	case 110:
		return "200084"
	case 587:
		return "200085"
	}
	return "200098"
}

// staticFilter is the number of the standard static filter that refuses
// NetBIOS and SMB (200020–200025), 200026 the office's own rule against
// direct SMTP from PCs, "default" the implicit reject at the end.
func staticFilter(port int, out bool) string {
	switch {
	case port == 135:
		return "200021"
	case port >= 137 && port <= 139:
		return "200023"
	case port == 445:
		return "200025"
	case port == 25 && out:
		return "200026"
	}
	return "default"
}

func protoName(proto int) string {
	if proto == 17 {
		return "UDP"
	}
	return "TCP"
}

// packet appends "TCP 192.0.2.1:1234 > 198.51.100.2:80".
func packet(g *gen, proto int, src string, sport int, dst string, dport int) {
	g.str(protoName(proto))
	g.str(" ")
	g.str(src)
	g.str(":")
	g.int(int64(sport))
	g.str(" > ")
	g.str(dst)
	g.str(":")
	g.int(int64(dport))
}

func (y *yamahaFormatter) session(g *gen, f *flow, tags uint32) {
	g.begin(g.t, levelInfo)
	g.str("[INSPECT] " + wanIface + "[out][")
	g.str(dynamicFilter(f.svc.proto, f.svc.port))
	g.str("] ")
	packet(g, f.svc.proto, f.h.ip, f.sport, f.dst, f.svc.port)
	g.str(" (")
	g.buf = g.st.rtx(g.buf)
	g.str(")")
	g.end(tags, f.h.ip, f.dst, "")
}

// dnsQuery: PCs ask the router's DNS proxy, which logs nothing.
func (*yamahaFormatter) dnsQuery(*gen, *host, uint32) {}

func (y *yamahaFormatter) reject(g *gen, out bool, proto int, src string, sport int, dst string, dport int) {
	g.begin(g.t, levelInfo)
	g.str(wanIface)
	if out {
		g.str(" Rejected at OUT(")
	} else {
		g.str(" Rejected at IN(")
	}
	g.str(staticFilter(dport, out))
	g.str(") filter: ")
	packet(g, proto, src, sport, dst, dport)
}

func (y *yamahaFormatter) outboundDeny(g *gen, f *flow, tags uint32) {
	y.reject(g, true, f.svc.proto, f.h.ip, f.sport, f.dst, f.svc.port)
	g.end(tags, f.h.ip, f.dst, "")
}

func (y *yamahaFormatter) inboundDeny(g *gen, src, _ string, sport, dport, proto int, tags uint32) {
	y.reject(g, false, proto, src, sport, y.n.wan, dport)
	if tags == g.decoys.noise {
		src = "" // thousands of scanners: counted, not listed
	}
	g.end(tags, src, "", "")
}

// webBlock: an RTX has no web filter.
func (*yamahaFormatter) webBlock(*gen, *host, *site, uint32) {}

// slot returns a free remote-access slot, taking it when hold is set.
func (y *yamahaFormatter) slot(hold bool) int {
	for range y.busy {
		y.next = (y.next + 1) % len(y.busy)
		if !y.busy[y.next] {
			y.busy[y.next] = hold
			return y.next + 1
		}
	}
	return 1
}

func tunnel(n int) string    { return "TUNNEL[" + strconv.Itoa(n) + "]" }
func anonymous(n int) string { return "PP[ANONYMOUS" + pad2(n) + "]" }

// vpnFailure writes one failed L2TP/IPsec login: the tunnel comes up
// from the attacker's address, PPP authentication of the user fails, the
// tunnel goes down. Only the first line names the address; the others
// name the slot (TUNNEL[n], PP[ANONYMOUSnn]) it came in on.
func (y *yamahaFormatter) vpnFailure(g *gen, src, user string, _ bool, tags uint32) {
	n := y.slot(false)
	t := g.t
	tid := strconv.Itoa(1000 + g.r.intn(60000))
	g.begin(t, levelInfo)
	g.str("[L2TP] " + tunnel(n) + " connected from " + src)
	g.end(0, src, "", "")
	g.begin(t, levelInfo)
	g.str("[L2TP] " + tunnel(n) + " tunnel " + tid + " established")
	g.end(0, src, "", "")
	g.begin(t, levelInfo)
	g.str(anonymous(n) + " Call detected from user '" + user + "'")
	g.end(0, src, "", user)
	g.begin(t, levelInfo)
	g.str(anonymous(n) + " MSCHAPv2 authentication failed: user '" + user + "'")
	g.end(tags, src, "", user)
	g.begin(t, levelInfo)
	g.str("[L2TP] " + tunnel(n) + " disconnect tunnel " + tid + " complete")
	g.end(0, src, "", "")
}

func (y *yamahaFormatter) vpnLogin(g *gen, v *vpnSession, tags uint32) {
	v.slot = y.slot(true)
	t := g.t
	tid := strconv.FormatInt(v.tunnelID%60000+1000, 10)
	for _, s := range []string{
		"[L2TP] " + tunnel(v.slot) + " connected from " + v.src,
		"[L2TP] " + tunnel(v.slot) + " tunnel " + tid + " established",
		"[L2TP] " + tunnel(v.slot) + " session " + strconv.Itoa(1000+g.r.intn(60000)) + " established",
		anonymous(v.slot) + " Call detected from user '" + v.user + "'",
	} {
		g.begin(t, levelInfo)
		g.str(s)
		g.end(0, v.src, "", "")
	}
	g.begin(t, levelInfo)
	g.str(anonymous(v.slot) + " PPP/IPCP up  (Local: " + y.n.gateway + ", Remote: " + y.n.lan +
		strconv.Itoa(220+v.slot-1) + ")")
	g.end(tags, v.src, "", v.user)
}

func (y *yamahaFormatter) vpnLogout(g *gen, v *vpnSession) {
	t := g.t
	g.begin(t, levelInfo)
	g.str(anonymous(v.slot) + " Disconnected, cause [L2TP: session disconnected]")
	g.end(0, v.src, "", "")
	g.begin(t, levelInfo)
	g.str("[L2TP] " + tunnel(v.slot) + " disconnect tunnel " + strconv.FormatInt(v.tunnelID%60000+1000, 10) + " complete")
	g.end(0, v.src, "", "")
	y.busy[v.slot-1] = false
}

// vpnTraffic: an RTX does not log sessions inside the LAN.
func (*yamahaFormatter) vpnTraffic(*gen, *vpnSession, *host, *service) {}

// via is how RTX names the way in: its web GUI or SSH.
func via(a *adminSession) string {
	if a.via == "ssh" {
		return "SSH"
	}
	return "HTTP"
}

func (y *yamahaFormatter) adminLogin(g *gen, a *adminSession, ok bool, tags uint32) {
	t := g.t
	g.begin(t, levelInfo)
	if !ok {
		g.str("Login failed for " + via(a) + ": " + a.ip + " " + a.user)
		g.end(tags, a.ip, "", a.user)
		return
	}
	g.str("Login succeeded for " + via(a) + ": " + a.ip + " " + a.user)
	g.end(tags, a.ip, "", a.user)
	g.begin(t, levelInfo)
	g.str("'administrator' succeeded for " + via(a) + ": " + a.ip + " " + a.user)
	g.end(0, a.ip, "", a.user)
}

// adminChange: RTX logs only the `save` that ends a round of changes.
func (y *yamahaFormatter) adminChange(g *gen, a *adminSession, n int) {
	if n != len(a.changes)-1 {
		return
	}
	g.begin(g.t, levelInfo)
	g.str(`Configuration saved in "CONFIG0" by ` + via(a) + "(" + a.user + ")")
	g.end(0, a.ip, "", a.user)
}

func (y *yamahaFormatter) adminLogout(g *gen, a *adminSession) {
	g.begin(g.t, levelInfo)
	g.str("Logout from " + via(a) + ": " + a.ip + " " + a.user)
	g.end(0, a.ip, "", a.user)
}

func (y *yamahaFormatter) dhcp(g *gen, h *host, renew bool) {
	g.begin(g.t, levelInfo)
	if renew {
		g.str("[DHCPD] LAN1 Extends ")
	} else {
		g.str("[DHCPD] LAN1 Allocates ")
	}
	g.str(h.ip + ": " + h.mac)
	g.end(0, "", "", "")
}

// malware: the RTX's filter refuses the infected PC's direct SMTP.
func (y *yamahaFormatter) malware(g *gen, h *host, m *malwareTarget, tags uint32) {
	y.reject(g, true, 6, h.ip, ephemeralPort(g.r, h), m.ip, m.svc.port)
	g.end(tags, h.ip, m.ip, "")
}

// lineFlap is the provider dropping the PPPoE session and the router
// dialing again.
func (y *yamahaFormatter) lineFlap(g *gen, t int64) {
	lines := []string{
		"PPPOE[01] Disconnected, cause [PPPoE: PADT received]",
		"PPPOE[01] Connecting to PPPoE server",
		"PPPOE[01] PPPoE Connect",
		"PP[01] PPP/IPCP up  (Local: " + y.n.wan + ", Remote: " + y.n.ispPeer + ")",
	}
	for i, s := range lines {
		g.after(t+int64(i)*3*second, func(g *gen, t int64) {
			g.begin(t, levelNotice)
			g.str(s)
			g.end(0, "", "", "")
		})
	}
}
