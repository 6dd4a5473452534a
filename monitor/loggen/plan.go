package loggen

import (
	"github.com/kizuki-app/kizuki/monitor"
)

// plan is everything decided before the first line is written: the
// office, its people, the attacks and how busy each PC must be for the
// run to come out at the requested number of lines.
type plan struct {
	cfg    Config
	cal    *calendar
	yamaha bool
	cost   lineCosts
	// r draws the incidental details of lines (ports, byte counts) in
	// the order the lines are written.
	r   *rng
	net *network

	// taken holds every external address an actor uses; countryOf their
	// countries.
	taken     map[string]bool
	countryOf map[string]string

	entries []*entry
	silent  *entry
	// gapFrom and gapTo bound the silence of source_silent (both 0 for
	// none).
	gapFrom, gapTo int64

	infected *infectedPlan
	beacon   *beaconPlan
	campaign []*attacker // the spraying sources
	burst    *attacker
	laf      *attacker
	scan     *scanPlan
	admin    []*adminSession
	vpn      []*vpnSession

	decoys decoyTags
	mixes  map[*host]*mix
	// scale is how many sessions per second a PC starts at activity 1.
	scale float64
	// noiseRate is how many background probes per second reach the WAN.
	noiseRate float64
}

// lineCosts is how many lines a vendor writes for each thing that
// happens, for the budget.
type lineCosts struct {
	session, webBlock, vpnFailure, vpnLogin, vpnLogout, vpnTraffic float64
	adminLogin, adminChange, adminLogout, dhcp, malware, botnet    float64
}

// noiseShare is the part of all lines that the Internet's background
// scanning of the WAN address takes: denied probes around the clock.
const noiseShare = 0.05

// attackShare caps the part of all lines the attacks may take; beyond it
// they are thinned, so that small runs stay mostly office life.
const attackShare = 0.25

func newPlan(cfg Config) *plan {
	p := &plan{
		cfg: cfg, cal: newCalendar(cfg.Start, cfg.Days), yamaha: cfg.Vendor == monitor.VendorYamahaRTX,
		taken: map[string]bool{}, countryOf: map[string]string{},
	}
	p.cost = fortiCosts
	if p.yamaha {
		p.cost = yamahaCosts
	}
	p.r = newRNG(cfg.Seed, "lines", 0)
	p.net = newNetwork(&cfg, newRNG(cfg.Seed, "network", 0), p.yamaha, p.taken)
	for _, u := range p.net.staff {
		p.countryOf[u.home], p.countryOf[u.mobile] = "JP", "JP"
	}
	p.planAttacks()
	p.planGap()
	p.planOffice()
	p.planMixes()
	p.budget()
	return p
}

// addEntry registers an incident or decoy and returns its tag bit.
func (p *plan) addEntry(e *entry) uint32 {
	p.entries = append(p.entries, e)
	return 1 << (len(p.entries) - 1)
}

// external registers an attacker's or visitor's address and its country.
func (p *plan) external(r *rng, cc string) string {
	a := uniqueAddr(r, cc, p.taken)
	p.countryOf[a] = cc
	return a
}

// effective returns how much of [from, to) the source is heard, in
// seconds: inside the run and outside the silence.
func (p *plan) effective(from, to int64) float64 {
	from, to = max(from, p.cal.start), min(to, p.cal.end)
	if to <= from {
		return 0
	}
	d := to - from
	if gf, gt := max(from, p.gapFrom), min(to, p.gapTo); gt > gf {
		d -= gt - gf
	}
	return float64(d) / float64(second)
}

// activity integrates host h's segments over the run: its expected
// number of sessions at scale 1. on is the time it is switched on, in
// seconds.
func (p *plan) activity(h *host) (total, on float64) {
	var segs []seg
	for d := p.cal.dayOf(p.cal.start); d < p.cal.days; d++ {
		segs = p.segments(h, d, segs[:0])
		for _, s := range segs {
			e := p.effective(s.from, s.to)
			total += s.rate * e
			if s.rate > 0 {
				on += e
			}
		}
	}
	return total, on
}

// planGap places the silence of source_silent: a few hours of a working
// afternoon, clear of the short attacks so that they stay whole.
func (p *plan) planGap() {
	if !p.cfg.has(AttackSourceSilent) {
		return
	}
	r := newRNG(p.cfg.Seed, "gap", 0)
	var busy [][2]int64
	if p.infected != nil {
		busy = append(busy, [2]int64{p.infected.from, p.infected.to})
	}
	for _, a := range []*attacker{p.burst, p.laf} {
		if a != nil {
			busy = append(busy, [2]int64{a.from, a.until})
		}
	}
	if p.scan != nil {
		busy = append(busy, [2]int64{p.scan.from, p.scan.from + p.scan.dur})
	}
	for try := 0; try < 50; try++ {
		d := p.cal.dayOf(p.cal.start) + r.intn(p.cal.days)
		if try < 40 && (!p.cal.isBusiness(d) || (p.cal.days > 2 && (d == 0 || d == p.cal.days-1))) {
			continue
		}
		from := p.cal.at(d, 13, 0) + int64(r.intn(150))*minute
		to := from + int64(r.between(120, 300))*minute
		if from < p.cal.start+2*hour || to > p.cal.end-2*hour {
			continue
		}
		clear := true
		for _, b := range busy {
			if from < b[1]+30*minute && to > b[0]-30*minute {
				clear = false
			}
		}
		if clear {
			p.gapFrom, p.gapTo = from, to
			p.silent = &entry{
				kind: AttackSourceSilent, subject: p.net.device, rule: "source_silent",
				severity: monitor.SeverityMedium,
				description: "the device sent nothing for a few hours of a working day " +
					"(a cable pulled, a power cut, syslog switched off)",
			}
			p.addEntry(p.silent)
			return
		}
	}
}

// budget sets the PCs' session rate and the background noise so that
// the run comes out at about cfg.Lines lines.
func (p *plan) budget() {
	lines := float64(p.cfg.Lines)
	run := p.effective(p.cal.start, p.cal.end)
	p.noiseRate = noiseShare * lines / run
	fixed := noiseShare*lines + p.officeLines()
	for _, a := range p.attackers() {
		fixed += a.expectedLines(p)
	}
	fixed += p.infected.expectedLines(p) + p.beacon.expectedLines(p) + p.scan.expectedLines()

	var weight float64
	for _, h := range p.net.hosts {
		act, _ := p.activity(h)
		weight += act * p.mixes[h].lines
	}
	left := max(lines-fixed, 0.2*lines)
	if weight > 0 {
		p.scale = left / weight
	}
}
