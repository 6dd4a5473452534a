//go:build !nogui

package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/png"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// TestSmokeTrayApp starts the real binary in a real X server (Xvfb) with
// its own HOME, against a database holding one open high finding; the
// screen must show the window with the red light, and SIGTERM must end the
// app cleanly. KIZUKI_BIN names the binary (make test sets it); without it
// the test builds one. KIZUKI_SMOKE_SHOT, when set, is where the
// screenshot is saved.
func TestSmokeTrayApp(t *testing.T) {
	ctx := smokeContext(t)

	bin := smokeBinary(t, ctx)

	home := t.TempDir()
	db := filepath.Join(home, "data", "kizuki.db")
	s, err := store.Open(ctx, db)
	must(t, err)
	now := time.Now()
	_, err = s.RecordFinding(ctx, monitor.Finding{
		Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F",
		FirstSeen: now.Add(-3 * time.Hour), LastSeen: now.Add(-time.Minute), Count: 512,
	})
	must(t, err)
	prefs := store.DefaultSettings()
	prefs.Onboarded = true // the first-run wizard has its own widget tests
	must(t, s.SaveSettings(ctx, prefs))
	must(t, s.Close())

	display := startXvfb(t, ctx)
	runtimeDir := filepath.Join(home, "run")
	must(t, os.Mkdir(runtimeDir, 0o700))
	app := exec.CommandContext(ctx, bin, "--db", db, "--lang", "ja")
	app.Env = []string{"HOME=" + home, "DISPLAY=" + display, "XDG_RUNTIME_DIR=" + runtimeDir,
		"PATH=" + os.Getenv("PATH"), "LANG=ja_JP.UTF-8"}
	var appOut lockedBuffer
	app.Stdout, app.Stderr = &appOut, &appOut
	must(t, app.Start())
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	defer app.Process.Kill()

	// The window exists once xdotool finds it by title…
	windowID := findWindow(t, ctx, display, "", &appOut)
	// …and is drawn once the red octagon shows on screen.
	shot, reds, colours := waitScreen(t, ctx, display, exited, &appOut, "status", func(reds, colours int) bool { return reds > 2000 && colours > 50 })
	if p := os.Getenv("KIZUKI_SMOKE_SHOT"); p != "" {
		must(t, os.WriteFile(p, shot, 0o644))
	}
	t.Logf("screen shows %d red-light pixels and %d colours", reds, colours)

	// Ctrl+2 opens 検知, where the big light gives way to the list; Ctrl+1
	// goes back to 状態.
	for _, step := range []struct {
		name, key string
		ok        func(reds, colours int) bool
	}{
		{"findings", "ctrl+2", func(reds, _ int) bool { return reds < 1500 }},
		{"status-again", "ctrl+1", func(reds, _ int) bool { return reds > 2000 }},
	} {
		key := exec.CommandContext(ctx, "xdotool", "windowfocus", "--sync", windowID, "key", "--clearmodifiers", step.key)
		key.Env = append(os.Environ(), "DISPLAY="+display)
		if out, err := key.CombinedOutput(); err != nil {
			t.Fatalf("xdotool key %s: %v %s", step.key, err, out)
		}
		_, reds, _ := waitScreen(t, ctx, display, exited, &appOut, step.name, step.ok)
		t.Logf("after %s: %d red-light pixels", step.key, reds)
	}

	// A second launch on the same data finds the first, asks it to come
	// forward, and exits at once.
	second := exec.CommandContext(ctx, bin, "--db", db, "--lang", "en")
	second.Env = app.Env
	secondOut, err := second.CombinedOutput()
	if err != nil || !strings.Contains(string(secondOut), "already running") {
		t.Fatalf("second launch: %v, %q", err, secondOut)
	}
	select {
	case err := <-exited:
		t.Fatalf("the first kizuki exited after the second launch: %v\n%s", err, appOut.String())
	default:
	}

	must(t, app.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("kizuki did not exit cleanly on SIGTERM: %v\n%s", err, appOut.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("kizuki still running 15 s after SIGTERM\n%s", appOut.String())
	}
}

// waitScreen takes screenshots until ok holds for the red-light pixels and
// colours on screen; after 10 s it saves the last one as
// testdata/failed/smoke-<name>.png and fails.
func waitScreen(t *testing.T, ctx context.Context, display string, exited <-chan error, appOut *lockedBuffer, name string, ok func(reds, colours int) bool) ([]byte, int, int) {
	t.Helper()
	var reds, colours int
	shot := waitShot(t, ctx, display, exited, appOut, name, func(shot []byte) (bool, string) {
		reds, colours = countColours(t, shot)
		return ok(reds, colours), fmt.Sprintf("%d red pixels, %d colours", reds, colours)
	})
	return shot, reds, colours
}

// waitShot takes screenshots until ok holds for one; after 10 s it saves
// the last one as testdata/failed/smoke-<name>.png and fails with what ok
// last said about it.
func waitShot(t *testing.T, ctx context.Context, display string, exited <-chan error, appOut *lockedBuffer, name string, ok func(shot []byte) (bool, string)) []byte {
	t.Helper()
	for attempt := 0; ; attempt++ {
		shot := screenshot(t, ctx, display)
		good, what := ok(shot)
		if good {
			return shot
		}
		if attempt == 50 {
			path := saveFailed(t, name, shot)
			t.Fatalf("%s: the screen never looked right (%s; saved %s)\napp output:\n%s", name, what, path, appOut.String())
		}
		select {
		case <-time.After(200 * time.Millisecond):
		case err := <-exited:
			t.Fatalf("kizuki exited early: %v\n%s", err, appOut.String())
		}
	}
}

// saveFailed writes a screenshot to testdata/failed/smoke-<name>.png and
// returns its path.
func saveFailed(t *testing.T, name string, shot []byte) string {
	t.Helper()
	must(t, os.MkdirAll(filepath.Join("testdata", "failed"), 0o755))
	path := filepath.Join("testdata", "failed", "smoke-"+name+".png")
	must(t, os.WriteFile(path, shot, 0o644))
	return path
}

// startXvfb starts a 1024x768 X server on a free display and returns its
// name.
func startXvfb(t *testing.T, ctx context.Context) string {
	t.Helper()
	return startXvfbSized(t, ctx, "1024x768x24")
}

// startXvfbSized starts an X server with a screen of the given geometry
// (WxHxDepth) on a free display and returns its name.
func startXvfbSized(t *testing.T, ctx context.Context, geometry string) string {
	t.Helper()
	for n := 90; n < 200; n++ {
		if _, err := os.Stat(fmt.Sprintf("/tmp/.X%d-lock", n)); err == nil {
			continue
		}
		display := ":" + strconv.Itoa(n)
		x := exec.CommandContext(ctx, "Xvfb", display, "-screen", "0", geometry, "-nolisten", "tcp")
		if err := x.Start(); err != nil {
			t.Fatalf("start Xvfb: %v", err)
		}
		t.Cleanup(func() { x.Process.Kill(); x.Wait() })
		socket := fmt.Sprintf("/tmp/.X11-unix/X%d", n)
		for i := 0; i < 100; i++ {
			if _, err := os.Stat(socket); err == nil {
				return display
			}
			time.Sleep(50 * time.Millisecond)
		}
		t.Fatalf("Xvfb on %s did not come up", display)
	}
	t.Fatal("no free X display between :90 and :199")
	return ""
}

func screenshot(t *testing.T, ctx context.Context, display string) []byte {
	t.Helper()
	cmd := exec.CommandContext(ctx, "import", "-display", display, "-window", "root", "png:-")
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if errors.As(err, &exit) {
			t.Fatalf("screenshot: %v: %s", err, errOut.String())
		}
		t.Fatalf("screenshot: %v", err)
	}
	return out.Bytes()
}

// countColours returns how many pixels are the red light's colour and how
// many distinct colours the screen has (a blank screen has one or two).
func countColours(t *testing.T, pngData []byte) (reds, colours int) {
	t.Helper()
	img := decodePNG(t, pngData)
	seen := map[[3]uint32]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			r, g, bl = r>>8, g>>8, bl>>8
			seen[[3]uint32{r, g, bl}] = true
			if near(r, 0xc6) && near(g, 0x28) && near(bl, 0x28) {
				reds++
			}
		}
	}
	return reds, len(seen)
}

func near(v, want uint32) bool { return v+12 >= want && v <= want+12 }

// TestSmokeDemo walks the real binary through the first run and the demo:
// on a fresh database the first-run wizard shows (no light yet); `kizuki
// demo` then opens the app on the seed incidents (the red light), Ctrl+2
// opens 検知 with the first finding's detail, Ctrl+3, Tab and Space (the
// keyboard alone) open the incident wizard from 対策, and on SIGTERM the demo's
// temporary data is gone. Screenshots of a step that never looks right
// are saved under testdata/failed.
func TestSmokeDemo(t *testing.T) {
	ctx := smokeContext(t)
	bin := smokeBinary(t, ctx)
	home, tmp := t.TempDir(), t.TempDir()
	runtimeDir := filepath.Join(home, "run")
	must(t, os.Mkdir(runtimeDir, 0o700))
	display := startXvfb(t, ctx)
	env := []string{"HOME=" + home, "DISPLAY=" + display, "XDG_RUNTIME_DIR=" + runtimeDir, "TMPDIR=" + tmp,
		"PATH=" + os.Getenv("PATH"), "LANG=ja_JP.UTF-8"}

	// start runs kizuki with args until the window shows and ok holds.
	start := func(name string, ok func(reds, colours int) bool, args ...string) (*exec.Cmd, <-chan error, *lockedBuffer, string) {
		t.Helper()
		app := exec.CommandContext(ctx, bin, args...)
		app.Env = env
		var out lockedBuffer
		app.Stdout, app.Stderr = &out, &out
		must(t, app.Start())
		exited := make(chan error, 1)
		go func() { exited <- app.Wait() }()
		t.Cleanup(func() { app.Process.Kill() })
		win := findWindow(t, ctx, display, name+": ", &out)
		_, reds, colours := waitScreen(t, ctx, display, exited, &out, name, ok)
		t.Logf("%s: %d red-light pixels, %d colours", name, reds, colours)
		return app, exited, &out, win
	}
	stop := func(name string, app *exec.Cmd, exited <-chan error, out *lockedBuffer) {
		t.Helper()
		must(t, app.Process.Signal(syscall.SIGTERM))
		select {
		case err := <-exited:
			if err != nil {
				t.Fatalf("%s: kizuki did not exit cleanly on SIGTERM: %v\n%s", name, err, out.String())
			}
		case <-time.After(15 * time.Second):
			t.Fatalf("%s: kizuki still running 15 s after SIGTERM\n%s", name, out.String())
		}
	}

	// First run: the wizard, drawn (many colours), with no red light.
	db := filepath.Join(home, "data", "kizuki.db")
	app, exited, out, _ := start("onboarding", func(reds, colours int) bool { return colours > 50 && reds < 200 }, "--db", db, "--lang", "ja")
	stop("onboarding", app, exited, out)

	// The demo: the seed incidents turn the light red…
	app, exited, out, win := start("demo", func(reds, colours int) bool { return reds > 2000 && colours > 50 }, "demo", "--lang", "ja")
	if !strings.Contains(out.String(), "お試し用のデータを作っています") {
		t.Errorf("demo output: %q", out.String())
	}
	// …and 検知 lists them with the first one's detail open: the big
	// light gives way to the list's small icons and the timeline.
	// Which finding comes first depends on the demo's data, so the check
	// is that the whole screen changed from the big light to a drawn list.
	statusShot := screenshot(t, ctx, display)
	sendKeys(t, ctx, display, win, "ctrl+2")
	shot := waitShot(t, ctx, display, exited, out, "demo-findings", func(shot []byte) (bool, string) {
		n := diffPixels(t, statusShot, shot)
		_, colours := countColours(t, shot)
		return n > 20000 && colours > 50, fmt.Sprintf("%d pixels changed, %d colours", n, colours)
	})
	reds, _ := countColours(t, shot)
	if p := os.Getenv("KIZUKI_SMOKE_SHOT"); p != "" {
		must(t, os.WriteFile(strings.TrimSuffix(p, ".png")+"-demo-findings.png", shot, 0o644))
	}
	t.Logf("demo findings: %d red pixels (severity icons and timeline)", reds)

	// 対策 from the keyboard alone: Ctrl+3 opens it, Tab focuses its first
	// button (有事の際, drawn in the theme's danger red) and Space opens the
	// incident wizard, where that red button gives way to the first step.
	sendKeys(t, ctx, display, win, "ctrl+3")
	list := waitShot(t, ctx, display, exited, out, "demo-guide", func(shot []byte) (bool, string) {
		n := countNear(t, shot, dangerRed)
		return n > 1000, fmt.Sprintf("%d danger-red pixels", n)
	})
	t.Cleanup(func() {
		if t.Failed() {
			saveFailed(t, "demo-guide", list)
		}
	})
	sendKeys(t, ctx, display, win, "Tab", "space")
	var seen string
	wizard := waitShot(t, ctx, display, exited, out, "demo-wizard", func(shot []byte) (bool, string) {
		n, changed := countNear(t, shot, dangerRed), diffPixels(t, list, shot)
		_, colours := countColours(t, shot)
		seen = fmt.Sprintf("%d danger-red pixels, %d pixels changed since the 対策 list, %d colours", n, changed, colours)
		return n < 100 && changed > 20000 && colours > 50, seen
	})
	t.Logf("demo wizard: %s", seen)
	if p := os.Getenv("KIZUKI_SMOKE_SHOT"); p != "" {
		must(t, os.WriteFile(strings.TrimSuffix(p, ".png")+"-demo-guide.png", list, 0o644))
		must(t, os.WriteFile(strings.TrimSuffix(p, ".png")+"-demo-wizard.png", wizard, 0o644))
	}
	stop("demo", app, exited, out)
	left, err := os.ReadDir(tmp)
	must(t, err)
	if len(left) != 0 {
		t.Errorf("the demo left %d entries in its temporary folder (%s…)", len(left), left[0].Name())
	}
}

// dangerRed is the light theme's error colour, which fills 有事の際.
var dangerRed = [3]uint32{0xf4, 0x43, 0x36}

// sendKeys focuses the window and types the keys (xdotool names) into it.
func sendKeys(t *testing.T, ctx context.Context, display, win string, keys ...string) {
	t.Helper()
	key := exec.CommandContext(ctx, "xdotool", append([]string{"windowfocus", "--sync", win, "key", "--clearmodifiers"}, keys...)...)
	key.Env = append(os.Environ(), "DISPLAY="+display)
	if b, err := key.CombinedOutput(); err != nil {
		t.Fatalf("xdotool key %v: %v %s", keys, err, b)
	}
}

// countNear counts the pixels of a screenshot within 12 of colour c on
// every channel.
func countNear(t *testing.T, pngData []byte, c [3]uint32) int {
	t.Helper()
	img := decodePNG(t, pngData)
	n := 0
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if near(r>>8, c[0]) && near(g>>8, c[1]) && near(bl>>8, c[2]) {
				n++
			}
		}
	}
	return n
}

// diffPixels counts the pixels that differ between two screenshots of the
// same screen.
func diffPixels(t *testing.T, a, b []byte) int {
	t.Helper()
	ia, ib := decodePNG(t, a), decodePNG(t, b)
	if ia.Bounds() != ib.Bounds() {
		return ia.Bounds().Dx() * ia.Bounds().Dy()
	}
	n := 0
	r := ia.Bounds()
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if ia.At(x, y) != ib.At(x, y) {
				n++
			}
		}
	}
	return n
}

func decodePNG(t *testing.T, pngData []byte) image.Image {
	t.Helper()
	img, err := png.Decode(bytes.NewReader(pngData))
	if err != nil {
		t.Fatalf("decode screenshot: %v", err)
	}
	return img
}

// smokeContext skips the test in -short mode or without the X tools, and
// bounds it to three minutes.
func smokeContext(t *testing.T) context.Context {
	t.Helper()
	if testing.Short() {
		t.Skip("smoke test skipped in -short mode")
	}
	for _, tool := range []string{"Xvfb", "xdotool", "import"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed; `make deps` (which `make test` runs) installs it", tool)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	t.Cleanup(cancel)
	return ctx
}

// smokeBinary is the tray app under test: KIZUKI_BIN (make test sets it),
// or one built now.
func smokeBinary(t *testing.T, ctx context.Context) string {
	t.Helper()
	bin := os.Getenv("KIZUKI_BIN")
	if bin == "" {
		bin = filepath.Join(t.TempDir(), "kizuki")
		if out, err := exec.CommandContext(ctx, "go", "build", "-o", bin, ".").CombinedOutput(); err != nil {
			t.Fatalf("build kizuki: %v\n%s", err, out)
		}
	}
	return bin
}

// TestSmokeScale runs the demo at 150 % (FYNE_SCALE=1.5) on a 1366x768
// screen, the commonest small office laptop: the window fits the screen
// when it opens and still does on every screen Ctrl+1…Ctrl+6 opens (a
// screen taller than the window scrolls instead of growing it).
func TestSmokeScale(t *testing.T) {
	ctx := smokeContext(t)
	bin := smokeBinary(t, ctx)
	home, tmp := t.TempDir(), t.TempDir()
	runtimeDir := filepath.Join(home, "run")
	must(t, os.Mkdir(runtimeDir, 0o700))
	const screenW, screenH = 1366, 768
	display := startXvfbSized(t, ctx, fmt.Sprintf("%dx%dx24", screenW, screenH))
	app := exec.CommandContext(ctx, bin, "demo", "--lang", "ja")
	app.Env = []string{"HOME=" + home, "DISPLAY=" + display, "XDG_RUNTIME_DIR=" + runtimeDir, "TMPDIR=" + tmp,
		"PATH=" + os.Getenv("PATH"), "LANG=ja_JP.UTF-8", "FYNE_SCALE=1.5"}
	var out lockedBuffer
	app.Stdout, app.Stderr = &out, &out
	must(t, app.Start())
	exited := make(chan error, 1)
	go func() { exited <- app.Wait() }()
	t.Cleanup(func() { app.Process.Kill() })
	win := findWindow(t, ctx, display, "", &out)
	shot, _, _ := waitScreen(t, ctx, display, exited, &out, "scale-status", func(reds, colours int) bool { return reds > 2000 && colours > 50 })

	// fits checks the window's place and size against the screen.
	fits := func(name string, shot []byte) {
		t.Helper()
		geo := exec.CommandContext(ctx, "xdotool", "getwindowgeometry", "--shell", win)
		geo.Env = append(os.Environ(), "DISPLAY="+display)
		b, err := geo.CombinedOutput()
		if err != nil {
			t.Fatalf("xdotool getwindowgeometry: %v %s", err, b)
		}
		v := map[string]int{}
		for _, line := range strings.Fields(string(b)) {
			if k, n, ok := strings.Cut(line, "="); ok {
				v[k], _ = strconv.Atoi(n)
			}
		}
		t.Logf("%s: window %dx%d at %d,%d", name, v["WIDTH"], v["HEIGHT"], v["X"], v["Y"])
		if v["WIDTH"] == 0 || v["X"] < 0 || v["Y"] < 0 || v["X"]+v["WIDTH"] > screenW || v["Y"]+v["HEIGHT"] > screenH {
			path := saveFailed(t, name, shot)
			t.Errorf("%s: the window (%dx%d at %d,%d) does not fit the %dx%d screen at 150 %% (saved %s)",
				name, v["WIDTH"], v["HEIGHT"], v["X"], v["Y"], screenW, screenH, path)
		}
	}
	fits("scale-status", shot)
	for i, key := range []string{"ctrl+2", "ctrl+3", "ctrl+4", "ctrl+5", "ctrl+6", "ctrl+1"} {
		before := shot
		sendKeys(t, ctx, display, win, key)
		name := fmt.Sprintf("scale-screen%d", (i+1)%6+1)
		shot = waitShot(t, ctx, display, exited, &out, name, func(shot []byte) (bool, string) {
			n := diffPixels(t, before, shot)
			return n > 5000, fmt.Sprintf("%d pixels changed after %s", n, key)
		})
		fits(name, shot)
	}

	must(t, app.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("kizuki did not exit cleanly on SIGTERM: %v\n%s", err, out.String())
		}
	case <-time.After(15 * time.Second):
		t.Fatalf("kizuki still running 15 s after SIGTERM\n%s", out.String())
	}
}

// findWindow waits for a visible window titled Kizuki on display and
// returns its id. A window can vanish between xdotool finding it and
// reading its attributes (X's BadWindow: one the toolkit made and
// destroyed while starting up); the search then runs again.
func findWindow(t *testing.T, ctx context.Context, display, prefix string, appOut *lockedBuffer) string {
	t.Helper()
	for attempt := 1; ; attempt++ {
		find := exec.CommandContext(ctx, "xdotool", "search", "--sync", "--onlyvisible", "--name", "Kizuki")
		find.Env = append(os.Environ(), "DISPLAY="+display)
		ids, err := find.CombinedOutput()
		if err == nil && len(strings.Fields(string(ids))) > 0 {
			return strings.Fields(string(ids))[0]
		}
		if attempt == 5 || !strings.Contains(string(ids), "BadWindow") {
			t.Fatalf("%sno Kizuki window appeared: %v %s\napp output:\n%s", prefix, err, ids, appOut.String())
		}
	}
}
