package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// TestWizardOverStore runs the brute-force wizard against a real database:
// progress saved and resumed by the store, the last step verified from the
// stored events.
func TestWizardOverStore(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "kizuki.db")
	st, err := store.Open(ctx, db)
	must(t, err)
	defer st.Close()
	now := docNow
	must(t, st.PutSource(ctx, monitor.Source{Name: "FGT60F"}))
	must(t, st.MarkReceived(ctx, "FGT60F", 1, now.Add(-5*time.Minute)))
	fail := func(at time.Time, src string) monitor.Event {
		return monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate, Kind: monitor.KindAuth,
			Action: monitor.ActionLoginFailure, SrcIP: src, Raw: "ssl-login-fail"}
	}
	must(t, st.InsertEvents(ctx, []monitor.Event{fail(now.Add(-30*time.Minute), "203.0.113.45"), fail(now.Add(-2*time.Hour), "198.51.100.7")}))
	f, err := st.RecordFinding(ctx, monitor.Finding{Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F",
		FirstSeen: now.Add(-3 * time.Hour), LastSeen: now.Add(-30 * time.Minute), Count: 2,
		Evidence: monitor.Evidence{Sources: []string{"203.0.113.45", "198.51.100.7"}}})
	must(t, err)

	lib, err := guidance.Default()
	must(t, err)
	pb, _ := lib.Playbook(guidance.PlaybookFor(f.Rule))
	w, err := guidance.OpenWizard(ctx, st, pb, f, "fortigate", now)
	must(t, err)
	for _, step := range []string{"check_success", "strong_passwords", "block_sources", "verify_quiet"} {
		must(t, w.Record(ctx, st, step, guidance.OutcomeDone, now))
	}
	v := storeVerifier{st}
	verdict, err := w.Verify(ctx, st, v, "verify_quiet", now)
	if err != nil || verdict.OK || verdict.Seen != 1 {
		t.Errorf("a failure 30 minutes ago: %+v, %v; want not verified, 1 seen", verdict, err)
	}
	// An hour later the window holds no failure.
	resumed, err := guidance.OpenWizard(ctx, st, pb, f, "", now.Add(time.Hour))
	must(t, err)
	if resumed.Outcome("verify_quiet") != guidance.OutcomeNotVerified || resumed.Progress.Variant != "fortigate" {
		t.Errorf("resumed outcome %s variant %s", resumed.Outcome("verify_quiet"), resumed.Progress.Variant)
	}
	verdict, err = resumed.Verify(ctx, st, v, "verify_quiet", now.Add(time.Hour))
	if err != nil || !verdict.OK || !resumed.Done() {
		t.Errorf("an hour later: %+v, %v, done %v; want verified and done", verdict, err, resumed.Done())
	}

	tests := []struct {
		check   guidance.CheckKind
		finding monitor.Finding
		ok      bool
		wantErr error
	}{
		{guidance.CheckSourceReceiving, monitor.Finding{Subject: "FGT60F"}, true, nil},
		{guidance.CheckSourceReceiving, monitor.Finding{Subject: "RTX830"}, false, nil},
		{guidance.CheckNoThreats, monitor.Finding{Subject: "192.168.1.23"}, true, nil},
		{guidance.CheckEndpoint, monitor.Finding{}, false, errCheckUnavailable},
	}
	for _, tt := range tests {
		got, err := v.Verify(ctx, guidance.Check{Kind: tt.check, Window: guidance.Duration{Duration: 15 * time.Minute}}, tt.finding, now)
		if tt.wantErr != nil {
			if !errors.Is(err, tt.wantErr) {
				t.Errorf("%s: %v, want %v", tt.check, err, tt.wantErr)
			}
			continue
		}
		if tt.finding.Subject == "RTX830" {
			if err == nil {
				t.Errorf("%s for an unknown source: no error", tt.check)
			}
			continue
		}
		if err != nil || got.OK != tt.ok {
			t.Errorf("%s %s: %+v, %v; want OK %v", tt.check, tt.finding.Subject, got, err, tt.ok)
		}
	}
}

// TestNoContactCountsAllowedTraffic: the beaconing and TI wizards ask
// whether the PC still talks to the destinations. A beacon that gets
// through is allowed traffic, kept only as hourly totals: the check must
// count those, not just stored (denied) events, or it would say "no more
// contact" while the PC keeps calling out.
func TestNoContactCountsAllowedTraffic(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "kizuki.db"))
	must(t, err)
	defer st.Close()
	now := docNow
	w := st.NewWriter()
	for i := range 3 { // three calls in the last half hour, all allowed
		at := now.Add(-time.Duration(10+i*10) * time.Minute)
		w.Add(&monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic,
			Action: monitor.ActionAllow, Direction: monitor.DirectionOutbound, SrcIP: "192.168.1.40", DstIP: "203.0.113.80",
			DstPort: 443, Proto: "tcp", Raw: "accept"})
	}
	must(t, w.Flush(ctx, nil))
	beacon := monitor.Finding{Rule: "beaconing", Subject: "192.168.1.40", Evidence: monitor.Evidence{Destinations: []string{"203.0.113.80"}}}
	hour := guidance.Check{Kind: guidance.CheckNoContact, Window: guidance.Duration{Duration: time.Hour}}
	v := storeVerifier{st}
	for _, tc := range []struct {
		name    string
		finding monitor.Finding
		at      time.Time
		ok      bool
		seen    int64
	}{
		{"still calling out", beacon, now, false, 3},
		{"two hours later", beacon, now.Add(2 * time.Hour), true, 0},
		{"another destination", monitor.Finding{Subject: "192.168.1.40", Evidence: monitor.Evidence{Destinations: []string{"198.51.100.9"}}}, now, true, 0},
		{"another PC", monitor.Finding{Subject: "192.168.1.41", Evidence: beacon.Evidence}, now, true, 0},
	} {
		got, err := v.Verify(ctx, hour, tc.finding, tc.at)
		if err != nil || got.OK != tc.ok || got.Seen != tc.seen {
			t.Errorf("%s: %+v, %v; want OK %v with %d seen", tc.name, got, err, tc.ok, tc.seen)
		}
	}
}
