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
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/status"
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
	return runApp(e, e.dbPath(), appRun{collect: true})
}

// appRun is how the tray app runs: on the user's data, or on the demo's.
type appRun struct {
	// collect runs the syslog collector in the app (not in the demo,
	// which must not take the real app's port).
	collect bool
	// demo is the demo's data; nil for the user's.
	demo *demoData
}

// runApp is the tray app over the database at path.
func runApp(e *env, path string, run appRun) int {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
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

	light := func(ctx context.Context) (monitor.Level, error) {
		s, err := status.Load(ctx, st, e.now())
		return s.Level, err
	}
	// The MSS client runs in the app as in `kizuki serve`; what it
	// receives goes to the window once the window exists.
	var ui *app.UI
	svc := newMSSService(e, st, filepath.Dir(path))
	if run.demo != nil {
		svc.openSecrets = run.demo.openSecrets
	}
	svc.light = light
	svc.onChange = func(c monitor.MSSChange) { ui.MSSChanged(c) }
	thisPC := e.checkSystem("")
	thisPC.Now = e.now
	cfg := app.Config{
		Loc:            e.loc,
		Store:          st,
		Refresh:        5 * time.Second,
		NotifyCooldown: 10 * time.Minute,
		Now:            e.now,
		MSS:            appMSS{svc},
		Checks:         appChecks{st: st, sys: thisPC},
		// The light with the readiness beside it, as `kizuki status` shows.
		Load: func(ctx context.Context) (status.Status, error) { return loadStatus(ctx, st, path, e.now()) },
	}
	if g, err := appGuidance(st, path); err == nil {
		cfg.Guidance = g
	} else {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIChecklistFailed, locales.Args{"Err": err}))
	}
	var col *collector
	if run.collect {
		// The same collector as serve's: the same soft heap limit, so a
		// flood from a million addresses is collected, not hoarded.
		limitServeMemory()
		col, err = startCollector(ctx, st, ingest.Config{UDPAddr: defaultSyslogAddr, TCPAddr: defaultSyslogAddr, Now: e.now}, archiveDir(path))
	}
	switch {
	case !run.collect:
	case err != nil:
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeFailed, locales.Args{"Err": err}))
	default:
		if col.warm.err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeWarmFailed, locales.Args{"Err": col.warm.err}))
		}
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
	if e.autostart != nil && run.demo == nil {
		cfg.Autostart = loginStart{e.autostart}
	}
	ui = app.New(a, cfg)
	if single != nil {
		go func() {
			for range single.Show() {
				fyne.Do(ui.ShowWindow)
			}
		}()
	}
	ui.Start(ctx)
	if _, _, err := svc.start(ctx); err != nil {
		// The settings say what is wrong; the rest of the app works.
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIMSSSecretsFailed, locales.Args{"Err": err}))
	}
	defer svc.wait()
	a.Run()
	cancel()
	return 0
}

// appMSS is the tray app's MSS connection: the service `kizuki serve`
// runs, in the app's terms.
type appMSS struct{ s *mssService }

func (m appMSS) State(ctx context.Context) (app.MSSState, error) {
	p, err := m.s.st.MSSProvider(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return app.MSSState{}, nil
	}
	if err != nil {
		return app.MSSState{}, err
	}
	st := app.MSSState{Enrolled: true, Provider: p}
	h, err := m.s.st.MSSHealth(ctx)
	if err != nil {
		return st, err
	}
	if h != nil {
		st.Rejects = h.Rejects
	}
	if sec, err := m.s.openSecrets(); err == nil {
		st.Secrets = sec.Backend()
	}
	return st, nil
}

func (m appMSS) Enroll(ctx context.Context, url, code string, heartbeat bool) (app.MSSState, error) {
	if _, _, err := m.s.enroll(ctx, url, code, heartbeat, nil); err != nil {
		return app.MSSState{}, err
	}
	return m.State(ctx)
}

func (m appMSS) SetHeartbeat(ctx context.Context, on bool) error { return m.s.setHeartbeat(ctx, on) }
func (m appMSS) Test(ctx context.Context) error                  { return m.s.test(ctx) }
func (m appMSS) Leave(ctx context.Context) error                 { return m.s.leave(ctx) }

func (m appMSS) Ask(ctx context.Context, text string, f *monitor.Finding, attach bool) (app.MSSReceipt, error) {
	a, err := m.s.ask(ctx, text, f, attach)
	return app.MSSReceipt{Provider: a.Provider, ID: a.ID, Attached: a.Attached, Local: a.Local}, err
}

// appChecks runs this PC's checks for the app, as `kizuki check` does.
type appChecks struct {
	st  *store.Store
	sys endpoint.System
}

func (c appChecks) RunDue(ctx context.Context) (bool, error) {
	_, ran, err := endpoint.RunDue(ctx, c.sys, c.st)
	return ran, err
}

func (c appChecks) RunNow(ctx context.Context) error {
	_, err := endpoint.RunAndStore(ctx, c.sys, c.st)
	return err
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
