package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// DefaultTimeZone is used for sources whose logs carry no offset.
const DefaultTimeZone = "Asia/Tokyo"

// PutSource adds a source or updates its settings (vendor, allowed senders,
// time zone, expected interval). What has been seen of it (last seen,
// counters) is kept.
func (s *Store) PutSource(ctx context.Context, src monitor.Source) error {
	if src.Name == "" {
		return errors.New("put source: a name is required")
	}
	if src.TimeZone == "" {
		src.TimeZone = DefaultTimeZone
	}
	if _, err := time.LoadLocation(src.TimeZone); err != nil {
		return fmt.Errorf("put source %s: time zone: %w", src.Name, err)
	}
	if src.ExpectedInterval < 0 {
		return fmt.Errorf("put source %s: negative expected interval", src.Name)
	}
	senders, err := json.Marshal(nonNil(src.AllowedSenders))
	if err != nil {
		return fmt.Errorf("put source %s: %w", src.Name, err)
	}
	_, err = s.db.ExecContext(ctx, `INSERT INTO sources
		(name, vendor, allowed_senders, time_zone, expected_interval_s, created)
		VALUES (?, ?, ?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET vendor = excluded.vendor,
			allowed_senders = excluded.allowed_senders, time_zone = excluded.time_zone,
			expected_interval_s = excluded.expected_interval_s`,
		src.Name, string(src.Vendor), string(senders), src.TimeZone,
		int64(src.ExpectedInterval/time.Second), time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("put source %s: %w", src.Name, err)
	}
	return nil
}

// MarkReceived records that n lines arrived from the named source, the last
// at t. Unknown names are an error: sources are configured first.
func (s *Store) MarkReceived(ctx context.Context, name string, n int64, t time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sources SET received = received + ?,
		last_seen = max(coalesce(last_seen, 0), ?) WHERE name = ?`, n, millis(t), name)
	if err != nil {
		return fmt.Errorf("mark source %s received: %w", name, err)
	}
	if k, err := res.RowsAffected(); err == nil && k == 0 {
		return fmt.Errorf("mark source %s received: %w", name, ErrNotFound)
	}
	return nil
}

// Sources returns every configured source by name.
func (s *Store) Sources(ctx context.Context) ([]monitor.Source, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT name, vendor, allowed_senders, time_zone,
		expected_interval_s, last_seen, received, dropped, rate_per_min, rate_at FROM sources ORDER BY name`)
	if err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	defer rows.Close()
	var out []monitor.Source
	for rows.Next() {
		var (
			src             monitor.Source
			vendor, senders string
			dropped         string
			intervalS       int64
			lastSeen        sql.NullInt64
			rateAt          int64
		)
		if err := rows.Scan(&src.Name, &vendor, &senders, &src.TimeZone, &intervalS, &lastSeen,
			&src.Received, &dropped, &src.RatePerMin, &rateAt); err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		src.Vendor = monitor.Vendor(vendor)
		src.ExpectedInterval = time.Duration(intervalS) * time.Second
		src.LastSeen = fromMillis(lastSeen.Int64)
		src.RateAt = fromMillis(rateAt)
		if err := json.Unmarshal([]byte(senders), &src.AllowedSenders); err != nil {
			return nil, fmt.Errorf("list sources: %s: allowed senders: %w", src.Name, err)
		}
		if err := json.Unmarshal([]byte(dropped), &src.Dropped); err != nil {
			return nil, fmt.Errorf("list sources: %s: dropped counters: %w", src.Name, err)
		}
		out = append(out, src)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list sources: %w", err)
	}
	return out, nil
}

func nonNil(v []string) []string {
	if v == nil {
		return []string{}
	}
	return v
}

// AddSourceDrops adds to a source's drop counters, by reason.
func (s *Store) AddSourceDrops(ctx context.Context, name string, delta map[string]int64) error {
	if len(delta) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add drops of source %s: %w", name, err)
	}
	defer tx.Rollback()
	var raw string
	if err := tx.QueryRowContext(ctx, `SELECT dropped FROM sources WHERE name = ?`, name).Scan(&raw); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			err = ErrNotFound
		}
		return fmt.Errorf("add drops of source %s: %w", name, err)
	}
	dropped := map[string]int64{}
	if err := json.Unmarshal([]byte(raw), &dropped); err != nil {
		return fmt.Errorf("add drops of source %s: decode counters: %w", name, err)
	}
	for reason, n := range delta {
		dropped[reason] += n
	}
	b, err := json.Marshal(dropped)
	if err != nil {
		return fmt.Errorf("add drops of source %s: %w", name, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE sources SET dropped = ? WHERE name = ?`, string(b), name); err != nil {
		return fmt.Errorf("add drops of source %s: %w", name, err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add drops of source %s: %w", name, err)
	}
	return nil
}

// AddCollectorDrops adds to the drop counters that belong to no source.
func (s *Store) AddCollectorDrops(ctx context.Context, delta map[string]int64) error {
	if len(delta) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("add collector drops: %w", err)
	}
	defer tx.Rollback()
	now := time.Now().UnixMilli()
	for reason, n := range delta {
		if n == 0 {
			continue
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO collector_drops (reason, count, updated) VALUES (?, ?, ?)
			ON CONFLICT (reason) DO UPDATE SET count = count + excluded.count, updated = excluded.updated`,
			reason, n, now); err != nil {
			return fmt.Errorf("add collector drops: %w", err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("add collector drops: %w", err)
	}
	return nil
}

// CollectorDrops returns the drops that belong to no source, by reason.
func (s *Store) CollectorDrops(ctx context.Context) (map[string]int64, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT reason, count FROM collector_drops`)
	if err != nil {
		return nil, fmt.Errorf("read collector drops: %w", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var reason string
		var n int64
		if err := rows.Scan(&reason, &n); err != nil {
			return nil, fmt.Errorf("read collector drops: %w", err)
		}
		out[reason] = n
	}
	return out, rows.Err()
}

// DeleteSource removes a source's settings and health. Its stored events
// stay: they are evidence.
func (s *Store) DeleteSource(ctx context.Context, name string) error {
	res, err := s.db.ExecContext(ctx, `DELETE FROM sources WHERE name = ?`, name)
	if err != nil {
		return fmt.Errorf("delete source %s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("delete source %s: %w", name, ErrNotFound)
	}
	return nil
}

// SetSourceRate records the rate a source is sending at, measured at t.
func (s *Store) SetSourceRate(ctx context.Context, name string, perMin float64, t time.Time) error {
	res, err := s.db.ExecContext(ctx, `UPDATE sources SET rate_per_min = ?, rate_at = ? WHERE name = ?`,
		perMin, millis(t), name)
	if err != nil {
		return fmt.Errorf("set rate of source %s: %w", name, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return fmt.Errorf("set rate of source %s: %w", name, ErrNotFound)
	}
	return nil
}
