package main

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// The demo database holds the three seed incidents found by the real
// import and detection, the FortiGate as a source, onboarding done, and an
// enrolment whose secrets stay in the demo's folder; the app's MSS client
// then catches up the provider's waiting notification.
func TestBuildDemo(t *testing.T) {
	dir := t.TempDir()
	now := func() time.Time { return time.Now() }
	start := time.Now()
	d, err := buildDemo(t.Context(), dir, now)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	t.Logf("demo built in %v from %d log lines", time.Since(start).Round(time.Millisecond), d.lines)

	st, err := store.Open(t.Context(), d.dbPath)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	checkDemoIncidents(t, st)
	if prefs, err := st.Settings(t.Context()); err != nil || !prefs.Onboarded {
		t.Errorf("onboarding not marked done: %+v, %v", prefs, err)
	}
	if _, err := os.Stat(filepath.Join(dir, demoSource)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the generated log was left behind: %v", err)
	}

	svc := &mssService{st: st, now: now, openSecrets: d.openSecrets}
	changes := make(chan monitor.MSSChange, 2)
	svc.onChange = func(c monitor.MSSChange) { changes <- c }
	if err := svc.test(context.Background()); err != nil {
		t.Fatal(err)
	}
	select {
	case c := <-changes:
		if c.Finding.Rule != monitor.RuleMSSAdvisory || c.Finding.Origin != demoProvider || c.Notice.Title.En == "" {
			t.Errorf("demo notification: %+v", c.Finding)
		}
	default:
		t.Error("the provider's notification did not arrive on catch-up")
	}
	if sec, _ := d.openSecrets(); sec == nil {
		t.Fatal("no demo secrets")
	} else if _, err := sec.Get(mss.SecretName); err != nil {
		t.Errorf("the demo's token is not in its own folder: %v", err)
	}
}

// TestDemoFindsTheIncidentsWhateverTheDay: the demo's log ends at the
// moment it is started, so its window holds a weekend or not. The seed
// incidents, the business-hours beacon among them, must be found on any
// day and at any hour.
func TestDemoFindsTheIncidentsWhateverTheDay(t *testing.T) {
	if testing.Short() {
		t.Skip("generates and imports four demo logs")
	}
	jst := time.FixedZone("JST", 9*3600)
	for _, at := range []time.Time{
		time.Date(2026, 11, 24, 0, 8, 0, 0, jst),   // just after midnight, Tuesday
		time.Date(2026, 11, 28, 12, 0, 0, 0, jst),  // Saturday noon
		time.Date(2026, 11, 30, 8, 0, 0, 0, jst),   // Monday before work
		time.Date(2026, 11, 26, 18, 30, 0, 0, jst), // Thursday evening
	} {
		t.Run(at.Format("Mon-1504"), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			st, err := store.Open(t.Context(), filepath.Join(dir, "kizuki.db"))
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			if _, err := importDemoLogs(t.Context(), st, dir, func() time.Time { return at }); err != nil {
				t.Fatal(err)
			}
			checkDemoIncidents(t, st)
		})
	}
}

// checkDemoIncidents fails t unless the seed incidents (the infected PC,
// the beacon, the VPN brute force) are open findings in st.
func checkDemoIncidents(t *testing.T, st *store.Store) {
	t.Helper()
	active, err := st.ActiveFindings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var rules []string
	for _, f := range active {
		rules = append(rules, f.Rule)
	}
	for _, want := range []string{"infected_pc", "beaconing", "vpn_bruteforce"} {
		if !slices.Contains(rules, want) {
			t.Errorf("no open %s finding in the demo; open findings: %v", want, rules)
		}
	}
}
