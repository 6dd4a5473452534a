package endpoint

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// How old antivirus definitions may get. New threats appear daily, so a
// few days is fine and two weeks is not; a year means nobody looks after
// it (the seed's first incident), which is a finding.
const (
	avFreshDays     = 3
	avStaleDays     = 14
	avAbandonedDays = 365
	// XProtect is updated by Apple every week or two, not daily.
	xprotectFreshDays = 30
	xprotectStaleDays = 90
	// Defender reports this age when definitions were never updated.
	defenderNeverUpdated = 65535
)

func checkAntivirus(ctx context.Context, sys System) outcome {
	switch sys.GOOS {
	case "windows":
		return antivirusWindows(ctx, sys)
	case "darwin":
		return antivirusDarwin(ctx, sys)
	case "linux":
		return antivirusLinux(ctx, sys)
	}
	return unsupported(CheckAntivirus)
}

// avAge judges definitions ageDays old; freshDays and staleDays bound ok
// and warn. Definitions a year old or more are also a finding.
func avAge(sys System, product string, ageDays, freshDays, staleDays int, details any) outcome {
	args := map[string]any{"product": product, "age_days": ageDays}
	var o outcome
	switch {
	case ageDays <= freshDays:
		o = result(monitor.CheckOK, "antivirus.fresh", args)
	case ageDays <= staleDays:
		o = result(monitor.CheckWarn, "antivirus.aging", args)
	case ageDays < avAbandonedDays:
		o = result(monitor.CheckBad, "antivirus.stale", args)
	default:
		o = result(monitor.CheckBad, "antivirus.abandoned", args)
		o.findings = []monitor.Finding{antivirusFinding(sys, "antivirus.abandoned", product, ageDays)}
	}
	o.details = details
	return o
}

func antivirusFinding(sys System, code, product string, ageDays int) monitor.Finding {
	now := sys.Now()
	f := monitor.Finding{
		Rule: RuleAntivirus, Severity: monitor.SeverityHigh, Subject: sys.Hostname,
		FirstSeen: now, LastSeen: now, Count: 1, Origin: monitor.OriginLocal,
		State: monitor.StateOpen, Playbook: RuleAntivirus,
		Evidence: monitor.Evidence{Samples: []string{code + ": " + product}},
	}
	if ageDays >= 0 {
		f.Evidence.Counts = map[string]int{"definitions_age_days": ageDays}
	}
	return f
}

// defenderStatus is what Get-MpComputerStatus says of Microsoft Defender.
type defenderStatus struct {
	ServiceEnabled   bool   `json:"service_enabled"`
	Enabled          bool   `json:"antivirus_enabled"`
	RealTime         bool   `json:"real_time_protection"`
	SignatureAge     int    `json:"signature_age_days"`
	SignatureVersion string `json:"signature_version,omitempty"`
}

const defenderScript = "Get-MpComputerStatus | Format-List AMServiceEnabled,AntivirusEnabled,RealTimeProtectionEnabled,AntivirusSignatureAge,AntivirusSignatureVersion"

// parseDefender reads Get-MpComputerStatus | Format-List. Values are
// True/False and numbers whatever the Windows language.
func parseDefender(out []byte) (defenderStatus, error) {
	kv := keyValues(out, ":")
	age, err := strconv.Atoi(kv["AntivirusSignatureAge"])
	if err != nil {
		return defenderStatus{}, fmt.Errorf("read Get-MpComputerStatus: no AntivirusSignatureAge in %q", truncate(string(out), 120))
	}
	return defenderStatus{
		ServiceEnabled: strings.EqualFold(kv["AMServiceEnabled"], "True"),
		Enabled:        strings.EqualFold(kv["AntivirusEnabled"], "True"),
		RealTime:       strings.EqualFold(kv["RealTimeProtectionEnabled"], "True"),
		SignatureAge:   age, SignatureVersion: kv["AntivirusSignatureVersion"],
	}, nil
}

// avProduct is an antivirus registered with Windows Security Center.
type avProduct struct {
	Name     string `json:"name"`
	Enabled  bool   `json:"enabled"`
	UpToDate bool   `json:"up_to_date"`
}

const securityCenterScript = "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct | ForEach-Object { $_.displayName + '|' + $_.productState }"

// parseSecurityCenter reads "name|productState" lines. productState packs
// flags: 0x1000 set means scanning is on, 0x10 set means out of date.
func parseSecurityCenter(out []byte) []avProduct {
	var ps []avProduct
	for _, l := range lines(out) {
		name, state, ok := strings.Cut(l, "|")
		n, err := strconv.ParseUint(strings.TrimSpace(state), 10, 32)
		if !ok || err != nil {
			continue
		}
		ps = append(ps, avProduct{Name: strings.TrimSpace(name), Enabled: n&0x1000 != 0, UpToDate: n&0x10 == 0})
	}
	return ps
}

func isDefender(name string) bool {
	n := strings.ToLower(name)
	return strings.Contains(n, "defender")
}

func antivirusWindows(ctx context.Context, sys System) outcome {
	const defender = "Microsoft Defender"
	mpOut, mpErr := sys.powershell(ctx, defenderScript)
	mp, parseErr := parseDefender(mpOut)
	if mpErr == nil && parseErr == nil && mp.ServiceEnabled && mp.Enabled {
		if !mp.RealTime {
			o := result(monitor.CheckBad, "antivirus.realtime_off", map[string]any{"product": defender})
			o.details = mp
			o.findings = []monitor.Finding{antivirusFinding(sys, "antivirus.realtime_off", defender, mp.SignatureAge)}
			return o
		}
		age := mp.SignatureAge
		if age >= defenderNeverUpdated {
			age = avAbandonedDays
		}
		return avAge(sys, defender, age, avFreshDays, avStaleDays, mp)
	}
	// Defender is off or absent: another antivirus may have taken over, as
	// Windows does when one is installed.
	scOut, scErr := sys.powershell(ctx, securityCenterScript)
	if scErr != nil && (mpErr != nil || parseErr != nil) {
		return result(monitor.CheckUnknown, "antivirus.unreadable", nil)
	}
	products := parseSecurityCenter(scOut)
	details := map[string]any{"products": products}
	for _, p := range products {
		if !p.Enabled || isDefender(p.Name) {
			continue
		}
		if !p.UpToDate {
			o := result(monitor.CheckWarn, "antivirus.third_party_outdated", map[string]any{"product": p.Name})
			o.details = details
			return o
		}
		o := result(monitor.CheckOK, "antivirus.third_party", map[string]any{"product": p.Name})
		o.details = details
		return o
	}
	o := result(monitor.CheckBad, "antivirus.off", map[string]any{"product": defender})
	o.details = details
	o.findings = []monitor.Finding{antivirusFinding(sys, "antivirus.off", defender, -1)}
	return o
}

const xprotectPlist = "/Library/Apple/System/Library/CoreServices/XProtect.bundle/Contents/Info.plist"

func antivirusDarwin(ctx context.Context, sys System) outcome {
	const product = "XProtect"
	version, err := sys.Run.Run(ctx, "defaults", "read", strings.TrimSuffix(xprotectPlist, ".plist"), "CFBundleShortVersionString")
	if err != nil {
		return result(monitor.CheckUnknown, "antivirus.unreadable", nil)
	}
	// stat -f %m: the modification time, in seconds since 1970.
	mtime, err := sys.Run.Run(ctx, "stat", "-f", "%m", xprotectPlist)
	if err != nil {
		return result(monitor.CheckUnknown, "antivirus.unreadable", nil)
	}
	secs, err := strconv.ParseInt(strings.TrimSpace(string(mtime)), 10, 64)
	if err != nil {
		return result(monitor.CheckUnknown, "antivirus.unreadable", nil)
	}
	updated := time.Unix(secs, 0).UTC()
	details := map[string]any{"version": strings.TrimSpace(string(version)), "updated": updated}
	return avAge(sys, product, daysSince(sys.Now(), updated), xprotectFreshDays, xprotectStaleDays, details)
}

// clamVersion matches `clamscan --version`: "ClamAV 1.0.7/27462/Sun Nov 22 09:27:01 2026",
// the engine, the daily database's number and when it was built.
var clamVersion = regexp.MustCompile(`^ClamAV ([^/\s]+)(?:/(\d+)/(.+))?$`)

// parseClamVersion returns the engine and database versions and the
// database's build time, read in loc (ClamAV prints local time).
func parseClamVersion(out []byte, loc *time.Location) (engine, db string, built time.Time, err error) {
	m := clamVersion.FindStringSubmatch(strings.TrimSpace(string(out)))
	if m == nil {
		return "", "", time.Time{}, fmt.Errorf("read clamscan --version: unexpected %q", truncate(string(out), 120))
	}
	if m[2] == "" {
		return m[1], "", time.Time{}, nil
	}
	built, err = time.ParseInLocation("Mon Jan _2 15:04:05 2006", strings.Join(strings.Fields(m[3]), " "), loc)
	if err != nil {
		// Single-digit days are padded with a space that Fields removed.
		built, err = time.ParseInLocation("Mon Jan 2 15:04:05 2006", strings.Join(strings.Fields(m[3]), " "), loc)
	}
	if err != nil {
		return "", "", time.Time{}, fmt.Errorf("read clamscan --version date: %w", err)
	}
	return m[1], m[2], built, nil
}

func antivirusLinux(ctx context.Context, sys System) outcome {
	const product = "ClamAV"
	var out []byte
	var err error
	for _, prog := range []string{"clamscan", "clamdscan"} {
		if out, err = sys.Run.Run(ctx, prog, "--version"); !notInstalled(err) {
			break
		}
	}
	if notInstalled(err) {
		return result(monitor.CheckUnknown, "antivirus.none_linux", nil)
	}
	if err != nil {
		return result(monitor.CheckUnknown, "antivirus.unreadable", nil)
	}
	now := sys.Now()
	engine, db, built, err := parseClamVersion(out, now.Location())
	if err != nil {
		return result(monitor.CheckUnknown, "antivirus.unreadable", nil)
	}
	if db == "" {
		o := result(monitor.CheckBad, "antivirus.no_definitions", map[string]any{"product": product})
		o.details = map[string]any{"engine": engine}
		return o
	}
	details := map[string]any{"engine": engine, "database": db, "updated": built.UTC()}
	return avAge(sys, product, daysSince(now, built), avFreshDays, avStaleDays, details)
}

func truncate(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}
