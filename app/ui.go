package app

import (
	"context"
	"io"
	"os"
	"reflect"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// Config is what the tray app needs from main.
type Config struct {
	// Loc speaks the user's language.
	Loc *locales.Localizer
	// Store is the database.
	Store Store
	// Load reads the current traffic light; nil means status.Load on Store.
	Load func(ctx context.Context) (status.Status, error)
	// Collector is the syslog listener running in the app; nil when it
	// could not start (another collector holds the port).
	Collector Collector
	// Autostart starts Kizuki at login; nil hides the setting.
	Autostart Autostart
	// Screens are screens a later core brings (対策, チェックリスト), shown
	// between 検知 and 設定.
	Screens []Screen
	// FindingActions are the buttons a later core adds to a finding.
	FindingActions []FindingAction
	// Guidance brings the 対策 and チェックリスト screens, いまやること and
	// 対策を始める; nil leaves them out.
	Guidance *Guidance
	// MSS is the managed security service connection; nil hides its
	// settings and MSS に相談.
	MSS MSS
	// Checks runs this PC's checks; nil hides この PC.
	Checks Checks
	// CheckEvery is how often Checks.RunDue is asked whether the daily
	// checks are due; an hour when zero.
	CheckEvery time.Duration
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
	// LocalAddrs lists this PC's LAN addresses, for the syslog
	// instructions; nil means ask the network interfaces.
	LocalAddrs func() []string
	// Background runs database and network work off the UI goroutine; nil
	// means a new goroutine. Tests run it in place.
	Background func(func())
	// StartHidden starts with the window hidden, as at login; without a
	// tray icon to open it from, or before the first-run wizard, the
	// window is shown anyway.
	StartHidden bool
}

// UI is the running desktop app: the main window and, where the desktop
// has one, the tray icon.
type UI struct {
	app fyne.App
	cfg Config
	ctx context.Context
	loc *locales.Localizer
	win fyne.Window

	shell    *shell
	view     *StatusView
	findings *FindingsView
	settings *SettingsView
	onboard  *onboarding    // while the first-run wizard shows
	guide    *guideView     // nil without Config.Guidance
	lists    *checklistView // nil without Config.Guidance
	thisPC   *thisPCView
	ask      *askDialog // the last MSS に相談 dialog opened
	tray     *tray      // nil without a tray host
	notifier *Notifier

	prefs    store.Settings
	shown    bool
	lastLvl  monitor.Level
	seenHigh map[int64]bool

	// saveFile asks where to save a file (named name by default), then
	// writes it off the UI goroutine and hands the result to done; tests
	// replace it.
	saveFile func(name string, write func(context.Context, io.Writer) error, done func(error))
	// mssEnrolled is the enrolment as last read: MSS に相談 is offered
	// only then.
	mssEnrolled bool
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
	if cfg.LocalAddrs == nil {
		cfg.LocalAddrs = localAddrs
	}
	if cfg.Background == nil {
		cfg.Background = func(f func()) { go f() }
	}
	if cfg.Load == nil {
		cfg.Load = func(ctx context.Context) (status.Status, error) { return status.Load(ctx, cfg.Store, cfg.Now()) }
	}
	a.Settings().SetTheme(NewTheme())
	a.SetIcon(AppIcon)

	u := &UI{app: a, cfg: cfg, ctx: context.Background(), loc: cfg.Loc, prefs: store.DefaultSettings(), seenHigh: map[int64]bool{}}
	u.saveFile = u.saveWithDialog
	u.notifier = NewNotifier(a.SendNotification, cfg.NotifyCooldown, cfg.Now)
	u.notifier.SetQuiet(func(t time.Time) bool { return u.prefs.Quiet.Contains(t.In(time.Local)) })
	u.win = a.NewWindow(cfg.Loc.T(locales.AppTitle, nil))
	u.win.SetIcon(AppIcon)

	if cfg.MSS != nil {
		u.cfg.FindingActions = append(slices.Clip(u.cfg.FindingActions), FindingAction{
			Label:     u.loc.T(locales.MSSAskButton, nil),
			Available: func(monitor.Finding) bool { return u.mssEnrolled },
			Run:       u.openAsk,
		})
	}
	u.view = NewStatusView(cfg.Loc)
	screens := []Screen{{ID: "status", Title: u.loc.T(locales.NavStatus, nil), Content: u.view.Content()}}
	if cfg.Store != nil {
		u.findings = newFindingsView(u)
		u.settings = newSettingsView(u)
		screens = append(screens, Screen{ID: "findings", Title: u.loc.T(locales.NavFindings, nil), Content: u.findings.content, Shown: u.findings.reload})
		if cfg.Guidance != nil {
			screens = append(screens, u.addGuidance()...)
		}
		screens = append(screens, cfg.Screens...)
		if cfg.Checks != nil {
			u.thisPC = newThisPCView(u)
			screens = append(screens, Screen{ID: "thispc", Title: u.loc.T(locales.NavThisPC, nil), Content: u.thisPC.content, Shown: u.thisPC.reload})
		}
		screens = append(screens, Screen{ID: "settings", Title: u.loc.T(locales.NavSettings, nil), Content: u.settings.content, Shown: u.settings.reload})
	}
	u.shell = newShell(u.win, screens)
	u.win.SetContent(u.shell.content)
	u.win.Resize(windowSize(userScale(a)))
	u.win.SetMaster()

	if desk, ok := a.(desktop.App); ok && cfg.TrayHost() {
		u.tray = newTray(desk, cfg.Loc, u.ShowWindow, u.togglePause)
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

// Start reads the settings and the light, shows the window (the first-run
// wizard until it was done once) and keeps the light fresh until ctx ends.
// Call it on the UI goroutine before fyne.App.Run.
func (u *UI) Start(ctx context.Context) {
	u.ctx = ctx
	if u.cfg.Store != nil {
		load(u, u.cfg.Store.Settings, func(s store.Settings, err error) {
			if err != nil {
				return // the defaults stay; the status view says what is wrong with the database
			}
			u.prefs = s
			u.settings.show(s)
			if !s.Onboarded {
				u.onboard = newOnboarding(u, u.finishOnboarding)
				u.win.SetContent(u.onboard.content)
				u.onboard.scroll.Refresh()
				u.win.Show()
			}
		})
	}
	u.refresh()
	if u.settings != nil && u.settings.mss != nil {
		u.settings.mss.reload()
	}
	if u.thisPC != nil {
		u.runChecks()
		go u.recheck(ctx)
	}
	if !u.cfg.StartHidden || u.tray == nil {
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

// finishOnboarding leaves the first-run wizard for the main screens.
func (u *UI) finishOnboarding(s store.Settings) {
	diagnose := u.onboard != nil && u.onboard.thenDiagnose
	u.prefs = s
	u.onboard = nil
	u.settings.show(s)
	u.win.SetContent(u.shell.content)
	u.shell.show(0)
	u.refresh()
	if diagnose && u.lists != nil {
		u.lists.selected = guidance.SelfDiagnosisID
		u.shell.showID("checklist")
	}
}

// addGuidance builds the screens the guidance core brings and registers
// 対策を始める on findings that have a playbook.
func (u *UI) addGuidance() []Screen {
	u.guide = newGuideView(u)
	u.lists = newChecklistView(u)
	u.cfg.FindingActions = append(u.cfg.FindingActions, FindingAction{
		Label: u.loc.T(locales.GuideStartFix, nil),
		Available: func(f monitor.Finding) bool {
			_, ok := u.guide.playbookOf(f)
			return ok && f.State.Active()
		},
		Run: func(f monitor.Finding) {
			if pb, ok := u.guide.playbookOf(f); ok {
				u.openWizard(pb, f)
			}
		},
	})
	return []Screen{
		{ID: "guide", Title: u.loc.T(locales.NavGuide, nil), Content: u.guide.content, Shown: u.guide.reload},
		{ID: "checklist", Title: u.loc.T(locales.NavChecklist, nil), Content: u.lists.content, Shown: u.lists.reload},
	}
}

// refresh reads the light off the UI goroutine and shows it.
func (u *UI) refresh() {
	load(u, u.cfg.Load, u.apply)
}

// apply shows a freshly read light; UI goroutine only. After the first
// reading, a change of level and a new high or critical finding are
// announced by desktop notifications.
func (u *UI) apply(st status.Status, err error) {
	if err != nil {
		u.view.ShowError(err)
		return
	}
	changed := u.view.shown == nil || !reflect.DeepEqual(*u.view.shown, st)
	u.view.Show(st, u.cfg.Now())
	if changed && u.guide != nil {
		u.reloadTasks()
	}
	if u.tray != nil {
		u.tray.show(st)
		u.tray.showPause(u.notifier.PausedUntil(), u.cfg.Now())
	}
	// One pop-up per reading: a change of level names its top reason,
	// which is the new finding when one turned the light red.
	var fresh []status.Reason
	for _, r := range st.Reasons {
		if id, high := highFinding(r); high && !u.seenHigh[id] {
			u.seenHigh[id] = true
			fresh = append(fresh, r)
		}
	}
	switch {
	case !u.shown:
	case st.Level != u.lastLvl:
		u.announce(st)
	case len(fresh) > 0:
		title, detail := u.loc.Reason(fresh[0].Code, fresh[0].Args)
		id, _ := highFinding(fresh[0])
		u.notifier.Notify(findingKey(id), u.loc.T(locales.NotifyFindingTitle, locales.Args{"Title": title}), detail)
	}
	u.shown, u.lastLvl = true, st.Level
}

// highFinding reports whether r is a high or critical finding, with its id.
func highFinding(r status.Reason) (int64, bool) {
	id, ok := r.Args["id"].(int64)
	if !ok {
		return 0, false
	}
	sev, _ := r.Args["severity"].(string)
	s, err := monitor.ParseSeverity(sev)
	return id, err == nil && s >= monitor.SeverityHigh
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

// pauseFor is how long the tray's pause item silences notifications.
const pauseFor = time.Hour

// togglePause silences notifications for pauseFor, or lifts a pause.
func (u *UI) togglePause() {
	now := u.cfg.Now()
	if u.notifier.PausedUntil().After(now) {
		u.notifier.Pause(time.Time{})
	} else {
		u.notifier.Pause(now.Add(pauseFor))
	}
	if u.tray != nil {
		u.tray.showPause(u.notifier.PausedUntil(), now)
	}
}

// windowSize is the main window's first size at the given scale: 900×620
// at 100 %, smaller at larger scales so that the window still fits a
// 1366×768 screen (the commonest small office laptop) with room for a
// taskbar; the screens scroll when their content is taller.
func windowSize(scale float32) fyne.Size {
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(min(900, 1280/scale), min(620, 700/scale))
}

// userScale is the scale the user asked for, read as Fyne's desktop
// driver reads it: FYNE_SCALE, else the app's setting, else 100 %.
func userScale(a fyne.App) float32 {
	if env := os.Getenv("FYNE_SCALE"); env != "" && env != "auto" {
		if f, err := strconv.ParseFloat(env, 32); err == nil && f > 0 {
			return float32(f)
		}
	}
	if s := a.Settings().Scale(); s > 0 {
		return s
	}
	return 1
}
