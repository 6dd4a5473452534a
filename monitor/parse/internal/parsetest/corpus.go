package parsetest

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
)

// CorpusDir returns the shared corpus of public log samples beside the
// repository, or skips the test when it is not there.
func CorpusDir(tb testing.TB) string {
	tb.Helper()
	// From monitor/parse/<vendor>, where the test runs.
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		tb.Skip("../shared/corpus not found: conformance tests need the shared corpus beside the repo")
	}
	return dir
}

// ReadLines returns the lines of a corpus file that are not blank.
func ReadLines(tb testing.TB, path string) []string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var lines []string
	for _, l := range strings.Split(string(data), "\n") {
		if strings.TrimSpace(l) != "" {
			lines = append(lines, l)
		}
	}
	return lines
}

// criblSample is an event of a Cribl pack sample, a JSON array of events
// with the raw line in "_raw".
type criblSample struct {
	Raw string `json:"_raw"`
}

// CriblRaw returns the raw line of every event of a Cribl pack sample.
func CriblRaw(tb testing.TB, path string) []string {
	tb.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		tb.Fatal(err)
	}
	var samples []criblSample
	if err := json.Unmarshal(data, &samples); err != nil {
		tb.Fatalf("%s: %v", path, err)
	}
	lines := make([]string, len(samples))
	for i, s := range samples {
		lines[i] = s.Raw
	}
	return lines
}

// ForeignLines returns the lines of every file of the corpus outside the
// folders named in own (slash-separated, relative to the corpus): every
// line that is not blank, and of a JSON array of Cribl samples, each
// "_raw" and each line of one that holds several; each with the space
// around it trimmed too, when it has any. files[i] is the file of
// lines[i], relative to the corpus.
func ForeignLines(tb testing.TB, corpus string, own ...string) (lines, files []string) {
	tb.Helper()
	add := func(file, line string) {
		line = strings.TrimSuffix(line, "\r")
		if t := strings.TrimSpace(line); t != "" {
			lines, files = append(lines, line), append(files, file)
			if t != line {
				lines, files = append(lines, t), append(files, file)
			}
		}
	}
	err := filepath.WalkDir(corpus, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(corpus, path)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if slices.Contains(own, rel) {
				return filepath.SkipDir
			}
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, l := range strings.Split(string(data), "\n") {
			add(rel, l)
		}
		var samples []criblSample
		if filepath.Ext(path) == ".json" && json.Unmarshal(data, &samples) == nil {
			for _, s := range samples {
				add(rel, s.Raw)
				if strings.Contains(s.Raw, "\n") {
					for _, l := range strings.Split(s.Raw, "\n") {
						add(rel, l)
					}
				}
			}
		}
		return nil
	})
	if err != nil {
		tb.Fatalf("reading the corpus: %v", err)
	}
	return lines, files
}

// ForeignLinesNotClaimed runs Detect over every line of the corpus outside
// the vendor's own folders (ForeignLines): a parser that claimed another
// vendor's lines would hide them from their own parser. It runs in
// parallel with the package's other tests.
func ForeignLinesNotClaimed(t *testing.T, v Vendor) {
	t.Helper()
	t.Parallel()
	lines, files := ForeignLines(t, CorpusDir(t), v.Corpus...)
	claimed := 0
	for i, line := range lines {
		if v.Run(line).Detected {
			claimed++
			t.Errorf("%s: Detect claimed a foreign line: %.200s", files[i], line)
		}
	}
	t.Logf("%d foreign lines, %d claimed", len(lines), claimed)
}

// Agreement reads every line of the corpus files that match pattern
// (relative to the corpus): each must be recognized and keep CheckEvent,
// and every value that checks compares must agree. For corpora without
// expected outputs: checks reads what the line itself says, independently
// of the parser, and calls check with the event's value and the line's.
func Agreement(t *testing.T, v Vendor, pattern string, checks func(line string, e *monitor.Event, check func(name, got, want string))) {
	t.Helper()
	t.Parallel()
	dir := CorpusDir(t)
	files, err := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pattern)))
	if err != nil || len(files) == 0 {
		t.Fatalf("no %s corpus files %s under %s (%v)", v.Name, pattern, dir, err)
	}
	for _, file := range files {
		lines := ReadLines(t, file)
		recognized, checked, agreed := 0, 0, 0
		for _, line := range lines {
			o := v.Run(line)
			if !o.Recognized() {
				t.Errorf("%s: not recognized (detected %v, parsed %v, kind %q, action %q): %s",
					filepath.Base(file), o.Detected, o.Parsed, o.Event.Kind, o.Event.Action, line)
				continue
			}
			recognized++
			CheckEvent(t, line, &o.Event, o.Parsed)
			checks(line, &o.Event, func(name, got, want string) {
				checked++
				if got == want {
					agreed++
				} else {
					t.Errorf("%s: %s = %q, the line says %q: %s", filepath.Base(file), name, got, want, line)
				}
			})
		}
		t.Logf("%s: %d/%d lines recognized, %d/%d field checks agree",
			filepath.Base(file), recognized, len(lines), agreed, checked)
	}
}

// PortString writes an event's port as a line does, "" for none.
func PortString(p int) string {
	if p == 0 {
		return ""
	}
	return strconv.Itoa(p)
}

// LinePort is a line's port as PortString writes the event's: the 0 that
// firewalls write for "no port" is "".
func LinePort(s string) string {
	if s == "0" {
		return ""
	}
	return s
}
