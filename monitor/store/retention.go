package store

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// pruneBatch is how many events one delete statement removes, so that a
// year's first prune does not hold the write lock for long.
const pruneBatch = 20_000

// Pruned counts what Prune or EnforceCap deleted.
type Pruned struct {
	Events  int64
	Traffic int64
}

// Prune deletes the events received before cutoff and the traffic
// aggregates of hours before it. Findings, sources, settings and import
// offsets are kept: a finding outlives its evidence lines.
func (s *Store) Prune(ctx context.Context, cutoff time.Time) (Pruned, error) {
	var p Pruned
	for {
		// Row ids grow with receive time, so the oldest rows come first
		// and each batch stops scanning early.
		res, err := s.db.ExecContext(ctx, `DELETE FROM events WHERE id IN
			(SELECT id FROM events WHERE received < ? ORDER BY id LIMIT ?)`, millis(cutoff), pruneBatch)
		if err != nil {
			return p, fmt.Errorf("prune events: %w", err)
		}
		n, err := res.RowsAffected()
		if err != nil {
			return p, fmt.Errorf("prune events: %w", err)
		}
		p.Events += n
		if n < pruneBatch {
			break
		}
	}
	res, err := s.db.ExecContext(ctx, `DELETE FROM traffic_hourly WHERE hour < ?`, millis(cutoff))
	if err != nil {
		return p, fmt.Errorf("prune traffic aggregates: %w", err)
	}
	if p.Traffic, err = res.RowsAffected(); err != nil {
		return p, fmt.Errorf("prune traffic aggregates: %w", err)
	}
	return p, nil
}

// UsedBytes returns the space the database's live pages take: its size
// without the free pages SQLite keeps for reuse.
func (s *Store) UsedBytes(ctx context.Context) (int64, error) {
	var pages, free, size int64
	err := s.db.QueryRowContext(ctx, `SELECT p.page_count, f.freelist_count, s.page_size
		FROM pragma_page_count() p, pragma_freelist_count() f, pragma_page_size() s`).Scan(&pages, &free, &size)
	if err != nil {
		return 0, fmt.Errorf("measure database: %w", err)
	}
	return (pages - free) * size, nil
}

// EnforceCap deletes the oldest day of events and traffic aggregates, one
// day at a time, until the database uses at most limit bytes or holds no
// more of them. Findings are kept.
func (s *Store) EnforceCap(ctx context.Context, limit int64) (Pruned, error) {
	var total Pruned
	for {
		used, err := s.UsedBytes(ctx)
		if err != nil || used <= limit {
			return total, err
		}
		oldest, err := s.oldestReceived(ctx)
		if err != nil || oldest.IsZero() {
			return total, err
		}
		p, err := s.Prune(ctx, oldest.Truncate(24*time.Hour).Add(24*time.Hour))
		total.Events += p.Events
		total.Traffic += p.Traffic
		if err != nil {
			return total, err
		}
	}
}

// oldestReceived is the receive time of the oldest stored event or
// aggregate hour; zero when there is neither.
func (s *Store) oldestReceived(ctx context.Context) (time.Time, error) {
	var ev, hour int64
	if err := s.db.QueryRowContext(ctx, `SELECT coalesce((SELECT received FROM events ORDER BY id LIMIT 1), 0),
		coalesce((SELECT min(hour) FROM traffic_hourly), 0)`).Scan(&ev, &hour); err != nil {
		return time.Time{}, fmt.Errorf("find oldest event: %w", err)
	}
	switch {
	case ev == 0 && hour == 0:
		return time.Time{}, nil
	case ev == 0:
		return fromMillis(hour), nil
	case hour == 0:
		return fromMillis(ev), nil
	}
	return fromMillis(min(ev, hour)), nil
}

// StorageHealth measures the database against the cap in the settings and
// the free space of the disk it is on.
func (s *Store) StorageHealth(ctx context.Context) (*monitor.StorageHealth, error) {
	set, err := s.Settings(ctx)
	if err != nil {
		return nil, err
	}
	used, err := s.UsedBytes(ctx)
	if err != nil {
		return nil, err
	}
	free, err := freeBytes(filepath.Dir(s.path))
	if err != nil {
		free = -1 // unknown: no reason is raised from it
	}
	return &monitor.StorageHealth{DBBytes: used, LimitBytes: int64(set.MaxDBMB) << 20, FreeBytes: free}, nil
}
