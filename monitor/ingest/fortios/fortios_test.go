package fortios

import (
	"bytes"
	"context"
	"crypto/x509"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPollPagesAndResumes(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 250)...)
	c := testClient(t, f, []string{"event/vpn"}, nil)

	got, err := poll(t, c)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || len(got[0].Lines) != 250 {
		t.Fatalf("first poll: %d batches, %d lines; want 1 batch of 250", len(got), lineCount(got))
	}
	b := got[0]
	if b.Type != "event/vpn" || b.Stream != "memory/event/vpn" || b.Cursor == "" {
		t.Errorf("batch: type %q, stream %q, cursor %q", b.Type, b.Stream, b.Cursor)
	}
	first, last := b.Lines[0], b.Lines[249]
	if !strings.HasPrefix(first.Text, "date=2026-11-23 time=09:00:00 ") || !strings.HasPrefix(last.Text, "date=2026-11-23 time=09:04:09 ") {
		t.Errorf("lines not oldest first: first %q, last %q", first.Text, last.Text)
	}
	host := f.srv.Listener.Addr().String()
	if first.Source != host || first.Sender != host || !first.Received.Equal(logBase.Add(time.Hour)) {
		t.Errorf("line: source %q, sender %q, received %v", first.Source, first.Sender, first.Received)
	}
	// Three pages of 100; the second and third continue the first's search.
	f.mu.Lock()
	reqs := f.requests
	f.mu.Unlock()
	if len(reqs) != 3 {
		t.Fatalf("%d requests, want 3 pages", len(reqs))
	}
	for i, q := range reqs {
		if q.Get("start") != []string{"0", "100", "200"}[i] || q.Get("rows") != "100" {
			t.Errorf("request %d: %v", i, q)
		}
	}
	if reqs[1].Get("session_id") == "" || reqs[2].Get("session_id") != reqs[1].Get("session_id") {
		t.Errorf("pages 2 and 3 carry session_id %q, %q", reqs[1].Get("session_id"), reqs[2].Get("session_id"))
	}

	// Nothing new: one page, which already holds delivered lines, and no batch.
	before := f.requestCount()
	if got, err := poll(t, c); err != nil || len(got) != 0 {
		t.Errorf("poll without new lines: %d batches, %v", len(got), err)
	}
	if n := f.requestCount() - before; n != 1 {
		t.Errorf("poll without new lines made %d requests, want 1", n)
	}

	f.add("memory/event/vpn", vpnLogs(250, 253)...)
	got, err = poll(t, c)
	if err != nil || lineCount(got) != 3 {
		t.Fatalf("poll after 3 new lines: %d lines, %v", lineCount(got), err)
	}
	if !strings.Contains(got[0].Lines[0].Text, "time=09:04:10 ") {
		t.Errorf("first new line: %q", got[0].Lines[0].Text)
	}

	// A restart with the stored cursor delivers nothing twice.
	c2 := testClient(t, f, []string{"event/vpn"}, nil)
	if err := c2.SetCursor("event/vpn", got[0].Cursor); err != nil {
		t.Fatal(err)
	}
	if got, err := poll(t, c2); err != nil || len(got) != 0 {
		t.Errorf("poll after restart: %d lines, %v; want none", lineCount(got), err)
	}
	f.add("memory/event/vpn", vpnLogs(253, 255)...)
	if got, err := poll(t, c2); err != nil || lineCount(got) != 2 {
		t.Errorf("poll after restart and 2 new lines: %d lines, %v", lineCount(got), err)
	}
	if s := c2.Stats(); s.Lines != 2 || s.Errors != 0 || s.Malformed != 0 || s.Gaps != 0 {
		t.Errorf("stats after restart: %+v", s)
	}
}

func TestPollWithoutSessionsLosesNothing(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.ignoreSession = true
	f.add("memory/event/vpn", vpnLogs(0, 250)...)
	// Five lines arrive after the first page: the later pages shift by five.
	f.afterRequest = func(f *fakeFortiOS) {
		if len(f.requests) == 1 {
			f.logs["memory/event/vpn"] = append(f.logs["memory/event/vpn"], vpnLogs(250, 255)...)
		}
	}
	c := testClient(t, f, []string{"event/vpn"}, nil)
	got, err := poll(t, c)
	if err != nil || lineCount(got) != 250 {
		t.Fatalf("first poll: %d lines, %v; want the 250 there when it began, once each", lineCount(got), err)
	}
	seen := map[string]bool{}
	for _, l := range got[0].Lines {
		if seen[l.Text] {
			t.Fatalf("line delivered twice: %q", l.Text)
		}
		seen[l.Text] = true
	}
	got, err = poll(t, c)
	if err != nil || lineCount(got) != 5 {
		t.Errorf("second poll: %d lines, %v; want the 5 that arrived during the first", lineCount(got), err)
	}
}

func TestPollTakesLateLinesWithinTheWindow(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLog(100), vpnLog(101))
	c := testClient(t, f, []string{"event/vpn"}, nil)
	if got, _ := poll(t, c); lineCount(got) != 2 {
		t.Fatalf("first poll: %d lines", lineCount(got))
	}
	// Written after 101 but stamped 98: a daemon that logged late.
	f.add("memory/event/vpn", vpnLog(98), vpnLog(102))
	got, err := poll(t, c)
	if err != nil || lineCount(got) != 2 {
		t.Fatalf("second poll: %d lines, %v; want the late line and the new one", lineCount(got), err)
	}
	if !strings.Contains(got[0].Lines[0].Text, "time=09:01:38 ") {
		t.Errorf("late line: %q", got[0].Lines[0].Text)
	}
}

func TestPollReportsOldestFirstAnswers(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.oldestFirst = true
	f.add("memory/event/vpn", vpnLogs(0, 50)...)
	c := testClient(t, f, []string{"event/vpn"}, nil)
	if _, err := poll(t, c); !errors.Is(err, ErrOrder) {
		t.Errorf("poll of an oldest-first answer: %v, want ErrOrder", err)
	}
}

func TestPollAsksAgainWhileTheSearchRuns(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.incompleteFirst = true
	f.add("memory/event/vpn", vpnLogs(0, 30)...)
	c := testClient(t, f, []string{"event/vpn"}, nil)
	got, err := poll(t, c)
	if err != nil || lineCount(got) != 30 {
		t.Fatalf("poll: %d lines, %v", lineCount(got), err)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.requests) != 2 || f.requests[1].Get("session_id") == "" || f.requests[1].Get("start") != "0" {
		t.Errorf("requests %v: want the first page twice, the second time in the same session", f.requests)
	}
}

func TestAuthFailureStops(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	c := testClient(t, f, []string{"event/vpn", "event/system"}, func(cfg *Config) {
		cfg.Token = "wrong-token"
		cfg.OnError = func(err error, _ time.Duration) { t.Errorf("OnError(%v): a rejected token is not retried", err) }
	})
	err := c.Run(context.Background(), func(Batch) error { return nil })
	if !errors.Is(err, ErrTokenRejected) {
		t.Fatalf("Run with a wrong token: %v, want ErrTokenRejected", err)
	}
	if strings.Contains(err.Error(), "wrong-token") {
		t.Errorf("error %q shows the token", err)
	}
	if n := f.requestCount(); n != 1 {
		t.Errorf("%d requests, want 1: the first refusal stops everything", n)
	}
}

func TestCertificates(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	trusted := x509.NewCertPool()
	trusted.AddCert(f.srv.Certificate())
	wrongPin := bytes.Repeat([]byte{0xAB}, 32)
	want := FormatFingerprint(f.srv.Certificate())

	tests := []struct {
		name     string
		pin      []byte
		roots    *x509.CertPool
		ok       bool
		mismatch bool
	}{
		{"pinned self-signed certificate", f.pin(), nil, true, false},
		{"wrong pin", wrongPin, nil, false, true},
		{"no pin, no trusted CA", nil, nil, false, false},
		{"trusted CA", nil, trusted, true, false},
		{"trusted CA and the right pin", f.pin(), trusted, true, false},
		{"trusted CA but a wrong pin", wrongPin, trusted, false, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := testClient(t, f, []string{"event/vpn"}, func(cfg *Config) { cfg.Fingerprint, cfg.RootCAs = tt.pin, tt.roots })
			got, err := poll(t, c)
			if tt.ok {
				if err != nil || lineCount(got) != 3 {
					t.Errorf("poll: %d lines, %v; want 3", lineCount(got), err)
				}
				return
			}
			var cerr *CertError
			if !errors.As(err, &cerr) {
				t.Fatalf("poll: %v, want a CertError", err)
			}
			if cerr.Mismatch != tt.mismatch || cerr.Fingerprint != want {
				t.Errorf("CertError{Mismatch: %v, Fingerprint: %s}, want %v and %s", cerr.Mismatch, cerr.Fingerprint, tt.mismatch, want)
			}
			if lineCount(got) != 0 {
				t.Error("lines were delivered over a refused connection")
			}
		})
	}
}

func TestPinnedCertificateIsRemembered(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	c := testClient(t, f, []string{"event/vpn"}, nil)
	if _, err := poll(t, c); err != nil {
		t.Fatal(err)
	}
	// The first connection is refused by the system roots, the second
	// trusts the pinned certificate alone.
	if n := f.conns.Load(); n != 2 {
		t.Errorf("first poll: %d connections, want 2", n)
	}
	c.http.CloseIdleConnections()
	if _, err := poll(t, c); err != nil {
		t.Fatal(err)
	}
	if n := f.conns.Load(); n != 3 {
		t.Errorf("after a second poll on a new connection: %d connections, want 3 (no refused handshake)", n)
	}
}

// TestVerificationIsNeverSkipped guards the rule the package is built on.
func TestVerificationIsNeverSkipped(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range files {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if bytes.Contains(b, []byte("InsecureSkip"+"Verify")) {
			t.Errorf("%s switches certificate verification off", name)
		}
	}
}

func TestMalformedAnswersAreCountedNotFatal(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	f.add("memory/traffic/forward", trafficLog(0), trafficLog(1))
	f.broken["memory/traffic/forward"] = 1
	f.junkResult["memory/event/vpn"] = true
	c := testClient(t, f, []string{"traffic/forward", "event/vpn"}, nil)

	got, err := poll(t, c)
	if !errors.Is(err, ErrMalformed) || !strings.Contains(err.Error(), "traffic/forward") {
		t.Errorf("poll: %v, want ErrMalformed for traffic/forward", err)
	}
	if len(got) != 1 || got[0].Type != "event/vpn" || len(got[0].Lines) != 3 {
		t.Errorf("poll delivered %d batches; want event/vpn's 3 lines despite the other log and the junk result", len(got))
	}
	if s := c.Stats(); s.Malformed != 2 || s.Errors != 1 {
		t.Errorf("stats %+v: want 2 malformed (an answer, a result) and 1 error", s)
	}
	got, err = poll(t, c)
	if err != nil || len(got) != 1 || got[0].Type != "traffic/forward" || len(got[0].Lines) != 2 {
		t.Errorf("next poll: %d batches, %v; want traffic/forward's 2 lines", len(got), err)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.slow = 5 * time.Second
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	c := testClient(t, f, []string{"event/vpn"}, func(cfg *Config) { cfg.Timeout = 100 * time.Millisecond })
	start := time.Now()
	_, err := poll(t, c)
	if !errors.Is(err, ErrTimeout) {
		t.Errorf("poll of a silent FortiGate: %v, want ErrTimeout", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("poll took %v despite a 100ms timeout", d)
	}
}

func TestRunBacksOffAndRecovers(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.failNext = 3
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	var reported []time.Duration
	c := testClient(t, f, []string{"event/vpn"}, func(cfg *Config) {
		cfg.Interval = 30 * time.Second
		cfg.OnError = func(err error, retryIn time.Duration) {
			var herr *HTTPError
			if !errors.As(err, &herr) || herr.Status != 500 {
				t.Errorf("OnError(%v), want the HTTP 500", err)
			}
			reported = append(reported, retryIn)
		}
	})
	c.jitter = func() float64 { return 0.5 }
	ctx, cancel := context.WithCancel(context.Background())
	var waits []time.Duration
	c.wait = func(ctx context.Context, d time.Duration) error {
		waits = append(waits, d)
		if len(waits) == 4 {
			cancel()
		}
		return ctx.Err()
	}
	lines := 0
	if err := c.Run(ctx, func(b Batch) error { lines += len(b.Lines); return nil }); err != nil {
		t.Fatalf("Run: %v", err)
	}
	want := []time.Duration{22500 * time.Millisecond, 45 * time.Second, 90 * time.Second, 30 * time.Second}
	if !equalDurations(waits, want) || !equalDurations(reported, want[:3]) {
		t.Errorf("waits %v, reported %v; want %v, then the interval", waits, reported, want)
	}
	if lines != 3 {
		t.Errorf("%d lines after recovering, want 3", lines)
	}
}

func TestRunKeepsPaceWhenOneLogFails(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 3)...) // memory/disk-only logs are absent: HTTP 404
	var reported []time.Duration
	c := testClient(t, f, []string{"event/vpn", "event/wad"}, func(cfg *Config) {
		cfg.Interval = 30 * time.Second
		cfg.OnError = func(err error, retryIn time.Duration) {
			var herr *HTTPError
			if !errors.As(err, &herr) || herr.Status != 404 || !strings.Contains(err.Error(), "event/wad") {
				t.Errorf("OnError(%v), want event/wad's HTTP 404", err)
			}
			reported = append(reported, retryIn)
		}
	})
	ctx, cancel := context.WithCancel(context.Background())
	var waits []time.Duration
	c.wait = func(ctx context.Context, d time.Duration) error {
		if waits = append(waits, d); len(waits) == 3 {
			cancel()
		}
		return ctx.Err()
	}
	lines := 0
	if err := c.Run(ctx, func(b Batch) error { lines += len(b.Lines); return nil }); err != nil {
		t.Fatal(err)
	}
	want := []time.Duration{30 * time.Second, 30 * time.Second, 30 * time.Second}
	if !equalDurations(waits, want) || !equalDurations(reported, want) || lines != 3 {
		t.Errorf("waits %v, reported %v, %d lines; want the interval each time and the 3 lines", waits, reported, lines)
	}
}

func equalDurations(a, b []time.Duration) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func TestBackoff(t *testing.T) {
	t.Parallel()
	for n := 1; n < 40; n++ {
		lo, hi := backoff(n, 30*time.Second, 0), backoff(n, 30*time.Second, 0.999999)
		if lo > hi || hi > maxBackoff || lo < 15*time.Second {
			t.Errorf("backoff(%d) spans [%v, %v]", n, lo, hi)
		}
	}
	if got := backoff(30, 30*time.Second, 0); got != maxBackoff/2 {
		t.Errorf("backoff after many failures = %v, want the cap's lower half %v", got, maxBackoff/2)
	}
}

func TestRunStopsWhenDeliverFails(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 3)...)
	c := testClient(t, f, []string{"event/vpn"}, nil)
	disk := errors.New("disk full")
	if err := c.Run(context.Background(), func(Batch) error { return disk }); !errors.Is(err, disk) {
		t.Fatalf("Run: %v, want the deliver error", err)
	}
	// The cursor did not move: the lines come again.
	if got, _ := poll(t, c); lineCount(got) != 3 {
		t.Errorf("poll after a failed deliver: %d lines, want the same 3", lineCount(got))
	}
}

func TestFirstPollIsBounded(t *testing.T) {
	t.Parallel()
	f := newFake(t)
	f.add("memory/event/vpn", vpnLogs(0, 450)...)
	c := testClient(t, f, []string{"event/vpn"}, func(cfg *Config) { cfg.MaxPages = 2 })
	got, err := poll(t, c)
	if err != nil || lineCount(got) != 200 {
		t.Fatalf("first poll: %d lines, %v; want the newest 200", lineCount(got), err)
	}
	if s := c.Stats(); s.Gaps != 0 {
		t.Errorf("a first poll's bound is not a gap: %+v", s)
	}
	// 300 lines in one interval overflow a later poll: counted as a gap.
	f.add("memory/event/vpn", vpnLogs(450, 750)...)
	if got, _ := poll(t, c); lineCount(got) != 200 || c.Stats().Gaps != 1 {
		t.Errorf("overflowing poll: %d lines, stats %+v; want 200 and a gap", lineCount(got), c.Stats())
	}
}

func TestNewChecksConfig(t *testing.T) {
	t.Parallel()
	ok := Config{Host: "192.0.2.1", Token: "t"}
	tests := map[string]func(*Config){
		"no host":     func(c *Config) { c.Host = "" },
		"url as host": func(c *Config) { c.Host = "https://192.0.2.1/" },
		"no token":    func(c *Config) { c.Token = "" },
		"bad device":  func(c *Config) { c.Device = "usb" },
		"bad type":    func(c *Config) { c.Types = []string{"traffic"} },
		"short pin":   func(c *Config) { c.Fingerprint = []byte{1, 2} },
	}
	for name, change := range tests {
		cfg := ok
		change(&cfg)
		if _, err := New(cfg); err == nil {
			t.Errorf("%s: New accepted %+v", name, cfg)
		}
	}
	c, err := New(Config{Host: "192.0.2.1", Token: "t", Types: []string{"utm/virus", "virus", "event/vpn"}})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(c.Types(), ","); got != "virus,event/vpn" {
		t.Errorf("Types() = %s", got)
	}
	if err := c.SetCursor("event/system", ""); err == nil {
		t.Error("SetCursor of a log not polled succeeded")
	}
	if err := c.SetCursor("event/vpn", "{not json"); err == nil {
		t.Error("SetCursor with a damaged cursor succeeded")
	}
}

func TestParseType(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"traffic/forward": "traffic/forward", "event/vpn": "event/vpn", "Event/System": "event/system",
		"virus": "virus", "utm/ips": "ips", "app-ctrl": "app-ctrl", " webfilter ": "webfilter",
	} {
		if got, err := ParseType(in); err != nil || got != want {
			t.Errorf("ParseType(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, in := range []string{"", "traffic", "utm", "event/", "event/../../cmdb", "virus/raw", "malware"} {
		if got, err := ParseType(in); err == nil {
			t.Errorf("ParseType(%q) = %q, want an error", in, got)
		}
	}
}

func TestParseFingerprint(t *testing.T) {
	t.Parallel()
	hex := strings.Repeat("ab", 32)
	colons := strings.TrimSuffix(strings.Repeat("AB:", 32), ":")
	for _, in := range []string{hex, colons, "SHA256:" + hex, "sha256:" + colons, " " + hex + " "} {
		if b, err := ParseFingerprint(in); err != nil || !bytes.Equal(b, bytes.Repeat([]byte{0xab}, 32)) {
			t.Errorf("ParseFingerprint(%q) = %x, %v", in, b, err)
		}
	}
	for _, in := range []string{"", "ab", strings.Repeat("ab", 20), strings.Repeat("zz", 32)} {
		if _, err := ParseFingerprint(in); err == nil {
			t.Errorf("ParseFingerprint(%q) succeeded", in)
		}
	}
}

// TestDependencies keeps the poller inside the layering of
// ARCHITECTURE.md: the standard library and monitor, nothing else, on
// every desktop OS.
func TestDependencies(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	allowed := map[string]bool{
		"github.com/kizuki-app/kizuki/monitor":                true,
		"github.com/kizuki-app/kizuki/monitor/ingest/fortios": true,
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !allowed[dep] {
				t.Errorf("%s: depends on %s", goos, dep)
			}
		}
	}
}
