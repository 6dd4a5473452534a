package app

import (
	"context"
	"io"
	"time"

	"fyne.io/fyne/v2"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/guidance/report"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// Store is what the app reads and writes in the database; *store.Store
// satisfies it.
type Store interface {
	status.Reader
	Findings(ctx context.Context, filter store.FindingFilter) ([]monitor.Finding, error)
	SetFindingState(ctx context.Context, id int64, state monitor.FindingState) error
	EventCounts(ctx context.Context, m store.EventMatch, from, to time.Time, buckets int) ([]int, error)
	PutSource(ctx context.Context, src monitor.Source) error
	DeleteSource(ctx context.Context, name string) error
	Settings(ctx context.Context) (store.Settings, error)
	SaveSettings(ctx context.Context, s store.Settings) error
	CheckResults(ctx context.Context) ([]monitor.CheckResult, error)
	MSSFindingOf(ctx context.Context, f monitor.Finding) (store.MSSFinding, error)
}

var _ Store = (*store.Store)(nil)

// Collector is the syslog listener running inside the tray app (the same
// pipeline as `kizuki serve`).
type Collector interface {
	// Port is the port it listens on.
	Port() int
	// Reload applies the sources as now configured.
	Reload(ctx context.Context) error
	// WaitLine returns the next line from sender (an IP address; "" for
	// any), or ctx's error.
	WaitLine(ctx context.Context, sender string) (monitor.Line, error)
}

// Autostart starts Kizuki when the user logs in. app/autostart implements
// it per OS; until it is wired, the setting is not shown.
type Autostart interface {
	Enable() error
	Disable() error
	Enabled() (bool, error)
}

// FindingAction is a button on a finding's detail that a later core
// brings: 対策を始める (guidance: the playbook's wizard) and MSS に相談 (the
// MSS client). Available decides per finding; a finding without any shows
// no such button rather than a dead one.
type FindingAction struct {
	Label     string
	Available func(monitor.Finding) bool
	Run       func(monitor.Finding)
}

// load runs work off the UI goroutine and hands its result to apply on it.
func load[T any](u *UI, work func(context.Context) (T, error), apply func(T, error)) {
	ctx := u.ctx
	u.cfg.Background(func() {
		v, err := work(ctx)
		fyne.Do(func() { apply(v, err) })
	})
}

// Guidance is the guidance core as the app uses it: with it come the 対策
// and チェックリスト screens, いまやること on the status screen and the
// 対策を始める button of a finding. main wires it to the same code as the
// CLI's checklist, report and export-evidence commands; nil leaves them
// out.
type Guidance struct {
	// Library holds the playbooks and checklists.
	Library *guidance.Library
	// Progress keeps the wizards' progress so they can be resumed.
	Progress guidance.ProgressStore
	// Verifier runs the wizards' self-checks.
	Verifier guidance.Verifier
	// Checklists scores every checklist at now from the stored answers and
	// the live facts.
	Checklists func(ctx context.Context, now time.Time) ([]guidance.Result, error)
	// Answer keeps the owner's answer to an item and the checklist's new
	// score.
	Answer func(ctx context.Context, a monitor.ChecklistAnswer) error
	// ScoreHistory lists the checklists' scores recorded from..to.
	ScoreHistory func(ctx context.Context, from, to time.Time) ([]monitor.ScoreSnapshot, error)
	// Report writes a report to w.
	Report func(ctx context.Context, w io.Writer, r ReportRequest) error
	// Evidence writes to w the evidence archive of the days from..to (both
	// included) and says how many days of logs and findings it holds.
	Evidence func(ctx context.Context, w io.Writer, from, to, now time.Time) (days, findings int, err error)
}

// ReportRequest says which report to write.
type ReportRequest struct {
	// Kind is "monthly" or "insurance".
	Kind   string
	Format report.Format
	// Month is the first day of the monthly report's month.
	Month time.Time
	Now   time.Time
	Lang  guidance.Lang
}

// Report kinds.
const (
	ReportMonthly   = "monthly"
	ReportInsurance = "insurance"
)
