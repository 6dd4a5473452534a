package fortigate_test

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
	"github.com/kizuki-app/kizuki/monitor/parse/fortigate"
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
	r := result{Line: line, Detected: fortigate.Detect(h, msg)}
	var e monitor.Event
	if r.Parsed = fortigate.Parse(h, msg, tokyo, &e); r.Parsed {
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

// corpusLines returns every line of the Elastic sample and the _raw of
// every Cribl sample event, keyed by file.
func corpusLines(t *testing.T, dir string) map[string][]string {
	t.Helper()
	out := map[string][]string{}
	elastic := filepath.Join(dir, "elastic", "fortinet_fortigate", "test-fortinet-7-4.log")
	data, err := os.ReadFile(elastic)
	if err != nil {
		t.Fatal(err)
	}
	out[elastic] = strings.Split(strings.TrimRight(string(data), "\n"), "\n")
	cribl, err := filepath.Glob(filepath.Join(dir, "cribl", "fortigate", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range cribl {
		data, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		var samples []struct {
			Raw string `json:"_raw"`
		}
		if err := json.Unmarshal(data, &samples); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		for _, s := range samples {
			out[name] = append(out[name], s.Raw)
		}
	}
	if len(cribl) == 0 {
		t.Fatal("no Cribl FortiGate samples in the corpus")
	}
	return out
}

// TestConformance reads every FortiGate line of the shared corpus. It has
// no expected outputs, so beyond recognizing each line the test checks
// that what the line plainly says (addresses, log id) reaches the event.
func TestConformance(t *testing.T) {
	t.Parallel()
	files := corpusLines(t, corpusDir(t))
	names := make([]string, 0, len(files))
	for name := range files {
		names = append(names, name)
	}
	slices.Sort(names)
	for _, name := range names {
		recognized := 0
		for i, line := range files[name] {
			r := run(line)
			switch {
			case !r.Detected:
				t.Errorf("%s:%d: not detected: %s", filepath.Base(name), i+1, line)
				continue
			case !r.Parsed || r.Event.Kind == "" || r.Event.Kind == monitor.KindUnknown || r.Event.Action == "":
				t.Errorf("%s:%d: not parsed (%+v): %s", filepath.Base(name), i+1, r.Event, line)
				continue
			}
			recognized++
			e := r.Event
			if e.VendorID == "" || e.Time.IsZero() {
				t.Errorf("%s:%d: no log id or time: %+v", filepath.Base(name), i+1, e)
			}
			for _, kv := range [][2]string{{" srcip=", e.SrcIP}, {" dstip=", e.DstIP}} {
				if v := value(line, kv[0]); validIP(v) && kv[1] == "" {
					t.Errorf("%s:%d: %s%s lost", filepath.Base(name), i+1, kv[0], v)
				}
			}
		}
		t.Logf("%s: %d/%d lines recognized", filepath.Base(name), recognized, len(files[name]))
	}
}

// value returns the unquoted value after key in line.
func value(line, key string) string {
	i := strings.Index(line, key)
	if i < 0 {
		return ""
	}
	v := line[i+len(key):]
	v, _, _ = strings.Cut(v, " ")
	return strings.Trim(v, `"`)
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
		`device="SFW" date=2020-05-18 time=14:38:48 timezone="CEST" device_name="XG230" log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed"`,
		`date=2012-08-17 time=12:26:41 device_id=FE100C3909600504 log_id=0001001623 type=event subtype=admin pri=information user=admin ui=GUI(172.20.120.26) action=login status=success`,
		`<134>2024:01:02-10:11:12 utm ulogd[1234]: id="2001" severity="info" sys="SecureNet" sub="packetfilter" name="Packet dropped" action="drop"`,
		`<13>Jan  2 10:11:12 host sshd[42]: Failed password for root from 192.0.2.9 port 2222 ssh2 mylogid=1 type=x`,
	} {
		h, msg := syslog.Split(line, tokyo, now)
		if fortigate.Detect(h, msg) {
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
	lines := foreignLines(t, corpusDir(t), "elastic/fortinet_fortigate", "cribl/fortigate")
	for _, line := range lines {
		h, msg := syslog.Split(line, tokyo, now)
		if fortigate.Detect(h, msg) {
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
		fortigate.Detect(h, msg)
		var e monitor.Event
		ok := fortigate.Parse(h, msg, tokyo, &e)
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
			if fortigate.Detect(h, msg) {
				var e monitor.Event
				fortigate.Parse(h, msg, tokyo, &e)
			}
		}
	}
	b.ReportMetric(float64(b.N*len(lines))/b.Elapsed().Seconds(), "lines/s")
}
