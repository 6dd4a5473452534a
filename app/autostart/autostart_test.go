package autostart

import (
	"encoding/xml"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != string(want) {
		t.Errorf("%s differs:\n got: %s\nwant: %s", name, got, want)
	}
}

func TestXDGEnableDisable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	x := XDG{ConfigHome: filepath.Join(dir, "home"), ConfigDirs: []string{filepath.Join(dir, "etc")}}
	mustEnabled(t, x, false)
	if err := x.Enable("/opt/Kizuki 1/kizuki", "--background"); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, x, true)
	b, err := os.ReadFile(filepath.Join(dir, "home", "autostart", "kizuki.desktop"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "kizuki.desktop", b)
	if err := x.Disable(); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, x, false)
	if _, err := os.Stat(filepath.Join(dir, "home", "autostart", "kizuki.desktop")); !os.IsNotExist(err) {
		t.Errorf("user entry still there after Disable: %v", err)
	}
	if err := x.Disable(); err != nil {
		t.Errorf("Disable when already off: %v", err)
	}
	if err := x.Enable("relative/kizuki"); err == nil {
		t.Error("Enable accepted a relative path")
	}
}

// A package installs /etc/xdg/autostart/kizuki.desktop: turning it off
// must hide it behind a user entry, and turning it on again must win.
func TestXDGOverridesThePackageEntry(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	x := XDG{ConfigHome: filepath.Join(dir, "home"), ConfigDirs: []string{filepath.Join(dir, "etc")}}
	if err := writeFileAtomic(filepath.Join(dir, "etc", "autostart", "kizuki.desktop"),
		[]byte("[Desktop Entry]\nType=Application\nName=Kizuki\nExec=kizuki --background\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, x, true)
	if err := x.Disable(); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, x, false)
	if err := x.Enable("/usr/bin/kizuki", "--background"); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, x, true)
}

func TestEntryStarts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		entry string
		want  bool
	}{
		{"[Desktop Entry]\nExec=kizuki\n", true},
		{"[Desktop Entry]\nHidden=true\n", false},
		{"[Desktop Entry]\nHidden = true\n", false},
		{"[Desktop Entry]\nHidden=false\n", true},
		{"[Desktop Entry]\nX-GNOME-Autostart-enabled=false\n", false},
		{"[Other Group]\nHidden=true\n[Desktop Entry]\nExec=kizuki\n", true},
	}
	for _, tt := range tests {
		if got := entryStarts([]byte(tt.entry)); got != tt.want {
			t.Errorf("entryStarts(%q) = %v, want %v", tt.entry, got, tt.want)
		}
	}
}

func TestExecQuote(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"/usr/bin/kizuki": "/usr/bin/kizuki",
		"--background":    "--background",
		"/opt/My App/k":   `"/opt/My App/k"`,
		`/a/b"c`:          `"/a/b\\"c"`,
		"/a/$HOME":        `"/a/\\$HOME"`,
		"/a/100%":         `"/a/100%%"`,
		"":                `""`,
	}
	for in, want := range tests {
		if got := execQuote(in); got != want {
			t.Errorf("execQuote(%q) = %s, want %s", in, got, want)
		}
	}
}

func TestLaunchAgent(t *testing.T) {
	t.Parallel()
	l := LaunchAgent{Dir: filepath.Join(t.TempDir(), "LaunchAgents")}
	mustEnabled(t, l, false)
	if err := l.Enable("/Applications/Kizuki.app/Contents/MacOS/kizuki", "--background", "<&>"); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, l, true)
	b, err := os.ReadFile(filepath.Join(l.Dir, "app.kizuki.desktop.plist"))
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "app.kizuki.desktop.plist", b)
	// The property list must be well-formed XML.
	d := xml.NewDecoder(strings.NewReader(string(b)))
	d.Strict = true
	for {
		if _, err := d.Token(); err != nil {
			if err.Error() != "EOF" {
				t.Errorf("plist is not well-formed: %v", err)
			}
			break
		}
	}
	if err := l.Disable(); err != nil {
		t.Fatal(err)
	}
	mustEnabled(t, l, false)
}

func TestNewXDGDefaults(t *testing.T) {
	t.Parallel()
	env := map[string]string{"XDG_CONFIG_DIRS": "relative:/opt/xdg"}
	x := NewXDG(func(k string) string { return env[k] }, "/home/u")
	if x.ConfigHome != "/home/u/.config" || len(x.ConfigDirs) != 1 || x.ConfigDirs[0] != "/opt/xdg" {
		t.Errorf("NewXDG = %+v", x)
	}
	x = NewXDG(func(string) string { return "" }, "/home/u")
	if len(x.ConfigDirs) != 1 || x.ConfigDirs[0] != "/etc/xdg" {
		t.Errorf("NewXDG without environment = %+v", x)
	}
}

func mustEnabled(t *testing.T, s Starter, want bool) {
	t.Helper()
	got, err := s.Enabled()
	if err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("Enabled = %v, want %v", got, want)
	}
}
