package endpoint

import (
	"context"
	"crypto/sha256"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

var tokyo = time.FixedZone("JST", 9*60*60)

func TestParseChromiumPrefs(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		name     string
		json     string
		want     []string
		allowAll bool
		wantErr  bool
	}{
		{"none", `{}`, nil, false, false},
		{"allow and block", `{"profile":{"content_settings":{"exceptions":{"notifications":{
			"https://a.example:443,*":{"setting":1,"last_modified":"13408000000000000"},
			"https://b.example:443,*":{"setting":2}}}}}}`, []string{"https://a.example"}, false, false},
		{"ports and wildcards kept", `{"profile":{"content_settings":{"exceptions":{"notifications":{
			"http://intra.example:8080,*":{"setting":1},"[*.]c.example,*":{"setting":1},"http://d.example:80,*":{"setting":1}}}}}}`,
			[]string{"[*.]c.example", "http://d.example", "http://intra.example:8080"}, false, false},
		{"default allows all", `{"profile":{"default_content_setting_values":{"notifications":1}}}`, nil, true, false},
		{"setting written as text", `{"profile":{"content_settings":{"exceptions":{"notifications":{"https://e.example:443,*":{"setting":"1"}}}}}}`, []string{"https://e.example"}, false, false},
		{"setting not a number", `{"profile":{"content_settings":{"exceptions":{"notifications":{"https://e.example:443,*":{"setting":"allow"}}}}}}`, nil, false, true},
		{"wildcard pattern skipped", `{"profile":{"content_settings":{"exceptions":{"notifications":{"*,*":{"setting":1}}}}}}`, nil, false, false},
		{"not json", `{"profile":`, nil, false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sites, all, err := parseChromiumPrefs([]byte(tc.json))
			if (err != nil) != tc.wantErr {
				t.Fatalf("err = %v, want error %v", err, tc.wantErr)
			}
			var got []string
			for _, s := range sites {
				got = append(got, s.Origin)
			}
			if !slices.Equal(got, tc.want) || all != tc.allowAll {
				t.Errorf("got %v allowAll=%v, want %v allowAll=%v", got, all, tc.want, tc.allowAll)
			}
		})
	}
}

func TestChromeTime(t *testing.T) {
	t.Parallel()
	// 13408000000000000 µs after 1601-01-01 is 1763526400 s after 1970.
	if got, want := chromeTime("13408000000000000"), time.Unix(1763526400, 0); !got.Equal(want) {
		t.Errorf("chromeTime = %v, want %v", got, want)
	}
	for _, bad := range []string{"", "0", "x", "-5"} {
		if !chromeTime(bad).IsZero() {
			t.Errorf("chromeTime(%q) is not zero", bad)
		}
	}
}

func TestFlagSite(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	old := now.AddDate(-1, 0, 0)
	for _, tc := range []struct {
		origin  string
		granted time.Time
		beacons []string
		want    []string
	}{
		{"https://calendar.google.com", old, nil, nil},
		{"https://www.rakuten.co.jp", old, nil, nil},
		{"https://rakuten-co-jp.login-check.com", old, nil, []string{flagLookalike}},
		{"https://g00gle-security.com", old, nil, []string{flagLookalike}},
		{"https://xn--80ak6aa92e.com", old, nil, []string{flagPunycode}},
		{"https://news.push-daily.com", old, nil, []string{flagSpam}},
		{"https://cheap.example.xyz", old, nil, []string{flagRiskyTLD}},
		{"https://203.0.113.9:8443", old, nil, []string{flagAddress}},
		{"http://192.168.1.20", old, nil, nil},
		{"http://localhost:3000", now, nil, []string{flagNew}},
		{"https://groupware.example.co.jp", time.Time{}, nil, nil},
		{"https://a.cdn.example.net", old, []string{"example.net"}, []string{flagBeaconing}},
		{"https://example.net", old, []string{"x.example.net"}, []string{flagBeaconing}},
		{"https://example.org", old, []string{"example.net", "203.0.113.9"}, nil},
		{"[*.]push.example.jp", old, []string{"img.push.example.jp"}, []string{flagBeaconing, flagSpam}},
	} {
		if got := flagSite(tc.origin, tc.granted, now, tc.beacons); !slices.Equal(got, tc.want) {
			t.Errorf("flagSite(%q, beacons %v) = %v, want %v", tc.origin, tc.beacons, got, tc.want)
		}
	}
}

func TestSiteHost(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"https://Example.COM":          "example.com",
		"https://example.com:8443/x":   "example.com",
		"[*.]example.com":              "example.com",
		"http://[2001:db8::1]:8080":    "2001:db8::1",
		"example.jp":                   "example.jp",
		"https://a.example.co.jp./?q=": "a.example.co.jp",
	} {
		if got := siteHost(in); got != want {
			t.Errorf("siteHost(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseDefender(t *testing.T) {
	t.Parallel()
	mp, err := parseDefender([]byte("\r\nAMServiceEnabled : True\r\nAntivirusEnabled : True\r\nRealTimeProtectionEnabled : False\r\nAntivirusSignatureAge : 12\r\n"))
	if err != nil || !mp.ServiceEnabled || !mp.Enabled || mp.RealTime || mp.SignatureAge != 12 {
		t.Errorf("parseDefender = %+v, %v", mp, err)
	}
	if _, err := parseDefender([]byte("Get-MpComputerStatus : 操作に失敗しました。 0x800106ba")); err == nil {
		t.Error("parseDefender accepted an error message")
	}
}

func TestParseSecurityCenter(t *testing.T) {
	t.Parallel()
	got := parseSecurityCenter([]byte("Windows Defender|393472\r\nESET Security|266240\r\nOld AV|266256\r\nbroken line\r\n"))
	want := []avProduct{{"Windows Defender", false, true}, {"ESET Security", true, true}, {"Old AV", true, false}}
	if !slices.Equal(got, want) {
		t.Errorf("parseSecurityCenter = %+v, want %+v", got, want)
	}
}

func TestParseClamVersion(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		in, engine, db string
		built          time.Time
		err            bool
	}{
		{"ClamAV 1.0.9/27831/Sun Nov 22 09:27:01 2026\n", "1.0.9", "27831", time.Date(2026, 11, 22, 9, 27, 1, 0, tokyo), false},
		{"ClamAV 1.0.9/27100/Mon Jan  5 09:27:01 2026\n", "1.0.9", "27100", time.Date(2026, 1, 5, 9, 27, 1, 0, tokyo), false},
		{"ClamAV 1.4.1\n", "1.4.1", "", time.Time{}, false},
		{"clamscan: command not found", "", "", time.Time{}, true},
		{"ClamAV 1.0.9/27831/yesterday", "", "", time.Time{}, true},
	} {
		engine, db, built, err := parseClamVersion([]byte(tc.in), tokyo)
		if (err != nil) != tc.err || engine != tc.engine || db != tc.db || !built.Equal(tc.built) {
			t.Errorf("parseClamVersion(%q) = %q, %q, %v, %v", tc.in, engine, db, built, err)
		}
	}
}

func TestAptPendingAndHistory(t *testing.T) {
	t.Parallel()
	pending, security := aptPending([]byte("Inst a [1] (2 Ubuntu:24.04/noble-security [amd64])\nInst b [1] (2 Debian:12.12/stable [amd64])\nConf a (2)\n"))
	if pending != 2 || security != 1 {
		t.Errorf("aptPending = %d, %d, want 2, 1", pending, security)
	}
	history := `
Start-Date: 2026-11-01  08:59:00
Upgrade: libc6:amd64 (2.36-9+deb12u4, 2.36-9+deb12u13)
End-Date: 2026-11-01  09:00:00

Start-Date: 2026-11-20  10:00:02
Commandline: apt install vlc
Install: vlc:amd64 (3.0.21-0+deb12u1)
End-Date: 2026-11-20  10:01:02

Start-Date: 2026-11-21  10:00:02
Upgrade: tzdata:amd64 (2025b-0+deb12u1, 2025b-0+deb12u2)
End-Date: garbage
`
	// Installing vlc is not updating; the broken date is skipped.
	last := aptLastUpgrade([]byte(history), tokyo)
	if want := time.Date(2026, 11, 1, 9, 0, 0, 0, tokyo); !last.Equal(want) {
		t.Errorf("aptLastUpgrade = %v, want %v", last, want)
	}
}

func TestRootEncrypted(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		json             string
		encrypted, found bool
	}{
		{`{"blockdevices":[{"name":"sda","type":"disk","children":[{"name":"sda1","type":"part","mountpoint":"/"}]}]}`, false, true},
		{`{"blockdevices":[{"name":"sda","type":"disk","children":[{"name":"c","type":"crypt","children":[{"name":"r","type":"lvm","mountpoint":"/"}]}]}]}`, true, true},
		{`{"blockdevices":[{"name":"c","type":"crypt","mountpoint":"/home"},{"name":"sdb1","type":"part","mountpoint":"/"}]}`, false, true},
		{`{"blockdevices":[]}`, false, false},
	} {
		enc, found, err := rootEncrypted([]byte(tc.json))
		if err != nil || enc != tc.encrypted || found != tc.found {
			t.Errorf("rootEncrypted(%s) = %v, %v, %v", tc.json, enc, found, err)
		}
	}
}

func TestParseID(t *testing.T) {
	t.Parallel()
	uid, groups := parseID([]byte("uid=1000(tanaka) gid=1000(tanaka) groups=1000(tanaka),27(sudo),100(users)\n"))
	if uid != "1000" || !slices.Equal(groups, []string{"tanaka", "sudo", "users"}) {
		t.Errorf("parseID = %q %v", uid, groups)
	}
}

func TestWindowsValueParsers(t *testing.T) {
	t.Parallel()
	kv := regValues([]byte("HKEY_CURRENT_USER\\Control Panel\\Desktop\r\n    ScreenSaveTimeOut    REG_SZ    600\r\n    Empty    REG_SZ\r\n    InactivityTimeoutSecs    REG_DWORD    0x384\r\n"))
	if kv["ScreenSaveTimeOut"] != "600" || kv["InactivityTimeoutSecs"] != "0x384" {
		t.Errorf("regValues = %v", kv)
	}
	if n, ok := regInt("0x384"); !ok || n != 900 {
		t.Errorf("regInt(0x384) = %d, %v", n, ok)
	}
	if n, ok := powercfgAC([]byte("Minimum: 0x00000000\nMaximum: 0xffffffff\nAC: 0x0000012c\nDC: 0x00000078\n")); !ok || n != 300 {
		t.Errorf("powercfgAC = %d, %v", n, ok)
	}
	if on, off := parseFirewallProfiles([]byte("Domain=True\r\nPrivate=False\r\nPublic=False\r\n")); !slices.Equal(on, []string{"Domain"}) || !slices.Equal(off, []string{"Private", "Public"}) {
		t.Errorf("parseFirewallProfiles = %v, %v", on, off)
	}
	if got := regListValues([]byte("HKEY_LOCAL_MACHINE\\...\n    1    REG_SZ    https://a.example\n    2    REG_SZ    [*.]b.example\n")); !slices.Equal(got, []string{"https://a.example", "[*.]b.example"}) {
		t.Errorf("regListValues = %v", got)
	}
}

func TestParseDefaultsArray(t *testing.T) {
	t.Parallel()
	got := parseDefaultsArray([]byte("(\n    \"https://a.example\",\n    \"[*.]b.example\"\n)\n"))
	if !slices.Equal(got, []string{"https://a.example", "[*.]b.example"}) {
		t.Errorf("parseDefaultsArray = %q", got)
	}
	if got := parseDefaultsArray([]byte("The domain/default pair of (x, y) does not exist\n")); got != nil {
		t.Errorf("parseDefaultsArray(error) = %q", got)
	}
}

// TestFirefoxIsReadWithoutWriting opens a copy of a Firefox profile and
// checks that no file of it changed and none was added: the check must
// never touch a browser profile, even to create a journal.
func TestFirefoxIsReadWithoutWriting(t *testing.T) {
	t.Parallel()
	src := "testdata/linux-risky/home/.mozilla/firefox/k2x9w1ab.default-release/permissions.sqlite"
	data, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	// Firefox keeps permissions.sqlite in WAL mode (header bytes 18 and
	// 19 are 2): opened without immutable, even read-only, SQLite would
	// create -wal and -shm files beside it.
	data[18], data[19] = 2, 2
	// A folder name SQLite URIs must escape.
	dir := filepath.Join(t.TempDir(), "プロファイル #1 ?")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "permissions.sqlite")
	if err := os.WriteFile(db, data, 0o644); err != nil {
		t.Fatal(err)
	}
	before := snapshot(t, dir)
	sites, err := readFirefoxPermissions(context.Background(), db, time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	if len(sites) != 1 || sites[0].Origin != "https://amaz0n-prize-winner.xyz" {
		t.Errorf("sites = %+v", sites)
	}
	if after := snapshot(t, dir); !slices.Equal(before, after) {
		t.Errorf("the profile folder changed:\nbefore %v\nafter  %v", before, after)
	}
}

// snapshot lists a folder's files with their hashes and times.
func snapshot(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		p := filepath.Join(dir, e.Name())
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		info, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, strings.Join([]string{e.Name(), info.ModTime().String(), fmt.Sprintf("%x", sha256.Sum256(b))}, " "))
	}
	return out
}

// FuzzReadPreferences feeds arbitrary bytes to the Preferences reader: it
// must not panic, and whatever it accepts must list real origins.
func FuzzReadPreferences(f *testing.F) {
	seeds, _ := filepath.Glob("testdata/*/home/*/*/*/Preferences")
	more, _ := filepath.Glob("testdata/*/home/*/*/*/*/*/Preferences")
	for _, p := range append(seeds, more...) {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"profile":{"content_settings":{"exceptions":{"notifications":{",":{"setting":1}}}}}}`))
	f.Add([]byte(`{"profile":{"content_settings":{"exceptions":{"notifications":{"https://a:443,*":{"setting":1e300}}}}}}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		sites, _, err := parseChromiumPrefs(data)
		if err != nil && sites != nil {
			t.Fatalf("error %v with sites %v", err, sites)
		}
		for _, s := range sites {
			if s.Origin == "" || s.Origin == "*" || strings.Contains(s.Origin, ",") && !strings.Contains(s.Origin, "://") {
				t.Fatalf("origin %q", s.Origin)
			}
			flagSite(s.Origin, s.Granted, time.Now(), []string{s.Origin})
		}
	})
}

// bigPreferences is a Preferences file the size a profile used for years
// reaches (about 1 MB: extensions, history of settings), with 200 sites
// allowed to send notifications.
func bigPreferences() []byte {
	var b strings.Builder
	b.WriteString(`{"extensions":{"settings":{`)
	for i := range 400 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"ext%04d":{"manifest":{"name":"Extension %d","permissions":["tabs","storage","https://*/*"],"description":"%s"}}`, i, i, strings.Repeat("x", 2000))
	}
	b.WriteString(`}},"profile":{"content_settings":{"exceptions":{"notifications":{`)
	for i := range 200 {
		if i > 0 {
			b.WriteString(",")
		}
		fmt.Fprintf(&b, `"https://site%03d.example.com:443,*":{"last_modified":"13408000000000000","setting":%d}`, i, 1+i%2)
	}
	b.WriteString(`}}}}}`)
	return []byte(b.String())
}

func BenchmarkParseChromiumPrefs(b *testing.B) {
	data := bigPreferences()
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	for b.Loop() {
		sites, _, err := parseChromiumPrefs(data)
		if err != nil || len(sites) != 100 {
			b.Fatalf("%d sites, %v", len(sites), err)
		}
	}
}

func BenchmarkFlagSite(b *testing.B) {
	now := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	beacons := []string{"cdn.push-news.top", "203.0.113.80", "tracker.example.net"}
	b.ReportAllocs()
	for b.Loop() {
		flagSite("https://rakuten-co-jp.login-check.com", now.AddDate(0, 0, -3), now, beacons)
	}
}

// FuzzCommandOutput feeds arbitrary bytes to every reader of command
// output and system files: none may panic, whatever a broken or hostile
// tool prints. Seeds are the recorded outputs of testdata.
func FuzzCommandOutput(f *testing.F) {
	transcripts, _ := filepath.Glob("testdata/*/commands.txt")
	for _, p := range transcripts {
		b, err := os.ReadFile(p)
		if err != nil {
			f.Fatal(err)
		}
		for _, out := range strings.Split(string(b), "\n$ ") {
			f.Add([]byte(out))
		}
	}
	f.Fuzz(func(t *testing.T, out []byte) {
		parseDefender(out)
		parseSecurityCenter(out)
		parseClamVersion(out, tokyo)
		aptPending(out)
		aptLastUpgrade(out, tokyo)
		lastDate(out, tokyo)
		parseDefaults(out)
		parseDefaultsArray(out)
		parseFirewallProfiles(out)
		ufwEnabled(out)
		rootEncrypted(out)
		regValues(out)
		regListValues(out)
		powercfgAC(out)
		gsettingsUint(out)
		parseID(out)
		parsePolicyJSON(out)
	})
}
