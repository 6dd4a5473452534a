package monitor_test

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

func TestSeverityText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		sev  monitor.Severity
		name string
	}{
		{monitor.SeverityInfo, "info"},
		{monitor.SeverityLow, "low"},
		{monitor.SeverityMedium, "medium"},
		{monitor.SeverityHigh, "high"},
		{monitor.SeverityCritical, "critical"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.sev.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			parsed, err := monitor.ParseSeverity(tt.name)
			if err != nil || parsed != tt.sev {
				t.Errorf("ParseSeverity(%q) = %v, %v; want %v", tt.name, parsed, err, tt.sev)
			}

			type doc struct {
				Severity monitor.Severity `json:"severity"`
			}
			b, err := json.Marshal(doc{tt.sev})
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			if want := `{"severity":"` + tt.name + `"}`; string(b) != want {
				t.Errorf("marshal = %s, want %s", b, want)
			}
			back := doc{Severity: monitor.SeverityCritical + 1}
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", b, err)
			}
			if back.Severity != tt.sev {
				t.Errorf("round trip = %v, want %v", back.Severity, tt.sev)
			}
		})
	}
}

func TestLevelText(t *testing.T) {
	t.Parallel()
	tests := []struct {
		level monitor.Level
		name  string
	}{
		{monitor.LevelGreen, "green"},
		{monitor.LevelYellow, "yellow"},
		{monitor.LevelRed, "red"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.level.String(); got != tt.name {
				t.Errorf("String() = %q, want %q", got, tt.name)
			}
			parsed, err := monitor.ParseLevel(tt.name)
			if err != nil || parsed != tt.level {
				t.Errorf("ParseLevel(%q) = %v, %v; want %v", tt.name, parsed, err, tt.level)
			}

			b, err := json.Marshal(map[string]monitor.Level{"level": tt.level})
			if err != nil {
				t.Fatalf("marshal: %v", err)
			}
			if want := `{"level":"` + tt.name + `"}`; string(b) != want {
				t.Errorf("marshal = %s, want %s", b, want)
			}
			var back map[string]monitor.Level
			if err := json.Unmarshal(b, &back); err != nil {
				t.Fatalf("unmarshal %s: %v", b, err)
			}
			if back["level"] != tt.level {
				t.Errorf("round trip = %v, want %v", back["level"], tt.level)
			}
		})
	}
}

func TestParseSeverityErrors(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"", "HIGH", "High", " high", "high ", "severe", "0", "severity(3)"} {
		if got, err := monitor.ParseSeverity(name); err == nil {
			t.Errorf("ParseSeverity(%q) = %v, want an error", name, got)
		} else if !strings.Contains(err.Error(), "unknown severity") {
			t.Errorf("ParseSeverity(%q) error = %q, want it to say unknown severity", name, err)
		}
	}
}

func TestParseLevelErrors(t *testing.T) {
	t.Parallel()
	for _, name := range []string{"", "RED", "Red", "amber", "orange", "1", " green"} {
		if got, err := monitor.ParseLevel(name); err == nil {
			t.Errorf("ParseLevel(%q) = %v, want an error", name, got)
		} else if !strings.Contains(err.Error(), "unknown level") {
			t.Errorf("ParseLevel(%q) error = %q, want it to say unknown level", name, err)
		}
	}
}

func TestUnmarshalRejectsUnknownNames(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		json string
		into any
	}{
		{"severity name", `"severe"`, new(monitor.Severity)},
		{"severity number", `3`, new(monitor.Severity)},
		{"severity upper case", `"HIGH"`, new(monitor.Severity)},
		{"level name", `"amber"`, new(monitor.Level)},
		{"level number", `2`, new(monitor.Level)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if err := json.Unmarshal([]byte(tt.json), tt.into); err == nil {
				t.Errorf("unmarshal %s into %T: no error", tt.json, tt.into)
			}
		})
	}
}

func TestUnmarshalTextErrorKeepsValue(t *testing.T) {
	t.Parallel()
	sev := monitor.SeverityHigh
	if err := sev.UnmarshalText([]byte("nope")); err == nil {
		t.Error("Severity.UnmarshalText(nope): no error")
	}
	if sev != monitor.SeverityHigh {
		t.Errorf("severity after failed unmarshal = %v, want high", sev)
	}
	level := monitor.LevelYellow
	if err := level.UnmarshalText([]byte("nope")); err == nil {
		t.Error("Level.UnmarshalText(nope): no error")
	}
	if level != monitor.LevelYellow {
		t.Errorf("level after failed unmarshal = %v, want yellow", level)
	}
}

func TestOutOfRangeValues(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		value interface {
			String() string
			MarshalText() ([]byte, error)
		}
		str string
	}{
		{"severity -1", monitor.Severity(-1), "severity(-1)"},
		{"severity 5", monitor.SeverityCritical + 1, "severity(5)"},
		{"level -1", monitor.Level(-1), "level(-1)"},
		{"level 3", monitor.LevelRed + 1, "level(3)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if got := tt.value.String(); got != tt.str {
				t.Errorf("String() = %q, want %q", got, tt.str)
			}
			if b, err := tt.value.MarshalText(); err == nil {
				t.Errorf("MarshalText() = %q, want an error", b)
			}
			if b, err := json.Marshal(tt.value); err == nil {
				t.Errorf("json.Marshal = %s, want an error", b)
			}
		})
	}
}

func TestOrdering(t *testing.T) {
	t.Parallel()
	severities := []monitor.Severity{
		monitor.SeverityInfo, monitor.SeverityLow, monitor.SeverityMedium, monitor.SeverityHigh, monitor.SeverityCritical,
	}
	for i := 1; i < len(severities); i++ {
		if severities[i-1] >= severities[i] {
			t.Errorf("severity %v is not below %v", severities[i-1], severities[i])
		}
	}
	levels := []monitor.Level{monitor.LevelGreen, monitor.LevelYellow, monitor.LevelRed}
	for i := 1; i < len(levels); i++ {
		if levels[i-1] >= levels[i] {
			t.Errorf("level %v is not below %v", levels[i-1], levels[i])
		}
	}
	var zeroSeverity monitor.Severity
	var zeroLevel monitor.Level
	if zeroSeverity != monitor.SeverityInfo || zeroLevel != monitor.LevelGreen {
		t.Errorf("zero values = %v, %v; want info, green", zeroSeverity, zeroLevel)
	}
}

func TestFindingStateActive(t *testing.T) {
	t.Parallel()
	tests := []struct {
		state monitor.FindingState
		want  bool
	}{
		{monitor.StateOpen, true},
		{monitor.StateAcknowledged, true},
		{monitor.StateResolved, false},
		{monitor.StateFalsePositive, false},
		{"", false},
		{"OPEN", false},
		{"closed", false},
	}
	for _, tt := range tests {
		if got := tt.state.Active(); got != tt.want {
			t.Errorf("FindingState(%q).Active() = %v, want %v", tt.state, got, tt.want)
		}
	}
}

func TestFindingJSON(t *testing.T) {
	t.Parallel()
	f := monitor.Finding{
		ID:        42,
		Rule:      "vpn_bruteforce",
		Severity:  monitor.SeverityHigh,
		Subject:   "203.0.113.7",
		FirstSeen: time.Date(2026, 11, 3, 1, 2, 3, 0, time.UTC),
		LastSeen:  time.Date(2026, 11, 5, 4, 5, 6, 0, time.UTC),
		Count:     310,
		Evidence: monitor.Evidence{
			Sources: []string{"203.0.113.7"},
			Users:   []string{"admin", "tanaka"},
			Samples: []string{"date=2026-11-03 ... action=ssl-login-fail"},
			Counts:  map[string]int{"login_failure": 310},
		},
		Origin: monitor.OriginLocal,
		State:  monitor.StateAcknowledged,
	}
	b, err := json.Marshal(f)
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"id":42,"rule":"vpn_bruteforce","severity":"high","subject":"203.0.113.7",` +
		`"first_seen":"2026-11-03T01:02:03Z","last_seen":"2026-11-05T04:05:06Z","count":310,` +
		`"evidence":{"sources":["203.0.113.7"],"users":["admin","tanaka"],` +
		`"samples":["date=2026-11-03 ... action=ssl-login-fail"],"counts":{"login_failure":310}},` +
		`"origin":"local","state":"acknowledged"}`
	if string(b) != want {
		t.Errorf("json =\n%s\nwant\n%s", b, want)
	}
	var back monitor.Finding
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(back, f) {
		t.Errorf("round trip =\n%+v\nwant\n%+v", back, f)
	}
}
