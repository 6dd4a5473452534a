package detect

import (
	"maps"
	"slices"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// openFinding is a finding being grown: its whole state, and what is new
// since the last Flush (the delta a Sink merges into the stored one).
type openFinding struct {
	f     monitor.Finding
	d     monitor.Finding
	dirty bool
	seen  map[string]bool // "s:"+source, "u:"+user, "d:"+destination, "x:"+sample
	// lastEvent is the engine's event number that last grew it.
	lastEvent int64
	// loc is the office's time zone, which the finding's times are in.
	loc *time.Location
}

func newOpenFinding(h hit, loc *time.Location) *openFinding {
	at := time.Unix(0, h.at).In(loc)
	first := at
	if h.first != 0 && h.first < h.at {
		first = time.Unix(0, h.first).In(loc)
	}
	base := monitor.Finding{
		Rule: h.rule, Subject: h.subject, Severity: h.severity, FirstSeen: first, LastSeen: at,
		Origin: monitor.OriginLocal, State: monitor.StateOpen, Playbook: h.rule,
	}
	o := &openFinding{f: base, seen: map[string]bool{}, loc: loc}
	o.clean()
	return o
}

// clean starts a new delta.
func (o *openFinding) clean() {
	o.d = monitor.Finding{
		Rule: o.f.Rule, Subject: o.f.Subject, Severity: o.f.Severity, Origin: o.f.Origin,
		State: monitor.StateOpen, Playbook: o.f.Playbook,
	}
	o.dirty = false
}

func (o *openFinding) add(h hit, home string) {
	at := time.Unix(0, h.at).In(o.loc)
	first := at
	if h.first != 0 && h.first < h.at {
		first = time.Unix(0, h.first).In(o.loc)
	}
	for _, f := range []*monitor.Finding{&o.f, &o.d} {
		if f.FirstSeen.IsZero() || first.Before(f.FirstSeen) {
			f.FirstSeen = first
		}
		if at.After(f.LastSeen) {
			f.LastSeen = at
		}
		f.Count += h.count
		f.Severity = max(f.Severity, h.severity)
	}
	for _, s := range h.sources {
		if s, ok := o.note("s:", s, &o.f.Evidence.Sources, maxEvidenceSources); ok {
			o.d.Evidence.Sources = append(o.d.Evidence.Sources, s)
			o.countSource(h.country, home)
		}
	}
	for _, u := range h.users {
		if u, ok := o.note("u:", u, &o.f.Evidence.Users, maxEvidenceList); ok {
			o.d.Evidence.Users = append(o.d.Evidence.Users, u)
		}
	}
	for _, d := range h.dests {
		if d, ok := o.note("d:", d, &o.f.Evidence.Destinations, maxEvidenceList); ok {
			o.d.Evidence.Destinations = append(o.d.Evidence.Destinations, d)
		}
	}
	if x, ok := o.note("x:", h.sample, &o.f.Evidence.Samples, maxSamples); ok {
		o.d.Evidence.Samples = append(o.d.Evidence.Samples, x)
	}
	for k, n := range h.counts {
		o.count(k, n)
	}
	o.dirty = true
}

// note adds a copy of v to list (and the seen set) unless it is there or
// the list is full; it returns the copy and whether v is new. v may point
// into a reused buffer: only the copy is kept.
func (o *openFinding) note(prefix, v string, list *[]string, limit int) (string, bool) {
	if v == "" || len(*list) >= limit {
		return "", false
	}
	key := prefix + v
	if o.seen[key] {
		return "", false
	}
	o.seen[key] = true
	*list = append(*list, key[len(prefix):])
	return key[len(prefix):], true
}

// countSource counts a new source of the finding by origin: home country,
// overseas (with its country), or unknown.
func (o *openFinding) countSource(country, home string) {
	if country == "" {
		return
	}
	if country == home {
		o.count("sources_domestic", 1)
		return
	}
	o.count("sources_overseas", 1)
	o.count("country_"+country, 1)
}

func (o *openFinding) count(k string, n int) {
	if n == 0 {
		return
	}
	for _, f := range []*monitor.Finding{&o.f, &o.d} {
		if f.Evidence.Counts == nil {
			f.Evidence.Counts = map[string]int{}
		}
		f.Evidence.Counts[k] += n
	}
}

// snapshot is a copy of the whole finding.
func (o *openFinding) snapshot() monitor.Finding {
	f := o.f
	f.Evidence = cloneEvidence(f.Evidence)
	return f
}

// delta is what is new since the last clean.
func (o *openFinding) delta() monitor.Finding {
	f := o.d
	f.Evidence = cloneEvidence(f.Evidence)
	return f
}

func cloneEvidence(ev monitor.Evidence) monitor.Evidence {
	return monitor.Evidence{
		Sources: slices.Clone(ev.Sources), Users: slices.Clone(ev.Users),
		Destinations: slices.Clone(ev.Destinations), Samples: slices.Clone(ev.Samples),
		Counts: maps.Clone(ev.Counts),
	}
}
