package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/kizuki-app/kizuki/app/autostart"
	"github.com/kizuki-app/kizuki/app/instance"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// uninstallFixture is a data folder with a database, an archive, a
// secrets file and a file that is not Kizuki's, and start at login on.
func uninstallFixture(t *testing.T) (dir, db string, starter autostart.XDG) {
	t.Helper()
	dir = filepath.Join(t.TempDir(), "data")
	db = filepath.Join(dir, "kizuki.db")
	st, err := store.Open(context.Background(), db)
	must(t, err)
	must(t, st.Close())
	must(t, os.MkdirAll(filepath.Join(dir, "archive"), 0o700))
	must(t, os.WriteFile(filepath.Join(dir, "archive", "2026-11-23.log.gz"), []byte("x"), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, secrets.FileName), []byte("{}"), 0o600))
	must(t, os.WriteFile(filepath.Join(dir, "notes.txt"), []byte("the owner's own file"), 0o600))
	home := t.TempDir()
	starter = autostart.XDG{ConfigHome: filepath.Join(home, "config"), ConfigDirs: []string{filepath.Join(home, "xdg")}}
	must(t, starter.Enable("/usr/bin/kizuki", "--background"))
	return dir, db, starter
}

func runUninstallCLI(t *testing.T, starter autostart.Starter, args ...string) (string, string, int) {
	t.Helper()
	var out, errOut bytes.Buffer
	e := docEnv(&out, &errOut)
	e.stdin = strings.NewReader("y\n") // not a terminal: never read as an answer
	e.autostart = starter
	code := run(append([]string{"uninstall", "--lang", "en"}, args...), e)
	return out.String(), errOut.String(), code
}

func TestUninstallKeepsDataUnlessTold(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{{"--keep-data"}, {}} {
		dir, db, starter := uninstallFixture(t)
		out, errOut, code := runUninstallCLI(t, starter, append(args, "--db", db)...)
		if code != 0 || !strings.Contains(out, "no longer starts at login") || !strings.Contains(out, "The data stays in "+dir) {
			t.Fatalf("uninstall %v: exit %d, %q %q", args, code, out, errOut)
		}
		if on, _ := starter.Enabled(); on {
			t.Errorf("uninstall %v: start at login still on", args)
		}
		for _, f := range []string{db, filepath.Join(dir, "archive"), filepath.Join(dir, secrets.FileName)} {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("uninstall %v removed %s: %v", args, f, err)
			}
		}
	}
}

func TestUninstallDeleteData(t *testing.T) {
	t.Parallel()
	dir, db, starter := uninstallFixture(t)
	out, errOut, code := runUninstallCLI(t, starter, "--delete-data", "--db", db)
	if code != 0 || !strings.Contains(out, "Deleted Kizuki's data in "+dir) {
		t.Fatalf("exit %d, %q %q", code, out, errOut)
	}
	for _, f := range []string{db, db + "-wal", db + "-shm", filepath.Join(dir, "archive"), filepath.Join(dir, secrets.FileName)} {
		if _, err := os.Stat(f); !os.IsNotExist(err) {
			t.Errorf("%s still there: %v", f, err)
		}
	}
	// Only Kizuki's own files go: the owner's file, and so the folder, stay.
	if _, err := os.Stat(filepath.Join(dir, "notes.txt")); err != nil {
		t.Errorf("deleted a file that is not Kizuki's: %v", err)
	}

	// Once the folder holds only Kizuki's files, it goes too.
	dir2, db2, starter2 := uninstallFixture(t)
	must(t, os.Remove(filepath.Join(dir2, "notes.txt")))
	if _, _, code := runUninstallCLI(t, starter2, "--delete-data", "--db", db2); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if _, err := os.Stat(dir2); !os.IsNotExist(err) {
		t.Errorf("empty data folder left behind: %v", err)
	}
	// And again: nothing left to delete is not an error.
	if out, _, code := runUninstallCLI(t, starter2, "--delete-data", "--db", db2); code != 0 || !strings.Contains(out, "There is no Kizuki data") {
		t.Errorf("second uninstall: exit %d, %q", code, out)
	}
}

func TestUninstallRefusals(t *testing.T) {
	t.Parallel()
	dir, db, starter := uninstallFixture(t)
	if _, errOut, code := runUninstallCLI(t, starter, "--delete-data", "--keep-data", "--db", db); code != 2 || !strings.Contains(errOut, "cannot be used together") {
		t.Errorf("both flags: exit %d, %q", code, errOut)
	}
	running, err := instance.Acquire(dir)
	must(t, err)
	defer running.Close()
	_, errOut, code := runUninstallCLI(t, starter, "--delete-data", "--db", db)
	if code != 1 || !strings.Contains(errOut, "Kizuki is running") {
		t.Errorf("while the tray app runs: exit %d, %q", code, errOut)
	}
	if _, err := os.Stat(db); err != nil {
		t.Errorf("database deleted while the tray app ran: %v", err)
	}
}

func TestIsYes(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]bool{"y\n": true, "YES\n": true, " はい \n": true, "n\n": false, "\n": false, "": false, "yes please\n": false} {
		if got := isYes(strings.NewReader(in)); got != want {
			t.Errorf("isYes(%q) = %v, want %v", in, got, want)
		}
	}
}
