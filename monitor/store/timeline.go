package store

import (
	"context"
	"fmt"
	"net/netip"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// maxMatchIPs bounds the addresses one timeline query names: a distributed
// attack can list thousands of sources, and its subject (service@source)
// already selects its events.
const maxMatchIPs = 500

// EventMatch selects the stored events that belong to a finding: any event
// from or to one of IPs, by one of Users, or of Service on Source.
type EventMatch struct {
	IPs     []string
	Users   []string
	Service string
	Source  string
}

// MatchFor is the match of a finding's events: its subject read as an
// address, a target (service@source, as for a distributed campaign) or a
// user, and the addresses and users of its evidence.
func MatchFor(f monitor.Finding) EventMatch {
	var m EventMatch
	switch service, source, ok := strings.Cut(f.Subject, "@"); {
	case isAddr(f.Subject):
		m.IPs = append(m.IPs, f.Subject)
	case ok && service != "" && source != "":
		m.Service, m.Source = service, source
	default:
		m.Users = append(m.Users, f.Subject)
	}
	m.IPs = union(m.IPs, union(f.Evidence.Sources, f.Evidence.Destinations))
	m.Users = union(m.Users, f.Evidence.Users)
	if len(m.IPs) > maxMatchIPs {
		m.IPs = m.IPs[:maxMatchIPs]
	}
	return m
}

func isAddr(s string) bool {
	_, err := netip.ParseAddr(s)
	return err == nil
}

// EventCounts counts the events m selects in [from, to] in buckets equal
// spans: stored events by their time, allowed traffic (kept per hour) in
// the bucket of its hour. It is the finding's timeline chart.
func (s *Store) EventCounts(ctx context.Context, m EventMatch, from, to time.Time, buckets int) ([]int, error) {
	if buckets < 1 || !to.After(from) {
		return nil, fmt.Errorf("count events: need a time span and at least one bucket")
	}
	counts := make([]int, buckets)
	var conds []string
	var args []any
	if len(m.IPs) > 0 {
		in := "(?" + strings.Repeat(", ?", len(m.IPs)-1) + ")"
		conds = append(conds, "src_ip IN "+in, "dst_ip IN "+in)
		for range 2 {
			for _, ip := range m.IPs {
				args = append(args, ip)
			}
		}
	}
	var hourlyArgs []any
	hourlyConds := conds
	hourlyArgs = append(hourlyArgs, args...)
	if len(m.Users) > 0 {
		conds = append(conds, "user IN (?"+strings.Repeat(", ?", len(m.Users)-1)+")")
		for _, u := range m.Users {
			args = append(args, u)
		}
	}
	if m.Service != "" {
		conds = append(conds, "(service = ? AND source = ?)")
		args = append(args, m.Service, m.Source)
	}
	if len(conds) == 0 {
		return counts, nil
	}
	lo, hi := from.UnixMilli(), to.UnixMilli()
	span := hi - lo
	// The bucket expression keeps the last millisecond in the last bucket.
	bucket := fmt.Sprintf("min((%%s - %d) * %d / %d, %d)", lo, buckets, span, buckets-1)
	q := `SELECT ` + fmt.Sprintf(bucket, "time") + ` AS b, count(*) FROM events
		WHERE time >= ? AND time <= ? AND (` + strings.Join(conds, " OR ") + `) GROUP BY b`
	if err := s.addCounts(ctx, counts, q, append([]any{lo, hi}, args...)); err != nil {
		return nil, err
	}
	if len(hourlyConds) > 0 {
		q := `SELECT ` + fmt.Sprintf(bucket, "max(hour, "+fmt.Sprint(lo)+")") + ` AS b, sum(count) FROM traffic_hourly
			WHERE hour > ? AND hour <= ? AND (` + strings.Join(hourlyConds, " OR ") + `) GROUP BY b`
		// An hour that began before from still overlaps it.
		if err := s.addCounts(ctx, counts, q, append([]any{lo - int64(time.Hour/time.Millisecond), hi}, hourlyArgs...)); err != nil {
			return nil, err
		}
	}
	return counts, nil
}

func (s *Store) addCounts(ctx context.Context, counts []int, q string, args []any) error {
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return fmt.Errorf("count events: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var b, n int
		if err := rows.Scan(&b, &n); err != nil {
			return fmt.Errorf("count events: %w", err)
		}
		if b >= 0 && b < len(counts) {
			counts[b] += n
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("count events: %w", err)
	}
	return nil
}
