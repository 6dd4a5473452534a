package detect_test

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"
	"unsafe"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/parse"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.json from the current output")

// received is the fixed receive time of test events (logs carry their own).
var received = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

// readLog returns a case's input.log (or input.log.gz).
func readLog(t testing.TB, dir string) []byte {
	t.Helper()
	if b, err := os.ReadFile(filepath.Join(dir, "input.log")); err == nil {
		return b
	}
	f, err := os.Open(filepath.Join(dir, "input.log.gz"))
	if err != nil {
		t.Fatalf("%s: no input.log or input.log.gz", dir)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// run parses log (source "input.log") and replays it through engine.
func run(t testing.TB, engine *detect.Engine, log []byte) []monitor.Finding {
	t.Helper()
	p := parse.New()
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		ev := p.Parse(monitor.Line{Received: received, Source: "input.log", Text: sc.Text()})
		engine.Observe(&ev)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return engine.Findings()
}

// runReused is run with every line in one buffer that is overwritten
// after each Observe, as kizuki detect reuses its batches: an engine that
// kept a string of an event would report garbage.
func runReused(t testing.TB, engine *detect.Engine, log []byte) []monitor.Finding {
	t.Helper()
	p := parse.New()
	var buf []byte
	for line := range bytes.Lines(log) {
		buf = append(buf[:0], bytes.TrimSuffix(line, []byte("\n"))...)
		ev := p.Parse(monitor.Line{Received: received, Source: "input.log", Text: unsafe.String(unsafe.SliceData(buf), len(buf))})
		engine.Observe(&ev)
		for i := range buf {
			buf[i] = '#'
		}
	}
	return engine.Findings()
}

// caseSettings reads a case's optional settings.yaml and suppressed.txt
// ("rule subject" per line).
func caseSettings(t *testing.T, dir string) detect.Settings {
	t.Helper()
	s := detect.DefaultSettings()
	if b, err := os.ReadFile(filepath.Join(dir, "settings.yaml")); err == nil {
		if s, err = detect.ParseSettings("settings.yaml", b); err != nil {
			t.Fatal(err)
		}
	}
	if b, err := os.ReadFile(filepath.Join(dir, "suppressed.txt")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if f := strings.Fields(line); len(f) == 2 && !strings.HasPrefix(line, "#") {
				s.Suppressed = append(s.Suppressed, detect.Key{Rule: f[0], Subject: f[1]})
			}
		}
	}
	return s
}

// TestCases replays every testdata/<case>/input.log and compares the
// findings with want.json (strictly decoded).
func TestCases(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir("testdata")
	if err != nil {
		t.Fatal(err)
	}
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, filepath.Join("testdata", e.Name()))
		}
	}
	if len(dirs) == 0 {
		t.Fatal("no cases in testdata")
	}
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			engine, err := detect.NewDefault(caseSettings(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			log := readLog(t, dir)
			got := run(t, engine, log)
			reusing, err := detect.NewDefault(caseSettings(t, dir))
			if err != nil {
				t.Fatal(err)
			}
			if reused := runReused(t, reusing, log); !reflect.DeepEqual(reused, got) {
				t.Errorf("findings from events in a reused buffer differ: the engine keeps strings it must copy; got:\n%s\nwant:\n%s",
					summary(reused), summary(got))
			}
			if got == nil {
				got = []monitor.Finding{}
			}
			gotJSON, err := json.MarshalIndent(got, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			gotJSON = append(gotJSON, '\n')
			wantFile := filepath.Join(dir, "want.json")
			if *update {
				if err := os.WriteFile(wantFile, gotJSON, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			b, err := os.ReadFile(wantFile)
			if err != nil {
				t.Fatalf("%v (run with -update to write it)", err)
			}
			var want []monitor.Finding
			dec := json.NewDecoder(bytes.NewReader(b))
			dec.DisallowUnknownFields()
			if err := dec.Decode(&want); err != nil {
				t.Fatalf("%s: %v", wantFile, err)
			}
			wantJSON, _ := json.MarshalIndent(want, "", "  ")
			if !bytes.Equal(append(wantJSON, '\n'), gotJSON) {
				t.Errorf("findings differ from %s (-update rewrites it); got:\n%s", wantFile, summary(got))
			}
		})
	}
}

func summary(fs []monitor.Finding) string {
	var b strings.Builder
	for _, f := range fs {
		fmt.Fprintf(&b, "  %s %s %s count=%d %s..%s sources=%d\n", f.Severity, f.Rule, f.Subject, f.Count,
			f.FirstSeen.Format(time.DateTime), f.LastSeen.Format(time.DateTime), len(f.Evidence.Sources))
	}
	return b.String()
}
