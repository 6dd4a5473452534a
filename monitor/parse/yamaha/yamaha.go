// Package yamaha reads the syslog of Yamaha RTX, NVR and FWX routers, the
// routers most Japanese small companies run (vendor "yamaha-rtx").
//
// RTX sends bare messages: a priority at most ("<13> [INSPECT] …"), no
// time stamp and no host name. Some messages carry their own time
// ("(2020/01/23 14:12:42)" after [INSPECT] records), and lines taken from
// `show log` or an exported log file start with one ("2022/12/14
// 13:05:10: …"); both are read in the source's time zone. Nothing else in
// the line says "Yamaha", so detection goes by the shapes of the messages
// RTX firmware writes: its bracketed tags ([INSPECT], [IKE], [L2TP]…), its
// interface names (PP[01], LAN2, TUNNEL[1]) and its fixed sentences
// ("Login succeeded for TELNET: …", "Rejected at IN(…) filter: …").
package yamaha

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg (the message after the syslog header) is a
// Yamaha router's. Cheap: no allocation, no regexp.
func Detect(_ syslog.Header, msg string) bool {
	s := strings.TrimSpace(msg)
	if _, _, ok := cutLeadingStamp(s); ok {
		// "YYYY/MM/DD hh:mm:ss: " is how RTX prints its own log; no other
		// supported vendor writes dates with slashes and a colon after.
		return true
	}
	return recognized(s)
}

// Parse fills e from the line and reports whether it understood it.
func Parse(h syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool {
	s := strings.TrimSpace(msg)
	stamp, rest, stamped := cutLeadingStamp(s)
	if stamped {
		e.Time = stampTime(stamp, loc)
		s = rest
	}
	if !parseMessage(s, loc, e) {
		if !stamped {
			return false
		}
		// A line of RTX's own log whose message this parser does not
		// know: hardware banners, hex dumps of PPP frames, and whatever
		// users' Lua scripts write with rt.syslog ("[v6plus] …").
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	}
	if h.Priority >= 0 {
		// RTX puts its level only in the priority ("syslog notice on").
		e.Severity = severities[h.Priority&7]
	}
	return true
}

var severities = [8]string{"emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"}

// recognized reports whether s (without a leading stamp) has the shape of
// a message parseMessage reads.
func recognized(s string) bool {
	if s == "" {
		return false
	}
	if s[0] == '[' {
		tag, _, ok := cutTag(s)
		return ok && knownTag(tag)
	}
	first, rest := word(s)
	switch {
	case isPP(first), isFilterVerb(rest):
		return true
	case first == "IP":
		return strings.HasPrefix(rest, "Tunnel[") || strings.HasPrefix(rest, "packet rejected by filter ") ||
			strings.HasPrefix(rest, "packet passed by filter ")
	case first == "Login", first == "Logout", first == "'administrator'":
		return isAdminSentence(s)
	}
	return strings.HasPrefix(s, `Configuration saved in "`) || isBoot(s) || isLink(first, rest)
}

// parseMessage reads s (without a leading stamp) into e. It reports false,
// having set nothing, when s is not a message it knows.
func parseMessage(s string, loc *time.Location, e *monitor.Event) bool {
	if s == "" {
		return false
	}
	if s[0] == '[' {
		tag, rest, ok := cutTag(s)
		if !ok || !knownTag(tag) {
			return false
		}
		parseTagged(tag, rest, loc, e)
		return true
	}
	first, rest := word(s)
	switch {
	case isPP(first):
		return parsePP(first, rest, e)
	case isFilterVerb(rest):
		return parseFilter(first, rest, e)
	case first == "IP" && strings.HasPrefix(rest, "Tunnel["):
		return parseTunnelState(rest, e)
	case first == "IP" && strings.HasPrefix(rest, "packet "):
		return parseFilterSentence(rest, e)
	case first == "Login", first == "Logout", first == "'administrator'":
		if !isAdminSentence(s) {
			return false
		}
		parseAdmin(s, e)
		return true
	case strings.HasPrefix(s, `Configuration saved in "`):
		parseConfigSaved(s, e)
		return true
	case isBoot(s), isLink(first, rest):
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
		return true
	}
	return false
}

// knownTag reports whether tag is one RTX firmware puts in brackets at the
// start of a message. The list stays closed and short on purpose: "[INFO]",
// "[ERROR]" or "[NTP]" from other software must not pass for Yamaha. Lines
// from RTX's own log (with the leading date) are recognized whatever
// their tag.
func knownTag(tag string) bool {
	switch tag {
	case "INSPECT", "FILTER", "IKE", "IKEv2", "IKE1", "IKE2", "IPSEC", "L2TP", "PPTP",
		"DHCPD", "DHCPC", "SCHEDULE", "LUA", "SWCTL", "L2MS",
		"IDS", "INTRUSION", "DOS", "CONFIG", "SSHD", "HTTPD":
		return true
	}
	return strings.HasPrefix(tag, "NAT(") && strings.IndexByte(tag, ')') > 4
}

// parseTagged reads a "[TAG] rest" message whose tag knownTag accepted.
func parseTagged(tag, rest string, loc *time.Location, e *monitor.Event) {
	switch {
	case tag == "INSPECT":
		parseInspect(rest, loc, e)
	case tag == "FILTER":
		first, r := word(rest)
		if !isFilterVerb(r) || !parseFilter(first, r, e) {
			if !parseFilterSentence(rest, e) {
				e.Kind, e.Action = monitor.KindTraffic, monitor.ActionOther
			}
		}
	case strings.HasPrefix(tag, "NAT("):
		parseNAT(tag, rest, e)
	case strings.HasPrefix(tag, "IKE"), tag == "IPSEC":
		parseIKE(rest, e)
	case tag == "L2TP":
		parseL2TP(rest, "l2tp", e)
	case tag == "PPTP":
		parseL2TP(rest, "pptp", e)
	case tag == "IDS", tag == "INTRUSION", tag == "DOS":
		parseThreat(rest, e)
	case tag == "CONFIG":
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	case isAdminSentence(rest):
		// [HTTPD]/[SSHD] login lines on some firmware.
		parseAdmin(rest, e)
	default:
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
		if tag == "DHCPD" {
			e.SrcIP = leaseAddress(rest)
		}
	}
}

// isFilterVerb reports whether rest, the text after an interface name,
// is a static filter log: "Rejected at IN(…" or "Passed at OUT(…".
func isFilterVerb(rest string) bool {
	r, ok := strings.CutPrefix(rest, "Rejected at ")
	if !ok {
		if r, ok = strings.CutPrefix(rest, "Passed at "); !ok {
			return false
		}
	}
	return (strings.HasPrefix(r, "IN(") || strings.HasPrefix(r, "OUT(")) && strings.IndexByte(r, ')') > 0
}

// parseFilterSentence reads the sentence form of a filter log: "IP packet
// rejected by filter 200030 …" (the tag and "IP " already taken).
func parseFilterSentence(s string, e *monitor.Event) bool {
	s = strings.TrimPrefix(s, "IP ")
	var rest string
	var ok bool
	if rest, ok = strings.CutPrefix(s, "packet rejected by filter "); ok {
		e.Action = monitor.ActionDeny
	} else if rest, ok = strings.CutPrefix(s, "packet passed by filter "); ok {
		e.Action = monitor.ActionAllow
	} else {
		return false
	}
	e.Kind = monitor.KindTraffic
	num, rest := word(rest)
	e.VendorID = strings.TrimRight(num, ":,")
	packetIn(rest, e)
	return true
}

// isBoot reports whether s is one of RTX's start-up messages: the restart
// reason and the firmware banner ("RTX1300 Rev.23.00.04 (Wed Aug 10
// 11:40:27 2022) starts").
func isBoot(s string) bool {
	switch {
	case strings.HasPrefix(s, "Restart by "), strings.HasPrefix(s, "Restarted by "),
		strings.HasPrefix(s, "Power-on boot"), strings.HasPrefix(s, "Reboot by "):
		return true
	case strings.HasSuffix(s, " starts") && strings.Contains(s, " Rev."):
		for _, model := range [...]string{"RT", "NVR", "FWX", "SRT", "vRX"} { // RT covers RTX
			if strings.HasPrefix(s, model) {
				return true
			}
		}
	}
	return false
}

// isLink reports whether the message is an Ethernet link change: "LAN2:
// link up", "LAN1: PORT4 link up (1000BASE-T Full Duplex)", "LANC3: link
// down".
func isLink(first, rest string) bool {
	iface, ok := strings.CutSuffix(first, ":")
	if !ok || !(strings.HasPrefix(iface, "LAN") || strings.HasPrefix(iface, "WAN") || strings.HasPrefix(iface, "ONU")) {
		return false
	}
	// LAN1, LANC3 (RTX1100), WAN1, ONU1.
	n := strings.TrimPrefix(iface[3:], "C")
	if n == "" || n[0] < '0' || n[0] > '9' {
		return false
	}
	return strings.HasPrefix(rest, "link ") || strings.HasPrefix(rest, "PORT")
}

// leaseAddress returns the address a DHCP server line is about:
// "LAN1(port4) Allocates 192.168.182.4: 38:56:10:c6:f3:39".
func leaseAddress(s string) string {
	for range 4 {
		var w string
		w, s = word(s)
		if ip := field.IP(strings.TrimSuffix(w, ":")); ip != "" {
			return ip
		}
		if s == "" {
			break
		}
	}
	return ""
}

// parseThreat reads the intrusion detection and DoS messages ([IDS],
// [INTRUSION], [DOS]). Their exact wording varies across firmware; what
// they share is an interface first, then the attack's name and its
// addresses, either as a packet ("TCP a:p > b:p") or "from a" / "to b":
//
//	[INTRUSION] LAN2[in] TCP SYN flood: TCP 203.0.113.5:4123 > 198.51.100.2:80
//	[IDS] LAN2: TCP SYN flood from 203.0.113.5
//
// With `ip … intrusion detection … reject=on` the router drops the packet
// and says so; otherwise it only reports it.
func parseThreat(rest string, e *monitor.Event) {
	e.Kind = monitor.KindThreat
	e.Action = monitor.ActionAlert
	if containsFold(rest, "reject") || containsFold(rest, "discard") || containsFold(rest, "drop") ||
		containsFold(rest, "block") {
		e.Action = monitor.ActionBlock
	}
	iface, body := word(rest)
	iface = strings.TrimSuffix(iface, ":")
	switch {
	case strings.HasSuffix(iface, "[in]"):
		e.Direction = direction(iface[:len(iface)-4], true)
	case strings.HasSuffix(iface, "[out]"):
		e.Direction = direction(iface[:len(iface)-5], false)
	default:
		if dir, r := word(body); dir == "IN" || dir == "OUT" || dir == "IN:" || dir == "OUT:" {
			e.Direction = direction(iface, dir[0] == 'I')
			body = r
		}
	}
	name := body
	if k := packetIn(body, e); k >= 0 {
		name = body[:k]
	} else {
		e.SrcIP = ipAfter(body, "from ")
		e.DstIP = ipAfter(body, " to ")
		for _, cut := range [...]string{" from ", " to ", "("} {
			if i := strings.Index(name, cut); i > 0 {
				name = name[:i]
			}
		}
	}
	name = strings.TrimRight(strings.TrimSpace(name), ":,")
	for _, verb := range [...]string{" rejected", " discarded", " dropped", " blocked", " detected"} {
		name = strings.TrimSuffix(name, verb)
	}
	e.Threat = name
}
