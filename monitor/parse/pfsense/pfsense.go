// Package pfsense reads the syslog of pfSense and OPNsense (vendor
// "pfsense"): pf's packet log as filterlog writes it, web GUI logins,
// sshd and sshguard, and the strongSwan IPsec daemon (charon).
//
// Both systems are FreeBSD underneath and log through the same programs,
// so detection goes by the program's tag and the shape of its message:
// filterlog's comma-separated record is unmistakable; the others are
// claimed only in the wording this package reads. sshd and charon lines
// are those of every OpenSSH and strongSwan install: a source seen first
// with them is taken for pfSense, which is what a router that sends them
// most likely is.
package pfsense

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/sshd"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// program says which reader a line belongs to.
type program int

const (
	progNone program = iota
	progFilterlog
	progWebGUI
	progSSHD
	progSSHGuard
	progCharon
)

// Detect reports whether msg (the message after the syslog header) is a
// pfSense or OPNsense line this package reads. Cheap: no allocation, no
// regexp.
func Detect(h syslog.Header, msg string) bool {
	p, _ := classify(h, msg)
	return p != progNone
}

// Parse fills e from the line and reports whether it understood it.
func Parse(h syslog.Header, msg string, _ *time.Location, e *monitor.Event) bool {
	p, body := classify(h, msg)
	switch p {
	case progFilterlog:
		return parseFilterlog(body, e)
	case progWebGUI:
		return parseWebGUI(body, e)
	case progSSHD:
		return sshd.Parse(body, e)
	case progSSHGuard:
		return parseSSHGuard(body, e)
	case progCharon:
		return parseCharon(body, e)
	}
	return false
}

// classify finds the program of a line and its message. The tag is the
// header's App, or still in front of the message when the header had no
// host name the splitter could see past ("filterlog[42]: 5,,,…").
func classify(h syslog.Header, msg string) (program, string) {
	app := h.App
	if app == "" {
		if tag, rest, ok := strings.Cut(msg, ": "); ok && tag != "" && !strings.ContainsAny(tag, " ,") {
			if i := strings.IndexByte(tag, '['); i > 0 && strings.HasSuffix(tag, "]") {
				tag = tag[:i]
			}
			app, msg = tag, rest
		}
	}
	switch app {
	case "filterlog":
		if isFilterlog(msg) {
			return progFilterlog, msg
		}
	case "php-fpm", "php", "php-cgi", "audit", "lighttpd", "nginx":
		if isWebGUI(msg) {
			return progWebGUI, msg
		}
	case "sshd":
		if sshd.Known(msg) {
			return progSSHD, msg
		}
	case "sshguard":
		if strings.HasPrefix(msg, "Attack from ") || strings.HasPrefix(msg, "Blocking ") {
			return progSSHGuard, msg
		}
	case "charon":
		if isCharon(msg) {
			return progCharon, msg
		}
	}
	return progNone, msg
}
