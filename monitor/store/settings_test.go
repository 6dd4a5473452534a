package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestSettingsRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	got, err := s.Settings(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, store.DefaultSettings()) {
		t.Errorf("fresh database: %+v, want the defaults %+v", got, store.DefaultSettings())
	}
	want := store.Settings{
		CompanyName: "山田商事", Gear: monitor.VendorYamahaRTX, Onboarded: true,
		Quiet: store.QuietHours{On: true, From: 21 * 60, To: 6*60 + 30}, Language: "en", RetentionDays: 30,
		MaxDBMB: 512,
	}
	if err := s.SaveSettings(ctx, want); err != nil {
		t.Fatal(err)
	}
	// A key written by a newer build is ignored, not an error.
	if _, err := rawDB(t, s.Path()).ExecContext(ctx, `INSERT INTO settings VALUES ('from_the_future', '{"x":1}', 0)`); err != nil {
		t.Fatal(err)
	}
	if got, err = s.Settings(ctx); err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("after saving: %+v, %v; want %+v", got, err, want)
	}
}

func TestSaveSettingsRejects(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	bad := map[string]func(*store.Settings){
		"no retention":        func(x *store.Settings) { x.RetentionDays = 0 },
		"no database cap":     func(x *store.Settings) { x.MaxDBMB = 0 },
		"quiet past midnight": func(x *store.Settings) { x.Quiet.To = 24 * 60 },
		"negative quiet":      func(x *store.Settings) { x.Quiet.From = -1 },
	}
	for name, change := range bad {
		set := store.DefaultSettings()
		change(&set)
		if err := s.SaveSettings(t.Context(), set); err == nil {
			t.Errorf("%s: saved %+v", name, set)
		}
	}
	if got, _ := s.Settings(t.Context()); !reflect.DeepEqual(got, store.DefaultSettings()) {
		t.Errorf("a rejected save changed the settings: %+v", got)
	}
}

func TestQuietHoursContains(t *testing.T) {
	t.Parallel()
	at := func(h, m int) time.Time { return time.Date(2026, 11, 23, h, m, 0, 0, time.UTC) }
	night := store.QuietHours{On: true, From: 22 * 60, To: 7 * 60}
	lunch := store.QuietHours{On: true, From: 12 * 60, To: 13 * 60}
	tests := []struct {
		name string
		q    store.QuietHours
		t    time.Time
		want bool
	}{
		{"night, before", night, at(21, 59), false},
		{"night, start", night, at(22, 0), true},
		{"night, after midnight", night, at(3, 0), true},
		{"night, end", night, at(7, 0), false},
		{"day span inside", lunch, at(12, 30), true},
		{"day span outside", lunch, at(13, 0), false},
		{"off", store.QuietHours{From: 22 * 60, To: 7 * 60}, at(23, 0), false},
		{"empty span", store.QuietHours{On: true, From: 60, To: 60}, at(1, 0), false},
	}
	for _, tt := range tests {
		if got := tt.q.Contains(tt.t); got != tt.want {
			t.Errorf("%s: Contains(%s) = %v", tt.name, tt.t.Format("15:04"), got)
		}
	}
}
