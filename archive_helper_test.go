package main

import (
	"errors"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
)

// readArchive calls fn with every line of the archive files in dir that
// match pattern (e.g. "*.log.gz"), file by file in name order, and reports
// whether any file ended in a torn (incomplete) member. A read error other
// than a torn tail fails the test.
func readArchive(t *testing.T, dir, pattern string, fn func(file string, l monitor.Line)) (torn bool) {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, pattern))
	must(t, err)
	for _, name := range files {
		f, err := os.Open(name)
		must(t, err)
		r := ingest.NewArchiveReader(f)
		for {
			l, err := r.Next()
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				f.Close()
				t.Fatalf("%s: %v", name, err)
			}
			fn(name, l)
		}
		torn = torn || r.Truncated()
		f.Close()
	}
	return torn
}
