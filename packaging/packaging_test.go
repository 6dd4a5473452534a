package packaging_test

import (
	"bytes"
	"debug/pe"
	"encoding/binary"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// artifact finds the one file of dist/ matching pattern, or skips: the
// installers exist only after `make package`.
func artifact(t *testing.T, pattern string) string {
	t.Helper()
	dist := os.Getenv("KIZUKI_DIST")
	if dist == "" {
		dist = filepath.Join("..", "dist")
	}
	matches, _ := filepath.Glob(filepath.Join(dist, pattern))
	if len(matches) == 0 {
		t.Skipf("no %s in %s: run `make package` first (make package-test does both)", pattern, dist)
	}
	if len(matches) > 1 {
		t.Fatalf("several %s in %s: %q; remove the stale ones", pattern, dist, matches)
	}
	return matches[0]
}

func need(t *testing.T, tool string) {
	t.Helper()
	if _, err := exec.LookPath(tool); err != nil {
		t.Skipf("%s is not installed", tool)
	}
}

// debEntry is one line of `dpkg-deb -c`.
type debEntry struct{ mode, owner, path string }

func TestDebContents(t *testing.T) {
	t.Parallel()
	need(t, "dpkg-deb")
	deb := artifact(t, "kizuki_*.deb")
	out, err := exec.Command("dpkg-deb", "-c", deb).Output()
	if err != nil {
		t.Fatalf("dpkg-deb -c: %v", err)
	}
	entries := map[string]debEntry{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		f := strings.Fields(line)
		if len(f) < 6 {
			t.Fatalf("unexpected dpkg-deb line %q", line)
		}
		p := strings.TrimSuffix(strings.TrimPrefix(f[5], "."), "/")
		if p == "" {
			p = "/"
		}
		entries[p] = debEntry{mode: f[0], owner: f[1], path: p}
	}
	want := []struct{ path, mode string }{
		{"/", "drwxr-xr-x"},
		{"/usr/bin/kizuki", "-rwxr-xr-x"},
		{"/usr/bin/kizuki-headless", "-rwxr-xr-x"},
		{"/usr/share/applications/app.kizuki.desktop.desktop", "-rw-r--r--"},
		{"/usr/share/icons/hicolor/512x512/apps/app.kizuki.desktop.png", "-rw-r--r--"},
		{"/etc/xdg/autostart/kizuki.desktop", "-rw-r--r--"},
		{"/usr/lib/systemd/system/kizuki-serve.service", "-rw-r--r--"},
		{"/usr/lib/sysusers.d/kizuki.conf", "-rw-r--r--"},
		{"/usr/share/doc/kizuki/copyright", "-rw-r--r--"},
		{"/usr/share/doc/kizuki/OFL.txt", "-rw-r--r--"},
		{"/usr/share/doc/kizuki/examples/kizuki-serve-port514.conf", "-rw-r--r--"},
	}
	for _, w := range want {
		e, ok := entries[w.path]
		switch {
		case !ok:
			t.Errorf("%s is missing from the package", w.path)
		case e.mode != w.mode:
			t.Errorf("%s has mode %s, want %s", w.path, e.mode, w.mode)
		case e.owner != "root/root":
			t.Errorf("%s is owned by %s, want root/root", w.path, e.owner)
		}
	}

	fields := func(names ...string) string {
		out, err := exec.Command("dpkg-deb", append([]string{"-f", deb}, names...)...).Output()
		if err != nil {
			t.Fatalf("dpkg-deb -f: %v", err)
		}
		return string(out)
	}
	if deps := fields("Depends"); !strings.Contains(deps, "libgl1") || !strings.Contains(deps, "libx11-6") {
		t.Errorf("Depends lacks the OpenGL and X11 libraries the tray app needs: %s", deps)
	}
	if v := strings.TrimSpace(fields("Version")); !regexp.MustCompile(`^\d+\.\d+\.\d+-\d+$`).MatchString(v) {
		t.Errorf("Version %q is not VERSION-BUILD from FyneApp.toml", v)
	}
}

// extract unpacks the .deb into a temporary folder.
func extract(t *testing.T, deb string) string {
	t.Helper()
	dir := t.TempDir()
	if out, err := exec.Command("dpkg-deb", "-x", deb, dir).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v %s", err, out)
	}
	return dir
}

// TestDebSystemdUnit runs systemd-analyze verify over the unit, and over
// it with the port-514 drop-in. verify needs ExecStart's program where
// the unit says, so the copies point at the unpacked one. Warnings (an
// unknown key, a bad value) are failures too.
func TestDebSystemdUnit(t *testing.T) {
	t.Parallel()
	need(t, "dpkg-deb")
	need(t, "systemd-analyze")
	deb := artifact(t, "kizuki_*.deb")
	root := extract(t, deb)
	unit, err := os.ReadFile(filepath.Join(root, "usr/lib/systemd/system/kizuki-serve.service"))
	if err != nil {
		t.Fatal(err)
	}
	dropIn, err := os.ReadFile(filepath.Join(root, "usr/share/doc/kizuki/examples/kizuki-serve-port514.conf"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"User=kizuki", "NoNewPrivileges=yes", "CapabilityBoundingSet=\n", "ProtectSystem=strict", "StateDirectoryMode=0700"} {
		if !strings.Contains(string(unit), want) {
			t.Errorf("unit lacks %q", strings.TrimSpace(want))
		}
	}
	if strings.Contains(string(unit), "User=root") {
		t.Error("the collector must never run as root")
	}
	headless := filepath.Join(root, "usr/bin/kizuki-headless")
	units := t.TempDir()
	write := func(name string, b []byte) {
		t.Helper()
		b = bytes.ReplaceAll(b, []byte("/usr/bin/kizuki-headless"), []byte(headless))
		if err := os.MkdirAll(filepath.Dir(filepath.Join(units, name)), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(units, name), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	verify := func(what string) {
		t.Helper()
		cmd := exec.Command("systemd-analyze", "verify", filepath.Join(units, "kizuki-serve.service"))
		cmd.Env = append(os.Environ(), "SYSTEMD_UNIT_PATH="+units+":/lib/systemd/system:/usr/lib/systemd/system:")
		out, err := cmd.CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("systemd-analyze verify (%s): %v\n%s", what, err, out)
		}
	}
	write("kizuki-serve.service", unit)
	verify("unit")
	write("kizuki-serve.service.d/port514.conf", dropIn)
	verify("unit with the port-514 drop-in")

	// The headless binary in the package runs here and names its build.
	out, err := exec.Command(headless, "--version").Output()
	if err != nil || !strings.Contains(string(out), "nogui") {
		t.Errorf("kizuki-headless --version: %v %q", err, out)
	}
}

func TestDebDesktopEntries(t *testing.T) {
	t.Parallel()
	need(t, "dpkg-deb")
	need(t, "desktop-file-validate")
	root := extract(t, artifact(t, "kizuki_*.deb"))
	for _, p := range []string{"usr/share/applications/app.kizuki.desktop.desktop", "etc/xdg/autostart/kizuki.desktop"} {
		out, err := exec.Command("desktop-file-validate", filepath.Join(root, p)).CombinedOutput()
		if err != nil || len(bytes.TrimSpace(out)) > 0 {
			t.Errorf("desktop-file-validate %s: %v\n%s", p, err, out)
		}
	}
}

func TestLinuxArchive(t *testing.T) {
	t.Parallel()
	need(t, "tar")
	archive := artifact(t, "kizuki_*_linux_*.tar.xz")
	out, err := exec.Command("tar", "-tJf", archive).Output()
	if err != nil {
		t.Fatalf("tar -t: %v", err)
	}
	list := strings.Split(string(out), "\n")
	for _, want := range []string{"kizuki/usr/local/bin/kizuki", "kizuki/usr/local/share/applications/app.kizuki.desktop.desktop", "kizuki/Makefile"} {
		if !slices.Contains(list, want) {
			t.Errorf("%s lacks %s", filepath.Base(archive), want)
		}
	}
}

// Resource types of the Windows resource directory.
const (
	rtIcon      = 3
	rtGroupIcon = 14
	rtVersion   = 16
	rtManifest  = 24
)

// TestWindowsExecutable checks the cross-built exe: PE32+ for x86-64,
// the GUI subsystem (no console window for the tray app), and icon,
// version and manifest resources.
func TestWindowsExecutable(t *testing.T) {
	t.Parallel()
	exe := artifact(t, "kizuki_*_windows_amd64.exe")
	f, err := pe.Open(exe)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if f.Machine != pe.IMAGE_FILE_MACHINE_AMD64 {
		t.Errorf("machine %#x, want AMD64", f.Machine)
	}
	oh, ok := f.OptionalHeader.(*pe.OptionalHeader64)
	if !ok {
		t.Fatalf("optional header %T: not PE32+", f.OptionalHeader)
	}
	if oh.Subsystem != pe.IMAGE_SUBSYSTEM_WINDOWS_GUI {
		t.Errorf("subsystem %d, want the Windows GUI subsystem (%d)", oh.Subsystem, pe.IMAGE_SUBSYSTEM_WINDOWS_GUI)
	}
	types, err := resourceTypes(f, oh)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []uint32{rtIcon, rtGroupIcon, rtVersion, rtManifest} {
		if !slices.Contains(types, want) {
			t.Errorf("resource type %d missing (have %v)", want, types)
		}
	}
}

// resourceTypes lists the type IDs at the root of the resource directory.
func resourceTypes(f *pe.File, oh *pe.OptionalHeader64) ([]uint32, error) {
	dir := oh.DataDirectory[pe.IMAGE_DIRECTORY_ENTRY_RESOURCE]
	if dir.VirtualAddress == 0 {
		return nil, errors.New("no resource directory")
	}
	for _, s := range f.Sections {
		if dir.VirtualAddress < s.VirtualAddress || dir.VirtualAddress >= s.VirtualAddress+s.VirtualSize {
			continue
		}
		data, err := s.Data()
		if err != nil {
			return nil, err
		}
		off := dir.VirtualAddress - s.VirtualAddress
		if int(off)+16 > len(data) {
			return nil, errors.New("resource directory out of its section")
		}
		named := binary.LittleEndian.Uint16(data[off+12:])
		ids := binary.LittleEndian.Uint16(data[off+14:])
		var types []uint32
		for i := uint32(named); i < uint32(named)+uint32(ids); i++ {
			e := off + 16 + 8*i
			if int(e)+8 > len(data) {
				return nil, errors.New("resource entry out of its section")
			}
			types = append(types, binary.LittleEndian.Uint32(data[e:]))
		}
		return types, nil
	}
	return nil, errors.New("resource directory in no section")
}
