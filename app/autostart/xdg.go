package autostart

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// XDG is the freedesktop.org autostart mechanism: a desktop entry named
// kizuki.desktop in the user's autostart directory, which also overrides
// (with Hidden=true) the entry a package installs system-wide in
// /etc/xdg/autostart.
type XDG struct {
	// ConfigHome is $XDG_CONFIG_HOME (default ~/.config).
	ConfigHome string
	// ConfigDirs are the system directories, $XDG_CONFIG_DIRS (default
	// /etc/xdg), most important first.
	ConfigDirs []string
}

var _ Starter = XDG{}

// NewXDG reads the XDG directories from the environment, as the desktop
// session does.
func NewXDG(getenv func(string) string, home string) XDG {
	x := XDG{ConfigHome: getenv("XDG_CONFIG_HOME"), ConfigDirs: filepath.SplitList(getenv("XDG_CONFIG_DIRS"))}
	if x.ConfigHome == "" || !filepath.IsAbs(x.ConfigHome) {
		x.ConfigHome = filepath.Join(home, ".config")
	}
	var dirs []string
	for _, d := range x.ConfigDirs {
		if filepath.IsAbs(d) {
			dirs = append(dirs, d)
		}
	}
	if len(dirs) == 0 {
		dirs = []string{"/etc/xdg"}
	}
	x.ConfigDirs = dirs
	return x
}

func (x XDG) userEntry() string {
	return filepath.Join(x.ConfigHome, "autostart", Name+".desktop")
}

// Enabled follows the specification: the user's entry, when there is one,
// decides; otherwise the first system entry found does. An entry with
// Hidden=true, or X-GNOME-Autostart-enabled=false, does not start.
func (x XDG) Enabled() (bool, error) {
	for _, path := range append([]string{x.userEntry()}, x.systemEntries()...) {
		b, err := os.ReadFile(path)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return false, fmt.Errorf("reading %s: %w", path, err)
		}
		return entryStarts(b), nil
	}
	return false, nil
}

func (x XDG) systemEntries() []string {
	out := make([]string, len(x.ConfigDirs))
	for i, d := range x.ConfigDirs {
		out[i] = filepath.Join(d, "autostart", Name+".desktop")
	}
	return out
}

// Enable writes the user's entry.
func (x XDG) Enable(exe string, args ...string) error {
	if !filepath.IsAbs(exe) {
		return fmt.Errorf("enable start at login: %q is not an absolute path", exe)
	}
	return writeFileAtomic(x.userEntry(), desktopEntry(exe, args), 0o644)
}

// Disable removes the user's entry, or hides the system one behind a
// user entry with Hidden=true when a package installed one.
func (x XDG) Disable() error {
	for _, path := range x.systemEntries() {
		if _, err := os.Stat(path); err == nil {
			return writeFileAtomic(x.userEntry(), []byte("[Desktop Entry]\nType=Application\nName=Kizuki\nHidden=true\n"), 0o644)
		}
	}
	if err := os.Remove(x.userEntry()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("disable start at login: %w", err)
	}
	return nil
}

// desktopEntry is the autostart entry for exe. Exec quoting follows the
// Desktop Entry Specification: arguments with reserved characters are
// double-quoted, with ", `, $ and \ escaped by a backslash.
func desktopEntry(exe string, args []string) []byte {
	var b bytes.Buffer
	b.WriteString("[Desktop Entry]\nType=Application\nName=Kizuki\nName[ja]=気づき\n")
	b.WriteString("Comment=Your UTM's logs as a traffic light\nComment[ja]=UTM のログから会社のサイバーリスクを信号の色で知らせます\n")
	b.WriteString("Exec=")
	for i, a := range append([]string{exe}, args...) {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(execQuote(a))
	}
	b.WriteString("\nIcon=app.kizuki.desktop\nTerminal=false\nX-GNOME-Autostart-enabled=true\n")
	return b.Bytes()
}

func execQuote(s string) string {
	if s != "" && !strings.ContainsAny(s, " \t\n\"'\\><~|&;$*?#()`=%") {
		return s
	}
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch r {
		case '"', '`', '$', '\\':
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	b.WriteByte('"')
	// Inside a desktop file, a backslash in a string value is itself
	// escaped; '%' starts a field code.
	return strings.NewReplacer(`\`, `\\`, "%", "%%").Replace(b.String())
}

// entryStarts reads the keys of the [Desktop Entry] group that stop an
// entry from starting.
func entryStarts(b []byte) bool {
	inGroup := false
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if strings.HasPrefix(line, "[") {
			inGroup = line == "[Desktop Entry]"
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !inGroup || !ok {
			continue
		}
		switch strings.TrimSpace(k) {
		case "Hidden":
			if strings.TrimSpace(v) == "true" {
				return false
			}
		case "X-GNOME-Autostart-enabled":
			if strings.TrimSpace(v) == "false" {
				return false
			}
		}
	}
	return true
}
