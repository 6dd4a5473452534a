// Package endpoint checks the PC Kizuki runs on: which sites the browsers
// let send notifications, whether antivirus runs with fresh definitions,
// OS updates, the firewall, disk encryption, the screen lock, and whether
// the everyday account has administrator rights.
//
// Checks read files and command output only: they never change a setting
// or a browser profile. Commands run through a Runner and files are read
// under System.Root and System.Home, so every parser is tested with
// captured output of each OS (testdata/). A check returns a status and a
// summary code with arguments for the UI to put into words; only an
// actively dangerous state (antivirus off or years out of date, a
// notification permission for a site seen beaconing) also raises a
// monitor.Finding.
package endpoint

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Check ids. They are stable: the guidance (readiness, insurance evidence,
// wizards) and the database key on them.
const (
	CheckNotifications  = "browser_notifications"
	CheckAntivirus      = "antivirus"
	CheckOSUpdates      = "os_updates"
	CheckFirewall       = "firewall"
	CheckDiskEncryption = "disk_encryption"
	CheckScreenLock     = "screen_lock"
	CheckAdminRights    = "admin_rights"
)

// Checks lists the check ids in the order they are reported.
var Checks = []string{
	CheckNotifications, CheckAntivirus, CheckOSUpdates, CheckFirewall,
	CheckDiskEncryption, CheckScreenLock, CheckAdminRights,
}

// Rules of the findings the checks raise; each is also its playbook.
const (
	RuleAntivirus    = "endpoint_antivirus"
	RuleNotification = "endpoint_notification"
)

// Runner runs a program and returns what it wrote to standard output.
// A program that is not installed gives an error wrapping exec.ErrNotFound.
type Runner interface {
	Run(ctx context.Context, name string, args ...string) ([]byte, error)
}

// System is the PC the checks look at.
type System struct {
	// GOOS selects the OS's way of checking: "linux", "windows" or "darwin".
	GOOS string
	// Home is the user's home directory, where browser profiles are found.
	Home string
	// Root is where system-wide files (/etc, /var/log) are read: "/" on a
	// real PC, a fixture tree in tests.
	Root string
	// Hostname names this PC in findings.
	Hostname string
	// Run runs the commands whose output the checks read.
	Run Runner
	// Now is the clock.
	Now func() time.Time
	// Beacons are the destinations (domains or addresses) of active
	// beaconing findings: a site allowed to send notifications that is
	// among them becomes an endpoint_notification finding.
	Beacons []string
}

// outcome is what one check found.
type outcome struct {
	status   monitor.CheckStatus
	summary  string
	args     map[string]any
	details  any
	findings []monitor.Finding
}

func result(status monitor.CheckStatus, summary string, args map[string]any) outcome {
	return outcome{status: status, summary: summary, args: args}
}

// unsupported is the outcome of a check on an OS it does not know.
func unsupported(check string) outcome {
	return result(monitor.CheckUnknown, check+".unsupported", nil)
}

var checkFuncs = map[string]func(context.Context, System) outcome{
	CheckNotifications:  checkNotifications,
	CheckAntivirus:      checkAntivirus,
	CheckOSUpdates:      checkOSUpdates,
	CheckFirewall:       checkFirewall,
	CheckDiskEncryption: checkDiskEncryption,
	CheckScreenLock:     checkScreenLock,
	CheckAdminRights:    checkAdminRights,
}

// Report is what one run of the checks found.
type Report struct {
	// Results has one entry per check, in the order of Checks.
	Results []monitor.CheckResult `json:"results"`
	// Findings are the actively dangerous states, ready for the store.
	Findings []monitor.Finding `json:"findings"`
}

// Run runs every check, side by side (some wait seconds on a command), and
// returns their results in the order of Checks.
func Run(ctx context.Context, sys System) Report {
	now := sys.Now()
	outs := make([]outcome, len(Checks))
	var wg sync.WaitGroup
	for i, id := range Checks {
		wg.Go(func() { outs[i] = checkFuncs[id](ctx, sys) })
	}
	wg.Wait()
	var r Report
	for i, id := range Checks {
		o := outs[i]
		res := monitor.CheckResult{Check: id, Status: o.status, Summary: o.summary, Args: o.args, CheckedAt: now}
		if o.details != nil {
			b, err := json.Marshal(o.details)
			if err != nil {
				// The details are this package's own types; failing to
				// encode them is a bug, not a state of the PC.
				panic(fmt.Sprintf("endpoint: encode %s details: %v", id, err))
			}
			res.Details = b
		}
		r.Results = append(r.Results, res)
		r.Findings = append(r.Findings, o.findings...)
	}
	return r
}
