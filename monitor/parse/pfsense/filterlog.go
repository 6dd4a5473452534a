package pfsense

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// filterlog fields, as pfSense's filter log documentation lists them.
// Every record starts with the same nine; the IP header's fields follow,
// then the protocol's.
const (
	flRule = iota
	flSubRule
	flAnchor
	flTracker
	flInterface
	flReason
	flAction
	flDirection
	flIPVersion
	flCommon // number of common fields
)

// Offsets after the common fields: IPv4 "tos,ecn,ttl,id,offset,flags,
// proto id,proto,length,src,dst"; IPv6 "class,flow label,hop limit,
// proto,proto id,length,src,dst".
const (
	v4Proto, v4Src, v4Dst, v4Data = flCommon + 7, flCommon + 9, flCommon + 10, flCommon + 11
	v6Proto, v6Src, v6Dst, v6Data = flCommon + 3, flCommon + 6, flCommon + 7, flCommon + 8
)

// maxFields bounds the split: the longest record (IPv4 TCP with options)
// has 29 fields; CARP and ICMP ones fewer.
const maxFields = 32

// splitCSV splits s at commas into f and returns how many fields it
// filled; filterlog never quotes.
func splitCSV(s string, f *[maxFields]string) int {
	n := 0
	for n < maxFields-1 {
		i := strings.IndexByte(s, ',')
		if i < 0 {
			break
		}
		f[n], s = s[:i], s[i+1:]
		n++
	}
	f[n] = s
	return n + 1
}

// isFilterlog checks the common fields' shape: a reason, an action, in or
// out, IP version 4 or 6.
func isFilterlog(s string) bool {
	var f [maxFields]string
	if splitCSV(s, &f) <= v6Dst {
		return false
	}
	return f[flReason] != "" && f[flAction] != "" && (f[flDirection] == "in" || f[flDirection] == "out") &&
		(f[flIPVersion] == "4" || f[flIPVersion] == "6")
}

// parseFilterlog reads one filterlog record:
//
//	53,,,1000000301,em0,match,block,in,4,0x0,,64,420,0,none,6,tcp,460,10.0.2.2,10.0.2.15,53742,22,420,PA,…
//	98,,,881dd59a…,re0,match,pass,in,6,0x00,0x0ea87,51,udp,17,73,2001:db8::1,2001:db8::2,6881,51918,73
//
// "in" and "out" are the packet's way through the interface, not through
// the network, so they leave Direction to the caller.
func parseFilterlog(s string, e *monitor.Event) bool {
	var f [maxFields]string
	n := splitCSV(s, &f)
	var proto, src, dst string
	data := 0
	switch f[flIPVersion] {
	case "4":
		if n <= v4Dst {
			return false
		}
		proto, src, dst, data = f[v4Proto], f[v4Src], f[v4Dst], v4Data
	case "6":
		if n <= v6Dst {
			return false
		}
		proto, src, dst, data = f[v6Proto], f[v6Src], f[v6Dst], v6Data
	default:
		return false
	}
	e.SrcIP, e.DstIP = field.IP(src), field.IP(dst)
	if e.SrcIP == "" || e.DstIP == "" {
		return false
	}
	e.Proto = field.Lower(proto)
	if (e.Proto == "tcp" || e.Proto == "udp") && n > data+1 {
		e.SrcPort, e.DstPort = field.Port(f[data]), field.Port(f[data+1])
	}
	e.Kind = monitor.KindTraffic
	switch f[flAction] {
	case "pass":
		e.Action = monitor.ActionAllow
	case "block", "reject", "drop", "synproxy-drop":
		e.Action = monitor.ActionDeny
	default:
		e.Action = monitor.ActionOther
	}
	e.VendorID = f[flRule]
	return true
}
