package pfsense

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// isCharon checks the head strongSwan puts on every line: the thread
// number and the subsystem, "09[IKE] ".
func isCharon(s string) bool {
	_, _, ok := cutCharonHead(s)
	return ok
}

func cutCharonHead(s string) (subsystem, rest string, ok bool) {
	i := 0
	for i < len(s) && i < 3 && s[i] >= '0' && s[i] <= '9' {
		i++
	}
	if i == 0 || i+6 > len(s) || s[i] != '[' || s[i+4] != ']' || s[i+5] != ' ' {
		return "", "", false
	}
	for _, c := range []byte(s[i+1 : i+4]) {
		if c < 'A' || c > 'Z' {
			return "", "", false
		}
	}
	return s[i+1 : i+4], s[i+6:], true
}

// parseCharon reads strongSwan's IPsec daemon:
//
//	09[IKE] <con1|1> IKE_SA con1[1] established between 192.0.2.1[192.0.2.1]...203.0.113.5[203.0.113.5]
//	12[IKE] <con1|1> deleting IKE_SA con1[1] between 192.0.2.1[192.0.2.1]...203.0.113.5[203.0.113.5]
//	07[IKE] <mobile|3> authentication of 'alice' with EAP successful
//	11[IKE] <mobile|4> EAP method EAP_MSCHAPV2 failed for peer 203.0.113.9
//	05[IKE] <con2|7> received AUTHENTICATION_FAILED notify error
//
// Its other lines (packets sent, DPD, rekeying) are kept as VPN events.
// The remote end of a tunnel is the source, as for FortiGate's remip.
func parseCharon(s string, e *monitor.Event) bool {
	_, rest, ok := cutCharonHead(s)
	if !ok {
		return false
	}
	if strings.HasPrefix(rest, "<") {
		if _, after, ok := strings.Cut(rest, "> "); ok {
			rest = after
		}
	}
	e.Kind, e.Action, e.Service = monitor.KindVPN, monitor.ActionOther, "ipsec"
	switch {
	case strings.HasPrefix(rest, "IKE_SA ") && strings.Contains(rest, " established between "):
		e.Action = monitor.ActionTunnelUp
		tunnelEnds(rest, e)
	case strings.HasPrefix(rest, "deleting IKE_SA "):
		e.Action = monitor.ActionTunnelDown
		tunnelEnds(rest, e)
	case strings.Contains(rest, "authentication of '"):
		id, myself, verdict := authOf(rest)
		switch {
		case myself, verdict == "":
			return true
		case verdict == "successful":
			e.Action = monitor.ActionLoginSuccess
		default:
			e.Action = monitor.ActionLoginFailure
		}
		e.Kind = monitor.KindAuth
		// Gateways authenticate by address; only other identities are
		// the names of people.
		if field.IP(id) == "" {
			e.User = id
		}
	case strings.HasPrefix(rest, "EAP method ") && strings.Contains(rest, " failed for peer "):
		_, peer, _ := strings.Cut(rest, " failed for peer ")
		e.Kind, e.Action, e.SrcIP = monitor.KindAuth, monitor.ActionLoginFailure, field.IP(peer)
	case strings.Contains(rest, "AUTHENTICATION_FAILED"), strings.Contains(rest, "but MAC mismatched"):
		e.Kind, e.Action = monitor.KindAuth, monitor.ActionLoginFailure
	}
	return true
}

// authOf reads "[XAuth |RADIUS ]authentication of 'ID' [(myself) ]with
// METHOD successful|failed": the identity, whether strongSwan speaks of
// itself, and the verdict.
func authOf(s string) (id string, myself bool, verdict string) {
	_, after, _ := strings.Cut(s, "authentication of '")
	id, rest, ok := strings.Cut(after, "'")
	if !ok {
		return "", false, ""
	}
	myself = strings.HasPrefix(rest, " (myself)")
	switch {
	case strings.HasSuffix(rest, " successful"):
		verdict = "successful"
	case strings.HasSuffix(rest, " failed"):
		verdict = "failed"
	}
	return id, myself, verdict
}

// tunnelEnds reads "between LOCAL[id]...REMOTE[id]".
func tunnelEnds(s string, e *monitor.Event) {
	_, pair, ok := strings.Cut(s, " between ")
	if !ok {
		return
	}
	local, remote, ok := strings.Cut(pair, "...")
	if !ok {
		return
	}
	local, _, _ = strings.Cut(local, "[")
	remote, _, _ = strings.Cut(remote, "[")
	e.SrcIP, e.DstIP = field.IP(remote), field.IP(local)
}
