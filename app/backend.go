package app

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

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
