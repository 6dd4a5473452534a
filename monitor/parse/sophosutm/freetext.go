package sophosutm

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// freeText maps the lines UTM daemons write without the id="…" form:
// sshd's logins to the appliance's shell and pluto's IPsec tunnels;
// anything else is a system message.
func freeText(prog, msg string, e *monitor.Event) {
	e.Kind, e.Action = monitor.KindSystem, monitor.ActionOther
	switch prog {
	case "sshd":
		if user, addr, port, action, ok := sshLogin(msg); ok {
			e.Kind, e.Action, e.Service = monitor.KindAuth, action, "admin-ssh"
			e.User, e.SrcIP, e.SrcPort = user, field.IP(addr), field.Port(port)
		}
	case "pluto":
		e.Kind, e.Service = monitor.KindVPN, "ipsec"
		if strings.Contains(msg, "IPsec SA established") {
			e.Action = monitor.ActionTunnelUp
		}
	}
}

// sshLogin reads OpenSSH's verdicts: "Failed password for [invalid user]
// NAME from ADDR port N ssh2" and "Accepted publickey for NAME from ADDR
// port N ssh2". The "Invalid user" line that precedes a failure is not
// counted, so each attempt gives one failure.
func sshLogin(msg string) (user, addr, port string, action monitor.Action, ok bool) {
	var rest string
	switch {
	case strings.HasPrefix(msg, "Failed "):
		action, rest = monitor.ActionLoginFailure, msg[len("Failed "):]
	case strings.HasPrefix(msg, "Accepted "):
		action, rest = monitor.ActionLoginSuccess, msg[len("Accepted "):]
	default:
		return "", "", "", "", false
	}
	if _, rest, ok = strings.Cut(rest, " for "); !ok {
		return "", "", "", "", false
	}
	rest = strings.TrimPrefix(rest, "invalid user ")
	i := strings.LastIndex(rest, " from ")
	if i < 0 {
		return "", "", "", "", false
	}
	user, rest = rest[:i], rest[i+len(" from "):]
	addr, rest, _ = strings.Cut(rest, " ")
	if p, found := strings.CutPrefix(rest, "port "); found {
		port, _, _ = strings.Cut(p, " ")
	}
	return user, addr, port, action, true
}
