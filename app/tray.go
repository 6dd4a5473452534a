package app

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// tray is the system-tray icon and menu: a status line, open, pause
// notifications for an hour, quit.
type tray struct {
	desk   desktop.App
	loc    *locales.Localizer
	menu   *fyne.Menu
	status *fyne.MenuItem
	pause  *fyne.MenuItem
	level  string
}

// newTray installs the tray menu; open shows the main window, pause
// toggles the notification pause.
func newTray(desk desktop.App, loc *locales.Localizer, open, pause func()) *tray {
	t := &tray{desk: desk, loc: loc}
	t.status = fyne.NewMenuItem("", open)
	openItem := fyne.NewMenuItem(loc.T(locales.TrayOpen, nil), open)
	t.pause = fyne.NewMenuItem(loc.T(locales.TrayPause, nil), pause)
	quit := fyne.NewMenuItem(loc.T(locales.TrayQuit, nil), nil) // Fyne fills in Quit
	quit.IsQuit = true
	t.menu = fyne.NewMenu("Kizuki", t.status, fyne.NewMenuItemSeparator(), openItem, t.pause, fyne.NewMenuItemSeparator(), quit)
	t.setLevel("yellow")
	desk.SetSystemTrayMenu(t.menu)
	return t
}

// show updates the icon and the status line to st's level.
func (t *tray) show(st status.Status) {
	if level := st.Level.String(); level != t.level {
		t.setLevel(level)
		t.menu.Refresh()
	}
}

// showPause labels the pause item: pause, or resume with the time the
// pause ends.
func (t *tray) showPause(until, now time.Time) {
	label := t.loc.T(locales.TrayPause, nil)
	if until.After(now) {
		label = t.loc.T(locales.TrayResume, locales.Args{"Time": t.loc.Clock(until)})
	}
	if label != t.pause.Label {
		t.pause.Label = label
		t.menu.Refresh()
	}
}

func (t *tray) setLevel(level string) {
	t.level = level
	t.status.Label = t.loc.T(locales.TrayStatus, locales.Args{"Word": t.loc.LevelWord(level), "Color": t.loc.ColorName(level)})
	t.desk.SetSystemTrayIcon(lightIcon(level))
}
