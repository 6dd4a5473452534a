package cef

import (
	"strconv"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// record holds the values of one CEF record that the mapping needs.
type record struct {
	header
	src, dst, spt, dpt, proto        string
	suser, duser, act, outcome       string
	request, dhost, cat, rt, start   string
	app, direction                   string
	csThreat, csCategory, csUser     string
	cs                               [6]struct{ label, value string }
	unifiAdmin, unifiAccess, unifiTS string
	unifiSignature, unifiSubCategory string
	unifiDirection                   string
}

// set keeps one extension pair. Keys are the short names of the CEF
// specification, with the long names some products write instead.
func (r *record) set(key, value string) {
	switch key {
	case "src", "sourceAddress":
		r.src = value
	case "dst", "destinationAddress":
		r.dst = value
	case "spt", "sourcePort":
		r.spt = value
	case "dpt", "destinationPort":
		r.dpt = value
	case "proto", "transportProtocol":
		r.proto = value
	case "suser", "sourceUserName":
		r.suser = value
	case "duser", "destinationUserName":
		r.duser = value
	case "act", "deviceAction":
		r.act = value
	case "outcome", "eventOutcome":
		r.outcome = value
	case "request", "requestUrl":
		r.request = value
	case "dhost", "destinationHostName":
		r.dhost = value
	case "cat", "deviceEventCategory":
		r.cat = value
	case "rt", "deviceReceiptTime":
		r.rt = value
	case "start", "startTime":
		r.start = value
	case "app", "applicationProtocol":
		r.app = value
	case "deviceDirection":
		r.direction = value
	case "UNIFIadmin":
		r.unifiAdmin = value
	case "UNIFIaccessMethod":
		r.unifiAccess = value
	case "UNIFIutcTime":
		r.unifiTS = value
	case "UNIFIipsSignature":
		r.unifiSignature = value
	case "UNIFIsubCategory":
		r.unifiSubCategory = value
	case "UNIFIdirection":
		r.unifiDirection = value
	default:
		r.setCustom(key, value)
	}
}

// setCustom keeps the custom strings cs1…cs6 and their labels, which
// products use for what CEF has no key for (a threat name, a URL
// category, a user).
func (r *record) setCustom(key, value string) {
	if len(key) < 3 || key[:2] != "cs" || key[2] < '1' || key[2] > '6' {
		return
	}
	i := int(key[2] - '1')
	switch key[3:] {
	case "":
		r.cs[i].value = value
	case "Label":
		r.cs[i].label = value
	}
}

// custom reads the labelled custom strings once all pairs are in, since a
// label may come after its value.
func (r *record) custom() {
	for _, c := range r.cs {
		if c.value == "" {
			continue
		}
		switch l := c.label; {
		case containsFold(l, "threat"), containsFold(l, "signature"), containsFold(l, "virus"), containsFold(l, "attack"):
			r.csThreat = c.value
		case containsFold(l, "category"):
			r.csCategory = c.value
		case containsFold(l, "user") && !containsFold(l, "agent"):
			r.csUser = c.value
		}
	}
}

// fill maps the record onto the event.
func (r *record) fill(loc *time.Location, e *monitor.Event) {
	r.custom()
	e.SrcIP, e.DstIP = field.IP(r.src), field.IP(r.dst)
	e.SrcPort, e.DstPort = field.Port(r.spt), field.Port(r.dpt)
	e.Proto = protoName(r.proto)
	e.Severity = r.severity
	e.VendorID = r.signatureID
	e.URL = r.request
	e.Category = first(r.cat, r.csCategory, r.unifiSubCategory)
	e.Direction = direction(r.direction, r.unifiDirection)
	if t, ok := cefTime(first(r.rt, r.start), loc); ok {
		e.Time = t
	} else if t, err := time.Parse(time.RFC3339Nano, r.unifiTS); err == nil {
		e.Time = t
	}
	r.classify(e)
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// classify sets kind, action, user, service and threat from what the
// event's name, act, cat and outcome say.
func (r *record) classify(e *monitor.Event) {
	c := concepts(r.name, r.act, r.cat, r.outcome)
	has := func(x concept) bool { return c&x != 0 }
	e.User = first(r.suser, r.duser, r.csUser)
	switch {
	case has(cLogout):
		r.auth(e, monitor.ActionLogout)
	case has(cLogin) || r.unifiAdmin != "" && containsFold(r.name, "accessed"),
		has(cAuthn) && has(cFail|cSuccess):
		// A login event that names no failure is a success: products
		// write "Login" and "Login failed".
		action := monitor.ActionLoginSuccess
		if has(cFail) {
			action = monitor.ActionLoginFailure
		}
		r.auth(e, action)
	case has(cURL):
		r.web(e, c)
	case has(cThreat):
		e.Kind, e.Action = monitor.KindThreat, monitor.ActionAlert
		if has(cBlock) {
			e.Action = monitor.ActionBlock
		}
		e.Threat = first(r.csThreat, r.unifiSignature, r.name)
		if r.name == "THREAT" {
			// PAN-OS's CEF profile names every threat event THREAT and
			// puts the threat itself in cat.
			e.Threat = first(r.cat, r.name)
			e.Category = ""
		}
		e.Domain = r.domain()
	case has(cVPN | cTunnel):
		e.Kind, e.Action = monitor.KindVPN, monitor.ActionOther
		switch {
		case has(cDown):
			e.Action = monitor.ActionTunnelDown
		case has(cUp):
			e.Action = monitor.ActionTunnelUp
		}
		e.Service = vpnService(r.name)
	case r.request != "" || has(cWeb):
		r.web(e, c)
	case has(cConfig):
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionConfigChange
	case e.SrcIP != "" && e.DstIP != "" && has(cBlock|cAllow):
		// A firewall's own decision on a connection: deny, not block.
		e.Kind, e.Action = monitor.KindTraffic, monitor.ActionAllow
		if has(cBlock) {
			e.Action = monitor.ActionDeny
		}
	default:
		e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	}
}

// web fills a web filter's event: a URL category or a URL was blocked,
// allowed, or only logged.
func (r *record) web(e *monitor.Event, c concept) {
	e.Kind, e.Action = monitor.KindWeb, monitor.ActionOther
	switch {
	case c&cBlock != 0:
		e.Action = monitor.ActionBlock
	case c&cAllow != 0:
		e.Action = monitor.ActionAllow
	case c&cLogged != 0:
		e.Action = monitor.ActionAlert
	}
	e.Domain = r.domain()
}

// domain returns the web site an event is about: dhost, or the host of
// the requested URL. For other events dhost is a machine, not a site.
func (r *record) domain() string {
	if d := hostName(r.dhost); d != "" {
		return d
	}
	return hostName(urlHost(r.request))
}

// auth fills an authentication event. The account logged into is the
// destination user in ArcSight's convention; products that name only one
// user put it in either key.
func (r *record) auth(e *monitor.Event, action monitor.Action) {
	e.Kind, e.Action = monitor.KindAuth, action
	e.User = first(r.duser, r.suser, r.csUser, r.unifiAdmin)
	switch {
	case vpnService(r.name) != "":
		e.Service = vpnService(r.name)
	case containsFold(r.name, "admin") || r.unifiAdmin != "":
		e.Service = adminService(first(r.unifiAccess, r.app))
	}
}

// vpnService names the VPN an event's name speaks of.
func vpnService(name string) string {
	switch {
	case containsFold(name, "ssl") && containsFold(name, "vpn"), containsFold(name, "globalprotect"), containsFold(name, "anyconnect"):
		return "ssl-vpn"
	case containsFold(name, "ipsec"), containsFold(name, "ike "), containsFold(name, "ikev"):
		return "ipsec"
	case containsFold(name, "l2tp"):
		return "l2tp"
	case containsFold(name, "pptp"):
		return "pptp"
	}
	return ""
}

// adminService names how an administrator came in, from the app key or
// UniFi's access method ("web", "ssh"). UniFi OS serves its GUI over
// HTTPS only.
func adminService(method string) string {
	switch strings.ToLower(method) {
	case "web", "https", "http/https":
		return "admin-https"
	case "http":
		return "admin-http"
	case "ssh":
		return "admin-ssh"
	case "telnet":
		return "admin-telnet"
	case "console":
		return "admin-console"
	}
	return ""
}

// direction reads deviceDirection ("0" inbound, "1" outbound, per the CEF
// specification) and UniFi's "incoming"/"outgoing".
func direction(dev, unifi string) monitor.Direction {
	switch {
	case dev == "0", unifi == "incoming":
		return monitor.DirectionInbound
	case dev == "1", unifi == "outgoing":
		return monitor.DirectionOutbound
	}
	return ""
}

// protoName gives the protocol in lowercase; CEF allows the name or the
// IANA number.
func protoName(p string) string {
	switch p {
	case "1", "6", "17", "58":
		return field.ProtoNumber(p)
	}
	return field.Proto(p)
}

// urlHost returns the host part of a URL, with or without a scheme.
func urlHost(u string) string {
	if _, after, ok := strings.Cut(u, "://"); ok {
		u = after
	}
	end := strings.IndexAny(u, "/?#")
	if end >= 0 {
		u = u[:end]
	}
	if strings.HasPrefix(u, "[") {
		return ""
	}
	host, _, _ := strings.Cut(u, ":")
	return host
}

// hostName returns h when it is a host name, "" when it is an address.
func hostName(h string) string {
	if h == "" || field.IP(h) != "" {
		return ""
	}
	return h
}

// cefTime reads rt: milliseconds since the epoch, or "MMM dd yyyy
// HH:mm:ss[.SSS][ zzz]" (read in loc when it has no zone).
func cefTime(s string, loc *time.Location) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	if s[0] >= '0' && s[0] <= '9' {
		if len(s) > 4 && s[4] == '-' {
			t, err := time.Parse(time.RFC3339Nano, s)
			return t, err == nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		switch {
		case err != nil:
			return time.Time{}, false
		case n < 1e11:
			// Seconds: some products ignore the specification.
			return time.Unix(n, 0), true
		}
		return time.UnixMilli(n), true
	}
	layout := "Jan 2 2006 15:04:05"
	if strings.Contains(s, ".") {
		layout += ".000"
	}
	switch last := s[strings.LastIndexByte(s, ' ')+1:]; {
	case last == "":
	case (last[0] == '+' || last[0] == '-') && strings.Contains(last, ":"):
		layout += " -07:00"
	case last[0] == '+' || last[0] == '-':
		layout += " -0700"
	case !strings.Contains(last, ":"):
		layout += " MST"
	}
	t, err := time.ParseInLocation(layout, s, loc)
	return t, err == nil
}

// containsFold reports whether sub (lowercase ASCII) is in s, ignoring
// case, without allocating.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for j < n {
			c := s[i+j]
			if c >= 'A' && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
			j++
		}
		if j == n {
			return true
		}
	}
	return false
}
