package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestAggregated(t *testing.T) {
	t.Parallel()
	tests := []struct {
		kind   monitor.Kind
		action monitor.Action
		want   bool
	}{
		{monitor.KindTraffic, monitor.ActionAllow, true},
		{monitor.KindTraffic, monitor.ActionOther, true},
		{monitor.KindWeb, monitor.ActionAllow, true},
		{monitor.KindTraffic, monitor.ActionDeny, false},
		{monitor.KindWeb, monitor.ActionBlock, false},
		{monitor.KindTraffic, monitor.ActionAlert, false},
		{monitor.KindAuth, monitor.ActionLoginFailure, false},
		{monitor.KindVPN, monitor.ActionTunnelUp, false},
		{monitor.KindUnknown, "", false},
	}
	for _, tt := range tests {
		if got := store.Aggregated(&monitor.Event{Kind: tt.kind, Action: tt.action}); got != tt.want {
			t.Errorf("Aggregated(%s/%s) = %v, want %v", tt.kind, tt.action, got, tt.want)
		}
	}
}

func TestWriterSplitsAndAggregates(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	w := s.NewWriter()
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	allow := func(min int, dst string) *monitor.Event {
		return &monitor.Event{Time: base.Add(time.Duration(min) * time.Minute), Source: "fgt", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindTraffic, Action: monitor.ActionAllow, SrcIP: "192.168.1.5", DstIP: dst, DstPort: 443, Proto: "tcp", Raw: "x"}
	}
	for _, m := range []int{1, 5, 59, 61} { // three in the 09:00 hour, one at 10:01
		w.Add(allow(m, "198.51.100.7"))
	}
	w.Add(allow(2, "203.0.113.9"))
	w.Add(&monitor.Event{Time: base, Kind: monitor.KindAuth, Action: monitor.ActionLoginFailure, SrcIP: "203.0.113.5", Raw: "fail"})
	w.Add(&monitor.Event{Time: base, Kind: monitor.KindTraffic, Action: monitor.ActionDeny, SrcIP: "203.0.113.5", Raw: "deny"})
	if w.Pending() != 7 {
		t.Fatalf("pending = %d, want 7", w.Pending())
	}
	must(t, w.Flush(ctx, nil))
	if w.Pending() != 0 {
		t.Errorf("pending after flush = %d", w.Pending())
	}
	if n, err := s.CountEvents(ctx); err != nil || n != 2 {
		t.Errorf("events stored in full = %d (%v), want 2 (the login failure and the deny)", n, err)
	}
	// A second flush with more of the same hour adds up.
	w.Add(allow(30, "198.51.100.7"))
	must(t, w.Flush(ctx, nil))

	hours, err := s.TrafficHours(ctx, base, base.Add(2*time.Hour))
	must(t, err)
	want := map[string]int64{"09 198.51.100.7": 4, "09 203.0.113.9": 1, "10 198.51.100.7": 1}
	if len(hours) != len(want) {
		t.Fatalf("%d aggregate rows, want %d: %+v", len(hours), len(want), hours)
	}
	for _, h := range hours {
		key := h.Hour.Format("15") + " " + h.DstIP
		if want[key] != h.Count {
			t.Errorf("%s: count %d, want %d", key, h.Count, want[key])
		}
		if key == "09 198.51.100.7" && (!h.FirstSeen.Equal(base.Add(time.Minute)) || !h.LastSeen.Equal(base.Add(59*time.Minute))) {
			t.Errorf("%s: seen %v–%v", key, h.FirstSeen, h.LastSeen)
		}
	}
}

func TestWriterCommitsImportMarkWithEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := t.TempDir() + "/k.db"
	s := openStoreAt(t, path)
	m, err := s.ImportOffset(ctx, "/var/log/fgt.log")
	must(t, err)
	if m.Offset != 0 || m.Identity != "" {
		t.Fatalf("never-imported file has mark %+v", m)
	}
	w := s.NewWriter()
	w.Add(&monitor.Event{Time: time.Now(), Kind: monitor.KindAuth, Raw: "a"})
	must(t, w.Flush(ctx, &store.ImportMark{Path: "/var/log/fgt.log", Identity: "id1", Offset: 120, Lines: 3}))
	must(t, s.Close())

	s = openStoreAt(t, path)
	m, err = s.ImportOffset(ctx, "/var/log/fgt.log")
	must(t, err)
	if m != (store.ImportMark{Path: "/var/log/fgt.log", Identity: "id1", Offset: 120, Lines: 3}) {
		t.Errorf("mark after reopen = %+v", m)
	}
}

func BenchmarkWriter(b *testing.B) {
	ctx := context.Background()
	s := openStore(b)
	w := s.NewWriter()
	base := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	events := make([]monitor.Event, 1000)
	for i := range events {
		events[i] = monitor.Event{Time: base.Add(time.Duration(i) * time.Second), Source: "fgt", Kind: monitor.KindTraffic,
			Action: monitor.ActionAllow, SrcIP: "192.168.1." + string(rune('0'+i%10)), DstIP: "198.51.100.7", DstPort: 443, Proto: "tcp"}
		if i%10 == 0 {
			events[i].Action, events[i].Raw = monitor.ActionDeny, `date=2026-11-23 time=09:00:00 type="traffic" action="deny"`
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		for i := range events {
			w.Add(&events[i])
		}
		if err := w.Flush(ctx, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(events))/b.Elapsed().Seconds(), "events/s")
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}
