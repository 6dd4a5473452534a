package detect

import (
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// campaignRule sees one distributed attack where a per-source counter
// sees nothing: many sources, each failing a few times with a few user
// names against the same target, slowly, over days. It raises one finding
// whose subject is the target and whose evidence lists every source, the
// user names tried and where the sources are.
type campaignRule struct {
	ruleBase
	targets map[string]*campaign
}

// campaign is the failures against one target within the window.
type campaign struct {
	sources   map[string]*campaignSource
	users     map[string]int64 // last failure
	nextCheck int64
}

type campaignSource struct {
	first, last int64
	failures    int
	country     string
	users       []string
	sample      string
}

// checkEvery limits how often a growing campaign is counted.
const checkEvery = int64(time.Minute)

func (r *campaignRule) observe(e *Engine, ev *monitor.Event, t int64) {
	if !r.filter.ok(ev) {
		return
	}
	subject := target(ev)
	if e.isOpen(r.rule, subject) {
		h := hit{rule: r.rule, severity: r.severity, subject: subject, at: t, count: 1, country: ev.Country, sample: ev.Raw}
		if ev.SrcIP != "" {
			h.sources = []string{ev.SrcIP}
		}
		if ev.User != "" {
			h.users = []string{ev.User}
		}
		h.counts = map[string]int{"failures": 1}
		e.raise(h, ev)
		return
	}
	if e.allowed("", ev) {
		return
	}
	c := r.targets[subject]
	if c == nil {
		c = &campaign{sources: map[string]*campaignSource{}, users: map[string]int64{}}
		r.targets[subject] = c
	}
	if ev.User != "" {
		if _, ok := c.users[ev.User]; !ok && len(c.users) >= maxDistinct {
			r.prune(c, t)
		}
		if _, ok := c.users[ev.User]; ok || len(c.users) < maxDistinct {
			c.users[strings.Clone(ev.User)] = t
		}
	}
	src := ev.SrcIP
	if src != "" {
		s := c.sources[src]
		if s == nil {
			if len(c.sources) >= r.max {
				r.prune(c, t)
			}
			s = &campaignSource{first: t, country: strings.Clone(ev.Country), sample: strings.Clone(ev.Raw)}
			c.sources[strings.Clone(src)] = s
		}
		s.last = t
		s.failures++
		if ev.User != "" && len(s.users) < 20 && !slices.Contains(s.users, ev.User) {
			s.users = append(s.users, strings.Clone(ev.User))
		}
	}
	if len(c.sources) < r.spec.MinSources || len(c.users) < r.spec.MinUsers || t < c.nextCheck {
		return
	}
	c.nextCheck = t + checkEvery
	r.prune(c, t)
	if len(c.sources) < r.spec.MinSources || len(c.users) < r.spec.MinUsers {
		return
	}
	// The campaign is on: one finding with every source of the window.
	srcs := make([]string, 0, len(c.sources))
	for ip := range c.sources {
		srcs = append(srcs, ip)
	}
	slices.SortFunc(srcs, func(a, b string) int {
		sa, sb := c.sources[a], c.sources[b]
		if sa.first != sb.first {
			if sa.first < sb.first {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	for _, ip := range srcs {
		s := c.sources[ip]
		h := hit{
			rule: r.rule, severity: r.severity, subject: subject, at: s.last, first: s.first,
			count: s.failures, sources: []string{ip}, users: s.users, country: s.country,
			counts: map[string]int{"failures": s.failures},
		}
		if len(srcs) <= maxSamples || s == c.sources[srcs[0]] {
			h.sample = s.sample
		}
		e.raise(h, nil)
	}
	delete(r.targets, subject)
}

// prune forgets sources and users whose last failure left the window.
func (r *campaignRule) prune(c *campaign, now int64) {
	from := now - int64(r.spec.Window)
	for ip, s := range c.sources {
		if s.last < from {
			delete(c.sources, ip)
		}
	}
	for u, last := range c.users {
		if last < from {
			delete(c.users, u)
		}
	}
}

func (r *campaignRule) sweep(now int64) {
	for k, c := range r.targets {
		r.prune(c, now)
		if len(c.sources) == 0 && len(c.users) == 0 {
			delete(r.targets, k)
		}
	}
}
