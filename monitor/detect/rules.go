package detect

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

// maxDistinct bounds the distinct values a counter keeps per field.
const maxDistinct = 1000

// matcher is a compiled Match.
type matcher struct {
	vendor, kind, action, direction, proto, category []string
	service, servicePrefix                           []string
	dstPort                                          []int
	hasUser                                          *bool
}

func compileMatch(m Match) matcher {
	c := matcher{
		vendor: m.Vendor, kind: m.Kind, action: m.Action, direction: m.Direction,
		proto: m.Proto, category: m.Category, dstPort: m.DstPort, hasUser: m.HasUser,
	}
	for _, s := range m.Service {
		if p, ok := strings.CutSuffix(s, "*"); ok {
			c.servicePrefix = append(c.servicePrefix, p)
		} else {
			c.service = append(c.service, s)
		}
	}
	return c
}

func in(list []string, v string) bool {
	return len(list) == 0 || slices.Contains(list, v)
}

func (m *matcher) match(ev *monitor.Event) bool {
	if !in(m.kind, string(ev.Kind)) || !in(m.action, string(ev.Action)) ||
		!in(m.direction, string(ev.Direction)) || !in(m.vendor, string(ev.Vendor)) ||
		!in(m.proto, ev.Proto) || !in(m.category, ev.Category) {
		return false
	}
	if len(m.dstPort) > 0 && !slices.Contains(m.dstPort, ev.DstPort) {
		return false
	}
	if m.hasUser != nil && *m.hasUser != (ev.User != "") {
		return false
	}
	if len(m.service) > 0 || len(m.servicePrefix) > 0 {
		ok := slices.Contains(m.service, ev.Service)
		for _, p := range m.servicePrefix {
			ok = ok || strings.HasPrefix(ev.Service, p)
		}
		if !ok {
			return false
		}
	}
	return true
}

// filter is a spec's Match minus its Exclude entries.
type filter struct {
	match   matcher
	exclude []matcher
}

func compileFilter(s Spec) filter {
	f := filter{match: compileMatch(s.Match)}
	for _, x := range s.Exclude {
		f.exclude = append(f.exclude, compileMatch(x))
	}
	return f
}

func (f *filter) ok(ev *monitor.Event) bool {
	if !f.match.match(ev) {
		return false
	}
	for i := range f.exclude {
		if f.exclude[i].match(ev) {
			return false
		}
	}
	return true
}

func compile(s Spec, settings *Settings) (runner, error) {
	sev, err := monitor.ParseSeverity(s.Severity)
	if err != nil {
		return nil, err
	}
	base := ruleBase{spec: s, rule: s.Rule, severity: sev, filter: compileFilter(s), max: settings.MaxSubjects}
	switch s.Type {
	case TypeThreshold:
		return newThreshold(base), nil
	case TypeCampaign:
		return &campaignRule{ruleBase: base, targets: map[string]*campaign{}}, nil
	case TypeBeacon:
		return newBeacon(base, settings), nil
	case TypeLoginAfterFailures:
		return newLoginAfterFailures(base), nil
	case TypeAdminUnusual:
		return newAdminUnusual(base, settings), nil
	case TypeTIMatch:
		return &tiRule{ruleBase: base, list: settings.Blocklist}, nil
	case TypeSilence:
		return &silenceRule{ruleBase: base, hours: settings.BusinessHours, loc: settings.Location, last: map[string]int64{}, seen: map[string]int{}}, nil
	}
	return nil, fmt.Errorf("unknown type %q", s.Type)
}

// ruleBase is what every compiled rule has.
type ruleBase struct {
	spec     Spec
	rule     string
	severity monitor.Severity
	filter   filter
	max      int // subjects kept at most
}

// subjectOf returns the spec's subject field of ev, or "".
func subjectOf(field string, ev *monitor.Event) string {
	switch field {
	case "src_ip":
		return ev.SrcIP
	case "dst_ip":
		return ev.DstIP
	case "user":
		return ev.User
	case "source":
		return ev.Source
	case "target":
		return target(ev)
	case "internal_ip":
		if ev.Direction == monitor.DirectionInbound {
			return ev.DstIP
		}
		return ev.SrcIP
	}
	return ""
}

// target names what an attack on a service of a device aims at:
// "ssl-vpn@FGT60F". The device is the event's source name.
func target(ev *monitor.Event) string {
	svc := ev.Service
	if svc == "" {
		svc = "login"
	}
	src := ev.Source
	if src == "" {
		src = "device"
	}
	return svc + "@" + src
}

// thresholdRule counts matching events per subject in a window anchored
// at the subject's first event; a window that ran out starts again at the
// next event. Distinct values are kept as hashes, up to the threshold.
//
// Counters expire in the order their windows started, so the rule keeps
// that order in a queue: a sweep only looks at the counters that ran out,
// not at every subject (under a flood of distinct sources, 100,000 of
// them every ten minutes). Counters that are dropped are reused, with
// their slices, for the next new subject.
type thresholdRule struct {
	ruleBase
	fields  []string // MinDistinct fields, sorted
	mins    []int
	seed    maphash.Seed
	window  int64
	counter map[string]*counter
	expiry  windowQueue
	spare   []*counter // dropped counters, to reuse
}

type counter struct {
	subject  string // the map's key
	start    int64
	n        int
	distinct [][]uint64
	dests    []string
}

// windowQueue is the subjects of a rule in the order their windows
// started. An entry whose counter was dropped or started again since is
// stale and skipped.
type windowQueue struct {
	entries []windowStart
	head    int
}

type windowStart struct {
	start   int64
	subject string // the counter map's own key
}

func (q *windowQueue) push(start int64, subject string) {
	if q.head > 0 && q.head >= len(q.entries)/2 {
		n := copy(q.entries, q.entries[q.head:])
		clear(q.entries[n:])
		q.entries, q.head = q.entries[:n], 0
	}
	q.entries = append(q.entries, windowStart{start, subject})
}

func (q *windowQueue) len() int { return len(q.entries) - q.head }

func newThreshold(b ruleBase) *thresholdRule {
	r := &thresholdRule{ruleBase: b, seed: maphash.MakeSeed(), window: int64(b.spec.Window), counter: map[string]*counter{}}
	for _, f := range slices.Sorted(mapKeys(b.spec.MinDistinct)) {
		r.fields = append(r.fields, f)
		r.mins = append(r.mins, b.spec.MinDistinct[f])
	}
	return r
}

// newCounter returns a counter for a window starting at t, reusing a
// dropped one when there is one.
func (r *thresholdRule) newCounter(t int64) *counter {
	if n := len(r.spare); n > 0 {
		c := r.spare[n-1]
		r.spare = r.spare[:n-1]
		c.reset(t)
		return c
	}
	return &counter{start: t, distinct: make([][]uint64, len(r.fields))}
}

// reset starts the counter's window again at t, keeping its slices.
func (c *counter) reset(t int64) {
	c.start, c.n = t, 0
	for i := range c.distinct {
		c.distinct[i] = c.distinct[i][:0]
	}
	clear(c.dests)
	c.dests = c.dests[:0]
}

// drop forgets subject's counter and keeps it for reuse: up to a quarter
// of the subjects the rule may hold, enough for the counters that run out
// in one sweep under a flood of new sources.
func (r *thresholdRule) drop(subject string, c *counter) {
	delete(r.counter, subject)
	if len(r.spare) < r.max/4 {
		r.spare = append(r.spare, c)
	}
}

func (r *thresholdRule) distinctValue(field string, ev *monitor.Event) uint64 {
	switch field {
	case "dst_port":
		return uint64(ev.DstPort) + 1
	case "src_ip":
		return maphash.String(r.seed, ev.SrcIP)
	case "dst_ip":
		return maphash.String(r.seed, ev.DstIP)
	case "user":
		return maphash.String(r.seed, ev.User)
	case "country":
		return maphash.String(r.seed, ev.Country)
	}
	return 0
}

func (r *thresholdRule) observe(e *Engine, ev *monitor.Event, t int64) {
	if !r.filter.ok(ev) {
		return
	}
	subject := subjectOf(r.spec.Subject, ev)
	if subject == "" {
		return
	}
	if e.isOpen(r.rule, subject) {
		h := r.hit(subject, ev, t, 1, 0)
		h.grow = true
		e.raise(h, ev)
		return
	}
	c := r.counter[subject]
	if c == nil {
		if len(r.counter) >= r.max {
			r.evict(t)
		}
		c = r.newCounter(t)
		c.subject = strings.Clone(subject)
		r.counter[c.subject] = c
		r.expiry.push(t, c.subject)
	} else if t-c.start > r.window {
		c.reset(t)
		r.expiry.push(t, c.subject) // not subject: it may point into a reused buffer
	}
	c.n++
	done := c.n >= r.spec.MinCount
	for i, f := range r.fields {
		set := c.distinct[i]
		if len(set) < r.mins[i] {
			v := r.distinctValue(f, ev)
			if !slices.Contains(set, v) {
				c.distinct[i] = append(set, v)
			}
		}
		done = done && len(c.distinct[i]) >= r.mins[i]
	}
	if len(c.dests) < 5 && ev.DstIP != "" && !slices.Contains(c.dests, ev.DstIP) && r.spec.Subject != "dst_ip" {
		c.dests = append(c.dests, strings.Clone(ev.DstIP))
	}
	if !done {
		return
	}
	h := r.hit(subject, ev, t, c.n, c.start)
	h.dests = c.dests
	e.raise(h, ev)
	r.drop(subject, c)
}

// hit is the evidence one event gives: its source, user, destination and
// raw line; n is how many events it stands for.
func (r *thresholdRule) hit(subject string, ev *monitor.Event, t int64, n int, first int64) hit {
	h := hit{rule: r.rule, severity: r.severity, subject: subject, at: t, first: first, count: n, sample: ev.Raw}
	if ev.Direction != monitor.DirectionOutbound && ev.Direction != monitor.DirectionInternal {
		h.country = ev.Country // the country of the source, not of a destination
	}
	if ev.SrcIP != "" {
		h.sources = []string{ev.SrcIP}
	}
	if ev.User != "" {
		h.users = []string{ev.User}
	}
	if ev.DstIP != "" && r.spec.Subject != "dst_ip" {
		h.dests = []string{ev.DstIP}
	}
	return h
}

func (r *thresholdRule) sweep(now int64) {
	q := &r.expiry
	for q.len() > 0 {
		w := q.entries[q.head]
		if now-w.start <= r.window {
			break
		}
		q.entries[q.head] = windowStart{}
		q.head++
		if c := r.counter[w.subject]; c != nil && c.start == w.start {
			r.drop(w.subject, c)
		}
	}
	// Stale entries (counters raised, evicted or started again) are
	// dropped when they outnumber the live ones.
	if q.len() > 2*len(r.counter)+1024 {
		live := q.entries[:0]
		for _, w := range q.entries[q.head:] {
			if c := r.counter[w.subject]; c != nil && c.start == w.start {
				live = append(live, w)
			}
		}
		clear(q.entries[len(live):])
		q.entries, q.head = live, 0
	}
}

// evict makes room when the rule holds max subjects: first those whose
// window ran out, then (under a flood of distinct sources) any half.
func (r *thresholdRule) evict(now int64) {
	r.sweep(now)
	// Events a little out of order can leave a counter that ran out
	// behind a later one in the queue: when full, look at them all.
	for k, c := range r.counter {
		if now-c.start > r.window {
			r.drop(k, c)
		}
	}
	if len(r.counter) < r.max*9/10 {
		return
	}
	n := len(r.counter) / 2
	for k, c := range r.counter {
		if n == 0 {
			break
		}
		r.drop(k, c)
		n--
	}
}
