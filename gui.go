//go:build !nogui

package main

import (
	"context"
	"time"

	fyneapp "fyne.io/fyne/v2/app"

	"github.com/kizuki-app/kizuki/app"
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
	})
	ui.Start(ctx)
	a.Run()
	return 0
}
