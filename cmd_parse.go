package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse"
)

// maxLineBytes bounds one input line; the rest of a longer line is
// skipped, so a file without newlines cannot exhaust memory.
const maxLineBytes = 1 << 20

// runParse prints one JSON event per input line and a per-vendor summary
// on stderr. It exits 0 whatever the lines hold.
func runParse(e *env) int {
	if len(e.inv.args) != 1 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIParseNeedsFile, nil))
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
		return 2
	}
	newParser := parse.New
	if v := e.inv.flags["vendor"]; v != "" {
		if _, err := parse.ForVendor(monitor.Vendor(v)); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIBadVendor, locales.Args{"Value": v, "List": vendorList()}))
			return 2
		}
		newParser = func() *parse.Parser {
			p, _ := parse.ForVendor(monitor.Vendor(v))
			return p
		}
	}
	name := e.inv.args[0]
	in, source, closeIn, err := openInput(name, e.stdin)
	if err != nil {
		return e.fail(locales.CLIOpenFileFailed, locales.Args{"Path": name, "Err": err})
	}
	defer closeIn()

	var counts parseCounts
	err = parseTo(e.stdout, in, newParser, &counts, source, e.now)
	if err != nil {
		return e.fail(locales.CLIReadFileFailed, locales.Args{"Path": name, "Err": err})
	}
	vendors := slices.Sorted(maps.Keys(counts.vendors))
	for _, v := range vendors {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIParseSummary, locales.Args{"Vendor": string(v), "Count": counts.vendors[v]}))
	}
	if n := counts.malformed; n > 0 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIParseMalformed, locales.Args{"Count": n}))
	}
	return 0
}

// parseBatch is how many lines travel together through the pipeline.
const parseBatch = 1024

// parseJob is one batch of lines: read in order, parsed and encoded by any
// worker, written in order once done is closed.
type parseJob struct {
	text string // the batch's lines, one string so lines need no allocation each
	ends []int  // where each line ends in text
	out  []byte // the encoded JSON lines
	done chan struct{}
}

// parseTo parses every line of in and writes one JSON object per line to
// w, in input order. Batches are parsed and encoded by one worker per CPU
// (each with its own Parser, made by newParser); the counts of all workers
// are added into into.
func parseTo(w io.Writer, in io.Reader, newParser func() *parse.Parser, into *parseCounts, source string, now func() time.Time) error {
	workers := max(runtime.GOMAXPROCS(0), 1)
	jobs := make(chan *parseJob, workers)
	ordered := make(chan *parseJob, 2*workers)
	// Output buffers go back to free once written, so that a long run
	// reuses a few megabytes instead of allocating (and zeroing) new ones.
	free := make(chan []byte, 3*workers)
	var wg sync.WaitGroup
	parsers := make([]*parse.Parser, workers)
	for i := range workers {
		parsers[i] = newParser()
		wg.Add(1)
		go func(p *parse.Parser) {
			defer wg.Done()
			var ev monitor.Event // reused: its JSON is all that is kept
			for j := range jobs {
				select {
				case j.out = <-free:
				default:
					// An event's JSON is its raw line, escaped, plus ~300 bytes.
					j.out = make([]byte, 0, 2*len(j.text)+400*len(j.ends))
				}
				received := now()
				start := 0
				for _, end := range j.ends {
					p.ParseInto(monitor.Line{Received: received, Source: source, Text: j.text[start:end]}, &ev)
					j.out = append(ev.AppendJSON(j.out), '\n')
					start = end
				}
				close(j.done)
			}
		}(parsers[i])
	}
	written := make(chan error, 1)
	go func() {
		out := bufio.NewWriterSize(w, 256<<10)
		var err error
		for j := range ordered {
			<-j.done
			if err == nil {
				_, err = out.Write(j.out)
			}
			select {
			case free <- j.out[:0]:
			default:
			}
		}
		if err == nil {
			err = out.Flush()
		}
		written <- err
	}()

	var buf []byte
	var ends []int
	send := func() {
		j := &parseJob{text: string(buf), ends: ends, done: make(chan struct{})}
		ordered <- j
		jobs <- j
		buf, ends = buf[:0], make([]int, 0, parseBatch)
	}
	readErr := eachLine(in, func(line []byte) error {
		buf = append(buf, line...)
		ends = append(ends, len(buf))
		if len(ends) == parseBatch {
			send()
		}
		return nil
	})
	if len(ends) > 0 {
		send()
	}
	close(jobs)
	close(ordered)
	wg.Wait()
	for _, p := range parsers {
		into.add(p)
	}
	if err := <-written; err != nil {
		return err
	}
	return readErr
}

// parseCounts adds up what several Parsers read.
type parseCounts struct {
	vendors   map[monitor.Vendor]int
	malformed int
}

func (c *parseCounts) add(p *parse.Parser) {
	if c.vendors == nil {
		c.vendors = map[monitor.Vendor]int{}
	}
	for v, n := range p.Counts() {
		c.vendors[v] += n
	}
	c.malformed += p.Malformed()
}

func vendorList() string {
	var b bytes.Buffer
	for i, v := range parse.Supported() {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(string(v))
	}
	return b.String()
}

// openInput opens a file, or standard input for "-", transparently
// un-gzipping either. source is the name events carry: the file's base name.
func openInput(name string, stdin io.Reader) (r io.Reader, source string, closeFn func(), err error) {
	var f io.Reader = stdin
	closeFn = func() {}
	source = "stdin"
	if name != "-" {
		file, err := os.Open(name)
		if err != nil {
			return nil, "", nil, err
		}
		f, closeFn, source = file, func() { file.Close() }, filepath.Base(name)
	}
	br := bufio.NewReaderSize(f, 256<<10)
	if magic, _ := br.Peek(2); len(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			closeFn()
			return nil, "", nil, fmt.Errorf("read gzip: %w", err)
		}
		return bufio.NewReaderSize(zr, 256<<10), source, closeFn, nil
	}
	return br, source, closeFn, nil
}

// eachLine calls fn for every line of r without its line ending. Lines
// longer than maxLineBytes are cut there and the rest skipped.
func eachLine(r io.Reader, fn func(line []byte) error) error {
	br, ok := r.(*bufio.Reader)
	if !ok {
		br = bufio.NewReaderSize(r, 256<<10)
	}
	var long []byte
	for {
		chunk, err := br.ReadSlice('\n')
		switch {
		case errors.Is(err, bufio.ErrBufferFull):
			if len(long)+len(chunk) <= maxLineBytes {
				long = append(long, chunk...)
			}
			continue
		case err != nil && !errors.Is(err, io.EOF):
			return err
		}
		line := chunk
		if long != nil {
			if len(long)+len(chunk) <= maxLineBytes {
				long = append(long, chunk...)
			}
			line, long = long, nil
		}
		line = bytes.TrimSuffix(bytes.TrimSuffix(line, []byte("\n")), []byte("\r"))
		if len(line) > maxLineBytes {
			line = line[:maxLineBytes]
		}
		if len(line) > 0 || err == nil {
			if ferr := fn(line); ferr != nil {
				return ferr
			}
		}
		if err != nil {
			return nil
		}
	}
}
