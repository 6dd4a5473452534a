package endpoint

import (
	"context"
	"regexp"
	"strconv"
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

// screenLockMaxMinutes is the longest an unattended PC should stay
// unlocked (the usual guideline for office PCs).
const screenLockMaxMinutes = 15

func checkScreenLock(ctx context.Context, sys System) outcome {
	switch sys.GOOS {
	case "windows":
		return screenLockWindows(ctx, sys)
	case "darwin":
		return screenLockDarwin(ctx, sys)
	case "linux":
		return screenLockLinux(ctx, sys)
	}
	return unsupported(CheckScreenLock)
}

// byTimeout judges a lock after seconds of idleness; 0 means never.
func byTimeout(seconds int, details any) outcome {
	var o outcome
	minutes := (seconds + 59) / 60
	switch {
	case seconds <= 0:
		o = result(monitor.CheckWarn, "screen_lock.off", nil)
	case minutes > screenLockMaxMinutes:
		o = result(monitor.CheckWarn, "screen_lock.long", map[string]any{"minutes": minutes})
	default:
		o = result(monitor.CheckOK, "screen_lock.on", map[string]any{"minutes": minutes})
	}
	o.details = details
	return o
}

// regValues reads `reg query` output: "    Name    REG_SZ    value".
func regValues(out []byte) map[string]string {
	kv := map[string]string{}
	for _, l := range lines(out) {
		f := strings.Fields(l)
		if len(f) >= 2 && strings.HasPrefix(f[1], "REG_") {
			v := ""
			if len(f) >= 3 {
				v = strings.Join(f[2:], " ")
			}
			kv[f[0]] = v
		}
	}
	return kv
}

// regInt reads a REG_SZ number ("600") or a REG_DWORD ("0x258").
func regInt(s string) (int, bool) {
	base := 10
	if h, ok := strings.CutPrefix(strings.ToLower(s), "0x"); ok {
		s, base = h, 16
	}
	n, err := strconv.ParseInt(s, base, 64)
	return int(n), err == nil
}

// powercfgHex matches the values `powercfg /q` prints; the last two of a
// setting are its AC (plugged in) and DC (battery) values. Labels are in
// the Windows language, the values are not.
var powercfgHex = regexp.MustCompile(`:\s*(0x[0-9a-fA-F]+)\s*$`)

// powercfgAC returns the AC value of one setting queried with powercfg /q.
func powercfgAC(out []byte) (int, bool) {
	var vals []string
	for _, l := range lines(out) {
		if m := powercfgHex.FindStringSubmatch(l); m != nil {
			vals = append(vals, m[1])
		}
	}
	if len(vals) < 2 {
		return 0, false
	}
	return regInt(vals[len(vals)-2])
}

func screenLockWindows(ctx context.Context, sys System) outcome {
	desktop, err := sys.Run.Run(ctx, "reg", "query", `HKCU\Control Panel\Desktop`)
	if err != nil {
		return result(monitor.CheckUnknown, "screen_lock.unreadable", nil)
	}
	kv := regValues(desktop)
	// A policy overrides the user's own choice.
	if pol, err := sys.Run.Run(ctx, "reg", "query", `HKCU\Software\Policies\Microsoft\Windows\Control Panel\Desktop`); err == nil {
		for k, v := range regValues(pol) {
			kv[k] = v
		}
	}
	lockAfter := 0
	details := map[string]any{}
	consider := func(source string, secs int) {
		details[source] = secs
		if secs > 0 && (lockAfter == 0 || secs < lockAfter) {
			lockAfter = secs
		}
	}
	if kv["ScreenSaveActive"] == "1" && kv["ScreenSaverIsSecure"] == "1" {
		if n, ok := regInt(kv["ScreenSaveTimeOut"]); ok {
			consider("screen_saver_s", n)
		}
	}
	if out, err := sys.Run.Run(ctx, "reg", "query", `HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\Policies\System`, "/v", "InactivityTimeoutSecs"); err == nil {
		if n, ok := regInt(regValues(out)["InactivityTimeoutSecs"]); ok {
			consider("inactivity_limit_s", n)
		}
	}
	// Sleep locks the PC when waking asks for the password (CONSOLELOCK).
	sleep, errSleep := sys.Run.Run(ctx, "powercfg", "/q", "SCHEME_CURRENT", "SUB_SLEEP", "STANDBYIDLE")
	lock, errLock := sys.Run.Run(ctx, "powercfg", "/q", "SCHEME_CURRENT", "SUB_NONE", "CONSOLELOCK")
	if errSleep == nil && errLock == nil {
		if asks, ok := powercfgAC(lock); ok && asks == 1 {
			if n, ok := powercfgAC(sleep); ok {
				consider("sleep_s", n)
			}
		}
	}
	return byTimeout(lockAfter, details)
}

// sysadminctl -screenLock status: "screenLock delay is immediate",
// "screenLock delay is 300 seconds" or "screenLock is off".
var screenLockDelay = regexp.MustCompile(`screenLock delay is (immediate|(\d+) seconds)`)

// pmset -g: " displaysleep         10" (minutes).
var displaySleep = regexp.MustCompile(`(?m)^\s*displaysleep\s+(\d+)`)

func screenLockDarwin(ctx context.Context, sys System) outcome {
	// sysadminctl writes its answer to standard error.
	status, err := sys.Run.Run(ctx, "sh", "-c", "sysadminctl -screenLock status 2>&1")
	if err != nil {
		return result(monitor.CheckUnknown, "screen_lock.unreadable", nil)
	}
	m := screenLockDelay.FindStringSubmatch(string(status))
	if m == nil {
		if strings.Contains(string(status), "screenLock is off") {
			return result(monitor.CheckWarn, "screen_lock.off", nil)
		}
		return result(monitor.CheckUnknown, "screen_lock.unreadable", nil)
	}
	delay, _ := strconv.Atoi(m[2]) // "immediate" is 0
	idle := 0
	details := map[string]any{"lock_delay_s": delay}
	// The screen saver starts after idleTime seconds (0: never), the
	// display sleeps after displaysleep minutes (0: never); the lock
	// follows whichever comes first, after the delay.
	if out, err := sys.Run.Run(ctx, "defaults", "-currentHost", "read", "com.apple.screensaver", "idleTime"); err == nil {
		if n, err := strconv.Atoi(strings.TrimSpace(string(out))); err == nil && n > 0 {
			idle = n
			details["screen_saver_s"] = n
		}
	}
	if out, err := sys.Run.Run(ctx, "pmset", "-g"); err == nil {
		if m := displaySleep.FindSubmatch(out); m != nil {
			if n, _ := strconv.Atoi(string(m[1])); n > 0 && (idle == 0 || n*60 < idle) {
				idle = n * 60
				details["display_sleep_s"] = n * 60
			}
		}
	}
	if idle == 0 {
		return byTimeout(0, details)
	}
	return byTimeout(idle+delay, details)
}

// gsettingsUint reads "uint32 300".
func gsettingsUint(out []byte) (int, bool) {
	f := strings.Fields(string(out))
	if len(f) == 0 {
		return 0, false
	}
	n, err := strconv.Atoi(f[len(f)-1])
	return n, err == nil
}

func screenLockLinux(ctx context.Context, sys System) outcome {
	// GNOME (and the desktops built on its settings: Ubuntu, Cinnamon's
	// fork aside); other desktops are not read yet.
	enabled, err := sys.Run.Run(ctx, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-enabled")
	if err != nil {
		return result(monitor.CheckUnknown, "screen_lock.unknown_desktop", nil)
	}
	if strings.TrimSpace(string(enabled)) != "true" {
		return result(monitor.CheckWarn, "screen_lock.off", nil)
	}
	idleOut, err := sys.Run.Run(ctx, "gsettings", "get", "org.gnome.desktop.session", "idle-delay")
	idle, ok := gsettingsUint(idleOut)
	if err != nil || !ok {
		return result(monitor.CheckUnknown, "screen_lock.unknown_desktop", nil)
	}
	delay := 0
	if out, err := sys.Run.Run(ctx, "gsettings", "get", "org.gnome.desktop.screensaver", "lock-delay"); err == nil {
		delay, _ = gsettingsUint(out)
	}
	details := map[string]any{"idle_delay_s": idle, "lock_delay_s": delay}
	if idle == 0 {
		return byTimeout(0, details)
	}
	return byTimeout(idle+delay, details)
}
