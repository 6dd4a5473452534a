package parse

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/japanese"

	"github.com/kizuki-app/kizuki/monitor"
)

func TestDecode(t *testing.T) {
	t.Parallel()
	sjis, err := japanese.ShiftJIS.NewEncoder().String("ログイン失敗: 管理者")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct{ in, want string }{
		{"plain ascii", "plain ascii"},
		{"日本語 UTF-8", "日本語 UTF-8"},
		{sjis, "ログイン失敗: 管理者"},
		{"bad \xff\xfe bytes", "bad \uFFFD bytes"},
		{"nul\x00kept", "nul\x00kept"},
	}
	for _, tt := range tests {
		if got := Decode(tt.in); got != tt.want {
			t.Errorf("Decode(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestDirectionAndCountry(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		e       monitor.Event
		dir     monitor.Direction
		country string
	}{
		{"lan to internet", monitor.Event{SrcIP: "192.168.1.5", DstIP: "8.8.8.8"}, monitor.DirectionOutbound, "US"},
		{"internet to lan", monitor.Event{SrcIP: "1.1.1.1", DstIP: "10.0.0.5"}, monitor.DirectionInbound, "AU"},
		{"lan to lan", monitor.Event{SrcIP: "192.168.1.5", DstIP: "172.16.0.9"}, monitor.DirectionInternal, ""},
		{"cgnat counts as inside", monitor.Event{SrcIP: "100.64.1.1", DstIP: "10.0.0.1"}, monitor.DirectionInternal, ""},
		{"parser's direction kept", monitor.Event{SrcIP: "203.0.113.5", DstIP: "198.51.100.7", Direction: monitor.DirectionInbound}, monitor.DirectionInbound, ""},
		{"only a source", monitor.Event{SrcIP: "8.8.8.8"}, "", "US"},
		{"no addresses", monitor.Event{}, "", ""},
	}
	for _, tt := range tests {
		e := tt.e
		fillDirectionAndCountry(&e)
		if e.Direction != tt.dir || e.Country != tt.country {
			t.Errorf("%s: direction %q country %q, want %q %q", tt.name, e.Direction, e.Country, tt.dir, tt.country)
		}
	}
}

func TestUnknownLines(t *testing.T) {
	t.Parallel()
	received := time.Date(2026, 11, 23, 10, 0, 0, 0, DefaultLocation)
	p := New()
	tests := []struct {
		text      string
		malformed bool
		time      time.Time
		guessed   bool
	}{
		{"not a log line at all", true, received, true},
		{"<13>Nov 23 09:00:00 host app: message nobody parses", false, time.Date(2026, 11, 23, 9, 0, 0, 0, DefaultLocation), false},
		{"", true, received, true},
	}
	for _, tt := range tests {
		e := p.Parse(monitor.Line{Received: received, Source: "s", Text: tt.text})
		if e.Vendor != monitor.VendorUnknown || e.Kind != monitor.KindUnknown || e.Raw != tt.text {
			t.Errorf("%q: %+v", tt.text, e)
		}
		if e.Malformed != tt.malformed || !e.Time.Equal(tt.time) || e.TimeGuessed != tt.guessed {
			t.Errorf("%q: malformed %v time %v guessed %v; want %v %v %v", tt.text, e.Malformed, e.Time, e.TimeGuessed, tt.malformed, tt.time, tt.guessed)
		}
	}
	if p.Counts()[monitor.VendorUnknown] != 3 || p.Malformed() != 2 {
		t.Errorf("counts %v malformed %d", p.Counts(), p.Malformed())
	}
}

func TestForVendorRejectsUnknown(t *testing.T) {
	t.Parallel()
	if _, err := ForVendor("netgear"); err == nil {
		t.Error("ForVendor(netgear) succeeded")
	}
}

// TestParseIntoOverwritesWholeEvent parses every vendor's fixtures with
// Parse and with ParseInto into one event reused from line to line: the
// reused event must come out the same as a fresh one, nothing of the line
// before left in it.
func TestParseIntoOverwritesWholeEvent(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("*/testdata/cases.txt")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	received := time.Date(2026, 11, 23, 10, 0, 0, 0, DefaultLocation)
	fresh, reusing := New(), New()
	var reused monitor.Event
	n := 0
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		for _, line := range strings.Split(string(b), "\n") {
			if strings.HasPrefix(line, "#") {
				continue
			}
			l := monitor.Line{Received: received, Source: filepath.Dir(filepath.Dir(f)), Text: line}
			want := fresh.Parse(l)
			reusing.ParseInto(l, &reused)
			if !reflect.DeepEqual(reused, want) {
				t.Errorf("%s: ParseInto(%q) on a reused event = %+v, want %+v", f, line, reused, want)
			}
			n++
		}
	}
	if n < 50 {
		t.Errorf("only %d fixture lines", n)
	}
}

// BenchmarkParseInto parses generated FortiGate lines into one reused
// event, as kizuki detect and parse do: no allocation per line.
func BenchmarkParseInto(b *testing.B) {
	lines := benchLines(b)
	p := New()
	var e monitor.Event
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		p.ParseInto(monitor.Line{Received: time.Unix(0, 0), Source: "fgt", Text: lines[i%len(lines)]}, &e)
	}
}

// BenchmarkParse is BenchmarkParseInto returning a new event per line.
func BenchmarkParse(b *testing.B) {
	lines := benchLines(b)
	p := New()
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		_ = p.Parse(monitor.Line{Received: time.Unix(0, 0), Source: "fgt", Text: lines[i%len(lines)]})
	}
}

func benchLines(b *testing.B) []string {
	data, err := os.ReadFile("fortigate/testdata/cases.txt")
	if err != nil {
		b.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if l != "" && !strings.HasPrefix(l, "#") {
			lines = append(lines, l)
		}
	}
	return lines
}

// TestSourcesKeepTheirVendors interleaves two sources of different
// vendors, and a line of neither: each line is read by its source's
// vendor, and Counts adds up per vendor.
func TestSourcesKeepTheirVendors(t *testing.T) {
	t.Parallel()
	const (
		fgt    = `date=2025-05-30 time=09:15:02 devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=192.168.10.23 dstip=203.0.113.80 dstport=443 action="deny"`
		yamaha = `<13>PP[01] Rejected at IN(200030) filter: TCP 203.0.113.5:51234 > 198.51.100.2:23`
	)
	received := time.Date(2026, 11, 23, 10, 0, 0, 0, DefaultLocation)
	p := New()
	lines := []struct {
		source, text string
		want         monitor.Vendor
	}{
		{"a", fgt, monitor.VendorFortiGate}, {"a", fgt, monitor.VendorFortiGate}, {"b", yamaha, monitor.VendorYamahaRTX},
		{"a", fgt, monitor.VendorFortiGate}, {"b", yamaha, monitor.VendorYamahaRTX}, {"b", "no vendor's line", monitor.VendorUnknown},
		{"b", yamaha, monitor.VendorYamahaRTX}, {"a", yamaha, monitor.VendorYamahaRTX}, {"a", yamaha, monitor.VendorYamahaRTX},
	}
	for i, l := range lines {
		if e := p.Parse(monitor.Line{Received: received, Source: l.source, Text: l.text}); e.Vendor != l.want {
			t.Errorf("line %d from %s: vendor %q, want %q", i, l.source, e.Vendor, l.want)
		}
	}
	want := map[monitor.Vendor]int{monitor.VendorFortiGate: 3, monitor.VendorYamahaRTX: 5, monitor.VendorUnknown: 1}
	if got := p.Counts(); !reflect.DeepEqual(got, want) {
		t.Errorf("Counts() = %v, want %v", got, want)
	}
}
