package ciscoasa_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/ciscoasa"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

var update = flag.Bool("update", false, "rewrite testdata/cases.golden.json")

var (
	tokyo = mustLoad("Asia/Tokyo")
	// now anchors the year of RFC 3164 headers so goldens never change.
	now = time.Date(2024, 6, 1, 12, 0, 0, 0, tokyo)
)

const (
	casesFile  = "testdata/cases.txt"
	goldenFile = "testdata/cases.golden.json"
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// goldenCase is one fixture line and the event Parse made of it.
type goldenCase struct {
	Line  string        `json:"line"`
	Event monitor.Event `json:"event"`
}

// readLines returns the non-empty lines of path that are not '#' comments.
func readLines(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatalf("open fixtures: %v", err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 0, 64*1024), 1024*1024)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatalf("read %s: %v", path, err)
	}
	return lines
}

func parseLine(line string) (monitor.Event, bool, bool) {
	h, msg := syslog.Split(line, tokyo, now)
	var e monitor.Event
	detected := ciscoasa.Detect(h, msg)
	ok := ciscoasa.Parse(h, msg, tokyo, &e)
	return e, detected, ok
}

func TestCases(t *testing.T) {
	t.Parallel()
	var got []goldenCase
	for _, line := range readLines(t, casesFile) {
		e, detected, ok := parseLine(line)
		if !detected || !ok {
			t.Errorf("detected=%v parsed=%v for %s", detected, ok, line)
		}
		checkEvent(t, line, e)
		got = append(got, goldenCase{Line: line, Event: e})
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false) // keep "<134>" readable in the golden file
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatalf("marshal: %v", err)
	}
	out := buf.Bytes()
	if *update {
		if err := os.WriteFile(goldenFile, out, 0o644); err != nil {
			t.Fatalf("write golden: %v", err)
		}
		return
	}
	want, err := os.ReadFile(goldenFile)
	if err != nil {
		t.Fatalf("read golden (run with -update to create it): %v", err)
	}
	var decoded []goldenCase
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&decoded); err != nil {
		t.Fatalf("golden does not decode strictly: %v", err)
	}
	if !bytes.Equal(out, want) {
		gotCases := strings.Split(string(out), "\n  {\n")
		wantCases := strings.Split(string(want), "\n  {\n")
		for i := range min(len(gotCases), len(wantCases)) {
			if gotCases[i] != wantCases[i] {
				t.Errorf("case %d differs:\n got: %s\nwant: %s", i, gotCases[i], wantCases[i])
			}
		}
		if len(gotCases) != len(wantCases) {
			t.Errorf("%d cases, golden has %d", len(gotCases), len(wantCases))
		}
		t.Log("run go test -update if the change is intended")
	}
}

// checkEvent asserts what every parsed event must satisfy: fields the
// caller owns stay unset, values are inside the vocabularies, ports are
// ports and addresses are addresses.
func checkEvent(tb testing.TB, line string, e monitor.Event) {
	tb.Helper()
	if e.Vendor != "" || e.Source != "" || e.Raw != "" || !e.Received.IsZero() ||
		e.Country != "" || e.Malformed || e.TimeGuessed {
		tb.Errorf("Parse set a field the caller owns: %+v\nline: %s", e, line)
	}
	if e.Kind != "" && !slices.Contains(monitor.Kinds, e.Kind) {
		tb.Errorf("kind %q outside the vocabulary: %s", e.Kind, line)
	}
	if e.Action != "" && !slices.Contains(monitor.Actions, e.Action) {
		tb.Errorf("action %q outside the vocabulary: %s", e.Action, line)
	}
	switch e.Direction {
	case "", monitor.DirectionInbound, monitor.DirectionOutbound, monitor.DirectionInternal:
	default:
		tb.Errorf("direction %q outside the vocabulary: %s", e.Direction, line)
	}
	for _, p := range []int{e.SrcPort, e.DstPort} {
		if p < 0 || p > 65535 {
			tb.Errorf("port %d out of range: %s", p, line)
		}
	}
	for _, ip := range []string{e.SrcIP, e.DstIP} {
		if ip == "" {
			continue
		}
		if _, err := netip.ParseAddr(ip); err != nil {
			tb.Errorf("address %q does not parse: %s", ip, line)
		}
	}
}

func corpusDir(tb testing.TB) string {
	tb.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		tb.Skip("../shared/corpus not found: conformance tests need the shared corpus beside the repo")
	}
	return dir
}

// TestNoFalseDetection runs Detect over the whole shared corpus, which
// holds no ASA or FTD lines (the ASA fixtures are Kizuki's own): a parser
// that claims FortiGate or Sophos lines would hide them from their own
// parser.
func TestNoFalseDetection(t *testing.T) {
	t.Parallel()
	dir := corpusDir(t)
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			return nil
		}
		for _, line := range readLines(t, path) {
			h, msg := syslog.Split(line, tokyo, now)
			if ciscoasa.Detect(h, msg) {
				t.Errorf("%s: detected as Cisco ASA: %.200s", path, line)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("walk corpus: %v", err)
	}
}

func FuzzParse(f *testing.F) {
	for _, line := range readLines(f, casesFile) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h, msg := syslog.Split(line, tokyo, now)
		ciscoasa.Detect(h, msg)
		var e monitor.Event
		if ciscoasa.Parse(h, msg, tokyo, &e) && (e.Kind == "" || e.Kind == monitor.KindUnknown) {
			t.Errorf("Parse reported success without a kind: %q", line)
		}
		checkEvent(t, line, e)
	})
}

func BenchmarkParse(b *testing.B) {
	type split struct {
		h   syslog.Header
		msg string
	}
	var lines []split
	var size int64
	for _, line := range readLines(b, casesFile) {
		h, msg := syslog.Split(line, tokyo, now)
		lines = append(lines, split{h, msg})
		size += int64(len(line))
	}
	b.SetBytes(size)
	b.ReportAllocs()
	var e monitor.Event // one event, as the caller reuses its own
	b.ResetTimer()
	for b.Loop() {
		for _, l := range lines {
			e = monitor.Event{}
			if ciscoasa.Detect(l.h, l.msg) {
				ciscoasa.Parse(l.h, l.msg, tokyo, &e)
			}
		}
	}
	b.ReportMetric(float64(b.N)*float64(len(lines))/b.Elapsed().Seconds(), "lines/s")
}
