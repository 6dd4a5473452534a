package store_test

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func mustSources(tb testing.TB, s *store.Store) []monitor.Source {
	tb.Helper()
	got, err := s.Sources(tb.Context())
	if err != nil {
		tb.Fatalf("Sources(): %v", err)
	}
	return got
}

func TestSourcesRoundTrip(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	put := []monitor.Source{
		{
			Name: "RTX1300", Vendor: monitor.VendorYamahaRTX, AllowedSenders: []string{"192.168.100.1"},
			ExpectedInterval: 6 * time.Hour,
		},
		{
			Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.99", "fd00::99"},
			TimeZone: "UTC", ExpectedInterval: 15 * time.Minute,
		},
		{Name: "imported.log"},
	}
	for _, src := range put {
		if err := s.PutSource(t.Context(), src); err != nil {
			t.Fatalf("PutSource(%s): %v", src.Name, err)
		}
	}
	// By name; empty lists and counters come back empty, not nil; the time
	// zone defaults to Japan's.
	want := []monitor.Source{
		{
			Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.99", "fd00::99"},
			TimeZone: "UTC", ExpectedInterval: 15 * time.Minute, Dropped: map[string]int64{},
		},
		{
			Name: "RTX1300", Vendor: monitor.VendorYamahaRTX, AllowedSenders: []string{"192.168.100.1"},
			TimeZone: store.DefaultTimeZone, ExpectedInterval: 6 * time.Hour, Dropped: map[string]int64{},
		},
		{Name: "imported.log", AllowedSenders: []string{}, TimeZone: store.DefaultTimeZone, Dropped: map[string]int64{}},
	}
	if got := mustSources(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("Sources() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestPutSourceUpdateKeepsWhatWasSeen(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	if err := s.PutSource(ctx, monitor.Source{Name: "FGT60F", AllowedSenders: []string{"192.168.1.99"}}); err != nil {
		t.Fatal(err)
	}
	if err := s.MarkReceived(ctx, "FGT60F", 120, t0); err != nil {
		t.Fatal(err)
	}
	updated := monitor.Source{
		Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"},
		TimeZone: "Asia/Seoul", ExpectedInterval: 30 * time.Minute,
		// What has been seen is not a setting: these are ignored.
		LastSeen: t0.Add(time.Hour), Received: 1,
	}
	if err := s.PutSource(ctx, updated); err != nil {
		t.Fatal(err)
	}
	want := []monitor.Source{{
		Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"},
		TimeZone: "Asia/Seoul", ExpectedInterval: 30 * time.Minute,
		LastSeen: t0, Received: 120, Dropped: map[string]int64{},
	}}
	if got := mustSources(t, s); !reflect.DeepEqual(got, want) {
		t.Errorf("Sources() =\n%+v\nwant\n%+v", got, want)
	}
}

func TestPutSourceRejectsInvalid(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	tests := []struct {
		name string
		src  monitor.Source
	}{
		{"no name", monitor.Source{TimeZone: "UTC"}},
		{"unknown time zone", monitor.Source{Name: "FGT60F", TimeZone: "Mars/Olympus_Mons"}},
		{"malformed time zone", monitor.Source{Name: "FGT60F", TimeZone: "../../etc/passwd"}},
		{"negative interval", monitor.Source{Name: "FGT60F", ExpectedInterval: -time.Minute}},
	}
	for _, tt := range tests {
		if err := s.PutSource(t.Context(), tt.src); err == nil {
			t.Errorf("%s: PutSource(%+v) succeeded", tt.name, tt.src)
		}
	}
	if got := mustSources(t, s); len(got) != 0 {
		t.Errorf("Sources() = %+v, want none", got)
	}
}

func TestMarkReceived(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	if err := s.MarkReceived(ctx, "nobody", 1, t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("MarkReceived of an unknown source: error = %v, want ErrNotFound", err)
	}
	if err := s.PutSource(ctx, monitor.Source{Name: "FGT60F"}); err != nil {
		t.Fatal(err)
	}
	if got := mustSources(t, s)[0]; !got.LastSeen.IsZero() || got.Received != 0 {
		t.Errorf("new source: last seen %v, received %d; want never and 0", got.LastSeen, got.Received)
	}

	// Batches can be marked out of order (several receivers, replays);
	// last_seen only moves forward.
	steps := []struct {
		n            int64
		at           time.Time
		wantReceived int64
		wantLastSeen time.Time
	}{
		{3, t0.Add(2 * time.Minute), 3, t0.Add(2 * time.Minute)},
		{2, t0, 5, t0.Add(2 * time.Minute)},
		{10, t0.Add(5*time.Minute + 250*time.Millisecond), 15, t0.Add(5*time.Minute + 250*time.Millisecond)},
		{1, time.Time{}, 16, t0.Add(5*time.Minute + 250*time.Millisecond)},
	}
	for i, step := range steps {
		if err := s.MarkReceived(ctx, "FGT60F", step.n, step.at); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
		got := mustSources(t, s)[0]
		if got.Received != step.wantReceived || !got.LastSeen.Equal(step.wantLastSeen) {
			t.Errorf("step %d: received %d, last seen %v; want %d, %v",
				i, got.Received, got.LastSeen, step.wantReceived, step.wantLastSeen)
		}
	}
}
