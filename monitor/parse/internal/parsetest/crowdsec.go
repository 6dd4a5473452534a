package parsetest

import (
	"bufio"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// CrowdSecFile is a sample log of CrowdSec's parser tests in the corpus
// and the parser.assert that holds what CrowdSec's parsers read from it.
type CrowdSecFile struct {
	// Log is the sample, relative to the corpus.
	Log string
	// Assert is its parser.assert, relative to the corpus; "" when there
	// is none.
	Assert string
	// Parsers are the "stage/parser" whose results are compared with the
	// events; none means recognition alone.
	Parsers []string
	// Lines, when set, are the lines to read instead of Log's, which
	// then only names them (samples from elsewhere, recognition alone).
	Lines []string
}

// Check compares one value CrowdSec read with the event; ok is false when
// the value is not one the vendor's test compares.
type Check func(e *monitor.Event, want string) (agree, ok bool)

// CheckIP compares an address, in field.IP's canonical form.
func CheckIP(get func(*monitor.Event) string) Check {
	return func(e *monitor.Event, want string) (bool, bool) { return get(e) == field.IP(want), true }
}

// CheckPort compares a port.
func CheckPort(get func(*monitor.Event) int) Check {
	return func(e *monitor.Event, want string) (bool, bool) { return get(e) == field.Port(want), true }
}

// CheckAction compares the vendor's verdict word, mapped to Kizuki's
// vocabulary by words; other words are not compared.
func CheckAction(words map[string]monitor.Action) Check {
	return func(e *monitor.Event, want string) (bool, bool) {
		a, ok := words[want]
		return e.Action == a, ok
	}
}

// The checks most vendors' keys map to.
var (
	CheckSrcIP   = CheckIP(func(e *monitor.Event) string { return e.SrcIP })
	CheckDstIP   = CheckIP(func(e *monitor.Event) string { return e.DstIP })
	CheckSrcPort = CheckPort(func(e *monitor.Event) int { return e.SrcPort })
	CheckDstPort = CheckPort(func(e *monitor.Event) int { return e.DstPort })
	// CheckProto compares CrowdSec's protocol, in any case.
	CheckProto Check = func(e *monitor.Event, want string) (bool, bool) { return e.Proto == strings.ToLower(want), true }
	CheckUser  Check = func(e *monitor.Event, want string) (bool, bool) { return e.User == want, true }
)

// CrowdSec reads every line of files: each must be recognized, and where
// CrowdSec's parsers read a line successfully, every key of theirs that
// checks maps must agree with the event.
func CrowdSec(t *testing.T, v Vendor, files []CrowdSecFile, checks map[string]Check) {
	t.Helper()
	t.Parallel()
	dir := CorpusDir(t)
	for _, f := range files {
		lines := f.Lines
		if lines == nil {
			lines = ReadLines(t, filepath.Join(dir, f.Log))
		}
		var results []map[int]crowdsecResult
		if f.Assert != "" {
			asserts := readAssert(t, filepath.Join(dir, f.Assert))
			for _, p := range f.Parsers {
				results = append(results, byLine(asserts[p], lines))
			}
		}
		recognized, agree, compared := 0, 0, 0
		for i, line := range lines {
			o := v.Run(line)
			if !o.Recognized() {
				t.Errorf("%s line %d not recognized: %s", f.Log, i+1, line)
				continue
			}
			recognized++
			for _, r := range results {
				want, ok := r[i]
				if !ok || !want.success {
					continue
				}
				for k, value := range want.fields {
					c, ok := checks[k]
					if !ok {
						continue
					}
					if same, ok := c(&o.Event, value); ok {
						compared++
						if same {
							agree++
						} else {
							t.Errorf("%s line %d: %s = %q, event %+v", f.Log, i+1, k, value, o.Event)
						}
					}
				}
			}
		}
		t.Logf("%s: %d/%d lines recognized, %d/%d fields agree", f.Log, recognized, len(lines), agree, compared)
	}
}

// crowdsecResult is one parser's verdict on one line in a CrowdSec
// parser.assert file.
type crowdsecResult struct {
	success bool
	fields  map[string]string // "Parsed.src_ip", "Meta.source_ip", …
}

var assertLine = regexp.MustCompile(`^results\["([^"]+)"\]\["([^"]+)"\]\[(\d+)\]\.(?:Success == (true|false)|Evt\.(Parsed|Meta)\["([^"]+)"\] == ("(?:[^"\\]|\\.)*"))$`)

// readAssert returns, for each "stage/parser" of a parser.assert file, its
// results in line order.
func readAssert(t *testing.T, path string) map[string][]crowdsecResult {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	out := map[string][]crowdsecResult{}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		m := assertLine.FindStringSubmatch(sc.Text())
		if m == nil {
			continue
		}
		key := m[1] + "/" + m[2]
		i, _ := strconv.Atoi(m[3])
		for len(out[key]) <= i {
			out[key] = append(out[key], crowdsecResult{fields: map[string]string{}})
		}
		if m[4] != "" {
			out[key][i].success = m[4] == "true"
			continue
		}
		v, err := strconv.Unquote(m[7])
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out[key][i].fields[m[5]+"."+m[6]] = v
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// byLine maps a parser's results to line numbers: one per line when the
// counts match, else by the message each successful result quotes.
func byLine(results []crowdsecResult, lines []string) map[int]crowdsecResult {
	out := map[int]crowdsecResult{}
	if len(results) == len(lines) {
		for i, r := range results {
			out[i] = r
		}
		return out
	}
	next := 0
	for _, r := range results {
		msg, ok := r.fields["Parsed.message"]
		if !ok {
			continue
		}
		for i := next; i < len(lines); i++ {
			if strings.Contains(lines[i], msg) {
				out[i], next = r, i+1
				break
			}
		}
	}
	return out
}
