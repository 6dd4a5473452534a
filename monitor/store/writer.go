package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Aggregated reports whether an event is stored as part of its hour's
// traffic aggregate rather than in full: allowed traffic and web visits.
// Everything security-relevant — denies, blocks, alerts, logins, VPN,
// system events, and lines no parser understood — is kept in full with its
// raw line.
func Aggregated(e *monitor.Event) bool {
	if e.Kind != monitor.KindTraffic && e.Kind != monitor.KindWeb {
		return false
	}
	switch e.Action {
	case monitor.ActionAllow, monitor.ActionOther, "":
		return true
	}
	return false
}

type aggKey struct {
	hour                         int64
	source, src, dst, proto, dom string
	port                         int
}

type aggValue struct {
	count       int64
	first, last int64
}

// ImportMark is where an import stands in one file: committed in the same
// transaction as the events read up to it, so a crash never counts a line
// twice or loses one.
type ImportMark struct {
	Path     string
	Identity string
	Offset   int64
	Lines    int64
}

// Writer collects events and writes them in one transaction per Flush:
// full events with multi-row inserts, allowed traffic folded into hourly
// aggregates. It is not safe for concurrent use: one writer goroutine owns
// it (ARCHITECTURE.md, "What is stored").
type Writer struct {
	s       *Store
	events  []monitor.Event
	agg     map[aggKey]*aggValue
	pending int
}

// NewWriter returns a Writer for s.
func (s *Store) NewWriter() *Writer {
	return &Writer{s: s, agg: map[aggKey]*aggValue{}}
}

// Add queues one event.
func (w *Writer) Add(e *monitor.Event) {
	w.pending++
	if !Aggregated(e) {
		w.events = append(w.events, *e)
		return
	}
	t := e.Time.UnixMilli()
	k := aggKey{hour: e.Time.Truncate(time.Hour).UnixMilli(), source: e.Source, src: e.SrcIP, dst: e.DstIP,
		proto: e.Proto, dom: e.Domain, port: e.DstPort}
	v, ok := w.agg[k]
	if !ok {
		w.agg[k] = &aggValue{count: 1, first: t, last: t}
		return
	}
	v.count++
	v.first, v.last = min(v.first, t), max(v.last, t)
}

// Pending returns how many events are queued.
func (w *Writer) Pending() int { return w.pending }

// Flush writes what is queued, and mark when given, in one transaction.
func (w *Writer) Flush(ctx context.Context, mark *ImportMark) error {
	if w.pending == 0 && mark == nil {
		return nil
	}
	var recordMark func(context.Context, *sql.Tx) error
	if mark != nil {
		recordMark = func(ctx context.Context, tx *sql.Tx) error {
			_, err := tx.ExecContext(ctx, `INSERT INTO imports (path, identity, offset, lines, updated)
				VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET identity = excluded.identity,
				offset = excluded.offset, lines = excluded.lines, updated = excluded.updated`,
				mark.Path, mark.Identity, mark.Offset, mark.Lines, time.Now().UnixMilli())
			if err != nil {
				return fmt.Errorf("record import offset: %w", err)
			}
			return nil
		}
	}
	return w.commit(ctx, recordMark)
}

// commit writes what is queued and, when position is not nil, lets it
// record in the same transaction how far the input has been read, so a
// crash never stores a line without its position or the other way round.
func (w *Writer) commit(ctx context.Context, position func(context.Context, *sql.Tx) error) error {
	tx, err := w.s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("flush events: %w", err)
	}
	defer tx.Rollback()
	if err := insertEvents(ctx, tx, w.events); err != nil {
		return fmt.Errorf("flush events: %w", err)
	}
	if err := upsertAggregates(ctx, tx, w.agg); err != nil {
		return fmt.Errorf("flush traffic aggregates: %w", err)
	}
	if position != nil {
		if err := position(ctx, tx); err != nil {
			return err
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("flush events: %w", err)
	}
	w.events = w.events[:0]
	clear(w.agg)
	w.pending = 0
	return nil
}

func upsertAggregates(ctx context.Context, tx *sql.Tx, agg map[aggKey]*aggValue) error {
	if len(agg) == 0 {
		return nil
	}
	stmt, err := tx.PrepareContext(ctx, `INSERT INTO traffic_hourly
		(hour, source, src_ip, dst_ip, dst_port, proto, domain, count, first_seen, last_seen)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (hour, source, src_ip, dst_ip, dst_port, proto, domain) DO UPDATE SET
			count = count + excluded.count, first_seen = min(first_seen, excluded.first_seen),
			last_seen = max(last_seen, excluded.last_seen)`)
	if err != nil {
		return err
	}
	defer stmt.Close()
	for k, v := range agg {
		if _, err := stmt.ExecContext(ctx, k.hour, k.source, k.src, k.dst, k.port, k.proto, k.dom,
			v.count, v.first, v.last); err != nil {
			return err
		}
	}
	return nil
}

// ImportOffset returns where the last import of path stopped, or a zero
// mark when it was never imported.
func (s *Store) ImportOffset(ctx context.Context, path string) (ImportMark, error) {
	m := ImportMark{Path: path}
	err := s.db.QueryRowContext(ctx, `SELECT identity, offset, lines FROM imports WHERE path = ?`, path).
		Scan(&m.Identity, &m.Offset, &m.Lines)
	if errors.Is(err, sql.ErrNoRows) {
		return m, nil
	}
	if err != nil {
		return m, fmt.Errorf("read import offset of %s: %w", path, err)
	}
	return m, nil
}

// TrafficHour is one row of the hourly traffic aggregate.
type TrafficHour struct {
	Hour      time.Time
	Source    string
	SrcIP     string
	DstIP     string
	DstPort   int
	Proto     string
	Domain    string
	Count     int64
	FirstSeen time.Time
	LastSeen  time.Time
}

// TrafficHours returns the aggregates of hours starting in [from, to).
func (s *Store) TrafficHours(ctx context.Context, from, to time.Time) ([]TrafficHour, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT hour, source, src_ip, dst_ip, dst_port, proto, domain,
		count, first_seen, last_seen FROM traffic_hourly WHERE hour >= ? AND hour < ?
		ORDER BY hour, src_ip, dst_ip, dst_port`, from.UnixMilli(), to.UnixMilli())
	if err != nil {
		return nil, fmt.Errorf("list traffic hours: %w", err)
	}
	defer rows.Close()
	var out []TrafficHour
	for rows.Next() {
		var th TrafficHour
		var hour, first, last int64
		if err := rows.Scan(&hour, &th.Source, &th.SrcIP, &th.DstIP, &th.DstPort, &th.Proto, &th.Domain,
			&th.Count, &first, &last); err != nil {
			return nil, fmt.Errorf("list traffic hours: %w", err)
		}
		th.Hour, th.FirstSeen, th.LastSeen = fromMillis(hour), fromMillis(first), fromMillis(last)
		out = append(out, th)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("list traffic hours: %w", err)
	}
	return out, nil
}
