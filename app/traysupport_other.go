//go:build !linux

package app

// trayHostPresent reports whether the desktop shows tray icons: Windows'
// notification area and macOS's menu bar always do; BSD desktops are
// assumed to, as Fyne's systray assumes.
func trayHostPresent() bool { return true }
