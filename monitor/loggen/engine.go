package loggen

import (
	"bufio"
	"math/bits"
	"strconv"
)

// stream is one source of lines: a PC's browsing, an attacker, the
// copier's hourly poll. run writes whatever happens at t and returns when
// the stream next has something to say, or -1 when it is done.
type stream interface {
	run(g *gen, t int64) int64
}

// later is a one-off: the second line of a session, a VPN tunnel going
// down hours after it came up.
type later func(g *gen, t int64)

func (f later) run(g *gen, t int64) int64 {
	f(g, t)
	return -1
}

// item is a stream waiting in the queue; seq breaks ties between streams
// due at the same nanosecond in the order they were queued, so a seed
// always gives the same bytes.
type item struct {
	t   int64
	seq uint64
	s   stream
}

// queue is a binary min-heap of streams by next time. It holds one entry
// per live stream, never the lines themselves: memory stays flat however
// many lines a run writes.
type queue struct {
	items []item
	seq   uint64
}

func (q *queue) less(i, j int) bool {
	a, b := &q.items[i], &q.items[j]
	return a.t < b.t || (a.t == b.t && a.seq < b.seq)
}

func (q *queue) push(t int64, s stream) {
	q.seq++
	q.items = append(q.items, item{t, q.seq, s})
	i := len(q.items) - 1
	for i > 0 {
		p := (i - 1) / 2
		if !q.less(i, p) {
			break
		}
		q.items[i], q.items[p] = q.items[p], q.items[i]
		i = p
	}
}

func (q *queue) pop() item {
	top := q.items[0]
	n := len(q.items) - 1
	q.items[0] = q.items[n]
	q.items[n] = item{}
	q.items = q.items[:n]
	i := 0
	for {
		l, r, m := 2*i+1, 2*i+2, i
		if l < n && q.less(l, m) {
			m = l
		}
		if r < n && q.less(r, m) {
			m = r
		}
		if m == i {
			return top
		}
		q.items[i], q.items[m] = q.items[m], q.items[i]
		i = m
	}
}

// gen is one run: the plan, the queue of streams and the output.
type gen struct {
	*plan
	out   *bufio.Writer
	err   error
	q     queue
	st    stamp
	t     int64  // time of the line being written
	buf   []byte // the line being written
	lines int

	lastWritten int64 // time of the last line written
	gapOpen     bool  // lines have been dropped and none written since

	sessionID int64
	fmt       formatter
	scratch   flow // the session being written (see flow)
}

// formatter writes the lines of one vendor. Streams say what happened
// at g.t; the formatter says it the way the device would, in as many
// lines as the device uses, and passes tags (the ground-truth entries the
// event counts for) to the one line that records it. What a device does
// not log, its formatter leaves out.
type formatter interface {
	// priority is the syslog PRI of a line of the given level.
	priority(level level) int
	// header is the host name a relaying syslog server would put in an
	// RFC 3164 header.
	header() string

	// session is an allowed outbound connection.
	session(g *gen, f *flow, tags uint32)
	// dnsQuery is a PC asking the device for a name.
	dnsQuery(g *gen, h *host, tags uint32)
	// outboundDeny is a LAN host's connection refused by policy.
	outboundDeny(g *gen, f *flow, tags uint32)
	// inboundDeny is a probe of the WAN address from the Internet.
	inboundDeny(g *gen, src, cc string, sport, dport, proto int, tags uint32)
	// webBlock is the web filter stopping a site.
	webBlock(g *gen, h *host, s *site, tags uint32)
	// vpnFailure is a failed remote-access login; staff marks an
	// employee's typo.
	vpnFailure(g *gen, src, user string, staff bool, tags uint32)
	// vpnLogin and vpnLogout open and close a remote-access session.
	vpnLogin(g *gen, v *vpnSession, tags uint32)
	vpnLogout(g *gen, v *vpnSession)
	// vpnTraffic is a VPN user's connection into the LAN.
	vpnTraffic(g *gen, v *vpnSession, dst *host, svc *service)
	// adminLogin, adminChange (the n-th of a.changes) and adminLogout are
	// the IT person at the device's own console.
	adminLogin(g *gen, a *adminSession, ok bool, tags uint32)
	adminChange(g *gen, a *adminSession, n int)
	adminLogout(g *gen, a *adminSession)
	// dhcp is a PC getting its address; renew when it had one before.
	dhcp(g *gen, h *host, renew bool)
	// malware is the infected PC's attempt to send its file (or call its
	// botnet), as the device stops it.
	malware(g *gen, h *host, m *malwareTarget, tags uint32)
	// lineFlap is the Internet line dropping and coming back at t.
	lineFlap(g *gen, t int64)
}

// level is a syslog severity as the devices log it.
type level int

const (
	levelAlert   level = 1
	levelWarning level = 4
	levelNotice  level = 5
	levelInfo    level = 6
)

// begin starts a line at time t.
func (g *gen) begin(t int64, lv level) {
	g.t = t
	g.st.set(t)
	b := g.buf[:0]
	switch g.cfg.Framing {
	case FramingRFC3164:
		b = appendPriority(b, g.fmt.priority(lv))
		b = g.st.rfc3164(b)
		b = append(b, ' ')
		b = append(b, g.fmt.header()...)
		b = append(b, ' ')
	case FramingPriority:
		b = appendPriority(b, g.fmt.priority(lv))
		if g.yamaha {
			b = append(b, ' ')
		}
	default:
		if g.yamaha {
			// RTX's own log (`show log`, exported files) starts each
			// line with its time; nothing else in most lines says when.
			b = g.st.rtx(b)
			b = append(b, ':', ' ')
		}
	}
	g.buf = b
}

func appendPriority(b []byte, pri int) []byte {
	b = append(b, '<')
	b = strconv.AppendInt(b, int64(pri), 10)
	return append(b, '>')
}

// end writes the line begun last, unless the source is silent then. tags
// are the ground-truth entries the line counts for; src, dst and user are
// what they record about it.
func (g *gen) end(tags uint32, src, dst, user string) {
	if g.t >= g.gapFrom && g.t < g.gapTo {
		g.gapOpen = true
		return
	}
	if g.gapOpen {
		g.gapOpen = false
		if e := g.silent; e != nil && e.count == 0 && e.first == 0 {
			e.first, e.last = g.lastWritten, g.t
		}
	}
	g.buf = append(g.buf, '\n')
	if _, err := g.out.Write(g.buf); err != nil && g.err == nil {
		g.err = err
	}
	g.lines++
	g.lastWritten = g.t
	for tags != 0 {
		i := bits.TrailingZeros32(tags)
		tags &^= 1 << i
		g.entries[i].record(g.t, src, dst, user)
	}
}

// after queues f at time t.
func (g *gen) after(t int64, f later) {
	if t < g.cal.end {
		g.q.push(t, f)
	}
}

// nextSession returns a new FortiOS session id: they grow with time,
// by more than one because sessions the log does not show take ids too.
func (g *gen) nextSession() int64 {
	g.sessionID += 1 + int64(g.r.intn(7))
	return g.sessionID
}

// Small appenders for key=value text.

func (g *gen) str(s string) { g.buf = append(g.buf, s...) }

func (g *gen) int(v int64) { g.buf = strconv.AppendInt(g.buf, v, 10) }

// kq appends ` key="value"`.
func (g *gen) kq(key, value string) {
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, key...)
	g.buf = append(g.buf, '=', '"')
	g.buf = append(g.buf, value...)
	g.buf = append(g.buf, '"')
}

// kv appends ` key=value` for values FortiOS does not quote (addresses).
func (g *gen) kv(key, value string) {
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, key...)
	g.buf = append(g.buf, '=')
	g.buf = append(g.buf, value...)
}

// ki appends ` key=N`.
func (g *gen) ki(key string, v int64) {
	g.buf = append(g.buf, ' ')
	g.buf = append(g.buf, key...)
	g.buf = append(g.buf, '=')
	g.buf = strconv.AppendInt(g.buf, v, 10)
}
