package app

import "github.com/godbus/dbus/v5"

// trayHostPresent reports whether the desktop shows tray icons. On Linux
// that takes a StatusNotifier host on the session bus: GNOME without its
// AppIndicator extension, bare X servers and many kiosks have none, and
// there a hidden window could never be brought back.
func trayHostPresent() bool {
	conn, err := dbus.SessionBusPrivate()
	if err != nil {
		return false
	}
	defer conn.Close()
	if err := conn.Auth(nil); err != nil {
		return false
	}
	if err := conn.Hello(); err != nil {
		return false
	}
	var has bool
	err = conn.BusObject().Call("org.freedesktop.DBus.NameHasOwner", 0, "org.kde.StatusNotifierWatcher").Store(&has)
	return err == nil && has
}
