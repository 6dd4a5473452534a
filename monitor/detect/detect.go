// Package detect is Kizuki's local rule engine. Each rule is a YAML spec
// (embedded defaults in rules/, replaceable by the user's own files),
// validated at load with errors naming the file and field, and compiled
// into windowed counters keyed by a subject (an address, a user, a
// target such as ssl-vpn@FGT60F). Events are replayed by their own time,
// never the wall clock, so a three-day attack replays in a second and
// tests are deterministic.
//
// A finding is raised once per rule and subject and then grows with new
// evidence; after a quiet period (Settings.QuietPeriod) it resolves
// itself. Allow-listed addresses, names and subjects never raise one, and
// neither does a rule+subject the user marked as a false positive.
//
// The engine keeps no state that grows with the Internet: every rule's
// state is bounded by Settings.MaxSubjects and evicted by age.
package detect

import (
	"cmp"
	"context"
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Sink is where the engine writes findings: the store satisfies it. A
// finding recorded for a rule+subject that is still active grows it
// (count adds up, evidence lists merge).
type Sink interface {
	RecordFinding(ctx context.Context, f monitor.Finding) (monitor.Finding, error)
	// ResolveQuietFindings resolves the active findings of origin whose
	// last evidence is older than before.
	ResolveQuietFindings(ctx context.Context, origin string, before time.Time) (int, error)
}

// Evidence caps: every source of a campaign is listed, up to a limit that
// keeps a finding readable and storable.
const (
	maxEvidenceSources = 10_000
	maxEvidenceList    = 1_000
	maxSamples         = 10
)

// sweepEvery is how much event time passes between evictions of stale
// state and quiet findings.
const sweepEvery = 10 * time.Minute

// Engine runs the rules over events in time order. It is not safe for
// concurrent use: one goroutine feeds it.
type Engine struct {
	settings   Settings
	rules      []runner
	allow      allowList
	suppressed map[Key]bool
	sessions   l2tpSessions

	open      map[Key]*openFinding
	closed    []monitor.Finding // resolved while replaying, for Findings
	unflushed []monitor.Finding // last evidence of findings resolved since the last Flush

	first, now, nextSweep int64 // unix nanoseconds of event time
	events                int64
	// relearn starts the learning period again at the next event: set
	// after WarmUp.
	relearn bool
	// lookback is the longest window of the rules.
	lookback time.Duration
}

// runner is one compiled rule.
type runner interface {
	observe(e *Engine, ev *monitor.Event, t int64)
	// sweep drops state older than what the rule can still use at now.
	sweep(now int64)
}

// New compiles specs with settings. Disabled specs are skipped.
func New(specs []Spec, settings Settings) (*Engine, error) {
	s := settings.withDefaults()
	e := &Engine{settings: s, suppressed: map[Key]bool{}, open: map[Key]*openFinding{}}
	var err error
	if e.allow, err = newAllowList(s.Allow); err != nil {
		return nil, err
	}
	for _, k := range s.Suppressed {
		e.suppressed[k] = true
	}
	if s.Blocklist == nil {
		if s.Blocklist, err = DefaultBlocklist(); err != nil {
			return nil, err
		}
		e.settings.Blocklist = s.Blocklist
	}
	for _, sp := range specs {
		if sp.Disabled {
			continue
		}
		r, err := compile(sp, &e.settings)
		if err != nil {
			return nil, fmt.Errorf("compile rule %s: %w", sp.ID, err)
		}
		e.rules = append(e.rules, r)
		e.lookback = max(e.lookback, sp.Window.duration())
	}
	return e, nil
}

// NewDefault is New with the embedded rules.
func NewDefault(settings Settings) (*Engine, error) {
	specs, err := DefaultSpecs()
	if err != nil {
		return nil, err
	}
	return New(specs, settings)
}

// Suppress marks rule+subject as a false positive from now on; an open
// finding of it is dropped without being resolved.
func (e *Engine) Suppress(k Key) {
	e.suppressed[k] = true
	delete(e.open, k)
}

// maxAhead is how far an event's time may run ahead of its arrival
// (Event.Received) before the engine takes the arrival time instead.
const maxAhead = time.Hour

// Observe runs every rule over ev. Events should come in time order;
// small disorder (seconds) is harmless. Observe keeps neither ev nor any
// of its strings (it copies what it keeps), so the caller may reuse the
// event and the memory its strings point into once Observe returns.
//
// An event stamped more than an hour after it arrived — a device clock
// far ahead, or one forged line saying 2099 — is observed at its arrival
// time: the engine's clock follows event time, and a jump into the future
// would make every open finding look quiet and resolve it.
func (e *Engine) Observe(ev *monitor.Event) {
	t := ev.Time.UnixNano()
	if !ev.Received.IsZero() && ev.Time.Sub(ev.Received) > maxAhead {
		t = ev.Received.UnixNano()
	}
	if e.events == 0 {
		e.first, e.nextSweep = t, t+int64(sweepEvery)
	}
	if e.relearn {
		e.first, e.relearn = t, false
	}
	e.events++
	if t > e.now {
		e.now = t
	}
	if ev.Vendor == monitor.VendorYamahaRTX && ev.Service == "l2tp" {
		enriched := *ev
		e.sessions.enrich(&enriched, t)
		ev = &enriched
	}
	for _, r := range e.rules {
		r.observe(e, ev, t)
	}
	if e.now >= e.nextSweep {
		e.sweep()
	}
}

// Lookback is how far back an event can still count toward a finding: the
// longest window of the rules. WarmUp needs the stored events of that
// long before now.
func (e *Engine) Lookback() time.Duration { return e.lookback }

// WarmUp observes events that a previous run already observed and whose
// findings are already recorded — the stored events of the last Lookback —
// so that counts in progress survive a restart: nineteen VPN login
// failures before it and one after still make twenty. Findings the events
// raise are taken as recorded: Flush writes only what later events add.
// The learning period starts again with the next event, as it would
// without the warm-up, since traffic folded into aggregates is not among
// the stored events. It returns how many events it observed.
func (e *Engine) WarmUp(events iter.Seq[*monitor.Event]) int {
	n := 0
	for ev := range events {
		e.Observe(ev)
		n++
	}
	for _, o := range e.open {
		o.clean()
	}
	e.unflushed, e.closed = nil, nil
	e.relearn = true
	return n
}

// learned reports whether the learning period is over at t: what is first
// seen after it is new.
func (e *Engine) learned(t int64) bool {
	return t-e.first >= int64(e.settings.Learning)
}

func (e *Engine) sweep() {
	e.nextSweep = e.now + int64(sweepEvery)
	for _, r := range e.rules {
		r.sweep(e.now)
	}
	e.sessions.sweep(e.now)
	quiet := e.now - int64(e.settings.QuietPeriod)
	for k, o := range e.open {
		if o.f.LastSeen.UnixNano() < quiet {
			e.resolve(k, o)
		}
	}
}

// resolve closes an open finding; its last evidence is still written by
// the next Flush (the store then resolves it too).
func (e *Engine) resolve(k Key, o *openFinding) {
	f := o.snapshot()
	f.State = monitor.StateResolved
	e.closed = append(e.closed, f)
	if o.dirty {
		e.unflushed = append(e.unflushed, o.delta())
	}
	delete(e.open, k)
}

// Now is the latest event time seen (zero before the first event).
func (e *Engine) Now() time.Time {
	if e.events == 0 {
		return time.Time{}
	}
	return time.Unix(0, e.now).In(e.settings.Location)
}

// Events is how many events the engine has observed.
func (e *Engine) Events() int64 { return e.events }

// Findings returns every finding raised so far: those resolved while
// replaying and those still open, most severe first, then by first seen.
func (e *Engine) Findings() []monitor.Finding {
	out := slices.Clone(e.closed)
	for _, k := range slices.SortedFunc(maps.Keys(e.open), cmpKey) {
		out = append(out, e.open[k].snapshot())
	}
	slices.SortStableFunc(out, func(a, b monitor.Finding) int {
		return cmp.Or(cmp.Compare(b.Severity, a.Severity), a.FirstSeen.Compare(b.FirstSeen),
			cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Subject, b.Subject))
	})
	return out
}

func cmpKey(a, b Key) int {
	return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Subject, b.Subject))
}

// Flush writes what changed since the last Flush to sink: first the
// resolution of findings quiet for the quiet period (by event time), then
// the new evidence of each finding as one record that grows the stored one.
func (e *Engine) Flush(ctx context.Context, sink Sink) error {
	if e.events == 0 {
		return nil
	}
	for len(e.unflushed) > 0 {
		if _, err := sink.RecordFinding(ctx, e.unflushed[0]); err != nil {
			return fmt.Errorf("record finding: %w", err)
		}
		e.unflushed = e.unflushed[1:]
	}
	before := time.Unix(0, e.now-int64(e.settings.QuietPeriod))
	if _, err := sink.ResolveQuietFindings(ctx, monitor.OriginLocal, before); err != nil {
		return fmt.Errorf("resolve quiet findings: %w", err)
	}
	for _, k := range slices.SortedFunc(maps.Keys(e.open), cmpKey) {
		o := e.open[k]
		if !o.dirty {
			continue
		}
		if _, err := sink.RecordFinding(ctx, o.delta()); err != nil {
			return fmt.Errorf("record finding: %w", err)
		}
		o.clean()
	}
	return nil
}

// hit is one piece of evidence for a finding.
type hit struct {
	rule     string
	severity monitor.Severity
	subject  string
	at       int64 // unix nanoseconds
	first    int64 // when the evidence began, if before at; 0 for at
	count    int
	sources  []string
	users    []string
	dests    []string
	sample   string
	counts   map[string]int
	// country is the remote source's country, for campaign shares.
	country string
	// grow marks one more event for an open finding: several specs of
	// one rule seeing the same event count it once.
	grow bool
}

// allowed reports whether an allow-list entry covers the subject or the
// event's addresses and domain.
func (e *Engine) allowed(subject string, ev *monitor.Event) bool {
	if e.allow.empty() {
		return false
	}
	if e.allow.names[subject] || e.allow.addr(subject) {
		return true
	}
	if ev == nil {
		return false
	}
	return e.allow.addr(ev.SrcIP) || e.allow.addr(ev.DstIP) || e.allow.name(ev.Domain) ||
		(ev.User != "" && e.allow.names[ev.User])
}

// isOpen reports whether rule+subject has an open finding (which new
// evidence grows without a threshold).
func (e *Engine) isOpen(rule, subject string) bool {
	_, ok := e.open[Key{rule, subject}]
	return ok
}

// raise records h, opening a finding or growing the open one. It returns
// false when the allow list or a false-positive mark drops it.
func (e *Engine) raise(h hit, ev *monitor.Event) bool {
	k := Key{h.rule, h.subject}
	if e.suppressed[k] || e.allowed(h.subject, ev) {
		return false
	}
	o, ok := e.open[k]
	if ok && h.at-o.f.LastSeen.UnixNano() > int64(e.settings.QuietPeriod) {
		// Quiet for the quiet period: that finding resolved itself, and
		// this evidence opens a new one.
		e.resolve(k, o)
		ok = false
	}
	if !ok {
		// The subject may point into the caller's reused buffer.
		h.subject = strings.Clone(h.subject)
		k.Subject = h.subject
		o = newOpenFinding(h, e.settings.Location)
		e.open[k] = o
	}
	if h.grow && o.lastEvent == e.events {
		return true
	}
	o.lastEvent = e.events
	o.add(h, e.settings.HomeCountry)
	return true
}
