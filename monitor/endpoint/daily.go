package endpoint

import (
	"context"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Interval is how often the app runs the checks again.
const Interval = 24 * time.Hour

// ruleBeaconing is the detection rule whose destinations the notification
// check compares against.
const ruleBeaconing = "beaconing"

// Store is where the checks' results and findings are kept; the
// database (monitor/store) is one.
type Store interface {
	ActiveFindings(ctx context.Context) ([]monitor.Finding, error)
	RecordFinding(ctx context.Context, f monitor.Finding) (monitor.Finding, error)
	PutCheckResults(ctx context.Context, results []monitor.CheckResult) error
	LastCheckRun(ctx context.Context) (time.Time, error)
}

// Beacons returns the destinations of the active beaconing findings.
func Beacons(ctx context.Context, st Store) ([]string, error) {
	fs, err := st.ActiveFindings(ctx)
	if err != nil {
		return nil, fmt.Errorf("read beaconing findings: %w", err)
	}
	var out []string
	for _, f := range fs {
		if f.Rule == ruleBeaconing {
			out = append(out, f.Evidence.Destinations...)
		}
	}
	return out, nil
}

// RecordFindings stores the report's findings.
func RecordFindings(ctx context.Context, st Store, r Report) error {
	for _, f := range r.Findings {
		if _, err := st.RecordFinding(ctx, f); err != nil {
			return fmt.Errorf("record %s finding: %w", f.Rule, err)
		}
	}
	return nil
}

// RunAndStore runs every check of sys against the beaconing destinations
// the store knows, and stores the results and the findings.
func RunAndStore(ctx context.Context, sys System, st Store) (Report, error) {
	beacons, err := Beacons(ctx, st)
	if err != nil {
		return Report{}, err
	}
	sys.Beacons = append(sys.Beacons, beacons...)
	r := Run(ctx, sys)
	if err := st.PutCheckResults(ctx, r.Results); err != nil {
		return r, fmt.Errorf("store check results: %w", err)
	}
	return r, RecordFindings(ctx, st, r)
}

// RunDue is what the app calls, at start and then every hour or so: it
// runs and stores the checks when the last run is Interval old or there
// has been none, and reports whether it ran.
func RunDue(ctx context.Context, sys System, st Store) (Report, bool, error) {
	last, err := st.LastCheckRun(ctx)
	if err != nil {
		return Report{}, false, err
	}
	if !last.IsZero() && sys.Now().Sub(last) < Interval {
		return Report{}, false, nil
	}
	r, err := RunAndStore(ctx, sys, st)
	return r, true, err
}
