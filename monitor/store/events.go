package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// eventColumns are the events table's columns in insert order.
var eventColumns = []string{
	"time", "time_guessed", "received", "source", "vendor", "kind", "action", "direction",
	"src_ip", "src_port", "dst_ip", "dst_port", "proto", "user", "service", "threat",
	"category", "url", "domain", "severity", "country", "vendor_id", "malformed", "raw",
}

// eventsPerStatement is how many rows one multi-row INSERT carries; SQLite
// allows 32766 bound parameters per statement.
const eventsPerStatement = 500

// InsertEvents stores events in full in one transaction, using multi-row
// inserts. (Writer decides what is kept in full; this stores everything.)
func (s *Store) InsertEvents(ctx context.Context, events []monitor.Event) error {
	if len(events) == 0 {
		return nil
	}
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	defer tx.Rollback()
	if err := insertEvents(ctx, tx, events); err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("insert events: %w", err)
	}
	return nil
}

// insertEvents inserts events within tx.
func insertEvents(ctx context.Context, tx *sql.Tx, events []monitor.Event) error {
	if len(events) == 0 {
		return nil
	}
	row := "(?" + strings.Repeat(", ?", len(eventColumns)-1) + ")"
	head := "INSERT INTO events (" + strings.Join(eventColumns, ", ") + ") VALUES "
	statement := func(n int) string { return head + row + strings.Repeat(", "+row, n-1) }
	var full *sql.Stmt
	if len(events) >= eventsPerStatement {
		stmt, err := tx.PrepareContext(ctx, statement(eventsPerStatement))
		if err != nil {
			return err
		}
		defer stmt.Close()
		full = stmt
	}

	args := make([]any, 0, eventsPerStatement*len(eventColumns))
	for len(events) > 0 {
		n := min(len(events), eventsPerStatement)
		args = args[:0]
		for _, e := range events[:n] {
			args = append(args, millis(e.Time), e.TimeGuessed, millis(e.Received), e.Source,
				string(e.Vendor), string(e.Kind), string(e.Action), string(e.Direction),
				e.SrcIP, e.SrcPort, e.DstIP, e.DstPort, e.Proto, e.User, e.Service, e.Threat,
				e.Category, e.URL, e.Domain, e.Severity, e.Country, e.VendorID, e.Malformed, e.Raw)
		}
		var err error
		if n == eventsPerStatement {
			_, err = full.ExecContext(ctx, args...)
		} else {
			_, err = tx.ExecContext(ctx, statement(n), args...)
		}
		if err != nil {
			return err
		}
		events = events[n:]
	}
	return nil
}

// CountEvents returns how many events are stored.
func (s *Store) CountEvents(ctx context.Context) (int64, error) {
	var n int64
	if err := s.db.QueryRowContext(ctx, "SELECT count(*) FROM events").Scan(&n); err != nil {
		return 0, fmt.Errorf("count events: %w", err)
	}
	return n, nil
}

// OldestEventTime returns the time of the oldest stored event; zero when
// there is none.
func (s *Store) OldestEventTime(ctx context.Context) (time.Time, error) {
	var ms sql.NullInt64
	if err := s.db.QueryRowContext(ctx, "SELECT min(time) FROM events").Scan(&ms); err != nil {
		return time.Time{}, fmt.Errorf("oldest event: %w", err)
	}
	return fromMillis(ms.Int64), nil
}

// EachEventSince calls fn with every stored event whose time is at since
// or later, oldest first, without its raw line, and returns how many it
// read. With more than limit such events, only the newest limit (or a few
// more, sharing the oldest one's millisecond) are read. fn may keep
// neither the event nor the pointer: the next call reuses them. The
// detector's warm-up after a restart reads the events of its rules'
// longest window this way; it needs no raw line, the largest column.
func (s *Store) EachEventSince(ctx context.Context, since time.Time, limit int, fn func(*monitor.Event)) (int, error) {
	fail := func(err error) error { return fmt.Errorf("read events since %s: %w", since.Format(time.RFC3339), err) }
	from := millis(since)
	// Past the limit, start at the time of the limit-th newest event: the
	// time index then reads them in order, with nothing to sort.
	var cutoff sql.NullInt64
	err := s.db.QueryRowContext(ctx, `SELECT time FROM events WHERE time >= ? ORDER BY time DESC LIMIT 1 OFFSET ?`,
		from, max(limit, 1)-1).Scan(&cutoff)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return 0, fail(err)
	case cutoff.Valid:
		from = max(from, cutoff.Int64)
	}
	cols := strings.Join(eventColumns[:len(eventColumns)-1], ", ") // not raw
	rows, err := s.db.QueryContext(ctx, `SELECT `+cols+` FROM events WHERE time >= ? ORDER BY time, id`, from)
	if err != nil {
		return 0, fail(err)
	}
	defer rows.Close()
	var (
		ev                 monitor.Event
		at, received       int64
		vendor, kind       string
		action, direction  string
		guessed, malformed bool
		n                  int
	)
	for rows.Next() {
		if err := rows.Scan(&at, &guessed, &received, &ev.Source, &vendor, &kind, &action, &direction,
			&ev.SrcIP, &ev.SrcPort, &ev.DstIP, &ev.DstPort, &ev.Proto, &ev.User, &ev.Service, &ev.Threat,
			&ev.Category, &ev.URL, &ev.Domain, &ev.Severity, &ev.Country, &ev.VendorID, &malformed); err != nil {
			return n, fail(err)
		}
		ev.Time, ev.TimeGuessed, ev.Received, ev.Malformed = fromMillis(at), guessed, fromMillis(received), malformed
		ev.Vendor, ev.Kind, ev.Action, ev.Direction = monitor.Vendor(vendor), monitor.Kind(kind), monitor.Action(action), monitor.Direction(direction)
		fn(&ev)
		n++
	}
	if err := rows.Err(); err != nil {
		return n, fail(err)
	}
	return n, nil
}
