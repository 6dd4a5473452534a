package store_test

import (
	"errors"
	"fmt"
	"path/filepath"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// samples returns the raw lines "sample from" … "sample to-1".
func samples(from, to int) []string {
	var out []string
	for i := from; i < to; i++ {
		out = append(out, fmt.Sprintf("sample %d", i))
	}
	return out
}

func mustRecord(tb testing.TB, s *store.Store, f monitor.Finding) monitor.Finding {
	tb.Helper()
	got, err := s.RecordFinding(tb.Context(), f)
	if err != nil {
		tb.Fatalf("RecordFinding(%s/%s): %v", f.Rule, f.Subject, err)
	}
	return got
}

func mustFinding(tb testing.TB, s *store.Store, id int64) monitor.Finding {
	tb.Helper()
	got, err := s.Finding(tb.Context(), id)
	if err != nil {
		tb.Fatalf("Finding(%d): %v", id, err)
	}
	return got
}

func mustFindings(tb testing.TB, s *store.Store, filter store.FindingFilter) []monitor.Finding {
	tb.Helper()
	got, err := s.Findings(tb.Context(), filter)
	if err != nil {
		tb.Fatalf("Findings(%+v): %v", filter, err)
	}
	return got
}

func TestRecordFindingInsert(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*60*60)
	tests := []struct {
		name string
		in   monitor.Finding
		want monitor.Finding // without ID
	}{
		{
			name: "defaults filled in",
			in: monitor.Finding{
				Rule: "infected_pc", Subject: "192.168.1.23", Severity: monitor.SeverityCritical, Count: 1,
				FirstSeen: time.Date(2026, 11, 3, 18, 0, 0, 123_456_789, jst),
			},
			want: monitor.Finding{
				Rule: "infected_pc", Subject: "192.168.1.23", Severity: monitor.SeverityCritical, Count: 1,
				FirstSeen: time.Date(2026, 11, 3, 9, 0, 0, 123_000_000, time.UTC),
				LastSeen:  time.Date(2026, 11, 3, 9, 0, 0, 123_000_000, time.UTC),
				Origin:    monitor.OriginLocal, State: monitor.StateOpen,
			},
		},
		{
			name: "given fields kept",
			in: monitor.Finding{
				Rule: "mss_incident", Subject: "FGT60F", Severity: monitor.SeverityHigh, Count: 3,
				LastSeen: t0, Origin: "ExampleMSS", State: monitor.StateAcknowledged, Playbook: "mss_incident",
			},
			want: monitor.Finding{
				Rule: "mss_incident", Subject: "FGT60F", Severity: monitor.SeverityHigh, Count: 3,
				FirstSeen: t0, LastSeen: t0, Origin: "ExampleMSS", State: monitor.StateAcknowledged, Playbook: "mss_incident",
			},
		},
		{
			name: "evidence without repeats and samples capped",
			in: monitor.Finding{
				Rule: "vpn_spraying", Subject: "ssl-vpn@FGT60F", Severity: monitor.SeverityHigh, Count: 40,
				FirstSeen: t0, LastSeen: t0.Add(time.Hour),
				Evidence: monitor.Evidence{
					Sources: []string{"198.51.100.1", "198.51.100.2", "198.51.100.1"},
					Users:   []string{"admin", "admin"},
					Samples: samples(0, store.MaxSamples+5),
					Counts:  map[string]int{"login_failure": 40},
				},
			},
			want: monitor.Finding{
				Rule: "vpn_spraying", Subject: "ssl-vpn@FGT60F", Severity: monitor.SeverityHigh, Count: 40,
				FirstSeen: t0, LastSeen: t0.Add(time.Hour),
				Evidence: monitor.Evidence{
					Sources: []string{"198.51.100.1", "198.51.100.2"},
					Users:   []string{"admin"},
					Samples: samples(0, store.MaxSamples),
					Counts:  map[string]int{"login_failure": 40},
				},
				Origin: monitor.OriginLocal, State: monitor.StateOpen,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := openStore(t)
			got := mustRecord(t, s, tt.in)
			if got.ID <= 0 {
				t.Errorf("ID = %d, want a positive id", got.ID)
			}
			want := tt.want
			want.ID = got.ID
			if !reflect.DeepEqual(got, want) {
				t.Errorf("RecordFinding =\n%+v\nwant\n%+v", got, want)
			}
			if stored := mustFinding(t, s, got.ID); !reflect.DeepEqual(stored, want) {
				t.Errorf("Finding(%d) =\n%+v\nwant\n%+v", got.ID, stored, want)
			}
		})
	}
}

func TestRecordFindingGrowsActiveFinding(t *testing.T) {
	t.Parallel()
	const rule, subject = "vpn_bruteforce", "203.0.113.7"
	tests := []struct {
		name        string
		first       monitor.Finding
		acknowledge bool // the owner acknowledges first before second arrives
		second      monitor.Finding
		want        monitor.Finding // rule, subject, origin and id are filled in
	}{
		{
			name:   "count adds up and the span widens",
			first:  monitor.Finding{Severity: monitor.SeverityHigh, Count: 3, FirstSeen: t0.Add(time.Hour), LastSeen: t0.Add(2 * time.Hour)},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 4, FirstSeen: t0, LastSeen: t0.Add(3 * time.Hour)},
			want:   monitor.Finding{Severity: monitor.SeverityHigh, Count: 7, FirstSeen: t0, LastSeen: t0.Add(3 * time.Hour), State: monitor.StateOpen},
		},
		{
			name:   "evidence inside the span keeps it",
			first:  monitor.Finding{Severity: monitor.SeverityHigh, Count: 3, FirstSeen: t0, LastSeen: t0.Add(2 * time.Hour)},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0.Add(time.Hour)},
			want:   monitor.Finding{Severity: monitor.SeverityHigh, Count: 4, FirstSeen: t0, LastSeen: t0.Add(2 * time.Hour), State: monitor.StateOpen},
		},
		{
			name:   "severity does not fall",
			first:  monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0},
			second: monitor.Finding{Severity: monitor.SeverityLow, Count: 1, LastSeen: t0},
			want:   monitor.Finding{Severity: monitor.SeverityHigh, Count: 2, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen},
		},
		{
			name:   "severity rises",
			first:  monitor.Finding{Severity: monitor.SeverityMedium, Count: 1, LastSeen: t0},
			second: monitor.Finding{Severity: monitor.SeverityCritical, Count: 1, LastSeen: t0},
			want:   monitor.Finding{Severity: monitor.SeverityCritical, Count: 2, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen},
		},
		{
			name:        "acknowledged reopens when severity rises",
			first:       monitor.Finding{Severity: monitor.SeverityMedium, Count: 1, LastSeen: t0},
			acknowledge: true,
			second:      monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0.Add(time.Minute)},
			want:        monitor.Finding{Severity: monitor.SeverityHigh, Count: 2, FirstSeen: t0, LastSeen: t0.Add(time.Minute), State: monitor.StateOpen},
		},
		{
			name:        "acknowledged stays so at the same severity",
			first:       monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0},
			acknowledge: true,
			second:      monitor.Finding{Severity: monitor.SeverityHigh, Count: 5, LastSeen: t0.Add(time.Minute)},
			want:        monitor.Finding{Severity: monitor.SeverityHigh, Count: 6, FirstSeen: t0, LastSeen: t0.Add(time.Minute), State: monitor.StateAcknowledged},
		},
		{
			name:        "acknowledged stays so at a lower severity",
			first:       monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0},
			acknowledge: true,
			second:      monitor.Finding{Severity: monitor.SeverityLow, Count: 1, LastSeen: t0},
			want:        monitor.Finding{Severity: monitor.SeverityHigh, Count: 2, FirstSeen: t0, LastSeen: t0, State: monitor.StateAcknowledged},
		},
		{
			name: "evidence lists union in first-seen order",
			first: monitor.Finding{Severity: monitor.SeverityHigh, Count: 2, LastSeen: t0, Evidence: monitor.Evidence{
				Sources: []string{"203.0.113.7", "203.0.113.9"}, Users: []string{"admin"},
			}},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 3, LastSeen: t0, Evidence: monitor.Evidence{
				Sources: []string{"203.0.113.9", "203.0.113.10", "203.0.113.7"}, Users: []string{"tanaka", "admin"},
				Destinations: []string{"192.0.2.1"},
			}},
			want: monitor.Finding{Severity: monitor.SeverityHigh, Count: 5, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen, Evidence: monitor.Evidence{
				Sources: []string{"203.0.113.7", "203.0.113.9", "203.0.113.10"}, Users: []string{"admin", "tanaka"},
				Destinations: []string{"192.0.2.1"},
			}},
		},
		{
			name: "samples stay within MaxSamples, oldest kept",
			first: monitor.Finding{Severity: monitor.SeverityHigh, Count: 7, LastSeen: t0, Evidence: monitor.Evidence{
				Samples: samples(0, 7),
			}},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 8, LastSeen: t0, Evidence: monitor.Evidence{
				Samples: samples(5, 13),
			}},
			want: monitor.Finding{Severity: monitor.SeverityHigh, Count: 15, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen, Evidence: monitor.Evidence{
				Samples: samples(0, store.MaxSamples),
			}},
		},
		{
			name: "counts add up",
			first: monitor.Finding{Severity: monitor.SeverityHigh, Count: 4, LastSeen: t0, Evidence: monitor.Evidence{
				Counts: map[string]int{"login_failure": 3, "login_success": 1},
			}},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 3, LastSeen: t0, Evidence: monitor.Evidence{
				Counts: map[string]int{"login_failure": 2, "lockout": 1},
			}},
			want: monitor.Finding{Severity: monitor.SeverityHigh, Count: 7, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen, Evidence: monitor.Evidence{
				Counts: map[string]int{"login_failure": 5, "login_success": 1, "lockout": 1},
			}},
		},
		{
			name:   "a new playbook replaces the old",
			first:  monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0, Playbook: "vpn_bruteforce"},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0, Playbook: "vpn_compromise"},
			want:   monitor.Finding{Severity: monitor.SeverityHigh, Count: 2, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen, Playbook: "vpn_compromise"},
		},
		{
			name:   "no playbook keeps the old",
			first:  monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0, Playbook: "vpn_bruteforce"},
			second: monitor.Finding{Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0},
			want:   monitor.Finding{Severity: monitor.SeverityHigh, Count: 2, FirstSeen: t0, LastSeen: t0, State: monitor.StateOpen, Playbook: "vpn_bruteforce"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s := openStore(t)
			tt.first.Rule, tt.first.Subject = rule, subject
			tt.second.Rule, tt.second.Subject = rule, subject
			first := mustRecord(t, s, tt.first)
			if tt.acknowledge {
				if err := s.SetFindingState(t.Context(), first.ID, monitor.StateAcknowledged); err != nil {
					t.Fatal(err)
				}
			}
			got := mustRecord(t, s, tt.second)

			want := tt.want
			want.ID, want.Rule, want.Subject, want.Origin = first.ID, rule, subject, monitor.OriginLocal
			if !reflect.DeepEqual(got, want) {
				t.Errorf("RecordFinding =\n%+v\nwant\n%+v", got, want)
			}
			all := mustFindings(t, s, store.FindingFilter{})
			if len(all) != 1 || !reflect.DeepEqual(all[0], want) {
				t.Errorf("stored findings =\n%+v\nwant only\n%+v", all, want)
			}
		})
	}
}

func TestRecordFindingKeysOnRuleAndSubject(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	keys := []struct{ rule, subject string }{
		{"vpn_bruteforce", "203.0.113.7"},
		{"vpn_bruteforce", "203.0.113.8"},
		{"port_scan", "203.0.113.7"},
	}
	ids := map[int64]bool{}
	for _, k := range keys {
		f := mustRecord(t, s, monitor.Finding{Rule: k.rule, Subject: k.subject, Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0})
		ids[f.ID] = true
	}
	if len(ids) != len(keys) {
		t.Errorf("%d distinct ids for %d rule/subject pairs", len(ids), len(keys))
	}
	if active := mustFindings(t, s, store.ActiveFilter); len(active) != len(keys) {
		t.Errorf("%d active findings, want %d", len(active), len(keys))
	}
}

func TestRecordFindingAfterItEnded(t *testing.T) {
	t.Parallel()
	for _, ended := range []monitor.FindingState{monitor.StateResolved, monitor.StateFalsePositive} {
		t.Run(string(ended), func(t *testing.T) {
			t.Parallel()
			s := openStore(t)
			old := mustRecord(t, s, monitor.Finding{
				Rule: "vpn_bruteforce", Subject: "203.0.113.7", Severity: monitor.SeverityHigh, Count: 5,
				FirstSeen: t0, LastSeen: t0.Add(time.Hour), Evidence: monitor.Evidence{Users: []string{"admin"}},
			})
			if err := s.SetFindingState(t.Context(), old.ID, ended); err != nil {
				t.Fatal(err)
			}
			fresh := mustRecord(t, s, monitor.Finding{
				Rule: "vpn_bruteforce", Subject: "203.0.113.7", Severity: monitor.SeverityMedium, Count: 2,
				LastSeen: t0.Add(8 * 24 * time.Hour), Evidence: monitor.Evidence{Users: []string{"tanaka"}},
			})
			if ended == monitor.StateFalsePositive {
				// A false positive stays quiet: the same rule and subject
				// never come back.
				if fresh.ID != 0 || fresh.State != monitor.StateFalsePositive {
					t.Errorf("evidence after a false positive mark = id %d, state %s; want id 0, state false_positive", fresh.ID, fresh.State)
				}
				if active := mustFindings(t, s, store.ActiveFilter); len(active) != 0 {
					t.Errorf("active findings = %+v, want none", active)
				}
				return
			}

			if fresh.ID == old.ID {
				t.Fatalf("new evidence grew the %s finding %d instead of opening a new one", ended, old.ID)
			}
			want := monitor.Finding{
				ID: fresh.ID, Rule: "vpn_bruteforce", Subject: "203.0.113.7", Severity: monitor.SeverityMedium, Count: 2,
				FirstSeen: t0.Add(8 * 24 * time.Hour), LastSeen: t0.Add(8 * 24 * time.Hour),
				Evidence: monitor.Evidence{Users: []string{"tanaka"}}, Origin: monitor.OriginLocal, State: monitor.StateOpen,
			}
			if !reflect.DeepEqual(fresh, want) {
				t.Errorf("new finding =\n%+v\nwant\n%+v", fresh, want)
			}
			wantOld := old
			wantOld.State = ended
			if got := mustFinding(t, s, old.ID); !reflect.DeepEqual(got, wantOld) {
				t.Errorf("old finding =\n%+v\nwant it untouched but %s:\n%+v", got, ended, wantOld)
			}
			if active := mustFindings(t, s, store.ActiveFilter); len(active) != 1 || active[0].ID != fresh.ID {
				t.Errorf("active findings = %+v, want only %d", active, fresh.ID)
			}
		})
	}
}

func TestRecordFindingRejectsInvalid(t *testing.T) {
	t.Parallel()
	// Each invalid finding goes to an empty store (it would be inserted) and
	// to one holding an active finding with the same rule and subject (it
	// would grow that one); neither may change.
	existing := monitor.Finding{Rule: "vpn_bruteforce", Subject: "203.0.113.7", Severity: monitor.SeverityMedium, Count: 3, LastSeen: t0}
	empty, growing := openStore(t), openStore(t)
	stored := mustRecord(t, growing, existing)

	valid := func(edit func(*monitor.Finding)) monitor.Finding {
		f := existing
		edit(&f)
		return f
	}
	tests := []struct {
		name string
		f    monitor.Finding
	}{
		{"no rule", valid(func(f *monitor.Finding) { f.Rule = "" })},
		{"no subject", valid(func(f *monitor.Finding) { f.Subject = "" })},
		{"no time", valid(func(f *monitor.Finding) { f.FirstSeen, f.LastSeen = time.Time{}, time.Time{} })},
		{"severity below info", valid(func(f *monitor.Finding) { f.Severity = monitor.SeverityInfo - 1 })},
		{"severity above critical", valid(func(f *monitor.Finding) { f.Severity = monitor.SeverityCritical + 1 })},
		{"negative count", valid(func(f *monitor.Finding) { f.Count = -2 })},
		{"unknown state", valid(func(f *monitor.Finding) { f.State = "closed" })},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for name, s := range map[string]*store.Store{"new": empty, "growing": growing} {
				if got, err := s.RecordFinding(t.Context(), tt.f); err == nil {
					t.Errorf("%s: RecordFinding(%+v) = %+v, want an error", name, tt.f, got)
				}
			}
		})
	}
	if all := mustFindings(t, empty, store.FindingFilter{}); len(all) != 0 {
		t.Errorf("empty store now holds %+v", all)
	}
	if all := mustFindings(t, growing, store.FindingFilter{}); len(all) != 1 || !reflect.DeepEqual(all[0], stored) {
		t.Errorf("growing store holds\n%+v\nwant only\n%+v", all, stored)
	}
}

func TestFindingsFilterAndOrder(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	seed := []struct {
		subject  string
		severity monitor.Severity
		state    monitor.FindingState
		lastSeen time.Duration // after t0
	}{
		{"a", monitor.SeverityHigh, monitor.StateOpen, 1 * time.Hour},
		{"b", monitor.SeverityCritical, monitor.StateResolved, 5 * time.Hour},
		{"c", monitor.SeverityMedium, monitor.StateAcknowledged, 4 * time.Hour},
		{"d", monitor.SeverityHigh, monitor.StateOpen, 3 * time.Hour},
		{"e", monitor.SeverityLow, monitor.StateOpen, 6 * time.Hour},
		{"f", monitor.SeverityHigh, monitor.StateFalsePositive, 2 * time.Hour},
		{"g", monitor.SeverityHigh, monitor.StateOpen, 3 * time.Hour}, // ties with d: the later id first
		{"h", monitor.SeverityInfo, monitor.StateOpen, 7 * time.Hour},
	}
	for _, sd := range seed {
		f := mustRecord(t, s, monitor.Finding{Rule: "port_scan", Subject: sd.subject, Severity: sd.severity, Count: 1, LastSeen: t0.Add(sd.lastSeen)})
		if err := s.SetFindingState(ctx, f.ID, sd.state); err != nil {
			t.Fatal(err)
		}
	}

	tests := []struct {
		name   string
		filter store.FindingFilter
		want   []string
	}{
		{"all", store.FindingFilter{}, []string{"b", "g", "d", "f", "a", "c", "e", "h"}},
		{"active", store.ActiveFilter, []string{"g", "d", "a", "c", "e", "h"}},
		{"ended", store.FindingFilter{States: []monitor.FindingState{monitor.StateResolved, monitor.StateFalsePositive}}, []string{"b", "f"}},
		{"acknowledged", store.FindingFilter{States: []monitor.FindingState{monitor.StateAcknowledged}}, []string{"c"}},
		{"at least high", store.FindingFilter{MinSeverity: monitor.SeverityHigh}, []string{"b", "g", "d", "f", "a"}},
		{"active, at least medium", store.FindingFilter{States: store.ActiveFilter.States, MinSeverity: monitor.SeverityMedium}, []string{"g", "d", "a", "c"}},
		{"resolved, at least high", store.FindingFilter{States: []monitor.FindingState{monitor.StateResolved}, MinSeverity: monitor.SeverityHigh}, []string{"b"}},
		{"none match", store.FindingFilter{States: []monitor.FindingState{monitor.StateAcknowledged}, MinSeverity: monitor.SeverityHigh}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := subjects(mustFindings(t, s, tt.filter)); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Findings(%+v) subjects = %v, want %v", tt.filter, got, tt.want)
			}
		})
	}

	active, err := s.ActiveFindings(ctx)
	if want := []string{"g", "d", "a", "c", "e", "h"}; err != nil || !reflect.DeepEqual(subjects(active), want) {
		t.Errorf("ActiveFindings() subjects = %v, %v; want %v", subjects(active), err, want)
	}
}

func subjects(fs []monitor.Finding) []string {
	var out []string
	for _, f := range fs {
		out = append(out, f.Subject)
	}
	return out
}

func TestFindingsEmpty(t *testing.T) {
	t.Parallel()
	if got := mustFindings(t, openStore(t), store.FindingFilter{}); len(got) != 0 {
		t.Errorf("Findings on a new store = %+v, want none", got)
	}
}

func TestFindingNotFound(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	f := mustRecord(t, s, monitor.Finding{Rule: "port_scan", Subject: "198.51.100.4", Count: 1, LastSeen: t0})
	missing := f.ID + 1
	if _, err := s.Finding(t.Context(), missing); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("Finding(%d) error = %v, want ErrNotFound", missing, err)
	}
	if err := s.SetFindingState(t.Context(), missing, monitor.StateResolved); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("SetFindingState(%d) error = %v, want ErrNotFound", missing, err)
	}
}

func TestSetFindingState(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	f := mustRecord(t, s, monitor.Finding{Rule: "infected_pc", Subject: "192.168.1.23", Severity: monitor.SeverityCritical, Count: 1, LastSeen: t0})

	// One finding walked through its life, in order.
	steps := []struct {
		to      monitor.FindingState
		wantErr bool
		want    monitor.FindingState
	}{
		{monitor.StateAcknowledged, false, monitor.StateAcknowledged},
		{monitor.StateAcknowledged, false, monitor.StateAcknowledged},
		{"closed", true, monitor.StateAcknowledged},
		{"", true, monitor.StateAcknowledged},
		{monitor.StateResolved, false, monitor.StateResolved},
		{monitor.StateOpen, false, monitor.StateOpen},
		{monitor.StateFalsePositive, false, monitor.StateFalsePositive},
	}
	for i, step := range steps {
		err := s.SetFindingState(ctx, f.ID, step.to)
		if (err != nil) != step.wantErr || errors.Is(err, store.ErrNotFound) {
			t.Errorf("step %d: SetFindingState(%q) error = %v, want error %v", i, step.to, err, step.wantErr)
		}
		if got := mustFinding(t, s, f.ID); got.State != step.want {
			t.Errorf("step %d: state after SetFindingState(%q) = %q, want %q", i, step.to, got.State, step.want)
		}
	}
}

func TestSetFindingStateKeepsOneActive(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	old := mustRecord(t, s, monitor.Finding{Rule: "beaconing", Subject: "192.168.1.50", Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0})
	if err := s.SetFindingState(ctx, old.ID, monitor.StateResolved); err != nil {
		t.Fatal(err)
	}
	fresh := mustRecord(t, s, monitor.Finding{Rule: "beaconing", Subject: "192.168.1.50", Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0.Add(time.Hour)})

	if err := s.SetFindingState(ctx, old.ID, monitor.StateOpen); err == nil {
		t.Error("reopening a finding beside an active one with the same rule and subject succeeded")
	}
	if active := mustFindings(t, s, store.ActiveFilter); len(active) != 1 || active[0].ID != fresh.ID {
		t.Errorf("active findings = %+v, want only %d", active, fresh.ID)
	}
}

// Two writers growing the same finding at once must end with one finding
// holding both counts: the unique partial index and the immediate
// transactions keep a second one from being inserted.
func TestRecordFindingConcurrent(t *testing.T) {
	t.Parallel()
	const writers, perWriter = 2, 50
	s := openStore(t)
	start := make(chan struct{})
	errs := make([]error, writers)
	var wg sync.WaitGroup
	for w := range writers {
		wg.Go(func() {
			<-start
			for i := range perWriter {
				_, err := s.RecordFinding(t.Context(), monitor.Finding{
					Rule: "vpn_spraying", Subject: "ssl-vpn@FGT60F", Severity: monitor.SeverityHigh, Count: 1,
					LastSeen: t0.Add(time.Duration(w*perWriter+i) * time.Second),
					Evidence: monitor.Evidence{Sources: []string{fmt.Sprintf("198.51.100.%d", w)}},
				})
				if err != nil {
					errs[w] = err
					return
				}
			}
		})
	}
	close(start)
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}

	all := mustFindings(t, s, store.FindingFilter{})
	if len(all) != 1 {
		t.Fatalf("%d findings, want 1: %+v", len(all), all)
	}
	f := all[0]
	if f.State != monitor.StateOpen || f.Count != writers*perWriter {
		t.Errorf("finding state %q count %d, want open and %d", f.State, f.Count, writers*perWriter)
	}
	if !f.FirstSeen.Equal(t0) || !f.LastSeen.Equal(t0.Add((writers*perWriter-1)*time.Second)) {
		t.Errorf("finding spans %v – %v, want the whole run", f.FirstSeen, f.LastSeen)
	}
	if len(f.Evidence.Sources) != writers {
		t.Errorf("sources = %v, want one per writer", f.Evidence.Sources)
	}
}

// BenchmarkRecordFinding grows one finding of a distributed attack that
// already lists a thousand sources: the steady state of a long campaign.
func BenchmarkRecordFinding(b *testing.B) {
	s := openStore(b)
	attackers := make([]string, 1000)
	for i := range attackers {
		attackers[i] = fmt.Sprintf("198.51.%d.%d", i/250, 1+i%250)
	}
	spray := func(i int) monitor.Finding {
		return monitor.Finding{
			Rule: "vpn_spraying", Subject: "ssl-vpn@FGT60F", Severity: monitor.SeverityHigh, Count: 1,
			LastSeen: t0.Add(time.Duration(i) * time.Second),
			Evidence: monitor.Evidence{
				Sources: []string{attackers[i%len(attackers)]},
				Users:   []string{fmt.Sprintf("user%02d", i%40)},
				Samples: []string{fmt.Sprintf(`date=2026-11-03 logid="0101039426" action="ssl-login-fail" remip=%s user="user%02d"`, attackers[i%len(attackers)], i%40)},
				Counts:  map[string]int{"login_failure": 1},
			},
		}
	}
	campaign := spray(0)
	campaign.Evidence.Sources = attackers
	campaign.Evidence.Samples = samples(0, store.MaxSamples)
	mustRecord(b, s, campaign)

	i := 0
	for b.Loop() {
		i++
		mustRecord(b, s, spray(i))
	}
}

func TestFalsePositiveMarksOutliveRestartsAndRows(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	path := filepath.Join(t.TempDir(), "k.db")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	f := mustRecord(t, s, monitor.Finding{Rule: "beaconing", Subject: "192.168.1.20", Severity: monitor.SeverityMedium, Count: 30, LastSeen: t0})
	if err := s.SetFindingState(ctx, f.ID, monitor.StateFalsePositive); err != nil {
		t.Fatal(err)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.Suppressed(ctx)
	if want := []store.Suppression{{Rule: "beaconing", Subject: "192.168.1.20"}}; err != nil || !reflect.DeepEqual(got, want) {
		t.Fatalf("Suppressed() = %v, %v; want %v", got, err, want)
	}
	again := mustRecord(t, s, monitor.Finding{Rule: "beaconing", Subject: "192.168.1.20", Severity: monitor.SeverityHigh, Count: 8, LastSeen: t0.Add(48 * time.Hour)})
	if again.ID != 0 {
		t.Errorf("a false positive came back after a restart as finding %d", again.ID)
	}
	other := mustRecord(t, s, monitor.Finding{Rule: "beaconing", Subject: "192.168.1.21", Severity: monitor.SeverityHigh, Count: 8, LastSeen: t0})
	if other.ID == 0 {
		t.Error("another subject of the same rule was suppressed too")
	}
}

func TestResolveQuietFindings(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	quiet := mustRecord(t, s, monitor.Finding{Rule: "port_scan", Subject: "203.0.113.9", Severity: monitor.SeverityLow, Count: 40, LastSeen: t0})
	lively := mustRecord(t, s, monitor.Finding{Rule: "port_scan", Subject: "203.0.113.10", Severity: monitor.SeverityLow, Count: 40, LastSeen: t0.Add(6 * 24 * time.Hour)})
	mss := mustRecord(t, s, monitor.Finding{Rule: "mss_incident", Subject: "pc-12", Severity: monitor.SeverityHigh, Count: 1, LastSeen: t0, Origin: "acme-soc"})
	n, err := s.ResolveQuietFindings(ctx, monitor.OriginLocal, t0.Add(24*time.Hour))
	if err != nil || n != 1 {
		t.Fatalf("ResolveQuietFindings() = %d, %v; want 1", n, err)
	}
	for _, c := range []struct {
		id   int64
		want monitor.FindingState
	}{{quiet.ID, monitor.StateResolved}, {lively.ID, monitor.StateOpen}, {mss.ID, monitor.StateOpen}} {
		if got := mustFinding(t, s, c.id); got.State != c.want {
			t.Errorf("finding %d (%s) state = %s, want %s", c.id, got.Subject, got.State, c.want)
		}
	}
	// New evidence after resolution opens a new finding.
	next := mustRecord(t, s, monitor.Finding{Rule: "port_scan", Subject: "203.0.113.9", Severity: monitor.SeverityLow, Count: 30, LastSeen: t0.Add(9 * 24 * time.Hour)})
	if next.ID == quiet.ID || next.ID == 0 {
		t.Errorf("evidence after resolution: id %d, want a new finding", next.ID)
	}
}

func TestDetectAllowList(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	for _, v := range []string{"192.168.1.20", "backup.example.jp", "10.0.0.0/8"} {
		if err := s.AllowDetect(ctx, v, "test"); err != nil {
			t.Fatal(err)
		}
	}
	if ok, err := s.DisallowDetect(ctx, "10.0.0.0/8"); err != nil || !ok {
		t.Fatalf("DisallowDetect() = %v, %v; want true", ok, err)
	}
	if ok, err := s.DisallowDetect(ctx, "10.0.0.0/8"); err != nil || ok {
		t.Fatalf("DisallowDetect() again = %v, %v; want false", ok, err)
	}
	got, err := s.DetectAllowList(ctx)
	if want := []string{"192.168.1.20", "backup.example.jp"}; err != nil || !reflect.DeepEqual(got, want) {
		t.Errorf("DetectAllowList() = %v, %v; want %v", got, err, want)
	}
	if err := s.AllowDetect(ctx, "  ", ""); err == nil {
		t.Error("AllowDetect accepted an empty value")
	}
}
