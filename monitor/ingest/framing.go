package ingest

// The stream framing is written here rather than taken from
// github.com/leodido/go-syslog/v4 (looked at: v4.5.0, octetcounting and
// nontransparent). That library frames and parses in one step: its
// parsers hand back a parsed syslog.Message, not the raw bytes, and its
// octetcounting.Scanner keeps the frame bytes in an unexported field. It
// also refuses frames whose content does not start with '<', which the
// header-less lines FortiGate and Yamaha RTX send do, and stops at an
// oversize frame instead of skipping it. Kizuki needs the raw text (the
// archive is the evidence; parsing happens later, per vendor) and a
// reader that skips and counts an oversize frame and keeps going, so the
// library would be used only for what it cannot give. The framing itself
// is small: RFC 6587 section 3.4.1 (octet counting, also RFC 5425 section
// 4.3) and section 3.4.2 (non-transparent, LF trailer).

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// framing is how messages are delimited on a stream.
type framing int

const (
	// framingAuto decides on the first bytes of the stream: a nonzero
	// digit run followed by a space is an octet count, anything else is
	// newline framing.
	framingAuto framing = iota
	// framingOctetCounting is "MSG-LEN SP SYSLOG-MSG", RFC 6587 3.4.1.
	framingOctetCounting
	// framingNewline is "SYSLOG-MSG LF", RFC 6587 3.4.2.
	framingNewline
)

// maxLenDigits bounds the MSG-LEN field: nine digits are enough for any
// size limit Kizuki accepts and keep the value inside an int everywhere.
const maxLenDigits = 9

var (
	// errOversize reports a message longer than the size limit. The
	// message has been skipped; the next one can be read.
	errOversize = errors.New("message exceeds the size limit")
	// errMalformedFrame reports an octet-counting stream that lost its
	// framing. The stream cannot be resynchronised and must be closed.
	errMalformedFrame = errors.New("malformed octet-counting frame")
)

// frameReader reads syslog messages off a byte stream.
type frameReader struct {
	r       *bufio.Reader
	max     int
	framing framing
}

// newFrameReader reads messages of at most max bytes from r.
func newFrameReader(r io.Reader, max int, f framing) *frameReader {
	// A newline-framed message of max bytes needs max+1 bytes of buffer
	// with its LF; an octet-counted one is peeked whole.
	return &frameReader{r: bufio.NewReaderSize(r, max+1), max: max, framing: f}
}

// next returns the next message without its framing and without trailing
// CR, LF or NUL bytes. The slice is valid until the following call.
// Errors: io.EOF at a clean end of stream, errOversize (skipped, call
// again), errMalformedFrame (give up), or the underlying reader's error.
func (f *frameReader) next() ([]byte, error) {
	if f.framing == framingAuto {
		if err := f.detect(); err != nil {
			return nil, err
		}
	}
	if f.framing == framingOctetCounting {
		return f.nextOctetCounted()
	}
	return f.nextLine()
}

// detect looks at the first bytes of the stream without consuming them.
func (f *frameReader) detect() error {
	b, err := f.r.Peek(1)
	if err != nil {
		return err
	}
	f.framing = framingNewline
	if !isNonZeroDigit(b[0]) {
		return nil
	}
	for i := 1; i <= maxLenDigits; i++ {
		b, err := f.r.Peek(i + 1)
		if len(b) <= i {
			if errors.Is(err, io.EOF) {
				return nil // a stream of only digits: one unterminated line
			}
			return err
		}
		switch c := b[i]; {
		case c == ' ':
			f.framing = framingOctetCounting
			return nil
		case !isDigit(c):
			return nil
		}
	}
	return nil
}

func (f *frameReader) nextOctetCounted() ([]byte, error) {
	for {
		msg, err := f.readOctetFrame()
		if err != nil {
			return nil, err
		}
		// A frame of only a trailer carries nothing, like an empty line.
		if msg = trimTrailer(msg); len(msg) > 0 {
			return msg, nil
		}
	}
}

// readOctetFrame reads one "MSG-LEN SP SYSLOG-MSG" frame.
func (f *frameReader) readOctetFrame() ([]byte, error) {
	c, err := f.r.ReadByte()
	// Some senders put a line break between frames; it carries nothing.
	for err == nil && (c == '\n' || c == '\r') {
		c, err = f.r.ReadByte()
	}
	if err != nil {
		return nil, err
	}
	if !isNonZeroDigit(c) {
		return nil, errMalformedFrame
	}
	n := int(c - '0')
	for digits := 1; ; digits++ {
		c, err = f.r.ReadByte()
		if err != nil {
			return nil, unexpectedEOF(err)
		}
		if c == ' ' {
			break
		}
		if !isDigit(c) || digits == maxLenDigits {
			return nil, errMalformedFrame
		}
		n = n*10 + int(c-'0')
	}
	if n > f.max {
		if _, err := f.r.Discard(n); err != nil {
			return nil, unexpectedEOF(err)
		}
		return nil, errOversize
	}
	msg, err := f.r.Peek(n)
	if err != nil {
		return nil, unexpectedEOF(err)
	}
	_, _ = f.r.Discard(n) // cannot fail: the n bytes are buffered
	return msg, nil
}

func (f *frameReader) nextLine() ([]byte, error) {
	for {
		line, err := f.r.ReadSlice('\n')
		switch {
		case err == nil:
			if len(line)-1 > f.max { // bufio's minimum size can exceed a tiny limit
				return nil, errOversize
			}
			if line = trimTrailer(line); len(line) > 0 {
				return line, nil
			}
		case errors.Is(err, bufio.ErrBufferFull):
			// Longer than the limit: skip to the end of this line.
			for errors.Is(err, bufio.ErrBufferFull) {
				_, err = f.r.ReadSlice('\n')
			}
			if err != nil && !errors.Is(err, io.EOF) {
				return nil, err
			}
			return nil, errOversize
		case errors.Is(err, io.EOF) && len(line) > 0:
			// The sender closed cleanly after an unterminated last line.
			if len(line) > f.max {
				return nil, errOversize
			}
			if line = trimTrailer(line); len(line) > 0 {
				return line, nil
			}
			return nil, io.EOF
		default:
			return nil, err
		}
	}
}

// trimTrailer drops the line ending (LF, CRLF) and NUL trailers some
// senders add, inside or outside the octet count.
func trimTrailer(b []byte) []byte {
	return bytes.TrimRight(b, "\r\n\x00")
}

// unexpectedEOF turns an end of stream inside a frame into
// io.ErrUnexpectedEOF so callers do not mistake it for a clean end.
func unexpectedEOF(err error) error {
	if errors.Is(err, io.EOF) {
		return io.ErrUnexpectedEOF
	}
	return err
}

func isDigit(c byte) bool        { return '0' <= c && c <= '9' }
func isNonZeroDigit(c byte) bool { return '1' <= c && c <= '9' }
