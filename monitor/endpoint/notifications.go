package endpoint

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Where a permission comes from.
const (
	sourceUser   = "user"   // someone clicked Allow
	sourcePolicy = "policy" // an administrator's policy
	// ProfilePolicy is the profile name of the sites an administrator's
	// policy allows, for every profile of the browser.
	ProfilePolicy = "(policy)"
)

// NotificationSite is one site allowed to send notifications.
type NotificationSite struct {
	Origin  string    `json:"origin"`
	Source  string    `json:"source"`
	Granted time.Time `json:"granted,omitzero"`
	Flags   []string  `json:"flags,omitempty"`
}

// NotificationProfile is what one browser profile (or one browser's
// policy) allows: the notification check's details list them.
type NotificationProfile struct {
	Browser string `json:"browser"`
	Profile string `json:"profile"`
	// Name is the name the person gave the profile, when known.
	Name string `json:"name,omitempty"`
	// Path is the file read, relative to the home directory when inside.
	Path string `json:"path"`
	// AllowAll is set when every site may send notifications unasked.
	AllowAll bool               `json:"allow_all,omitempty"`
	Sites    []NotificationSite `json:"origins"`
	// Error says why the profile could not be read.
	Error string `json:"error,omitempty"`
}

// notificationDetails are the notification check's details.
type notificationDetails struct {
	Profiles   []NotificationProfile `json:"profiles"`
	Allowed    int                   `json:"allowed"`
	Suspicious int                   `json:"suspicious"`
	Beaconing  int                   `json:"beaconing"`
}

// NotificationProfiles reads the profiles out of the notification check's
// details, for the screens that list them.
func NotificationProfiles(details json.RawMessage) ([]NotificationProfile, error) {
	var d notificationDetails
	if err := json.Unmarshal(details, &d); err != nil {
		return nil, fmt.Errorf("read notification details: %w", err)
	}
	return d.Profiles, nil
}

// browserNames are the browsers' own names, the same in every language.
var browserNames = map[string]string{
	"chrome": "Chrome", "chromium": "Chromium", "edge": "Edge", "brave": "Brave", "firefox": "Firefox",
}

// BrowserName is the browser's own name for its id ("edge": "Edge"); an
// unknown id is returned as it is.
func BrowserName(id string) string {
	if n, ok := browserNames[id]; ok {
		return n
	}
	return id
}

// browserProfiles reads every browser profile and policy of sys.
func browserProfiles(ctx context.Context, sys System) []NotificationProfile {
	var all []NotificationProfile
	for _, bd := range browserDirs[sys.GOOS] {
		if bd.isFirefox() {
			all = append(all, firefoxProfiles(ctx, sys, bd)...)
		} else {
			all = append(all, chromiumProfiles(sys, bd)...)
		}
	}
	all = append(all, chromiumPolicySites(ctx, sys)...)
	return append(all, firefoxPolicySites(sys)...)
}

func checkNotifications(ctx context.Context, sys System) outcome {
	if _, ok := browserDirs[sys.GOOS]; !ok {
		return unsupported(CheckNotifications)
	}
	now := sys.Now()
	profiles := browserProfiles(ctx, sys)
	d := notificationDetails{Profiles: profiles}
	if d.Profiles == nil {
		d.Profiles = []NotificationProfile{}
	}
	var findings []monitor.Finding
	allowAll := false
	for i := range profiles {
		p := &profiles[i]
		allowAll = allowAll || p.AllowAll
		if p.Sites == nil {
			p.Sites = []NotificationSite{}
		}
		for j := range p.Sites {
			s := &p.Sites[j]
			s.Flags = flagSite(s.Origin, s.Granted, now, sys.Beacons)
			d.Allowed++
			if len(s.Flags) > 0 {
				d.Suspicious++
			}
			if slices.Contains(s.Flags, flagBeaconing) {
				d.Beaconing++
				findings = append(findings, notificationFinding(sys, *p, *s))
			}
		}
	}
	args := map[string]any{"count": d.Allowed, "profiles": len(profiles)}
	var o outcome
	switch {
	case len(profiles) == 0:
		o = result(monitor.CheckUnknown, "browser_notifications.no_browser", nil)
	case d.Beaconing > 0:
		args["beaconing"] = d.Beaconing
		o = result(monitor.CheckBad, "browser_notifications.beaconing", args)
	case d.Suspicious > 0:
		args["suspicious"] = d.Suspicious
		o = result(monitor.CheckWarn, "browser_notifications.suspicious", args)
	case allowAll:
		o = result(monitor.CheckWarn, "browser_notifications.allow_all", args)
	case d.Allowed > 0:
		o = result(monitor.CheckOK, "browser_notifications.allowed", args)
	default:
		o = result(monitor.CheckOK, "browser_notifications.none", args)
	}
	o.details = d
	o.findings = findings
	return o
}

// notificationFinding is a site seen beaconing that may also push
// notifications: the seed's second incident. Revoking the permission is
// the fix, so the finding names the browser and profile, as samples
// "browser/profile (name): origin" whose browser id (chrome, edge,
// firefox, brave, chromium) picks the revoke wizard's variant.
func notificationFinding(sys System, p NotificationProfile, s NotificationSite) monitor.Finding {
	now := sys.Now()
	where := p.Browser + "/" + p.Profile
	if p.Name != "" {
		where += " (" + p.Name + ")"
	}
	return monitor.Finding{
		Rule: RuleNotification, Severity: monitor.SeverityHigh, Subject: s.Origin,
		FirstSeen: now, LastSeen: now, Count: 1, Origin: monitor.OriginLocal,
		State: monitor.StateOpen, Playbook: RuleNotification,
		Evidence: monitor.Evidence{
			Destinations: []string{siteHost(s.Origin)},
			Samples:      []string{where + ": " + s.Origin},
		},
	}
}
