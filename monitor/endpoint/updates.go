package endpoint

import (
	"bufio"
	"bytes"
	"context"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// How long a PC may go without installing updates: Windows and macOS ship
// them monthly, so a month and a half is one missed round.
const (
	updatesRecentDays = 45
	updatesOldDays    = 90
	// Pending security updates are bad once they wait this long.
	securityGraceDays = 14
)

func checkOSUpdates(ctx context.Context, sys System) outcome {
	switch sys.GOOS {
	case "windows":
		return updatesWindows(ctx, sys)
	case "darwin":
		return updatesDarwin(ctx, sys)
	case "linux":
		return updatesLinux(ctx, sys)
	}
	return unsupported(CheckOSUpdates)
}

// aptPending counts the packages `apt-get -s upgrade` would install, and
// those among them that come from a security archive.
func aptPending(out []byte) (pending, security int) {
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		l := sc.Text()
		if !strings.HasPrefix(l, "Inst ") {
			continue
		}
		pending++
		if strings.Contains(strings.ToLower(l), "-security") || strings.Contains(l, "Debian-Security") {
			security++
		}
	}
	return pending, security
}

// aptLastUpgrade returns when apt last finished upgrading packages, from
// /var/log/apt/history.log: the End-Date (local time) of the last entry
// with an Upgrade: line. Installing a new program is not updating.
func aptLastUpgrade(history []byte, loc *time.Location) time.Time {
	var last time.Time
	upgraded := false
	sc := bufio.NewScanner(bytes.NewReader(history))
	sc.Buffer(make([]byte, 64*1024), 4*1024*1024) // Upgrade: lines list every package
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "Start-Date:"):
			upgraded = false
		case strings.HasPrefix(line, "Upgrade:"):
			upgraded = true
		case strings.HasPrefix(line, "End-Date:") && upgraded:
			v := strings.TrimPrefix(line, "End-Date:")
			t, err := time.ParseInLocation("2006-01-02 15:04:05", strings.Join(strings.Fields(v), " "), loc)
			if err == nil && t.After(last) {
				last = t
			}
		}
	}
	return last
}

func updatesLinux(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "apt-get", "-s", "-o", "Debug::NoLocking=1", "upgrade")
	if notInstalled(err) {
		return result(monitor.CheckUnknown, "os_updates.unsupported_distro", nil)
	}
	if err != nil {
		return result(monitor.CheckUnknown, "os_updates.unreadable", nil)
	}
	now := sys.Now()
	pending, security := aptPending(out)
	history, _ := sys.readFile("/var/log/apt/history.log")
	last := aptLastUpgrade(history, now.Location())
	details := map[string]any{"pending": pending, "security": security, "manager": "apt"}
	args := map[string]any{"count": pending, "security": security}
	sinceDays := -1
	if !last.IsZero() {
		details["last_installed"] = last.UTC()
		sinceDays = daysSince(now, last)
		args["days"] = sinceDays
	}
	var o outcome
	switch {
	case security > 0 && (sinceDays < 0 || sinceDays > securityGraceDays):
		o = result(monitor.CheckBad, "os_updates.security_pending", args)
	case pending > 0:
		o = result(monitor.CheckWarn, "os_updates.pending", args)
	default:
		o = result(monitor.CheckOK, "os_updates.current", args)
	}
	o.details = details
	return o
}

const hotfixScript = "Get-HotFix | ForEach-Object { if ($_.InstalledOn) { $_.InstalledOn.ToString('yyyy-MM-dd') } }"

// lastDate returns the latest of the yyyy-mm-dd dates, one per line.
func lastDate(out []byte, loc *time.Location) time.Time {
	var last time.Time
	for _, l := range lines(out) {
		if t, err := time.ParseInLocation("2006-01-02", l, loc); err == nil && t.After(last) {
			last = t
		}
	}
	return last
}

// byAge judges how long ago updates were installed.
func byAge(sinceDays int, details any) outcome {
	args := map[string]any{"days": sinceDays}
	var o outcome
	switch {
	case sinceDays <= updatesRecentDays:
		o = result(monitor.CheckOK, "os_updates.recent", args)
	case sinceDays <= updatesOldDays:
		o = result(monitor.CheckWarn, "os_updates.old", args)
	default:
		o = result(monitor.CheckBad, "os_updates.very_old", args)
	}
	o.details = details
	return o
}

func updatesWindows(ctx context.Context, sys System) outcome {
	out, err := sys.powershell(ctx, hotfixScript)
	now := sys.Now()
	last := lastDate(out, now.Location())
	if err != nil || last.IsZero() {
		return result(monitor.CheckUnknown, "os_updates.unreadable", nil)
	}
	return byAge(daysSince(now, last), map[string]any{"last_installed": last.Format(time.DateOnly)})
}

// plistScalar matches a top-level `Key = value;` line of `defaults read`.
var plistScalar = regexp.MustCompile(`(?m)^\s{4}"?([A-Za-z]+)"? = "?([^";]*)"?;$`)

// parseDefaults reads the scalar entries of `defaults read DOMAIN`.
func parseDefaults(out []byte) map[string]string {
	kv := map[string]string{}
	for _, m := range plistScalar.FindAllSubmatch(out, -1) {
		kv[string(m[1])] = string(m[2])
	}
	return kv
}

func updatesDarwin(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "defaults", "read", "/Library/Preferences/com.apple.SoftwareUpdate")
	if err != nil {
		return result(monitor.CheckUnknown, "os_updates.unreadable", nil)
	}
	kv := parseDefaults(out)
	pending, _ := strconv.Atoi(kv["LastRecommendedUpdatesAvailable"])
	details := map[string]any{"pending": pending, "automatic_check": kv["AutomaticCheckEnabled"] == "1"}
	args := map[string]any{"count": pending}
	checked, err := time.Parse("2006-01-02 15:04:05 -0700", kv["LastFullSuccessfulDate"])
	if err == nil {
		details["last_checked"] = checked.UTC()
		args["days"] = daysSince(sys.Now(), checked)
	}
	var o outcome
	switch {
	case pending > 0:
		o = result(monitor.CheckWarn, "os_updates.pending", args)
	case err != nil || daysSince(sys.Now(), checked) > updatesRecentDays:
		o = result(monitor.CheckWarn, "os_updates.not_checked", args)
	default:
		o = result(monitor.CheckOK, "os_updates.current", args)
	}
	o.details = details
	return o
}
