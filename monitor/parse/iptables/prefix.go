package iptables

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

// rule is what a log prefix says about the rule that wrote the record.
type rule struct {
	name      string // the prefix without brackets and colons: the rule's name
	action    monitor.Action
	direction monitor.Direction
}

// readPrefix reads the log prefix before the kernel's record. Tools write
// it their own way:
//
//	[UFW BLOCK]                      UFW
//	[WAN_IN-4000-D] [WAN_LOCAL-D-2147483647] DESCR="…"   UniFi USG, EdgeRouter, UDM
//	IPTABLES-DROP:  FINAL_REJECT:    hand-written rules, firewalld
//	Shorewall:net-fw:DROP:           Shorewall
//	DROP(src wan)   reject wan in:   OpenWrt fw3, fw4
//	policy DROP:    PVEFW-reject:    Proxmox VE (after its own head)
func readPrefix(p string) rule {
	var r rule
	bracketed := strings.HasPrefix(p, "[")
	if bracketed {
		end := strings.IndexByte(p, ']')
		if end < 0 {
			end = len(p)
		}
		r.name = strings.TrimSpace(p[1:end])
	} else {
		r.name = strings.TrimSpace(strings.TrimRight(p, ": "))
		if strings.Contains(r.name, "=") {
			// Not a prefix but a key of a damaged record ("XX=eth0").
			r.name = ""
		}
	}
	r.action = monitor.ActionOther
	var deny, allow bool
	prev := ""
	eachWord(r.name, func(w string) {
		switch v := verdict(w); {
		case v == monitor.ActionDeny:
			deny = true
		case v == monitor.ActionAllow:
			allow = true
		case bracketed && len(w) == 1:
			// UniFi and EdgeOS name rules CHAIN-NUMBER-VERDICT with a
			// one-letter verdict: D(rop), R(eject), A(ccept).
			switch w[0] {
			case 'D', 'R':
				deny = true
			case 'A':
				allow = true
			}
		}
		if d := openWrtDirection(prev, w); d != "" {
			r.direction = d
		}
		prev = w
	})
	switch {
	case deny:
		r.action = monitor.ActionDeny
	case allow:
		r.action = monitor.ActionAllow
	}
	if bracketed {
		r.direction = unifiDirection(r.name)
	}
	return r
}

// verdict reads a word of a prefix as a verdict, in any case.
func verdict(w string) monitor.Action {
	if len(w) < 4 || len(w) > 8 {
		return ""
	}
	var buf [8]byte
	for i := 0; i < len(w); i++ {
		c := w[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	switch string(buf[:len(w)]) {
	case "drop", "dropped", "reject", "rejected", "block", "blocked", "deny", "denied", "refuse", "refused":
		return monitor.ActionDeny
	case "accept", "accepted", "allow", "allowed", "pass", "permit":
		return monitor.ActionAllow
	}
	return ""
}

// unifiDirection reads the chain of a UniFi/EdgeOS rule name: WAN_IN and
// WAN_LOCAL hold what comes from the internet, WAN_OUT what goes to it.
// LAN_IN and the rest mix directions, so they say nothing.
func unifiDirection(name string) monitor.Direction {
	chain, _, _ := strings.Cut(name, "-")
	if !strings.HasPrefix(chain, "WAN") {
		return ""
	}
	switch {
	case strings.HasSuffix(chain, "_IN"), strings.HasSuffix(chain, "_LOCAL"):
		return monitor.DirectionInbound
	case strings.HasSuffix(chain, "_OUT"):
		return monitor.DirectionOutbound
	}
	return ""
}

// openWrtDirection reads OpenWrt's zone words: fw3 writes "DROP(src wan)"
// and "REJECT(dest wan)", fw4 "drop wan in:" and "reject wan out:". The
// zone named wan is the internet side in every OpenWrt default setup.
func openWrtDirection(prev, w string) monitor.Direction {
	switch {
	case strings.EqualFold(prev, "src") && isWAN(w):
		return monitor.DirectionInbound
	case strings.EqualFold(prev, "dest") && isWAN(w):
		return monitor.DirectionOutbound
	case isWAN(prev) && (strings.EqualFold(w, "in") || strings.EqualFold(w, "forward")):
		return monitor.DirectionInbound
	case isWAN(prev) && strings.EqualFold(w, "out"):
		return monitor.DirectionOutbound
	}
	return ""
}

func isWAN(w string) bool { return strings.EqualFold(w, "wan") || strings.EqualFold(w, "wan6") }

// eachWord calls fn for every run of letters and digits in s.
func eachWord(s string, fn func(string)) {
	for i := 0; i < len(s); {
		for i < len(s) && !isAlnum(s[i]) {
			i++
		}
		start := i
		for i < len(s) && isAlnum(s[i]) {
			i++
		}
		if i > start {
			fn(s[start:i])
		}
	}
}

func isAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}
