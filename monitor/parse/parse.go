// Package parse turns received log lines into normalized events: it
// decodes the text (UTF-8, or Shift_JIS from older Japanese gear), splits
// the syslog header, finds the vendor (auto-detected per line and
// remembered per source, or forced), lets that vendor's parser read the
// message, and fills in what every event needs: the time, the direction of
// the traffic and the country of the remote address.
//
// One input line always gives exactly one event. A line no parser knows is
// {"vendor":"unknown","kind":"unknown","raw":…}, with Malformed set when it
// is not even a syslog line.
package parse

import (
	"net/netip"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/phuslu/iploc"
	"golang.org/x/text/encoding/japanese"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// vendorParser is one vendor's Detect and Parse (see the vendor packages).
type vendorParser struct {
	vendor monitor.Vendor
	detect func(h syslog.Header, msg string) bool
	parse  func(h syslog.Header, msg string, loc *time.Location, e *monitor.Event) bool
}

// DefaultLocation is the time zone of logs that carry no offset, unless a
// source says otherwise: Kizuki's users are in Japan.
var DefaultLocation = mustLoad("Asia/Tokyo")

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		// Without zoneinfo on the system (Windows without Go's tzdata),
		// Japan has had no daylight saving time since 1951.
		return time.FixedZone("JST", 9*60*60)
	}
	return loc
}

// Parser turns lines into events. It remembers the vendor of each source,
// so it is not safe for concurrent use: give each goroutine its own.
type Parser struct {
	// Vendor forces one vendor's parser (`kizuki parse --vendor`); empty
	// means detect per line.
	Vendor monitor.Vendor
	// Location reads timestamps that carry no offset; nil means
	// DefaultLocation.
	Location *time.Location

	remembered map[string]int // source → index into vendors
	// last is the source of the line before and its remembered vendor:
	// lines come in runs from one source, so most need no map at all.
	last      string
	lastIndex int
	lastOK    bool
	counts    []int // by index into vendors; unknown last
	malformed int
}

// New returns a Parser that detects vendors per line.
func New() *Parser { return &Parser{} }

// ErrUnknownVendor is returned by ForVendor for names outside the vocabulary.
type ErrUnknownVendor string

func (e ErrUnknownVendor) Error() string { return "unknown vendor " + string(e) }

// ForVendor returns a Parser that reads every line as vendor v.
func ForVendor(v monitor.Vendor) (*Parser, error) {
	if _, ok := vendorIndex(v); !ok {
		return nil, ErrUnknownVendor(v)
	}
	return &Parser{Vendor: v}, nil
}

// Supported lists the vendors that have a parser, in detection order.
func Supported() []monitor.Vendor {
	out := make([]monitor.Vendor, len(vendors))
	for i, v := range vendors {
		out[i] = v.vendor
	}
	return out
}

func vendorIndex(v monitor.Vendor) (int, bool) {
	for i, vp := range vendors {
		if vp.vendor == v {
			return i, true
		}
	}
	return 0, false
}

// Counts returns how many lines each vendor's parser read so far; lines no
// parser knew count under VendorUnknown.
func (p *Parser) Counts() map[monitor.Vendor]int {
	out := make(map[monitor.Vendor]int)
	for i, n := range p.counts {
		if n == 0 {
			continue
		}
		if i < len(vendors) {
			out[vendors[i].vendor] += n
		} else {
			out[monitor.VendorUnknown] += n
		}
	}
	return out
}

// Malformed returns how many lines were not even syslog lines.
func (p *Parser) Malformed() int { return p.malformed }

// Parse reads one line.
func (p *Parser) Parse(line monitor.Line) monitor.Event {
	var e monitor.Event
	p.ParseInto(line, &e)
	return e
}

// ParseInto reads one line into e, which it overwrites whole: the same as
// Parse, without allocating a new event for each line when the caller
// reuses e (a batch of events parsed over and over).
func (p *Parser) ParseInto(line monitor.Line, e *monitor.Event) {
	loc := p.Location
	if loc == nil {
		loc = DefaultLocation
	}
	text := Decode(line.Text)
	*e = monitor.Event{Received: line.Received, Source: line.Source, Raw: text}
	now := line.Received
	if now.IsZero() {
		now = time.Now()
	}
	h, msg := syslog.Split(text, loc, now)

	i, ok := p.pick(line.Source, h, msg)
	if ok && vendors[i].parse(h, msg, loc, e) {
		e.Vendor = vendors[i].vendor
		if line.Source != "" && p.Vendor == "" {
			p.remember(line.Source, i)
		}
	} else {
		*e = monitor.Event{Received: line.Received, Source: line.Source, Raw: text,
			Vendor: monitor.VendorUnknown, Kind: monitor.KindUnknown}
		e.Malformed = h.Format == syslog.FormatNone && h.Priority < 0
		if e.Malformed {
			p.malformed++
		}
	}
	if p.counts == nil {
		p.counts = make([]int, len(vendors)+1)
	}
	if e.Vendor == monitor.VendorUnknown {
		p.counts[len(vendors)]++
	} else {
		p.counts[i]++
	}

	switch {
	case !e.Time.IsZero():
	case !h.Time.IsZero():
		e.Time = h.Time
	default:
		e.Time, e.TimeGuessed = line.Received, true
	}
	fillDirectionAndCountry(e)
}

// remember notes that source's lines are vendor i's.
func (p *Parser) remember(source string, i int) {
	if p.lastOK && source == p.last && i == p.lastIndex {
		return
	}
	if p.remembered == nil {
		p.remembered = map[string]int{}
	}
	p.remembered[source] = i
	p.last, p.lastIndex, p.lastOK = source, i, true
}

// recall returns the vendor remembered for source.
func (p *Parser) recall(source string) (int, bool) {
	if p.lastOK && source == p.last {
		return p.lastIndex, true
	}
	i, ok := p.remembered[source]
	if ok {
		p.last, p.lastIndex, p.lastOK = source, i, true
	}
	return i, ok
}

// pick chooses the vendor parser for a line: the forced one, else the one
// this source used last if it still recognizes the line, else the first
// that does.
func (p *Parser) pick(source string, h syslog.Header, msg string) (int, bool) {
	if p.Vendor != "" {
		return vendorIndex(p.Vendor)
	}
	if i, ok := p.recall(source); ok && vendors[i].detect(h, msg) {
		return i, true
	}
	for i, v := range vendors {
		if v.detect(h, msg) {
			return i, true
		}
	}
	return 0, false
}

// Decode returns text as valid UTF-8: as it is when it already is, decoded
// from Shift_JIS when that makes it valid (older Yamaha and other Japanese
// gear), else with each invalid byte replaced by U+FFFD.
func Decode(text string) string {
	if utf8.ValidString(text) {
		return text
	}
	if s, err := japanese.ShiftJIS.NewDecoder().String(text); err == nil && utf8.ValidString(s) && !strings.ContainsRune(s, utf8.RuneError) {
		return s
	}
	return strings.ToValidUTF8(text, "\uFFFD")
}

// fillDirectionAndCountry derives the direction from the address ranges
// when the parser could not tell, and the country of the remote address.
func fillDirectionAndCountry(e *monitor.Event) {
	src, srcErr := netip.ParseAddr(e.SrcIP)
	dst, dstErr := netip.ParseAddr(e.DstIP)
	srcOK, dstOK := srcErr == nil, dstErr == nil
	if e.Direction == "" && srcOK && dstOK {
		switch sp, dp := isInternal(src), isInternal(dst); {
		case sp && dp:
			e.Direction = monitor.DirectionInternal
		case sp && !dp:
			e.Direction = monitor.DirectionOutbound
		case !sp && dp:
			e.Direction = monitor.DirectionInbound
		}
	}
	var remote netip.Addr
	switch {
	case e.Direction == monitor.DirectionInbound && srcOK:
		remote = src
	case e.Direction == monitor.DirectionOutbound && dstOK:
		remote = dst
	case srcOK && !isInternal(src):
		remote = src
	case dstOK && !isInternal(dst):
		remote = dst
	}
	if remote.IsValid() && !isInternal(remote) {
		if c := iploc.IPCountry(remote); len(c) == 2 && c != "ZZ" {
			e.Country = c
		}
	}
}

// isInternal reports whether a is an address of the company's own side:
// private, loopback, link-local, CGNAT or unspecified, and multicast.
func isInternal(a netip.Addr) bool {
	a = a.Unmap()
	return a.IsPrivate() || a.IsLoopback() || a.IsLinkLocalUnicast() || a.IsUnspecified() ||
		a.IsMulticast() || a.IsLinkLocalMulticast() || cgnat.Contains(a)
}

var cgnat = netip.MustParsePrefix("100.64.0.0/10")
