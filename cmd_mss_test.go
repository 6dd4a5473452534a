package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runMSSCLI runs one command line with the documentation's environment.
func runMSSCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := docEnv(&out, &errOut)
	e.now = time.Now
	code = run(args, e)
	return code, out.String(), errOut.String()
}

func TestMSSCommands(t *testing.T) {
	p := msstest.New(msstest.Options{Name: "例示セキュリティ監視センター"})
	t.Cleanup(p.Close)
	p.AddCode("7KQ2-M9XD")
	dir := t.TempDir()
	db := filepath.Join(dir, "kizuki.db")

	if code, out, _ := runMSSCLI(t, "mss", "status", "--db", db); code != 0 || !strings.Contains(out, "まだ登録していません") {
		t.Fatalf("status before enrolment: %d %q", code, out)
	}
	if code, _, errOut := runMSSCLI(t, "mss", "ask", "--db", db, "もしもし"); code != 1 || !strings.Contains(errOut, "まだ登録していません") {
		t.Fatalf("ask before enrolment: %d %q", code, errOut)
	}
	code, out, errOut := runMSSCLI(t, "mss", "enroll", p.URL(), "7KQ2-M9XD", "--heartbeat", "--db", db)
	if code != 0 || !strings.Contains(out, "「例示セキュリティ監視センター」に登録しました") || !strings.Contains(out, secrets.FileName) {
		t.Fatalf("enroll: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runMSSCLI(t, "mss", "enroll", p.URL(), "7KQ2-M9XD", "--db", db); code != 1 || !strings.Contains(errOut, "登録コードが受け付けられませんでした") {
		t.Errorf("enroll with a used code: %d %q", code, errOut)
	}

	// The provider reports an incident; a client reading the stored
	// enrolment (as serve's does) catches up.
	p.Publish(msstest.Finding("INC-2026-0042", 1, 4, "", time.Now()))
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	e := docEnv(&stdout, &stderr)
	e.now, e.loc = time.Now, locales.MustNew(locales.Japanese)
	if err := newMSSService(e, st, dir).test(t.Context()); err != nil {
		t.Fatal(err)
	}
	local, err := st.RecordFinding(t.Context(), monitor.Finding{
		Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F", Count: 9,
		FirstSeen: time.Now(), Evidence: monitor.Evidence{Sources: []string{"203.0.113.45"}, Users: []string{"admin"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	mssFindings, err := st.MSSFindings(t.Context())
	if err != nil || len(mssFindings) != 1 {
		t.Fatalf("mss findings %v, %v", mssFindings, err)
	}
	st.Close()

	code, out, _ = runMSSCLI(t, "mss", "status", "--db", db, "--lang", "en")
	if code != 0 || !strings.Contains(out, "Brute force against the SSL-VPN (severity: high") || !strings.Contains(out, "light colour only") {
		t.Errorf("status: %d\n%s", code, out)
	}
	code, out, _ = runMSSCLI(t, "mss", "status", "--json", "--db", db)
	var js mssStatusJSON
	if err := json.Unmarshal([]byte(out), &js); code != 0 || err != nil || !js.Enrolled || len(js.Findings) != 1 || js.Findings[0].UID != "INC-2026-0042" {
		t.Errorf("status --json: %d %v\n%s", code, err, out)
	}

	mssID := strconv.FormatInt(mssFindings[0].ID, 10)
	localID := strconv.FormatInt(local.ID, 10)
	for _, tt := range []struct {
		args       []string
		wantCode   int
		wantOut    string
		wantUID    string
		wantAttach bool
	}{
		{args: []string{"--finding", mssID, "止まりましたか？"}, wantOut: "相談を送りました", wantUID: "INC-2026-0042"},
		{args: []string{"--finding", localID, "この攻撃は", "大丈夫ですか"}, wantOut: "添付していません"},
		{args: []string{"--finding", localID, "--attach", "見てください"}, wantOut: "添付しました", wantAttach: true},
		{args: []string{"--attach", "見てください"}, wantCode: 2},
		{args: []string{"--finding", "x", "見てください"}, wantCode: 2},
		{args: []string{"--finding", "999", "見てください"}, wantCode: 1},
		{args: []string{"--finding", mssID}, wantCode: 2},
	} {
		before := len(p.Messages())
		code, out, errOut := runMSSCLI(t, append([]string{"mss", "ask", "--db", db}, tt.args...)...)
		if code != tt.wantCode || !strings.Contains(out, tt.wantOut) {
			t.Errorf("ask %q: %d %q %q", tt.args, code, out, errOut)
			continue
		}
		if tt.wantCode != 0 {
			if len(p.Messages()) != before {
				t.Errorf("ask %q sent a message", tt.args)
			}
			continue
		}
		m := p.Messages()[len(p.Messages())-1]
		if m.FindingUID != tt.wantUID || (m.Finding != nil) != tt.wantAttach || m.Lang != "ja" {
			t.Errorf("ask %q sent %+v", tt.args, m)
		}
	}

	// The token and the key are in the 0600 secrets file and nowhere else
	// in the data directory: not in the database, its WAL, or the archive.
	sec, err := secrets.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	raw, err := sec.Get(mss.SecretName)
	if err != nil {
		t.Fatal(err)
	}
	s, err := mss.ParseSecret(raw)
	if err != nil {
		t.Fatal(err)
	}
	found := 0
	err = filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !bytes.Contains(b, []byte(s.Token)) {
			return nil
		}
		found++
		fi, _ := d.Info()
		if d.Name() != secrets.FileName || fi.Mode().Perm() != 0o600 {
			t.Errorf("the token is in %s (mode %v)", path, fi.Mode())
		}
		return nil
	})
	if err != nil || found != 1 {
		t.Errorf("token found in %d files (%v), want only %s", found, err, secrets.FileName)
	}
}

func TestMSSUsageErrors(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "kizuki.db")
	for _, args := range [][]string{
		{"mss"}, {"mss", "subscribe"}, {"mss", "enroll", "https://mss.example.jp"},
		{"mss", "enroll", "http://mss.example.jp", "CODE"}, {"mss", "status", "extra"},
	} {
		if code, _, errOut := runMSSCLI(t, append(args, "--db", db)...); code != 2 || errOut == "" {
			t.Errorf("%q: exit %d, %q", args, code, errOut)
		}
	}
}

// TestServeFollowsMSS: kizuki serve, when enrolled, receives a notification
// pushed while it runs and stores it as a finding.
func TestServeFollowsMSS(t *testing.T) {
	p, dir, st, e, out, errOut := enrolledServe(t, locales.Japanese)
	ctx, cancel := context.WithCancel(context.Background())
	stop, code := startMSS(ctx, e, st, dir, nil)
	if code != 0 {
		t.Fatal(errOut.String())
	}
	p.Publish(msstest.Finding("INC-9", 1, 5, "", time.Now()))
	for !strings.Contains(out.String(), "深刻度: 緊急") {
		select {
		case <-out.wrote:
		case <-time.After(10 * time.Second):
			t.Fatalf("no notice within 10 s: %q", out.String())
		}
	}
	cancel()
	stop()
	if fs, err := st.MSSFindings(t.Context()); err != nil || len(fs) != 1 || fs[0].Severity != monitor.SeverityCritical {
		t.Errorf("findings %+v, %v", fs, err)
	}
	if !strings.Contains(out.String(), "監視会社「SOC」からの通知を受け取ります") {
		t.Errorf("serve printed %q", out.String())
	}
}

// notifyingWriter is a goroutine-safe buffer that signals each write.
type notifyingWriter struct {
	mu    sync.Mutex
	buf   bytes.Buffer
	wrote chan struct{}
}

func (w *notifyingWriter) Write(b []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	select {
	case w.wrote <- struct{}{}:
	default:
	}
	return w.buf.Write(b)
}

func (w *notifyingWriter) String() string {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.buf.String()
}

// enrolledServe is what a test of serve's MSS side starts from: a
// reference provider (closed with the test), a database in dir enrolled
// with it through the CLI, the store open on it, and an env in lang whose
// stdout signals every write and whose stderr is errOut.
func enrolledServe(t *testing.T, lang locales.Lang) (p *msstest.Provider, dir string, st *store.Store, e *env, out *notifyingWriter, errOut *bytes.Buffer) {
	t.Helper()
	p = msstest.New(msstest.Options{Name: "SOC"})
	t.Cleanup(p.Close)
	p.AddCode("C")
	dir = t.TempDir()
	db := filepath.Join(dir, "kizuki.db")
	if code, _, stderr := runMSSCLI(t, "mss", "enroll", p.URL(), "C", "--db", db); code != 0 {
		t.Fatalf("enroll: %s", stderr)
	}
	st, err := store.Open(t.Context(), db)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	out = &notifyingWriter{wrote: make(chan struct{}, 16)}
	errOut = &bytes.Buffer{}
	e = docEnv(nil, errOut)
	e.stdout, e.now, e.loc = out, time.Now, locales.MustNew(lang)
	return p, dir, st, e, out, errOut
}
