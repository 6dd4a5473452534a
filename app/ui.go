package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// Config is what the tray app needs from main.
type Config struct {
	// Loc speaks the user's language.
	Loc *locales.Localizer
	// Load reads the current traffic light.
	Load func(ctx context.Context) (status.Status, error)
	// Refresh is how often the light is re-read.
	Refresh time.Duration
	// NotifyCooldown is the least time between two notifications of the
	// same kind.
	NotifyCooldown time.Duration
	// Now is the clock.
	Now func() time.Time
	// TrayHost reports whether the desktop can show a tray icon; nil
	// means ask the desktop.
	TrayHost func() bool
	// Background starts with the window hidden, as at login; without a
	// tray icon to open it from, the window is shown anyway.
	Background bool
}

// UI is the running desktop app: the main window and, where the desktop
// has one, the tray icon.
type UI struct {
	app      fyne.App
	cfg      Config
	win      fyne.Window
	view     *StatusView
	tray     *tray // nil without a tray host
	notifier *Notifier

	shown   bool
	lastLvl monitor.Level
}

// New builds the window (and tray, when the desktop has one) on a. It
// shows nothing until Start.
func New(a fyne.App, cfg Config) *UI {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.TrayHost == nil {
		cfg.TrayHost = trayHostPresent
	}
	a.Settings().SetTheme(NewTheme())
	a.SetIcon(AppIcon)

	u := &UI{app: a, cfg: cfg}
	u.notifier = NewNotifier(a.SendNotification, cfg.NotifyCooldown, cfg.Now)
	u.view = NewStatusView(cfg.Loc)
	u.win = a.NewWindow(cfg.Loc.T(locales.AppTitle, nil))
	u.win.SetIcon(AppIcon)
	u.win.SetContent(u.view.Content())
	u.win.Resize(fyne.NewSize(640, 480))
	u.win.SetMaster()

	if desk, ok := a.(desktop.App); ok && cfg.TrayHost() {
		u.tray = newTray(desk, cfg.Loc, u.ShowWindow)
		// Closing the window hides it to the tray; Quit is in the menu.
		u.win.SetCloseIntercept(u.win.Hide)
	}
	return u
}

// Window is the main window.
func (u *UI) Window() fyne.Window { return u.win }

// HasTray reports whether the tray icon is in use.
func (u *UI) HasTray() bool { return u.tray != nil }

// ShowWindow shows the main window and brings it to the front, as when
// Kizuki is launched a second time; UI goroutine only.
func (u *UI) ShowWindow() {
	u.win.Show()
	u.win.RequestFocus()
}

// Start reads the light once, shows the window (unless starting in the
// background with a tray icon) and keeps the light fresh until ctx ends.
// Call it on the UI goroutine before fyne.App.Run.
func (u *UI) Start(ctx context.Context) {
	u.refresh(ctx)
	if !u.cfg.Background || u.tray == nil {
		u.win.Show()
	}
	if u.cfg.Refresh <= 0 {
		return
	}
	go func() {
		tick := time.NewTicker(u.cfg.Refresh)
		defer tick.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-tick.C:
				st, err := u.cfg.Load(ctx)
				fyne.Do(func() { u.apply(st, err) })
			}
		}
	}()
}

// refresh reads the light and shows it; UI goroutine only.
func (u *UI) refresh(ctx context.Context) {
	st, err := u.cfg.Load(ctx)
	u.apply(st, err)
}

// apply shows a freshly read light; UI goroutine only. A change of level
// after the first reading is announced by a desktop notification.
func (u *UI) apply(st status.Status, err error) {
	if err != nil {
		u.view.ShowError(err)
		return
	}
	u.view.Show(st, u.cfg.Now())
	if u.tray != nil {
		u.tray.show(st)
	}
	if u.shown && st.Level != u.lastLvl {
		u.announce(st)
	}
	u.shown, u.lastLvl = true, st.Level
}

func (u *UI) announce(st status.Status) {
	loc := u.cfg.Loc
	level := st.Level.String()
	body := loc.LevelSummary(level)
	if len(st.Reasons) > 0 {
		body, _ = loc.Reason(st.Reasons[0].Code, st.Reasons[0].Args)
	}
	u.notifier.Notify("level."+level, loc.T(locales.NotifyLevelTitle, locales.Args{"Word": loc.LevelWord(level)}), body)
}
