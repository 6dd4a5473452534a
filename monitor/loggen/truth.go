package loggen

import (
	"sort"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Truth is what a run injected: the incidents a detector should find
// and the decoys it should leave alone. Generate returns it; the loggen
// command writes it as JSON beside the log.
type Truth struct {
	Vendor  monitor.Vendor `json:"vendor"`
	Device  string         `json:"device"`
	Seed    int64          `json:"seed"`
	Start   time.Time      `json:"start"`
	End     time.Time      `json:"end"`
	Lines   int            `json:"lines"`
	Network Network        `json:"network"`
	// Incidents are the attacks, in the order they began.
	Incidents []Incident `json:"incidents"`
	// Decoys are benign patterns that look a little like attacks.
	Decoys []Decoy `json:"decoys"`
}

// Network describes the generated office.
type Network struct {
	LAN     string   `json:"lan"`
	Gateway string   `json:"gateway"`
	WAN     string   `json:"wan"`
	Hosts   []string `json:"hosts"`
	// VPNUsers are the employees allowed in over the VPN.
	VPNUsers []string `json:"vpn_users"`
}

// Incident is one injected attack.
//
// Count is the number of lines a detector sees for it, by kind:
// infected_pc, the security blocks of the PC's outbound traffic (FortiGate:
// antivirus and botnet blocks; Yamaha: outbound filter rejects);
// beaconing, the PC's connections to the destination; vpn_bruteforce and
// vpn_spraying, the failed VPN logins (spraying counts every attacker's
// failures, the single-source burst and the login_after_failures source
// included); login_after_failures, that source's failures plus the
// successful login (FortiGate: the tunnel-up line; Yamaha: PPP/IPCP up);
// port_scan, the denied probes; source_silent, none: First and Last are
// the last line before the silence and the first after it.
type Incident struct {
	Kind         string   `json:"kind"`
	Subject      string   `json:"subject"`
	Sources      []string `json:"sources"`
	Users        []string `json:"users,omitempty"`
	Destinations []string `json:"destinations,omitempty"`
	Domains      []string `json:"domains,omitempty"`
	// Countries counts Sources by ISO 3166 code ("" for documentation
	// addresses and the company's own).
	Countries        map[string]int   `json:"countries,omitempty"`
	First            time.Time        `json:"first"`
	Last             time.Time        `json:"last"`
	Count            int              `json:"count"`
	ExpectedRule     string           `json:"expected_rule"`
	ExpectedSeverity monitor.Severity `json:"expected_severity"`
	Description      string           `json:"description"`
}

// Decoy is a benign pattern injected to tempt a detector. No rule in
// MustNotRaise should fire on it. Kinds: periodic_update (antivirus
// definitions, hourly from every PC), periodic_ntp and nightly_backup (the
// NAS), periodic_poll (the copier), scattered_deny (QUIC refused by policy
// on FortiGate, NetBIOS leaking out on Yamaha), scattered_block (the web
// filter stopping ads), background_scan (one or two probes from each of
// thousands of Internet addresses; Sources left empty), admin_typo and
// staff_typo (a mistyped password, then a login).
type Decoy struct {
	Kind         string    `json:"kind"`
	Subject      string    `json:"subject"`
	Sources      []string  `json:"sources"`
	Users        []string  `json:"users,omitempty"`
	Destinations []string  `json:"destinations,omitempty"`
	Domains      []string  `json:"domains,omitempty"`
	First        time.Time `json:"first"`
	Last         time.Time `json:"last"`
	Count        int       `json:"count"`
	MustNotRaise []string  `json:"must_not_raise"`
	Description  string    `json:"description"`
}

// entry tracks one incident or decoy while lines are written.
type entry struct {
	kind, subject, rule, description string
	severity                         monitor.Severity
	decoy                            bool
	notRules                         []string
	domains                          []string

	first, last int64
	count       int
	sources     map[string]bool
	users       map[string]bool
	dests       map[string]bool
}

func (e *entry) record(t int64, src, dst, user string) {
	if e.count == 0 {
		e.first = t
	}
	e.last = t
	e.count++
	if src != "" {
		if e.sources == nil {
			e.sources = map[string]bool{}
		}
		e.sources[src] = true
	}
	if dst != "" {
		if e.dests == nil {
			e.dests = map[string]bool{}
		}
		e.dests[dst] = true
	}
	if user != "" {
		if e.users == nil {
			e.users = map[string]bool{}
		}
		e.users[user] = true
	}
}

func sortedKeys(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// jstTime turns unix nanoseconds into a JST time with whole seconds, as
// the log lines show it.
func jstTime(t int64) time.Time {
	return time.Unix(floorDiv(t, second), 0).In(JST)
}

// truth assembles the Truth once every line is written.
func (g *gen) truth() Truth {
	n := g.net
	tr := Truth{
		Vendor: g.cfg.Vendor, Device: n.device, Seed: g.cfg.Seed,
		Start: jstTime(g.cal.start), End: jstTime(g.cal.end), Lines: g.lines,
		Network:   Network{LAN: n.lan + "0/24", Gateway: n.gateway, WAN: n.wan},
		Incidents: []Incident{}, Decoys: []Decoy{},
	}
	for _, h := range n.hosts {
		tr.Network.Hosts = append(tr.Network.Hosts, h.ip)
	}
	for _, u := range n.staff {
		tr.Network.VPNUsers = append(tr.Network.VPNUsers, u.name)
	}
	for _, e := range g.entries {
		if e.count == 0 && e != g.silent {
			continue
		}
		if e == g.silent && e.first == 0 {
			continue // the run ended before the source spoke again
		}
		if e.decoy {
			tr.Decoys = append(tr.Decoys, Decoy{
				Kind: e.kind, Subject: e.subject, Sources: nonNil(sortedKeys(e.sources)),
				Users: sortedKeys(e.users), Destinations: sortedKeys(e.dests), Domains: e.domains,
				First: jstTime(e.first), Last: jstTime(e.last), Count: e.count,
				MustNotRaise: e.notRules, Description: e.description,
			})
			continue
		}
		inc := Incident{
			Kind: e.kind, Subject: e.subject, Sources: nonNil(sortedKeys(e.sources)),
			Users: sortedKeys(e.users), Destinations: sortedKeys(e.dests), Domains: e.domains,
			First: jstTime(e.first), Last: jstTime(e.last), Count: e.count,
			ExpectedRule: e.rule, ExpectedSeverity: e.severity, Description: e.description,
		}
		for _, s := range inc.Sources {
			if cc, ok := g.countryOf[s]; ok {
				if inc.Countries == nil {
					inc.Countries = map[string]int{}
				}
				inc.Countries[cc]++
			}
		}
		tr.Incidents = append(tr.Incidents, inc)
	}
	sort.SliceStable(tr.Incidents, func(i, j int) bool { return tr.Incidents[i].First.Before(tr.Incidents[j].First) })
	return tr
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
