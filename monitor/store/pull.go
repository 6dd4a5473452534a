package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// PullMark is where a puller stands in one stream of one source (a log
// type of a FortiGate's REST API, say): an opaque cursor the puller wrote
// and reads back. Like an ImportMark it is committed with the events read
// up to it.
type PullMark struct {
	Source string
	Stream string
	Cursor string
}

// FlushWithCursor writes what is queued and the given marks in one
// transaction. Without events it still records the marks (a poll that
// found nothing new may have moved its cursor past lines it skipped).
func (w *Writer) FlushWithCursor(ctx context.Context, marks ...PullMark) error {
	if w.pending == 0 && len(marks) == 0 {
		return nil
	}
	return w.commit(ctx, func(ctx context.Context, tx *sql.Tx) error {
		for _, m := range marks {
			if err := setPullCursor(ctx, tx, m); err != nil {
				return err
			}
		}
		return nil
	})
}

// PullCursor returns the cursor last stored for source and stream, or ""
// when there is none.
func (s *Store) PullCursor(ctx context.Context, source, stream string) (string, error) {
	var c string
	err := s.db.QueryRowContext(ctx, `SELECT cursor FROM pull_cursors WHERE source = ? AND stream = ?`,
		source, stream).Scan(&c)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read pull cursor of %s %s: %w", source, stream, err)
	}
	return c, nil
}

// SetPullCursor stores a cursor on its own, outside any batch of events.
func (s *Store) SetPullCursor(ctx context.Context, m PullMark) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("record pull cursor of %s %s: %w", m.Source, m.Stream, err)
	}
	defer tx.Rollback()
	if err := setPullCursor(ctx, tx, m); err != nil {
		return err
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("record pull cursor of %s %s: %w", m.Source, m.Stream, err)
	}
	return nil
}

func setPullCursor(ctx context.Context, tx *sql.Tx, m PullMark) error {
	if m.Source == "" || m.Stream == "" {
		return errors.New("record pull cursor: source and stream are required")
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO pull_cursors (source, stream, cursor, updated)
		VALUES (?, ?, ?, ?) ON CONFLICT (source, stream) DO UPDATE SET cursor = excluded.cursor,
		updated = excluded.updated`, m.Source, m.Stream, m.Cursor, time.Now().UnixMilli())
	if err != nil {
		return fmt.Errorf("record pull cursor of %s %s: %w", m.Source, m.Stream, err)
	}
	return nil
}
