package ingest

import (
	"bufio"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// errMalformedRecord reports an archive line that is not four
// tab-separated fields with a valid time.
var errMalformedRecord = errors.New("malformed archive record")

// countingReader counts the bytes read through it. It is an io.ByteReader
// so that gzip and flate read from it directly, without a buffer of their
// own, and the count is exactly where a member ends.
type countingReader struct {
	r *bufio.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

func (c *countingReader) ReadByte() (byte, error) {
	b, err := c.r.ReadByte()
	if err == nil {
		c.n++
	}
	return b, err
}

// memberStream reads the decompressed content of consecutive gzip
// members, stopping quietly at the first torn or corrupt one.
type memberStream struct {
	cr *countingReader
	zr *gzip.Reader
	// end is the offset just past the last complete member.
	end int64
	// started reports whether the first member header has been read.
	started bool
	// torn reports that reading stopped at an incomplete member.
	torn bool
	done bool
	err  error
}

func newMemberStream(r io.Reader) *memberStream {
	return &memberStream{cr: &countingReader{r: bufio.NewReaderSize(r, 64<<10)}}
}

// Read returns decompressed bytes; io.EOF after the last readable one.
// Bytes of a torn member are returned up to where it breaks.
func (m *memberStream) Read(p []byte) (int, error) {
	for !m.done {
		if !m.nextHeader() {
			break
		}
		n, err := m.zr.Read(p)
		switch {
		case err == nil:
			return n, nil
		case errors.Is(err, io.EOF):
			// Member complete, its checksum verified.
			m.end = m.cr.n
			m.started = false
			if n > 0 {
				return n, nil
			}
		default:
			m.done = true
			if isDataError(err) {
				m.torn = true
			} else {
				m.err = err
			}
			if n > 0 {
				return n, nil
			}
		}
	}
	if m.err != nil {
		return 0, m.err
	}
	return 0, io.EOF
}

// nextHeader makes sure a member is open, reading the next header if
// needed. It reports false at the end of the stream.
func (m *memberStream) nextHeader() bool {
	if m.started {
		return true
	}
	var err error
	if m.zr == nil {
		m.zr, err = gzip.NewReader(m.cr)
	} else {
		err = m.zr.Reset(m.cr)
	}
	switch {
	case err == nil:
		m.zr.Multistream(false)
		m.started = true
		return true
	case errors.Is(err, io.EOF):
		m.done = true
	case isDataError(err):
		m.done, m.torn = true, true
	default:
		m.done, m.err = true, err
	}
	return false
}

// isDataError tells a torn or corrupt member from a failure of the
// underlying reader, which is reported rather than taken for a cut.
func isDataError(err error) bool {
	var corrupt flate.CorruptInputError
	return errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, gzip.ErrHeader) ||
		errors.Is(err, gzip.ErrChecksum) || errors.As(err, &corrupt)
}

// completeMembersEnd returns the offset just past the last complete gzip
// member of r: where appending may resume.
func completeMembersEnd(r io.Reader) (int64, error) {
	m := newMemberStream(r)
	if _, err := io.Copy(io.Discard, m); err != nil {
		return 0, fmt.Errorf("scanning archive: %w", err)
	}
	return m.end, nil
}

// ArchiveReader reads an archive file back, line by line. It tolerates a
// file cut short by a crash: every complete line before the cut is read,
// then Next reports io.EOF and Truncated reports true.
type ArchiveReader struct {
	ms      *memberStream
	br      *bufio.Reader
	partial []byte
	lineNo  int
	cut     bool
}

// NewArchiveReader reads the archive file content from r (the gzip bytes,
// as written by Archive).
func NewArchiveReader(r io.Reader) *ArchiveReader {
	ms := newMemberStream(r)
	return &ArchiveReader{ms: ms, br: bufio.NewReaderSize(ms, 64<<10)}
}

// Next returns the next line; io.EOF after the last. A record that cannot
// be read is reported with its line number and skipped; reading may go on.
func (a *ArchiveReader) Next() (monitor.Line, error) {
	rec, err := a.readRecord()
	if err != nil {
		return monitor.Line{}, err
	}
	a.lineNo++
	l, ok := parseRecord(rec)
	if !ok {
		return monitor.Line{}, fmt.Errorf("archive line %d: %w", a.lineNo, errMalformedRecord)
	}
	return l, nil
}

// Truncated reports whether the file ended inside a gzip member or a
// line, as a crash leaves it. Meaningful once Next has returned io.EOF.
func (a *ArchiveReader) Truncated() bool {
	return a.ms.torn || a.cut
}

// readRecord returns the next LF-terminated line without its LF.
func (a *ArchiveReader) readRecord() ([]byte, error) {
	a.partial = a.partial[:0]
	for {
		chunk, err := a.br.ReadSlice('\n')
		switch {
		case err == nil:
			if len(a.partial) == 0 {
				return chunk[:len(chunk)-1], nil
			}
			a.partial = append(a.partial, chunk[:len(chunk)-1]...)
			return a.partial, nil
		case errors.Is(err, bufio.ErrBufferFull):
			a.partial = append(a.partial, chunk...)
		case errors.Is(err, io.EOF):
			if len(a.partial)+len(chunk) > 0 {
				a.cut = true // a line without its LF was never complete
			}
			return nil, io.EOF
		default:
			return nil, fmt.Errorf("reading archive: %w", err)
		}
	}
}

// parseRecord reads one archive line as appendRecord wrote it.
func parseRecord(rec []byte) (monitor.Line, bool) {
	var f [4][]byte
	for i := range 3 {
		tab := bytes.IndexByte(rec, '\t')
		if tab < 0 {
			return monitor.Line{}, false
		}
		f[i], rec = rec[:tab], rec[tab+1:]
	}
	f[3] = rec
	if bytes.IndexByte(f[3], '\t') >= 0 {
		return monitor.Line{}, false
	}
	t, err := time.Parse(time.RFC3339Nano, string(f[0]))
	if err != nil {
		return monitor.Line{}, false
	}
	return monitor.Line{
		Received: t,
		Source:   unescape(f[1]),
		Sender:   unescape(f[2]),
		Text:     unescape(f[3]),
	}, true
}

// unescape reverses appendEscaped. An unknown escape is kept as it is.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '\\') < 0 {
		return string(b)
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] != '\\' || i+1 == len(b) {
			out = append(out, b[i])
			continue
		}
		switch b[i+1] {
		case '\\':
			out = append(out, '\\')
		case 't':
			out = append(out, '\t')
		case 'r':
			out = append(out, '\r')
		case 'n':
			out = append(out, '\n')
		default:
			out = append(out, b[i], b[i+1])
		}
		i++
	}
	return string(out)
}
