package main

import "path/filepath"

// defaultDBPath is the per-user database location of the OS: the XDG data
// directory on Linux and BSD, Application Support on macOS, the local
// application data folder on Windows.
func defaultDBPath(getenv func(string) string, goos string) string {
	var dir string
	switch goos {
	case "windows":
		dir = getenv("LocalAppData")
		if dir == "" {
			dir = filepath.Join(getenv("UserProfile"), "AppData", "Local")
		}
		dir = filepath.Join(dir, "Kizuki")
	case "darwin":
		dir = filepath.Join(getenv("HOME"), "Library", "Application Support", "Kizuki")
	default:
		dir = getenv("XDG_DATA_HOME")
		if dir == "" || !filepath.IsAbs(dir) {
			dir = filepath.Join(getenv("HOME"), ".local", "share")
		}
		dir = filepath.Join(dir, "kizuki")
	}
	return filepath.Join(dir, "kizuki.db")
}
