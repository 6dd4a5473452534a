package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
)

// frameAll reads every message of r: the messages, how many were skipped
// as oversize, and the error that ended the stream.
func frameAll(r io.Reader, max int, f framing) (msgs []string, oversize int, err error) {
	fr := newFrameReader(r, max, f)
	for {
		msg, err := fr.next()
		switch {
		case err == nil:
			msgs = append(msgs, string(msg))
		case errors.Is(err, errOversize):
			oversize++
		default:
			return msgs, oversize, err
		}
	}
}

func TestFrameReader(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		in       string
		max      int
		want     []string
		oversize int
		err      error
	}{
		{name: "newline", in: "<13>a\n<13>b\n", want: []string{"<13>a", "<13>b"}, err: io.EOF},
		{name: "crlf", in: "a\r\nb\r\n", want: []string{"a", "b"}, err: io.EOF},
		{name: "unterminated last line", in: "a\nb", want: []string{"a", "b"}, err: io.EOF},
		{name: "empty lines skipped", in: "\n\na\n\n", want: []string{"a"}, err: io.EOF},
		{name: "header-less line starting with a date", in: "2024-05-01 12:00:00 x\n", want: []string{"2024-05-01 12:00:00 x"}, err: io.EOF},
		{name: "digits only", in: "123", want: []string{"123"}, err: io.EOF},
		{name: "digit lines", in: "123\n456\n", want: []string{"123", "456"}, err: io.EOF},
		{name: "octet counting", in: "5 hello6 world!", want: []string{"hello", "world!"}, err: io.EOF},
		{name: "octet keeps inner newlines", in: "11 line1\nline2", want: []string{"line1\nline2"}, err: io.EOF},
		{name: "octet trailer inside count", in: "6 hello\n7 hello\x00\n", want: []string{"hello", "hello"}, err: io.EOF},
		{name: "octet line break between frames", in: "5 hello\r\n5 world", want: []string{"hello", "world"}, err: io.EOF},
		{name: "octet exactly max", in: "8 abcdefgh", max: 8, want: []string{"abcdefgh"}, err: io.EOF},
		{name: "octet oversize skipped", in: "5 hello20 aaaaaaaaaaaaaaaaaaaa5 world", max: 8, want: []string{"hello", "world"}, oversize: 1, err: io.EOF},
		{name: "newline exactly max", in: "abcdefgh\n", max: 8, want: []string{"abcdefgh"}, err: io.EOF},
		{name: "newline oversize skips to next line", in: "hello\n" + strings.Repeat("a", 40) + "\nworld\n", max: 8, want: []string{"hello", "world"}, oversize: 1, err: io.EOF},
		{name: "newline oversize unterminated", in: "hello\n" + strings.Repeat("a", 40), max: 8, want: []string{"hello"}, oversize: 1, err: io.EOF},
		{name: "octet malformed", in: "5 hellox", want: []string{"hello"}, err: errMalformedFrame},
		{name: "octet zero length", in: "5 hello0 ", want: []string{"hello"}, err: errMalformedFrame},
		{name: "octet truncated message", in: "10 hello", err: io.ErrUnexpectedEOF},
		{name: "octet truncated length", in: "5 hello12", want: []string{"hello"}, err: io.ErrUnexpectedEOF},
		{name: "octet truncated oversize", in: "50 hello", max: 8, err: io.ErrUnexpectedEOF},
		{name: "octet length of ten digits", in: "5 hello1234567890 x", want: []string{"hello"}, err: errMalformedFrame},
	}
	readers := []struct {
		name string
		wrap func(io.Reader) io.Reader
	}{
		{"whole", func(r io.Reader) io.Reader { return r }},
		{"one byte per read", iotest.OneByteReader},
		{"half per read", iotest.HalfReader},
	}
	for _, tt := range tests {
		for _, rd := range readers {
			t.Run(tt.name+"/"+rd.name, func(t *testing.T) {
				t.Parallel()
				max := tt.max
				if max == 0 {
					max = 64
				}
				msgs, oversize, err := frameAll(rd.wrap(strings.NewReader(tt.in)), max, framingAuto)
				if !slices.Equal(msgs, tt.want) {
					t.Errorf("messages %q, want %q", msgs, tt.want)
				}
				if oversize != tt.oversize {
					t.Errorf("oversize %d, want %d", oversize, tt.oversize)
				}
				if !errors.Is(err, tt.err) {
					t.Errorf("error %v, want %v", err, tt.err)
				}
			})
		}
	}
}

// fuzzFrameMax is small so that fuzzing reaches the size limit often.
const fuzzFrameMax = 32

// checkArbitraryStream reads any bytes in the given framing and checks
// what the reader promises: it ends, keeps to the size limit, and fails
// only in the ways its callers handle.
func checkArbitraryStream(t *testing.T, data []byte, f framing) {
	fr := newFrameReader(bytes.NewReader(data), fuzzFrameMax, f)
	for calls := 0; ; calls++ {
		if calls > len(data)+1 {
			t.Fatalf("no end after %d calls on %d bytes", calls, len(data))
		}
		msg, err := fr.next()
		switch {
		case err == nil:
			if len(msg) == 0 || len(msg) > fuzzFrameMax {
				t.Fatalf("message of %d bytes, limit %d", len(msg), fuzzFrameMax)
			}
			if trimmed := trimTrailer(msg); len(trimmed) != len(msg) {
				t.Fatalf("message %q keeps its trailer", msg)
			}
			if f == framingNewline && bytes.IndexByte(msg, '\n') >= 0 {
				t.Fatalf("newline-framed message %q holds a newline", msg)
			}
		case errors.Is(err, errOversize):
		case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, errMalformedFrame):
			return
		default:
			t.Fatalf("unexpected error %v", err)
		}
	}
}

// splitMessages cuts fuzz data into messages and the results the reader
// must give for them: the trimmed text, or "" for an oversize one.
func splitMessages(data []byte) (parts [][]byte, want []string) {
	for p := range bytes.SplitSeq(data, []byte{0xff}) {
		if len(p) > fuzzFrameMax {
			parts, want = append(parts, p), append(want, "")
			continue
		}
		if t := trimTrailer(p); len(t) > 0 {
			parts, want = append(parts, p), append(want, string(t))
		}
	}
	return parts, want
}

// frameResults reads r like frameAll, recording an oversize message as "".
func frameResults(t *testing.T, r io.Reader, f framing) []string {
	fr := newFrameReader(r, fuzzFrameMax, f)
	var got []string
	for {
		msg, err := fr.next()
		switch {
		case err == nil:
			got = append(got, string(msg))
		case errors.Is(err, errOversize):
			got = append(got, "")
		case errors.Is(err, io.EOF):
			return got
		default:
			t.Fatalf("unexpected error %v after %q", err, got)
		}
	}
}

func FuzzOctetFraming(f *testing.F) {
	for _, seed := range []string{
		"5 hello6 world!", "11 line1\nline2", "5 hello\r\n5 world", "99999999999 x",
		"0 ", "1", "12 short", "5 hellox", "3 abc\xff<13>1 2024-05-01T00:00:00Z host app - - - msg",
		strings.Repeat("a", 40) + "\xffb",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkArbitraryStream(t, data, framingOctetCounting)
		checkArbitraryStream(t, data, framingAuto)

		// Round trip: any messages, octet-counted, come back as sent.
		parts, want := splitMessages(data)
		var stream bytes.Buffer
		for _, p := range parts {
			fmt.Fprintf(&stream, "%d %s", len(p), p)
		}
		for _, r := range []io.Reader{bytes.NewReader(stream.Bytes()), iotest.OneByteReader(bytes.NewReader(stream.Bytes()))} {
			if got := frameResults(t, r, framingAuto); !slices.Equal(got, want) {
				t.Fatalf("round trip of %q: got %q, want %q", stream.Bytes(), got, want)
			}
		}
	})
}

func FuzzNewlineFraming(f *testing.F) {
	for _, seed := range []string{
		"<13>a\n<13>b\n", "a\r\nb", "\n\n\x00\n", "2024-05-01 x\n", "5 hello",
		strings.Repeat("a", 40) + "\nb\n", "date=2024-05-01 time=12:00:00 devname=\"FGT\"\xff[INSPECT] x",
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkArbitraryStream(t, data, framingNewline)

		// Round trip: messages without newlines, one per line, come back
		// as sent, minus trailers and empty lines.
		var parts [][]byte
		for p := range bytes.SplitSeq(bytes.ReplaceAll(data, []byte{'\n'}, nil), []byte{0xff}) {
			parts = append(parts, p)
		}
		stream := bytes.Join(parts, []byte{'\n'})
		_, want := splitMessages(bytes.ReplaceAll(stream, []byte{'\n'}, []byte{0xff}))
		for _, r := range []io.Reader{bytes.NewReader(stream), iotest.OneByteReader(bytes.NewReader(stream))} {
			if got := frameResults(t, r, framingNewline); !slices.Equal(got, want) {
				t.Fatalf("round trip of %q: got %q, want %q", stream, got, want)
			}
		}
	})
}
