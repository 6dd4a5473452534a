package store_test

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
	_ "modernc.org/sqlite" // the "sqlite" driver for rawDB
)

// t0 is the start of the made-up attack most tests replay.
var t0 = time.Date(2026, 11, 3, 9, 0, 0, 0, time.UTC)

func openStore(tb testing.TB) *store.Store {
	tb.Helper()
	return openStoreAt(tb, filepath.Join(tb.TempDir(), "kizuki.db"))
}

func openStoreAt(tb testing.TB, path string) *store.Store {
	tb.Helper()
	s, err := store.Open(tb.Context(), path)
	if err != nil {
		tb.Fatalf("open: %v", err)
	}
	tb.Cleanup(func() {
		if err := s.Close(); err != nil {
			tb.Errorf("close: %v", err)
		}
	})
	return s
}

// rawDB opens the database file without the store, to look at or set what
// the Store API does not expose.
func rawDB(tb testing.TB, path string) *sql.DB {
	tb.Helper()
	db, err := sql.Open("sqlite", path)
	if err != nil {
		tb.Fatalf("open raw database: %v", err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// migrationCount counts the migration files the store embeds.
func migrationCount(t *testing.T) int {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("migrations", "*.sql"))
	if err != nil || len(files) == 0 {
		t.Fatalf("list migrations: %v, %d files", err, len(files))
	}
	return len(files)
}

func TestOpenCreatesPrivateFiles(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "data", "kizuki", "kizuki.db")
	s := openStoreAt(t, path)
	if s.Path() != path {
		t.Errorf("Path() = %q, want %q", s.Path(), path)
	}

	tests := []struct {
		path string
		dir  bool
		perm fs.FileMode
	}{
		{filepath.Join(dir, "data"), true, 0o700},
		{filepath.Join(dir, "data", "kizuki"), true, 0o700},
		{path, false, 0o600},
		// SQLite gives its side files the database file's mode.
		{path + "-wal", false, 0o600},
		{path + "-shm", false, 0o600},
	}
	for _, tt := range tests {
		fi, err := os.Stat(tt.path)
		if err != nil {
			t.Errorf("stat: %v", err)
			continue
		}
		if fi.IsDir() != tt.dir {
			t.Errorf("%s: IsDir() = %v, want %v", tt.path, fi.IsDir(), tt.dir)
		}
		if perm := fi.Mode().Perm(); perm != tt.perm {
			t.Errorf("%s: mode %v, want %v", tt.path, perm, tt.perm)
		}
	}
}

func TestOpenSchema(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	mode, err := s.JournalMode(t.Context())
	if err != nil || mode != "wal" {
		t.Errorf("JournalMode() = %q, %v; want wal", mode, err)
	}
	version, err := s.SchemaVersion(t.Context())
	if want := migrationCount(t); err != nil || version != want {
		t.Errorf("SchemaVersion() = %d, %v; want %d", version, err, want)
	}
}

func TestOpenAgainKeepsData(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "kizuki.db")
	first, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.PutSource(ctx, monitor.Source{Name: "FGT60F"}); err != nil {
		t.Fatal(err)
	}
	f, err := first.RecordFinding(ctx, monitor.Finding{Rule: "port_scan", Subject: "198.51.100.4", Count: 1, LastSeen: t0})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}

	// Once after closing, once beside an open store (the tray app and a
	// sub-command share the file).
	again := openStoreAt(t, path)
	beside := openStoreAt(t, path)
	want := migrationCount(t)
	for name, s := range map[string]*store.Store{"reopened": again, "second": beside} {
		if v, err := s.SchemaVersion(ctx); err != nil || v != want {
			t.Errorf("%s: SchemaVersion() = %d, %v; want %d", name, v, err, want)
		}
		if got, err := s.Finding(ctx, f.ID); err != nil || got.Subject != f.Subject {
			t.Errorf("%s: Finding(%d) = %+v, %v; want the recorded one", name, f.ID, got, err)
		}
		if srcs, err := s.Sources(ctx); err != nil || len(srcs) != 1 {
			t.Errorf("%s: Sources() = %+v, %v; want FGT60F", name, srcs, err)
		}
	}
}

// Fixture for two races between processes opening a new database at once:
// one read the schema version while another was migrating and then failed
// with "table sources already exists"; one converting the file to WAL beside
// another got SQLITE_BUSY at once, without the busy timeout.
func TestOpenConcurrentlyOnNewFile(t *testing.T) {
	t.Parallel()
	const rounds, openers = 5, 4
	want := migrationCount(t)
	for round := range rounds {
		path := filepath.Join(t.TempDir(), "kizuki.db")
		errs := make([]error, openers)
		var wg sync.WaitGroup
		for i := range openers {
			wg.Go(func() {
				s, err := store.Open(t.Context(), path)
				if err == nil {
					err = s.Close()
				}
				errs[i] = err
			})
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			t.Fatalf("round %d: %v", round, err)
		}
		if v, err := openStoreAt(t, path).SchemaVersion(t.Context()); err != nil || v != want {
			t.Fatalf("round %d: SchemaVersion() = %d, %v; want %d", round, v, err, want)
		}
	}
}

func TestOpenNewerSchema(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "kizuki.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	newer := migrationCount(t) + 1
	if _, err := rawDB(t, path).ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", newer)); err != nil {
		t.Fatal(err)
	}

	s, err = store.Open(ctx, path)
	if err == nil {
		s.Close()
		t.Fatal("Open of a newer database succeeded")
	}
	if !errors.Is(err, store.ErrNewerSchema) {
		t.Errorf("Open error = %v, want ErrNewerSchema", err)
	}
}

func TestOpenRejectsBadPaths(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notDir := filepath.Join(dir, "not-a-directory")
	if err := os.WriteFile(notDir, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		path string
	}{
		{"empty", ""},
		{"query", filepath.Join(dir, "q", "kizuki.db?mode=ro")},
		{"fragment", filepath.Join(dir, "f", "kizuki#1.db")},
		{"parent is a file", filepath.Join(notDir, "kizuki.db")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, err := store.Open(t.Context(), tt.path)
			if err == nil {
				s.Close()
				t.Fatalf("Open(%q) succeeded", tt.path)
			}
		})
	}
	// Nothing was created for the paths SQLite would misread.
	for _, sub := range []string{"q", "f"} {
		if _, err := os.Stat(filepath.Join(dir, sub)); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s: stat error = %v, want not exist", sub, err)
		}
	}
}
