package store

import (
	"context"
	"database/sql"
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
