package detect

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// silenceRule raises when a log source that was talking says nothing for
// After of business hours: a pulled cable, a power cut, syslog switched
// off — or someone covering their tracks. Quiet nights and weekends do not
// count: a small office's router may have little to say then. (A source
// that is silent right now is the traffic light's job, from receive
// times; this rule finds the gaps in the history.)
type silenceRule struct {
	ruleBase
	hours Hours
	loc   *time.Location
	last  map[string]int64
	seen  map[string]int
}

// chatty is how many events a source must have sent before its silence
// means anything: a source that says little is not missed.
const chatty = 200

func (r *silenceRule) observe(e *Engine, ev *monitor.Event, t int64) {
	if ev.TimeGuessed || !r.filter.ok(ev) {
		return
	}
	name := ev.Source
	if name == "" {
		name = "device"
	}
	last, ok := r.last[name]
	if !ok {
		if len(r.last) >= r.max {
			clear(r.last)
			clear(r.seen)
		}
		name = strings.Clone(name)
		r.last[name], r.seen[name] = t, 1
		return
	}
	if t <= last {
		return
	}
	r.last[name] = t
	if r.seen[name] < chatty {
		r.seen[name]++
		return
	}
	after := r.spec.After.duration()
	if time.Duration(t-last) < after {
		return
	}
	busy := r.businessOverlap(time.Unix(0, last), time.Unix(0, t))
	if busy < after {
		return
	}
	e.raise(hit{rule: r.rule, severity: r.severity, subject: name, at: t, first: last, count: 1,
		sample: ev.Raw, counts: map[string]int{"silent_minutes": int(time.Duration(t-last) / time.Minute)}}, ev)
}

// businessOverlap is how much of [from, to) lies in business hours, to
// the minute.
func (r *silenceRule) businessOverlap(from, to time.Time) time.Duration {
	const step = time.Minute
	var d time.Duration
	if to.Sub(from) > 31*24*time.Hour {
		from = to.Add(-31 * 24 * time.Hour)
	}
	for t := from.Truncate(step); t.Before(to); t = t.Add(step) {
		if r.hours.Contains(t.In(r.loc)) {
			d += step
		}
	}
	return d
}

func (r *silenceRule) sweep(int64) {}
