package loggen

import (
	"bufio"
	"bytes"
	"fmt"
	"net/netip"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/phuslu/iploc"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/fortigate"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
	"github.com/kizuki-app/kizuki/monitor/parse/yamaha"
)

// parsed is a generated line read back by its vendor's parser.
type parsed struct {
	monitor.Event
	// src is the remote address of the attempt a Yamaha L2TP line belongs
	// to: RTX names it only on the "connected from" line of the tunnel.
	src string
}

var (
	tunnelFrom  = regexp.MustCompile(`\[L2TP\] TUNNEL\[(\d+)\] connected from (\S+)`)
	anonymousPP = regexp.MustCompile(`PP\[ANONYMOUS(\d+)\]`)
	tunnelN     = regexp.MustCompile(`TUNNEL\[(\d+)\]`)
)

// readBack parses every line with the vendor's own Detect and Parse, as
// Kizuki will, failing the test on any line the parser does not know.
func readBack(t *testing.T, v monitor.Vendor, log []byte) []parsed {
	t.Helper()
	detect, parse := fortigate.Detect, fortigate.Parse
	if v == monitor.VendorYamahaRTX {
		detect, parse = yamaha.Detect, yamaha.Parse
	}
	now := time.Date(2026, 11, 30, 0, 0, 0, 0, JST)
	slots := map[int]string{}
	var out []parsed
	sc := bufio.NewScanner(bytes.NewReader(log))
	sc.Buffer(make([]byte, 64<<10), 64<<10)
	unknown := 0
	for sc.Scan() {
		line := sc.Text()
		h, msg := syslog.Split(line, JST, now)
		var p parsed
		p.Raw = line
		if !detect(h, msg) || !parse(h, msg, JST, &p.Event) || p.Kind == "" || p.Kind == monitor.KindUnknown {
			if unknown++; unknown <= 5 {
				t.Errorf("%s parser does not know: %s", v, line)
			}
			continue
		}
		if p.Time.IsZero() && !h.Time.IsZero() {
			p.Time = h.Time
		}
		p.src = p.SrcIP
		if !strings.Contains(line, "TUNNEL[") && !strings.Contains(line, "ANONYMOUS") {
			out = append(out, p)
			continue
		}
		if m := tunnelFrom.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			slots[n] = m[2]
		} else if m := anonymousPP.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			p.src = slots[n]
		} else if m := tunnelN.FindStringSubmatch(line); m != nil {
			n, _ := strconv.Atoi(m[1])
			p.src = slots[n]
		}
		out = append(out, p)
	}
	if unknown > 0 {
		t.Errorf("%s: %d lines not recognized", v, unknown)
	}
	return out
}

func TestParsersRecognizeEveryLine(t *testing.T) {
	t.Parallel()
	for _, v := range vendors {
		for _, framing := range []Framing{FramingNative, FramingRFC3164, FramingPriority} {
			t.Run(string(v)+"/"+string(framing), func(t *testing.T) {
				t.Parallel()
				log, _ := generate(t, Config{Vendor: v, Lines: lines(30000), Days: 5, Seed: 11, Framing: framing})
				events := readBack(t, v, log)
				if v == monitor.VendorYamahaRTX && framing == FramingPriority {
					return // RTX's own messages carry no time
				}
				var last time.Time
				for i, e := range events {
					if e.Time.IsZero() {
						t.Fatalf("line %d has no time: %s", i+1, e.Raw)
					}
					if e.Time.Before(last) {
						t.Fatalf("line %d goes back in time (%v after %v): %s", i+1, e.Time, last, e.Raw)
					}
					last = e.Time
				}
			})
		}
	}
}

// matches reports whether event e is one of the lines an incident counts
// (see Incident).
func matches(v monitor.Vendor, inc *Incident, e *parsed) bool {
	switch inc.Kind {
	case AttackInfectedPC:
		if e.SrcIP != inc.Subject {
			return false
		}
		if v == monitor.VendorYamahaRTX {
			return e.Action == monitor.ActionDeny && e.Direction == monitor.DirectionOutbound
		}
		return e.Kind == monitor.KindThreat && e.Action == monitor.ActionBlock
	case AttackBeaconing:
		return e.SrcIP == inc.Subject && slices.Contains(inc.Destinations, e.DstIP) && e.Action == monitor.ActionAllow
	case AttackVPNBruteforce, AttackVPNSpraying:
		return e.Action == monitor.ActionLoginFailure && slices.Contains(inc.Sources, e.src)
	case AttackLoginAfterFailures:
		// On an RTX the L2TP tunnel comes up ("connected from") before
		// PPP authentication: only PPP/IPCP up is the login.
		success := e.Action == monitor.ActionTunnelUp &&
			(v == monitor.VendorFortiGate || strings.Contains(e.Raw, "PPP/IPCP up"))
		return slices.Contains(inc.Sources, e.src) && (e.Action == monitor.ActionLoginFailure || success)
	case AttackPortScan:
		return e.SrcIP == inc.Subject && e.Action == monitor.ActionDeny
	}
	return false
}

// TestTruthMatchesLines reads the log back and recounts every incident
// from what the parser sees.
func TestTruthMatchesLines(t *testing.T) {
	t.Parallel()
	for _, v := range vendors {
		for _, seed := range []int64{1, 2, 3} {
			t.Run(fmt.Sprintf("%s/%d", v, seed), func(t *testing.T) {
				t.Parallel()
				log, tr := generate(t, Config{Vendor: v, Seed: seed, Lines: lines(40000)})
				events := readBack(t, v, log)
				for i := range tr.Incidents {
					inc := &tr.Incidents[i]
					if inc.Kind == AttackSourceSilent {
						checkSilence(t, inc, events)
						continue
					}
					checkIncident(t, v, inc, events)
				}
			})
		}
	}
}

func checkIncident(t *testing.T, v monitor.Vendor, inc *Incident, events []parsed) {
	t.Helper()
	var n int
	var first, last time.Time
	srcs := map[string]bool{}
	for i := range events {
		e := &events[i]
		if !matches(v, inc, e) {
			continue
		}
		if n == 0 {
			first = e.Time
		}
		n++
		last = e.Time
		srcs[e.src] = true
	}
	if n != inc.Count {
		t.Errorf("%s %s: truth counts %d lines, the log has %d", inc.Kind, inc.Subject, inc.Count, n)
	}
	if !first.Equal(inc.First) || !last.Equal(inc.Last) {
		t.Errorf("%s %s: truth %v–%v, the log %v–%v", inc.Kind, inc.Subject, inc.First, inc.Last, first, last)
	}
	if len(srcs) != len(inc.Sources) {
		t.Errorf("%s %s: truth lists %d sources, the log shows %d", inc.Kind, inc.Subject, len(inc.Sources), len(srcs))
	}
	countries := map[string]int{}
	for s := range srcs {
		a, err := netip.ParseAddr(s)
		if err != nil {
			t.Errorf("%s: source %q is not an address", inc.Kind, s)
			continue
		}
		if a.IsPrivate() {
			continue
		}
		c := string(iploc.IPCountry(a))
		if c == "ZZ" {
			c = ""
		}
		countries[c]++
	}
	if len(countries) > 0 && fmt.Sprint(countries) != fmt.Sprint(inc.Countries) {
		t.Errorf("%s: truth countries %v, the database says %v", inc.Kind, inc.Countries, countries)
	}
}

// checkSilence: nothing between the last line before the silence and the
// first after it, and hours between them.
func checkSilence(t *testing.T, inc *Incident, events []parsed) {
	t.Helper()
	for _, e := range events {
		if e.Time.After(inc.First) && e.Time.Before(inc.Last) {
			t.Fatalf("source_silent %v–%v, but a line at %v: %s", inc.First, inc.Last, e.Time, e.Raw)
		}
	}
	if inc.Last.Sub(inc.First) < 90*time.Minute {
		t.Errorf("source_silent lasts only %v", inc.Last.Sub(inc.First))
	}
}

// TestAllowedShare: the benchmark profile (default office, all attacks)
// is about 90% allowed traffic, as issue 3's benchmark assumes.
func TestAllowedShare(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	for _, v := range vendors {
		log, _ := generate(t, Config{Vendor: v, Lines: 100000, Seed: 1})
		events := readBack(t, v, log)
		kinds := map[monitor.Action]int{}
		for _, e := range events {
			kinds[e.Action]++
		}
		share := float64(kinds[monitor.ActionAllow]) / float64(len(events))
		t.Logf("%s: %.1f%% allowed; actions %v", v, 100*share, kinds)
		if share < 0.86 || share > 0.94 {
			t.Errorf("%s: %.1f%% of lines allowed, want about 90%%", v, 100*share)
		}
	}
}

// TestBusinessHours: most office traffic falls on working days between
// 8:30 and 19:00, little at night and at weekends.
func TestBusinessHours(t *testing.T) {
	t.Parallel()
	skipUnderRace(t)
	log, _ := generate(t, Config{Lines: 40000, Seed: 5, Attacks: []string{}})
	events := readBack(t, monitor.VendorFortiGate, log)
	cal := newCalendar(DefaultStart, 7)
	var in, out int
	for _, e := range events {
		if e.Direction != monitor.DirectionOutbound && e.Direction != monitor.DirectionInternal {
			continue
		}
		if cal.inBusinessHours(e.Time.UnixNano()) {
			in++
		} else {
			out++
		}
	}
	share := float64(in) / float64(in+out)
	t.Logf("%.1f%% of the LAN's traffic in business hours", 100*share)
	if share < 0.8 {
		t.Errorf("only %.1f%% of the LAN's traffic in business hours", 100*share)
	}
}

// TestAddressesInTheirCountries checks the address tables against the
// country database Kizuki ships: every /16 block wholly in its country,
// every site's addresses where the table says.
func TestAddressesInTheirCountries(t *testing.T) {
	t.Parallel()
	ccs := make([]string, 0, len(countryBlocks))
	for cc := range countryBlocks {
		ccs = append(ccs, cc)
	}
	sort.Strings(ccs)
	for _, cc := range ccs {
		if _, ok := countryNames[cc]; !ok {
			t.Errorf("%s has blocks but no FortiOS name", cc)
		}
		for _, b := range countryBlocks[cc] {
			for k := 0; k < 256; k++ {
				for _, h := range []byte{1, 128, 254} {
					a := netip.AddrFrom4([4]byte{b[0], b[1], byte(k), h})
					if got := string(iploc.IPCountry(a)); got != cc {
						t.Errorf("%v is in %s, not %s: drop block %d.%d", a, got, cc, b[0], b[1])
						goto next
					}
				}
			}
		next:
		}
	}
	for _, s := range allSites() {
		for _, ip := range s.ips {
			a := netip.MustParseAddr(ip)
			got := string(iploc.IPCountry(a))
			if got == "ZZ" || a.IsPrivate() {
				got = ""
			}
			if got != s.cc {
				t.Errorf("%s %s is in %q, the table says %q", s.host, ip, got, s.cc)
			}
		}
	}
}
