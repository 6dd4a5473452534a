// Package parsetest is the test harness the vendor parser packages share:
// golden tests over testdata/cases.txt, the shared corpus beside the
// repository (conformance and lines of other vendors that Detect must
// leave alone), the invariants every event must keep, the fuzz target
// and the benchmark. Only tests import it.
package parsetest

import (
	"net/netip"
	"slices"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo on machines without zoneinfo

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// Tokyo is the zone the fixtures and the corpus are read in.
var Tokyo = mustLoad("Asia/Tokyo")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		panic(err)
	}
	return loc
}

// Vendor is the parser under test and what its tests need to know.
type Vendor struct {
	Name   monitor.Vendor
	Detect func(h syslog.Header, msg string) bool
	Parse  func(h syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool
	// Now anchors the year of RFC 3164 headers, so that the golden file
	// never changes.
	Now time.Time
	// Golden is the layout of testdata/cases.golden.json.
	Golden Golden
	// Corpus lists the folders of the shared corpus that hold this
	// vendor's own lines (slash-separated, relative to the corpus):
	// ForeignLinesNotClaimed passes over them.
	Corpus []string
	// EveryCaseRecognized says that every fixture is a line the vendor
	// reads: RunCases checks that each is recognized.
	EveryCaseRecognized bool
	// ParsesWhatItDetects says that Parse reads every line Detect
	// claims: the fuzz target checks it.
	ParsesWhatItDetects bool
}

// Outcome is what the header splitter, Detect and Parse made of a line.
type Outcome struct {
	Line     string
	Detected bool
	Parsed   bool
	Event    monitor.Event
}

// Run passes one raw line through the splitter, Detect and Parse (Parse
// whatever Detect said, as the fixtures record both).
func (v Vendor) Run(line string) Outcome {
	h, msg := syslog.Split(line, Tokyo, v.Now)
	o := Outcome{Line: line, Detected: v.Detect(h, msg)}
	o.Parsed = v.Parse(h, msg, Tokyo, &o.Event)
	return o
}

// Recognized reports whether the vendor knew the line: Detect claimed it,
// Parse read it and gave it a kind and an action.
func (o Outcome) Recognized() bool {
	return o.Detected && o.Parsed && o.Event.Kind != "" && o.Event.Kind != monitor.KindUnknown && o.Event.Action != ""
}

// CheckEvent reports what an event from Parse must never hold: fields the
// caller owns (vendor, source, received, raw, country, malformed,
// time_guessed), values outside the vocabularies, ports outside 0–65535,
// addresses netip does not read, and, when Parse reported success, no
// kind or action.
func CheckEvent(tb testing.TB, line string, e *monitor.Event, parsed bool) {
	tb.Helper()
	if e.Vendor != "" || e.Source != "" || e.Raw != "" || !e.Received.IsZero() ||
		e.Country != "" || e.Malformed || e.TimeGuessed {
		tb.Errorf("Parse set a field the caller owns: %+v\nline: %q", e, line)
	}
	if e.Kind != "" && !slices.Contains(monitor.Kinds, e.Kind) {
		tb.Errorf("kind %q outside the vocabulary: %q", e.Kind, line)
	}
	if e.Action != "" && !slices.Contains(monitor.Actions, e.Action) {
		tb.Errorf("action %q outside the vocabulary: %q", e.Action, line)
	}
	switch e.Direction {
	case "", monitor.DirectionInbound, monitor.DirectionOutbound, monitor.DirectionInternal:
	default:
		tb.Errorf("direction %q outside the vocabulary: %q", e.Direction, line)
	}
	for _, p := range []int{e.SrcPort, e.DstPort} {
		if p < 0 || p > 65535 {
			tb.Errorf("port %d out of range: %q", p, line)
		}
	}
	for _, ip := range []string{e.SrcIP, e.DstIP} {
		if _, err := netip.ParseAddr(ip); ip != "" && err != nil {
			tb.Errorf("address %q does not parse: %q", ip, line)
		}
	}
	if parsed && (e.Kind == "" || e.Kind == monitor.KindUnknown || e.Action == "") {
		tb.Errorf("Parse reported success without a kind or an action: %+v\nline: %q", e, line)
	}
}

// NotClaimed checks that Detect claims none of lines: look-alikes of
// other vendors' formats.
func NotClaimed(t *testing.T, v Vendor, lines ...string) {
	t.Helper()
	t.Parallel()
	for _, line := range lines {
		h, msg := syslog.Split(line, Tokyo, v.Now)
		if v.Detect(h, msg) {
			t.Errorf("Detect claimed %q", line)
		}
	}
}

// Fuzz feeds Parse arbitrary lines, starting from the fixtures: it must
// not panic and its events must pass CheckEvent.
func Fuzz(f *testing.F, v Vendor) {
	for _, c := range Cases(f) {
		f.Add(c.Line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		o := v.Run(line)
		if v.ParsesWhatItDetects && o.Detected && !o.Parsed {
			t.Errorf("Detect claimed but Parse rejected %q", line)
		}
		CheckEvent(t, line, &o.Event, o.Parsed)
	})
}

// Bench measures Detect and Parse over the fixture lines Detect claims,
// one line an operation, as the registry calls them: the header is split
// beforehand (the syslog package measures that), and the event is reset
// for each line.
func Bench(b *testing.B, v Vendor) {
	type split struct {
		h   syslog.Header
		msg string
	}
	var lines []split
	size := 0
	for _, c := range Cases(b) {
		h, msg := syslog.Split(c.Line, Tokyo, v.Now)
		if v.Detect(h, msg) {
			lines = append(lines, split{h, msg})
			size += len(c.Line)
		}
	}
	if len(lines) == 0 {
		b.Fatal("Detect claims no fixture")
	}
	b.SetBytes(int64(size / len(lines)))
	b.ReportAllocs()
	var e monitor.Event // one event, as the caller reuses its own
	for i := 0; b.Loop(); i++ {
		l := &lines[i%len(lines)]
		e = monitor.Event{}
		if v.Detect(l.h, l.msg) {
			v.Parse(l.h, l.msg, Tokyo, &e)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
