package sonicwall_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/sonicwall"
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
	detected := sonicwall.Detect(h, msg)
	ok := sonicwall.Parse(h, msg, tokyo, &e)
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

// The corpus has no expected outputs for SonicWall, so agreement is
// checked against the line's own src=/dst=/usr= values, read here by a
// regexp independent of the parser.
var (
	srcRe = regexp.MustCompile(`(?:^| )src=([0-9.]+):(\d*)`)
	dstRe = regexp.MustCompile(`(?:^| )dst=([0-9.]+):(\d*)`)
	usrRe = regexp.MustCompile(` usr="([^"]*)"`)
)

func TestConformance(t *testing.T) {
	t.Parallel()
	dir := corpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, "elastic", "sonicwall_firewall", "*.log"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no SonicWall corpus files under %s (%v)", dir, err)
	}
	for _, file := range files {
		lines := readLines(t, file)
		recognized, checked, agreed := 0, 0, 0
		for _, line := range lines {
			e, detected, ok := parseLine(line)
			if !detected || !ok || e.Kind == "" || e.Kind == monitor.KindUnknown {
				t.Errorf("%s: not recognized (detected=%v parsed=%v kind=%q): %s",
					filepath.Base(file), detected, ok, e.Kind, line)
				continue
			}
			recognized++
			checkEvent(t, line, e)
			for _, c := range agreement(line, e) {
				checked++
				if c.got == c.want {
					agreed++
				} else {
					t.Errorf("%s: %s = %q, the line says %q: %s", filepath.Base(file), c.name, c.got, c.want, line)
				}
			}
		}
		t.Logf("%s: %d/%d lines recognized, %d/%d field checks agree",
			filepath.Base(file), recognized, len(lines), agreed, checked)
	}
}

type fieldCheck struct{ name, got, want string }

func agreement(line string, e monitor.Event) []fieldCheck {
	var checks []fieldCheck
	if m := srcRe.FindStringSubmatch(line); m != nil && m[1] != "" {
		checks = append(checks, fieldCheck{"src_ip", e.SrcIP, m[1]},
			fieldCheck{"src_port", portString(e.SrcPort), linePort(m[2])})
	}
	if m := dstRe.FindStringSubmatch(line); m != nil && m[1] != "" {
		checks = append(checks, fieldCheck{"dst_ip", e.DstIP, m[1]},
			fieldCheck{"dst_port", portString(e.DstPort), linePort(m[2])})
	}
	if m := usrRe.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[1], "Unknown") {
		checks = append(checks, fieldCheck{"user", e.User, m[1]})
	}
	return checks
}

// portString writes a port as the line does; 0, which SonicOS writes for
// "no port", is an absent port in the event.
func portString(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}

func linePort(s string) string {
	if s == "0" {
		return ""
	}
	return s
}

// TestNoFalseDetection runs Detect over every other vendor's corpus: a
// SonicWall parser that claims FortiGate or Sophos lines would hide them
// from their own parser.
func TestNoFalseDetection(t *testing.T) {
	t.Parallel()
	dir := corpusDir(t)
	own := filepath.Join(dir, "elastic", "sonicwall_firewall")
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if path == own {
				return filepath.SkipDir
			}
			return nil
		}
		for _, line := range readLines(t, path) {
			h, msg := syslog.Split(line, tokyo, now)
			if sonicwall.Detect(h, msg) {
				t.Errorf("%s: detected as SonicWall: %.200s", path, line)
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
		sonicwall.Detect(h, msg)
		var e monitor.Event
		if sonicwall.Parse(h, msg, tokyo, &e) && (e.Kind == "" || e.Kind == monitor.KindUnknown) {
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
			if sonicwall.Detect(l.h, l.msg) {
				sonicwall.Parse(l.h, l.msg, tokyo, &e)
			}
		}
	}
	b.ReportMetric(float64(b.N)*float64(len(lines))/b.Elapsed().Seconds(), "lines/s")
}
