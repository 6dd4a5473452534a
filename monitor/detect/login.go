package detect

import (
	"net/netip"
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// loginAfterFailures raises when a login succeeds after failures: from a
// source that failed at least MinFailures times in the window since its
// last success, or for a user that failed at least MinUserFailures times
// (from anywhere). The
// attacker got in; nothing is more urgent. A member of staff who mistypes
// once or twice and then logs in stays below both thresholds.
type loginAfterFailures struct {
	ruleBase
	bySource map[string]*failures
	byUser   map[string]*failures
}

type failures struct {
	first, last int64
	n           int
	users       []string // user names tried (by source) or sources (by user)
	sample      string
}

func newLoginAfterFailures(b ruleBase) *loginAfterFailures {
	return &loginAfterFailures{ruleBase: b, bySource: map[string]*failures{}, byUser: map[string]*failures{}}
}

// isSuccess reports whether ev is a login that got in: a successful login,
// or a VPN tunnel up for a named user.
func isSuccess(ev *monitor.Event) bool {
	return ev.Action == monitor.ActionLoginSuccess || (ev.Action == monitor.ActionTunnelUp && ev.User != "")
}

func (r *loginAfterFailures) observe(e *Engine, ev *monitor.Event, t int64) {
	if !r.filter.ok(ev) {
		return
	}
	window := int64(r.spec.Window)
	switch {
	case ev.Action == monitor.ActionLoginFailure:
		if ev.SrcIP != "" {
			r.note(r.bySource, ev.SrcIP, ev.User, ev, t, window)
		}
		if ev.User != "" {
			r.note(r.byUser, ev.User+"@"+ev.Service, ev.SrcIP, ev, t, window)
		}
	case isSuccess(ev):
		subject := ev.User
		if subject == "" {
			subject = ev.SrcIP
		}
		if subject == "" {
			return
		}
		// By user, the success must also come from a source that failed:
		// staff logging in from home while their name is being sprayed
		// are not the attacker.
		var got *failures
		bySrc := r.bySource[ev.SrcIP]
		userKey := ev.User + "@" + ev.Service
		if bySrc != nil && ev.SrcIP != "" && t-bySrc.last <= window && bySrc.n >= r.spec.MinFailures {
			got = bySrc
		} else if f := r.byUser[userKey]; f != nil && bySrc != nil && ev.User != "" && t-f.last <= window && f.n >= r.spec.MinUserFailures {
			got = f
		}
		if got == nil {
			// A success ends the run of failures before it: staff who
			// mistype now and then never add up to an attack.
			delete(r.bySource, ev.SrcIP)
			delete(r.byUser, userKey)
			return
		}
		h := hit{
			rule: r.rule, severity: r.severity, subject: subject, at: t, first: got.first, count: got.n + 1,
			sources: []string{ev.SrcIP}, users: append(slices.Clone(got.users), ev.User), sample: got.sample,
			country: ev.Country, counts: map[string]int{"failures": got.n, "successes": 1},
		}
		if bySrc != got {
			h.sources = append(slices.Clone(got.users), ev.SrcIP) // by user: users holds the sources
			h.users = []string{ev.User}
		}
		e.raise(h, ev)
		e.raise(hit{rule: r.rule, severity: r.severity, subject: subject, at: t, sample: ev.Raw}, ev)
		delete(r.bySource, ev.SrcIP)
		delete(r.byUser, userKey)
	}
}

func (r *loginAfterFailures) note(m map[string]*failures, key, other string, ev *monitor.Event, t, window int64) {
	f := m[key]
	if f == nil || t-f.last > window {
		if f == nil && len(m) >= r.max {
			r.evict(m, t)
		}
		f = &failures{first: t, sample: strings.Clone(ev.Raw)}
		m[strings.Clone(key)] = f
	}
	f.last = t
	f.n++
	if other != "" && len(f.users) < 20 && !slices.Contains(f.users, other) {
		f.users = append(f.users, strings.Clone(other))
	}
}

func (r *loginAfterFailures) evict(m map[string]*failures, now int64) {
	window := int64(r.spec.Window)
	for k, f := range m {
		if now-f.last > window {
			delete(m, k)
		}
	}
	n := len(m) / 2
	for k := range m {
		if len(m) < r.max*9/10 || n == 0 {
			return
		}
		delete(m, k)
		n--
	}
}

func (r *loginAfterFailures) sweep(now int64) {
	window := int64(r.spec.Window)
	for _, m := range []map[string]*failures{r.bySource, r.byUser} {
		for k, f := range m {
			if now-f.last > window {
				delete(m, k)
			}
		}
	}
}

// adminUnusual looks at each successful administrator login (service
// admin-*) for what an owner would not expect: a source never seen
// administering the device before (once the learning period is over), a
// login at night, a login from the Internet. One reason gives the spec's
// severity; two, or a configuration change within FollowUp after such a
// login, raise it to high.
type adminUnusual struct {
	ruleBase
	night   Hours
	loc     *time.Location
	known   map[string]bool // sources of admin logins
	pending map[string]pendingAdmin
}

type pendingAdmin struct {
	at      int64
	subject string
}

func newAdminUnusual(b ruleBase, s *Settings) *adminUnusual {
	return &adminUnusual{ruleBase: b, night: s.Night, loc: s.Location, known: map[string]bool{}, pending: map[string]pendingAdmin{}}
}

func (r *adminUnusual) observe(e *Engine, ev *monitor.Event, t int64) {
	if !r.filter.ok(ev) {
		return
	}
	switch ev.Action {
	case monitor.ActionConfigChange:
		p, ok := r.pending[ev.User]
		if !ok || t-p.at > int64(r.spec.FollowUp) {
			return
		}
		e.raise(hit{rule: r.rule, severity: monitor.SeverityHigh, subject: p.subject, at: t, count: 1,
			users: []string{ev.User}, sample: ev.Raw, counts: map[string]int{"config_changes": 1}}, ev)
	case monitor.ActionLoginSuccess:
		src := ev.SrcIP
		if src == "" {
			return
		}
		counts := map[string]int{}
		if len(r.known) > 0 && !r.known[src] && e.learned(t) {
			counts["new_source"] = 1
		}
		if r.night.Contains(ev.Time.In(r.loc)) {
			counts["night"] = 1
		}
		if a, err := netip.ParseAddr(src); err == nil && !a.IsPrivate() && !a.IsLoopback() && !a.IsLinkLocalUnicast() {
			counts["from_internet"] = 1
		}
		if len(r.known) < r.max {
			r.known[strings.Clone(src)] = true
		}
		if len(counts) == 0 {
			return
		}
		sev := r.severity
		if len(counts) >= 2 {
			sev = monitor.SeverityHigh
		}
		subject := src
		if ev.User != "" {
			subject = ev.User + "@" + src
		}
		counts["logins"] = 1
		if e.raise(hit{rule: r.rule, severity: sev, subject: subject, at: t, count: 1, sources: []string{src},
			users: []string{ev.User}, sample: ev.Raw, country: ev.Country, counts: counts}, ev) {
			r.pending[strings.Clone(ev.User)] = pendingAdmin{at: t, subject: strings.Clone(subject)}
		}
	}
}

func (r *adminUnusual) sweep(now int64) {
	for u, p := range r.pending {
		if now-p.at > int64(r.spec.FollowUp) {
			delete(r.pending, u)
		}
	}
}
