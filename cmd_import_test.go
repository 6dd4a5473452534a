package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func countEvents(t *testing.T, db string) int64 {
	t.Helper()
	s, err := store.Open(context.Background(), db)
	must(t, err)
	defer s.Close()
	n, err := s.CountEvents(context.Background())
	must(t, err)
	return n
}

func TestImportResumesWithoutDuplicates(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, log := filepath.Join(dir, "k.db"), filepath.Join(dir, "utm.log")
	must(t, os.WriteFile(log, []byte("line one\nline two\nline three\n"), 0o600))
	importOnce := func() string {
		t.Helper()
		var stdout, stderr bytes.Buffer
		if code := run([]string{"import", log, "--db", db, "--lang", "en"}, docEnv(&stdout, &stderr)); code != 0 {
			t.Fatalf("import: exit %d: %s", code, stderr.String())
		}
		return stdout.String()
	}

	out := importOnce()
	if !strings.Contains(out, "imported 3 lines") || countEvents(t, db) != 3 {
		t.Fatalf("first import: %q, %d events", out, countEvents(t, db))
	}
	out = importOnce()
	if !strings.Contains(out, "imported 0 lines") || countEvents(t, db) != 3 {
		t.Errorf("second import of an unchanged file: %q, %d events; want nothing new", out, countEvents(t, db))
	}
	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	f.WriteString("line four\nline five\n")
	f.Close()
	out = importOnce()
	if !strings.Contains(out, "imported 2 lines") || !strings.Contains(out, "after the 3 lines") || countEvents(t, db) != 5 {
		t.Errorf("import after growth: %q, %d events; want the 2 new lines only", out, countEvents(t, db))
	}
	// logrotate put a new file in its place: read it from the start.
	must(t, os.Rename(log, log+".1"))
	must(t, os.WriteFile(log, []byte("new file line\n"), 0o600))
	out = importOnce()
	if !strings.Contains(out, "imported 1 lines") || countEvents(t, db) != 6 {
		t.Errorf("import of a replaced file: %q, %d events", out, countEvents(t, db))
	}
}

func TestImportFollow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db, log := filepath.Join(dir, "k.db"), filepath.Join(dir, "utm.log")
	must(t, os.WriteFile(log, []byte("a\n"), 0o600))
	st, err := store.Open(context.Background(), db)
	must(t, err)
	defer st.Close()
	ctx, cancel := context.WithCancel(context.Background())
	p := parse.New()
	engine, err := storeDetector(ctx, st)
	must(t, err)
	_, err = importFile(ctx, st, p, engine, log, time.Now)
	must(t, err)
	done := make(chan error, 1)
	go func() { done <- followFile(ctx, st, p, engine, log, time.Now) }()

	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	must(t, err)
	f.WriteString("b\nc\n")
	f.Close()
	deadline := time.Now().Add(20 * time.Second)
	for {
		n, err := st.CountEvents(context.Background())
		must(t, err)
		if n == 3 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("%d events after appending to a followed file, want 3", n)
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	must(t, <-done)
	mark, err := st.ImportOffset(context.Background(), log)
	must(t, err)
	if mark.Offset != 6 || mark.Lines != 3 {
		t.Errorf("mark after following = %+v, want offset 6, 3 lines", mark)
	}
}
