package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// MaxSamples bounds the raw lines kept in a finding's evidence: enough to
// show an owner what happened, not the whole attack.
const MaxSamples = 10

// ErrNotFound is returned when a finding id does not exist.
var ErrNotFound = errors.New("not found")

const findingColumns = `id, rule, severity, subject, first_seen, last_seen, count, evidence, origin, state, playbook`

// RecordFinding stores f. While a finding with the same rule and subject is
// active (open or acknowledged), new evidence grows that finding instead of
// adding a second one: its count adds up, its time span widens, its
// severity only rises and its evidence lists merge. The stored finding is
// returned with its id. A rule and subject the user marked as a false
// positive (ever) is not stored: f comes back with id 0 and state
// false_positive, and no error.
func (s *Store) RecordFinding(ctx context.Context, f monitor.Finding) (monitor.Finding, error) {
	if f.Rule == "" || f.Subject == "" {
		return monitor.Finding{}, errors.New("record finding: rule and subject are required")
	}
	// Checked here rather than left to the table's CHECK constraints: when
	// f grows an active finding, a negative count would shrink it and a bad
	// severity or state would be dropped without an error.
	if f.Severity < monitor.SeverityInfo || f.Severity > monitor.SeverityCritical {
		return monitor.Finding{}, fmt.Errorf("record finding %s/%s: invalid severity %d", f.Rule, f.Subject, int(f.Severity))
	}
	if f.Count < 0 {
		return monitor.Finding{}, fmt.Errorf("record finding %s/%s: negative count %d", f.Rule, f.Subject, f.Count)
	}
	if f.State != "" && !knownState(f.State) {
		return monitor.Finding{}, fmt.Errorf("record finding %s/%s: unknown state %q", f.Rule, f.Subject, f.State)
	}
	if f.Origin == "" {
		f.Origin = monitor.OriginLocal
	}
	if f.State == "" {
		f.State = monitor.StateOpen
	}
	if f.LastSeen.IsZero() {
		f.LastSeen = f.FirstSeen
	}
	if f.FirstSeen.IsZero() {
		f.FirstSeen = f.LastSeen
	}
	if f.FirstSeen.IsZero() {
		return monitor.Finding{}, errors.New("record finding: first_seen or last_seen is required")
	}
	// As stored (UTC milliseconds), so that what is returned equals what
	// Finding reads back.
	f.FirstSeen, f.LastSeen = fromMillis(millis(f.FirstSeen)), fromMillis(millis(f.LastSeen))
	f.Evidence = mergeEvidence(monitor.Evidence{}, f.Evidence)

	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return monitor.Finding{}, fmt.Errorf("record finding: %w", err)
	}
	defer tx.Rollback()

	var suppressed int
	err = tx.QueryRowContext(ctx, `SELECT count(*) FROM detect_suppressed WHERE rule = ? AND subject = ?`,
		f.Rule, f.Subject).Scan(&suppressed)
	if err != nil {
		return monitor.Finding{}, fmt.Errorf("record finding %s/%s: %w", f.Rule, f.Subject, err)
	}
	if suppressed > 0 {
		f.State = monitor.StateFalsePositive
		return f, nil
	}
	row := tx.QueryRowContext(ctx, `SELECT `+findingColumns+` FROM findings
		WHERE rule = ? AND subject = ? AND state IN ('open', 'acknowledged')`, f.Rule, f.Subject)
	old, err := scanFinding(row)
	switch {
	case errors.Is(err, sql.ErrNoRows):
		f, err = insertFinding(ctx, tx, f)
	case err != nil:
		err = fmt.Errorf("look up active finding: %w", err)
	default:
		f = growFinding(old, f)
		err = updateFinding(ctx, tx, f)
	}
	if err != nil {
		return monitor.Finding{}, fmt.Errorf("record finding %s/%s: %w", f.Rule, f.Subject, err)
	}
	if err := tx.Commit(); err != nil {
		return monitor.Finding{}, fmt.Errorf("record finding: %w", err)
	}
	return f, nil
}

// growFinding folds the new evidence of f into the active finding old.
func growFinding(old, f monitor.Finding) monitor.Finding {
	g := old
	g.Count += f.Count
	if f.FirstSeen.Before(g.FirstSeen) {
		g.FirstSeen = f.FirstSeen
	}
	if f.LastSeen.After(g.LastSeen) {
		g.LastSeen = f.LastSeen
	}
	g.Severity = max(g.Severity, f.Severity)
	// New high-severity evidence on an acknowledged finding is news.
	if f.Severity > old.Severity {
		g.State = monitor.StateOpen
	}
	if f.Playbook != "" {
		g.Playbook = f.Playbook
	}
	g.Evidence = mergeEvidence(old.Evidence, f.Evidence)
	return g
}

// mergeEvidence returns the union of a and b: lists keep first-seen order
// without repeats, samples stay within MaxSamples, counts add up.
func mergeEvidence(a, b monitor.Evidence) monitor.Evidence {
	out := monitor.Evidence{
		Sources:      union(a.Sources, b.Sources),
		Users:        union(a.Users, b.Users),
		Destinations: union(a.Destinations, b.Destinations),
		Samples:      union(a.Samples, b.Samples),
	}
	if len(out.Samples) > MaxSamples {
		out.Samples = out.Samples[:MaxSamples]
	}
	if len(a.Counts)+len(b.Counts) > 0 {
		out.Counts = make(map[string]int, len(a.Counts)+len(b.Counts))
		for k, v := range a.Counts {
			out.Counts[k] += v
		}
		for k, v := range b.Counts {
			out.Counts[k] += v
		}
	}
	return out
}

func union(a, b []string) []string {
	if len(a)+len(b) == 0 {
		return nil
	}
	seen := make(map[string]bool, len(a)+len(b))
	out := make([]string, 0, len(a)+len(b))
	for _, list := range [][]string{a, b} {
		for _, v := range list {
			if !seen[v] {
				seen[v] = true
				out = append(out, v)
			}
		}
	}
	return out
}

func insertFinding(ctx context.Context, tx *sql.Tx, f monitor.Finding) (monitor.Finding, error) {
	ev, err := json.Marshal(f.Evidence)
	if err != nil {
		return f, fmt.Errorf("encode evidence: %w", err)
	}
	res, err := tx.ExecContext(ctx, `INSERT INTO findings
		(rule, severity, subject, first_seen, last_seen, count, evidence, origin, state, playbook, updated)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		f.Rule, f.Severity.String(), f.Subject, millis(f.FirstSeen), millis(f.LastSeen), f.Count,
		string(ev), f.Origin, string(f.State), f.Playbook, time.Now().UnixMilli())
	if err != nil {
		return f, fmt.Errorf("insert: %w", err)
	}
	if f.ID, err = res.LastInsertId(); err != nil {
		return f, fmt.Errorf("insert: %w", err)
	}
	return f, nil
}

func updateFinding(ctx context.Context, tx *sql.Tx, f monitor.Finding) error {
	ev, err := json.Marshal(f.Evidence)
	if err != nil {
		return fmt.Errorf("encode evidence: %w", err)
	}
	_, err = tx.ExecContext(ctx, `UPDATE findings SET severity = ?, first_seen = ?, last_seen = ?,
		count = ?, evidence = ?, state = ?, playbook = ?, updated = ? WHERE id = ?`,
		f.Severity.String(), millis(f.FirstSeen), millis(f.LastSeen), f.Count, string(ev),
		string(f.State), f.Playbook, time.Now().UnixMilli(), f.ID)
	if err != nil {
		return fmt.Errorf("update: %w", err)
	}
	return nil
}

type rowScanner interface{ Scan(dest ...any) error }

func scanFinding(r rowScanner) (monitor.Finding, error) {
	var (
		f              monitor.Finding
		sev, ev, state string
		first, last    int64
	)
	if err := r.Scan(&f.ID, &f.Rule, &sev, &f.Subject, &first, &last, &f.Count, &ev, &f.Origin, &state, &f.Playbook); err != nil {
		return f, err
	}
	var err error
	if f.Severity, err = monitor.ParseSeverity(sev); err != nil {
		return f, fmt.Errorf("finding %d: %w", f.ID, err)
	}
	if err := json.Unmarshal([]byte(ev), &f.Evidence); err != nil {
		return f, fmt.Errorf("finding %d: decode evidence: %w", f.ID, err)
	}
	f.FirstSeen, f.LastSeen, f.State = fromMillis(first), fromMillis(last), monitor.FindingState(state)
	return f, nil
}

// FindingFilter selects findings. The zero value selects all of them.
type FindingFilter struct {
	// States keeps findings in any of these states; empty means all.
	States []monitor.FindingState
	// MinSeverity keeps findings at least this severe.
	MinSeverity monitor.Severity
}

// ActiveFilter selects open and acknowledged findings.
var ActiveFilter = FindingFilter{States: []monitor.FindingState{monitor.StateOpen, monitor.StateAcknowledged}}

// Findings returns the findings that match filter, most severe first, then
// most recent first.
func (s *Store) Findings(ctx context.Context, filter FindingFilter) ([]monitor.Finding, error) {
	q := `SELECT ` + findingColumns + ` FROM findings`
	var args []any
	if len(filter.States) > 0 {
		q += ` WHERE state IN (?` + strings.Repeat(", ?", len(filter.States)-1) + `)`
		for _, st := range filter.States {
			args = append(args, string(st))
		}
	}
	q += ` ORDER BY last_seen DESC, id DESC`
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("list findings: %w", err)
	}
	defer rows.Close()
	var out []monitor.Finding
	for rows.Next() {
		f, err := scanFinding(rows)
		if err != nil {
			return nil, fmt.Errorf("list findings: %w", err)
		}
		if f.Severity >= filter.MinSeverity {
			out = append(out, f)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list findings: %w", err)
	}
	// Stable: keeps the recency order within one severity.
	slices.SortStableFunc(out, func(a, b monitor.Finding) int { return int(b.Severity) - int(a.Severity) })
	return out, nil
}

// ActiveFindings returns the open and acknowledged findings.
func (s *Store) ActiveFindings(ctx context.Context) ([]monitor.Finding, error) {
	return s.Findings(ctx, ActiveFilter)
}

// Finding returns the finding with the given id, or ErrNotFound.
func (s *Store) Finding(ctx context.Context, id int64) (monitor.Finding, error) {
	f, err := scanFinding(s.db.QueryRowContext(ctx, `SELECT `+findingColumns+` FROM findings WHERE id = ?`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return f, fmt.Errorf("finding %d: %w", id, ErrNotFound)
	}
	if err != nil {
		return f, fmt.Errorf("finding %d: %w", id, err)
	}
	return f, nil
}

// SetFindingState moves a finding to state (acknowledged, resolved, marked
// a false positive, or reopened).
func (s *Store) SetFindingState(ctx context.Context, id int64, state monitor.FindingState) error {
	if !knownState(state) {
		return fmt.Errorf("set finding %d state: unknown state %q", id, state)
	}
	res, err := s.db.ExecContext(ctx, `UPDATE findings SET state = ?, updated = ? WHERE id = ?`,
		string(state), time.Now().UnixMilli(), id)
	if err != nil {
		return fmt.Errorf("set finding %d state: %w", id, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("set finding %d state: %w", id, ErrNotFound)
	}
	return nil
}

// knownState reports whether state is one of the four finding states.
func knownState(state monitor.FindingState) bool {
	switch state {
	case monitor.StateOpen, monitor.StateAcknowledged, monitor.StateResolved, monitor.StateFalsePositive:
		return true
	}
	return false
}
