package main

import (
	"bytes"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
)

// jitteryReader hands out its data in reads of random sizes, as pipes
// and gzip do.
type jitteryReader struct {
	data []byte
	rng  *rand.Rand
}

func (r *jitteryReader) Read(p []byte) (int, error) {
	if len(r.data) == 0 {
		return 0, io.EOF
	}
	n := copy(p[:min(len(p), 1+r.rng.IntN(300_000))], r.data)
	r.data = r.data[n:]
	return n, nil
}

// batchLinesOf cuts in into lines the way parseEvents does.
func batchLinesOf(t *testing.T, in io.Reader) []string {
	t.Helper()
	br := batchReader{r: in}
	var lines []string
	var buf []byte
	var spans []lineSpan
	for {
		text, cut, err := br.next(buf)
		if err != nil {
			t.Fatal(err)
		}
		if len(text) == 0 {
			return lines
		}
		spans = lineSpans(text, cut, spans[:0])
		for _, s := range spans {
			lines = append(lines, string(text[s.start:s.end]))
		}
		buf = text
	}
}

// TestBatchReaderCutsLikeEachLine reads inputs of every kind of line
// (blank, CRLF, no final line end, longer than a batch, longer than what
// is kept of a line, runs of short lines) through batchReader and
// eachLine, in reads of random sizes: both must give the same lines.
func TestBatchReaderCutsLikeEachLine(t *testing.T) {
	t.Parallel()
	long := func(n int, c string) string { return strings.Repeat(c, n) }
	tests := []struct {
		name string
		in   string
	}{
		{"empty", ""},
		{"no final newline", "ab\ncd"},
		{"crlf and blank lines", "ab\r\n\r\n\ncd\r\nef\r"},
		{"only a carriage return at the end", "ab\n\r"},
		{"lines across batches", strings.Repeat("date=2026-11-16 time=00:00:15 logid=\"0001000014\" type=\"traffic\"\n", 20_000)},
		{"runs of blank lines", strings.Repeat("\n", 3*batchLines+5) + "x\n" + strings.Repeat("a\r\n", batchLines+1)},
		{"a line longer than a batch", "a\n" + long(batchBytes+100, "b") + "\nc\n"},
		{"kept whole at the limit", long(maxLineBytes, "d") + "\r\n" + long(maxLineBytes+1, "e") + "\nf"},
		{"too long, cut", "g\n" + long(maxLineBytes+3, "h") + "\r\ni\n" + long(3*maxLineBytes, "j") + "\n\nk"},
		{"too long at the end", "l\n" + long(maxLineBytes+batchBytes, "m")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var want []string
			if err := eachLine(strings.NewReader(tt.in), func(line []byte) error {
				want = append(want, string(line))
				return nil
			}); err != nil {
				t.Fatal(err)
			}
			for seed := range uint64(3) {
				got := batchLinesOf(t, &jitteryReader{data: []byte(tt.in), rng: rand.New(rand.NewPCG(seed, 7))})
				if len(got) != len(want) {
					t.Fatalf("seed %d: %d lines, want %d", seed, len(got), len(want))
				}
				for i := range got {
					if got[i] != want[i] {
						t.Fatalf("seed %d: line %d is %d bytes %q…, want %d bytes %q…", seed, i,
							len(got[i]), got[i][:min(len(got[i]), 20)], len(want[i]), want[i][:min(len(want[i]), 20)])
					}
				}
			}
			for _, l := range want {
				if len(l) > maxLineBytes {
					t.Errorf("eachLine kept a line of %d bytes", len(l))
				}
			}
		})
	}
}

// BenchmarkBatchReader reads generated FortiGate text in batches and
// finds its lines, the reading half of parseEvents, in lines/s.
func BenchmarkBatchReader(b *testing.B) {
	data := bytes.Repeat([]byte(`date=2026-11-16 time=00:00:15 devname="FGT60F-HONSHA" logid="0001000014" type="traffic" subtype="local" srcip=98.100.61.164 dstip=198.51.100.40 action="deny"`+"\n"), 100_000)
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var buf []byte
	var spans []lineSpan
	for b.Loop() {
		br := batchReader{r: bytes.NewReader(data)}
		for {
			text, cut, err := br.next(buf)
			if err != nil {
				b.Fatal(err)
			}
			if len(text) == 0 {
				break
			}
			spans = lineSpans(text, cut, spans[:0])
			buf = text
		}
	}
	b.ReportMetric(float64(100_000*b.N)/b.Elapsed().Seconds(), "lines/s")
}
