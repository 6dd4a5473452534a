package store_test

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

func TestCheckResultsRoundTrip(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := t.Context()
	if last, err := s.LastCheckRun(ctx); err != nil || !last.IsZero() {
		t.Fatalf("LastCheckRun on a new database = %v, %v", last, err)
	}
	day1 := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	first := []monitor.CheckResult{
		{Check: "antivirus", Status: monitor.CheckBad, Summary: "antivirus.stale", Args: map[string]any{"age_days": 40, "product": "ClamAV"}, CheckedAt: day1},
		{Check: "browser_notifications", Status: monitor.CheckOK, Summary: "browser_notifications.none",
			Details: json.RawMessage(`{"profiles":[],"allowed":0}`), CheckedAt: day1},
	}
	if err := s.PutCheckResults(ctx, first); err != nil {
		t.Fatal(err)
	}
	day2 := day1.Add(24 * time.Hour)
	// The next day's run replaces a result and leaves the others.
	if err := s.PutCheckResults(ctx, []monitor.CheckResult{
		{Check: "antivirus", Status: monitor.CheckOK, Summary: "antivirus.fresh", Args: map[string]any{"age_days": 0}, CheckedAt: day2},
	}); err != nil {
		t.Fatal(err)
	}
	got, err := s.CheckResults(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 {
		t.Fatalf("got %d results: %+v", len(got), got)
	}
	av, nt := got[0], got[1]
	if av.Check != "antivirus" || av.Status != monitor.CheckOK || av.Summary != "antivirus.fresh" || av.Args["age_days"] != float64(0) || !av.CheckedAt.Equal(day2) {
		t.Errorf("antivirus = %+v", av)
	}
	if nt.Status != monitor.CheckOK || string(nt.Details) != `{"profiles":[],"allowed":0}` || nt.Args != nil || !nt.CheckedAt.Equal(day1) {
		t.Errorf("browser_notifications = %+v", nt)
	}
	if last, err := s.LastCheckRun(ctx); err != nil || !last.Equal(day2) {
		t.Errorf("LastCheckRun = %v, %v; want %v", last, err, day2)
	}
}

func TestPutCheckResultsRefusesBadRows(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := t.Context()
	now := time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC)
	for _, bad := range []monitor.CheckResult{
		{Status: monitor.CheckOK, Summary: "x", CheckedAt: now},
		{Check: "firewall", Status: monitor.CheckOK, Summary: "firewall.on"},
		{Check: "firewall", Status: "fine", Summary: "firewall.on", CheckedAt: now},
	} {
		// The good row before the bad one must not be kept either.
		batch := []monitor.CheckResult{{Check: "screen_lock", Status: monitor.CheckOK, Summary: "screen_lock.on", CheckedAt: now}, bad}
		if err := s.PutCheckResults(ctx, batch); err == nil {
			t.Errorf("PutCheckResults accepted %+v", bad)
		}
	}
	if got, err := s.CheckResults(ctx); err != nil || len(got) != 0 {
		t.Errorf("after refused batches: %+v, %v", got, err)
	}
}
