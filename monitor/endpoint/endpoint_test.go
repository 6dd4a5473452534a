package endpoint_test

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/endpoint/endpointtest"
)

var update = flag.Bool("update", false, "rewrite testdata/*/want.json from the current results")

// now is 10:00 in Tokyo on 23 November 2026, the fixtures' present.
var now = time.Date(2026, 11, 23, 10, 0, 0, 0, time.FixedZone("JST", 9*60*60))

// beacons are the destinations of a beaconing finding that the fixtures
// share: the notification-spam site of the seed's second incident.
var beacons = []string{"cdn.push-news.top", "203.0.113.80"}

func loadCase(t testing.TB, dir string) endpoint.System {
	t.Helper()
	sys, err := endpointtest.Case(dir, now)
	if err != nil {
		t.Fatal(err)
	}
	sys.Beacons = beacons
	return sys
}

// TestCases runs every check against each recorded PC in testdata/ and
// compares the results and findings with want.json.
func TestCases(t *testing.T) {
	t.Parallel()
	dirs, err := filepath.Glob("testdata/*/commands.txt")
	if err != nil || len(dirs) == 0 {
		t.Fatalf("no cases in testdata: %v", err)
	}
	for _, c := range dirs {
		dir := filepath.Dir(c)
		t.Run(filepath.Base(dir), func(t *testing.T) {
			t.Parallel()
			report := endpoint.Run(context.Background(), loadCase(t, dir))
			got, err := json.MarshalIndent(report, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			want := filepath.Join(dir, "want.json")
			if *update {
				if err := os.WriteFile(want, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			w, err := os.ReadFile(want)
			if err != nil {
				t.Fatalf("%v (run go test -update to write it)", err)
			}
			if !bytes.Equal(got, w) {
				t.Errorf("%s differs from the results:\n%s\n(go test -update rewrites it)", want, got)
			}
		})
	}
}

// TestCaseInvariants holds for every case whatever want.json says: one
// result per check in order, known statuses, summaries named after their
// check, and findings only with a bad result.
func TestCaseInvariants(t *testing.T) {
	t.Parallel()
	dirs, _ := filepath.Glob("testdata/*/commands.txt")
	for _, c := range dirs {
		report := endpoint.Run(context.Background(), loadCase(t, filepath.Dir(c)))
		if len(report.Results) != len(endpoint.Checks) {
			t.Fatalf("%s: %d results for %d checks", c, len(report.Results), len(endpoint.Checks))
		}
		bad := map[string]bool{}
		for i, r := range report.Results {
			if r.Check != endpoint.Checks[i] {
				t.Errorf("%s: result %d is %q, want %q", c, i, r.Check, endpoint.Checks[i])
			}
			if _, err := monitor.ParseCheckStatus(string(r.Status)); err != nil {
				t.Errorf("%s: %v", c, err)
			}
			if len(r.Summary) <= len(r.Check) || r.Summary[:len(r.Check)+1] != r.Check+"." {
				t.Errorf("%s: summary %q is not under %q", c, r.Summary, r.Check)
			}
			if !r.CheckedAt.Equal(now) {
				t.Errorf("%s: checked at %v, want the injected clock", c, r.CheckedAt)
			}
			bad[r.Check] = r.Status == monitor.CheckBad
		}
		for _, f := range report.Findings {
			check := map[string]string{endpoint.RuleAntivirus: endpoint.CheckAntivirus, endpoint.RuleNotification: endpoint.CheckNotifications}[f.Rule]
			if !bad[check] {
				t.Errorf("%s: finding %s/%s but the %s check is not bad", c, f.Rule, f.Subject, check)
			}
			if f.Playbook != f.Rule || f.Subject == "" || f.Severity != monitor.SeverityHigh {
				t.Errorf("%s: finding %+v", c, f)
			}
		}
	}
}

// BenchmarkRun measures one whole run of the checks over the busiest
// recorded PC (three Chrome and Firefox profiles, a policy, seven
// commands): what the app pays once a day.
func BenchmarkRun(b *testing.B) {
	sys := loadCase(b, "testdata/linux-risky")
	ctx := context.Background()
	b.ReportAllocs()
	for b.Loop() {
		if r := endpoint.Run(ctx, sys); len(r.Results) != len(endpoint.Checks) {
			b.Fatal("missing results")
		}
	}
}
