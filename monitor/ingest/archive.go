package ingest

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

const (
	// archiveFlushInterval bounds what a crash can lose: lines are in the
	// file, as a complete gzip member, at most this long after Write.
	archiveFlushInterval = time.Second
	// archiveMemberLimit bounds the memory one member may take before it
	// is written out early, under a burst.
	archiveMemberLimit = 1 << 20
	// archiveDateLayout names the daily files: YYYY-MM-DD.log.gz.
	archiveDateLayout = "2006-01-02"
	archiveSuffix     = ".log.gz"
)

// ArchiveDirName is the archive's folder in the data directory.
const ArchiveDirName = "archive"

// errArchiveClosed is returned by writes after Close.
var errArchiveClosed = errors.New("archive closed")

// Archive appends every received line to a daily gzip file, the record of
// evidence. A file is named YYYY-MM-DD.log.gz after the lines' receive
// date in the archive's location (NAME-YYYY-MM-DD.log.gz for a named
// archive); each line is
//
//	RFC3339Nano-received TAB source TAB sender TAB text LF
//
// with backslash, tab, CR and LF escaped as \\ \t \r \n in every field.
//
// Lines are compressed in memory and written out as one complete gzip
// member at least every second (and at Close), in a single write, so a
// crash loses at most about a second and never leaves a half-written line
// readable. Concatenated members are a valid gzip file for any reader.
// When a file is reopened (after a restart the same day), a torn member a
// crash left at its end is cut off first, so what follows stays readable.
//
// Its methods are safe for concurrent use.
type Archive struct {
	dir    string
	prefix string // before the date in file names: "" or "NAME-"
	loc    *time.Location

	mu sync.Mutex
	// file is the open day's file; dayStart and dayEnd bound its receive
	// times, [dayStart, dayEnd).
	file             *os.File
	dayStart, dayEnd time.Time
	// size is the file's length after the last complete member.
	size int64
	// member holds the compressed gzip member being built; pending counts
	// the lines in it.
	member  bytes.Buffer
	zw      *gzip.Writer
	pending int64
	scratch []byte
	closed  bool
	stats   ArchiveStats

	stop chan struct{}
	done chan struct{}
}

// ArchiveStats counts what the archive kept and lost.
type ArchiveStats struct {
	// Written counts lines written to a file as part of a complete member.
	Written int64
	// Lost counts lines that could not be written (disk full, a file that
	// would not open); they still went on to the sink.
	Lost int64
	// LastError describes the latest failure, "" if none.
	LastError string
}

// OpenArchive opens an archive in dir, creating dir (0700) if needed.
// Days are counted in loc (nil: time.Local). It starts the once-a-second
// flusher; Close stops it.
func OpenArchive(dir string, loc *time.Location) (*Archive, error) {
	return openArchive(dir, "", loc)
}

// OpenNamedArchive opens an archive whose files are named
// NAME-YYYY-MM-DD.log.gz, for a second process (such as `kizuki pull`)
// that archives into the same directory as `kizuki serve` without
// appending to its files. name must be a plain file-name part.
func OpenNamedArchive(dir, name string, loc *time.Location) (*Archive, error) {
	if name == "" || strings.ContainsAny(name, `/\`) || name == "." || name == ".." {
		return nil, fmt.Errorf("opening archive: bad name %q", name)
	}
	return openArchive(dir, name+"-", loc)
}

func openArchive(dir, prefix string, loc *time.Location) (*Archive, error) {
	if loc == nil {
		loc = time.Local
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("creating archive directory: %w", err)
	}
	a := &Archive{
		dir:    dir,
		prefix: prefix,
		loc:    loc,
		stop:   make(chan struct{}),
		done:   make(chan struct{}),
	}
	// BestSpeed: at several hundred thousand lines a second the
	// compressor is the archive's cost; higher levels gain little on logs.
	zw, err := gzip.NewWriterLevel(&a.member, gzip.BestSpeed)
	if err != nil {
		return nil, fmt.Errorf("opening archive: %w", err)
	}
	a.zw = zw
	go a.flushLoop()
	return a, nil
}

// Path returns the file that holds lines received on day (its date in
// the archive's location).
func (a *Archive) Path(day time.Time) string {
	return filepath.Join(a.dir, a.prefix+day.In(a.loc).Format(archiveDateLayout)+archiveSuffix)
}

// Write appends a line to the file of its receive day. The line is in
// the file after the next flush, at most about a second later.
func (a *Archive) Write(l monitor.Line) error {
	a.mu.Lock()
	defer a.mu.Unlock()
	if a.closed {
		a.stats.Lost++
		return fmt.Errorf("archiving line: %w", errArchiveClosed)
	}
	t := l.Received
	if a.file == nil || t.Before(a.dayStart) || !t.Before(a.dayEnd) {
		if err := a.rotateLocked(t); err != nil {
			a.stats.Lost++
			a.stats.LastError = err.Error()
			return fmt.Errorf("archiving line: %w", err)
		}
	}
	a.scratch = appendRecord(a.scratch[:0], l, a.loc)
	// Writes into a bytes.Buffer, which cannot fail.
	_, _ = a.zw.Write(a.scratch)
	a.pending++
	if a.member.Len() >= archiveMemberLimit {
		return a.flushLocked()
	}
	return nil
}

// Flush writes the lines written so far to their file.
func (a *Archive) Flush() error {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.flushLocked()
}

// Stats returns what the archive has written and lost so far.
func (a *Archive) Stats() ArchiveStats {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.stats
}

// Close flushes, syncs and closes the open file and stops the flusher.
// Writes after Close fail.
func (a *Archive) Close() error {
	a.mu.Lock()
	if a.closed {
		a.mu.Unlock()
		return nil
	}
	a.closed = true
	err := a.closeFileLocked()
	a.mu.Unlock()
	close(a.stop)
	<-a.done
	return err
}

func (a *Archive) flushLoop() {
	defer close(a.done)
	tick := time.NewTicker(archiveFlushInterval)
	defer tick.Stop()
	for {
		select {
		case <-a.stop:
			return
		case <-tick.C:
			// A failure is recorded in Stats and retried next tick.
			_ = a.Flush()
		}
	}
}

// flushLocked ends the current gzip member and writes it in one write.
// On failure the file is cut back to its last complete member and the
// member's lines are counted as lost.
func (a *Archive) flushLocked() error {
	if a.pending == 0 {
		return nil
	}
	// Closing a gzip.Writer on a bytes.Buffer cannot fail.
	_ = a.zw.Close()
	n, err := a.file.Write(a.member.Bytes())
	lines := a.pending
	a.member.Reset()
	a.zw.Reset(&a.member)
	a.pending = 0
	if err != nil {
		a.stats.Lost += lines
		if n > 0 {
			err = errors.Join(err, a.file.Truncate(a.size))
		}
		err = fmt.Errorf("writing archive %s: %w", a.file.Name(), err)
		a.stats.LastError = err.Error()
		return err
	}
	a.size += int64(n)
	a.stats.Written += lines
	return nil
}

// closeFileLocked flushes and closes the open file, if any.
func (a *Archive) closeFileLocked() error {
	if a.file == nil {
		return nil
	}
	err := a.flushLocked()
	if serr := a.file.Sync(); serr != nil {
		err = errors.Join(err, fmt.Errorf("syncing archive: %w", serr))
	}
	if cerr := a.file.Close(); cerr != nil {
		err = errors.Join(err, fmt.Errorf("closing archive: %w", cerr))
	}
	a.file = nil
	return err
}

// rotateLocked closes the open file and opens the one for t's day.
func (a *Archive) rotateLocked(t time.Time) error {
	if err := a.closeFileLocked(); err != nil {
		// The old day's last lines are counted lost; the new day goes on.
		a.stats.LastError = err.Error()
	}
	local := t.In(a.loc)
	start := time.Date(local.Year(), local.Month(), local.Day(), 0, 0, 0, 0, a.loc)
	path := filepath.Join(a.dir, a.prefix+start.Format(archiveDateLayout)+archiveSuffix)
	f, err := os.OpenFile(path, os.O_RDWR|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return fmt.Errorf("opening archive: %w", err)
	}
	size, err := repairTail(f)
	if err != nil {
		_ = f.Close()
		return fmt.Errorf("opening archive %s: %w", path, err)
	}
	a.file, a.size = f, size
	a.dayStart, a.dayEnd = start, start.AddDate(0, 0, 1)
	return nil
}

// repairTail cuts a torn gzip member off the end of an archive file, so
// members appended after it can be read, and returns the file's length.
func repairTail(f *os.File) (int64, error) {
	fi, err := f.Stat()
	if err != nil {
		return 0, err
	}
	if fi.Size() == 0 {
		return 0, nil
	}
	end, err := completeMembersEnd(io.NewSectionReader(f, 0, fi.Size()))
	if err != nil {
		return 0, err
	}
	if end < fi.Size() {
		if err := f.Truncate(end); err != nil {
			return 0, fmt.Errorf("cutting torn tail: %w", err)
		}
	}
	return end, nil
}

// appendRecord appends l as one archive line.
func appendRecord(b []byte, l monitor.Line, loc *time.Location) []byte {
	b = l.Received.In(loc).AppendFormat(b, time.RFC3339Nano)
	b = append(b, '\t')
	b = appendEscaped(b, l.Source)
	b = append(b, '\t')
	b = appendEscaped(b, l.Sender)
	b = append(b, '\t')
	b = appendEscaped(b, l.Text)
	return append(b, '\n')
}

// appendEscaped appends s with \ TAB CR LF escaped, copying runs of plain
// bytes whole since escapes are rare.
func appendEscaped(b []byte, s string) []byte {
	start := 0
	for i := 0; i < len(s); i++ {
		var esc byte
		switch s[i] {
		case '\\':
			esc = '\\'
		case '\t':
			esc = 't'
		case '\r':
			esc = 'r'
		case '\n':
			esc = 'n'
		default:
			continue
		}
		b = append(b, s[start:i]...)
		b = append(b, '\\', esc)
		start = i + 1
	}
	return append(b, s[start:]...)
}

// PruneArchive deletes the archive files in dir (of every archive name)
// whose day ended before cutoff, reading the day from the file name in
// loc (nil: time.Local). Other files are left alone. It returns the
// names deleted.
func PruneArchive(dir string, cutoff time.Time, loc *time.Location) ([]string, error) {
	if loc == nil {
		loc = time.Local
	}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("pruning archive: %w", err)
	}
	var removed []string
	var errs []error
	for _, e := range entries {
		name := e.Name()
		stem, ok := strings.CutSuffix(name, archiveSuffix)
		if !ok || !e.Type().IsRegular() || len(stem) < len(archiveDateLayout) {
			continue
		}
		day, err := time.ParseInLocation(archiveDateLayout, stem[len(stem)-len(archiveDateLayout):], loc)
		if err != nil || day.AddDate(0, 0, 1).After(cutoff) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, name)); err != nil {
			errs = append(errs, err)
			continue
		}
		removed = append(removed, name)
	}
	if err := errors.Join(errs...); err != nil {
		return removed, fmt.Errorf("pruning archive: %w", err)
	}
	return removed, nil
}
