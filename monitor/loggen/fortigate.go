package loggen

import (
	"strconv"
	"strings"
)

// fortiFormatter writes FortiOS 7 logs: bare key=value lines, strings
// quoted, numbers and addresses not, in the field order FortiOS uses.
type fortiFormatter struct{ n *network }

var fortiCosts = lineCosts{
	session: 1, webBlock: 2, vpnFailure: 1, vpnLogin: 2, vpnLogout: 1, vpnTraffic: 1,
	adminLogin: 1, adminChange: 1, adminLogout: 1, dhcp: 1, malware: 2, botnet: 1,
}

// FortiOS policies of the office's FortiGate.
const (
	policyInternet = "1"
	policyQUIC     = "2"
	policyVPN      = "4"
	uuidInternet   = "5b8e3a2c-6d1f-51ef-8a41-9c3e7d2b4f10"
	uuidQUIC       = "5b8e3a2c-6d1f-51ef-2c7d-0a94e1b6c833"
	uuidVPN        = "7e1d9c40-6d1f-51ef-b3f2-5d6a0c8e9b21"
)

// priority: FortiOS sends with facility local7.
func (*fortiFormatter) priority(lv level) int { return 23*8 + int(lv) }

func (f *fortiFormatter) header() string { return f.n.device }

// head starts a line with the fields every FortiOS log begins with.
func (f *fortiFormatter) head(g *gen, t int64, logid, typ, subtype, eventtype, lvName string, lv level) {
	g.begin(t, lv)
	g.str("date=")
	g.buf = append(g.buf, g.st.date()...)
	g.str(" time=")
	g.buf = append(g.buf, g.st.clock()...)
	g.kq("devname", f.n.device)
	g.kq("devid", f.n.devid)
	g.ki("eventtime", t)
	g.kq("tz", "+0900")
	g.kq("logid", logid)
	g.kq("type", typ)
	g.kq("subtype", subtype)
	if eventtype != "" {
		g.kq("eventtype", eventtype)
	}
	g.kq("level", lvName)
	g.kq("vd", "root")
}

// endpoints appends the addresses and ports of a session and the
// interface its source came in on: the LAN, or the Internet when inbound.
func (f *fortiFormatter) endpoints(g *gen, src string, sport int, dst string, dport int, inbound bool) {
	g.kv("srcip", src)
	g.ki("srcport", int64(sport))
	if inbound {
		g.kq("srcintf", "wan1")
		g.kq("srcintfrole", "wan")
	} else {
		g.kq("srcintf", "internal")
		g.kq("srcintfrole", "lan")
	}
	g.kv("dstip", dst)
	g.ki("dstport", int64(dport))
}

func packets(bytes int64) int64 { return 1 + bytes/1100 }

func (f *fortiFormatter) session(g *gen, fl *flow, tags uint32) {
	f.forward(g, g.t, fl, g.nextSession(), "", tags)
}

// forward writes a forward traffic log of an allowed session; utm names
// the security engine that blocked something in it ("" for none).
func (f *fortiFormatter) forward(g *gen, t int64, fl *flow, sid int64, utm string, tags uint32) {
	f.head(g, t, "0000000013", "traffic", "forward", "", "notice", levelNotice)
	f.endpoints(g, fl.h.ip, fl.sport, fl.dst, fl.svc.port, false)
	g.kq("dstintf", "wan1")
	g.kq("dstintfrole", "wan")
	g.kq("srccountry", "Reserved")
	g.kq("dstcountry", fortiCountry(fl.cc))
	g.ki("sessionid", sid)
	g.ki("proto", int64(fl.svc.proto))
	g.kq("action", fl.action)
	g.kv("policyid", policyInternet)
	g.kq("policytype", "policy")
	g.kq("poluuid", uuidInternet)
	g.kq("policyname", "LAN-to-Internet")
	g.kq("service", fl.svc.name)
	g.kq("trandisp", "snat")
	g.kv("transip", f.n.wan)
	g.ki("transport", int64(fl.sport))
	if fl.hostname != "" && fl.svc.proto == 6 && (fl.svc.port == 443 || fl.svc.port == 80) {
		// The name FortiOS takes from the TLS SNI or the HTTP Host.
		g.kq("hostname", fl.hostname)
	}
	g.ki("duration", fl.dur)
	g.ki("sentbyte", fl.sent)
	g.ki("rcvdbyte", fl.rcvd)
	g.ki("sentpkt", packets(fl.sent))
	g.ki("rcvdpkt", packets(fl.rcvd))
	g.kq("appcat", "unscanned")
	switch utm {
	case "av":
		g.kq("utmaction", "block")
		g.ki("countav", 1)
		g.str(` crscore=50 craction=2 crlevel="critical"`)
	case "web":
		g.kq("utmaction", "block")
		g.ki("countweb", 1)
	}
	if fl.h.role == rolePC {
		g.kq("osname", "Windows")
	}
	g.kq("srcmac", fl.h.mac)
	g.kq("mastersrcmac", fl.h.mac)
	g.ki("srcserver", 0)
	g.end(tags, fl.h.ip, fl.dst, "")
}

func (f *fortiFormatter) dnsQuery(g *gen, h *host, tags uint32) {
	f.head(g, g.t, "0001000014", "traffic", "local", "", "notice", levelNotice)
	sport := ephemeralPort(g.r, h)
	f.endpoints(g, h.ip, sport, f.n.gateway, 53, false)
	g.kq("dstintf", "root")
	g.kq("dstintfrole", "undefined")
	g.kq("srccountry", "Reserved")
	g.kq("dstcountry", "Reserved")
	g.ki("sessionid", g.nextSession())
	g.str(` proto=17 action="accept" policyid=0 policytype="local-in-policy" service="DNS" trandisp="noop" app="DNS" duration=180`)
	sent, rcvd := int64(60+g.r.intn(30)), int64(90+g.r.intn(300))
	g.ki("sentbyte", sent)
	g.ki("rcvdbyte", rcvd)
	g.str(` sentpkt=1 rcvdpkt=1 appcat="unscanned"`)
	g.end(tags, h.ip, f.n.gateway, "")
}

func (f *fortiFormatter) outboundDeny(g *gen, fl *flow, tags uint32) {
	f.head(g, g.t, "0000000013", "traffic", "forward", "", "notice", levelNotice)
	f.endpoints(g, fl.h.ip, fl.sport, fl.dst, fl.svc.port, false)
	g.kq("dstintf", "wan1")
	g.kq("dstintfrole", "wan")
	g.kq("srccountry", "Reserved")
	g.kq("dstcountry", fortiCountry(fl.cc))
	g.ki("sessionid", g.nextSession())
	g.ki("proto", int64(fl.svc.proto))
	g.kq("action", "deny")
	if fl.svc == svcQUIC {
		g.kv("policyid", policyQUIC)
		g.kq("policytype", "policy")
		g.kq("poluuid", uuidQUIC)
		g.kq("policyname", "Block-QUIC")
	} else {
		g.kv("policyid", "0") // the implicit deny
		g.kq("policytype", "policy")
	}
	g.kq("service", fl.svc.name)
	g.str(` trandisp="noop" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat="unscanned" crscore=30 craction=131072 crlevel="high"`)
	g.end(tags, fl.h.ip, fl.dst, "")
}

func (f *fortiFormatter) inboundDeny(g *gen, src, cc string, sport, dport, proto int, tags uint32) {
	f.head(g, g.t, "0001000014", "traffic", "local", "", "notice", levelNotice)
	f.endpoints(g, src, sport, f.n.wan, dport, true)
	g.kq("dstintf", "root")
	g.kq("dstintfrole", "undefined")
	g.kq("srccountry", fortiCountry(cc))
	g.kq("dstcountry", "Reserved")
	g.ki("sessionid", g.nextSession())
	g.ki("proto", int64(proto))
	g.str(` action="deny" policyid=0 policytype="local-in-policy"`)
	g.kq("service", fortiServiceName(proto, dport))
	g.str(` trandisp="noop" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 appcat="unscanned" crscore=5 craction=262144 crlevel="low"`)
	src0 := src
	if tags == g.decoys.noise {
		src0 = "" // thousands of scanners: counted, not listed
	}
	g.end(tags, src0, "", "")
}

func (f *fortiFormatter) webBlock(g *gen, h *host, s *site, tags uint32) {
	fl := *g.flow(g.r, h, s)
	fl.action, fl.rcvd, fl.dur = "server-rst", 0, 0
	sid := g.nextSession()
	f.head(g, g.t, "0316013056", "utm", "webfilter", "ftgd_blk", "warning", levelWarning)
	g.kv("policyid", policyInternet)
	g.ki("sessionid", sid)
	f.endpoints(g, h.ip, fl.sport, fl.dst, fl.svc.port, false)
	g.str(` dstintf="wan1" dstintfrole="wan" proto=6`)
	g.kq("service", fl.svc.name)
	g.kq("hostname", s.host)
	g.str(` profile="default" action="blocked" reqtype="direct"`)
	g.kq("url", "https://"+s.host+"/")
	g.ki("sentbyte", fl.sent)
	g.str(` rcvdbyte=0 direction="outgoing" msg="URL belongs to a denied category in policy" method="domain" cat=17 catdesc="Advertising"`)
	g.end(tags, h.ip, fl.dst, "")
	g.after(g.t+int64(g.r.between(1, 3))*second, func(g *gen, t int64) {
		f.forward(g, t, &fl, sid, "web", 0)
	})
}

func (f *fortiFormatter) vpnFailure(g *gen, src, user string, staff bool, tags uint32) {
	f.head(g, g.t, "0101039426", "event", "vpn", "", "alert", levelAlert)
	g.str(` logdesc="SSL VPN login fail" action="ssl-login-fail"`)
	if staff {
		g.kq("tunneltype", "ssl-tunnel")
	} else {
		g.kq("tunneltype", "ssl-web")
	}
	g.ki("tunnelid", 0)
	g.kv("remip", src)
	g.kq("user", user)
	g.str(` group="N/A" dst_host="N/A"`)
	if f.isStaff(user) {
		g.kq("reason", "sslvpn_login_permission_denied")
	} else {
		g.kq("reason", "sslvpn_login_unknown_user")
	}
	g.kq("msg", "SSL user failed to logged in")
	g.end(tags, src, "", user)
}

func (f *fortiFormatter) isStaff(user string) bool {
	for _, u := range f.n.staff {
		if u.name == user {
			return true
		}
	}
	return false
}

func tunnelIP(v *vpnSession) string { return "10.212.134." + strconv.Itoa(v.tunnel) }

func (f *fortiFormatter) vpnLogin(g *gen, v *vpnSession, tags uint32) {
	f.head(g, g.t, "0101039424", "event", "vpn", "", "information", levelInfo)
	g.str(` logdesc="SSL VPN tunnel up" action="ssl-new-con" tunneltype="ssl" tunnelid=0`)
	g.kv("remip", v.src)
	g.str(` user="N/A" group="N/A" dst_host="N/A" reason="N/A" msg="SSL new connection"`)
	g.end(0, v.src, "", "")
	g.after(g.t+int64(g.r.between(1, 3))*second, func(g *gen, t int64) {
		f.head(g, t, "0101039947", "event", "vpn", "", "information", levelInfo)
		g.str(` logdesc="SSL VPN tunnel up" action="tunnel-up" tunneltype="ssl-tunnel"`)
		g.ki("tunnelid", v.tunnelID)
		g.kv("remip", v.src)
		g.kv("tunnelip", tunnelIP(v))
		g.kq("user", v.user)
		g.str(` group="vpn-users" dst_host="N/A" reason="tunnel established" msg="SSL tunnel established"`)
		g.end(tags, v.src, "", v.user)
	})
}

func (f *fortiFormatter) vpnLogout(g *gen, v *vpnSession) {
	f.head(g, g.t, "0101039948", "event", "vpn", "", "information", levelInfo)
	g.str(` logdesc="SSL VPN tunnel down" action="tunnel-down" tunneltype="ssl-tunnel"`)
	g.ki("tunnelid", v.tunnelID)
	g.kv("remip", v.src)
	g.kv("tunnelip", tunnelIP(v))
	g.kq("user", v.user)
	g.str(` group="vpn-users" dst_host="N/A" reason="N/A"`)
	g.ki("duration", (v.to-v.from)/second)
	g.ki("sentbyte", int64(g.r.logNormal(2e6, 1)))
	g.ki("rcvdbyte", int64(g.r.logNormal(8e6, 1)))
	g.kq("msg", "SSL tunnel shutdown")
	g.end(0, v.src, "", v.user)
}

func (f *fortiFormatter) vpnTraffic(g *gen, v *vpnSession, dst *host, svc *service) {
	f.head(g, g.t, "0000000013", "traffic", "forward", "", "notice", levelNotice)
	g.kv("srcip", tunnelIP(v))
	g.ki("srcport", int64(g.r.between(49152, 65535)))
	g.str(` srcintf="ssl.root" srcintfrole="undefined"`)
	g.kv("dstip", dst.ip)
	g.ki("dstport", int64(svc.port))
	g.str(` dstintf="internal" dstintfrole="lan" srccountry="Reserved" dstcountry="Reserved"`)
	g.ki("sessionid", g.nextSession())
	g.ki("proto", int64(svc.proto))
	g.kq("action", "close")
	g.kv("policyid", policyVPN)
	g.kq("policytype", "policy")
	g.kq("poluuid", uuidVPN)
	g.kq("policyname", "SSLVPN-to-LAN")
	g.kq("service", svc.name)
	g.kq("trandisp", "noop")
	sent, rcvd := int64(g.r.logNormal(40000, 1.2)), int64(g.r.logNormal(300000, 1.3))
	g.ki("duration", int64(g.r.logNormal(60, 1.2)))
	g.ki("sentbyte", sent)
	g.ki("rcvdbyte", rcvd)
	g.ki("sentpkt", packets(sent))
	g.ki("rcvdpkt", packets(rcvd))
	g.kq("user", v.user)
	g.kq("group", "vpn-users")
	g.kq("appcat", "unscanned")
	g.end(0, tunnelIP(v), dst.ip, v.user)
}

// ui is how FortiOS names an administrator's way in: "https(ip)" for
// logins, "GUI(ip)" for what is done in the GUI.
func ui(a *adminSession, change bool) string {
	if a.via == "https" && change {
		return "GUI(" + a.ip + ")"
	}
	return a.via + "(" + a.ip + ")"
}

func (f *fortiFormatter) adminLogin(g *gen, a *adminSession, ok bool, tags uint32) {
	if ok {
		f.head(g, g.t, "0100032001", "event", "system", "", "information", levelInfo)
		g.kq("logdesc", "Admin login successful")
		g.kq("sn", strconv.FormatInt(a.from/second, 10))
	} else {
		f.head(g, g.t, "0100032002", "event", "system", "", "alert", levelAlert)
		g.kq("logdesc", "Admin login failed")
		g.kq("sn", "0")
	}
	g.kq("user", a.user)
	g.kq("ui", ui(a, false))
	g.kq("method", a.via)
	g.kv("srcip", a.ip)
	g.kv("dstip", f.n.gateway)
	g.kq("action", "login")
	if ok {
		g.str(` status="success" reason="none" profile="super_admin"`)
		g.kq("msg", "Administrator "+a.user+" logged in successfully from "+ui(a, false))
	} else {
		g.str(` status="failed" reason="passwd_invalid"`)
		g.kq("msg", "Administrator "+a.user+" login failed from "+ui(a, false)+" because of invalid password")
	}
	g.end(tags, a.ip, "", a.user)
}

// configEdits are what the IT person changes.
var configEdits = []struct{ action, path, obj, attr string }{
	{"Edit", "firewall.policy", "1", "srcaddr[all->LAN_subnet]"},
	{"Add", "firewall.address", "Guest-WiFi", "subnet[0.0.0.0 0.0.0.0->192.168.10.0 255.255.255.0]"},
	{"Edit", "user.local", "k.tanaka", "passwd[*]"},
	{"Edit", "system.dhcp.server", "1", "reserved-address"},
	{"Edit", "vpn.ssl.settings", "", "login-attempt-limit[2->3]"},
	{"Edit", "firewall.addrgrp", "Blocked-Sites", "member"},
}

func (f *fortiFormatter) adminChange(g *gen, a *adminSession, n int) {
	c := configEdits[g.r.intn(len(configEdits))]
	f.head(g, g.t, "0100044547", "event", "system", "", "information", levelInfo)
	g.kq("logdesc", "Object attribute configured")
	g.kq("user", a.user)
	g.kq("ui", ui(a, true))
	g.kq("action", c.action)
	g.ki("cfgtid", int64(1179648+g.r.intn(1<<16)))
	g.kq("cfgpath", c.path)
	if c.obj != "" {
		g.kq("cfgobj", c.obj)
	}
	g.kq("cfgattr", c.attr)
	g.kq("msg", c.action+" "+c.path+" "+c.obj)
	g.end(0, a.ip, "", a.user)
}

func (f *fortiFormatter) adminLogout(g *gen, a *adminSession) {
	f.head(g, g.t, "0100032003", "event", "system", "", "information", levelInfo)
	g.kq("logdesc", "Admin logout successful")
	g.kq("sn", strconv.FormatInt(a.from/second, 10))
	g.kq("user", a.user)
	g.kq("ui", ui(a, false))
	g.kq("method", a.via)
	g.kv("srcip", a.ip)
	g.kv("dstip", f.n.gateway)
	g.str(` action="logout" status="success"`)
	g.ki("duration", (g.t-a.from)/second)
	g.str(` reason="exit" profile="super_admin"`)
	g.kq("msg", "Administrator "+a.user+" logged out from "+ui(a, false))
	g.end(0, a.ip, "", a.user)
}

func (f *fortiFormatter) dhcp(g *gen, h *host, _ bool) {
	f.head(g, g.t, "0100026001", "event", "system", "", "information", levelInfo)
	g.str(` logdesc="DHCP Ack log" interface="internal" dhcp_msg="Ack"`)
	g.kq("mac", h.mac)
	g.kv("ip", h.ip)
	g.ki("lease", 604800)
	g.kq("hostname", h.name)
	g.kq("msg", "DHCP server sends a DHCPACK")
	g.end(0, "", "", "")
}

func (f *fortiFormatter) malware(g *gen, h *host, m *malwareTarget, tags uint32) {
	ip := g.infected
	fl := *g.flow(g.r, h, &site{host: m.host, ips: []string{m.ip}, cc: m.cc, svc: m.svc, size: sizeAPI})
	sid := g.nextSession()
	if m.c2 {
		f.head(g, g.t, "0422016400", "utm", "ips", "botnet", "warning", levelWarning)
		g.str(` msg="Botnet C&C Communication." action="dropped"`)
		g.kq("service", m.svc.name)
		g.ki("sessionid", sid)
		g.kv("srcip", h.ip)
		g.kv("dstip", m.ip)
		g.ki("srcport", int64(fl.sport))
		g.ki("dstport", int64(m.svc.port))
		g.str(` srcintf="internal" srcintfrole="lan" dstintf="wan1" dstintfrole="wan"`)
		g.kv("policyid", policyInternet)
		g.str(` proto=6 direction="outgoing"`)
		g.kq("attack", ip.botnet)
		g.ki("attackid", int64(ip.botnetID))
		g.kq("profile", "default")
		g.kq("ref", "http://www.fortinet.com/ids/VID"+strconv.Itoa(ip.botnetID))
		g.str(` crscore=50 craction=4 crlevel="critical"`)
		g.end(tags, h.ip, m.ip, "")
		return
	}
	f.head(g, g.t, "0211008192", "utm", "virus", "infected", "warning", levelWarning)
	g.str(` msg="File is infected." action="blocked"`)
	g.kq("service", m.svc.name)
	g.ki("sessionid", sid)
	g.kv("srcip", h.ip)
	g.kv("dstip", m.ip)
	g.ki("srcport", int64(fl.sport))
	g.ki("dstport", int64(m.svc.port))
	g.kq("srccountry", "Reserved")
	g.kq("dstcountry", fortiCountry(m.cc))
	g.str(` srcintf="internal" srcintfrole="lan" dstintf="wan1" dstintfrole="wan"`)
	g.kv("policyid", policyInternet)
	// The file leaves in the request: an upload or a mail.
	g.str(` proto=6 direction="outgoing"`)
	g.kq("filename", ip.filename)
	g.str(` quarskip="File-was-not-quarantined"`)
	g.kq("virus", ip.virus)
	g.str(` viruscat="Virus" dtype="av-engine"`)
	g.kq("ref", "http://www.fortinet.com/ve?vn="+strings.NewReplacer("/", "%2F", "!", "%21").Replace(ip.virus))
	g.ki("virusid", int64(ip.virusID))
	if m.url != "" {
		g.kq("url", "http://"+m.host+m.url)
	}
	g.kq("profile", "default")
	if m.svc == svcHTTP {
		g.kq("agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36")
	}
	g.str(` analyticssubmit="false" crscore=50 craction=2 crlevel="critical"`)
	g.end(tags, h.ip, m.ip, "")
	fl.action = "client-rst"
	g.after(g.t+int64(g.r.between(1, 4))*second, func(g *gen, t int64) {
		f.forward(g, t, &fl, sid, "av", 0)
	})
}

func (*fortiFormatter) lineFlap(*gen, int64) {}
