// Package iptables reads the packet log of Linux netfilter (iptables LOG
// and nftables log statements) and of the gateways built on it: UniFi
// USG/UDM, EdgeRouter, UFW, firewalld, OpenWrt, Shorewall and the Proxmox
// VE firewall (vendor "iptables").
//
// Every one of them writes the kernel's "IN=… OUT=… SRC=… DST=… PROTO=…"
// record after a log prefix the rule chose; the prefix is the only place
// that says what the rule did, so the action comes from its words
// ("[UFW BLOCK]", "[WAN_IN-4000-D]", "policy DROP:"). UniFi OS gateways
// also send sshd's login lines with their host name written twice, and
// those are read here too, being the only line of a UniFi gateway that
// says who tried to log in.
package iptables

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/sshd"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Detect reports whether msg (the message after the syslog header) is a
// netfilter packet record, or an sshd line of a UniFi gateway. Cheap: no
// allocation, no regexp.
func Detect(h syslog.Header, msg string) bool {
	if strings.HasPrefix(msg, "CEF:") {
		return false
	}
	if rest, dup := cutDuplicateHost(h, msg); dup && isSSHD(rest) {
		return true
	}
	return recordStart(msg) >= 0
}

// Parse fills e from the line and reports whether it understood it.
func Parse(h syslog.Header, msg string, _ *time.Location, e *monitor.Event) bool {
	if strings.HasPrefix(msg, "CEF:") {
		return false
	}
	if rest, dup := cutDuplicateHost(h, msg); dup {
		if m, ok := cutSSHDTag(rest); ok && sshd.Known(m) {
			return sshd.Parse(m, e)
		}
		msg = rest
	}
	start := recordStart(msg)
	if start < 0 {
		return false
	}
	prefix := cutKernelNoise(msg[:start])
	var r rule
	if t, chain, rest, ok := cutProxmox(prefix); ok {
		e.Time = t
		r = readPrefix(rest)
		r.name = chain
	} else {
		r = readPrefix(prefix)
	}
	var src, dst, spt, dpt, proto string
	field.KV(msg[start:], func(k, v string) bool {
		switch k {
		case "SRC":
			src = v
		case "DST":
			dst = v
		case "SPT":
			spt = v
		case "DPT":
			dpt = v
		case "PROTO":
			proto = v
		}
		return true
	})
	e.SrcIP, e.DstIP = field.IP(src), field.IP(dst)
	if e.SrcIP == "" || e.DstIP == "" {
		return false
	}
	e.SrcPort, e.DstPort = field.Port(spt), field.Port(dpt)
	e.Proto = field.Proto(proto)
	e.Kind = monitor.KindTraffic
	// A record without any verdict word comes from a rule that only logs
	// (-j LOG before the real target, UFW AUDIT): what happened next is not
	// in the line, so the action stays "other" rather than a guessed drop.
	e.Action = r.action
	e.Direction = r.direction
	e.VendorID = r.name
	return true
}

// recordStart returns where the kernel's record begins in msg: the first
// IN= or OUT= key that a SRC= and a DST= key follow; -1 when msg has none.
func recordStart(msg string) int {
	start := -1
	for _, key := range [...]string{"IN=", "OUT="} {
		for off := 0; ; {
			i := strings.Index(msg[off:], key)
			if i < 0 {
				break
			}
			i += off
			// The key must begin a word: "PHYSIN=" is not "IN=". Prefixes
			// end in ' ', ':', ']' or ')' depending on the tool.
			if i == 0 || strings.IndexByte(" :])", msg[i-1]) >= 0 {
				if start < 0 || i < start {
					start = i
				}
				break
			}
			off = i + len(key)
		}
	}
	if start < 0 {
		return -1
	}
	rest := msg[start:]
	s := strings.Index(rest, " SRC=")
	if s < 0 || !strings.Contains(rest[s:], " DST=") {
		return -1
	}
	return start
}

// cutDuplicateHost removes the host name that UniFi OS writes a second
// time after the header ("UDMP UDMP sshd[1]: …").
func cutDuplicateHost(h syslog.Header, msg string) (string, bool) {
	if h.Host == "" || len(msg) <= len(h.Host) || msg[len(h.Host)] != ' ' || !strings.HasPrefix(msg, h.Host) {
		return msg, false
	}
	return msg[len(h.Host)+1:], true
}

// cutKernelNoise drops what the kernel and syslog put before the rule's
// own prefix: a "kernel:" tag the header did not take and the
// "[ 1234.567890]" uptime stamp, which is no wall-clock time.
func cutKernelNoise(s string) string {
	s = strings.TrimLeft(s, " ")
	s = strings.TrimPrefix(s, "kernel: ")
	if len(s) > 2 && s[0] == '[' {
		if end := strings.IndexByte(s, ']'); end > 0 && isUptime(s[1:end]) {
			s = s[end+1:]
		}
	}
	return strings.TrimSpace(s)
}

func isUptime(s string) bool {
	s = strings.TrimLeft(s, " ")
	dot := false
	for i := 0; i < len(s); i++ {
		switch c := s[i]; {
		case c == '.' && !dot:
			dot = true
		case c < '0' || c > '9':
			return false
		}
	}
	return dot
}

// cutProxmox reads the head of a pve-firewall log line, "VMID LEVEL CHAIN
// 20/Jun/2022:13:09:14 +0200 ", and returns its time, the chain (which
// names the rule set that logged) and the rest ("policy DROP:").
func cutProxmox(s string) (t time.Time, chain, rest string, ok bool) {
	vmid, rest, ok := strings.Cut(s, " ")
	if !ok || !field.IsDigits(vmid) {
		return time.Time{}, "", "", false
	}
	level, rest, ok := strings.Cut(rest, " ")
	if !ok || !field.IsDigits(level) {
		return time.Time{}, "", "", false
	}
	chain, rest, ok = strings.Cut(rest, " ")
	const layout = "02/Jan/2006:15:04:05 -0700"
	if !ok || len(rest) < len(layout) {
		return time.Time{}, "", "", false
	}
	t, err := time.Parse(layout, rest[:len(layout)])
	if err != nil {
		return time.Time{}, "", "", false
	}
	return t, chain, strings.TrimSpace(rest[len(layout):]), true
}
