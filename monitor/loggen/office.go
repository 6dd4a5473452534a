package loggen

import "sort"

// flowKind is what a PC's session is.
type flowKind int

const (
	flowWeb      flowKind = iota // an allowed connection to a site
	flowDNS                      // a name lookup at the UTM (FortiGate)
	flowQUIC                     // QUIC to Google, refused by policy (FortiGate)
	flowOutDeny                  // NetBIOS/SMB leaking out, refused
	flowWebBlock                 // an ad or tracker stopped by the web filter (FortiGate)
)

type mixEntry struct {
	kind  flowKind
	sites []*site
}

// mix is what a host spends its sessions on, weighted.
type mix struct {
	entries []mixEntry
	weights []float64
	total   float64
	lines   float64 // expected lines per session
}

func (m *mix) add(kind flowKind, weight float64, sites []*site, lines float64) {
	if weight <= 0 {
		return
	}
	m.entries = append(m.entries, mixEntry{kind, sites})
	m.weights = append(m.weights, weight)
	m.lines = (m.lines*m.total + lines*weight) / (m.total + weight)
	m.total += weight
}

// planMixes gives each host its mix of sessions. Attacked PCs get no
// scattered denies or blocks, so that theirs all belong to the incident.
func (p *plan) planMixes() {
	p.mixes = map[*host]*mix{}
	c := p.cost.session
	for _, h := range p.net.hosts {
		m := &mix{}
		fg := !p.yamaha
		switch h.role {
		case roleNAS:
			if fg {
				m.add(flowDNS, 50, nil, c)
			}
			m.add(flowWeb, 10, []*site{siteNASVendor}, c)
		case roleMFP:
			if fg {
				m.add(flowDNS, 30, nil, c)
			}
			m.add(flowWeb, 10, []*site{siteMFP}, c)
		default:
			scattered := !h.attacked
			if fg {
				m.add(flowDNS, 24, nil, c)
			}
			m.add(flowWeb, 17, sitesM365, c)
			m.add(flowWeb, 10, sitesGoogle, c)
			m.add(flowWeb, 17, sitesJapan, c)
			m.add(flowWeb, 6, sitesGlobal, c)
			m.add(flowWeb, 4, sitesLINE, c)
			m.add(flowWeb, 1, sitesBank, c)
			m.add(flowWeb, 4, sitesWindows, c)
			if h.meetings {
				m.add(flowWeb, 1.5, sitesMeeting, c)
			}
			if scattered && fg {
				m.add(flowQUIC, 2.5, []*site{siteQUIC}, c)
				m.add(flowOutDeny, 0.4, nil, c)
				m.add(flowWebBlock, 0.08, sitesAd, p.cost.webBlock)
			}
			if scattered && !fg {
				m.add(flowOutDeny, 3, nil, c)
			}
		}
		p.mixes[h] = m
	}
}

// decoyTags are the tag bits of the benign look-alikes.
type decoyTags struct {
	av, ntp, mfp, backup, scattered, blocks, noise, admin uint32
	staff                                                 map[string]uint32
}

// adminSession is the IT person logging in to the device's GUI or CLI.
type adminSession struct {
	ip, user, via string
	from, to      int64
	typo          bool
	changes       []int64
}

// vpnSession is a remote-access VPN session, an employee's or the
// attacker's.
type vpnSession struct {
	user     string
	src, cc  string
	start    int64 // first line: a mistyped password, or the login
	from, to int64
	typos    int
	tunnel   int // FortiGate SSL-VPN address 10.212.134.N
	tunnelID int64
	slot     int // Yamaha PP[ANONYMOUSnn]
	tags     uint32
	failTags uint32
	lateral  bool // the attacker's: SMB and RDP into the LAN
}

// planOffice plans the people: the IT person's visits to the device, the
// staff's VPN sessions, and the decoys' ground-truth entries.
func (p *plan) planOffice() {
	n := p.net
	dec := &p.decoys
	dec.av = p.addEntry(&entry{kind: "periodic_update", subject: siteAV.host, decoy: true,
		domains: []string{siteAV.host}, notRules: []string{"beaconing"},
		description: "every PC's antivirus asks its vendor for new definitions every hour while it is on"})
	if n.nas != nil {
		dec.ntp = p.addEntry(&entry{kind: "periodic_ntp", subject: n.nas.ip, decoy: true,
			domains: []string{siteNTP.host}, notRules: []string{"beaconing"},
			description: "the NAS asks NICT's NTP servers the time every 1024 seconds, day and night"})
		dec.backup = p.addEntry(&entry{kind: "nightly_backup", subject: n.nas.ip, decoy: true,
			domains: []string{siteBackup.host}, notRules: []string{"beaconing"},
			description: "the NAS uploads its backup to cloud storage every night at two"})
	}
	if n.mfp != nil {
		dec.mfp = p.addEntry(&entry{kind: "periodic_poll", subject: n.mfp.ip, decoy: true,
			domains: []string{siteMFP.host}, notRules: []string{"beaconing"},
			description: "the copier reports to its vendor's maintenance service every 30 minutes"})
	}
	if p.yamaha {
		dec.scattered = p.addEntry(&entry{kind: "scattered_deny", subject: "netbios", decoy: true,
			notRules:    []string{"infected_pc"},
			description: "Windows PCs leak NetBIOS and SMB towards the Internet now and then; the filter refuses it"})
	} else {
		dec.scattered = p.addEntry(&entry{kind: "scattered_deny", subject: "udp/443", decoy: true,
			notRules:    []string{"infected_pc"},
			description: "browsers try QUIC to Google, which a policy refuses so that they fall back to TCP"})
		dec.blocks = p.addEntry(&entry{kind: "scattered_block", subject: "webfilter", decoy: true,
			notRules:    []string{"infected_pc"},
			description: "the web filter blocks an ad or tracker now and then, on any PC"})
	}
	dec.noise = p.addEntry(&entry{kind: "background_scan", subject: n.wan, decoy: true,
		notRules:    []string{"port_scan"},
		description: "the Internet's scanners knock on the WAN address around the clock, one or two ports each"})
	dec.admin = p.addEntry(&entry{kind: "admin_typo", subject: "admin", decoy: true,
		notRules:    []string{"login_after_failures"},
		description: "the IT person mistypes the device's admin password, then logs in"})
	dec.staff = map[string]uint32{}
	for _, u := range n.staff {
		dec.staff[u.name] = p.addEntry(&entry{kind: "staff_typo", subject: u.name, decoy: true,
			notRules:    []string{"vpn_bruteforce", "vpn_spraying", "login_after_failures"},
			description: "an employee mistypes the VPN password from home, then gets in"})
	}

	first := p.cal.dayOf(p.cal.start)
	for d := first; d < p.cal.days; d++ {
		r := newRNG(p.cfg.Seed, "office-day", d)
		p.planAdminDay(r, d)
		for _, u := range n.staff {
			p.planVPNDay(r, d, u)
		}
	}
	sort.Slice(p.admin, func(i, j int) bool { return p.admin[i].from < p.admin[j].from })
	sort.Slice(p.vpn, func(i, j int) bool { return p.vpn[i].start < p.vpn[j].start })
}

func (p *plan) planAdminDay(r *rng, d int) {
	w := p.workday(p.net.it, d)
	if !p.cal.isBusiness(d) || !w.present || !r.chance(0.55) {
		return
	}
	visits := 1
	if r.chance(0.25) {
		visits++
	}
	for range visits {
		span := w.end - w.start - hour
		if span <= 0 {
			return
		}
		a := &adminSession{ip: p.net.it.ip, user: "admin", via: "https"}
		if r.chance(0.15) {
			a.via = "ssh"
		}
		a.from = w.start + 30*minute + int64(r.float()*float64(span))
		a.to = a.from + int64(r.between(3, 25))*minute
		a.typo = r.chance(0.08)
		for range r.between(0, 3) {
			a.changes = append(a.changes, a.from+int64(r.float()*float64(a.to-a.from)))
		}
		sort.Slice(a.changes, func(i, j int) bool { return a.changes[i] < a.changes[j] })
		if a.from >= p.cal.start && a.to < p.cal.end {
			p.admin = append(p.admin, a)
		}
	}
}

func (p *plan) planVPNDay(r *rng, d int, u *staffUser) {
	v := &vpnSession{user: u.name, src: u.home, cc: "JP", tunnel: u.tunnel}
	if r.chance(0.15) {
		v.src = u.mobile
	}
	switch {
	case p.cal.isBusiness(d) && r.chance(0.22):
		// A day of telework.
		v.from = p.cal.at(d, 8, 45) + int64(r.norm()*20)*minute
		v.to = p.cal.at(d, 17, 45) + int64(r.norm()*40)*minute
	case p.cal.isBusiness(d) && r.chance(0.08):
		// Checking something in the evening.
		v.from = p.cal.at(d, 20, 0) + int64(r.intn(150))*minute
		v.to = v.from + int64(r.between(10, 40))*minute
	case !p.cal.isBusiness(d) && r.chance(0.04):
		v.from = p.cal.at(d, 14, 0) + int64(r.norm()*90)*minute
		v.to = v.from + int64(r.between(20, 90))*minute
	default:
		return
	}
	if r.chance(0.18) {
		v.typos = 1
		if r.chance(0.3) {
			v.typos = 2
		}
	}
	v.from += r.subsecond()
	v.to += r.subsecond()
	v.start = v.from - int64(v.typos)*int64(r.between(15, 40))*second - r.subsecond()
	v.failTags = p.decoys.staff[u.name]
	if v.start >= p.cal.start && v.to < p.cal.end {
		p.vpn = append(p.vpn, v)
	}
}

// vpnTrafficGap is the mean time between an employee's sessions into the
// LAN over the VPN (FortiGate logs them; Yamaha does not).
const vpnTrafficGap = 4 * minute

// officeLines is the expected number of lines of everything but the PCs'
// own sessions, the background noise and the attacks.
func (p *plan) officeLines() float64 {
	c := p.cost
	var n float64
	run := p.effective(p.cal.start, p.cal.end)
	for _, h := range p.net.pcs {
		_, on := p.activity(h)
		n += on / 3600 * c.session
		for d := p.cal.dayOf(p.cal.start); d < p.cal.days; d++ {
			if w := p.workday(h, d); w.present && w.start > p.cal.start && w.start < p.cal.end {
				n += c.dhcp
			}
		}
	}
	if p.net.nas != nil {
		n += run/1024*c.session + float64(p.cal.days)*45*c.session
	}
	if p.net.mfp != nil {
		n += run / 1800 * c.session
	}
	for _, a := range p.admin {
		n += c.adminLogin + c.adminLogout + float64(len(a.changes))*c.adminChange
		if a.typo {
			n += c.adminLogin
		}
	}
	for _, v := range p.vpn {
		n += float64(v.typos)*c.vpnFailure + c.vpnLogin + c.vpnLogout
		n += c.vpnTraffic * float64(v.to-v.from) / float64(vpnTrafficGap)
	}
	return n
}

// startStreams queues every stream at its first time.
func (g *gen) startStreams() {
	p := g.plan
	start := p.cal.start
	push := func(t int64, s stream) {
		if t >= 0 && t < p.cal.end {
			g.q.push(t, s)
		}
	}
	for _, h := range p.net.hosts {
		r := newRNG(p.cfg.Seed, "host", h.idx)
		hs := &hostStream{h: h, r: r, mix: p.mixes[h], rp: newRateProcess(p, h, r, p.scale)}
		if p.scale > 0 {
			push(hs.rp.next(start), hs)
		}
		if h.role == rolePC {
			av := &periodicStream{h: h, s: siteAV, every: hour, jitter: 20 * second, whenOn: true,
				tag: p.decoys.av, r: newRNG(p.cfg.Seed, "av", h.idx)}
			push(av.nextOn(p, start+int64(av.r.float()*float64(hour))), av)
			push(g.nextDHCP(&dhcpStream{h: h, d: p.cal.dayOf(start), r: newRNG(p.cfg.Seed, "dhcp", h.idx)}))
		}
	}
	if nas := p.net.nas; nas != nil {
		ntp := &periodicStream{h: nas, s: siteNTP, every: 1024 * second, jitter: second, tag: p.decoys.ntp,
			r: newRNG(p.cfg.Seed, "ntp", 0)}
		push(start+int64(ntp.r.intn(1024))*second+ntp.r.subsecond(), ntp)
		b := &backupStream{r: newRNG(p.cfg.Seed, "backup", 0), d: p.cal.dayOf(start)}
		push(b.tonight(p), b)
	}
	if mfp := p.net.mfp; mfp != nil {
		s := &periodicStream{h: mfp, s: siteMFP, every: 30 * minute, jitter: 3 * second, tag: p.decoys.mfp,
			r: newRNG(p.cfg.Seed, "mfp", 0)}
		push(start+int64(s.r.intn(1800))*second+s.r.subsecond(), s)
	}
	noise := &noiseStream{r: newRNG(p.cfg.Seed, "noise", 0)}
	push(noise.next(p, start), noise)
	if len(p.admin) > 0 {
		a := &adminStream{r: newRNG(p.cfg.Seed, "admin", 0)}
		push(p.admin[0].from, a)
	}
	if len(p.vpn) > 0 {
		push(p.vpn[0].start, &vpnStream{r: newRNG(p.cfg.Seed, "vpn", 0)})
	}
	if p.yamaha {
		r := newRNG(p.cfg.Seed, "pppoe", 0)
		// Once in a while the provider drops the PPPoE session at night.
		for d := p.cal.dayOf(start); d < p.cal.days; d++ {
			if r.chance(0.15) {
				push(p.cal.at(d, 4, r.intn(50)), later(func(g *gen, t int64) { g.fmt.lineFlap(g, t) }))
			}
		}
	}

	if ip := p.infected; ip != nil {
		push(ip.from, &infectedStream{p: ip, r: newRNG(p.cfg.Seed, "infected-run", 0)})
	}
	if b := p.beacon; b != nil {
		s := &beaconStream{p: b, r: newRNG(p.cfg.Seed, "beacon-run", 0)}
		push(s.next(p, b.from), s)
	}
	for i, a := range p.attackers() {
		push(a.from, &attackerStream{a: a, r: newRNG(p.cfg.Seed, "attacker", i)})
	}
	if s := p.scan; s != nil {
		push(s.from, &scanStream{p: s, r: newRNG(p.cfg.Seed, "scan-run", 0)})
	}
}

// flow is one connection, as the traffic log records it at its end.
type flow struct {
	h          *host
	sport      int
	dst, cc    string
	hostname   string
	svc        *service
	sent, rcvd int64
	dur        int64 // seconds
	action     string
}

// flow fills the generator's scratch flow for a session of h to s.
func (g *gen) flow(r *rng, h *host, s *site) *flow {
	f := &g.scratch
	*f = flow{h: h, hostname: s.host, cc: s.cc, svc: s.svc}
	f.dst = s.ips[r.intn(len(s.ips))]
	f.sport = ephemeralPort(r, h)
	f.sent = max(int64(r.logNormal(s.size.sent, 0.8)), 40)
	f.rcvd = max(int64(r.logNormal(s.size.rcvd, 1.0)), 40)
	if s.svc.proto == 17 {
		f.action = "accept"
		f.dur = 180
		if s.size.dur > 0 {
			f.dur = int64(r.logNormal(s.size.dur, 0.6))
		}
		return f
	}
	f.dur = int64(r.logNormal(max(s.size.dur, 1), 0.9))
	switch x := r.float(); {
	case x < 0.86:
		f.action = "close"
	case x < 0.91:
		f.action = "client-rst"
	case x < 0.96:
		f.action = "server-rst"
	default:
		f.action = "timeout"
	}
	return f
}

// ephemeralPort is a source port as the host's OS picks them.
func ephemeralPort(r *rng, h *host) int {
	if h.role == rolePC {
		return r.between(49152, 65535) // Windows
	}
	return r.between(32768, 60999) // Linux
}

// hostStream is a host's own sessions.
type hostStream struct {
	h   *host
	r   *rng
	mix *mix
	rp  *rateProcess
}

func (s *hostStream) run(g *gen, t int64) int64 {
	m := s.mix
	e := m.entries[s.r.weighted(m.weights, m.total)]
	switch e.kind {
	case flowWeb:
		g.fmt.session(g, g.flow(s.r, s.h, e.sites[s.r.intn(len(e.sites))]), 0)
	case flowDNS:
		g.fmt.dnsQuery(g, s.h, 0)
	case flowQUIC:
		g.fmt.outboundDeny(g, g.flow(s.r, s.h, e.sites[0]), g.decoys.scattered)
	case flowOutDeny:
		f := g.flow(s.r, s.h, sitesJapan[0])
		f.dst, f.cc, f.hostname = remoteAddr(s.r, "JP"), "JP", ""
		if g.yamaha && s.r.chance(0.7) {
			f.svc, f.sport = &service{"SAMBA", 17, 137}, 137
		} else {
			f.svc = svcSMB
		}
		g.fmt.outboundDeny(g, f, g.decoys.scattered)
	case flowWebBlock:
		g.fmt.webBlock(g, s.h, e.sites[s.r.intn(len(e.sites))], g.decoys.blocks)
	}
	return s.rp.next(t)
}

// periodicStream is a machine polling a service at a fixed interval:
// antivirus updates, NTP, the copier's maintenance service.
type periodicStream struct {
	h      *host
	s      *site
	every  int64
	jitter int64
	whenOn bool // only while the PC is switched on
	tag    uint32
	r      *rng
	segs   []seg
	d      int
}

func (s *periodicStream) run(g *gen, t int64) int64 {
	g.fmt.session(g, g.flow(s.r, s.h, s.s), s.tag)
	next := t + s.every + int64((2*s.r.float()-1)*float64(s.jitter))
	if s.whenOn {
		return s.nextOn(g.plan, next)
	}
	return next
}

// nextOn is the first time from t on at which the PC is switched on; a
// PC that was off checks a few minutes after it comes up.
func (s *periodicStream) nextOn(p *plan, t int64) int64 {
	for t < p.cal.end {
		d := p.cal.dayOf(t)
		if d != s.d || s.segs == nil {
			s.d = d
			s.segs = p.segments(s.h, d, s.segs[:0])
		}
		for _, sg := range s.segs {
			if t >= sg.to {
				continue
			}
			if sg.rate > 0 {
				if t < sg.from {
					return sg.from + int64(s.r.between(2, 10))*minute + s.r.subsecond()
				}
				return t
			}
		}
		t = p.cal.dayStart(d+1) + s.r.subsecond()
	}
	return -1
}

// backupStream is the NAS's nightly upload to cloud storage.
type backupStream struct {
	r    *rng
	d    int
	left int
}

func (s *backupStream) tonight(p *plan) int64 {
	for ; s.d < p.cal.days; s.d++ {
		t := p.cal.at(s.d, 2, 0) + int64(s.r.intn(600))*second + s.r.subsecond()
		if t >= p.cal.start {
			s.d++
			s.left = s.r.between(30, 60)
			return t
		}
	}
	return -1
}

func (s *backupStream) run(g *gen, t int64) int64 {
	g.fmt.session(g, g.flow(s.r, g.net.nas, siteBackup), g.decoys.backup)
	if s.left--; s.left > 0 {
		return t + int64(s.r.exp()*50*float64(second)) + second
	}
	return s.tonight(g.plan)
}

// dhcpStream is a PC asking for its address each morning it boots.
type dhcpStream struct {
	h    *host
	d    int
	r    *rng
	seen bool
}

// nextDHCP returns when s next boots, and s.
func (g *gen) nextDHCP(s *dhcpStream) (int64, stream) {
	p := g.plan
	for ; s.d < p.cal.days; s.d++ {
		w := p.workday(s.h, s.d)
		if !w.present {
			continue
		}
		t := w.start - int64(s.r.between(60, 360))*second - s.r.subsecond()
		if t >= p.cal.start {
			s.d++
			return t, s
		}
	}
	return -1, s
}

func (s *dhcpStream) run(g *gen, t int64) int64 {
	g.fmt.dhcp(g, s.h, s.seen)
	s.seen = true
	next, _ := g.nextDHCP(s)
	return next
}

// noiseStream is the Internet's background scanning of the WAN address.
type noiseStream struct{ r *rng }

func (s *noiseStream) next(p *plan, t int64) int64 {
	if p.noiseRate <= 0 {
		return -1
	}
	return t + int64(s.r.exp()/p.noiseRate*float64(second)) + 1
}

func (s *noiseStream) run(g *gen, t int64) int64 {
	cc := noiseCountries.pick(s.r)
	src := remoteAddr(s.r, cc)
	for g.taken[src] {
		src = remoteAddr(s.r, cc)
	}
	port := inboundPorts[s.r.intn(len(inboundPorts))]
	proto := 6
	if port == 5060 {
		proto = 17
	}
	g.fmt.inboundDeny(g, src, cc, s.r.between(1024, 65000), port, proto, g.decoys.noise)
	return s.next(g.plan, t)
}

// adminStream replays the IT person's planned visits to the device.
type adminStream struct {
	r *rng
	i int
}

func (s *adminStream) run(g *gen, t int64) int64 {
	a := g.admin[s.i]
	s.i++
	login := func(g *gen, t int64) {
		g.fmt.adminLogin(g, a, true, 0)
		for i, c := range a.changes {
			g.after(max(c, t+second), func(g *gen, _ int64) { g.fmt.adminChange(g, a, i) })
		}
		g.after(max(a.to, t+2*second), func(g *gen, _ int64) { g.fmt.adminLogout(g, a) })
	}
	if a.typo {
		g.fmt.adminLogin(g, a, false, g.decoys.admin)
		g.after(t+int64(s.r.between(6, 25))*second, login)
	} else {
		login(g, t)
	}
	if s.i < len(g.admin) {
		return max(g.admin[s.i].from, t)
	}
	return -1
}

// vpnStream replays the staff's planned VPN sessions.
type vpnStream struct {
	r *rng
	i int
}

func (s *vpnStream) run(g *gen, t int64) int64 {
	v := g.vpn[s.i]
	s.i++
	if v.typos > 0 {
		g.fmt.vpnFailure(g, v.src, v.user, true, v.failTags)
		if v.typos > 1 {
			mid := t + (v.from-t)/2
			g.after(mid, func(g *gen, _ int64) { g.fmt.vpnFailure(g, v.src, v.user, true, v.failTags) })
		}
	}
	g.startVPN(v, s.r)
	if s.i < len(g.vpn) {
		return max(g.vpn[s.i].start, t)
	}
	return -1
}

// startVPN queues a VPN session: the login at v.from, the traffic into
// the LAN, the logout at v.to.
func (g *gen) startVPN(v *vpnSession, r *rng) {
	g.after(max(v.from, g.t), func(g *gen, t int64) {
		v.tunnelID = 1_000_000 + int64(r.intn(9_000_000))
		g.fmt.vpnLogin(g, v, v.tags)
		if g.cost.vpnTraffic > 0 {
			vt := &vpnTrafficStream{v: v, r: r}
			g.after(t+vt.gap(), vt.run)
		}
		g.after(v.to, func(g *gen, _ int64) { g.fmt.vpnLogout(g, v) })
	})
}

// vpnTrafficStream is a VPN user's sessions into the LAN: files on the
// NAS, remote desktop to their office PC.
type vpnTrafficStream struct {
	v *vpnSession
	r *rng
}

func (s *vpnTrafficStream) gap() int64 {
	mean := float64(vpnTrafficGap)
	if s.v.lateral {
		mean = float64(minute)
	}
	return int64(s.r.exp()*mean) + second
}

func (s *vpnTrafficStream) run(g *gen, t int64) {
	if t >= s.v.to {
		return
	}
	n := g.net
	dst, svc := n.nas, svcSMB
	if dst == nil || s.r.chance(0.3) {
		dst, svc = n.pcs[s.r.intn(len(n.pcs))], svcRDP
	}
	g.fmt.vpnTraffic(g, s.v, dst, svc)
	g.after(t+s.gap(), s.run)
}
