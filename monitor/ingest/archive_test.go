package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

var jst = time.FixedZone("JST", 9*60*60)

// readArchiveFile reads every line of an archive file.
func readArchiveFile(t *testing.T, path string) (lines []monitor.Line, truncated bool) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	return readArchive(t, f)
}

func readArchive(t *testing.T, r io.Reader) (lines []monitor.Line, truncated bool) {
	t.Helper()
	ar := NewArchiveReader(r)
	for {
		l, err := ar.Next()
		if errors.Is(err, io.EOF) {
			return lines, ar.Truncated()
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, l)
	}
}

func sameLine(a, b monitor.Line) bool {
	return a.Received.Equal(b.Received) && a.Source == b.Source && a.Sender == b.Sender && a.Text == b.Text
}

func checkLines(t *testing.T, got, want []monitor.Line) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("%d lines, want %d", len(got), len(want))
	}
	for i := range want {
		if !sameLine(got[i], want[i]) {
			t.Errorf("line %d: %+v, want %+v", i, got[i], want[i])
		}
	}
}

// checkPlainGzip reads a file with the standard multistream gzip reader,
// as zcat would, and fails on any error.
func checkPlainGzip(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatal(err)
	}
	b, err := io.ReadAll(zr)
	if err != nil {
		t.Fatalf("%s is not clean gzip: %v", path, err)
	}
	return b
}

func TestArchiveRoundTrip(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data", "archive")
	a, err := OpenArchive(dir, jst)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 3, 1, 0, 0, 0, 0, jst)
	texts := []string{
		"<13>plain",
		"tab\there and\\backslash\\t not an escape",
		"multi\nline\r\nmessage\n",
		"日本語のログ «UTF-8»",
		"invalid \xff\xfe UTF-8 and NUL \x00",
		"",
		`\`,
	}
	var want []monitor.Line
	for i, text := range texts {
		l := monitor.Line{
			Received: day.Add(time.Duration(i)*time.Hour + 123456789*time.Nanosecond),
			Source:   "utm\tbranch",
			Sender:   "192.168.1.1",
			Text:     text,
		}
		want = append(want, l)
		if err := a.Write(l); err != nil {
			t.Fatal(err)
		}
		if i == 3 {
			if err := a.Flush(); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "2025-03-01.log.gz")
	if a.Path(day) != path {
		t.Errorf("Path %s, want %s", a.Path(day), path)
	}
	got, truncated := readArchiveFile(t, path)
	checkLines(t, got, want)
	if truncated {
		t.Error("complete file reported truncated")
	}
	if got[0].Received.Location().String() == "UTC" {
		t.Error("received time lost its offset")
	}
	plain := checkPlainGzip(t, path)
	if first, _, _ := bytes.Cut(plain, []byte("\n")); string(first) != "2025-03-01T00:00:00.123456789+09:00\tutm\\tbranch\t192.168.1.1\t<13>plain" {
		t.Errorf("first record %q", first)
	}
	if st := a.Stats(); st.Written != int64(len(texts)) || st.Lost != 0 {
		t.Errorf("stats %+v", st)
	}

	for p, want := range map[string]os.FileMode{dir: 0o700, path: 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != want {
			t.Errorf("%s mode %v, want %v", p, fi.Mode().Perm(), want)
		}
	}
}

func TestArchiveRotatesAtMidnight(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, err := OpenArchive(dir, jst)
	if err != nil {
		t.Fatal(err)
	}
	midnight := time.Date(2025, 3, 2, 0, 0, 0, 0, jst)
	line := func(at time.Time, text string) monitor.Line {
		// Given in UTC: the day is the archive's, not the line's zone.
		return monitor.Line{Received: at.UTC(), Source: "utm", Sender: "10.0.0.1", Text: text}
	}
	before := []monitor.Line{line(midnight.Add(-2*time.Hour), "evening"), line(midnight.Add(-time.Nanosecond), "last of the day")}
	after := []monitor.Line{line(midnight, "first of the day"), line(midnight.Add(time.Hour), "night")}
	for _, l := range append(append([]monitor.Line{}, before...), after...) {
		if err := a.Write(l); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	got, _ := readArchiveFile(t, filepath.Join(dir, "2025-03-01.log.gz"))
	checkLines(t, got, before)
	got, _ = readArchiveFile(t, filepath.Join(dir, "2025-03-02.log.gz"))
	checkLines(t, got, after)
}

// steppingClock is an injected clock the test moves by hand.
type steppingClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *steppingClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *steppingClock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

func TestServerArchivesAcrossMidnight(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	a, err := OpenArchive(dir, jst)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	clock := &steppingClock{}
	sink := &recordingSink{}
	srv := startServer(t, Config{TCPAddr: "127.0.0.1:0", Archive: a, Now: clock.Now}, sink)
	c := dial(t, "tcp", srv.TCPAddr())

	midnight := time.Date(2025, 3, 2, 0, 0, 0, 0, jst)
	clock.Set(midnight.Add(-time.Millisecond))
	write(t, c, "<13>before midnight\n")
	sink.waitLines(t, 1)
	clock.Set(midnight)
	write(t, c, "<13>after midnight\n")
	sink.waitLines(t, 2)
	if err := srv.Close(t.Context()); err != nil {
		t.Fatal(err)
	}
	for file, want := range map[string]string{"2025-03-01.log.gz": "<13>before midnight", "2025-03-02.log.gz": "<13>after midnight"} {
		got, _ := readArchiveFile(t, filepath.Join(dir, file))
		if len(got) != 1 || got[0].Text != want || got[0].Source != DefaultSourceName || got[0].Sender != "127.0.0.1" {
			t.Errorf("%s holds %+v, want one line %q", file, got, want)
		}
	}
}

// writeMembers writes groups of lines as separate gzip members and
// returns the lines and the file's bytes.
func writeMembers(t *testing.T, groups, perGroup int) ([]monitor.Line, []byte, string) {
	t.Helper()
	dir := t.TempDir()
	a, err := OpenArchive(dir, jst)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2025, 3, 1, 12, 0, 0, 0, jst)
	var lines []monitor.Line
	for g := range groups {
		for i := range perGroup {
			l := monitor.Line{Received: day.Add(time.Duration(len(lines)) * time.Second), Source: "utm", Sender: "10.0.0.1", Text: fmt.Sprintf("<13>group %d line %d", g, i)}
			lines = append(lines, l)
			if err := a.Write(l); err != nil {
				t.Fatal(err)
			}
		}
		if err := a.Flush(); err != nil {
			t.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	path := a.Path(day)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return lines, b, path
}

func TestArchiveReaderToleratesTruncation(t *testing.T) {
	t.Parallel()
	const groups, perGroup = 3, 4
	lines, full, _ := writeMembers(t, groups, perGroup)

	// Where each member ends, found by cutting: a cut there reads clean.
	var boundaries []int
	for cut := 0; cut <= len(full); cut++ {
		got, truncated := readArchive(t, bytes.NewReader(full[:cut]))
		for i := range got {
			if !sameLine(got[i], lines[i]) {
				t.Fatalf("cut at %d: line %d is %+v, want %+v", cut, i, got[i], lines[i])
			}
		}
		if !truncated {
			boundaries = append(boundaries, cut)
			if len(got)%perGroup != 0 {
				t.Fatalf("cut at %d reads clean with %d lines, not whole members", cut, len(got))
			}
			continue
		}
		// Every member completed before the cut is read in full.
		complete := (len(boundaries) - 1) * perGroup
		if len(got) < complete {
			t.Fatalf("cut at %d: %d lines, want at least %d", cut, len(got), complete)
		}
	}
	if len(boundaries) != groups+1 || boundaries[groups] != len(full) {
		t.Fatalf("clean cuts at %v, want %d member ends", boundaries, groups)
	}
}

func TestArchiveReopenCutsTornTail(t *testing.T) {
	t.Parallel()
	lines, full, path := writeMembers(t, 2, 3)
	// A crash in the middle of writing the second member.
	if err := os.WriteFile(path, full[:len(full)-10], 0o600); err != nil {
		t.Fatal(err)
	}
	a, err := OpenArchive(filepath.Dir(path), jst)
	if err != nil {
		t.Fatal(err)
	}
	after := monitor.Line{Received: lines[len(lines)-1].Received.Add(time.Minute), Source: "utm", Sender: "10.0.0.1", Text: "<13>after restart"}
	if err := a.Write(after); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	got, truncated := readArchiveFile(t, path)
	if truncated {
		t.Error("repaired file reported truncated")
	}
	checkLines(t, got, append(lines[:3:3], after))
	checkPlainGzip(t, path)
}

func TestArchiveFlushesWithinASecond(t *testing.T) {
	t.Parallel()
	a, err := OpenArchive(t.TempDir(), jst)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	l := monitor.Line{Received: time.Now(), Source: "utm", Sender: "10.0.0.1", Text: "<13>hello"}
	if err := a.Write(l); err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	waitUntil(t, "line in the file", func() bool {
		b, err := os.ReadFile(a.Path(l.Received))
		if err != nil {
			return false
		}
		got, _ := readArchive(t, bytes.NewReader(b))
		return len(got) == 1 && sameLine(got[0], l)
	})
	if waited := time.Since(start); waited > 3*archiveFlushInterval {
		t.Errorf("line reached the file after %v", waited)
	}
}

func TestArchiveWriteAfterClose(t *testing.T) {
	t.Parallel()
	a, err := OpenArchive(t.TempDir(), jst)
	if err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
	if err := a.Write(monitor.Line{Received: time.Now(), Text: "late"}); !errors.Is(err, errArchiveClosed) {
		t.Errorf("Write after Close: %v", err)
	}
	if st := a.Stats(); st.Lost != 1 {
		t.Errorf("stats %+v, want one lost line", st)
	}
}

func TestArchiveReaderMalformedRecord(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	fmt.Fprint(zw, "not a record\n2025-03-01T00:00:00+09:00\tutm\t10.0.0.1\t<13>ok\n")
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	ar := NewArchiveReader(&buf)
	if _, err := ar.Next(); !errors.Is(err, errMalformedRecord) {
		t.Fatalf("first record: %v, want malformed", err)
	}
	l, err := ar.Next()
	if err != nil || l.Text != "<13>ok" {
		t.Fatalf("second record: %+v, %v", l, err)
	}
	if _, err := ar.Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("end: %v", err)
	}
}

func FuzzArchiveRecord(f *testing.F) {
	f.Add("utm", "192.168.1.1", "<13>plain")
	f.Add("a\tb", "", "multi\nline\\n\r\x00")
	f.Add(`\`, `\\`, "\\t\t")
	f.Fuzz(func(t *testing.T, source, sender, text string) {
		l := monitor.Line{Received: time.Date(2025, 3, 1, 0, 0, 0, 1, jst), Source: source, Sender: sender, Text: text}
		rec := appendRecord(nil, l, jst)
		if bytes.Count(rec, []byte{'\n'}) != 1 || bytes.Count(rec, []byte{'\t'}) != 3 {
			t.Fatalf("record %q is not one line of four fields", rec)
		}
		got, ok := parseRecord(rec[:len(rec)-1])
		if !ok || !sameLine(got, l) {
			t.Fatalf("round trip of %+v gave %+v (%v)", l, got, ok)
		}
	})
}

func TestOpenNamedArchive(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, bad := range []string{"", ".", "..", "a/b", `a\b`} {
		if a, err := OpenNamedArchive(dir, bad, time.UTC); err == nil {
			a.Close()
			t.Errorf("OpenNamedArchive(%q) accepted a name that is not a plain file-name part", bad)
		}
	}
	a, err := OpenNamedArchive(dir, "pull-192.0.2.1", time.UTC)
	if err != nil {
		t.Fatal(err)
	}
	day := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	if err := a.Write(monitor.Line{Received: day, Source: "s", Text: "x"}); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}
	want := filepath.Join(dir, "pull-192.0.2.1-2026-11-23.log.gz")
	if a.Path(day) != want {
		t.Errorf("Path = %s, want %s", a.Path(day), want)
	}
	if _, err := os.Stat(want); err != nil {
		t.Errorf("named archive file: %v", err)
	}
}

func TestPruneArchive(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	loc := time.FixedZone("JST", 9*3600)
	names := []string{
		"2025-11-20.log.gz", "pull-FGT60F-2025-11-20.log.gz", // a year old
		"2026-11-21.log.gz", // its day ends at the cutoff
		"2026-11-22.log.gz", "pull-FGT60F-2026-11-23.log.gz",
		"notes.txt", "2025-01-01.log", "garbage.log.gz",
	}
	for _, n := range names {
		if err := os.WriteFile(filepath.Join(dir, n), []byte("x"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	cutoff := time.Date(2026, 11, 22, 0, 0, 0, 0, loc)
	removed, err := PruneArchive(dir, cutoff, loc)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"2025-11-20.log.gz", "2026-11-21.log.gz", "pull-FGT60F-2025-11-20.log.gz"}
	if !slices.Equal(removed, want) {
		t.Errorf("removed %v, want %v", removed, want)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != len(names)-len(want) {
		t.Errorf("left %v", left)
	}
	if removed, err := PruneArchive(filepath.Join(dir, "missing"), cutoff, loc); err != nil || removed != nil {
		t.Errorf("missing folder: %v, %v; want nothing and no error", removed, err)
	}
}
