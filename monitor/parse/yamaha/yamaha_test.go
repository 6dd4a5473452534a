package yamaha

import (
	"bufio"
	"bytes"
	"encoding/json"
	"flag"
	"net/netip"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo on machines without zoneinfo

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden.json from the current output")

var (
	tokyo = mustLoadLocation("Asia/Tokyo")
	// now anchors RFC 3164 years in relayed lines.
	now = time.Date(2024, 5, 20, 12, 0, 0, 0, tokyo)
)

func mustLoadLocation(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// readCases returns the raw lines of testdata/cases.txt, skipping
// comments and blank lines.
func readCases(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open(filepath.Join("testdata", "cases.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var lines []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		lines = append(lines, line)
	}
	if err := sc.Err(); err != nil {
		tb.Fatal(err)
	}
	return lines
}

// result is one golden entry: the line, what Detect and Parse said, and
// the event.
type result struct {
	Line   string         `json:"line"`
	Detect bool           `json:"detect"`
	Parse  bool           `json:"parse"`
	Event  *monitor.Event `json:"event,omitempty"`
}

func run(line string) result {
	h, msg := syslog.Split(line, tokyo, now)
	r := result{Line: line, Detect: Detect(h, msg)}
	var e monitor.Event
	if r.Parse = Parse(h, msg, tokyo, &e); r.Parse {
		r.Event = &e
	}
	return r
}

func TestCases(t *testing.T) {
	t.Parallel()
	lines := readCases(t)
	if len(lines) < 30 {
		t.Fatalf("%d fixture lines, want at least 30", len(lines))
	}
	results := make([]result, len(lines))
	for i, line := range lines {
		results[i] = run(line)
		r := results[i]
		if !r.Detect || !r.Parse || r.Event.Kind == "" || r.Event.Kind == monitor.KindUnknown || r.Event.Action == "" {
			t.Errorf("not recognized: %q (detect %v, parse %v)", line, r.Detect, r.Parse)
		}
	}
	got, err := json.MarshalIndent(results, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	got = append(got, '\n')
	golden := filepath.Join("testdata", "cases.golden.json")
	if *update {
		if err := os.WriteFile(golden, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		var wantResults []result
		dec := json.NewDecoder(bytes.NewReader(want))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&wantResults); err != nil {
			t.Fatalf("decoding %s: %v", golden, err)
		}
		for i := range max(len(results), len(wantResults)) {
			switch {
			case i >= len(wantResults):
				t.Errorf("extra case %q", results[i].Line)
			case i >= len(results):
				t.Errorf("missing case %q", wantResults[i].Line)
			default:
				g, _ := json.Marshal(results[i])
				w, _ := json.Marshal(wantResults[i])
				if !bytes.Equal(g, w) {
					t.Errorf("case %d:\n got %s\nwant %s", i, g, w)
				}
			}
		}
		t.Error("output differs from golden (go test -update rewrites it)")
	}
}

// otherVendors are lines of the formats Yamaha's must never be taken for.
var otherVendors = []string{
	`date=2024-05-14 time=09:12:42 devname="FGT60F" devid="FGT60FTK1234" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.168.1.5 dstip=8.8.8.8 action="deny"`,
	`<189>date=2024-05-14 time=09:12:42 logid="0100032002" type="event" subtype="system" level="alert" logdesc="Admin login failed" user="admin" ui="https(203.0.113.5)" action="login" status="failed"`,
	`<4>May 14 09:12:42 gw kernel: [12345.678901] IN=eth0 OUT= MAC=00:11:22:33:44:55 SRC=203.0.113.5 DST=198.51.100.2 LEN=40 PROTO=TCP SPT=51234 DPT=23 SYN`,
	`May 14 09:12:42 gw kernel: DROP IN=ppp0 OUT=eth1 SRC=203.0.113.5 DST=192.168.1.5 PROTO=UDP SPT=53 DPT=1024`,
	`<166>%ASA-6-302013: Built inbound TCP connection 123 for outside:203.0.113.5/51234 (203.0.113.5/51234) to inside:192.168.1.5/443 (198.51.100.2/443)`,
	`<164>May 14 2024 09:12:42: %ASA-4-106023: Deny tcp src outside:203.0.113.5/51234 dst inside:192.168.1.5/23 by access-group "outside_in"`,
	`CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232`,
	`<134>1 2024-05-14T09:12:42+09:00 fw filterlog 123 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,203.0.113.5,198.51.100.2,51234,23,0,S`,
	`May 14 09:12:42 vpn charon: 05[IKE] initiating IKE_SA home[1] to 203.0.113.2`,
	`May 14 09:12:42 host app[123]: [INFO] Login succeeded for user bob`,
	`[ERROR] connection refused`,
	`[NTP] clock synchronized`,
	`Login succeeded for user admin from 203.0.113.5`,
	`2024-05-14 09:12:42: something else entirely`,
	`Configuration saved`,
	`LAN: link up`,
	``,
}

// TestDetectRejectsOtherVendors holds lines of the formats Yamaha's must
// never be taken for; the conformance test adds every non-Yamaha corpus
// line.
func TestDetectRejectsOtherVendors(t *testing.T) {
	t.Parallel()
	for _, line := range otherVendors {
		h, msg := syslog.Split(line, tokyo, now)
		if Detect(h, msg) {
			t.Errorf("Detect claimed %q", line)
		}
	}
}

func FuzzParse(f *testing.F) {
	for _, line := range readCases(f) {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h, msg := syslog.Split(line, tokyo, now)
		detected := Detect(h, msg)
		var e monitor.Event
		ok := Parse(h, msg, tokyo, &e)
		if detected && !ok {
			t.Errorf("Detect accepted but Parse rejected %q", line)
		}
		if e.Vendor != "" || e.Source != "" || e.Raw != "" || !e.Received.IsZero() || e.Country != "" || e.Malformed {
			t.Errorf("Parse set a caller's field: %+v", e)
		}
		if !ok {
			return
		}
		if e.Kind == "" || e.Kind == monitor.KindUnknown || e.Action == "" {
			t.Errorf("parsed without kind or action: %q → %+v", line, e)
		}
		for _, p := range []int{e.SrcPort, e.DstPort} {
			if p < 0 || p > 65535 {
				t.Errorf("port %d out of range: %q", p, line)
			}
		}
		for _, ip := range []string{e.SrcIP, e.DstIP} {
			if _, err := netip.ParseAddr(ip); ip != "" && err != nil {
				t.Errorf("bad address %q: %q", ip, line)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	lines := readCases(b)
	type split struct {
		h   syslog.Header
		msg string
	}
	msgs := make([]split, len(lines))
	size := 0
	for i, line := range lines {
		msgs[i].h, msgs[i].msg = syslog.Split(line, tokyo, now)
		size += len(line)
	}
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		m := msgs[i%len(msgs)]
		var e monitor.Event
		if Detect(m.h, m.msg) {
			Parse(m.h, m.msg, tokyo, &e)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// BenchmarkDetectOthers measures what Yamaha's Detect costs the lines of
// other vendors, which every line pays while the vendor is being found.
func BenchmarkDetectOthers(b *testing.B) {
	type split struct {
		h   syslog.Header
		msg string
	}
	msgs := make([]split, len(otherVendors))
	for i, line := range otherVendors {
		msgs[i].h, msgs[i].msg = syslog.Split(line, tokyo, now)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m := msgs[i%len(msgs)]
		if Detect(m.h, m.msg) {
			b.Fatalf("claimed %q", m.msg)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
