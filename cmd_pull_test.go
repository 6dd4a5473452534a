package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/zalando/go-keyring"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// The tests of this binary never touch the keyring of the machine they
// run on: go-keyring answers as if no keyring service ran, so tokens go
// to the file backend beside each test's --db.
func init() {
	keyring.MockInitWithError(errors.New("no keyring in tests"))
}

// fakeFortiGate answers the FortiOS log API (see monitor/ingest/fortios
// for the shapes): newest first, start/rows paging, _metadata per result.
type fakeFortiGate struct {
	srv   *httptest.Server
	token string

	mu   sync.Mutex
	logs map[string][]string // path below /api/v2/log/ → JSON objects without _metadata, oldest first
}

func newFakeFortiGate(t *testing.T) *fakeFortiGate {
	t.Helper()
	f := &fakeFortiGate{token: "tok-0123456789abcdef", logs: map[string][]string{}}
	f.srv = httptest.NewUnstartedServer(f)
	// Handshakes refused on purpose (wrong pins) are not news.
	f.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	f.srv.StartTLS()
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeFortiGate) host() string { return f.srv.Listener.Addr().String() }

func (f *fakeFortiGate) fingerprint() string {
	sum := sha256.Sum256(f.srv.Certificate().Raw)
	return fmt.Sprintf("%X", sum[:])
}

func (f *fakeFortiGate) add(path string, objects ...string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logs[path] = append(f.logs[path], objects...)
}

func (f *fakeFortiGate) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	path := strings.TrimPrefix(r.URL.Path, "/api/v2/log/")
	logs := slices.Clone(f.logs[path])
	slices.Reverse(logs)
	start, _ := strconv.Atoi(r.URL.Query().Get("start"))
	rows, _ := strconv.Atoi(r.URL.Query().Get("rows"))
	var results []string
	for i := start; i < min(start+rows, len(logs)); i++ {
		results = append(results, strings.TrimSuffix(logs[i], "}")+fmt.Sprintf(`,"_metadata":{"#":%d,"timestamp":0}}`, i+1))
	}
	fmt.Fprintf(w, `{"http_method":"GET","results":[%s],"vdom":"root","path":"log","name":"event","action":"",`+
		`"status":"success","serial":"FGT60FTK2109XXXX","version":"v7.2.8","build":1577,"total_lines":%d,`+
		`"start":%d,"rows":%d,"session_id":"s1","completed":100}`, strings.Join(results, ","), len(logs), start, len(results))
}

// Results as FortiOS 7.2 answers them, one per log type.
func fgtVPNFail(sec int) string {
	return fmt.Sprintf(`{"date":"2026-11-23","time":"09:41:%02d","eventtime":%d,"tz":"+0900","logid":"0101039426",`+
		`"type":"event","subtype":"vpn","level":"alert","vd":"root","logdesc":"SSL VPN login fail","action":"ssl-login-fail",`+
		`"tunneltype":"ssl-web","remip":"203.0.113.45","user":"admin","group":"N/A","reason":"sslvpn_login_permission_denied",`+
		`"msg":"SSL user failed to logged in","devname":"FGT60F","devid":"FGT60FTK2109XXXX"}`,
		sec, time.Date(2026, 11, 23, 9, 41, sec, 0, time.FixedZone("JST", 9*3600)).UnixNano())
}

func fgtForward(sec int) string {
	return fmt.Sprintf(`{"date":"2026-11-23","time":"09:42:%02d","devname":"FGT60F","devid":"FGT60FTK2109XXXX",`+
		`"eventtime":%d,"tz":"+0900","logid":"0000000013","type":"traffic","subtype":"forward","level":"notice","vd":"root",`+
		`"srcip":"192.168.1.23","srcport":%d,"srcintf":"internal","srcintfrole":"lan","dstip":"198.51.100.80","dstport":443,`+
		`"dstintf":"wan1","dstintfrole":"wan","proto":6,"action":"close","policyid":1,"service":"HTTPS","sentbyte":2311}`,
		sec, time.Date(2026, 11, 23, 9, 42, sec, 0, time.FixedZone("JST", 9*3600)).UnixNano(), 50000+sec)
}

const fgtVirus = `{"date":"2026-11-23","time":"09:41:12","devname":"FGT60F","devid":"FGT60FTK2109XXXX",` +
	`"eventtime":1795394472000000000,"tz":"+0900","logid":"0211008192","type":"utm","subtype":"virus","eventtype":"infected",` +
	`"level":"warning","vd":"root","srcip":"192.168.1.23","srcport":50412,"srcintfrole":"lan","dstip":"198.51.100.80",` +
	`"dstport":443,"dstintfrole":"wan","proto":6,"service":"HTTPS","filename":"invoice.zip","virus":"W32/Emotet.AB!tr",` +
	`"action":"blocked","url":"https://198.51.100.80/upload","msg":"File is infected."}`

// runCLI runs one command line in-process and returns its output and code.
func runCLI(t *testing.T, stdin string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := docEnv(&out, &errOut)
	e.stdin = strings.NewReader(stdin)
	code = run(args, e)
	return out.String(), errOut.String(), code
}

func TestPullFortigateEndToEnd(t *testing.T) {
	t.Parallel()
	f := newFakeFortiGate(t)
	f.add("memory/event/vpn", fgtVPNFail(7), fgtVPNFail(9))
	f.add("memory/traffic/forward", fgtForward(1), fgtForward(2), fgtForward(3))
	f.add("memory/virus", fgtVirus)
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	pull := func(extra ...string) (string, string, int) {
		t.Helper()
		args := append([]string{"pull", "fortigate", "--host", f.host(), "--fingerprint", f.fingerprint(),
			"--types", "event/vpn,traffic/forward,utm/virus", "--once", "--db", db, "--lang", "en"}, extra...)
		return runCLI(t, "", args...)
	}

	// No token yet: say how to store one.
	_, errOut, code := pull()
	if code != 1 || !strings.Contains(errOut, "No API token is stored for FortiGate "+f.host()) || !strings.Contains(errOut, "--set-token") {
		t.Fatalf("pull without a token: exit %d, %q", code, errOut)
	}

	// The token comes from stdin and lands in the private file beside the database.
	out, errOut, code := runCLI(t, f.token+"\n", "pull", "fortigate", "--host", f.host(), "--set-token", "--db", db, "--lang", "en")
	if code != 0 || !strings.Contains(out, "Stored the API token") || !strings.Contains(out, filepath.Join(dir, secrets.FileName)) {
		t.Fatalf("set-token: exit %d, %q %q", code, out, errOut)
	}
	if strings.Contains(out+errOut, f.token) {
		t.Error("set-token printed the token")
	}
	if runtime.GOOS != "windows" {
		if fi, err := os.Stat(filepath.Join(dir, secrets.FileName)); err != nil || fi.Mode().Perm() != 0o600 {
			t.Errorf("secrets file: %v, %v", fi, err)
		}
	}

	out, errOut, code = pull()
	if code != 0 || !strings.Contains(out, f.host()+": imported 6 lines (3 stored as they are, 3 folded into traffic totals)") {
		t.Fatalf("first pull: exit %d, %q %q", code, out, errOut)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	must(t, err)
	defer st.Close()
	if n, _ := st.CountEvents(ctx); n != 3 {
		t.Errorf("%d events stored, want the 2 VPN failures and the virus", n)
	}
	kinds, err := rawQuery(t, db, `SELECT vendor || ' ' || kind || ' ' || action || ' ' || source FROM events ORDER BY time`)
	must(t, err)
	want := []string{
		"fortigate auth login_failure " + f.host(), "fortigate auth login_failure " + f.host(), "fortigate threat block " + f.host(),
	}
	if strings.Join(kinds, "|") != strings.Join(want, "|") {
		t.Errorf("stored events %q, want %q", kinds, want)
	}
	srcs, err := st.Sources(ctx)
	must(t, err)
	if len(srcs) != 1 || srcs[0].Name != f.host() || srcs[0].Vendor != monitor.VendorFortiGate || srcs[0].Received != 6 || srcs[0].LastSeen.IsZero() {
		t.Errorf("sources %+v, want the FortiGate registered with 6 lines received", srcs)
	}
	if c, _ := st.PullCursor(ctx, f.host(), "memory/event/vpn"); c == "" {
		t.Error("no cursor stored for memory/event/vpn")
	}

	// Again: nothing new, nothing twice.
	out, _, code = pull()
	if code != 0 || !strings.Contains(out, "imported 0 lines") {
		t.Errorf("second pull: exit %d, %q", code, out)
	}
	f.add("memory/event/vpn", fgtVPNFail(30))
	out, _, code = pull()
	if code != 0 || !strings.Contains(out, "imported 1 lines") {
		t.Errorf("pull after one new line: exit %d, %q", code, out)
	}
	if n, _ := st.CountEvents(ctx); n != 4 {
		t.Errorf("%d events stored, want 4", n)
	}

	// Every fetched line, allowed traffic included, is in the pull's own
	// daily archive files, once.
	files, err := filepath.Glob(filepath.Join(dir, "archive", "pull-*.log.gz"))
	must(t, err)
	archived := 0
	readArchive(t, filepath.Join(dir, "archive"), "pull-*.log.gz", func(_ string, l monitor.Line) {
		if l.Source != f.host() {
			t.Errorf("archived line from %q, want %q", l.Source, f.host())
		}
		archived++
	})
	if len(files) == 0 || archived != 7 {
		t.Errorf("archive files %q hold %d lines, want the 7 fetched", files, archived)
	}
}

// rawQuery reads one text column, bypassing the Store API.
func rawQuery(t *testing.T, db, query string) ([]string, error) {
	t.Helper()
	conn, err := sql.Open("sqlite", db)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	rows, err := conn.Query(query)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		out = append(out, s)
	}
	return out, rows.Err()
}

func TestPullRefusals(t *testing.T) {
	t.Parallel()
	f := newFakeFortiGate(t)
	f.add("memory/event/vpn", fgtVPNFail(7))
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	setToken := func(token string) {
		t.Helper()
		if _, errOut, code := runCLI(t, token, "pull", "fortigate", "--host", f.host(), "--set-token", "--db", db); code != 0 {
			t.Fatalf("set-token: exit %d: %s", code, errOut)
		}
	}
	pull := func(extra ...string) (string, int) {
		t.Helper()
		args := append([]string{"pull", "fortigate", "--host", f.host(), "--types", "event/vpn", "--once", "--db", db, "--lang", "en"}, extra...)
		_, errOut, code := runCLI(t, "", args...)
		return errOut, code
	}

	setToken("not-the-token")
	if errOut, code := pull("--fingerprint", f.fingerprint()); code != 1 || !strings.Contains(errOut, "refused the API token") {
		t.Errorf("wrong token: exit %d, %q", code, errOut)
	}
	setToken(f.token)
	if errOut, code := pull("--fingerprint", strings.Repeat("AB", 32)); code != 1 || !strings.Contains(errOut, "is not the one given with --fingerprint") {
		t.Errorf("wrong fingerprint: exit %d, %q", code, errOut)
	}
	fp := strings.ToUpper(f.fingerprint()[:2]) + ":" + strings.ToUpper(f.fingerprint()[2:4])
	if errOut, code := pull(); code != 1 || !strings.Contains(errOut, "no trusted CA signed it") || !strings.Contains(errOut, fp) {
		t.Errorf("self-signed certificate without a pin: exit %d, %q; want its fingerprint shown", code, errOut)
	}
	if errOut, code := pull("--fingerprint", f.fingerprint()); code != 0 {
		t.Errorf("right token and pin: exit %d, %q", code, errOut)
	}
}

func TestPullUsageErrors(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "k.db")
	tests := []struct {
		args  []string
		stdin string
		want  string
	}{
		{[]string{"pull"}, "", "Write the device type fortigate"},
		{[]string{"pull", "yamaha"}, "", "Write the device type fortigate"},
		{[]string{"pull", "fortigate"}, "", "Give the FortiGate's address with --host"},
		{[]string{"pull", "fortigate", "--host", "https://192.0.2.1/"}, "", "Cannot read --host https://192.0.2.1/"},
		{[]string{"pull", "fortigate", "--host", "192.0.2.1", "--interval", "1s"}, "", "Cannot read --interval 1s"},
		{[]string{"pull", "fortigate", "--host", "192.0.2.1", "--types", "event/vpn,malware"}, "", "--types malware is not a log type"},
		{[]string{"pull", "fortigate", "--host", "192.0.2.1", "--fingerprint", "zz"}, "", "Cannot read the --fingerprint value"},
		{[]string{"pull", "fortigate", "--host", "192.0.2.1", "--device", "usb"}, "", "--device usb is not supported"},
		{[]string{"pull", "fortigate", "--host", "192.0.2.1", "--set-token"}, "\n", "Could not read an API token from standard input"},
		{[]string{"pull", "fortigate", "--host", "192.0.2.1", "--set-token"}, "two words\n", "Could not read an API token from standard input"},
	}
	for _, tt := range tests {
		args := append(tt.args, "--db", db, "--lang", "en")
		_, errOut, code := runCLI(t, tt.stdin, args...)
		if code != 2 || !strings.Contains(errOut, tt.want) {
			t.Errorf("kizuki %s: exit %d, %q; want exit 2 and %q", strings.Join(tt.args, " "), code, errOut, tt.want)
		}
	}
	// In Japanese by default.
	if _, errOut, code := runCLI(t, "", "pull", "fortigate", "--db", db); code != 2 || !strings.Contains(errOut, "--host で FortiGate のアドレスを指定してください") {
		t.Errorf("Japanese usage error: exit %d, %q", code, errOut)
	}
}

func TestReadToken(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"abc\n": "abc", "  abc  \r\n": "abc", "abc": "abc", "abc\nsecond line\n": "abc"} {
		if got, err := readToken(strings.NewReader(in)); err != nil || got != want {
			t.Errorf("readToken(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "\n", "a b\n", strings.Repeat("x", maxTokenLength+10)} {
		if got, err := readToken(strings.NewReader(in)); err == nil {
			t.Errorf("readToken(%q…) = %q, want an error", in[:min(len(in), 10)], got)
		}
	}
	if _, err := readToken(nil); err == nil {
		t.Error("readToken(nil) succeeded")
	}
}

// TestPullStopsOnSIGTERM runs the built binary in its polling loop and
// stops it: everything fetched is stored and it exits 0.
func TestPullStopsOnSIGTERM(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	if runtime.GOOS != "linux" {
		t.Skip("keeps the binary off the keyring through D-Bus settings, which only Linux reads")
	}
	t.Parallel()
	f := newFakeFortiGate(t)
	f.add("memory/event/vpn", fgtVPNFail(7), fgtVPNFail(9))
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	if _, errOut, code := runCLI(t, f.token, "pull", "fortigate", "--host", f.host(), "--set-token", "--db", db); code != 0 {
		t.Fatalf("set-token: %s", errOut)
	}
	bin := buildNoGUI(t)
	cmd := exec.Command(bin, "pull", "fortigate", "--host", f.host(), "--fingerprint", f.fingerprint(),
		"--types", "event/vpn", "--interval", "5s", "--db", db, "--lang", "en")
	// No session bus: the binary finds no keyring and reads the token file.
	cmd.Env = append(os.Environ(), "DBUS_SESSION_BUS_ADDRESS=unix:path="+filepath.Join(dir, "no-bus"), "DISPLAY=")
	var out lockedBuffer
	cmd.Stdout, cmd.Stderr = &out, &out
	must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() })
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()

	deadline := time.Now().Add(30 * time.Second)
	for countEvents(t, db) < 2 {
		if time.Now().After(deadline) {
			t.Fatalf("nothing stored after 30 s:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("pull did not exit cleanly on SIGTERM: %v\n%s", err, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("pull still running 30 s after SIGTERM")
	}
	if s := out.String(); !strings.Contains(s, "every 5s (event/vpn)") || !strings.Contains(s, "imported 2 lines") {
		t.Errorf("output:\n%s", s)
	}
}
