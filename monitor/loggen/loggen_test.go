package loggen

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

var vendors = []monitor.Vendor{monitor.VendorFortiGate, monitor.VendorYamahaRTX}

func generate(t testing.TB, cfg Config) ([]byte, Truth) {
	t.Helper()
	var buf bytes.Buffer
	tr, err := Generate(cfg, &buf)
	if err != nil {
		t.Fatalf("Generate(%+v): %v", cfg, err)
	}
	return buf.Bytes(), tr
}

// lines scales a test's line count down under the race detector; the
// generator runs on one goroutine, so what the detector checks does not
// grow with the size.
func lines(n int) int {
	if raceEnabled {
		return max(n/5, 5000)
	}
	return n
}

// skipUnderRace skips the tests of proportions, which need full-size
// runs that take minutes under the race detector.
func skipUnderRace(t *testing.T) {
	if raceEnabled {
		t.Skip("statistics of a full-size run; run without -race")
	}
}

func countLines(b []byte) int { return bytes.Count(b, []byte{'\n'}) }

func TestDeterministic(t *testing.T) {
	t.Parallel()
	for _, v := range vendors {
		for _, framing := range []Framing{FramingNative, FramingRFC3164, FramingPriority} {
			cfg := Config{Vendor: v, Days: 3, Lines: lines(10000), Seed: 42, Framing: framing}
			a, ta := generate(t, cfg)
			b, tb := generate(t, cfg)
			if !bytes.Equal(a, b) {
				t.Errorf("%s/%s: same seed, different bytes", v, framing)
			}
			ja, _ := json.Marshal(ta)
			jb, _ := json.Marshal(tb)
			if !bytes.Equal(ja, jb) {
				t.Errorf("%s/%s: same seed, different truth", v, framing)
			}
			cfg.Seed = 43
			if c, _ := generate(t, cfg); bytes.Equal(a, c) {
				t.Errorf("%s/%s: seeds 42 and 43 wrote the same bytes", v, framing)
			}
		}
	}
}

func TestLineCountNearRequested(t *testing.T) {
	t.Parallel()
	cases := []struct{ days, lines, hosts int }{
		{7, 60000, 30}, {7, 20000, 10}, {3, 30000, 50}, {1, 10000, 30}, {14, 60000, 40}, {2, 5000, 5},
	}
	if raceEnabled {
		cases = cases[1:2]
	}
	for _, v := range vendors {
		for _, c := range cases {
			b, tr := generate(t, Config{Vendor: v, Days: c.days, Lines: c.lines, Hosts: c.hosts, Seed: 7})
			n := countLines(b)
			if n != tr.Lines {
				t.Errorf("%s %+v: truth says %d lines, wrote %d", v, c, tr.Lines, n)
			}
			if d := float64(n)/float64(c.lines) - 1; d < -0.1 || d > 0.1 {
				t.Errorf("%s %+v: %d lines, %.1f%% off", v, c, n, 100*d)
			}
		}
	}
}

func TestEveryIncidentInjected(t *testing.T) {
	t.Parallel()
	for _, v := range vendors {
		for seed := int64(1); seed <= 5; seed++ {
			_, tr := generate(t, Config{Vendor: v, Seed: seed, Lines: lines(20000)})
			got := map[string]bool{}
			for _, inc := range tr.Incidents {
				got[inc.Kind] = true
				if inc.Kind != AttackSourceSilent && inc.Count == 0 {
					t.Errorf("%s seed %d: %s with no lines", v, seed, inc.Kind)
				}
				if !inc.Last.After(inc.First) {
					t.Errorf("%s seed %d: %s from %v to %v", v, seed, inc.Kind, inc.First, inc.Last)
				}
			}
			for _, k := range AllAttacks {
				if !got[k] {
					t.Errorf("%s seed %d: no %s incident", v, seed, k)
				}
			}
		}
	}
}

func TestBenignRunHasNoIncidents(t *testing.T) {
	t.Parallel()
	for _, v := range vendors {
		b, tr := generate(t, Config{Vendor: v, Attacks: []string{}, Lines: lines(30000), Days: 3})
		if len(tr.Incidents) != 0 {
			t.Errorf("%s: benign run has incidents %+v", v, tr.Incidents)
		}
		if len(tr.Decoys) == 0 {
			t.Errorf("%s: benign run has no decoys", v)
		}
		if d := float64(countLines(b))/float64(lines(30000)) - 1; d < -0.1 || d > 0.1 {
			t.Errorf("%s: benign run %.1f%% off its line count", v, 100*d)
		}
	}
}

func TestSomeAttacksOnly(t *testing.T) {
	t.Parallel()
	_, tr := generate(t, Config{Attacks: []string{AttackLoginAfterFailures, AttackPortScan}, Lines: lines(30000)})
	var kinds []string
	for _, inc := range tr.Incidents {
		kinds = append(kinds, inc.Kind)
	}
	if strings.Join(kinds, ",") != "port_scan,login_after_failures" && strings.Join(kinds, ",") != "login_after_failures,port_scan" {
		t.Errorf("incidents %v, want port_scan and login_after_failures", kinds)
	}
}

func TestConfigErrors(t *testing.T) {
	t.Parallel()
	for _, cfg := range []Config{
		{Vendor: "sonicwall"}, {Days: -1}, {Days: 400}, {Lines: -5}, {Hosts: 101},
		{Attacks: []string{"ddos"}}, {Framing: "cef"},
	} {
		if _, err := Generate(cfg, io.Discard); err == nil {
			t.Errorf("Generate(%+v): no error", cfg)
		}
	}
	if _, err := Generate(Config{}, nil); err == nil {
		t.Error("Generate with a nil writer: no error")
	}
}

func TestFewHostsAndShortRuns(t *testing.T) {
	t.Parallel()
	for _, v := range vendors {
		for _, cfg := range []Config{
			{Vendor: v, Hosts: 1, Days: 1, Lines: 3000},
			{Vendor: v, Hosts: 2, Days: 2, Lines: 8000, Start: time.Date(2026, 11, 21, 0, 0, 0, 0, JST)}, // a weekend
			{Vendor: v, Hosts: 3, Days: 1, Lines: 5000, Start: time.Date(2026, 11, 16, 15, 30, 0, 0, JST)},
		} {
			b, tr := generate(t, cfg)
			if countLines(b) == 0 || len(tr.Incidents) == 0 {
				t.Errorf("%+v: %d lines, %d incidents", cfg, countLines(b), len(tr.Incidents))
			}
		}
	}
}

type failingWriter struct{ n int }

func (w *failingWriter) Write(p []byte) (int, error) {
	if w.n += len(p); w.n > 1<<20 {
		return 0, io.ErrShortWrite
	}
	return len(p), nil
}

func TestWriteErrorReported(t *testing.T) {
	t.Parallel()
	if _, err := Generate(Config{Lines: 50000}, &failingWriter{}); err == nil {
		t.Error("no error from a failing writer")
	}
}

// TestMemoryFlat writes a million lines and watches the heap: the
// generator holds streams, not lines.
func TestMemoryFlat(t *testing.T) {
	if testing.Short() || raceEnabled {
		t.Skip("writes a million lines; the race detector inflates the heap")
	}
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		var ms runtime.MemStats
		tick := time.NewTicker(5 * time.Millisecond)
		defer tick.Stop()
		for {
			select {
			case <-done:
				return
			case <-tick.C:
				runtime.ReadMemStats(&ms)
				if ms.HeapInuse > peak.Load() {
					peak.Store(ms.HeapInuse)
				}
			}
		}
	}()
	w := bufio.NewWriter(io.Discard)
	tr, err := Generate(Config{Lines: 1_000_000, Seed: 3}, w)
	close(done)
	if err != nil {
		t.Fatal(err)
	}
	if tr.Lines < 900_000 {
		t.Errorf("wrote %d lines", tr.Lines)
	}
	if p := peak.Load(); p > 64<<20 {
		t.Errorf("heap peaked at %d MiB writing a million lines", p>>20)
	}
}

func BenchmarkGenerate(b *testing.B) {
	for _, v := range vendors {
		b.Run(string(v), func(b *testing.B) {
			lines := 0
			for b.Loop() {
				tr, err := Generate(Config{Vendor: v, Lines: 200_000, Seed: 1}, io.Discard)
				if err != nil {
					b.Fatal(err)
				}
				lines += tr.Lines
			}
			b.ReportMetric(float64(lines)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}
