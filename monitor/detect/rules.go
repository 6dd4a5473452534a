package detect

import (
	"fmt"
	"hash/maphash"
	"slices"
	"strings"
	"unique"

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
// them in that order, in a list threaded through the counters: a sweep
// only looks at the counters that ran out, not at every subject (under a
// flood of distinct sources, 100,000 of them every ten minutes). Counters
// that are dropped are reused, with their slices, for the next new
// subject.
//
// A counter is what the rule holds per subject, so it is kept small (a
// flood from a million addresses passes through MaxSubjects of them in
// each rule): destinations are interned handles, not strings of their
// own, and the list costs two pointers, not a queue entry per window.
type thresholdRule struct {
	ruleBase
	fields  []string // MinDistinct fields, sorted
	mins    []int
	seed    maphash.Seed
	window  int64
	counter map[string]*counter
	// peerLimit bounds counter.peers; peersCounted says they are the
	// sources a min_distinct src_ip counts.
	peerLimit    int
	peersCounted bool
	order        counterList // live counters, oldest window first
	spare        []*counter  // dropped counters, to reuse
	dropped      int         // counters dropped since the map was last built
}

type counter struct {
	subject    string // the map's key
	start      int64
	n          int
	prev, next *counter // in counterList
	distinct   [][]uint64
	// peers are the addresses on the other side, as evidence: the
	// destinations (up to 5) when the subject is a source, the sources
	// (up to the spec's min_distinct src_ip, else 5) when it is the
	// destination.
	peers []unique.Handle[string]
}

// counterList is a rule's live counters in the order their windows
// started (events a little out of order aside): the head ran out first.
type counterList struct {
	head, tail *counter
}

func (l *counterList) pushBack(c *counter) {
	c.prev, c.next = l.tail, nil
	if l.tail != nil {
		l.tail.next = c
	} else {
		l.head = c
	}
	l.tail = c
}

func (l *counterList) remove(c *counter) {
	if c.prev != nil {
		c.prev.next = c.next
	} else {
		l.head = c.next
	}
	if c.next != nil {
		c.next.prev = c.prev
	} else {
		l.tail = c.prev
	}
	c.prev, c.next = nil, nil
}

func newThreshold(b ruleBase) *thresholdRule {
	r := &thresholdRule{ruleBase: b, seed: maphash.MakeSeed(), window: int64(b.spec.Window), counter: map[string]*counter{}, peerLimit: 5}
	if n := b.spec.MinDistinct["src_ip"]; b.spec.Subject == "dst_ip" && n > 0 {
		r.peerLimit, r.peersCounted = max(r.peerLimit, n), true
	}
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
		r.spare[n-1] = nil
		r.spare = r.spare[:n-1]
		c.reset(t)
		return c
	}
	c := &counter{start: t}
	if len(r.fields) > 0 {
		c.distinct = make([][]uint64, len(r.fields))
	}
	return c
}

// reset starts the counter's window again at t, keeping its slices.
func (c *counter) reset(t int64) {
	c.start, c.n = t, 0
	for i := range c.distinct {
		c.distinct[i] = c.distinct[i][:0]
	}
	clear(c.peers)
	c.peers = c.peers[:0]
}

// hasPeer reports whether the counter holds addr among its peers.
func (c *counter) hasPeer(addr string) bool {
	for _, d := range c.peers {
		if d.Value() == addr {
			return true
		}
	}
	return false
}

// peerStrings returns the counter's peers as strings.
func (c *counter) peerStrings() []string {
	if len(c.peers) == 0 {
		return nil
	}
	s := make([]string, len(c.peers))
	for i, d := range c.peers {
		s[i] = d.Value()
	}
	return s
}

// drop forgets subject's counter and keeps it for reuse: up to a quarter
// of the subjects the rule may hold, enough for the counters that run out
// in one sweep under a flood of new sources.
func (r *thresholdRule) drop(subject string, c *counter) {
	delete(r.counter, subject)
	r.order.remove(c)
	r.dropped++
	c.subject = ""
	if len(r.spare) < r.max/4 {
		r.spare = append(r.spare, c)
	}
}

// peerOf is the address on the other side of ev from the subject: the
// source when the subject is the destination, else the destination.
func (r *thresholdRule) peerOf(ev *monitor.Event) string {
	if r.spec.Subject == "dst_ip" {
		return ev.SrcIP
	}
	return ev.DstIP
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
		r.order.pushBack(c)
	} else if t-c.start > r.window {
		c.reset(t)
		r.order.remove(c)
		r.order.pushBack(c)
	}
	c.n++
	done := c.n >= r.spec.MinCount
	newSource := false
	for i, f := range r.fields {
		// Sorted, so that a set of a thousand (a distributed scan's
		// sources) costs a binary search per event, not a scan.
		set := c.distinct[i]
		if len(set) < r.mins[i] {
			v := r.distinctValue(f, ev)
			if j, found := slices.BinarySearch(set, v); !found {
				c.distinct[i] = slices.Insert(set, j, v)
				newSource = newSource || f == "src_ip"
			}
		}
		done = done && len(c.distinct[i]) >= r.mins[i]
	}
	if peer := r.peerOf(ev); peer != "" && len(c.peers) < r.peerLimit {
		// The sources of a destination's counter are new when their
		// distinct set says so; other peers (5 at most) are looked up.
		if r.peersCounted && newSource || !r.peersCounted && !c.hasPeer(peer) {
			c.peers = append(c.peers, unique.Make(peer)) // Make copies a string it keeps
		}
	}
	if !done {
		return
	}
	h := r.hit(subject, ev, t, c.n, c.start)
	if r.spec.Subject == "dst_ip" {
		h.sources = c.peerStrings()
	} else {
		h.dests = c.peerStrings()
	}
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
	for c := r.order.head; c != nil && now-c.start > r.window; c = r.order.head {
		r.drop(c.subject, c)
	}
	r.compact()
}

// compact builds the counter map again once as many subjects were dropped
// as it can hold: a Go map does not shrink, and under a flood of new
// sources its tables would keep the room of every subject deleted.
func (r *thresholdRule) compact() {
	if r.dropped < r.max {
		return
	}
	m := make(map[string]*counter, len(r.counter))
	for k, c := range r.counter {
		m[k] = c
	}
	r.counter, r.dropped = m, 0
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
	r.compact()
}
