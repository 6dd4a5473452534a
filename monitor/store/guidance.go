package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// WizardProgress returns where the owner stands in a playbook's wizard for
// subject; found is false when the wizard was never started.
func (s *Store) WizardProgress(ctx context.Context, playbook, subject string) (p monitor.WizardProgress, found bool, err error) {
	var outcomes string
	var started, updated int64
	err = s.db.QueryRowContext(ctx, `SELECT variant, outcomes, started, updated FROM wizard_progress
		WHERE playbook = ? AND subject = ?`, playbook, subject).Scan(&p.Variant, &outcomes, &started, &updated)
	if errors.Is(err, sql.ErrNoRows) {
		return monitor.WizardProgress{}, false, nil
	}
	if err != nil {
		return p, false, fmt.Errorf("read wizard %s/%s: %w", playbook, subject, err)
	}
	if err := json.Unmarshal([]byte(outcomes), &p.Outcomes); err != nil {
		return p, false, fmt.Errorf("read wizard %s/%s: decode outcomes: %w", playbook, subject, err)
	}
	p.Playbook, p.Subject, p.Started, p.Updated = playbook, subject, fromMillis(started), fromMillis(updated)
	return p, true, nil
}

// SaveWizardProgress writes p, replacing what was saved for its playbook
// and subject.
func (s *Store) SaveWizardProgress(ctx context.Context, p monitor.WizardProgress) error {
	if p.Playbook == "" {
		return errors.New("save wizard: a playbook is required")
	}
	outcomes := p.Outcomes
	if outcomes == nil {
		outcomes = map[string]string{}
	}
	b, err := json.Marshal(outcomes)
	if err != nil {
		return fmt.Errorf("save wizard %s/%s: %w", p.Playbook, p.Subject, err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO wizard_progress (playbook, subject, variant, outcomes, started, updated)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (playbook, subject) DO UPDATE SET variant = excluded.variant,
			outcomes = excluded.outcomes, updated = excluded.updated`,
		p.Playbook, p.Subject, p.Variant, string(b), millis(p.Started), millis(p.Updated))
	if err != nil {
		return fmt.Errorf("save wizard %s/%s: %w", p.Playbook, p.Subject, err)
	}
	return nil
}

// AllWizardProgress returns every saved wizard, most recently updated first.
func (s *Store) AllWizardProgress(ctx context.Context) ([]monitor.WizardProgress, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT playbook, subject, variant, outcomes, started, updated
		FROM wizard_progress ORDER BY updated DESC, playbook, subject`)
	if err != nil {
		return nil, fmt.Errorf("list wizards: %w", err)
	}
	defer rows.Close()
	var out []monitor.WizardProgress
	for rows.Next() {
		var p monitor.WizardProgress
		var outcomes string
		var started, updated int64
		if err := rows.Scan(&p.Playbook, &p.Subject, &p.Variant, &outcomes, &started, &updated); err != nil {
			return nil, fmt.Errorf("list wizards: %w", err)
		}
		if err := json.Unmarshal([]byte(outcomes), &p.Outcomes); err != nil {
			return nil, fmt.Errorf("list wizards: %s/%s: decode outcomes: %w", p.Playbook, p.Subject, err)
		}
		p.Started, p.Updated = fromMillis(started), fromMillis(updated)
		out = append(out, p)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list wizards: %w", err)
	}
	return out, nil
}

// AddChecklistAnswer appends an answer to a checklist item's history.
func (s *Store) AddChecklistAnswer(ctx context.Context, a monitor.ChecklistAnswer) error {
	if a.Checklist == "" || a.Item == "" {
		return errors.New("add checklist answer: checklist and item are required")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO checklist_answers (checklist, item, answer, note, answered)
		VALUES (?, ?, ?, ?, ?)`, a.Checklist, a.Item, a.Answer, a.Note, millis(a.At))
	if err != nil {
		return fmt.Errorf("add checklist answer %s/%s: %w", a.Checklist, a.Item, err)
	}
	return nil
}

// ChecklistAnswers returns every answer given to the checklist's items,
// oldest first (answers at the same moment in the order they were added).
// An empty checklist id returns the answers of every checklist.
func (s *Store) ChecklistAnswers(ctx context.Context, checklist string) ([]monitor.ChecklistAnswer, error) {
	q := `SELECT checklist, item, answer, note, answered FROM checklist_answers`
	var args []any
	if checklist != "" {
		q += ` WHERE checklist = ?`
		args = append(args, checklist)
	}
	rows, err := s.db.QueryContext(ctx, q+` ORDER BY answered, id`, args...)
	if err != nil {
		return nil, fmt.Errorf("list checklist answers: %w", err)
	}
	defer rows.Close()
	var out []monitor.ChecklistAnswer
	for rows.Next() {
		var a monitor.ChecklistAnswer
		var at int64
		if err := rows.Scan(&a.Checklist, &a.Item, &a.Answer, &a.Note, &at); err != nil {
			return nil, fmt.Errorf("list checklist answers: %w", err)
		}
		a.At = fromMillis(at)
		out = append(out, a)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list checklist answers: %w", err)
	}
	return out, nil
}

// AddScoreSnapshot records a checklist's score at a moment.
func (s *Store) AddScoreSnapshot(ctx context.Context, snap monitor.ScoreSnapshot) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO score_snapshots (checklist, score, band, taken) VALUES (?, ?, ?, ?)`,
		snap.Checklist, snap.Score, snap.Band, millis(snap.At))
	if err != nil {
		return fmt.Errorf("add score snapshot %s: %w", snap.Checklist, err)
	}
	return nil
}

// ScoreSnapshots returns the scores recorded in [from, to), oldest first,
// for every checklist.
func (s *Store) ScoreSnapshots(ctx context.Context, from, to time.Time) ([]monitor.ScoreSnapshot, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT checklist, score, band, taken FROM score_snapshots
		WHERE taken >= ? AND taken < ? ORDER BY taken, id`, millis(from), millis(to))
	if err != nil {
		return nil, fmt.Errorf("list score snapshots: %w", err)
	}
	defer rows.Close()
	var out []monitor.ScoreSnapshot
	for rows.Next() {
		var snap monitor.ScoreSnapshot
		var at int64
		if err := rows.Scan(&snap.Checklist, &snap.Score, &snap.Band, &at); err != nil {
			return nil, fmt.Errorf("list score snapshots: %w", err)
		}
		snap.At = fromMillis(at)
		out = append(out, snap)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list score snapshots: %w", err)
	}
	return out, nil
}

// EventQuery selects stored events for a count. Empty fields match
// anything; a list matches any of its values.
type EventQuery struct {
	From, To time.Time // event time, [From, To)
	Actions  []monitor.Action
	SrcIPs   []string
	DstIPs   []string
	Source   string
}

// where adds to the time conditions (and their arguments) those of q's
// actions (when given), addresses and source.
func (q EventQuery) where(where []string, args []any, actions []string) ([]string, []any) {
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		where = append(where, col+" IN (?"+strings.Repeat(", ?", len(vals)-1)+")")
		for _, v := range vals {
			args = append(args, v)
		}
	}
	in("action", actions)
	in("src_ip", q.SrcIPs)
	in("dst_ip", q.DstIPs)
	if q.Source != "" {
		where = append(where, "source = ?")
		args = append(args, q.Source)
	}
	return where, args
}

// CountEventsMatching counts the stored events that match q. It is what the
// guidance wizards' verification steps ask ("any more failures from these
// addresses in the last hour?").
func (s *Store) CountEventsMatching(ctx context.Context, q EventQuery) (int64, error) {
	actions := make([]string, len(q.Actions))
	for i, a := range q.Actions {
		actions[i] = string(a)
	}
	where, args := q.where([]string{"time >= ?", "time < ?"}, []any{millis(q.From), millis(q.To)}, actions)
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM events WHERE `+strings.Join(where, " AND "), args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// CountTrafficMatching counts the allowed connections kept as hourly
// totals (traffic_hourly) that match q's addresses and source and were
// seen within [From, To): an hour's total counts whole once its last
// connection falls in the window. Allowed traffic is not stored in full,
// so a check that asks "does this PC still talk to them?" reads this
// besides CountEventsMatching. q.Actions is ignored: the totals are all
// allowed traffic.
func (s *Store) CountTrafficMatching(ctx context.Context, q EventQuery) (int64, error) {
	where, args := q.where([]string{"hour >= ?", "last_seen >= ?", "first_seen < ?"},
		[]any{q.From.Truncate(time.Hour).UnixMilli(), millis(q.From), millis(q.To)}, nil)
	var n int64
	err := s.db.QueryRowContext(ctx, `SELECT coalesce(sum(count), 0) FROM traffic_hourly WHERE `+strings.Join(where, " AND "), args...).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count traffic: %w", err)
	}
	return n, nil
}

// FindingsBetween returns the findings whose evidence overlaps [from, to),
// whatever their state, most severe first.
func (s *Store) FindingsBetween(ctx context.Context, from, to time.Time) ([]monitor.Finding, error) {
	all, err := s.Findings(ctx, FindingFilter{})
	if err != nil {
		return nil, err
	}
	var out []monitor.Finding
	for _, f := range all {
		if f.FirstSeen.Before(to) && !f.LastSeen.Before(from) {
			out = append(out, f)
		}
	}
	return out, nil
}
