package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/ingest/logfile"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// importBatch is how many lines go into one transaction; the import offset
// is committed with them, so an interrupted import resumes after the last
// batch without counting a line twice.
const importBatch = 5000

// importResult is what one file's import did.
type importResult struct {
	lines, full, aggregated int64
	resumedAt               int64 // lines already imported before
}

// runImport reads log files into the database, resuming each where a
// previous import of the same file stopped. With --follow it then keeps
// reading the (single) file as it grows, across rotations, until SIGINT or
// SIGTERM.
func runImport(e *env) int {
	if len(e.inv.args) == 0 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIImportNeedsFile, nil))
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
		return 2
	}
	follow := e.inv.has("follow")
	if follow && len(e.inv.args) != 1 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIFollowOneFile, nil))
		return 2
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()

	engine, err := storeDetector(ctx, st)
	if err != nil {
		return e.fail(locales.CLIDetectRulesFailed, locales.Args{"Err": err})
	}
	p := parse.New()
	for _, name := range e.inv.args {
		res, err := importFile(ctx, st, p, engine, name, e.now)
		if err != nil {
			return e.fail(locales.CLIImportFailed, locales.Args{"Path": name, "Err": err})
		}
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIImportSummary, locales.Args{
			"Name": filepath.Base(name), "Lines": res.lines, "Full": res.full, "Aggregated": res.aggregated,
		}))
		if res.resumedAt > 0 {
			fmt.Fprintln(e.stdout, "  "+e.loc.T(locales.CLIImportResumed, locales.Args{"Lines": res.resumedAt}))
		}
	}
	if follow {
		if err := followFile(ctx, st, p, engine, e.inv.args[0], e.now); err != nil {
			return e.fail(locales.CLIImportFailed, locales.Args{"Path": e.inv.args[0], "Err": err})
		}
	}
	return 0
}

// importFile imports one file from where its last import stopped, running
// the detection rules over its events and storing their findings.
func importFile(ctx context.Context, st *store.Store, p *parse.Parser, engine *detect.Engine, name string, now func() time.Time) (importResult, error) {
	var res importResult
	path, err := filepath.Abs(name)
	if err != nil {
		return res, err
	}
	identity, err := logfile.Identity(path)
	if err != nil {
		return res, err
	}
	mark, err := st.ImportOffset(ctx, path)
	if err != nil {
		return res, err
	}
	if mark.Identity != identity || mark.Offset > fileSizeBound(path) {
		// A new file, or another file now at this path: start over.
		mark = store.ImportMark{Path: path, Identity: identity}
	}
	res.resumedAt = mark.Lines
	r, err := logfile.Open(path, mark.Offset)
	if err != nil {
		return res, err
	}
	defer r.Close()

	// Parsing and writing overlap: while one batch is committed on the
	// flusher goroutine, the next is parsed into the other Writer.
	f := newBatchFlusher(context.WithoutCancel(ctx), st)
	w := f.next()
	source := filepath.Base(path)
	for ctx.Err() == nil && f.failed() == nil {
		line, err := r.Next(true)
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			f.close()
			return res, err
		}
		ev := p.Parse(monitor.Line{Received: now(), Source: source, Text: string(line)})
		engine.Observe(&ev)
		w.Add(&ev)
		res.lines++
		if store.Aggregated(&ev) {
			res.aggregated++
		} else {
			res.full++
		}
		if w.Pending() >= importBatch {
			mark.Offset, mark.Lines = r.Offset(), mark.Lines+int64(w.Pending())
			w = f.flush(w, mark)
		}
	}
	// Commit even when interrupted: what was read is stored with its offset.
	mark.Offset, mark.Lines = r.Offset(), mark.Lines+int64(w.Pending())
	f.flush(w, mark)
	if err := f.close(); err != nil {
		return res, err
	}
	return res, engine.Flush(context.WithoutCancel(ctx), st)
}

// batchFlusher commits Writers on its own goroutine, in the order given,
// each with the import mark of its last line, and hands them back empty.
type batchFlusher struct {
	jobs chan flushJob
	free chan *store.Writer
	done chan error
	err  atomic.Pointer[error]
}

type flushJob struct {
	w    *store.Writer
	mark store.ImportMark
}

func newBatchFlusher(ctx context.Context, st *store.Store) *batchFlusher {
	f := &batchFlusher{jobs: make(chan flushJob), free: make(chan *store.Writer, 2), done: make(chan error, 1)}
	f.free <- st.NewWriter()
	f.free <- st.NewWriter()
	go func() {
		var err error
		for j := range f.jobs {
			if err == nil {
				if err = j.w.Flush(ctx, &j.mark); err != nil {
					f.err.Store(&err)
				}
			}
			f.free <- j.w
		}
		f.done <- err
	}()
	return f
}

// next returns an empty Writer.
func (f *batchFlusher) next() *store.Writer { return <-f.free }

// flush queues w's events for commit with mark and returns an empty Writer.
func (f *batchFlusher) flush(w *store.Writer, mark store.ImportMark) *store.Writer {
	f.jobs <- flushJob{w: w, mark: mark}
	return f.next()
}

// failed returns the first commit error so far, if any.
func (f *batchFlusher) failed() error {
	if p := f.err.Load(); p != nil {
		return *p
	}
	return nil
}

// close waits for every queued commit and returns the first error.
func (f *batchFlusher) close() error {
	close(f.jobs)
	return <-f.done
}

// fileSizeBound is the largest offset a resumed import of path may have:
// its size for plain files; unbounded for gzip, whose offsets count
// uncompressed bytes.
func fileSizeBound(path string) int64 {
	r, err := logfile.Open(path, 0)
	if err != nil {
		return 0
	}
	defer r.Close()
	if r.Gzip() {
		return 1<<63 - 1
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0
	}
	return fi.Size()
}

// followFile keeps importing a growing file until ctx ends, committing
// at least every second while lines arrive and whenever the file is idle.
func followFile(ctx context.Context, st *store.Store, p *parse.Parser, engine *detect.Engine, name string, now func() time.Time) error {
	path, err := filepath.Abs(name)
	if err != nil {
		return err
	}
	mark, err := st.ImportOffset(ctx, path)
	if err != nil {
		return err
	}
	f := &follower{ctx: ctx, st: st, w: st.NewWriter(), p: p, engine: engine, mark: mark, source: filepath.Base(path), now: now, lastFlush: now()}
	err = logfile.Follow(ctx, path, mark.Offset, 500*time.Millisecond, f)
	if ferr := f.flush(); err == nil {
		err = ferr
	}
	return err
}

// follower is the logfile.Handler of `import --follow`.
type follower struct {
	ctx       context.Context
	st        *store.Store
	w         *store.Writer
	p         *parse.Parser
	engine    *detect.Engine
	mark      store.ImportMark
	source    string
	now       func() time.Time
	lastFlush time.Time
}

func (f *follower) flush() error {
	f.mark.Lines += int64(f.w.Pending())
	f.lastFlush = f.now()
	ctx := context.WithoutCancel(f.ctx)
	if err := f.w.Flush(ctx, &f.mark); err != nil {
		return err
	}
	return f.engine.Flush(ctx, f.st)
}

func (f *follower) Line(line []byte, end int64) error {
	ev := f.p.Parse(monitor.Line{Received: f.now(), Source: f.source, Text: string(line)})
	f.engine.Observe(&ev)
	f.w.Add(&ev)
	f.mark.Offset = end
	if f.w.Pending() >= importBatch || f.now().Sub(f.lastFlush) >= time.Second {
		return f.flush()
	}
	return nil
}

func (f *follower) Rotated(identity string) error {
	if err := f.flush(); err != nil { // the old file's last lines, under its mark
		return err
	}
	f.mark.Identity, f.mark.Offset, f.mark.Lines = identity, 0, 0
	return nil
}

func (f *follower) Idle() error {
	if f.w.Pending() == 0 {
		return nil
	}
	return f.flush()
}
