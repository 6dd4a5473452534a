// Package autostart turns "start Kizuki when I log in" on and off, the way
// each desktop expects: an XDG autostart entry on Linux and the BSDs, a
// LaunchAgent on macOS, the Run key of the user's registry on Windows.
//
// It never needs administrator rights: every entry it writes belongs to
// the user. It imports no Fyne, so the headless build (`kizuki
// uninstall`) can use it too.
package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

// Name is the entry's name everywhere: the XDG file kizuki.desktop, the
// LaunchAgent label's last part, the Run key's value name.
const Name = "kizuki"

// Starter turns start at login on and off for one user.
type Starter interface {
	// Enabled reports whether Kizuki starts at login.
	Enabled() (bool, error)
	// Enable makes the executable at exe (an absolute path) start at login,
	// with args (such as "--background").
	Enable(exe string, args ...string) error
	// Disable stops Kizuki from starting at login. It is not an error when
	// it was not enabled.
	Disable() error
}

// Executable is the absolute path of the running program, with symbolic
// links resolved, as Enable wants it.
func Executable() (string, error) {
	exe, err := os.Executable()
	if err != nil {
		return "", fmt.Errorf("finding the program's path: %w", err)
	}
	if resolved, err := filepath.EvalSymlinks(exe); err == nil {
		exe = resolved
	}
	return exe, nil
}

// writeFileAtomic writes data to path through a temporary file in the
// same directory, so a crash never leaves half an entry behind.
func writeFileAtomic(path string, data []byte, perm os.FileMode) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return fmt.Errorf("creating %s: %w", filepath.Dir(path), err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".kizuki-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Chmod(perm); err != nil {
		tmp.Close()
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
