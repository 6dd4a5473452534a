package yamaha

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

// isAuthFailure reports whether free text says an authentication failed:
// "authentication failed", "Authentication failure", "auth failed",
// "RECV CHAP Failure", "invalid pre-shared key".
func isAuthFailure(s string) bool {
	return containsFold(s, "authentication fail") || containsFold(s, "auth fail") ||
		containsFold(s, "authentication error") || containsFold(s, "pre-shared key") ||
		(containsFold(s, "fail") && (strings.Contains(s, "CHAP") || strings.Contains(s, "PAP")))
}

// parseIKE reads [IKE] and [IKEv2] messages. Each IKE exchange is a few
// lines; what matters downstream is the peer, whether an SA came up, and
// authentication failures (a wrong pre-shared key is how an IPsec
// brute-force shows):
//
//	[IKE] initiate ISAKMP phase to 203.0.113.2 (local address 192.0.2.1)
//	[IKE] respond IPsec phase to 203.0.113.2
//
// Deleted or expired SAs stay "other": rekeying deletes SAs every few hours
// while the tunnel stays up; "IP Tunnel[n] Down" says when it really goes.
func parseIKE(rest string, e *monitor.Event) {
	e.Kind = monitor.KindVPN
	e.Action = monitor.ActionOther
	e.Service = "ipsec"
	// The message names the peer "to" it, also when the router responds
	// to a peer that started the exchange: the peer goes to dst then too
	// (as the tsv corpus annotates), the router's own address, when given,
	// to src. A peer named "from" it sent a message and is the source.
	e.DstIP = ipAfter(rest, " to ")
	if e.DstIP == "" {
		e.DstIP = ipAfter(rest, " with ")
	}
	e.SrcIP = ipAfter(rest, "(local address ")
	if from := ipAfter(rest, " from "); from != "" {
		e.SrcIP = from
	}
	if e.SrcIP != "" || e.DstIP != "" {
		e.Proto = "udp" // IKE runs over UDP 500/4500 only
	}
	switch {
	case isAuthFailure(rest):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	case containsFold(rest, "established"):
		e.Action = monitor.ActionTunnelUp
	}
}

// parseL2TP reads [L2TP] (and [PPTP]) messages of remote-access VPN:
//
//	[L2TP] TUNNEL[1] connected from 203.0.113.5
//	[L2TP] TUNNEL[1] tunnel 13829 established
//	[L2TP] TUNNEL[1] disconnect tunnel 13829 complete
func parseL2TP(rest, service string, e *monitor.Event) {
	e.Kind = monitor.KindVPN
	e.Action = monitor.ActionOther
	e.Service = service
	e.SrcIP = ipAfter(rest, " from ")
	if e.SrcIP != "" {
		e.Proto = "udp" // L2TP runs over UDP 1701 only
	}
	switch {
	case isAuthFailure(rest):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
		e.User = userIn(rest)
	case strings.Contains(rest, "disconnected from"), strings.Contains(rest, "disconnect tunnel"):
		e.Action = monitor.ActionTunnelDown
	case strings.Contains(rest, "connected from"):
		e.Action = monitor.ActionTunnelUp
	}
}

// isPP reports whether w names a PP interface: "PP[01]", "PPPOE[01]",
// "PP[ANONYMOUS01]".
func isPP(w string) bool {
	return (strings.HasPrefix(w, "PP[") || strings.HasPrefix(w, "PPPOE[")) && strings.HasSuffix(w, "]") &&
		len(w) > len("PP[]")
}

// parsePP reads the PP (PPP, PPPoE, dial-up and remote-access) messages.
// PP[01]… is the router's own Internet line: its ups and downs are kind
// system, and an authentication failure there is the provider refusing
// the router, not an attack. PP[ANONYMOUSnn] are remote-access users,
// which on current RTX firmware means L2TP/IPsec (PPTP clients are gone
// from Windows, macOS and iOS): kind vpn, service l2tp, and their
// authentication failures are login failures.
//
//	PPPOE[01] PPPoE Connect
//	PP[01] PPP/IPCP up  (Local: 192.0.2.1, Remote: 203.0.113.1)
//	PPPOE[01] Disconnected, cause [PPPoE: PADI Timeout]
//	PP[ANONYMOUS01] Call detected from user 'taro'
func parsePP(iface, rest string, e *monitor.Event) bool {
	if isFilterVerb(rest) {
		return parseFilter(iface, rest, e)
	}
	remote := strings.HasPrefix(iface, "PP[ANONYMOUS")
	e.Kind = monitor.KindSystem
	e.Action = monitor.ActionOther
	if remote {
		e.Kind, e.Service = monitor.KindVPN, "l2tp"
	}
	switch {
	case strings.HasPrefix(rest, "IP Commencing:"):
		// The packet that made the router dial.
		e.Kind = monitor.KindTraffic
		packet(strings.TrimLeft(rest[len("IP Commencing:"):], " "), e)
	case remote && isAuthFailure(rest):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
		e.User = userIn(rest)
	case remote && containsFold(rest, "succeeded"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginSuccess
		e.User = userIn(rest)
	case strings.HasPrefix(rest, "PPPoE Connect"):
		e.Action = monitor.ActionTunnelUp
	case strings.HasPrefix(rest, "Disconnected"):
		e.Action = monitor.ActionTunnelDown
	case strings.HasPrefix(rest, "PPP/IPCP up"), strings.HasPrefix(rest, "PPP/IPV6CP up"):
		e.Action = monitor.ActionTunnelUp
		e.SrcIP = ipAfter(rest, "Local: ")
		e.DstIP = ipAfter(rest, "Remote: ")
	case strings.HasPrefix(rest, "PPP/IPCP down"), strings.HasPrefix(rest, "PPP/IPV6CP down"):
		e.Action = monitor.ActionTunnelDown
	case strings.HasPrefix(rest, "Call detected"):
		// Logged when the PPP user authentication starts, before its result.
		e.User = userIn(rest)
	case strings.HasPrefix(rest, "Local"):
		e.SrcIP = ipAfter(rest, "address ")
	case strings.HasPrefix(rest, "Remote"):
		e.DstIP = ipAfter(rest, "address ")
	}
	return true
}

// parseTunnelState reads "IP Tunnel[1] Up" / "Down": an IPsec or IPIP
// tunnel interface changing state, the real VPN up/down signal.
func parseTunnelState(rest string, e *monitor.Event) bool {
	_, state := word(rest) // Tunnel[1]
	e.Kind = monitor.KindVPN
	switch {
	case strings.HasPrefix(state, "Up"):
		e.Action = monitor.ActionTunnelUp
	case strings.HasPrefix(state, "Down"):
		e.Action = monitor.ActionTunnelDown
	default:
		e.Action = monitor.ActionOther
	}
	return true
}
