// Package logfile reads log files for `kizuki import`: plain or gzip,
// line by line from a byte offset, with an identity that tells a file from
// the one that replaced it after rotation, and a follower that tails a
// growing file across rotations.
package logfile

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"time"
)

// MaxLine bounds one line; the rest of a longer line is skipped (and its
// bytes still counted in the offset), so a file without newlines cannot
// exhaust memory.
const MaxLine = 1 << 20

// headBytes is how much of a file's start its identity hashes.
const headBytes = 4096

// Identity returns a string that stays the same while a file only grows
// and changes when it is replaced: the OS file id where there is one
// (device and inode), and a hash of its first line.
func Identity(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", fmt.Errorf("identify %s: %w", path, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return "", fmt.Errorf("identify %s: %w", path, err)
	}
	head := make([]byte, headBytes)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("identify %s: %w", path, err)
	}
	// Hash only what stays the same while the file grows: its first line
	// (at most headBytes of it); nothing while that line is incomplete.
	if i := bytes.IndexByte(head[:n], '\n'); i >= 0 {
		n = i + 1
	} else if n < headBytes {
		n = 0
	}
	sum := sha256.Sum256(head[:n])
	return fileID(fi) + ":" + hex.EncodeToString(sum[:8]), nil
}

// Reader reads the lines of one file from an offset. Offsets count the
// bytes of the file's content: for gzip files, the uncompressed bytes.
type Reader struct {
	f      *os.File
	br     *bufio.Reader
	offset int64
	gzip   bool
	long   []byte
}

// Open opens path (gzip or plain, told by its first bytes) positioned at
// offset.
func Open(path string, offset int64) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	r := &Reader{f: f}
	br := bufio.NewReaderSize(f, 256<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			f.Close()
			return nil, fmt.Errorf("open %s: read gzip header: %w", path, err)
		}
		r.gzip = true
		r.br = bufio.NewReaderSize(zr, 256<<10)
		if _, err := io.CopyN(io.Discard, r.br, offset); err != nil {
			f.Close()
			return nil, fmt.Errorf("open %s: skip to offset %d: %w", path, offset, err)
		}
	} else {
		if _, err := f.Seek(offset, io.SeekStart); err != nil {
			f.Close()
			return nil, fmt.Errorf("open %s: seek to %d: %w", path, offset, err)
		}
		r.br = bufio.NewReaderSize(f, 256<<10)
	}
	r.offset = offset
	return r, nil
}

// Gzip reports whether the file is gzip-compressed.
func (r *Reader) Gzip() bool { return r.gzip }

// Offset is where the next line starts.
func (r *Reader) Offset() int64 { return r.offset }

// Close closes the file.
func (r *Reader) Close() error { return r.f.Close() }

// Next returns the next complete line without its line ending, valid until
// the next call. At the end of the file it returns io.EOF; a last line
// without a newline is returned only when final is true (a finished file),
// since a growing file may still complete it.
func (r *Reader) Next(final bool) ([]byte, error) {
	for {
		chunk, err := r.br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			if len(r.long)+len(chunk) <= MaxLine {
				r.long = append(r.long, chunk...)
			}
			r.offset += int64(len(chunk))
			continue
		case errors.Is(err, io.EOF):
			if len(chunk) == 0 && r.long == nil {
				return nil, io.EOF
			}
			if !final {
				// Leave the partial line for a later read.
				r.offset -= int64(len(r.long))
				r.long = nil
				if err := r.rewind(); err != nil {
					return nil, err
				}
				return nil, io.EOF
			}
		case err != nil:
			return nil, fmt.Errorf("read line at offset %d: %w", r.offset, err)
		}
		r.offset += int64(len(chunk))
		line := chunk
		if r.long != nil {
			if len(r.long)+len(chunk) <= MaxLine {
				r.long = append(r.long, chunk...)
			}
			line, r.long = r.long, nil
		}
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		if len(line) > MaxLine {
			line = line[:MaxLine]
		}
		return line, nil
	}
}

// rewind repositions a plain file at r.offset after a partial read.
func (r *Reader) rewind() error {
	if r.gzip {
		return nil // gzip files are finished files: final is always true
	}
	if _, err := r.f.Seek(r.offset, io.SeekStart); err != nil {
		return fmt.Errorf("seek to %d: %w", r.offset, err)
	}
	r.br.Reset(r.f)
	return nil
}

// Handler receives what Follow reads.
type Handler interface {
	// Line is called for every complete line with the offset after it.
	Line(line []byte, end int64) error
	// Rotated is called when the file was replaced or truncated, after
	// the old file was read to its end, before the new one's lines.
	Rotated(identity string) error
	// Idle is called at every poll that found nothing new.
	Idle() error
}

// Follow tails path from offset until ctx ends, passing what it reads to
// h. When the file is replaced (rotated: its identity changes) or
// truncated, it reads the rest of the old file, then continues with the new
// one from its start. poll is how often it looks for new data.
func Follow(ctx context.Context, path string, offset int64, poll time.Duration, h Handler) error {
	id, err := Identity(path)
	if err != nil {
		return err
	}
	r, err := Open(path, offset)
	if err != nil {
		return err
	}
	defer func() { r.Close() }()
	tick := time.NewTicker(poll)
	defer tick.Stop()
	for {
		read := false
		for {
			line, err := r.Next(false)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				return err
			}
			read = true
			if err := h.Line(line, r.Offset()); err != nil {
				return err
			}
		}
		if !read {
			if err := h.Idle(); err != nil {
				return err
			}
		}
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
		}
		newID, err := Identity(path)
		if err != nil {
			continue // between rename and create: look again next tick
		}
		fi, err := os.Stat(path)
		if err != nil {
			continue
		}
		if newID == id && fi.Size() >= r.Offset() {
			continue
		}
		// Rotated or truncated: the old file has been read to its end.
		r.Close()
		if r, err = Open(path, 0); err != nil {
			return err
		}
		id = newID
		if err := h.Rotated(id); err != nil {
			return err
		}
	}
}
