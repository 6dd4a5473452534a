package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/loggen"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

const seedYamaha = "monitor/detect/testdata/seed-yamaha/input.log.gz"

func runDetectCLI(t *testing.T, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	var out, errb bytes.Buffer
	code = run(args, docEnv(&out, &errb))
	return out.String(), errb.String(), code
}

func TestDetectJSON(t *testing.T) {
	t.Parallel()
	out, errOut, code := runDetectCLI(t, "detect", "--json", "--db", filepath.Join(t.TempDir(), "k.db"), seedYamaha)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var findings []monitor.Finding
	dec := json.NewDecoder(strings.NewReader(out))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&findings); err != nil {
		t.Fatal(err)
	}
	rules := map[string]string{}
	for _, f := range findings {
		rules[f.Rule] = f.Subject
		if f.Playbook != f.Rule || f.Origin != monitor.OriginLocal {
			t.Errorf("%s: playbook %q, origin %q; want the rule code and local", f.Rule, f.Playbook, f.Origin)
		}
	}
	for rule, subject := range map[string]string{
		"infected_pc": "192.168.100.62", "beaconing": "192.168.100.78", "vpn_spraying": "l2tp@input.log.gz",
		"vpn_bruteforce": "109.37.122.48", "login_after_failures": "sato", "port_scan": "5.3.139.97",
		"source_silent": "input.log.gz",
	} {
		if rules[rule] != subject {
			t.Errorf("%s: subject %q, want %q", rule, rules[rule], subject)
		}
	}
	if len(findings) != 7 {
		t.Errorf("%d findings, want 7", len(findings))
	}
}

func TestDetectErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	badRules := filepath.Join(dir, "other-rules")
	must(t, os.Mkdir(badRules, 0o700))
	must(t, os.WriteFile(filepath.Join(badRules, "mine.yaml"), []byte("id: mine\ntype: threshold\nseverity: loud\n"), 0o600))
	for _, c := range []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no file", []string{"detect"}, 2, "ファイル名を指定"},
		{"bad vendor", []string{"detect", "--vendor", "acme", seedYamaha}, 2, "acme"},
		{"missing file", []string{"detect", filepath.Join(dir, "nope.log")}, 1, "nope.log"},
		{"bad rule", []string{"detect", "--rules", badRules, seedYamaha}, 1, "mine.yaml: field severity"},
		{"missing blocklist", []string{"detect", "--blocklist", filepath.Join(dir, "none.txt"), seedYamaha}, 1, "none.txt"},
	} {
		_, errOut, code := runDetectCLI(t, append(c.args, "--db", db)...)
		if code != c.code || !strings.Contains(errOut, c.msg) {
			t.Errorf("%s: exit %d, stderr %q; want %d and %q", c.name, code, errOut, c.code, c.msg)
		}
	}
}

// TestImportDetectsAndRemembersFalsePositives: import stores findings, the
// light turns red, and a finding marked false positive stays away when the
// same attack is imported again (another copy of the file, a restart).
func TestImportDetectsAndRemembersFalsePositives(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "k.db")
	data, err := os.ReadFile(seedYamaha)
	must(t, err)
	first, second := filepath.Join(dir, "rtx.log.gz"), filepath.Join(dir, "rtx-copy.log.gz")
	must(t, os.WriteFile(first, data, 0o600))
	must(t, os.WriteFile(second, data, 0o600))

	if _, errOut, code := runDetectCLI(t, "import", "--db", db, first); code != 0 {
		t.Fatalf("import: exit %d: %s", code, errOut)
	}
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	must(t, err)
	active, err := st.ActiveFindings(ctx)
	must(t, err)
	if len(active) != 7 {
		t.Fatalf("%d active findings after import, want 7", len(active))
	}
	if s := status.Compute(status.Input{Now: docNow, Findings: active, Sources: []monitor.Source{{Name: "rtx"}}}); s.Level != monitor.LevelRed {
		t.Errorf("light %s after importing the seed incidents, want red", s.Level)
	}
	var scan monitor.Finding
	for _, f := range active {
		if f.Rule == "port_scan" {
			scan = f
		}
	}
	must(t, st.SetFindingState(ctx, scan.ID, monitor.StateFalsePositive))
	must(t, st.AllowDetect(ctx, "192.168.100.62", "the owner's test PC"))
	must(t, st.Close())

	if _, errOut, code := runDetectCLI(t, "import", "--db", db, second); code != 0 {
		t.Fatalf("second import: exit %d: %s", code, errOut)
	}
	st, err = store.Open(ctx, db)
	must(t, err)
	defer st.Close()
	all, err := st.Findings(ctx, store.FindingFilter{})
	must(t, err)
	for _, f := range all {
		if f.Rule == "port_scan" && f.ID != scan.ID {
			t.Errorf("the port scan marked as a false positive came back as finding %d", f.ID)
		}
		if f.Subject == "192.168.100.62" && f.State.Active() && f.Count > 30 {
			t.Errorf("allow-listed host grew finding %d to %d events", f.ID, f.Count)
		}
	}
}

// BenchmarkDetectPipeline measures what `kizuki detect` does per file:
// read, parse on every CPU, and run every default rule over the events in
// input order, over generated FortiGate lines, in lines/s.
func BenchmarkDetectPipeline(b *testing.B) {
	var buf bytes.Buffer
	if _, err := loggen.Generate(loggen.Config{Vendor: monitor.VendorFortiGate, Days: 7, Lines: 200000, Seed: 1}, &buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	lines := bytes.Count(data, []byte{'\n'})
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		engine, err := detect.NewDefault(detect.Settings{})
		if err != nil {
			b.Fatal(err)
		}
		if err := parseEvents(bytes.NewReader(data), parse.New, "bench", time.Now, engine.Observe); err != nil {
			b.Fatal(err)
		}
		if engine.Events() != int64(lines) {
			b.Fatalf("observed %d events of %d lines", engine.Events(), lines)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestParseEventsKeepsOrderAcrossBatches runs enough lines through
// parseEvents for every batch to be reused many times over: each event
// must come once, in input order, with its own line while fn runs.
func TestParseEventsKeepsOrderAcrossBatches(t *testing.T) {
	t.Parallel()
	const n = 20*parseBatch + 7
	var in strings.Builder
	for i := range n {
		fmt.Fprintf(&in, "<134>Jan  2 10:11:12 host app: line %d\n", i)
	}
	got := 0
	var wrong []string // fn runs on another goroutine: no t.Fatal there
	err := parseEvents(strings.NewReader(in.String()), parse.New, "order", time.Now, func(ev *monitor.Event) {
		if want := fmt.Sprintf("line %d", got); !strings.HasSuffix(ev.Raw, want) && len(wrong) < 5 {
			wrong = append(wrong, fmt.Sprintf("event %d holds %q, want it to end in %q", got, ev.Raw, want))
		}
		got++
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(wrong) > 0 {
		t.Fatal(strings.Join(wrong, "\n"))
	}
	if got != n {
		t.Fatalf("got %d events, want %d", got, n)
	}
}
