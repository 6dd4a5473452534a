package yamaha

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// adminService maps the way in that RTX names in its login messages to
// the event's service; "" for names it does not know.
func adminService(via string) string {
	for _, m := range viaServices {
		if strings.EqualFold(via, m.via) {
			return m.service
		}
	}
	return ""
}

var viaServices = [...]struct{ via, service string }{
	{"TELNET", "admin-telnet"},
	{"SSH", "admin-ssh"},
	{"SFTP", "admin-ssh"},
	{"HTTP", "admin-http"},
	{"HTTPS", "admin-https"},
	{"Serial", "admin-console"},
	{"CONSOLE", "admin-console"},
}

// knownVia reports whether w (the word after "for"/"from", maybe with its
// colon) is a way into the router that its login messages name.
func knownVia(w string) bool {
	w = strings.TrimSuffix(w, ":")
	if adminService(w) != "" {
		return true
	}
	return strings.EqualFold(w, "FTP") || strings.EqualFold(w, "TFTP") || strings.EqualFold(w, "REMOTE")
}

// adminVia splits a login message at its way in: "Login failed for SSH:
// 203.0.113.5 admin" gives "SSH:" and "203.0.113.5 admin". ok is false
// when no known way in follows "for" or "from".
func adminVia(s string) (via, rest string, ok bool) {
	r, found := after(s, " for ")
	if !found {
		if r, found = after(s, " from "); !found {
			return "", "", false
		}
	}
	via, rest = word(r)
	return via, rest, knownVia(via)
}

// isAdminSentence reports whether s is a login, logout or
// administrator-mode message that names its way in.
func isAdminSentence(s string) bool {
	for _, p := range [...]string{"Login succeeded ", "Login failed ", "Logout ", "'administrator' succeeded ", "'administrator' failed "} {
		if strings.HasPrefix(s, p) {
			_, _, ok := adminVia(s)
			return ok
		}
	}
	return false
}

// parseAdmin reads logins to the router itself and the switch to
// administrator mode; isAdminSentence(s) holds:
//
//	Login succeeded for TELNET: 192.168.100.2
//	Login failed for SSH: 203.0.113.5 admin
//	Logout from HTTP: 192.168.100.2 admin
//	'administrator' succeeded for Serial user
func parseAdmin(s string, e *monitor.Event) {
	switch {
	case strings.HasPrefix(s, "Login succeeded"), strings.HasPrefix(s, "'administrator' succeeded"):
		e.Action = monitor.ActionLoginSuccess
	case strings.HasPrefix(s, "Login failed"), strings.HasPrefix(s, "'administrator' failed"):
		e.Action = monitor.ActionLoginFailure
	default:
		e.Action = monitor.ActionLogout
	}
	e.Kind = monitor.KindAuth
	via, rest, _ := adminVia(s)
	e.Service = adminService(strings.TrimSuffix(via, ":"))
	if strings.HasSuffix(via, ":") { // an address follows
		var addr string
		addr, rest = word(rest)
		e.SrcIP = field.IP(addr)
	}
	user, next := word(rest)
	if u, _ := word(next); user == "user" && u != "" { // "… user admin"
		user = u
	}
	e.User = strings.Trim(user, "'\"()")
}

// parseConfigSaved reads `save` results: `Configuration saved in
// "CONFIG0" by SSH(admin)`. The user is in parentheses when the session
// had one.
func parseConfigSaved(s string, e *monitor.Event) {
	e.Kind = monitor.KindSystem
	e.Action = monitor.ActionConfigChange
	by, ok := after(s, " by ")
	if !ok {
		return
	}
	by, _ = word(by)
	via, user, _ := strings.Cut(by, "(")
	e.Service = adminService(via)
	e.User = strings.TrimSuffix(user, ")")
}
