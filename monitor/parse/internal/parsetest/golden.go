package parsetest

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

var update = flag.Bool("update", false, "rewrite testdata/cases.golden.json from the parser's output")

// Case is one fixture of testdata/cases.txt.
type Case struct {
	// Tag is the tag of the last "# tag: description" comment above the
	// line (a tag is one word), or "".
	Tag  string
	Line string
}

// Cases returns the fixtures of testdata/cases.txt: its lines, less blank
// ones and comments, which start with '#'.
func Cases(tb testing.TB) []Case {
	tb.Helper()
	data, err := os.ReadFile(filepath.Join("testdata", "cases.txt"))
	if err != nil {
		tb.Fatal(err)
	}
	var cases []Case
	tag := ""
	for _, line := range strings.Split(string(data), "\n") {
		switch {
		case strings.TrimSpace(line) == "":
		case strings.HasPrefix(line, "#"):
			if rest, ok := strings.CutPrefix(line, "# "); ok {
				if t, _, ok := strings.Cut(rest, ": "); ok && !strings.Contains(t, " ") {
					tag = t
				}
			}
		default:
			cases = append(cases, Case{tag, line})
		}
	}
	return cases
}

// Golden is a layout of testdata/cases.golden.json: a JSON array with an
// object a fixture, indented by two spaces. The layouts are those the
// vendor packages' golden files were first written in, kept so that the
// files need not change.
type Golden int

const (
	// GoldenResults objects hold "line", "detected", "parsed" and the
	// whole "event" when Parse read the line; '<', '>' and '&' are
	// escaped (\u003c).
	GoldenResults Golden = iota
	// GoldenDetectParse is GoldenResults with "detect" and "parse" for
	// "detected" and "parsed".
	GoldenDetectParse
	// GoldenEvents objects hold "line" and the whole "event", for
	// fixtures that are all recognized (see Vendor.EveryCaseRecognized);
	// '<', '>' and '&' are kept as they are, as in GoldenTagged.
	GoldenEvents
	// GoldenTagged objects hold the case's "tag", "line", "detect",
	// "parsed" and, when Parse read the line, the "event" fields a vendor
	// parser may set, the time as RFC 3339 text.
	GoldenTagged
)

type result struct {
	Line     string         `json:"line"`
	Detected bool           `json:"detected"`
	Parsed   bool           `json:"parsed"`
	Event    *monitor.Event `json:"event,omitempty"`
}

// detectParse is result under GoldenDetectParse's names.
type detectParse struct {
	Line     string         `json:"line"`
	Detected bool           `json:"detect"`
	Parsed   bool           `json:"parse"`
	Event    *monitor.Event `json:"event,omitempty"`
}

func resultOf(_ int, o *Outcome) result {
	r := result{Line: o.Line, Detected: o.Detected, Parsed: o.Parsed}
	if o.Parsed {
		r.Event = &o.Event
	}
	return r
}

type lineEvent struct {
	Line  string        `json:"line"`
	Event monitor.Event `json:"event"`
}

type tagged struct {
	Tag    string `json:"tag"`
	Line   string `json:"line"`
	Detect bool   `json:"detect"`
	Parsed bool   `json:"parsed"`
	Event  *view  `json:"event,omitempty"`
}

// view is the part of an event a vendor parser may set.
type view struct {
	Time      string            `json:"time,omitempty"`
	Kind      monitor.Kind      `json:"kind,omitempty"`
	Action    monitor.Action    `json:"action,omitempty"`
	Direction monitor.Direction `json:"direction,omitempty"`
	SrcIP     string            `json:"src_ip,omitempty"`
	SrcPort   int               `json:"src_port,omitempty"`
	DstIP     string            `json:"dst_ip,omitempty"`
	DstPort   int               `json:"dst_port,omitempty"`
	Proto     string            `json:"proto,omitempty"`
	User      string            `json:"user,omitempty"`
	Service   string            `json:"service,omitempty"`
	Threat    string            `json:"threat,omitempty"`
	Category  string            `json:"category,omitempty"`
	URL       string            `json:"url,omitempty"`
	Domain    string            `json:"domain,omitempty"`
	Severity  string            `json:"severity,omitempty"`
	VendorID  string            `json:"vendor_id,omitempty"`
}

func viewOf(e *monitor.Event) *view {
	v := &view{Kind: e.Kind, Action: e.Action, Direction: e.Direction, SrcIP: e.SrcIP, SrcPort: e.SrcPort,
		DstIP: e.DstIP, DstPort: e.DstPort, Proto: e.Proto, User: e.User, Service: e.Service, Threat: e.Threat,
		Category: e.Category, URL: e.URL, Domain: e.Domain, Severity: e.Severity, VendorID: e.VendorID}
	if !e.Time.IsZero() {
		v.Time = e.Time.Format(time.RFC3339Nano)
	}
	return v
}

// RunCases runs every fixture through the splitter, Detect and Parse,
// checks each event (CheckEvent, and Vendor.EveryCaseRecognized), and
// compares the results with testdata/cases.golden.json, which go test
// -update rewrites. It runs in parallel with the package's other tests.
func RunCases(t *testing.T, v Vendor) {
	t.Helper()
	t.Parallel()
	cases := Cases(t)
	outcomes := make([]Outcome, len(cases))
	for i, c := range cases {
		o := v.Run(c.Line)
		CheckEvent(t, c.Line, &o.Event, o.Parsed)
		if v.EveryCaseRecognized && !o.Recognized() {
			t.Errorf("not recognized (detected %v, parsed %v, kind %q, action %q): %s",
				o.Detected, o.Parsed, o.Event.Kind, o.Event.Action, c.Line)
		}
		outcomes[i] = o
	}
	switch v.Golden {
	case GoldenResults:
		compareGolden(t, true, records(outcomes, resultOf))
	case GoldenDetectParse:
		compareGolden(t, true, records(outcomes, func(i int, o *Outcome) detectParse {
			return detectParse(resultOf(i, o))
		}))
	case GoldenEvents:
		compareGolden(t, false, records(outcomes, func(_ int, o *Outcome) lineEvent {
			return lineEvent{Line: o.Line, Event: o.Event}
		}))
	case GoldenTagged:
		compareGolden(t, false, records(outcomes, func(i int, o *Outcome) tagged {
			r := tagged{Tag: cases[i].Tag, Line: o.Line, Detect: o.Detected, Parsed: o.Parsed}
			if o.Parsed {
				r.Event = viewOf(&o.Event)
			}
			return r
		}))
	default:
		t.Fatalf("unknown golden layout %d", v.Golden)
	}
}

func records[R any](outcomes []Outcome, record func(i int, o *Outcome) R) []R {
	out := make([]R, len(outcomes))
	for i := range outcomes {
		out[i] = record(i, &outcomes[i])
	}
	return out
}

// compareGolden writes got as the golden file with -update; else the file
// must decode strictly as []R and hold exactly what got encodes to.
func compareGolden[R any](t *testing.T, escapeHTML bool, got []R) {
	t.Helper()
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(escapeHTML)
	enc.SetIndent("", "  ")
	if err := enc.Encode(got); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
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
	var wantRecords []R
	dec := json.NewDecoder(bytes.NewReader(want))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&wantRecords); err != nil {
		t.Fatalf("decoding %s: %v", golden, err)
	}
	if bytes.Equal(out, want) {
		return
	}
	for i := range max(len(got), len(wantRecords)) {
		var g, w []byte
		if i < len(got) {
			g, _ = json.Marshal(got[i])
		}
		if i < len(wantRecords) {
			w, _ = json.Marshal(wantRecords[i])
		}
		if !bytes.Equal(g, w) {
			t.Errorf("case %d:\n got %s\nwant %s", i+1, g, w)
		}
	}
	if len(got) != len(wantRecords) {
		t.Errorf("%d cases, golden has %d", len(got), len(wantRecords))
	}
	t.Errorf("%s differs from the parser's output (go test -update rewrites it when the change is intended)", golden)
}
