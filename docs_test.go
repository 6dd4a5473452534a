package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/endpoint/endpointtest"
	"github.com/kizuki-app/kizuki/monitor/store"
)

var update = flag.Bool("update", false, "rewrite golden files (docs/cli.md) from the current output")

// docNow is the fixed "now" of every documented example.
var docNow = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("JST", 9*60*60))

// fixtureDBs prepare the databases that docs/cli.md names; the example's
// --db argument is the key.
var fixtureDBs = map[string]func(t *testing.T, s *store.Store){
	// A fresh install.
	"new.db": func(*testing.T, *store.Store) {},
	// A FortiGate reporting, and an SSL-VPN brute force under way.
	"attack.db": func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		must(t, s.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"}}))
		must(t, s.MarkReceived(ctx, "FGT60F", 48210, docNow.Add(-2*time.Minute)))
		_, err := s.RecordFinding(ctx, monitor.Finding{
			Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F",
			FirstSeen: docNow.Add(-50 * time.Hour), LastSeen: docNow.Add(-5 * time.Minute), Count: 1843,
			Evidence: monitor.Evidence{Sources: []string{"203.0.113.45", "198.51.100.7"}, Users: []string{"admin", "sato"}},
			Playbook: "vpn_bruteforce",
		})
		must(t, err)
	},
	// A beaconing finding: an office PC calls push-news.top every five
	// minutes, the site a browser on this PC lets send notifications.
	"beacon.db": func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		must(t, s.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"}}))
		must(t, s.MarkReceived(ctx, "FGT60F", 48210, docNow.Add(-2*time.Minute)))
		_, err := s.RecordFinding(ctx, monitor.Finding{
			Rule: "beaconing", Severity: monitor.SeverityMedium, Subject: "192.168.1.23",
			FirstSeen: docNow.Add(-72 * time.Hour), LastSeen: docNow.Add(-10 * time.Minute), Count: 864,
			Evidence: monitor.Evidence{Sources: []string{"192.168.1.23"}, Destinations: []string{"cdn.push-news.top"}},
			Playbook: "beaconing",
		})
		must(t, err)
	},
	// A router that stopped sending logs five hours ago.
	"silent.db": func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		must(t, s.PutSource(ctx, monitor.Source{Name: "RTX830", Vendor: monitor.VendorYamahaRTX}))
		must(t, s.MarkReceived(ctx, "RTX830", 1200, docNow.Add(-5*time.Hour)))
		must(t, s.AddSourceDrops(ctx, "RTX830", map[string]int64{"kernel": 3}))
		must(t, s.AddCollectorDrops(ctx, map[string]int64{"sender_not_allowed": 12}))
	},
}

// fixtureFiles are the log files that docs/cli.md names, written beside
// the databases.
var fixtureFiles = map[string]string{
	"utm.log": `date=2026-11-23 time=09:41:07 devname="FGT60F" devid="FGT60FTK2109XXXX" eventtime=1795394467000000000 tz="+0900" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip=203.0.113.45 user="admin" group="N/A" dst_host="N/A" reason="sslvpn_login_permission_denied" msg="SSL user failed to logged in"
date=2026-11-23 time=09:41:12 devname="FGT60F" devid="FGT60FTK2109XXXX" eventtime=1795394472000000000 tz="+0900" logid="0211008192" type="utm" subtype="virus" eventtype="infected" level="warning" vd="root" policyid=1 sessionid=88412 srcip=192.168.1.23 srcport=50412 srcintf="internal" srcintfrole="lan" dstip=198.51.100.80 dstport=443 dstintf="wan1" dstintfrole="wan" proto=6 service="HTTPS" direction="outgoing" filename="invoice.zip" virus="W32/Emotet.AB!tr" action="blocked" url="https://198.51.100.80/upload" msg="File is infected."
<13> [INSPECT] LAN2[out][101100] TCP 192.168.20.3:54874 > 172.217.25.193:443 (2026/11/23 09:42:00)
this is not a log line
`,
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// docEnv is a fixed environment: Japanese system, Tokyo time, docNow,
// and for `kizuki check` a recorded PC (monitor/endpoint/testdata).
func docEnv(stdout, stderr *bytes.Buffer) *env {
	vars := map[string]string{"HOME": "/home/owner"}
	return &env{
		stdout: stdout, stderr: stderr, getenv: func(k string) string { return vars[k] }, goos: "linux",
		now: func() time.Time { return docNow }, zone: docNow.Location(),
		detectLang:  func() locales.Lang { return locales.Japanese },
		checkSystem: recordedPC,
	}
}

// recordedPC replays the recorded PC whose home is home (the folder above
// it holds the PC's command output and system files), or, without home,
// the looked-after Linux PC.
func recordedPC(home string) endpoint.System {
	dir := filepath.Join("monitor", "endpoint", "testdata", "linux-ok")
	if home != "" {
		dir = filepath.Dir(home)
	}
	sys, err := endpointtest.Case(dir, docNow)
	if err != nil {
		panic(fmt.Sprintf("no recorded PC for --home %s: %v", home, err))
	}
	return sys
}

// runDoc runs one documented command line in dir, with fixture databases
// made there, and returns what a terminal would show.
func runDoc(t *testing.T, dir, line string) string {
	t.Helper()
	args := strings.Fields(line)
	for i, a := range args {
		if content, ok := fixtureFiles[a]; ok {
			path := filepath.Join(dir, a)
			must(t, os.WriteFile(path, []byte(content), 0o600))
			args[i] = path
			continue
		}
		if prepare, ok := fixtureDBs[a]; ok && i > 0 && args[i-1] == "--db" {
			path := filepath.Join(dir, a)
			s, err := store.Open(context.Background(), path)
			must(t, err)
			prepare(t, s)
			must(t, s.Close())
			args[i] = path
		}
	}
	var stdout, stderr bytes.Buffer
	code := run(args, docEnv(&stdout, &stderr))
	out := stdout.String() + stderr.String()
	if code != 0 {
		out += fmt.Sprintf("[exit status %d]\n", code)
	}
	return strings.ReplaceAll(out, dir+string(filepath.Separator), "")
}

var consoleBlock = regexp.MustCompile("(?s)```console\n\\$ kizuki([^\n]*)\n(.*?)```")

// TestCLIDoc keeps docs/cli.md true: every example is run and its output
// must match. go test -run TestCLIDoc -update rewrites the outputs.
func TestCLIDoc(t *testing.T) {
	if buildKind != "gui" {
		t.Skip("docs/cli.md shows the regular build's output; the default build's test run checks it")
	}
	doc, err := os.ReadFile("docs/cli.md")
	must(t, err)
	blocks := consoleBlock.FindAllSubmatchIndex(doc, -1)
	if len(blocks) == 0 {
		t.Fatal("docs/cli.md has no ```console examples")
	}
	var out bytes.Buffer
	last := 0
	for _, b := range blocks {
		line := string(doc[b[2]:b[3]])
		want := string(doc[b[4]:b[5]])
		got := runDoc(t, t.TempDir(), line)
		if got != want && !*update {
			t.Errorf("docs/cli.md: `kizuki%s` prints:\n%s\nthe document says:\n%s\n(run go test -run TestCLIDoc -update . to rewrite it)", line, got, want)
		}
		out.Write(doc[last:b[4]])
		out.WriteString(got)
		last = b[5]
	}
	out.Write(doc[last:])
	if *update {
		must(t, os.WriteFile("docs/cli.md", out.Bytes(), 0o644))
	}
}

// TestCLIDocCoversCommands fails when a command has no example.
func TestCLIDocCoversCommands(t *testing.T) {
	doc, err := os.ReadFile("docs/cli.md")
	must(t, err)
	for _, c := range cmds[1:] {
		if !regexp.MustCompile("\\$ kizuki( --\\S+( \\S+)?)* " + c.name + "\\b").Match(doc) {
			t.Errorf("docs/cli.md has no example of `kizuki %s`", c.name)
		}
	}
}
