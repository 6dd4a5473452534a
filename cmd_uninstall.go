package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/kizuki-app/kizuki/app/instance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runUninstall undoes what Kizuki set up for this user: start at login,
// and, only when the user says so, the data (database, archive, stored
// API tokens). `kizuki uninstall [--delete-data | --keep-data]`; without
// either it asks on a terminal and keeps the data otherwise. The program
// itself is removed by the package manager or by deleting the file.
func runUninstall(e *env) int {
	del, keep := e.inv.has("delete-data"), e.inv.has("keep-data")
	if del && keep {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIUninstallBothFlags, nil))
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
		return 2
	}
	path := e.dbPath()
	dir := filepath.Dir(path)

	// The tray app holds the database open: it must quit first.
	if _, err := os.Stat(dir); err == nil {
		single, err := instance.Acquire(dir)
		if errors.Is(err, instance.ErrRunning) {
			return e.fail(locales.CLIUninstallRunning, nil)
		}
		if err == nil {
			// Only a check: the socket must not outlive it, or the folder
			// would not be empty.
			_ = single.Close()
		}
	}

	if e.autostart != nil {
		if err := e.autostart.Disable(); err != nil {
			return e.fail(locales.CLIUninstallAutostartFailed, locales.Args{"Err": err})
		}
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIUninstallAutostartOff, nil))
	}

	files := dataFiles(path)
	if len(files) == 0 {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIUninstallNoData, locales.Args{"Dir": dir}))
		return 0
	}
	if !del && !keep {
		del = askYesNo(e, e.loc.T(locales.CLIUninstallAsk, locales.Args{"Dir": dir}))
	}
	if !del {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIUninstallKept, locales.Args{"Dir": dir}))
		return 0
	}
	forgetTokens(path)
	for _, f := range files {
		if err := os.RemoveAll(f); err != nil {
			return e.fail(locales.CLIUninstallDeleteFailed, locales.Args{"Path": f, "Err": err})
		}
	}
	// The folder goes too when nothing else is in it.
	_ = os.Remove(dir)
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIUninstallDeleted, locales.Args{"Dir": dir}))
	return 0
}

// dataFiles lists what Kizuki keeps beside the database that exists:
// the database and its journal files, the archive, the secrets file.
// Nothing else in the folder is touched, so --db pointing into a shared
// folder deletes only Kizuki's own files.
func dataFiles(db string) []string {
	dir := filepath.Dir(db)
	candidates := []string{db, db + "-wal", db + "-shm", db + "-journal",
		filepath.Join(dir, ingest.ArchiveDirName), filepath.Join(dir, secrets.FileName)}
	var out []string
	for _, p := range candidates {
		if _, err := os.Lstat(p); err == nil {
			out = append(out, p)
		} else if !errors.Is(err, fs.ErrNotExist) {
			out = append(out, p) // let RemoveAll report it
		}
	}
	return out
}

// forgetTokens deletes the API tokens stored for the sources of db from
// the OS keyring, which deleting files does not reach.
func forgetTokens(db string) {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		return
	}
	srcs, err := st.Sources(ctx)
	st.Close()
	if err != nil {
		return
	}
	sec, err := secrets.Open(filepath.Dir(db))
	if err != nil {
		return
	}
	for _, s := range srcs {
		_ = sec.Delete(tokenName(s.Name))
	}
}

// askYesNo asks on the terminal; anything but yes, and no terminal at
// all, is no.
func askYesNo(e *env, question string) bool {
	f, ok := e.stdin.(*os.File)
	if !ok {
		return false
	}
	if fi, err := f.Stat(); err != nil || fi.Mode()&os.ModeCharDevice == 0 {
		return false
	}
	fmt.Fprint(e.stdout, question+" ")
	return isYes(e.stdin)
}

// isYes reads one answer line: y, yes, はい (any case) mean yes.
func isYes(r io.Reader) bool {
	line, _ := bufio.NewReader(io.LimitReader(r, 256)).ReadString('\n')
	switch strings.ToLower(strings.TrimSpace(line)) {
	case "y", "yes", "はい":
		return true
	}
	return false
}
