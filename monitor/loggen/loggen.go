// Package loggen writes realistic multi-day logs of a small Japanese
// office's UTM or router — FortiGate (FortiOS 7 key=value) or Yamaha RTX
// syslog — with attacks mixed into ordinary office life, and returns the
// ground truth of what it injected.
//
// The office: a few dozen PCs busy on weekdays from about 8:30 to 19:00
// and quiet at night, on weekends and on Japanese holidays; a NAS and a
// copier that talk around the clock; staff working from home over the
// VPN, sometimes mistyping their password; an IT person who logs in to
// the device and saves its configuration. The attacks are those of the
// seed talks and their sequels: a PC with stale antivirus sending
// infected zip files out (infected_pc), a browser notification permission
// calling a shady site every few minutes in business hours (beaconing),
// days of slow VPN password spraying from many domestic and overseas
// addresses with one fast burst (vpn_spraying, vpn_bruteforce) and one
// success (login_after_failures), a port scan (port_scan), and a few
// hours in which the device sends nothing (source_silent).
//
// Output is streamed in time order with memory that does not grow with
// the number of lines, and the same Config gives the same bytes.
package loggen

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"slices"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Framing is how each line is wrapped.
type Framing string

// Framings.
const (
	// FramingNative writes lines as the device's own log files show them:
	// FortiGate's bare key=value, Yamaha's "2026/11/16 09:00:00: …" (the
	// form of `show log` and exported logs, the only one that dates every
	// Yamaha line).
	FramingNative Framing = "native"
	// FramingRFC3164 adds the header a relaying syslog server writes:
	// "<189>Nov 16 09:00:00 FGT60F-HONSHA …". The header has no year.
	FramingRFC3164 Framing = "rfc3164"
	// FramingPriority writes what the device sends over UDP: a priority,
	// then the message ("<189>date=…", "<134> [INSPECT] …"). Most Yamaha
	// lines then carry no time at all.
	FramingPriority Framing = "priority"
)

// Attack kinds, also the Kind of Incident entries.
const (
	AttackInfectedPC         = "infected_pc"
	AttackBeaconing          = "beaconing"
	AttackVPNBruteforce      = "vpn_bruteforce"
	AttackVPNSpraying        = "vpn_spraying"
	AttackLoginAfterFailures = "login_after_failures"
	AttackPortScan           = "port_scan"
	AttackSourceSilent       = "source_silent"
)

// AllAttacks lists every attack kind, the default mix.
var AllAttacks = []string{
	AttackInfectedPC, AttackBeaconing, AttackVPNBruteforce, AttackVPNSpraying,
	AttackLoginAfterFailures, AttackPortScan, AttackSourceSilent,
}

// Config says what to generate. Zero fields take the defaults named.
type Config struct {
	// Vendor is monitor.VendorFortiGate (default) or monitor.VendorYamahaRTX.
	Vendor monitor.Vendor
	// Start is the first instant of the run; default 2026-11-16 00:00 JST,
	// a Monday.
	Start time.Time
	// Days is how long the run lasts, 1–366; default 7.
	Days int
	// Lines is the approximate number of lines to write; default 100000.
	// It is met within a few percent as long as it leaves room for the
	// fixed background of the office (roughly 2,000 lines a day); attacks
	// take at most a quarter of it and are thinned to fit.
	Lines int
	// Seed picks every random choice: the same Config writes the same
	// bytes.
	Seed int64
	// Hosts is the number of machines on the LAN, 1–100; default 30. From
	// six on, two of them are a NAS and a copier.
	Hosts int
	// Attacks are the attack kinds to inject (see AllAttacks). nil means
	// all of them; an empty, non-nil slice means none, for benign runs.
	Attacks []string
	// Framing wraps each line; default FramingNative.
	Framing Framing
}

// DefaultStart is the default Config.Start.
var DefaultStart = time.Date(2026, 11, 16, 0, 0, 0, 0, JST)

// withDefaults fills zero fields and checks the rest.
func (c Config) withDefaults() (Config, error) {
	if c.Vendor == "" {
		c.Vendor = monitor.VendorFortiGate
	}
	if c.Vendor != monitor.VendorFortiGate && c.Vendor != monitor.VendorYamahaRTX {
		return c, fmt.Errorf("vendor %q: want %q or %q", c.Vendor, monitor.VendorFortiGate, monitor.VendorYamahaRTX)
	}
	if c.Start.IsZero() {
		c.Start = DefaultStart
	}
	if c.Days == 0 {
		c.Days = 7
	}
	if c.Days < 1 || c.Days > 366 {
		return c, fmt.Errorf("days %d: want 1–366", c.Days)
	}
	if c.Lines == 0 {
		c.Lines = 100000
	}
	if c.Lines < 1 || c.Lines > 1e9 {
		return c, fmt.Errorf("lines %d: want 1–1000000000", c.Lines)
	}
	if c.Hosts == 0 {
		c.Hosts = 30
	}
	if c.Hosts < 1 || c.Hosts > 100 {
		return c, fmt.Errorf("hosts %d: want 1–100", c.Hosts)
	}
	if c.Framing == "" {
		c.Framing = FramingNative
	}
	switch c.Framing {
	case FramingNative, FramingRFC3164, FramingPriority:
	default:
		return c, fmt.Errorf("framing %q: want %q, %q or %q", c.Framing, FramingNative, FramingRFC3164, FramingPriority)
	}
	if c.Attacks == nil {
		c.Attacks = AllAttacks
	}
	for _, a := range c.Attacks {
		if !slices.Contains(AllAttacks, a) {
			return c, fmt.Errorf("attack %q: want one of %v", a, AllAttacks)
		}
	}
	return c, nil
}

// Validate reports what is wrong with c, if anything, before Generate.
func (c Config) Validate() error {
	if _, err := c.withDefaults(); err != nil {
		return fmt.Errorf("loggen: %w", err)
	}
	return nil
}

func (c *Config) has(attack string) bool { return slices.Contains(c.Attacks, attack) }

// Generate writes the log described by cfg to w, line by line in time
// order, and returns the ground truth of what it injected.
func Generate(cfg Config, w io.Writer) (Truth, error) {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return Truth{}, fmt.Errorf("loggen: %w", err)
	}
	if w == nil {
		return Truth{}, errors.New("loggen: nil writer")
	}
	g := newGen(cfg, w)
	for len(g.q.items) > 0 && g.err == nil {
		it := g.q.pop()
		g.t = it.t
		if next := it.s.run(g, it.t); next >= 0 && next < g.cal.end {
			g.q.push(next, it.s)
		}
	}
	if err := g.out.Flush(); err != nil && g.err == nil {
		g.err = err
	}
	if g.err != nil {
		return Truth{}, fmt.Errorf("loggen: writing: %w", g.err)
	}
	return g.truth(), nil
}

func newGen(cfg Config, w io.Writer) *gen {
	g := &gen{out: bufio.NewWriterSize(w, 256<<10), buf: make([]byte, 0, 2048)}
	g.plan = newPlan(cfg)
	g.sessionID = 1_000_000 + int64(g.r.intn(9_000_000))
	if g.yamaha {
		g.fmt = &yamahaFormatter{n: g.net}
	} else {
		g.fmt = &fortiFormatter{n: g.net}
	}
	g.startStreams()
	return g
}
