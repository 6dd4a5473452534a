package logfile

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, path, content string) {
	t.Helper()
	f, err := os.OpenFile(path, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if _, err := f.WriteString(content); err != nil {
		t.Fatal(err)
	}
}

// readAll reads every line from offset, returning the lines and the final offset.
func readAll(t *testing.T, path string, offset int64, final bool) ([]string, int64) {
	t.Helper()
	r, err := Open(path, offset)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	var lines []string
	for {
		line, err := r.Next(final)
		if errors.Is(err, io.EOF) {
			return lines, r.Offset()
		}
		if err != nil {
			t.Fatal(err)
		}
		lines = append(lines, string(line))
	}
}

func TestReaderResumesAtOffset(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "a.log")
	write(t, path, "one\r\ntwo\nthr")
	lines, off := readAll(t, path, 0, false)
	if strings.Join(lines, "|") != "one|two" || off != 9 {
		t.Fatalf("growing file: %q up to %d; want one|two up to 9 (the partial line waits)", lines, off)
	}
	appendTo(t, path, "ee\nfour\n")
	lines, off = readAll(t, path, off, false)
	if strings.Join(lines, "|") != "three|four" || off != 20 {
		t.Fatalf("after growth: %q up to %d", lines, off)
	}
	appendTo(t, path, "tail without newline")
	lines, _ = readAll(t, path, off, true)
	if strings.Join(lines, "|") != "tail without newline" {
		t.Errorf("finished file: %q", lines)
	}
}

func TestReaderGzipOffsets(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write([]byte("alpha\nbeta\ngamma\n"))
	zw.Close()
	path := filepath.Join(t.TempDir(), "a.log.gz")
	write(t, path, buf.String())
	lines, off := readAll(t, path, 0, true)
	if strings.Join(lines, "|") != "alpha|beta|gamma" || off != 17 {
		t.Fatalf("gzip: %q up to %d", lines, off)
	}
	lines, _ = readAll(t, path, 6, true)
	if strings.Join(lines, "|") != "beta|gamma" {
		t.Errorf("gzip from offset 6: %q", lines)
	}
}

func TestReaderBoundsLongLines(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "long.log")
	long := strings.Repeat("x", MaxLine+1000)
	write(t, path, long+"\nshort\n")
	r, err := Open(path, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	first, err := r.Next(true)
	if err != nil || len(first) != MaxLine {
		t.Fatalf("long line: %d bytes, %v; want cut at %d", len(first), err, MaxLine)
	}
	second, err := r.Next(true)
	if err != nil || string(second) != "short" {
		t.Fatalf("line after the long one: %q, %v", second, err)
	}
	if r.Offset() != int64(len(long)+7) {
		t.Errorf("offset %d, want %d: skipped bytes still count", r.Offset(), len(long)+7)
	}
}

func TestIdentity(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "fgt.log")
	write(t, path, "first line\n")
	id1, err := Identity(path)
	if err != nil {
		t.Fatal(err)
	}
	appendTo(t, path, strings.Repeat("more\n", 2000))
	if id2, _ := Identity(path); id2 != id1 {
		t.Errorf("identity changed when the file only grew: %s → %s", id1, id2)
	}
	must(t, os.Rename(path, path+".1"))
	write(t, path, "first line\n")
	if id3, _ := Identity(path); id3 == id1 && fileID(stat(t, path)) != "-" {
		t.Errorf("a new file at the same path kept the identity %s", id1)
	}
}

func stat(t *testing.T, path string) os.FileInfo {
	fi, err := os.Stat(path)
	must(t, err)
	return fi
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

func TestFollowAcrossRotation(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "fgt.log")
	write(t, path, "a1\n")
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	got := make(chan string, 16)
	rotated := make(chan string, 4)
	done := make(chan error, 1)
	go func() {
		done <- Follow(ctx, path, 0, 5*time.Millisecond, handler{got: got, rotated: rotated})
	}()
	expect := func(want string) {
		t.Helper()
		select {
		case line := <-got:
			if line != want {
				t.Fatalf("line %q, want %q", line, want)
			}
		case <-ctx.Done():
			t.Fatalf("waited for %q in vain", want)
		}
	}
	expect("a1")
	appendTo(t, path, "a2\npart")
	expect("a2")
	appendTo(t, path, "ial\n")
	expect("partial")
	// logrotate: rename, then a new file.
	must(t, os.Rename(path, path+".1"))
	write(t, path, "b1\n")
	expect("b1")
	select {
	case <-rotated:
	case <-ctx.Done():
		t.Fatal("rotation not reported")
	}
	cancel()
	if err := <-done; err != nil {
		t.Errorf("Follow: %v", err)
	}
}

// handler forwards what Follow reads to channels.
type handler struct {
	got, rotated chan string
}

func (h handler) Line(line []byte, _ int64) error { h.got <- string(line); return nil }
func (h handler) Rotated(id string) error         { h.rotated <- id; return nil }
func (h handler) Idle() error                     { return nil }

func FuzzReader(f *testing.F) {
	f.Add([]byte("one\ntwo\r\nthree"), int64(0))
	f.Add([]byte("\n\n\n"), int64(1))
	f.Fuzz(func(t *testing.T, content []byte, offset int64) {
		if offset < 0 || offset > int64(len(content)) {
			return
		}
		path := filepath.Join(t.TempDir(), "f.log")
		must(t, os.WriteFile(path, content, 0o600))
		r, err := Open(path, offset)
		if err != nil {
			return // e.g. a broken gzip header
		}
		defer r.Close()
		for {
			line, err := r.Next(true)
			if err != nil {
				break
			}
			if bytes.ContainsRune(line, '\n') {
				t.Fatalf("line contains a newline: %q", line)
			}
		}
	})
}

func BenchmarkReader(b *testing.B) {
	path := filepath.Join(b.TempDir(), "bench.log")
	line := `date=2026-11-23 time=09:41:12 devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=192.168.1.23 dstip=198.51.100.80 action="accept"` + "\n"
	if err := os.WriteFile(path, []byte(strings.Repeat(line, 100000)), 0o600); err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(line) * 100000))
	for b.Loop() {
		r, err := Open(path, 0)
		if err != nil {
			b.Fatal(err)
		}
		for {
			if _, err := r.Next(true); err != nil {
				break
			}
		}
		r.Close()
	}
	b.ReportMetric(float64(b.N)*100000/b.Elapsed().Seconds(), "lines/s")
}
