package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
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
	p := parse.New()
	if v := e.inv.flags["vendor"]; v != "" {
		var err error
		if p, err = parse.ForVendor(monitor.Vendor(v)); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIBadVendor, locales.Args{"Value": v, "List": vendorList()}))
			return 2
		}
	}
	name := e.inv.args[0]
	in, source, closeIn, err := openInput(name, e.stdin)
	if err != nil {
		return e.fail(locales.CLIOpenFileFailed, locales.Args{"Path": name, "Err": err})
	}
	defer closeIn()

	err = parseTo(e.stdout, in, p, source, e.now)
	if err != nil {
		return e.fail(locales.CLIReadFileFailed, locales.Args{"Path": name, "Err": err})
	}
	counts := p.Counts()
	vendors := make([]monitor.Vendor, 0, len(counts))
	for v := range counts {
		vendors = append(vendors, v)
	}
	slices.Sort(vendors)
	for _, v := range vendors {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIParseSummary, locales.Args{"Vendor": string(v), "Count": counts[v]}))
	}
	if n := p.Malformed(); n > 0 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIParseMalformed, locales.Args{"Count": n}))
	}
	return 0
}

// parseBatch is how many events travel together from the parsing
// goroutine to the encoding one.
const parseBatch = 512

// parseTo parses every line of in and writes one JSON object per line to
// w, in input order. Parsing and encoding run on two goroutines, so the
// two cores of a small office PC share the work.
func parseTo(w io.Writer, in io.Reader, p *parse.Parser, source string, now func() time.Time) error {
	full := make(chan []monitor.Event, 4)
	free := make(chan []monitor.Event, 4)
	for range cap(free) {
		free <- make([]monitor.Event, 0, parseBatch)
	}
	encoded := make(chan error, 1)
	go func() {
		out := bufio.NewWriterSize(w, 256<<10)
		buf := make([]byte, 0, 4096)
		var err error
		for batch := range full {
			for i := range batch {
				if err == nil {
					buf = append(batch[i].AppendJSON(buf[:0]), '\n')
					_, err = out.Write(buf)
				}
			}
			free <- batch[:0]
		}
		if err == nil {
			err = out.Flush()
		}
		encoded <- err
	}()

	batch := <-free
	readErr := eachLine(in, func(line []byte) error {
		batch = append(batch, p.Parse(monitor.Line{Received: now(), Source: source, Text: string(line)}))
		if len(batch) == parseBatch {
			full <- batch
			batch = <-free
		}
		return nil
	})
	if len(batch) > 0 {
		full <- batch
	}
	close(full)
	if err := <-encoded; err != nil {
		return err
	}
	return readErr
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
