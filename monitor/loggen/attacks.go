package loggen

import (
	"fmt"
	"math"

	"github.com/kizuki-app/kizuki/monitor"
)

// malwareTarget is where an infected PC sends its infected attachment:
// a web upload, a mail server, or (c2) its botnet's command server.
type malwareTarget struct {
	ip, cc, host, url string
	svc               *service
	c2                bool
}

// infectedPlan is seed case 1: a PC whose antivirus definitions went
// stale keeps sending a zip file with malware out, and the UTM keeps
// blocking it.
type infectedPlan struct {
	h        *host
	from, to int64
	mean     int64            // mean time between attempts
	sends    []*malwareTarget // upload and mail destinations
	c2       []*malwareTarget // botnet servers (FortiGate only)
	virus    string
	virusID  int
	filename string
	botnet   string
	botnetID int
	tag      uint32
}

func (ip *infectedPlan) expectedLines(p *plan) float64 {
	if ip == nil {
		return 0
	}
	n := float64(ip.to-ip.from) / float64(ip.mean)
	if p.yamaha {
		return n * p.cost.malware
	}
	return n * (0.75*p.cost.malware + 0.25*p.cost.botnet)
}

// beaconPlan is seed case 2: a notification permission a user once
// granted a shady site makes the browser call it every few minutes while
// it is open, that is in business hours only.
type beaconPlan struct {
	h        *host
	from, to int64
	interval int64
	site     *site
	tag      uint32
}

// window returns when the beacon can fire on day d: business hours while
// the PC's user is at work.
func (b *beaconPlan) window(p *plan, d int) (from, to int64, ok bool) {
	if !p.cal.isBusiness(d) {
		return 0, 0, false
	}
	w := p.workday(b.h, d)
	if !w.present {
		return 0, 0, false
	}
	// The browser opens a few minutes after the PC.
	from = max(w.start+3*minute, p.cal.at(d, 8, 30), b.from)
	to = min(w.end, p.cal.at(d, 19, 0), b.to)
	return from, to, to > from
}

func (b *beaconPlan) expectedLines(p *plan) float64 {
	if b == nil {
		return 0
	}
	var n float64
	for d := p.cal.dayOf(b.from); d < p.cal.days; d++ {
		if from, to, ok := b.window(p, d); ok {
			n += p.effective(from, to) / (float64(b.interval) / float64(second))
		}
	}
	return n * p.cost.session
}

// attacker is one source of failed VPN logins: a slow sprayer, the fast
// burst, or the one that finally gets in.
type attacker struct {
	ip, cc   string
	users    []string // tried in turn
	attempts int
	from     int64
	until    int64 // about when it is done, for placing the silence
	mean     int64 // mean time between attempts
	minGap   int64
	tags     uint32
	// success, when set, is the session the attacker opens after its
	// last failure.
	success *vpnSession
}

func (a *attacker) expectedLines(p *plan) float64 {
	n := float64(a.attempts) * p.cost.vpnFailure
	if a.success != nil {
		n += p.cost.vpnLogin + p.cost.vpnLogout
	}
	return n
}

// attackers lists every planned attacker.
func (p *plan) attackers() []*attacker {
	out := append([]*attacker(nil), p.campaign...)
	if p.burst != nil {
		out = append(out, p.burst)
	}
	if p.laf != nil {
		out = append(out, p.laf)
	}
	return out
}

// scanPlan is a port scan of the WAN address from one source.
type scanPlan struct {
	ip, cc string
	from   int64
	dur    int64
	ports  []int
	sport  int
	tag    uint32
}

func (s *scanPlan) expectedLines() float64 {
	if s == nil {
		return 0
	}
	return float64(len(s.ports))
}

var (
	viruses = []struct {
		name string
		id   int
	}{
		{"W32/Emotet.AMC!tr", 8211201}, {"MSOffice/Agent.CRK!tr.dldr", 8240312},
		{"W32/Qbot.AX!tr", 8199133}, {"JS/Agent.PQK!tr", 8322016},
	}
	zipNames = []string{"請求書_%02d%02d.zip", "見積書_%02d%02d.zip", "Invoice_%02d-%02d.zip", "発注書_%02d%02d.zip"}
	botnets  = []struct {
		name string
		id   int
	}{{"Emotet.Botnet", 7630082}, {"Qakbot.Botnet", 7630311}, {"IcedID.Botnet", 7630457}}
	// beaconSites are shady push-notification hosts (reserved example
	// domains) and the country their address is drawn in.
	beaconSites = []struct{ host, cc string }{
		{"push.notify-center.example.net", "RU"}, {"cdn.webpush-alerts.example.com", "NL"},
		{"api.news-feed-push.example.org", "US"}, {"sub.kuji-push.example.net", "VN"},
	}
)

// planAttacks decides the attacks of cfg.Attacks, then thins them if they
// would crowd out the office.
func (p *plan) planAttacks() {
	cfg := &p.cfg
	if cfg.has(AttackInfectedPC) {
		p.planInfected(newRNG(cfg.Seed, "infected", 0))
	}
	if cfg.has(AttackBeaconing) {
		p.planBeacon(newRNG(cfg.Seed, "beacon", 0))
	}
	var campFrom, campTo int64
	if cfg.has(AttackVPNSpraying) || cfg.has(AttackVPNBruteforce) || cfg.has(AttackLoginAfterFailures) {
		campFrom, campTo = p.campaignWindow(newRNG(cfg.Seed, "campaign-window", 0))
	}
	var sprayTag uint32
	if cfg.has(AttackVPNSpraying) {
		sprayTag = p.planSpraying(newRNG(cfg.Seed, "spraying", 0), campFrom, campTo)
	}
	if cfg.has(AttackVPNBruteforce) {
		p.planBurst(newRNG(cfg.Seed, "burst", 0), campFrom, campTo, sprayTag)
	}
	if cfg.has(AttackLoginAfterFailures) {
		p.planLAF(newRNG(cfg.Seed, "laf", 0), campFrom, campTo, sprayTag)
	}
	if cfg.has(AttackPortScan) {
		p.planScan(newRNG(cfg.Seed, "scan", 0))
	}
	p.thinAttacks()
}

// target is the name of what the VPN attacks aim at: the VPN service on
// this device, as a campaign finding names its subject.
func (p *plan) target() string {
	if p.yamaha {
		return "l2tp@" + p.net.device
	}
	return "ssl-vpn@" + p.net.device
}

// attackHost picks a PC for an attack: not the IT person's, not one
// already attacked, preferring web-meeting users when meetings is set.
func (p *plan) attackHost(r *rng, meetings bool) *host {
	var pool []*host
	for _, h := range p.net.pcs {
		if h != p.net.it && !h.attacked && (!meetings || h.meetings) {
			pool = append(pool, h)
		}
	}
	if len(pool) == 0 {
		for _, h := range p.net.pcs {
			if !h.attacked {
				pool = append(pool, h)
			}
		}
	}
	if len(pool) == 0 {
		pool = p.net.pcs
	}
	h := pool[r.intn(len(pool))]
	h.attacked = true
	return h
}

func (p *plan) planInfected(r *rng) {
	h := p.attackHost(r, true)
	h.meetings = true // seed case 1: the PC used for web meetings
	ip := &infectedPlan{h: h}
	// A working day on which its user is in long enough: the attempts
	// run for hours while the PC is on.
	first := p.cal.dayOf(p.cal.start)
	for try := 0; try < 4*p.cal.days && ip.to == 0; try++ {
		d := first + r.intn(p.cal.days-first)
		if try < 3*p.cal.days && !p.cal.isBusiness(d) {
			continue
		}
		w := p.workday(h, d)
		if !w.present || w.end-w.start < 6*hour {
			continue
		}
		from := max(w.start+30*minute, p.cal.at(d, 9, 30)) + int64(r.intn(120))*minute
		to := min(from+int64(r.between(120, 300))*minute, w.end-15*minute)
		if from >= p.cal.start && to <= p.cal.end && to-from >= hour {
			ip.from, ip.to = from, to
		}
	}
	if ip.to == 0 {
		// No working day fits (a weekend-only run): the PC is switched
		// on for it.
		d := first
		ip.from = max(p.cal.at(d, 10, 0), p.cal.start+10*minute)
		ip.to = min(ip.from+3*hour, p.cal.end-minute)
		if h.forced == nil {
			h.forced = map[int][2]int64{}
		}
		h.forced[p.cal.dayOf(ip.from)] = [2]int64{ip.from, ip.to}
	}
	ip.from += r.subsecond()
	ip.mean = int64(r.between(4, 9)) * minute
	v := viruses[r.intn(len(viruses))]
	ip.virus, ip.virusID = v.name, v.id
	_, m, dd := civil(ip.from)
	ip.filename = fmt.Sprintf(zipNames[r.intn(len(zipNames))], m, dd)
	b := botnets[r.intn(len(botnets))]
	ip.botnet, ip.botnetID = b.name, b.id
	if p.yamaha {
		// An RTX has no antivirus: what it shows is its outbound SMTP
		// filter refusing the PC's direct mail to other companies'
		// servers, again and again.
		for i := 0; i < 3+r.intn(3); i++ {
			cc := []string{"JP", "JP", "US", "VN", ""}[r.intn(5)]
			ip.sends = append(ip.sends, &malwareTarget{ip: p.external(r, cc), cc: cc, svc: svcSMTP})
		}
	} else {
		ip.sends = []*malwareTarget{
			{ip: p.external(r, ""), cc: "", host: "upload.file-transfer.example.net",
				url: "/api/v2/upload.php", svc: svcHTTP},
			{ip: p.external(r, "JP"), cc: "JP", host: "webmail.partner-shoji.example.com",
				url: "/cgi-bin/compose.cgi?attach=1", svc: svcHTTP},
			{ip: p.external(r, ""), cc: "", svc: svcSMTP},
			{ip: p.external(r, "VN"), cc: "VN", svc: svcSMTP},
		}
		for i := 0; i < 2+r.intn(2); i++ {
			cc := c2Countries.pick(r)
			port := []int{8080, 7080, 443, 4443}[r.intn(4)]
			ip.c2 = append(ip.c2, &malwareTarget{ip: p.external(r, cc), cc: cc, c2: true,
				svc: &service{fortiServiceName(6, port), 6, port}})
		}
	}
	what := "antivirus and botnet blocks of its outbound uploads, mails and C&C calls"
	if p.yamaha {
		what = "outbound SMTP rejected by the router's filter, to the same few mail servers"
	}
	ip.tag = p.addEntry(&entry{
		kind: AttackInfectedPC, subject: h.ip, rule: "infected_pc", severity: monitor.SeverityHigh,
		description: "a PC with stale antivirus definitions keeps sending " + ip.filename +
			" (" + ip.virus + ") out for hours: " + what,
	})
	p.infected = ip
}

func (p *plan) planBeacon(r *rng) {
	h := p.attackHost(r, false)
	bs := beaconSites[r.intn(len(beaconSites))]
	s := &site{host: bs.host, cc: bs.cc, svc: svcHTTPS, size: size{950, 3200, 1}}
	s.ips = []string{p.external(r, bs.cc)}
	b := &beaconPlan{h: h, site: s, interval: int64([]int{5, 10, 15}[r.intn(3)]) * minute}
	// From the second day on, so that the destination is new; until the
	// end of the run.
	first := p.cal.dayOf(p.cal.start)
	b.from = p.cal.start
	if p.cal.days > 1 {
		b.from = p.cal.dayStart(first + 1)
	}
	b.to = p.cal.end
	if p.cal.days > 7 {
		b.to = min(p.cal.end, b.from+int64(r.between(4, 6))*day)
	}
	b.tag = p.addEntry(&entry{
		kind: AttackBeaconing, subject: h.ip, rule: "beaconing", severity: monitor.SeverityHigh,
		domains: []string{s.host},
		description: fmt.Sprintf("a browser notification permission makes the PC call %s every %d minutes "+
			"(±10%%), in business hours only, for days", s.host, b.interval/minute),
	})
	p.beacon = b
}

// campaignWindow is when the VPN attacks happen: from the second day,
// for two to four days (「数日間」).
func (p *plan) campaignWindow(r *rng) (from, to int64) {
	first := p.cal.dayOf(p.cal.start)
	if p.cal.days > 1 {
		from = p.cal.dayStart(first+1) + int64(r.intn(24*60))*minute
	} else {
		from = p.cal.start + int64(r.intn(4*60))*minute
	}
	from = max(from, p.cal.start)
	to = min(from+int64(r.between(48, 96))*hour, p.cal.end-hour)
	if to-from < 6*hour {
		from, to = p.cal.start, p.cal.end-10*minute
	}
	return from, to
}

// userRun returns n names from list, starting anywhere and stepping by a
// random stride: how spraying tools walk their user lists.
func userRun(r *rng, list []string, n int) []string {
	out := make([]string, n)
	i, stride := r.intn(len(list)), 1+r.intn(3)
	for k := range out {
		out[k] = list[i%len(list)]
		i += stride
	}
	return out
}

func (p *plan) planSpraying(r *rng, from, to int64) uint32 {
	tag := p.addEntry(&entry{
		kind: AttackVPNSpraying, subject: p.target(), rule: "vpn_spraying", severity: monitor.SeverityMedium,
		description: "low and slow VPN password spraying for days from many domestic and overseas " +
			"addresses, each trying a few user names",
	})
	span := to - from
	for n := 60 + r.intn(61); n > 0; n-- {
		cc := campaignCountries.pick(r)
		a := &attacker{ip: p.external(r, cc), cc: cc, tags: tag, minGap: 5 * second}
		a.attempts = min(1+int(r.exp()*6), 25)
		a.mean = int64(r.logNormal(25, 0.7) * float64(minute))
		a.users = userRun(r, sprayedUsers, a.attempts)
		busy := int64(a.attempts) * a.mean
		a.from = from + int64(r.float()*float64(max(span-busy, span/4)))
		a.until = a.from + busy
		p.campaign = append(p.campaign, a)
	}
	return tag
}

func (p *plan) planBurst(r *rng, from, to int64, sprayTag uint32) {
	cc := []string{"NL", "RU", "CN", "US"}[r.intn(4)]
	a := &attacker{cc: cc, minGap: second}
	a.ip = p.external(r, cc)
	a.attempts = r.between(150, 450)
	a.mean = int64(r.between(4, 9)) * second
	// Each name gets a few passwords before the tool moves on.
	a.users = make([]string, 0, a.attempts)
	perName := r.between(3, 12)
	for i := 0; i < a.attempts; i++ {
		a.users = append(a.users, burstUsers[(i/perName)%len(burstUsers)])
	}
	// At night, in the middle of the campaign.
	mid := from + (to-from)/2
	d := p.cal.dayOf(mid)
	a.from = p.cal.at(d, 1, 0) + int64(r.intn(180))*minute
	if a.from < from || a.from < p.cal.start {
		a.from = max(from, p.cal.start) + 10*minute
	}
	a.from += r.subsecond()
	a.until = a.from + int64(a.attempts)*a.mean
	if a.until >= p.cal.end {
		a.from = max(p.cal.start, p.cal.end-2*(a.until-a.from))
		a.until = a.from + int64(a.attempts)*a.mean
	}
	a.tags = p.addEntry(&entry{
		kind: AttackVPNBruteforce, subject: a.ip, rule: "vpn_bruteforce", severity: monitor.SeverityMedium,
		description: "one address tries a handful of user names hundreds of times within an hour, at night",
	}) | sprayTag
	p.burst = a
}

func (p *plan) planLAF(r *rng, from, to int64, sprayTag uint32) {
	a := &attacker{cc: "JP", minGap: 10 * second}
	a.ip = p.external(r, "JP")
	a.attempts = r.between(6, 12)
	a.mean = int64(r.between(2, 6)) * minute
	a.users = userRun(r, sprayedUsers, a.attempts)
	for i := max(0, a.attempts-3); i < a.attempts; i++ {
		a.users[i] = guessableStaff
	}
	// An evening near the end of the campaign: nobody is watching.
	d := p.cal.dayOf(to - hour)
	a.from = p.cal.at(d, 20, 0) + int64(r.intn(150))*minute
	if a.from < from || a.from+3*hour > p.cal.end {
		a.from = from + (to-from)*2/3
	}
	a.from += r.subsecond()
	busy := int64(a.attempts) * a.mean
	tag := p.addEntry(&entry{
		kind: AttackLoginAfterFailures, subject: guessableStaff, rule: "login_after_failures",
		severity: monitor.SeverityCritical,
		description: "after failing with several user names, a domestic address logs in to the VPN as " +
			guessableStaff + " (a guessable password) and opens SMB and RDP sessions inside",
	})
	a.tags = tag | sprayTag
	a.success = &vpnSession{user: guessableStaff, src: a.ip, cc: "JP", tags: tag, lateral: true, tunnel: 210}
	a.until = a.from + busy + 50*minute
	p.laf = a
}

func (p *plan) planScan(r *rng) {
	cc := scannerCountries.pick(r)
	s := &scanPlan{cc: cc, sport: r.between(40000, 62000)}
	s.ip = p.external(r, cc)
	n := r.between(300, 1000)
	first := p.cal.dayOf(p.cal.start)
	s.from = max(p.cal.dayStart(first+r.intn(p.cal.days))+int64(r.intn(24*60))*minute, p.cal.start)
	s.from += r.subsecond()
	s.ports = scanPortList(r, n)
	s.dur = int64(float64(n) * (0.3 + 0.5*r.float()) * float64(second))
	if s.from+s.dur >= p.cal.end {
		s.from = max(p.cal.start, p.cal.end-2*s.dur)
	}
	s.tag = p.addEntry(&entry{
		kind: AttackPortScan, subject: s.ip, rule: "port_scan", severity: monitor.SeverityLow,
		description: "one address probes hundreds of ports of the WAN address within minutes, all denied",
	})
	p.scan = s
}

// scanPortList is the order a scanner tries ports in: the well-known ones
// shuffled, then random others, each once.
func scanPortList(r *rng, n int) []int {
	ports := append([]int(nil), scanPorts...)
	shuffle(r, ports)
	seen := map[int]bool{}
	for _, port := range ports {
		seen[port] = true
	}
	for len(ports) < n {
		port := r.between(1, 65535)
		if !seen[port] {
			seen[port] = true
			ports = append(ports, port)
		}
	}
	return ports[:n]
}

// thinAttacks scales the attacks down when they would take more than
// attackShare of the run's lines.
func (p *plan) thinAttacks() {
	var total float64
	for _, a := range p.attackers() {
		total += a.expectedLines(p)
	}
	total += p.infected.expectedLines(p) + p.beacon.expectedLines(p) + p.scan.expectedLines()
	limit := attackShare * float64(p.cfg.Lines)
	if total <= limit || total == 0 {
		return
	}
	f := limit / total
	if len(p.campaign) > 0 {
		keep := max(5, int(math.Round(float64(len(p.campaign))*f)))
		p.campaign = p.campaign[:min(keep, len(p.campaign))]
	}
	if a := p.burst; a != nil {
		a.attempts = max(20, int(float64(a.attempts)*f))
		a.users = a.users[:a.attempts]
		a.until = a.from + int64(a.attempts)*a.mean
	}
	if s := p.scan; s != nil {
		n := max(30, int(float64(len(s.ports))*f))
		s.dur = s.dur * int64(n) / int64(len(s.ports))
		s.ports = s.ports[:n]
	}
	if ip := p.infected; ip != nil {
		ip.mean = min(int64(float64(ip.mean)/f), hour)
	}
	if b := p.beacon; b != nil {
		b.interval = min(int64(float64(b.interval)/f), hour)
	}
}

// Streams.

type infectedStream struct {
	p *infectedPlan
	r *rng
}

func (s *infectedStream) run(g *gen, t int64) int64 {
	ip := s.p
	if t >= ip.to {
		return -1
	}
	m := ip.sends[s.r.intn(len(ip.sends))]
	if len(ip.c2) > 0 && s.r.chance(0.25) {
		m = ip.c2[s.r.intn(len(ip.c2))]
	}
	g.fmt.malware(g, ip.h, m, ip.tag)
	return t + max(int64(s.r.exp()*float64(ip.mean)), 20*second)
}

type beaconStream struct {
	p *beaconPlan
	r *rng
}

func (s *beaconStream) run(g *gen, t int64) int64 {
	b := s.p
	if _, to, ok := b.window(g.plan, g.cal.dayOf(t)); ok && t < to {
		f := g.flow(s.r, b.h, b.site)
		g.fmt.session(g, f, b.tag)
	}
	return s.next(g.plan, t+s.r.jitter(b.interval, 0.1))
}

// next is the first time from t on at which the beacon can fire.
func (s *beaconStream) next(p *plan, t int64) int64 {
	for d := p.cal.dayOf(t); d < p.cal.days; d++ {
		from, to, ok := s.p.window(p, d)
		if ok && t < to {
			if t < from {
				return from + int64(s.r.intn(int(3*minute/second)))*second + s.r.subsecond()
			}
			return t
		}
	}
	return -1
}

type attackerStream struct {
	a *attacker
	r *rng
	n int
}

func (s *attackerStream) run(g *gen, t int64) int64 {
	a := s.a
	g.fmt.vpnFailure(g, a.ip, a.users[s.n%len(a.users)], false, a.tags)
	s.n++
	if s.n >= a.attempts {
		if v := a.success; v != nil {
			v.from = t + int64(s.r.between(20, 90))*second + s.r.subsecond()
			v.to = v.from + int64(s.r.between(15, 45))*minute
			g.startVPN(v, s.r)
		}
		return -1
	}
	return t + max(int64(s.r.exp()*float64(a.mean)), a.minGap)
}

type scanStream struct {
	p *scanPlan
	r *rng
	n int
}

func (s *scanStream) run(g *gen, t int64) int64 {
	sp := s.p
	port := sp.ports[s.n]
	proto := 6
	if port == 53 || port == 123 || port == 161 || port == 1900 || port == 5060 {
		proto = 17
	}
	g.fmt.inboundDeny(g, sp.ip, sp.cc, sp.sport, port, proto, sp.tag)
	s.n++
	if s.n >= len(sp.ports) {
		return -1
	}
	mean := float64(sp.dur) / float64(len(sp.ports))
	return t + int64(s.r.exp()*mean) + 1
}
