package main

import (
	"bytes"
	"errors"
	"io"
)

// batchBytes is how much text batchReader reads at once: about 350
// FortiGate lines.
const batchBytes = 256 << 10

// batchLines bounds the lines of a batch, and so the events it becomes.
const batchLines = 4096

var newline = []byte{'\n'}

// batchReader reads its input in batches of whole lines, straight into
// the caller's buffer: the lines are found later, by lineSpans, on the
// worker that parses them, so the one goroutine that reads does little
// more than read. Together they cut the input into the same lines as
// eachLine.
type batchReader struct {
	r     io.Reader
	carry []byte // the start of the next batch's first line
	eof   bool
}

// next fills buf with the next whole lines of the input (the last line of
// the input may lack its line end) and returns it; cut says buf is the
// first maxLineBytes of a line too long to keep whole, whose rest was
// skipped. An empty text means the input is over.
func (b *batchReader) next(buf []byte) (text []byte, cut bool, err error) {
	text = append(buf[:0], b.carry...)
	b.carry = b.carry[:0]
	if text, err = b.fill(text, batchBytes); err != nil {
		return nil, false, err
	}
	if n := bytes.Count(text, newline); n > batchLines {
		// Short lines: a batch of batchBytes would hold so many that their
		// events took far more memory than their text.
		end := 0
		for range batchLines {
			end += bytes.IndexByte(text[end:], '\n') + 1
		}
		b.carry = append(b.carry, text[end:]...)
		return text[:end], false, nil
	}
	if b.eof {
		return text, false, nil
	}
	if k := bytes.LastIndexByte(text, '\n'); k >= 0 {
		b.carry = append(b.carry, text[k+1:]...)
		return text[:k+1], false, nil
	}
	// No line end in a whole batch: one long line. Read on to its end,
	// or until it is surely longer than what is kept of a line (its line
	// end and a carriage return aside).
	for {
		from := len(text)
		if text, err = b.fill(text, min(2*len(text), maxLineBytes+2)); err != nil || b.eof {
			return text, false, err
		}
		if k := bytes.IndexByte(text[from:], '\n'); k >= 0 {
			b.carry = append(b.carry, text[from+k+1:]...)
			return text[:from+k+1], false, nil
		}
		if len(text) >= maxLineBytes+2 {
			break
		}
	}
	// Keep maxLineBytes of it; skip the rest, up to its line end, read
	// into the space behind what is kept.
	if cap(text) < maxLineBytes+batchBytes {
		text = append(make([]byte, 0, maxLineBytes+batchBytes), text[:maxLineBytes]...)
	}
	rest := text[maxLineBytes:maxLineBytes]
	for {
		n, rerr := b.r.Read(rest[:cap(rest)])
		if k := bytes.IndexByte(rest[:n], '\n'); k >= 0 {
			b.carry = append(b.carry, rest[k+1:n]...)
			break
		}
		if errors.Is(rerr, io.EOF) {
			b.eof = true
			break
		}
		if rerr != nil {
			return nil, false, rerr
		}
	}
	return text[:maxLineBytes], true, nil
}

// fill reads into text until it holds size bytes or the input ends.
func (b *batchReader) fill(text []byte, size int) ([]byte, error) {
	if cap(text) < size {
		text = append(make([]byte, 0, size), text...)
	}
	for len(text) < size {
		n, err := b.r.Read(text[len(text):size])
		text = text[:len(text)+n]
		if errors.Is(err, io.EOF) {
			b.eof = true
			return text, nil
		}
		if err != nil {
			return nil, err
		}
	}
	return text, nil
}

// lineSpan is where one line lies in a batch's text, without its line end.
type lineSpan struct{ start, end int }

// lineSpans appends to spans the lines of a batch from batchReader, as
// eachLine cuts them: without "\n" or "\r\n", at most maxLineBytes each,
// a last line without line end kept unless it is empty.
func lineSpans(text []byte, cut bool, spans []lineSpan) []lineSpan {
	if cut {
		return append(spans, lineSpan{0, len(text)})
	}
	for start := 0; start < len(text); {
		end, next := len(text), len(text)
		nl := bytes.IndexByte(text[start:], '\n')
		if nl >= 0 {
			end = start + nl
			next = end + 1
		}
		if end > start && text[end-1] == '\r' {
			end--
		}
		end = min(end, start+maxLineBytes)
		if nl >= 0 || end > start {
			spans = append(spans, lineSpan{start, end})
		}
		start = next
	}
	return spans
}
