// Package status turns open findings and the health of the log sources
// into the traffic light: a level and the reasons for it, as codes and
// arguments. It holds no user-facing text; the UI and the command line
// render reasons through package locales.
//
// The rules (ARCHITECTURE.md, "The traffic light"):
//   - red: an open finding of high or critical severity;
//   - yellow: an open medium finding, an acknowledged high or critical one,
//     or monitoring that cannot be trusted: nothing set up yet
//     (monitoring.not_configured, so a fresh install is never green), a
//     source that never sent anything (source.no_data) or went quiet past its
//     expected interval (source.silent), an MSS provider that has not been
//     heard from (mss.unreachable) or whose input was refused lately
//     (mss.bad_signature, mss.stale, mss.unknown_key, mss.oversize,
//     mss.malformed, mss.invalid_ocsf, and mss.sender_not_allowed for posts
//     to the webhook receiver from off its allow-list), or storage running
//     out: the
//     database near its size cap (storage.near_limit) or the disk nearly
//     full (storage.disk_full);
//   - green: otherwise.
package status

import (
	"cmp"
	"context"
	"fmt"
	"math"
	"slices"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// DefaultSilentAfter is how long a source may stay quiet before the light
// turns yellow when the source sets no interval of its own. A UTM sends
// traffic logs all day; two hours without one line means something broke.
const DefaultSilentAfter = 2 * time.Hour

// Reason codes that are not findings. A finding's code is "finding." + its rule.
const (
	CodeNotConfigured  = "monitoring.not_configured"
	CodeSourceSilent   = "source.silent"
	CodeSourceNoData   = "source.no_data"
	CodeMSSUnreachable = "mss.unreachable"
	CodeStorageNear    = "storage.near_limit"
	CodeDiskFull       = "storage.disk_full"
	// A refusal's code is "mss." + its reject reason (monitor.RejectReasons).
)

// MSSUnreachableAfter is how long the MSS provider may go unheard before
// the light turns yellow: the stream's keep-alives arrive every 15 seconds
// and a reconnection waits at most 5 minutes.
const MSSUnreachableAfter = 10 * time.Minute

// MSSRejectFor is how long refused MSS input keeps the light yellow: long
// enough for the owner to see it, and for the provider to be called.
const MSSRejectFor = 24 * time.Hour

// NearLimitShare is how full the database may get, as a share of its cap,
// before the light turns yellow: early enough for the owner to act before
// the oldest events are deleted to make room.
const NearLimitShare = 0.9

// DiskFullBelow is the free disk space under which the light turns
// yellow: SQLite and the archive need room to write, and when it runs out
// received logs can no longer be kept.
const DiskFullBelow = 100 << 20

// Reason is one condition that sets the light, with what a UI needs to
// explain it.
type Reason struct {
	Code  string         `json:"code"`
	Level monitor.Level  `json:"level"`
	Args  map[string]any `json:"args,omitempty"`
}

// SourceHealth is what the light knows about one log source.
type SourceHealth struct {
	Name     string     `json:"name"`
	LastSeen *time.Time `json:"last_seen"`
	// Rate is lines per minute over the last minutes, while a collector
	// is measuring it; 0 otherwise.
	Rate     float64          `json:"rate"`
	Received int64            `json:"received"`
	Dropped  map[string]int64 `json:"dropped"`
}

// rateFresh is how old a collector's rate may be and still count: the
// collector writes it every second while it runs.
const rateFresh = 2 * time.Minute

// Readiness is the preparedness score from checklists and this PC's
// checks, shown beside the light and never mixed into it. Assessed is
// false until a checklist has been answered.
type Readiness struct {
	Assessed bool `json:"assessed"`
	// Score is the mean score (0–100) of the checklists assessed so far.
	Score int `json:"score,omitempty"`
	// Checklists are the assessed checklists' scores.
	Checklists []ChecklistScore `json:"checklists,omitempty"`
}

// ChecklistScore is one checklist's score for the readiness summary.
type ChecklistScore struct {
	ID       string `json:"id"`
	Score    int    `json:"score"`
	Band     string `json:"band"`
	Answered int    `json:"answered"`
	Items    int    `json:"items"`
}

// Status is the traffic light and everything it rests on; its JSON form is
// what `kizuki status --json` prints.
type Status struct {
	Level   monitor.Level  `json:"level"`
	Reasons []Reason       `json:"reasons"`
	Sources []SourceHealth `json:"sources"`
	// Dropped counts lines the collector could not take and could not pin
	// on a source (refused senders, kernel UDP drops…), by reason.
	Dropped   map[string]int64 `json:"dropped"`
	Readiness Readiness        `json:"readiness"`
}

// Input is everything Compute looks at.
type Input struct {
	// Now is the time the light is computed for.
	Now time.Time
	// Findings are the active (open and acknowledged) findings; others
	// are ignored.
	Findings []monitor.Finding
	// Sources are the configured log sources.
	Sources []monitor.Source
	// Dropped are the collector's drops that belong to no source.
	Dropped map[string]int64
	// MSS is the MSS connection's health; nil when not enrolled.
	MSS *monitor.MSSHealth
	// Storage is the database's size and the disk's free space; nil when
	// not measured.
	Storage *monitor.StorageHealth
}

// Compute returns the light for in. Reasons come worst first; within a
// level, findings by severity then recency, then source conditions by name.
func Compute(in Input) Status {
	st := Status{Reasons: []Reason{}, Sources: []SourceHealth{}, Dropped: map[string]int64{}}
	for reason, n := range in.Dropped {
		st.Dropped[reason] = n
	}
	findings := slices.Clone(in.Findings)
	slices.SortFunc(findings, func(a, b monitor.Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), b.LastSeen.Compare(a.LastSeen), cmp.Compare(a.ID, b.ID))
	})
	for _, f := range findings {
		if r, ok := findingReason(f); ok {
			st.Reasons = append(st.Reasons, r)
		}
	}

	if len(in.Sources) == 0 {
		st.Reasons = append(st.Reasons, Reason{Code: CodeNotConfigured, Level: monitor.LevelYellow})
	}
	sources := slices.Clone(in.Sources)
	slices.SortStableFunc(sources, func(a, b monitor.Source) int { return cmp.Compare(a.Name, b.Name) })
	for _, src := range sources {
		st.Sources = append(st.Sources, health(src, in.Now))
		if r, ok := sourceReason(src, in.Now); ok {
			st.Reasons = append(st.Reasons, r)
		}
	}

	st.Reasons = append(st.Reasons, mssReasons(in.MSS, in.Now)...)
	st.Reasons = append(st.Reasons, storageReasons(in.Storage)...)

	// Stable, so that the finding and source orders above survive.
	slices.SortStableFunc(st.Reasons, func(a, b Reason) int { return cmp.Compare(b.Level, a.Level) })
	for _, r := range st.Reasons {
		st.Level = max(st.Level, r.Level)
	}
	return st
}

// findingLevel is the light one active finding sets, if any.
func findingLevel(f monitor.Finding) (monitor.Level, bool) {
	switch {
	case !f.State.Active():
		return 0, false
	case f.Severity >= monitor.SeverityHigh && f.State == monitor.StateOpen:
		return monitor.LevelRed, true
	case f.Severity >= monitor.SeverityHigh, f.Severity == monitor.SeverityMedium && f.State == monitor.StateOpen:
		return monitor.LevelYellow, true
	default:
		return 0, false
	}
}

func findingReason(f monitor.Finding) (Reason, bool) {
	level, ok := findingLevel(f)
	if !ok {
		return Reason{}, false
	}
	return Reason{Code: "finding." + f.Rule, Level: level, Args: map[string]any{
		"id":         f.ID,
		"rule":       f.Rule,
		"subject":    f.Subject,
		"severity":   f.Severity.String(),
		"count":      f.Count,
		"first_seen": f.FirstSeen.UTC().Format(time.RFC3339),
		"last_seen":  f.LastSeen.UTC().Format(time.RFC3339),
		"origin":     f.Origin,
		"state":      string(f.State),
	}}, true
}

func sourceReason(src monitor.Source, now time.Time) (Reason, bool) {
	if src.LastSeen.IsZero() {
		return Reason{Code: CodeSourceNoData, Level: monitor.LevelYellow, Args: map[string]any{"name": src.Name}}, true
	}
	limit := src.ExpectedInterval
	if limit <= 0 {
		limit = DefaultSilentAfter
	}
	quiet := now.Sub(src.LastSeen)
	if quiet <= limit {
		return Reason{}, false
	}
	return Reason{Code: CodeSourceSilent, Level: monitor.LevelYellow, Args: map[string]any{
		"name":         src.Name,
		"last_seen":    src.LastSeen.UTC().Format(time.RFC3339),
		"silent_for_s": int64(quiet / time.Second),
	}}, true
}

// mssReasons says when the MSS provider cannot be trusted to reach the
// owner: it has not been heard from, or what it sent was refused.
func mssReasons(h *monitor.MSSHealth, now time.Time) []Reason {
	if h == nil {
		return nil
	}
	var out []Reason
	since := h.LastContact
	if since.IsZero() {
		since = h.Enrolled
	}
	if quiet := now.Sub(since); quiet > MSSUnreachableAfter {
		args := map[string]any{"provider": h.Provider, "silent_for_s": int64(quiet / time.Second)}
		if !h.LastContact.IsZero() {
			args["last_contact"] = h.LastContact.UTC().Format(time.RFC3339)
		}
		out = append(out, Reason{Code: CodeMSSUnreachable, Level: monitor.LevelYellow, Args: args})
	}
	for _, reason := range monitor.RejectReasons {
		r, ok := h.Rejects[reason]
		if !ok || r.Count == 0 || now.Sub(r.Last) > MSSRejectFor {
			continue
		}
		out = append(out, Reason{Code: "mss." + reason, Level: monitor.LevelYellow, Args: map[string]any{
			"provider": h.Provider, "count": r.Count, "last": r.Last.UTC().Format(time.RFC3339),
		}})
	}
	return out
}

// storageReasons says when Kizuki is about to lose room for what it
// receives.
func storageReasons(h *monitor.StorageHealth) []Reason {
	if h == nil {
		return nil
	}
	var out []Reason
	if h.LimitBytes > 0 && float64(h.DBBytes) >= NearLimitShare*float64(h.LimitBytes) {
		out = append(out, Reason{Code: CodeStorageNear, Level: monitor.LevelYellow, Args: map[string]any{
			"used_mb": h.DBBytes >> 20, "limit_mb": h.LimitBytes >> 20,
			"percent": int(100 * h.DBBytes / h.LimitBytes),
		}})
	}
	if h.FreeBytes >= 0 && h.FreeBytes < DiskFullBelow {
		out = append(out, Reason{Code: CodeDiskFull, Level: monitor.LevelYellow, Args: map[string]any{
			"free_mb": h.FreeBytes >> 20,
		}})
	}
	return out
}

func health(src monitor.Source, now time.Time) SourceHealth {
	h := SourceHealth{Name: src.Name, Received: src.Received, Dropped: src.Dropped}
	if !src.RateAt.IsZero() && now.Sub(src.RateAt) <= rateFresh {
		h.Rate = math.Round(src.RatePerMin*10) / 10
	}
	if h.Dropped == nil {
		h.Dropped = map[string]int64{}
	}
	if !src.LastSeen.IsZero() {
		t := src.LastSeen.UTC()
		h.LastSeen = &t
	}
	return h
}

// Reader is what Load needs from the store.
type Reader interface {
	ActiveFindings(ctx context.Context) ([]monitor.Finding, error)
	Sources(ctx context.Context) ([]monitor.Source, error)
	CollectorDrops(ctx context.Context) (map[string]int64, error)
	MSSHealth(ctx context.Context) (*monitor.MSSHealth, error)
	StorageHealth(ctx context.Context) (*monitor.StorageHealth, error)
}

// Load reads findings and sources from r and computes the light at now.
func Load(ctx context.Context, r Reader, now time.Time) (Status, error) {
	findings, err := r.ActiveFindings(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("load status: %w", err)
	}
	sources, err := r.Sources(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("load status: %w", err)
	}
	dropped, err := r.CollectorDrops(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("load status: %w", err)
	}
	mss, err := r.MSSHealth(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("load status: %w", err)
	}
	storage, err := r.StorageHealth(ctx)
	if err != nil {
		return Status{}, fmt.Errorf("load status: %w", err)
	}
	return Compute(Input{Now: now, Findings: findings, Sources: sources, Dropped: dropped, MSS: mss, Storage: storage}), nil
}
