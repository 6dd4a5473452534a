package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/app/autostart"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/endpoint/endpointtest"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
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
	// A company three months into Kizuki: a FortiGate sending logs since
	// August, part of the self-diagnosis answered, cloud services in use.
	"checked.db": func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		must(t, s.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"}}))
		must(t, s.MarkReceived(ctx, "FGT60F", 2841022, docNow.Add(-time.Minute)))
		must(t, s.InsertEvents(ctx, []monitor.Event{{Time: docNow.AddDate(0, 0, -95), Received: docNow.AddDate(0, 0, -95),
			Source: "FGT60F", Vendor: monitor.VendorFortiGate, Kind: monitor.KindAuth, Action: monitor.ActionLoginFailure,
			SrcIP: "203.0.113.45", Raw: "logid=0101039426 action=ssl-login-fail"}}))
		at := docNow.AddDate(0, 0, -14)
		for item, a := range map[string]string{"os_updates": "yes", "antivirus": "yes", "passwords": "partial", "access_control": "no",
			"threat_info": "unknown", "backup": "no", "screen_lock": "yes", "incident_plan": "no"} {
			must(t, s.AddChecklistAnswer(ctx, monitor.ChecklistAnswer{Checklist: "ipa_5min", Item: item, Answer: a, At: at}))
		}
		for item, a := range map[string]string{"saas_mfa": "partial", "saas_accounts": "yes", "saas_sharing": "unknown", "saas_backup": "no"} {
			must(t, s.AddChecklistAnswer(ctx, monitor.ChecklistAnswer{Checklist: "cloud", Item: item, Answer: a, At: at}))
		}
	},
	// Enrolled with an MSS that reported an incident; one notification was
	// refused for its timestamp.
	"mss.db": func(t *testing.T, s *store.Store) {
		ctx := context.Background()
		must(t, s.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"}}))
		must(t, s.MarkReceived(ctx, "FGT60F", 48210, docNow.Add(-2*time.Minute)))
		const provider = "例示セキュリティ監視センター"
		must(t, s.PutMSSProvider(ctx, store.MSSProvider{Name: provider, URL: "https://mss.example.jp", KeyID: "k2026a",
			Heartbeat: true, Enrolled: docNow.Add(-30 * 24 * time.Hour)}))
		f := msstest.Finding("INC-2026-0042", 1, 4, "incident", docNow.Add(-20*time.Minute))
		b, err := json.Marshal(f)
		must(t, err)
		n := mss.Notification{ID: "n-000123", Cursor: "000123", Finding: b}
		_, _, err = s.ApplyMSSNotice(ctx, mss.Notice(provider, n, f, docNow.Add(-20*time.Minute)))
		must(t, err)
		must(t, s.MarkMSSContact(ctx, docNow.Add(-time.Minute)))
		must(t, s.AddMSSReject(ctx, monitor.RejectStale, docNow.Add(-3*time.Hour)))
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
	"vpn.log": vpnAttackLog(),
}

// vpnAttackLog is a night's SSL-VPN password guessing from one address,
// ending in a successful login as sato.
func vpnAttackLog() string {
	var b strings.Builder
	at := time.Date(2026, 11, 23, 2, 13, 0, 0, docNow.Location())
	users := []string{"admin", "administrator", "test", "sato"}
	for i := range 24 {
		t := at.Add(time.Duration(i) * 7 * time.Second)
		fmt.Fprintf(&b, `date=%s time=%s devname="FGT60F" devid="FGT60FTK2109XXXX" eventtime=%d tz="+0900" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" action="ssl-login-fail" tunneltype="ssl-web" remip=185.220.101.34 user="%s" group="N/A" dst_host="N/A" reason="sslvpn_login_permission_denied" msg="SSL user failed to logged in"`+"\n",
			t.Format("2006-01-02"), t.Format("15:04:05"), t.UnixNano(), users[i/6])
	}
	t := at.Add(4 * time.Minute)
	fmt.Fprintf(&b, `date=%s time=%s devname="FGT60F" devid="FGT60FTK2109XXXX" eventtime=%d tz="+0900" logid="0101039947" type="event" subtype="vpn" level="information" vd="root" logdesc="SSL VPN tunnel up" action="tunnel-up" tunneltype="ssl-tunnel" tunnelid=2127225 remip=185.220.101.34 tunnelip=10.212.134.200 user="sato" group="vpn-users" dst_host="N/A" reason="tunnel established" msg="SSL tunnel established"`+"\n",
		t.Format("2006-01-02"), t.Format("15:04:05"), t.UnixNano())
	return b.String()
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
		if i > 0 && args[i-1] == "--out" {
			args[i] = filepath.Join(dir, a)
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
	e := docEnv(&stdout, &stderr)
	e.autostart = autostart.XDG{ConfigHome: filepath.Join(dir, "config"), ConfigDirs: []string{filepath.Join(dir, "xdg")}}
	code := run(args, e)
	out := stdout.String() + stderr.String()
	if code != 0 {
		out += fmt.Sprintf("[exit status %d]\n", code)
	}
	// Paths in the temporary folder read as relative ones; the folder
	// itself as ".".
	out = strings.ReplaceAll(out, dir+string(filepath.Separator), "")
	return strings.ReplaceAll(out, dir, ".")
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
