//go:build !nogui

package main

import (
	"context"
	"fmt"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/kizuki-app/kizuki/app"
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
		collected := make(chan error, 1)
		go func() { collected <- col.run(ctx) }()
		defer func() {
			cancel()
			<-collected
			if _, err := col.close(); err != nil {
				fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeFailed, locales.Args{"Err": err}))
			}
		}()
	}

	a := fyneapp.NewWithID(appID)
	ui := app.New(a, cfg)
	ui.Start(ctx)
	a.Run()
	return 0
}
