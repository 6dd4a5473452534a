package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Screen is one page of the main window. Screens are data: the window
// lists them in the sidebar in order, and a core that lands later (guidance:
// 対策, チェックリスト) adds its own through Config.Screens. Only screens
// with a core behind them are registered.
type Screen struct {
	// ID names the screen in tests and the smoke test.
	ID string
	// Title is the sidebar label, already in the user's language.
	Title string
	// Content is the screen's root object.
	Content fyne.CanvasObject
	// Shown, if set, is called on the UI goroutine each time the screen
	// is opened (to re-read its data).
	Shown func()
}

// shell is the main window's frame: a sidebar of screens and the current
// one. Ctrl+1, Ctrl+2… open the screens in order; Tab moves between the
// sidebar buttons and Space opens the focused one.
type shell struct {
	screens []Screen
	buttons []*widget.Button
	body    *fyne.Container
	current int
	content fyne.CanvasObject
}

// numberKeys are the keys of the Ctrl+N shortcuts, screen by screen.
var numberKeys = []fyne.KeyName{fyne.Key1, fyne.Key2, fyne.Key3, fyne.Key4, fyne.Key5, fyne.Key6, fyne.Key7, fyne.Key8, fyne.Key9}

func newShell(win fyne.Window, screens []Screen) *shell {
	s := &shell{screens: screens, body: container.NewStack()}
	nav := container.NewVBox()
	for i, sc := range screens {
		b := widget.NewButton(sc.Title, func() { s.show(i) })
		b.Alignment = widget.ButtonAlignLeading
		s.buttons = append(s.buttons, b)
		nav.Add(b)
		if i < len(numberKeys) {
			win.Canvas().AddShortcut(&desktop.CustomShortcut{KeyName: numberKeys[i], Modifier: fyne.KeyModifierShortcutDefault},
				func(fyne.Shortcut) { s.show(i) })
		}
	}
	s.content = container.NewBorder(nil, nil, container.NewHBox(nav, widget.NewSeparator()), nil, s.body)
	if len(screens) > 0 {
		s.show(0)
	}
	return s
}

// show opens screen i.
func (s *shell) show(i int) {
	if i < 0 || i >= len(s.screens) {
		return
	}
	s.current = i
	for j, b := range s.buttons {
		imp := widget.LowImportance
		if j == i {
			imp = widget.HighImportance
		}
		if b.Importance != imp {
			b.Importance = imp
			b.Refresh()
		}
	}
	s.body.Objects = []fyne.CanvasObject{s.screens[i].Content}
	s.body.Refresh()
	if s.screens[i].Shown != nil {
		s.screens[i].Shown()
	}
}

// showID opens the screen with the given id; it reports whether there is one.
func (s *shell) showID(id string) bool {
	for i, sc := range s.screens {
		if sc.ID == id {
			s.show(i)
			return true
		}
	}
	return false
}
