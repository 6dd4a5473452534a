package store

import (
	"context"
	"fmt"
	"strings"
	"time"
)

// Suppression is a rule and subject the user marked as a false positive.
type Suppression struct {
	Rule    string
	Subject string
}

// Suppressed lists every rule+subject marked as a false positive, ever.
func (s *Store) Suppressed(ctx context.Context) ([]Suppression, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT rule, subject FROM detect_suppressed ORDER BY rule, subject`)
	if err != nil {
		return nil, fmt.Errorf("list suppressed findings: %w", err)
	}
	defer rows.Close()
	var out []Suppression
	for rows.Next() {
		var sp Suppression
		if err := rows.Scan(&sp.Rule, &sp.Subject); err != nil {
			return nil, fmt.Errorf("list suppressed findings: %w", err)
		}
		out = append(out, sp)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list suppressed findings: %w", err)
	}
	return out, nil
}

// AllowDetect adds value (an IP address, a CIDR network, a host or domain
// name, or an exact subject such as a user name) to the detector's allow
// list, with a note saying why.
func (s *Store) AllowDetect(ctx context.Context, value, note string) error {
	value = strings.TrimSpace(value)
	if value == "" {
		return fmt.Errorf("allow: empty value")
	}
	_, err := s.db.ExecContext(ctx, `INSERT INTO detect_allow (value, note, created) VALUES (?, ?, ?)
		ON CONFLICT (value) DO UPDATE SET note = excluded.note`, value, note, time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("allow %s: %w", value, err)
	}
	return nil
}

// DisallowDetect removes value from the allow list; it reports whether it
// was there.
func (s *Store) DisallowDetect(ctx context.Context, value string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `DELETE FROM detect_allow WHERE value = ?`, value)
	if err != nil {
		return false, fmt.Errorf("disallow %s: %w", value, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// DetectAllowList returns the allow list's values, sorted.
func (s *Store) DetectAllowList(ctx context.Context) ([]string, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT value FROM detect_allow ORDER BY value`)
	if err != nil {
		return nil, fmt.Errorf("list allow list: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return nil, fmt.Errorf("list allow list: %w", err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list allow list: %w", err)
	}
	return out, nil
}

// ResolveQuietFindings resolves the active findings of origin whose last
// evidence is older than before (a quiet period with nothing new), and
// returns how many.
func (s *Store) ResolveQuietFindings(ctx context.Context, origin string, before time.Time) (int, error) {
	res, err := s.db.ExecContext(ctx, `UPDATE findings SET state = 'resolved', updated = ?
		WHERE origin = ? AND state IN ('open', 'acknowledged') AND last_seen < ?`,
		time.Now().UnixMilli(), origin, millis(before))
	if err != nil {
		return 0, fmt.Errorf("resolve quiet findings: %w", err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, fmt.Errorf("resolve quiet findings: %w", err)
	}
	return int(n), nil
}
