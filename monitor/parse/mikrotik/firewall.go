package mikrotik

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// firewallRecord finds a firewall record in s: the rule's log-prefix and
// what follows the chain's "in:" ("ether1 out:…, proto …"). When nothing
// precedes the chain the header splitter has read it as a tag
// ("input: in:…" → App "input"), which app says.
func firewallRecord(app, s string) (prefix, rec string, ok bool) {
	if app != "" && strings.HasPrefix(s, "in:") {
		rec = s[len("in:"):]
	} else {
		k := strings.Index(s, ": in:")
		if k <= 0 {
			return "", "", false
		}
		prefix = strings.TrimSpace(s[:strings.LastIndexByte(s[:k], ' ')+1])
		rec = s[k+len(": in:"):]
	}
	if !strings.Contains(rec, " out:") || !strings.Contains(rec, "proto ") {
		return "", "", false
	}
	return prefix, rec, true
}

// parseFirewall reads a firewall record (see firewallRecord):
//
//	drop-in input: in:ether1-WAN out:(unknown 0), connection-state:new src-mac 00:17:10:88:bc:02, proto TCP (SYN), 203.0.113.5:51234->192.0.2.1:22, len 60
//	forward: in:bridge out:ether1, proto TCP (SYN), 192.168.88.5:51234->203.0.113.9:443, NAT (192.168.88.5:51234->198.51.100.2:51234)->203.0.113.9:443, len 60
//	input: in:ether1 out:(none), proto ICMP (type 8, code 0), 203.0.113.5->192.0.2.1, len 84
//
// The first address pair is the packet as it arrived, before NAT.
func parseFirewall(prefix, rec string, e *monitor.Event) bool {
	in, rec, _ := strings.Cut(rec, " out:")
	out, rec, _ := strings.Cut(rec, ",")
	_, rec, ok := strings.Cut(rec, "proto ")
	if !ok {
		return false
	}
	end := strings.IndexAny(rec, " ,")
	if end < 0 {
		return false
	}
	e.Proto = field.Proto(rec[:end])
	rec = rec[end:]
	if strings.HasPrefix(rec, " (") {
		// TCP flags or ICMP type and code; the latter holds a comma.
		if i := strings.IndexByte(rec, ')'); i > 0 {
			rec = rec[i+1:]
		}
	}
	rec = strings.TrimPrefix(rec, ", ")
	pair, _, _ := strings.Cut(rec, ",")
	src, dst, ok := strings.Cut(pair, "->")
	if !ok {
		return false
	}
	e.SrcIP, e.SrcPort = hostPort(src)
	e.DstIP, e.DstPort = hostPort(dst)
	if e.SrcIP == "" || e.DstIP == "" {
		return false
	}
	e.Kind = monitor.KindTraffic
	e.Action = verdict(prefix)
	e.Direction = direction(in, out)
	e.VendorID = prefix
	return true
}

// hostPort reads "192.0.2.1:22", "[2001:db8::1]:22", "192.0.2.1" and
// "2001:db8::1".
func hostPort(s string) (string, int) {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "[") {
		host, port, _ := strings.Cut(s[1:], "]")
		return field.IP(host), field.Port(strings.TrimPrefix(port, ":"))
	}
	if strings.Count(s, ":") == 1 {
		host, port, _ := strings.Cut(s, ":")
		return field.IP(host), field.Port(port)
	}
	return field.IP(s), 0
}

// verdict reads a rule's log-prefix. RouterOS does not write the rule's
// action, so a prefix without a verdict word leaves it "other" instead of
// the drop that most logged rules are.
func verdict(prefix string) monitor.Action {
	a := monitor.ActionOther
	for i := 0; i < len(prefix); {
		for i < len(prefix) && !isAlnum(prefix[i]) {
			i++
		}
		start := i
		for i < len(prefix) && isAlnum(prefix[i]) {
			i++
		}
		switch verdictWord(prefix[start:i]) {
		case monitor.ActionDeny:
			return monitor.ActionDeny
		case monitor.ActionAllow:
			a = monitor.ActionAllow
		}
	}
	return a
}

// verdictWord reads one word of a prefix, in any case, without allocating.
func verdictWord(w string) monitor.Action {
	var buf [8]byte
	if len(w) < 4 || len(w) > len(buf) {
		return ""
	}
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "drop", "dropped", "reject", "rejected", "deny", "denied", "block", "blocked", "tarpit":
		return monitor.ActionDeny
	case "accept", "accepted", "allow", "allowed", "pass", "permit":
		return monitor.ActionAllow
	}
	return ""
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// direction reads the interface names: RouterOS's default configuration
// and most hand-made ones name the internet side "WAN" ("ether1-WAN").
// "(unknown 0)" and "(none)" are the router itself.
func direction(in, out string) monitor.Direction {
	inWAN, outWAN := containsWAN(in), containsWAN(out)
	switch {
	case inWAN && !outWAN:
		return monitor.DirectionInbound
	case outWAN && !inWAN:
		return monitor.DirectionOutbound
	}
	return ""
}

func containsWAN(s string) bool {
	for i := 0; i+3 <= len(s); i++ {
		if (s[i]|0x20) == 'w' && (s[i+1]|0x20) == 'a' && (s[i+2]|0x20) == 'n' {
			return true
		}
	}
	return false
}
