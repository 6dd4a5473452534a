package yamaha

import (
	"net/netip"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// endpoint reads one side of a packet as RTX prints it: "192.0.2.1:80"
// (filters, [INSPECT] over IPv4), "192.0.2.1.80" (NAT), "2001:db8::1.443"
// ([INSPECT] over IPv6), "[2001:db8::1]:443", or a bare address (ICMP).
// Masked addresses ("xx.xx.xx.xx", "xxx") and MAC addresses give "" and
// 0: never a guess.
func endpoint(s string) (ip string, port int) {
	s = strings.TrimRight(s, ",;")
	if strings.HasPrefix(s, "[") {
		addr, rest, ok := strings.Cut(s[1:], "]")
		if !ok {
			return "", 0
		}
		return field.IP(addr), field.Port(strings.TrimPrefix(rest, ":"))
	}
	colons := strings.Count(s, ":")
	switch {
	case colons == 1: // IPv4:port
		addr, p, _ := strings.Cut(s, ":")
		return field.IP(addr), field.Port(p)
	case colons > 1: // IPv6, its port after the last dot
		if i := strings.LastIndexByte(s, '.'); i > strings.LastIndexByte(s, ':') {
			if a, err := netip.ParseAddr(s[:i]); err == nil && a.Is6() {
				return field.IP(s[:i]), field.Port(s[i+1:])
			}
		}
		return field.IP(s), 0
	case strings.Count(s, ".") == 4: // IPv4.port
		i := strings.LastIndexByte(s, '.')
		return field.IP(s[:i]), field.Port(s[i+1:])
	}
	return field.IP(s), 0
}

// packet reads "PROTO src > dst[ …]" into e. It reports whether a protocol
// name led the text; MAC-filter lines ("aa:bb:… > cc:dd:… IP") carry
// none, and then no address is taken either.
func packet(s string, e *monitor.Event) bool {
	p, rest := word(s)
	e.Proto = proto(p)
	if e.Proto == "" {
		return false
	}
	src, dst, ok := strings.Cut(rest, " > ")
	if !ok {
		// Truncated lines end after the source ("UDP 192.0.2.1:10395 >").
		src = strings.TrimSuffix(strings.TrimRight(rest, " "), " >")
	}
	srcWord, _ := word(src)
	e.SrcIP, e.SrcPort = endpoint(srcWord)
	if ok {
		dstWord, _ := word(dst)
		e.DstIP, e.DstPort = endpoint(dstWord)
	}
	return true
}

// isWAN reports whether an RTX interface name is the Internet side as
// RTX and NVR models are normally cabled: PP (PPPoE) sessions, LAN2 (the
// WAN port of RTX830/1200/1210/1220/1300 and NVR), and the WAN/ONU ports
// of NVR510/700W. LAN1 and TUNNEL are left to the caller, which tells LAN
// from Internet by address: traffic crossing LAN1 may as well be internal.
func isWAN(iface string) bool {
	if i := strings.IndexByte(iface, '('); i > 0 { // LAN2(port1)
		iface = iface[:i]
	}
	switch {
	case strings.HasPrefix(iface, "PP[ANONYMOUS"):
		return false // remote-access users, not the Internet
	case strings.HasPrefix(iface, "PP["), iface == "LAN2",
		strings.HasPrefix(iface, "WAN"), strings.HasPrefix(iface, "ONU"):
		return true
	}
	return false
}

// direction turns a filter's IN/OUT on an interface into the event's
// direction, when the interface is known to face the Internet.
func direction(iface string, in bool) monitor.Direction {
	if !isWAN(iface) {
		return ""
	}
	if in {
		return monitor.DirectionInbound
	}
	return monitor.DirectionOutbound
}

// parseFilter reads a static filter log (`ip filter … reject-log`/
// `pass-log`, or the default "reject" log):
//
//	PP[01] Rejected at IN(200030) filter: TCP 203.0.113.5:51234 > 198.51.100.2:23
//	LAN1 Passed at OUT(100) filter: UDP 192.168.100.5:1025 > 192.168.100.1:53
//	LAN1(port2) Rejected at IN(10) filter: 00:a0:de:01:02:03 > ff:ff:ff:ff:ff:ff IP
//
// iface is the first word, rest what follows it; isFilterVerb(rest) holds.
// It reports false, having set nothing, when the filter number is cut off.
func parseFilter(iface, rest string, e *monitor.Event) bool {
	action := monitor.ActionAllow
	if strings.HasPrefix(rest, "Rejected") {
		action = monitor.ActionDeny
	}
	_, rest, _ = strings.Cut(rest, " at ")
	in := strings.HasPrefix(rest, "IN(")
	num, rest, ok := strings.Cut(rest[strings.IndexByte(rest, '(')+1:], ")")
	if !ok {
		return false
	}
	e.Kind, e.Action = monitor.KindTraffic, action
	e.VendorID = num
	e.Direction = direction(iface, in)
	if body, ok := after(rest, "filter:"); ok {
		packet(strings.TrimLeft(body, " "), e)
	}
	return true
}

// packetIn finds "PROTO src > dst" inside free text and reads it into e.
// It returns where the packet starts in s, or -1 when there is none.
func packetIn(s string, e *monitor.Event) int {
	p := strings.Index(s, " > ")
	if p < 0 {
		return -1
	}
	head := strings.TrimRight(s[:p], " ")
	j := strings.LastIndexByte(head, ' ') // before src
	if j < 0 {
		return -1
	}
	k := strings.LastIndexByte(head[:j], ' ') + 1 // start of PROTO
	if proto(head[k:j]) == "" {
		return -1
	}
	packet(s[k:], e)
	return k
}

// parseInspect reads a dynamic filter (stateful inspection) session record,
// logged when the session opens; the stamp is that moment:
//
//	[INSPECT] LAN2[out][101100] TCP 192.168.20.3:54874 > 172.217.25.193:443 (2020/01/23 14:12:42)
func parseInspect(rest string, loc *time.Location, e *monitor.Event) {
	e.Kind = monitor.KindTraffic
	e.Action = monitor.ActionOther
	body, stamp, ok := cutTrailingStamp(rest)
	if ok && e.Time.IsZero() {
		e.Time = stampTime(stamp, loc)
	}
	at, body := word(body)
	// at is IFACE[dir][number]; IFACE may hold brackets itself (PP[01]).
	if i := strings.LastIndexByte(at, '['); i > 0 && strings.HasSuffix(at, "]") {
		e.VendorID = at[i+1 : len(at)-1]
		at = at[:i]
	}
	switch {
	case strings.HasSuffix(at, "[in]"):
		e.Direction = direction(at[:len(at)-4], true)
	case strings.HasSuffix(at, "[out]"):
		e.Direction = direction(at[:len(at)-5], false)
	}
	if packet(body, e) {
		e.Action = monitor.ActionAllow
	}
}

// parseNAT reads a NAT descriptor log (`nat descriptor log on`): the inner
// endpoint, its translated outer one, and the remote one.
//
//	[NAT(1000):LAN2] Released UDP 172.16.20.3.44249 <-> 192.168.20.254.10708 ==> 172.16.20.1.53
func parseNAT(tag, rest string, e *monitor.Event) {
	e.Kind = monitor.KindTraffic
	e.Action = monitor.ActionOther
	if num, _, ok := strings.Cut(strings.TrimPrefix(tag, "NAT("), ")"); ok {
		e.VendorID = num
	}
	_, rest = word(rest) // Released, Allocated…
	p, rest := word(rest)
	if e.Proto = proto(p); e.Proto == "" {
		return
	}
	inner, rest, ok := strings.Cut(rest, " <-> ")
	if !ok {
		return
	}
	e.SrcIP, e.SrcPort = endpoint(inner)
	if remote, ok := after(rest, "==> "); ok {
		w, _ := word(remote)
		e.DstIP, e.DstPort = endpoint(w)
	}
}
