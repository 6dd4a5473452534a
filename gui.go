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
	"github.com/kizuki-app/kizuki/app/autostart"
	"github.com/kizuki-app/kizuki/app/instance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// buildKind names this build in --version.
const buildKind = "gui"

// appID is Kizuki's application id, as in FyneApp.toml.
const appID = "app.kizuki.desktop"

// runGUI is the tray app. While it runs it also collects syslog on the
// default port, as `kizuki serve` does (when another collector holds the
// port, the window says so and shows what that one stores). It returns
// when the user quits or the process gets SIGINT or SIGTERM (Fyne's driver
// turns those into Quit).
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
	// The language chosen in 設定 applies unless --lang says otherwise.
	if prefs, err := st.Settings(ctx); err == nil && prefs.Language != "" && e.inv.flags["lang"] == "" {
		if lang, err := locales.ParseLang(prefs.Language); err == nil {
			e.loc = locales.MustNew(lang).InZone(e.zone)
		}
	}

	cfg := app.Config{
		Loc:            e.loc,
		Store:          st,
		Refresh:        5 * time.Second,
		NotifyCooldown: 10 * time.Minute,
		Now:            e.now,
	}
	col, err := startCollector(ctx, st, ingest.Config{UDPAddr: defaultSyslogAddr, TCPAddr: defaultSyslogAddr, Now: e.now}, archiveDir(path))
	if err != nil {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeFailed, locales.Args{"Err": err}))
	} else {
		cfg.Collector = col
		collected := make(chan struct{})
		go func() {
			defer close(collected)
			col.run(ctx, storeReporter(e))
		}()
		defer func() {
			cancel()
			<-collected
			if _, err := col.close(); err != nil {
				fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeFailed, locales.Args{"Err": err}))
			}
		}()
	}

	a := fyneapp.NewWithID(appID)
	cfg.StartHidden = e.inv.has("background")
	if e.autostart != nil {
		cfg.Autostart = loginStart{e.autostart}
	}
	ui := app.New(a, cfg)
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

// loginStart starts this program, in the background, at login: the
// settings' checkbox turns it on and off.
type loginStart struct{ s autostart.Starter }

func (l loginStart) Enabled() (bool, error) { return l.s.Enabled() }
func (l loginStart) Disable() error         { return l.s.Disable() }

func (l loginStart) Enable() error {
	exe, err := autostart.Executable()
	if err != nil {
		return err
	}
	return l.s.Enable(exe, "--background")
}
