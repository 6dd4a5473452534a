package store_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// storeDays writes perDay denies (full events) and perDay allowed lines
// (aggregated) for each of days days ending at last, each received on its
// own day.
func storeDays(t *testing.T, s *store.Store, last time.Time, days, perDay int) {
	t.Helper()
	for d := days - 1; d >= 0; d-- {
		day := last.AddDate(0, 0, -d)
		w := s.NewWriter()
		for i := range perDay {
			at := day.Add(time.Duration(i) * time.Second)
			w.Add(&monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate,
				Kind: monitor.KindTraffic, Action: monitor.ActionDeny, SrcIP: fmt.Sprintf("203.0.113.%d", i%250),
				Raw: fmt.Sprintf("deny %d of day %d with some padding to take room %0200d", i, d, i)})
			w.Add(&monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate,
				Kind: monitor.KindTraffic, Action: monitor.ActionAllow, SrcIP: "192.168.1.10",
				DstIP: fmt.Sprintf("198.51.100.%d", i%250), DstPort: 443})
		}
		if err := w.Flush(t.Context(), nil); err != nil {
			t.Fatal(err)
		}
	}
}

func TestPruneKeepsFindings(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	storeDays(t, s, now, 10, 100)
	old, err := s.RecordFinding(ctx, monitor.Finding{Rule: "port_scan", Severity: monitor.SeverityMedium,
		Subject: "203.0.113.9", FirstSeen: now.AddDate(0, 0, -9), LastSeen: now.AddDate(0, 0, -9), Count: 100})
	if err != nil {
		t.Fatal(err)
	}

	p, err := s.Prune(ctx, now.AddDate(0, 0, -3).Truncate(24*time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	// Days -9 … -4 go: six days of 100 events and of 100 aggregate rows
	// (one source, 100 destinations, one hour each).
	if p.Events != 600 || p.Traffic != 600 {
		t.Errorf("pruned %+v, want 600 events and 600 aggregate rows", p)
	}
	if n, err := s.CountEvents(ctx); err != nil || n != 400 {
		t.Errorf("%d events left (%v), want 400", n, err)
	}
	hours, err := s.TrafficHours(ctx, time.Time{}, now.AddDate(1, 0, 0))
	if err != nil || len(hours) != 400 {
		t.Errorf("%d aggregate rows left (%v), want 400", len(hours), err)
	}
	f, err := s.Finding(ctx, old.ID)
	if err != nil || f.Subject != "203.0.113.9" {
		t.Errorf("finding after the prune: %+v, %v; findings are kept", f, err)
	}
	if p, err := s.Prune(ctx, now.AddDate(0, 0, -3).Truncate(24*time.Hour)); err != nil || p != (store.Pruned{}) {
		t.Errorf("second prune: %+v, %v; want nothing left to prune", p, err)
	}
}

func TestEnforceCapDropsOldestDaysFirst(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	now := time.Date(2026, 11, 23, 12, 0, 0, 0, time.UTC)
	storeDays(t, s, now, 8, 500)
	before, err := s.UsedBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if p, err := s.EnforceCap(ctx, before); err != nil || p != (store.Pruned{}) {
		t.Fatalf("under the cap: pruned %+v, %v; want nothing", p, err)
	}
	limit := before / 2
	p, err := s.EnforceCap(ctx, limit)
	if err != nil {
		t.Fatal(err)
	}
	after, err := s.UsedBytes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after > limit || p.Events == 0 || p.Events%500 != 0 {
		t.Errorf("used %d → %d bytes for a cap of %d, pruned %+v: want whole days pruned until under", before, after, limit, p)
	}
	oldest, err := s.OldestEventTime(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if keptDays := 8 - int(p.Events/500); oldest.Before(now.AddDate(0, 0, -(keptDays - 1)).Truncate(24 * time.Hour)) {
		t.Errorf("oldest event left %v after pruning %d days: the oldest go first", oldest, 8-keptDays)
	}
	h, err := s.StorageHealth(ctx)
	if err != nil || h.DBBytes != after || h.LimitBytes != store.DefaultMaxDBMB<<20 || h.FreeBytes <= 0 {
		t.Errorf("storage health %+v, %v", h, err)
	}
}
