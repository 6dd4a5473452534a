package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kizuki-app/kizuki/app/autostart"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
)

// env is what a command runs with: its streams, parsed line, text and
// clock. Tests build their own.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
	goos           string
	now            func() time.Time
	zone           *time.Location
	detectLang     func() locales.Lang
	// autostart turns start at login on and off; nil where there is none
	// (tests that do not set one).
	autostart autostart.Starter
	// checkSystem is the PC `kizuki check` looks at, with browser profiles
	// under home ("" for the user's own).
	checkSystem func(home string) endpoint.System

	loc *locales.Localizer
	inv invocation
}

func newEnv() *env {
	e := &env{
		stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr, getenv: os.Getenv, goos: runtime.GOOS,
		now: time.Now, zone: time.Local, detectLang: locales.DetectLang, checkSystem: endpoint.Local,
	}
	if s, err := autostart.New(); err == nil {
		e.autostart = s
	}
	return e
}

// dbPath is --db, or the per-user default.
func (e *env) dbPath() string {
	if p := e.inv.flags["db"]; p != "" {
		return p
	}
	return defaultDBPath(e.getenv, e.goos)
}

// fail prints a runtime error in the user's language and returns exit code 1.
func (e *env) fail(msg *i18n.Message, args locales.Args) int {
	fmt.Fprintln(e.stderr, e.loc.T(msg, args))
	return 1
}

// cmds lists the commands; the first, unnamed, is the tray app.
var cmds = []*command{
	{name: "", flags: []flagSpec{{name: "background"}}, maxArgs: 0, run: runGUI},
	{name: "demo", maxArgs: 0, run: runDemo},
	{name: "status", flags: []flagSpec{{name: "json"}}, maxArgs: 0, run: runStatus},
	{name: "import", flags: []flagSpec{{name: "follow"}}, maxArgs: -1, run: runImport},
	{name: "serve", flags: []flagSpec{
		{name: "syslog-udp", value: true, example: ":5514"}, {name: "syslog-tcp", value: true, example: ":5514"},
		{name: "syslog-tls", value: true, example: ":6514"}, {name: "cert", value: true, example: "server.crt"},
		{name: "key", value: true, example: "server.key"},
		{name: "retention-days", value: true, example: "365"}, {name: "max-db-mb", value: true, example: "4096"},
		{name: "mss-webhook", value: true, example: "192.168.1.5:8443"}, {name: "mss-webhook-cert", value: true, example: "webhook.crt"},
		{name: "mss-webhook-key", value: true, example: "webhook.key"}, {name: "mss-webhook-allow", value: true, example: "192.168.1.20"},
	}, maxArgs: 0, run: runServe},
	{name: "source", flags: []flagSpec{
		{name: "allow", value: true, example: "192.168.1.1"}, {name: "vendor", value: true, example: "fortigate"},
		{name: "tz", value: true, example: "Asia/Tokyo"}, {name: "quiet-after", value: true, example: "2h"},
	}, maxArgs: 2, run: runSource},
	{name: "parse", flags: []flagSpec{{name: "vendor", value: true, example: "fortigate"}}, maxArgs: 1, run: runParse},
	{name: "pull", flags: pullFlags, maxArgs: 1, run: runPull},
	{name: "uninstall", flags: []flagSpec{{name: "delete-data"}, {name: "keep-data"}}, maxArgs: 0, run: runUninstall},
	{name: "checklist", flags: []flagSpec{{name: "json"}, {name: "note", value: true, example: "2台だけ未更新"}}, maxArgs: 4, run: runChecklist},
	{name: "report", flags: []flagSpec{
		{name: "kind", value: true, example: "insurance"}, {name: "month", value: true, example: "2026-10"},
		{name: "out", value: true, example: "report.pdf"},
	}, maxArgs: 0, run: runReport},
	{name: "export-evidence", flags: []flagSpec{
		{name: "from", value: true, example: "2026-11-20"}, {name: "to", value: true, example: "2026-11-23"},
		{name: "out", value: true, example: "evidence.zip"},
	}, maxArgs: 0, run: runExportEvidence},
	{name: "mss", flags: mssFlags, maxArgs: -1, run: runMSS},
	{name: "detect", flags: []flagSpec{
		{name: "json"}, {name: "vendor", value: true, example: "fortigate"},
		{name: "rules", value: true, example: "rules"}, {name: "blocklist", value: true, example: "ipblocklist.csv"},
	}, maxArgs: -1, run: runDetect},
	{name: "check", flags: []flagSpec{{name: "json"}, {name: "home", value: true, example: "/home/sato"}}, maxArgs: 0, run: runCheck},
}

// run is the whole program; it returns the exit code: 0 ok, 1 runtime
// error, 2 usage error.
func run(args []string, e *env) int {
	lang := e.detectLang()
	langErr := false
	if v, ok := langFromArgs(args); ok {
		l, err := locales.ParseLang(v)
		if err != nil {
			langErr = true
		} else {
			lang = l
		}
	}
	e.loc = locales.MustNew(lang).InZone(e.zone)

	inv, uerr := parseArgs(args, cmds)
	if uerr == nil && langErr {
		uerr = &usageError{msg: locales.CLIBadLang, args: locales.Args{"Value": inv.flags["lang"]}}
	}
	if uerr != nil {
		fmt.Fprintln(e.stderr, e.loc.T(uerr.msg, uerr.args))
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
		return 2
	}
	e.inv = inv
	switch {
	case inv.has("help"):
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIUsage, locales.Args{"DefaultDB": defaultDBPath(e.getenv, e.goos)}))
		return 0
	case inv.has("version"):
		fmt.Fprintln(e.stdout, versionLine())
		return 0
	}
	return inv.cmd.run(e)
}
