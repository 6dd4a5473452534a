package detect

import (
	"hash/maphash"
	"math"
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// The beacon rule follows RITA's idea: malware calling home does it at
// regular intervals, so the intervals between a host's connections to one
// destination are nearly all the same (low dispersion, no skew). Regular
// traffic alone is not enough — copiers, NAS backups and update agents are
// regular too — so a finding also needs the pattern of seed case 2: it
// happens only in business hours (a browser that is open while people
// work), or the destination was never seen before. Both: high; one: medium.
// Destinations shared by many internal hosts are common services, and
// well-known periodic services are ignored by port and domain in the spec.

// beaconRing is how many calls a pair keeps.
const beaconRing = 64

// maxPrevalence bounds the hosts counted per destination.
const maxPrevalence = 32

// beaconGap is the longest pause still counted as an interval: longer ones
// are nights and weekends, when a business-hours beacon sleeps.
const beaconGap = 2 * time.Hour

type beaconRule struct {
	ruleBase
	seed     maphash.Seed
	hours    Hours
	loc      *time.Location
	ignore   allowList
	pairs    map[pairKey]*beaconPair
	dests    map[string]*destination
	maxPairs int
}

type pairKey struct{ src, dst string }

type beaconPair struct {
	first, last int64    // unix seconds
	calls       []uint32 // unix seconds of calls, a ring of beaconRing
	n           int      // calls seen
	offHours    int      // of which outside business hours
	domain      string
	port        int
	raised      monitor.Severity // 0 (info) until raised
	// dest is the pair's destination while it is in the rule's map, and
	// counted says the pair's host is among dest's hosts: the next call
	// then needs neither the destination's lookup nor the host's hash.
	dest    *destination
	counted bool
}

// destination is what is known of a remote address across hosts.
type destination struct {
	first   int64
	hosts   []uint64 // hashes of the internal hosts that contacted it
	evicted bool     // dropped from the rule's map: pairs look it up again
}

func newBeacon(b ruleBase, s *Settings) *beaconRule {
	r := &beaconRule{
		ruleBase: b, seed: maphash.MakeSeed(), hours: s.BusinessHours, loc: s.Location,
		pairs: map[pairKey]*beaconPair{}, dests: map[string]*destination{}, maxPairs: b.max,
	}
	r.ignore, _ = newAllowList(b.spec.IgnoreDomains)
	return r
}

func (r *beaconRule) observe(e *Engine, ev *monitor.Event, t int64) {
	if ev.DstIP == "" || ev.SrcIP == "" || !r.filter.ok(ev) || r.ignore.name(ev.Domain) {
		return
	}
	sec := t / int64(time.Second)
	k := pairKey{ev.SrcIP, ev.DstIP}
	p := r.pairs[k]
	var d *destination
	if p != nil && p.dest != nil && !p.dest.evicted && p.counted {
		d = p.dest // what the lookups below would find and do
	} else {
		d = r.dests[ev.DstIP]
		if d == nil {
			if len(r.dests) >= r.max {
				r.evictDests(sec)
			}
			d = &destination{first: sec}
			r.dests[strings.Clone(ev.DstIP)] = d
		}
		counted := false
		if len(d.hosts) < maxPrevalence {
			h := maphash.String(r.seed, ev.SrcIP)
			if !slices.Contains(d.hosts, h) {
				d.hosts = append(d.hosts, h)
			}
			counted = true
		}
		if p == nil {
			if len(r.pairs) >= r.maxPairs {
				r.evictPairs(sec)
			}
			p = &beaconPair{first: sec, port: ev.DstPort}
			r.pairs[pairKey{strings.Clone(ev.SrcIP), strings.Clone(ev.DstIP)}] = p
		}
		p.dest, p.counted = d, counted
	}
	if p.domain == "" && ev.Domain != "" {
		p.domain = strings.Clone(ev.Domain)
	}
	now := uint32(sec)
	if len(p.calls) > 0 && now-p.calls[(p.n-1)%beaconRing] < 60 {
		p.last = sec
		if p.raised > 0 {
			r.grow(e, ev, t)
		}
		return // connections within a minute of a call are part of it
	}
	if len(p.calls) < beaconRing {
		p.calls = append(p.calls, now)
	} else {
		p.calls[p.n%beaconRing] = now
	}
	p.n++
	p.last = sec
	if !r.hours.Contains(ev.Time.In(r.loc)) {
		p.offHours++
	}
	if p.raised > 0 {
		r.grow(e, ev, t)
	}
	// Scored every eighth call until high: a beacon found in its first
	// hours is medium (new destination) and turns high once a night has
	// shown that it keeps business hours.
	if p.n < r.spec.MinConnections || p.n%8 != 0 || p.raised >= monitor.SeverityHigh {
		return
	}
	r.evaluate(e, ev, t, p, d)
}

func (r *beaconRule) grow(e *Engine, ev *monitor.Event, t int64) {
	h := hit{rule: r.rule, severity: monitor.SeverityInfo, subject: ev.SrcIP, at: t, count: 1,
		dests: []string{ev.DstIP}, sample: ev.Raw, grow: true}
	e.raise(h, ev)
}

// beaconScore is RITA's timestamp score: 1 for perfectly regular
// intervals. It is the mean of a skew score (Bowley's quartile skewness,
// 0 for symmetric intervals) and a dispersion score (median absolute
// deviation against the median).
func beaconScore(intervals []float64) (score, median float64) {
	if len(intervals) < 4 {
		return 0, 0
	}
	s := slices.Clone(intervals)
	slices.Sort(s)
	q1, q2, q3 := quantile(s, 0.25), quantile(s, 0.5), quantile(s, 0.75)
	skew := 0.0
	if q3-q1 > 0 {
		skew = (q3 + q1 - 2*q2) / (q3 - q1)
	}
	dev := make([]float64, len(s))
	for i, v := range s {
		dev[i] = math.Abs(v - q2)
	}
	slices.Sort(dev)
	mad := quantile(dev, 0.5)
	madScore := 0.0
	if q2 > 0 {
		madScore = max(0, 1-mad/q2)
	}
	return (1-math.Abs(skew))/2 + madScore/2, q2
}

func quantile(sorted []float64, q float64) float64 {
	pos := q * float64(len(sorted)-1)
	lo := int(pos)
	if lo+1 >= len(sorted) {
		return sorted[lo]
	}
	f := pos - float64(lo)
	return sorted[lo]*(1-f) + sorted[lo+1]*f
}

func (r *beaconRule) evaluate(e *Engine, ev *monitor.Event, t int64, p *beaconPair, d *destination) {
	if len(d.hosts) > r.spec.MaxPrevalence {
		return
	}
	n := len(p.calls)
	ordered := make([]uint32, 0, n)
	start := 0
	if p.n > beaconRing {
		start = p.n % beaconRing
	}
	for i := range n {
		ordered = append(ordered, p.calls[(start+i)%n])
	}
	intervals := make([]float64, 0, n)
	for i := 1; i < n; i++ {
		gap := float64(ordered[i] - ordered[i-1])
		if gap <= beaconGap.Seconds() {
			intervals = append(intervals, gap)
		}
	}
	if len(intervals) < r.spec.MinConnections/2 {
		return
	}
	score, median := beaconScore(intervals)
	if score < r.spec.MinScore || median < 60 {
		return
	}
	span := time.Duration(p.last-p.first) * time.Second
	businessOnly := span >= r.spec.Window.duration() && float64(p.offHours) <= 0.02*float64(p.n)
	isNew := e.learned(d.first * int64(time.Second))
	sev := monitor.SeverityMedium
	switch {
	case businessOnly && isNew:
		sev = monitor.SeverityHigh
	case !businessOnly && !isNew:
		return
	}
	if sev <= p.raised {
		return
	}
	first := p.raised == 0
	p.raised = sev
	h := hit{rule: r.rule, severity: sev, subject: ev.SrcIP, at: t, first: p.first * int64(time.Second), counts: map[string]int{}}
	if first {
		// Later calls are counted as they come (grow); so are the counts,
		// which add up in the store: only what is new is given.
		h.count = p.n
		h.sources, h.dests, h.sample = []string{ev.SrcIP}, []string{ev.DstIP}, ev.Raw
		if p.domain != "" {
			h.dests = append(h.dests, p.domain)
		}
		h.counts["interval_seconds"] = int(median)
		h.counts["score_percent"] = int(score * 100)
		if isNew {
			h.counts["new_destination"] = 1
		}
	}
	if businessOnly {
		h.counts["business_hours_only"] = 1
	}
	e.raise(h, ev)
}

func (d Duration) duration() time.Duration { return time.Duration(d) }

// evictPairs drops pairs not seen for the rule's window, then any half.
func (r *beaconRule) evictPairs(now int64) {
	r.sweepPairs(now)
	if len(r.pairs) < r.maxPairs*9/10 {
		return
	}
	n := len(r.pairs) / 2
	for k := range r.pairs {
		if n == 0 {
			break
		}
		delete(r.pairs, k)
		n--
	}
}

func (r *beaconRule) sweepPairs(now int64) {
	// Kept over a long weekend: a business-hours beacon sleeps from Friday
	// evening to Monday morning.
	keep := int64(max(2*r.spec.Window.duration(), 4*24*time.Hour) / time.Second)
	for k, p := range r.pairs {
		if now-p.last > keep {
			delete(r.pairs, k)
		}
	}
}

// evictDests forgets half of the destinations when full: the oldest first
// seen are the least likely to be new anyway.
func (r *beaconRule) evictDests(now int64) {
	cut := now - int64(30*24*time.Hour/time.Second)
	for k, d := range r.dests {
		if d.first < cut {
			d.evicted = true
			delete(r.dests, k)
		}
	}
	n := len(r.dests) / 2
	for k, d := range r.dests {
		if len(r.dests) < r.max*9/10 || n == 0 {
			break
		}
		d.evicted = true
		delete(r.dests, k)
		n--
	}
}

func (r *beaconRule) sweep(now int64) {
	r.sweepPairs(now / int64(time.Second))
}
