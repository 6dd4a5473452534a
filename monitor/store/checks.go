package store

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// PutCheckResults stores the results of a run of this PC's checks, each
// replacing the previous result of the same check, in one transaction.
func (s *Store) PutCheckResults(ctx context.Context, results []monitor.CheckResult) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("store check results: %w", err)
	}
	defer tx.Rollback()
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO endpoint_checks (check_id, status, summary, args, details, checked_at)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (check_id) DO UPDATE SET status = excluded.status, summary = excluded.summary,
			args = excluded.args, details = excluded.details, checked_at = excluded.checked_at`)
	if err != nil {
		return fmt.Errorf("store check results: %w", err)
	}
	defer stmt.Close()
	for _, r := range results {
		if r.Check == "" || r.CheckedAt.IsZero() {
			return fmt.Errorf("store check result %q: check and time are required", r.Check)
		}
		args := []byte("{}")
		if len(r.Args) > 0 {
			if args, err = json.Marshal(r.Args); err != nil {
				return fmt.Errorf("store check result %s: encode args: %w", r.Check, err)
			}
		}
		details := []byte("{}")
		if len(r.Details) > 0 {
			details = r.Details
		}
		if _, err := stmt.ExecContext(ctx, r.Check, string(r.Status), r.Summary, string(args), string(details), millis(r.CheckedAt)); err != nil {
			return fmt.Errorf("store check result %s: %w", r.Check, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("store check results: %w", err)
	}
	return nil
}

// CheckResults returns the latest result of each check, by check id.
func (s *Store) CheckResults(ctx context.Context) ([]monitor.CheckResult, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT check_id, status, summary, args, details, checked_at
		FROM endpoint_checks ORDER BY check_id`)
	if err != nil {
		return nil, fmt.Errorf("read check results: %w", err)
	}
	defer rows.Close()
	var out []monitor.CheckResult
	for rows.Next() {
		var (
			r             monitor.CheckResult
			status, args  string
			details       string
			checkedMillis int64
		)
		if err := rows.Scan(&r.Check, &status, &r.Summary, &args, &details, &checkedMillis); err != nil {
			return nil, fmt.Errorf("read check results: %w", err)
		}
		r.Status = monitor.CheckStatus(status)
		if args != "{}" {
			if err := json.Unmarshal([]byte(args), &r.Args); err != nil {
				return nil, fmt.Errorf("read check result %s: %w", r.Check, err)
			}
		}
		if details != "{}" {
			r.Details = json.RawMessage(details)
		}
		r.CheckedAt = fromMillis(checkedMillis)
		out = append(out, r)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read check results: %w", err)
	}
	return out, nil
}

// LastCheckRun returns when the checks last ran; zero if never.
func (s *Store) LastCheckRun(ctx context.Context) (time.Time, error) {
	var ms *int64
	if err := s.db.QueryRowContext(ctx, `SELECT MAX(checked_at) FROM endpoint_checks`).Scan(&ms); err != nil {
		return time.Time{}, fmt.Errorf("read last check run: %w", err)
	}
	if ms == nil {
		return time.Time{}, nil
	}
	return fromMillis(*ms), nil
}
