package main

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/loggen"
	"github.com/kizuki-app/kizuki/monitor/parse"
)

func TestEachLine(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", maxLineBytes+10)
	tests := []struct {
		name string
		in   string
		want []int // line lengths
	}{
		{"empty input", "", nil},
		{"no final newline", "ab\ncd", []int{2, 2}},
		{"final newline", "ab\ncd\n", []int{2, 2}},
		{"crlf", "ab\r\ncd\r\n", []int{2, 2}},
		{"blank line in between keeps one-to-one", "ab\n\ncd\n", []int{2, 0, 2}},
		{"oversize line is cut, next line kept", long + "\nok\n", []int{maxLineBytes, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var got []int
			err := eachLine(strings.NewReader(tt.in), func(line []byte) error {
				got = append(got, len(line))
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != len(tt.want) {
				t.Fatalf("lines %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("line %d: %d bytes, want %d", i, got[i], tt.want[i])
				}
			}
		})
	}
}

func TestParseCommandOneObjectPerLine(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	lines := "first line\n\nthird line with invalid UTF-8 \xff\xfe\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(lines))
	zw.Close()
	plain, zipped := filepath.Join(dir, "a.log"), filepath.Join(dir, "a.log.gz")
	must(t, os.WriteFile(plain, []byte(lines), 0o600))
	must(t, os.WriteFile(zipped, gz.Bytes(), 0o600))

	for _, file := range []string{plain, zipped, "-"} {
		var stdout, stderr bytes.Buffer
		e := docEnv(&stdout, &stderr)
		e.stdin = strings.NewReader(lines)
		if code := run([]string{"parse", file}, e); code != 0 {
			t.Fatalf("parse %s: exit %d: %s", file, code, stderr.String())
		}
		out := strings.Split(strings.TrimSuffix(stdout.String(), "\n"), "\n")
		if len(out) != 3 {
			t.Fatalf("parse %s: %d objects for 3 lines:\n%s", file, len(out), stdout.String())
		}
		for i, o := range out {
			var ev map[string]any
			if err := json.Unmarshal([]byte(o), &ev); err != nil {
				t.Fatalf("parse %s line %d: %v: %s", file, i, err, o)
			}
			if ev["vendor"] != "unknown" || ev["kind"] != "unknown" || ev["malformed"] != true {
				t.Errorf("parse %s line %d: %v", file, i, ev)
			}
		}
	}
}

func TestParseCommandErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"parse", "--lang", "en"}, 2, "Give the name of one log file"},
		{[]string{"parse", "a", "b", "--lang", "en"}, 2, `"b" is one argument too many`},
		{[]string{"parse", "--vendor", "netgear", "-", "--lang", "en"}, 2, "Device type netgear is not supported"},
		{[]string{"parse", "/nonexistent/x.log", "--lang", "en"}, 1, "Could not open the file /nonexistent/x.log"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		if code := run(tt.args, docEnv(&stdout, &stderr)); code != tt.code || !strings.Contains(stderr.String(), tt.msg) {
			t.Errorf("kizuki %q: exit %d, stderr %q; want %d and %q", tt.args, code, stderr.String(), tt.code, tt.msg)
		}
	}
}

// BenchmarkParseTo measures the parse pipeline (read, detect, parse,
// encode, write in order) over generated FortiGate lines, in lines/s.
func BenchmarkParseTo(b *testing.B) {
	var buf bytes.Buffer
	if _, err := loggen.Generate(loggen.Config{Vendor: monitor.VendorFortiGate, Days: 2, Lines: 100000, Seed: 1}, &buf); err != nil {
		b.Fatal(err)
	}
	data := buf.Bytes()
	lines := bytes.Count(data, []byte{'\n'})
	b.SetBytes(int64(len(data)))
	b.ResetTimer()
	for b.Loop() {
		var counts parseCounts
		if err := parseTo(io.Discard, bytes.NewReader(data), parse.New, &counts, "bench", time.Now); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(lines)*float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// TestParseToKeepsOrderAcrossBatches runs enough lines through parseTo
// for its output buffers to be reused many times over: every line must
// come out once, in input order.
func TestParseToKeepsOrderAcrossBatches(t *testing.T) {
	t.Parallel()
	const n = 20*parseBatch + 7
	var in strings.Builder
	for i := range n {
		fmt.Fprintf(&in, "<134>Jan  2 10:11:12 host app: line %d\n", i)
	}
	var out bytes.Buffer
	var counts parseCounts
	if err := parseTo(&out, strings.NewReader(in.String()), parse.New, &counts, "order", time.Now); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSuffix(out.String(), "\n"), "\n")
	if len(lines) != n {
		t.Fatalf("got %d lines, want %d", len(lines), n)
	}
	for i, l := range lines {
		var ev struct{ Raw string }
		if err := json.Unmarshal([]byte(l), &ev); err != nil {
			t.Fatalf("line %d: %v", i, err)
		}
		if want := fmt.Sprintf("line %d", i); !strings.HasSuffix(ev.Raw, want) {
			t.Fatalf("line %d holds %q, want it to end in %q", i, ev.Raw, want)
		}
	}
}
