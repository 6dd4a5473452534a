package sophosutm_test

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"io/fs"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
	_ "time/tzdata"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosutm"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

var update = flag.Bool("update", false, "rewrite testdata/cases.golden.json from the parser's output")

var (
	tokyo = mustLoad("Asia/Tokyo")
	// now anchors the year of RFC 3164 headers in the fixtures.
	now = time.Date(2025, 6, 1, 12, 0, 0, 0, tokyo)
)

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// result is what one fixture line gives: whether Detect claimed it,
// whether Parse understood it, and the event.
type result struct {
	Line     string         `json:"line"`
	Detected bool           `json:"detected"`
	Parsed   bool           `json:"parsed"`
	Event    *monitor.Event `json:"event,omitempty"`
}

// run passes one raw line through the splitter, Detect and Parse.
func run(line string) result {
	h, msg := syslog.Split(line, tokyo, now)
	r := result{Line: line, Detected: sophosutm.Detect(h, msg)}
	var e monitor.Event
	if r.Parsed = sophosutm.Parse(h, msg, tokyo, &e); r.Parsed {
		r.Event = &e
	}
	return r
}

// readCases returns the fixture lines; lines starting with # describe the
// cases that follow them.
func readCases(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "cases.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	for sc.Scan() {
		if line := sc.Text(); line != "" && !strings.HasPrefix(line, "#") {
			lines = append(lines, line)
		}
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}

// TestCases compares every fixture line's result with the golden file.
func TestCases(t *testing.T) {
	t.Parallel()
	var got []result
	for _, line := range readCases(t) {
		got = append(got, run(line))
	}
	out, err := json.MarshalIndent(got, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, '\n')
	golden := filepath.Join("testdata", "cases.golden.json")
	if *update {
		if err := os.WriteFile(golden, out, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	var wantResults []result
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wantResults); err != nil {
		t.Fatalf("decoding %s: %v", golden, err)
	}
	if len(wantResults) != len(got) {
		t.Fatalf("%d cases, golden has %d (run go test -update after adding cases)", len(got), len(wantResults))
	}
	for i := range got {
		g, _ := json.Marshal(got[i])
		w, _ := json.Marshal(wantResults[i])
		if !bytes.Equal(g, w) {
			t.Errorf("case %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
}

// corpusDir is the shared corpus beside the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/corpus not found: conformance tests need the shared corpus beside the repo")
	}
	return dir
}

// validIP reports whether s is an IP address.
func validIP(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// TestDetectRejectsOtherVendors keeps Detect from claiming look-alikes.
func TestDetectRejectsOtherVendors(t *testing.T) {
	t.Parallel()
	for _, line := range []string{
		`device="SFW" date=2020-05-18 time=14:38:48 timezone="CEST" device_name="XG230" device_id=1234567890123456 log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed"`,
		`date=2025-05-30 time=09:15:02 devname="FGT60F" devid="FGT60FTK21000001" logid="0000000013" type="traffic" subtype="forward" level="notice"`,
		`<13>Jan  2 10:11:12 host app: id="42" name="not a utm line"`,
		`2024-01-02 10:11:12 host app: something`,
	} {
		h, msg := syslog.Split(line, tokyo, now)
		if sophosutm.Detect(h, msg) {
			t.Errorf("Detect claimed %q", line)
		}
	}
}

// foreignLines returns every log line of the corpus outside the folders
// named in own (slash-separated, relative to the corpus): other vendors'
// lines, which Detect must leave alone.
func foreignLines(t *testing.T, corpus string, own ...string) []string {
	t.Helper()
	var lines []string
	err := filepath.WalkDir(corpus, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(corpus, path)
		if err != nil {
			return err
		}
		if d.IsDir() {
			if slices.Contains(own, filepath.ToSlash(rel)) {
				return filepath.SkipDir
			}
			return nil
		}
		ext := filepath.Ext(path)
		if ext != ".log" && ext != ".tsv" && ext != ".json" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if ext == ".json" {
			var samples []struct {
				Raw string `json:"_raw"`
			}
			if json.Unmarshal(data, &samples) == nil {
				for _, s := range samples {
					lines = append(lines, s.Raw)
				}
			}
			return nil
		}
		lines = append(lines, strings.Split(string(data), "\n")...)
		return nil
	})
	if err != nil {
		t.Fatalf("reading the corpus: %v", err)
	}
	return lines
}

// TestDetectIgnoresOtherCorpora runs Detect over every other vendor's
// lines in the shared corpus.
func TestDetectIgnoresOtherCorpora(t *testing.T) {
	t.Parallel()
	claimed := 0
	lines := foreignLines(t, corpusDir(t))
	for _, line := range lines {
		h, msg := syslog.Split(line, tokyo, now)
		if sophosutm.Detect(h, msg) {
			claimed++
			t.Errorf("Detect claimed a foreign line: %s", line)
		}
	}
	t.Logf("%d foreign lines, %d claimed", len(lines), claimed)
}

// FuzzParse feeds Parse arbitrary lines: it must not panic, must leave the
// caller's fields alone and must only produce valid ports, addresses and
// vocabulary.
func FuzzParse(f *testing.F) {
	for _, line := range readCases(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h, msg := syslog.Split(line, tokyo, now)
		sophosutm.Detect(h, msg)
		var e monitor.Event
		ok := sophosutm.Parse(h, msg, tokyo, &e)
		if e.Vendor != "" || e.Raw != "" || e.Source != "" || !e.Received.IsZero() || e.Country != "" || e.Malformed || e.TimeGuessed {
			t.Fatalf("Parse set caller-owned fields: %+v", e)
		}
		if e.SrcPort < 0 || e.SrcPort > 65535 || e.DstPort < 0 || e.DstPort > 65535 {
			t.Fatalf("ports out of range: %+v", e)
		}
		for _, ip := range []string{e.SrcIP, e.DstIP} {
			if ip != "" && !validIP(ip) {
				t.Fatalf("invalid IP %q", ip)
			}
		}
		if ok && (!slices.Contains(monitor.Kinds, e.Kind) || !slices.Contains(monitor.Actions, e.Action)) {
			t.Fatalf("kind %q or action %q outside the vocabulary", e.Kind, e.Action)
		}
		if e.Direction != "" && e.Direction != monitor.DirectionInbound && e.Direction != monitor.DirectionOutbound && e.Direction != monitor.DirectionInternal {
			t.Fatalf("direction %q outside the vocabulary", e.Direction)
		}
	})
}

// BenchmarkParse measures header splitting, detection and parsing of the
// fixture lines.
func BenchmarkParse(b *testing.B) {
	lines := readCases(b)
	size := 0
	for _, l := range lines {
		size += len(l)
	}
	b.SetBytes(int64(size))
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		for _, line := range lines {
			h, msg := syslog.Split(line, tokyo, now)
			if sophosutm.Detect(h, msg) {
				var e monitor.Event
				sophosutm.Parse(h, msg, tokyo, &e)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(lines))/b.Elapsed().Seconds(), "lines/s")
}
