package status_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata from the current output")

// now is the moment every light in these tests is computed for.
var now = time.Date(2026, 11, 5, 12, 0, 0, 0, time.UTC)

// finding is an active finding last seen ago before now, after an hour of
// activity. Its subject tells findings of one rule apart in reasons.
func finding(id int64, rule string, sev monitor.Severity, state monitor.FindingState, ago time.Duration) monitor.Finding {
	return monitor.Finding{
		ID: id, Rule: rule, Subject: fmt.Sprintf("203.0.113.%d", id), Severity: sev, State: state, Count: 10,
		FirstSeen: now.Add(-ago - time.Hour), LastSeen: now.Add(-ago), Origin: monitor.OriginLocal,
	}
}

// seen is a source using the default interval whose last line came ago
// before now.
func seen(name string, ago time.Duration) monitor.Source {
	return monitor.Source{Name: name, LastSeen: now.Add(-ago), Received: 5000}
}

// healthy keeps the light from being yellow for want of configuration.
var healthy = seen("FGT60F", time.Minute)

// summary is a reason in one line: level, code and what it is about.
func summary(r status.Reason) string {
	s := r.Level.String() + " " + r.Code
	for _, key := range []string{"subject", "name"} {
		if v, ok := r.Args[key]; ok {
			s += fmt.Sprintf(" %v", v)
		}
	}
	return s
}

func TestCompute(t *testing.T) {
	t.Parallel()
	const (
		bruteforce = "vpn_bruteforce"
		infected   = "infected_pc"
		scan       = "port_scan"
	)
	tests := []struct {
		name        string
		findings    []monitor.Finding
		sources     []monitor.Source
		wantLevel   monitor.Level
		wantReasons []string
	}{
		{
			name:        "fresh install is never green",
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow monitoring.not_configured"},
		},
		{
			name:        "findings without sources",
			findings:    []monitor.Finding{finding(1, infected, monitor.SeverityCritical, monitor.StateOpen, 0)},
			wantLevel:   monitor.LevelRed,
			wantReasons: []string{"red finding.infected_pc 203.0.113.1", "yellow monitoring.not_configured"},
		},
		{
			name:        "source seen recently",
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelGreen,
			wantReasons: []string{},
		},
		{
			name:        "source quiet exactly DefaultSilentAfter",
			sources:     []monitor.Source{seen("FGT60F", status.DefaultSilentAfter)},
			wantLevel:   monitor.LevelGreen,
			wantReasons: []string{},
		},
		{
			name:        "source quiet past DefaultSilentAfter",
			sources:     []monitor.Source{seen("FGT60F", status.DefaultSilentAfter+time.Second)},
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow source.silent FGT60F"},
		},
		{
			name:        "source within its own longer interval",
			sources:     []monitor.Source{{Name: "RTX1300", ExpectedInterval: 6 * time.Hour, LastSeen: now.Add(-5 * time.Hour)}},
			wantLevel:   monitor.LevelGreen,
			wantReasons: []string{},
		},
		{
			name:        "source quiet past its own interval",
			sources:     []monitor.Source{{Name: "FGT60F", ExpectedInterval: 10 * time.Minute, LastSeen: now.Add(-11 * time.Minute)}},
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow source.silent FGT60F"},
		},
		{
			name:        "source never seen",
			sources:     []monitor.Source{{Name: "FGT60F"}},
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow source.no_data FGT60F"},
		},
		{
			name:        "open high",
			findings:    []monitor.Finding{finding(1, bruteforce, monitor.SeverityHigh, monitor.StateOpen, 0)},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelRed,
			wantReasons: []string{"red finding.vpn_bruteforce 203.0.113.1"},
		},
		{
			name:        "open critical",
			findings:    []monitor.Finding{finding(1, infected, monitor.SeverityCritical, monitor.StateOpen, 0)},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelRed,
			wantReasons: []string{"red finding.infected_pc 203.0.113.1"},
		},
		{
			name:        "acknowledged high",
			findings:    []monitor.Finding{finding(1, bruteforce, monitor.SeverityHigh, monitor.StateAcknowledged, 0)},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow finding.vpn_bruteforce 203.0.113.1"},
		},
		{
			name:        "acknowledged critical",
			findings:    []monitor.Finding{finding(1, infected, monitor.SeverityCritical, monitor.StateAcknowledged, 0)},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow finding.infected_pc 203.0.113.1"},
		},
		{
			name:        "open medium",
			findings:    []monitor.Finding{finding(1, scan, monitor.SeverityMedium, monitor.StateOpen, 0)},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelYellow,
			wantReasons: []string{"yellow finding.port_scan 203.0.113.1"},
		},
		{
			name:        "acknowledged medium",
			findings:    []monitor.Finding{finding(1, scan, monitor.SeverityMedium, monitor.StateAcknowledged, 0)},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelGreen,
			wantReasons: []string{},
		},
		{
			name: "low and info",
			findings: []monitor.Finding{
				finding(1, scan, monitor.SeverityLow, monitor.StateOpen, 0),
				finding(2, scan, monitor.SeverityInfo, monitor.StateOpen, 0),
				finding(3, scan, monitor.SeverityLow, monitor.StateAcknowledged, 0),
			},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelGreen,
			wantReasons: []string{},
		},
		{
			name: "resolved and false positive",
			findings: []monitor.Finding{
				finding(1, infected, monitor.SeverityCritical, monitor.StateResolved, 0),
				finding(2, bruteforce, monitor.SeverityHigh, monitor.StateFalsePositive, 0),
				finding(3, scan, monitor.SeverityMedium, monitor.StateResolved, 0),
			},
			sources:     []monitor.Source{healthy},
			wantLevel:   monitor.LevelGreen,
			wantReasons: []string{},
		},
		{
			name: "only yellow reasons",
			findings: []monitor.Finding{
				finding(1, scan, monitor.SeverityMedium, monitor.StateOpen, 0),
				finding(2, bruteforce, monitor.SeverityHigh, monitor.StateAcknowledged, 0),
			},
			sources:   []monitor.Source{{Name: "RTX1300"}, healthy},
			wantLevel: monitor.LevelYellow,
			wantReasons: []string{
				"yellow finding.vpn_bruteforce 203.0.113.2",
				"yellow finding.port_scan 203.0.113.1",
				"yellow source.no_data RTX1300",
			},
		},
		{
			name: "worst first, then severity, recency, id and source name",
			findings: []monitor.Finding{
				finding(1, scan, monitor.SeverityMedium, monitor.StateOpen, 3*time.Hour),
				finding(2, bruteforce, monitor.SeverityHigh, monitor.StateAcknowledged, 0),
				finding(3, bruteforce, monitor.SeverityHigh, monitor.StateOpen, 2*time.Hour),
				finding(4, scan, monitor.SeverityMedium, monitor.StateOpen, time.Hour),
				finding(5, infected, monitor.SeverityCritical, monitor.StateOpen, 5*time.Hour),
				finding(6, bruteforce, monitor.SeverityHigh, monitor.StateOpen, time.Minute),
				finding(7, scan, monitor.SeverityLow, monitor.StateOpen, 0),
				finding(8, bruteforce, monitor.SeverityHigh, monitor.StateOpen, time.Minute),
			},
			sources: []monitor.Source{
				seen("YAMAHA", 3*time.Hour),
				healthy,
				{Name: "ASA5506"},
				seen("BACKUP-FW", 4*time.Hour),
			},
			wantLevel: monitor.LevelRed,
			wantReasons: []string{
				"red finding.infected_pc 203.0.113.5",
				"red finding.vpn_bruteforce 203.0.113.6",
				"red finding.vpn_bruteforce 203.0.113.8",
				"red finding.vpn_bruteforce 203.0.113.3",
				"yellow finding.vpn_bruteforce 203.0.113.2",
				"yellow finding.port_scan 203.0.113.4",
				"yellow finding.port_scan 203.0.113.1",
				"yellow source.no_data ASA5506",
				"yellow source.silent BACKUP-FW",
				"yellow source.silent YAMAHA",
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			in := status.Input{Now: now, Findings: slices.Clone(tt.findings), Sources: slices.Clone(tt.sources)}
			st := status.Compute(in)
			if st.Level != tt.wantLevel {
				t.Errorf("Level = %v, want %v", st.Level, tt.wantLevel)
			}
			got := []string{}
			for _, r := range st.Reasons {
				got = append(got, summary(r))
			}
			if !reflect.DeepEqual(got, tt.wantReasons) {
				t.Errorf("reasons:\n%q\nwant\n%q", got, tt.wantReasons)
			}
			if !reflect.DeepEqual(in.Findings, tt.findings) || !reflect.DeepEqual(in.Sources, tt.sources) {
				t.Error("Compute reordered or changed its input")
			}
		})
	}
}

func TestComputeFindingArgs(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*60*60)
	tests := []struct {
		name     string
		severity monitor.Severity
		state    monitor.FindingState
		want     monitor.Level
	}{
		{"open high", monitor.SeverityHigh, monitor.StateOpen, monitor.LevelRed},
		{"open critical", monitor.SeverityCritical, monitor.StateOpen, monitor.LevelRed},
		{"acknowledged high", monitor.SeverityHigh, monitor.StateAcknowledged, monitor.LevelYellow},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := monitor.Finding{
				ID: 42, Rule: "vpn_bruteforce", Subject: "ssl-vpn@FGT60F", Severity: tt.severity, Count: 312,
				FirstSeen: time.Date(2026, 11, 3, 9, 0, 0, 750_000_000, jst),
				LastSeen:  time.Date(2026, 11, 5, 20, 30, 15, 0, jst),
				Origin:    "ExampleMSS", State: tt.state,
			}
			st := status.Compute(status.Input{Now: now, Findings: []monitor.Finding{f}, Sources: []monitor.Source{healthy}})
			want := []status.Reason{{Code: "finding.vpn_bruteforce", Level: tt.want, Args: map[string]any{
				"id":         int64(42),
				"rule":       "vpn_bruteforce",
				"subject":    "ssl-vpn@FGT60F",
				"severity":   tt.severity.String(),
				"count":      312,
				"first_seen": "2026-11-03T00:00:00Z",
				"last_seen":  "2026-11-05T11:30:15Z",
				"origin":     "ExampleMSS",
				"state":      string(tt.state),
			}}}
			if !reflect.DeepEqual(st.Reasons, want) {
				t.Errorf("reasons =\n%#v\nwant\n%#v", st.Reasons, want)
			}
		})
	}
}

func TestComputeSourceReasonArgs(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*60*60)
	tests := []struct {
		name string
		src  monitor.Source
		want status.Reason
	}{
		{
			name: "silent past the default",
			src:  monitor.Source{Name: "FGT60F", LastSeen: now.Add(-(3*time.Hour + 20*time.Minute + 30*time.Second + 700*time.Millisecond)).In(jst)},
			want: status.Reason{Code: status.CodeSourceSilent, Level: monitor.LevelYellow, Args: map[string]any{
				"name": "FGT60F", "last_seen": "2026-11-05T08:39:29Z", "silent_for_s": int64(12030),
			}},
		},
		{
			name: "silent past its own interval",
			src:  monitor.Source{Name: "RTX1300", ExpectedInterval: 5 * time.Minute, LastSeen: now.Add(-6 * time.Minute)},
			want: status.Reason{Code: status.CodeSourceSilent, Level: monitor.LevelYellow, Args: map[string]any{
				"name": "RTX1300", "last_seen": "2026-11-05T11:54:00Z", "silent_for_s": int64(360),
			}},
		},
		{
			name: "never seen",
			src:  monitor.Source{Name: "ASA5506", ExpectedInterval: time.Minute},
			want: status.Reason{Code: status.CodeSourceNoData, Level: monitor.LevelYellow, Args: map[string]any{"name": "ASA5506"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := status.Compute(status.Input{Now: now, Sources: []monitor.Source{tt.src}})
			if want := []status.Reason{tt.want}; !reflect.DeepEqual(st.Reasons, want) {
				t.Errorf("reasons =\n%#v\nwant\n%#v", st.Reasons, want)
			}
		})
	}
}

func TestComputeSourceHealth(t *testing.T) {
	t.Parallel()
	jst := time.FixedZone("JST", 9*60*60)
	lastSeen := time.Date(2026, 11, 5, 20, 59, 0, 0, jst)
	st := status.Compute(status.Input{Now: now, Sources: []monitor.Source{
		{Name: "RTX1300"},
		{Name: "FGT60F", LastSeen: lastSeen, Received: 98765, Dropped: map[string]int64{"queue_full": 12, "not_allowed": 3}},
	}})
	utc := lastSeen.UTC()
	want := []status.SourceHealth{
		{Name: "FGT60F", LastSeen: &utc, Received: 98765, Dropped: map[string]int64{"queue_full": 12, "not_allowed": 3}},
		{Name: "RTX1300", Dropped: map[string]int64{}},
	}
	if !reflect.DeepEqual(st.Sources, want) {
		t.Errorf("Sources =\n%+v\nwant\n%+v", st.Sources, want)
	}
}

// TestStatusJSON holds the JSON of a few representative lights, as
// `kizuki status --json` prints them, in testdata/<case>.json. Run with
// -update to rewrite them after an intended change.
func TestStatusJSON(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		in   status.Input
	}{
		{"fresh_install", status.Input{Now: now}},
		{"green", status.Input{
			Now: now,
			Findings: []monitor.Finding{
				finding(3, "port_scan", monitor.SeverityLow, monitor.StateOpen, time.Hour),
				finding(4, "port_scan", monitor.SeverityMedium, monitor.StateAcknowledged, time.Hour),
			},
			Sources: []monitor.Source{
				{Name: "FGT60F", Vendor: monitor.VendorFortiGate, LastSeen: now.Add(-40 * time.Second), Received: 1234567,
					Dropped: map[string]int64{"queue_full": 12}},
				{Name: "RTX1300", Vendor: monitor.VendorYamahaRTX, ExpectedInterval: 6 * time.Hour, LastSeen: now.Add(-4 * time.Hour), Received: 812},
			},
		}},
		{"yellow", status.Input{
			Now: now,
			Findings: []monitor.Finding{
				finding(5, "vpn_bruteforce", monitor.SeverityHigh, monitor.StateAcknowledged, 30*time.Minute),
			},
			Sources: []monitor.Source{
				{Name: "FGT60F", LastSeen: now.Add(-3 * time.Hour), Received: 40210},
			},
		}},
		{"red", status.Input{
			Now: now,
			Findings: []monitor.Finding{
				finding(11, "port_scan", monitor.SeverityMedium, monitor.StateOpen, 2*time.Hour),
				{
					ID: 12, Rule: "vpn_spraying", Subject: "ssl-vpn@FGT60F", Severity: monitor.SeverityHigh, Count: 4210,
					FirstSeen: now.Add(-72 * time.Hour), LastSeen: now.Add(-5 * time.Minute),
					Evidence: monitor.Evidence{Sources: []string{"198.51.100.1", "198.51.100.2"}},
					Origin:   monitor.OriginLocal, State: monitor.StateOpen, Playbook: "vpn_bruteforce",
				},
				{
					ID: 13, Rule: "mss_incident", Subject: "192.168.1.23", Severity: monitor.SeverityCritical, Count: 1,
					FirstSeen: now.Add(-20 * time.Minute), LastSeen: now.Add(-20 * time.Minute),
					Origin: "ExampleMSS", State: monitor.StateOpen,
				},
			},
			Sources: []monitor.Source{
				{Name: "FGT60F", LastSeen: now.Add(-time.Minute), Received: 1234567, Dropped: map[string]int64{"not_allowed": 2}},
				{Name: "ASA5506"},
			},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			got, err := json.MarshalIndent(status.Compute(tt.in), "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			path := filepath.Join("testdata", tt.name+".json")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs (run with -update if intended); got:\n%s", path, got)
			}
		})
	}
}

func TestLoadFromStore(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "kizuki.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })

	fresh, err := status.Load(ctx, st, now)
	if err != nil {
		t.Fatal(err)
	}
	if fresh.Level != monitor.LevelYellow || len(fresh.Reasons) != 1 || fresh.Reasons[0].Code != status.CodeNotConfigured {
		t.Errorf("fresh store: %+v, want yellow for %s only", fresh, status.CodeNotConfigured)
	}

	if err := st.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate}); err != nil {
		t.Fatal(err)
	}
	if err := st.MarkReceived(ctx, "FGT60F", 500, now.Add(-time.Minute)); err != nil {
		t.Fatal(err)
	}
	attack, err := st.RecordFinding(ctx, monitor.Finding{
		Rule: "vpn_bruteforce", Subject: "203.0.113.7", Severity: monitor.SeverityHigh, Count: 120,
		FirstSeen: now.Add(-time.Hour), LastSeen: now.Add(-2 * time.Minute),
	})
	if err != nil {
		t.Fatal(err)
	}
	old, err := st.RecordFinding(ctx, monitor.Finding{
		Rule: "infected_pc", Subject: "192.168.1.23", Severity: monitor.SeverityCritical, Count: 1, LastSeen: now.Add(-48 * time.Hour),
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.SetFindingState(ctx, old.ID, monitor.StateResolved); err != nil {
		t.Fatal(err)
	}

	got, err := status.Load(ctx, st, now)
	if err != nil {
		t.Fatal(err)
	}
	if got.Level != monitor.LevelRed {
		t.Errorf("Level = %v, want red", got.Level)
	}
	if len(got.Reasons) != 1 {
		t.Fatalf("reasons = %+v, want only the open attack", got.Reasons)
	}
	if r := got.Reasons[0]; r.Code != "finding.vpn_bruteforce" || r.Args["id"] != attack.ID || r.Args["count"] != 120 {
		t.Errorf("reason = %+v, want finding.vpn_bruteforce for finding %d with count 120", r, attack.ID)
	}
	if len(got.Sources) != 1 || got.Sources[0].Name != "FGT60F" || got.Sources[0].Received != 500 {
		t.Errorf("sources = %+v, want FGT60F with 500 lines", got.Sources)
	}
}

// failingReader fails the call named by fail.
type failingReader struct{ fail string }

var errDisk = errors.New("disk I/O error")

func (r failingReader) ActiveFindings(context.Context) ([]monitor.Finding, error) {
	if r.fail == "findings" {
		return nil, errDisk
	}
	return nil, nil
}

func (r failingReader) Sources(context.Context) ([]monitor.Source, error) {
	if r.fail == "sources" {
		return nil, errDisk
	}
	return nil, nil
}

func (r failingReader) CollectorDrops(context.Context) (map[string]int64, error) {
	if r.fail == "drops" {
		return nil, errDisk
	}
	return nil, nil
}

func (r failingReader) MSSHealth(context.Context) (*monitor.MSSHealth, error) {
	if r.fail == "mss" {
		return nil, errDisk
	}
	return nil, nil
}

func (r failingReader) StorageHealth(context.Context) (*monitor.StorageHealth, error) {
	if r.fail == "storage" {
		return nil, errDisk
	}
	return nil, nil
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	for _, fail := range []string{"findings", "sources", "drops", "mss", "storage"} {
		if _, err := status.Load(t.Context(), failingReader{fail}, now); !errors.Is(err, errDisk) {
			t.Errorf("Load with failing %s: error = %v, want it to wrap %v", fail, err, errDisk)
		}
	}
}

// BenchmarkCompute computes the light of a busy office: 1000 active
// findings, 50 sources, some silent.
func BenchmarkCompute(b *testing.B) {
	in := status.Input{Now: now}
	rules := []string{"vpn_bruteforce", "port_scan", "beaconing", "infected_pc", "ti_match"}
	states := []monitor.FindingState{monitor.StateOpen, monitor.StateAcknowledged}
	for i := range 1000 {
		in.Findings = append(in.Findings, finding(int64(i+1), rules[i%len(rules)], monitor.Severity(i%5), states[i%2], time.Duration(i)*time.Minute))
	}
	for i := range 50 {
		in.Sources = append(in.Sources, seen(fmt.Sprintf("FW-%02d", 49-i), time.Duration(i)*10*time.Minute))
	}
	b.ReportAllocs()
	for b.Loop() {
		status.Compute(in)
	}
}

func TestSourceRateOnlyWhileFresh(t *testing.T) {
	t.Parallel()
	src := monitor.Source{Name: "FGT60F", LastSeen: now.Add(-time.Minute), RatePerMin: 123.456}
	tests := []struct {
		rateAt time.Time
		want   float64
	}{
		{now.Add(-30 * time.Second), 123.5},
		{now.Add(-10 * time.Minute), 0}, // the collector stopped measuring
		{time.Time{}, 0},
	}
	for _, tt := range tests {
		src.RateAt = tt.rateAt
		st := status.Compute(status.Input{Now: now, Sources: []monitor.Source{src}})
		if got := st.Sources[0].Rate; got != tt.want {
			t.Errorf("rate measured at %v: %v, want %v", tt.rateAt, got, tt.want)
		}
	}
}

func TestComputeMSS(t *testing.T) {
	t.Parallel()
	enrolled := now.Add(-30 * 24 * time.Hour)
	tests := []struct {
		name        string
		mss         *monitor.MSSHealth
		wantReasons []string
	}{
		{name: "not enrolled", wantReasons: []string{}},
		{
			name:        "heard from recently",
			mss:         &monitor.MSSHealth{Provider: "SOC", Enrolled: enrolled, LastContact: now.Add(-time.Minute)},
			wantReasons: []string{},
		},
		{
			name:        "just enrolled, not heard from yet",
			mss:         &monitor.MSSHealth{Provider: "SOC", Enrolled: now.Add(-time.Minute)},
			wantReasons: []string{},
		},
		{
			name:        "enrolled, never heard from",
			mss:         &monitor.MSSHealth{Provider: "SOC", Enrolled: now.Add(-status.MSSUnreachableAfter - time.Second)},
			wantReasons: []string{"yellow mss.unreachable SOC"},
		},
		{
			name:        "quiet exactly MSSUnreachableAfter",
			mss:         &monitor.MSSHealth{Provider: "SOC", Enrolled: enrolled, LastContact: now.Add(-status.MSSUnreachableAfter)},
			wantReasons: []string{},
		},
		{
			name:        "quiet past MSSUnreachableAfter",
			mss:         &monitor.MSSHealth{Provider: "SOC", Enrolled: enrolled, LastContact: now.Add(-status.MSSUnreachableAfter - time.Second)},
			wantReasons: []string{"yellow mss.unreachable SOC"},
		},
		{
			name: "refusals within a day, in the order of RejectReasons",
			mss: &monitor.MSSHealth{Provider: "SOC", Enrolled: enrolled, LastContact: now, Rejects: map[string]monitor.MSSReject{
				monitor.RejectInvalidOCSF:  {Count: 1, Last: now.Add(-time.Hour)},
				monitor.RejectBadSignature: {Count: 3, Last: now.Add(-status.MSSRejectFor)},
				monitor.RejectStale:        {Count: 2, Last: now.Add(-status.MSSRejectFor - time.Second)},
			}},
			wantReasons: []string{"yellow mss.bad_signature SOC", "yellow mss.invalid_ocsf SOC"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			st := status.Compute(status.Input{Now: now, Sources: []monitor.Source{healthy}, MSS: tt.mss})
			got := []string{}
			for _, r := range st.Reasons {
				s := r.Level.String() + " " + r.Code
				if p, ok := r.Args["provider"]; ok {
					s += fmt.Sprintf(" %v", p)
				}
				got = append(got, s)
			}
			if !slices.Equal(got, tt.wantReasons) {
				t.Errorf("reasons = %q, want %q", got, tt.wantReasons)
			}
			wantLevel := monitor.LevelGreen
			if len(tt.wantReasons) > 0 {
				wantLevel = monitor.LevelYellow
			}
			if st.Level != wantLevel {
				t.Errorf("level = %v, want %v", st.Level, wantLevel)
			}
		})
	}
}

func TestComputeStorage(t *testing.T) {
	t.Parallel()
	const mib = 1 << 20
	src := seen("FGT60F", time.Minute)
	tests := []struct {
		name    string
		storage *monitor.StorageHealth
		want    []string
	}{
		{"not measured", nil, nil},
		{"plenty of room", &monitor.StorageHealth{DBBytes: 100 * mib, LimitBytes: 4096 * mib, FreeBytes: 50000 * mib}, nil},
		{"just under the share", &monitor.StorageHealth{DBBytes: 3686 * mib, LimitBytes: 4096 * mib, FreeBytes: 50000 * mib}, nil},
		{"near the cap", &monitor.StorageHealth{DBBytes: 3700 * mib, LimitBytes: 4096 * mib, FreeBytes: 50000 * mib}, []string{status.CodeStorageNear}},
		{"no cap", &monitor.StorageHealth{DBBytes: 9000 * mib, FreeBytes: 50000 * mib}, nil},
		{"disk nearly full", &monitor.StorageHealth{DBBytes: 10 * mib, LimitBytes: 4096 * mib, FreeBytes: 99 * mib}, []string{status.CodeDiskFull}},
		{"free space unknown", &monitor.StorageHealth{DBBytes: 10 * mib, LimitBytes: 4096 * mib, FreeBytes: -1}, nil},
		{"both", &monitor.StorageHealth{DBBytes: 4096 * mib, LimitBytes: 4096 * mib, FreeBytes: 0}, []string{status.CodeStorageNear, status.CodeDiskFull}},
	}
	for _, tt := range tests {
		st := status.Compute(status.Input{Now: now, Sources: []monitor.Source{src}, Storage: tt.storage})
		var got []string
		for _, r := range st.Reasons {
			got = append(got, r.Code)
		}
		wantLevel := monitor.LevelGreen
		if len(tt.want) > 0 {
			wantLevel = monitor.LevelYellow
		}
		if !slices.Equal(got, tt.want) || st.Level != wantLevel {
			t.Errorf("%s: reasons %v, level %v; want %v, %v", tt.name, got, st.Level, tt.want, wantLevel)
		}
	}
	st := status.Compute(status.Input{Now: now, Sources: []monitor.Source{src},
		Storage: &monitor.StorageHealth{DBBytes: 3900 * mib, LimitBytes: 4096 * mib, FreeBytes: 42 * mib}})
	want := []status.Reason{
		{Code: status.CodeStorageNear, Level: monitor.LevelYellow, Args: map[string]any{"used_mb": int64(3900), "limit_mb": int64(4096), "percent": 95}},
		{Code: status.CodeDiskFull, Level: monitor.LevelYellow, Args: map[string]any{"free_mb": int64(42)}},
	}
	if !reflect.DeepEqual(st.Reasons, want) {
		t.Errorf("storage reasons = %#v, want %#v", st.Reasons, want)
	}
}
