package pfsense

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// The web GUI's sentences. pfSense's php-fpm and OPNsense's audit log
// write them after the page's path ("/index.php: …"); OPNsense 22 and
// later also names the authenticator instead.
var webGUIPhrases = [...]struct {
	phrase string
	action monitor.Action
}{
	{"webConfigurator authentication error for ", monitor.ActionLoginFailure}, // pfSense
	{"Web GUI authentication error for ", monitor.ActionLoginFailure},         // OPNsense
	{"Successful login for ", monitor.ActionLoginSuccess},
	{"User logged out for ", monitor.ActionLogout},
	{" could not authenticate for WebGui", monitor.ActionLoginFailure}, // OPNsense 22+
	{" authenticated successfully for WebGui", monitor.ActionLoginSuccess},
}

func webGUIPhrase(s string) (int, int) {
	for i, p := range webGUIPhrases {
		if j := strings.Index(s, p.phrase); j >= 0 {
			return i, j
		}
	}
	return -1, -1
}

func isWebGUI(s string) bool {
	i, _ := webGUIPhrase(s)
	return i >= 0
}

// parseWebGUI reads a web GUI login:
//
//	/index.php: webConfigurator authentication error for user 'admin' from: 203.0.113.5
//	/index.php: Successful login for user 'admin' from: 192.168.1.10 (Local Database)
//	/index.php: User logged out for user 'admin' from: 192.168.1.10 (Local Database)
//	/index.php: Web GUI authentication error for 'root' from 203.0.113.5
//	user root could not authenticate for WebGui. [using OPNsense\Auth\Services\WebGui + OPNsense\Auth\Local]
//
// Both systems serve the GUI over HTTPS unless an administrator changes it.
func parseWebGUI(s string, e *monitor.Event) bool {
	i, at := webGUIPhrase(s)
	if i < 0 {
		return false
	}
	p := webGUIPhrases[i]
	if p.phrase[0] == ' ' {
		// "user NAME could not authenticate …": the name comes first.
		name, ok := strings.CutPrefix(s[:at], "user ")
		if !ok {
			return false
		}
		e.User = name
	} else {
		rest := strings.TrimPrefix(s[at+len(p.phrase):], "user ")
		name, rest, ok := quoted(rest)
		if !ok {
			return false
		}
		e.User = name
		if _, from, ok := strings.Cut(rest, "from"); ok {
			ip, _, _ := strings.Cut(strings.TrimLeft(strings.TrimPrefix(from, ":"), " "), " ")
			e.SrcIP = field.IP(ip)
		}
	}
	e.Kind, e.Action, e.Service = monitor.KindAuth, p.action, "admin-https"
	return true
}

// quoted reads a single-quoted name at the start of s.
func quoted(s string) (name, rest string, ok bool) {
	if !strings.HasPrefix(s, "'") {
		return "", s, false
	}
	end := strings.IndexByte(s[1:], '\'')
	if end < 0 {
		return "", s, false
	}
	return s[1 : 1+end], s[2+end:], true
}
