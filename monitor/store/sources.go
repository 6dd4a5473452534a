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
		expected_interval_s, last_seen, received, dropped FROM sources ORDER BY name`)
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
		)
		if err := rows.Scan(&src.Name, &vendor, &senders, &src.TimeZone, &intervalS, &lastSeen,
			&src.Received, &dropped); err != nil {
			return nil, fmt.Errorf("list sources: %w", err)
		}
		src.Vendor = monitor.Vendor(vendor)
		src.ExpectedInterval = time.Duration(intervalS) * time.Second
		src.LastSeen = fromMillis(lastSeen.Int64)
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
