//go:build !nogui

package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"github.com/kizuki-app/kizuki/app"
	"github.com/kizuki-app/kizuki/app/instance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// buildKind names this build in --version.
const buildKind = "gui"

// appID is Kizuki's application id, as in FyneApp.toml.
const appID = "app.kizuki.desktop"

// runGUI is the tray app. It returns when the user quits or the process
// gets SIGINT or SIGTERM (Fyne's driver turns those into Quit).
func runGUI(e *env) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	path := e.dbPath()
	if err := ensureDataDir(filepath.Dir(path)); err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	// One tray app per user and database: a second launch brings the
	// first one's window to the front instead.
	single, err := instance.Acquire(filepath.Dir(path))
	switch {
	case errors.Is(err, instance.ErrRunning):
		fmt.Fprintln(e.stdout, e.loc.T(locales.AppAlreadyRunning, nil))
		return 0
	case err != nil:
		// Without the lock Kizuki still works; two copies would only
		// show the same light twice.
		fmt.Fprintln(e.stderr, e.loc.T(locales.AppSingleInstanceFailed, locales.Args{"Err": err}))
	default:
		defer single.Close()
	}
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()

	a := fyneapp.NewWithID(appID)
	ui := app.New(a, app.Config{
		Loc:            e.loc,
		Load:           func(ctx context.Context) (status.Status, error) { return status.Load(ctx, st, e.now()) },
		Refresh:        5 * time.Second,
		NotifyCooldown: 10 * time.Minute,
		Now:            e.now,
		Background:     e.inv.has("background"),
	})
	if single != nil {
		go func() {
			for range single.Show() {
				fyne.Do(ui.ShowWindow)
			}
		}()
	}
	ui.Start(ctx)
	a.Run()
	return 0
}

// ensureDataDir creates the data directory, private to the user, as the
// store does when it opens the database.
func ensureDataDir(dir string) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("creating data directory: %w", err)
	}
	return nil
}
