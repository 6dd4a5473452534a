package detect

import (
	"strconv"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// l2tpSessions joins what a Yamaha RTX logs about one L2TP/IPsec VPN call
// across lines, since no single line says who tried what from where:
//
//	[L2TP] TUNNEL[5] connected from 203.0.113.9
//	PP[ANONYMOUS05] Call detected from user 'tanaka'
//	PP[ANONYMOUS05] MSCHAPv2 authentication failed: user 'tanaka'
//	PP[ANONYMOUS05] PPP/IPCP up  (Local: 192.168.100.1, Remote: 192.168.100.222)
//
// An anonymous PP and the tunnel it rides share their number. The failure
// gets the remote address and its country; the IPCP-up line (the call got
// in) gets the remote address and the user, so that the rules can tell a
// success after failures. Entries older than a few minutes are dropped.
type l2tpSessions struct {
	calls map[l2tpKey]*l2tpCall
}

type l2tpKey struct {
	source string
	n      int
}

type l2tpCall struct {
	at         int64
	remote, cc string
	user       string
}

// l2tpTTL is how long a tunnel's address is remembered.
const l2tpTTL = int64(10 * time.Minute)

// number reads the decimal number after prefix in raw, up to "]".
func number(raw, prefix string) (int, bool) {
	i := strings.Index(raw, prefix)
	if i < 0 {
		return 0, false
	}
	rest := raw[i+len(prefix):]
	j := strings.IndexByte(rest, ']')
	if j <= 0 {
		return 0, false
	}
	n, err := strconv.Atoi(rest[:j])
	return n, err == nil
}

func (s *l2tpSessions) call(source string, n int, t int64) *l2tpCall {
	if s.calls == nil {
		s.calls = map[l2tpKey]*l2tpCall{}
	}
	k := l2tpKey{source, n}
	c := s.calls[k]
	if c == nil {
		if len(s.calls) >= 4096 {
			s.sweep(t)
		}
		c = &l2tpCall{}
		s.calls[l2tpKey{strings.Clone(source), n}] = c
	}
	c.at = t
	return c
}

func (s *l2tpSessions) enrich(ev *monitor.Event, t int64) {
	if n, ok := number(ev.Raw, "TUNNEL["); ok {
		if ev.Action == monitor.ActionTunnelUp && ev.SrcIP != "" {
			c := s.call(ev.Source, n, t)
			*c = l2tpCall{at: t, remote: strings.Clone(ev.SrcIP), cc: strings.Clone(ev.Country)}
		}
		return
	}
	n, ok := number(ev.Raw, "PP[ANONYMOUS")
	if !ok {
		return
	}
	c := s.calls[l2tpKey{ev.Source, n}]
	if c == nil || t-c.at > l2tpTTL {
		return
	}
	if ev.User != "" && c.user == "" {
		c.user = strings.Clone(ev.User)
	}
	switch ev.Action {
	case monitor.ActionLoginFailure:
		if ev.SrcIP == "" {
			ev.SrcIP, ev.Country = c.remote, c.cc
		}
	case monitor.ActionTunnelUp:
		// The IPCP line names the router and the address given to the
		// caller; the caller is the tunnel's remote end.
		if ev.User == "" {
			ev.User = c.user
		}
		ev.SrcIP, ev.Country, ev.Direction = c.remote, c.cc, monitor.DirectionInbound
	}
	c.at = t
}

func (s *l2tpSessions) sweep(now int64) {
	for k, c := range s.calls {
		if now-c.at > l2tpTTL {
			delete(s.calls, k)
		}
	}
}
