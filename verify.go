package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// storeVerifier runs the wizards' verification steps against the store.
type storeVerifier struct{ st *store.Store }

var _ guidance.Verifier = storeVerifier{}

// errCheckUnavailable is returned for checks this build cannot run yet.
var errCheckUnavailable = errors.New("check not available in this build")

// Verify implements guidance.Verifier. Events are counted over the window
// before now; a source check looks at when the source last sent a line.
func (v storeVerifier) Verify(ctx context.Context, c guidance.Check, f monitor.Finding, now time.Time) (guidance.Verdict, error) {
	q := store.EventQuery{From: now.Add(-c.Window.Duration), To: now.Add(time.Millisecond)}
	var allowed int64 // allowed connections, kept as hourly totals
	switch c.Kind {
	case guidance.CheckNoFailures:
		q.Actions = []monitor.Action{monitor.ActionLoginFailure}
		q.SrcIPs = f.Evidence.Sources
		if len(q.SrcIPs) == 0 {
			return guidance.Verdict{}, fmt.Errorf("verify %s: the finding lists no sources", c.Kind)
		}
	case guidance.CheckNoThreats:
		q.Actions = []monitor.Action{monitor.ActionBlock, monitor.ActionAlert}
		q.SrcIPs = []string{f.Subject}
	case guidance.CheckNoContact:
		// Denied, blocked and alerted connections are stored events;
		// allowed ones (a beacon that still gets through) are hourly
		// totals: both count.
		q.SrcIPs = []string{f.Subject}
		q.DstIPs = f.Evidence.Destinations
		var err error
		if allowed, err = v.st.CountTrafficMatching(ctx, q); err != nil {
			return guidance.Verdict{}, err
		}
	case guidance.CheckSourceReceiving:
		sources, err := v.st.Sources(ctx)
		if err != nil {
			return guidance.Verdict{}, err
		}
		for _, s := range sources {
			if s.Name == f.Subject {
				ok := !s.LastSeen.IsZero() && now.Sub(s.LastSeen) <= c.Window.Duration
				return guidance.Verdict{OK: ok}, nil
			}
		}
		return guidance.Verdict{}, fmt.Errorf("verify %s: no source %q", c.Kind, f.Subject)
	default:
		return guidance.Verdict{}, fmt.Errorf("verify %s: %w", c.Kind, errCheckUnavailable)
	}
	n, err := v.st.CountEventsMatching(ctx, q)
	if err != nil {
		return guidance.Verdict{}, err
	}
	n += allowed
	return guidance.Verdict{OK: n == 0, Seen: n}, nil
}
