package loggen

// seg is a stretch of a day during which a host starts sessions at a
// steady rate (relative to the run's scale; 0 while switched off).
type seg struct {
	from, to int64
	rate     float64
}

// workday is when a PC's user is at it on one day.
type workday struct {
	present    bool
	start, end int64
}

// workday decides, from the seed alone, whether and when the user of PC h
// works on day d: weekdays from about 8:40 to 18:10 with overtime now and
// then, rarely a weekend, and the odd day off.
func (p *plan) workday(h *host, d int) workday {
	r := newRNG(p.cfg.Seed, "workday", h.idx*100003+d)
	var w workday
	business := p.cal.isBusiness(d)
	attendance := 0.93
	if h == p.net.it {
		attendance = 0.97
	}
	switch {
	case business && r.chance(attendance):
		w.present = true
		start := 8*60 + 40 + int(r.norm()*20)
		end := 18*60 + 10 + int(r.norm()*50)
		w.start = p.cal.at(d, 0, clampInt(start, 7*60+30, 10*60))
		w.end = p.cal.at(d, 0, clampInt(end, 16*60+30, 21*60+30))
	case !business && r.chance(0.05):
		w.present = true
		w.start = p.cal.at(d, 0, 10*60+r.between(-30, 60))
		w.end = w.start + int64(r.between(3*60, 5*60))*minute
	}
	if f, ok := h.forced[d]; ok {
		if !w.present {
			w = workday{present: true, start: f[0], end: f[1]}
		}
		w.start = min(w.start, f[0]-20*minute)
		w.end = max(w.end, f[1]+20*minute)
	}
	return w
}

// leftOn reports whether PC h stays switched on through the night after
// day d: Windows then keeps fetching updates and telemetry.
func (p *plan) leftOn(h *host, d int) bool {
	return newRNG(p.cfg.Seed, "lefton", h.idx*100003+d).chance(0.12)
}

const overnightRate = 0.04

// segments returns the activity of host h over day d, from midnight to
// midnight, appended to dst.
func (p *plan) segments(h *host, d int, dst []seg) []seg {
	day0, day1 := p.cal.dayStart(d), p.cal.dayStart(d+1)
	switch h.role {
	case roleNAS:
		return append(dst, seg{day0, day1, 0.05})
	case roleMFP:
		return append(dst, seg{day0, day1, 0.02})
	}
	w := p.workday(h, d)
	night := 0.0
	if p.leftOn(h, d-1) {
		night = overnightRate
	}
	if !w.present {
		if p.leftOn(h, d) {
			night = overnightRate
		}
		return append(dst, seg{day0, day1, night})
	}
	a := h.activity
	dst = append(dst, seg{day0, w.start, night})
	noon, afternoon, evening := p.cal.at(d, 12, 0), p.cal.at(d, 13, 0), p.cal.at(d, 19, 0)
	// The morning's mail comes first; lunch is quiet; overtime slower.
	marks := []struct {
		at   int64
		rate float64
	}{
		{w.start, 1.5 * a}, {w.start + 30*minute, a}, {noon, 0.35 * a}, {afternoon, a}, {evening, 0.8 * a},
	}
	t := w.start
	for i, m := range marks {
		next := w.end
		if i+1 < len(marks) {
			next = min(marks[i+1].at, w.end)
		}
		from := max(m.at, t)
		if next > from {
			dst = append(dst, seg{from, next, m.rate})
			t = next
		}
	}
	after := 0.0
	if p.leftOn(h, d) {
		after = overnightRate
	}
	return append(dst, seg{w.end, day1, after})
}

func clampInt(v, lo, hi int) int {
	return max(lo, min(hi, v))
}

// rateProcess draws the times of a Poisson process whose rate follows a
// host's day segments: exact, and no work spent on the hours a PC is off.
type rateProcess struct {
	p    *plan
	h    *host
	r    *rng
	d    int
	segs []seg
	i    int
	// scale turns a segment's relative rate into events per second.
	scale float64
}

// next returns the first event after t, or -1 past the run's end.
func (rp *rateProcess) next(t int64) int64 {
	need := rp.r.exp()
	for {
		for rp.i >= len(rp.segs) {
			rp.d++
			if rp.p.cal.dayStart(rp.d) >= rp.p.cal.end {
				return -1
			}
			rp.segs = rp.p.segments(rp.h, rp.d, rp.segs[:0])
			rp.i = 0
		}
		s := rp.segs[rp.i]
		if t < s.from {
			t = s.from
		}
		if t < s.to && s.rate > 0 {
			span := float64(s.to-t) / float64(second)
			rate := s.rate * rp.scale
			if need < rate*span {
				t += int64(need / rate * float64(second))
				if t >= rp.p.cal.end {
					return -1
				}
				return t
			}
			need -= rate * span
		}
		t = s.to
		rp.i++
	}
}

func newRateProcess(p *plan, h *host, r *rng, scale float64) *rateProcess {
	d := p.cal.dayOf(p.cal.start)
	return &rateProcess{p: p, h: h, r: r, d: d, segs: p.segments(h, d, nil), scale: scale}
}
