package detect

import (
	"fmt"
	"hash/maphash"
	"slices"
	"testing"
	"time"
	"unsafe"

	"github.com/kizuki-app/kizuki/monitor"
)

// TestThresholdCountersExpire feeds the threshold rules from one buffer
// overwritten after every event, as kizuki detect does: counters whose
// window ran out (restarted ones too) must be gone after a sweep, every
// key must be the counter's own copy, and a flood of new sources must
// stay within MaxSubjects. The flood raises nothing per source; on the
// target it is the distributed scan (distributed_scan: port_scan on the
// destination).
func TestThresholdCountersExpire(t *testing.T) {
	t.Parallel()
	const maxSubjects = 1000
	e, err := NewDefault(Settings{MaxSubjects: maxSubjects})
	if err != nil {
		t.Fatal(err)
	}
	var thresholds []*thresholdRule
	for _, r := range e.rules {
		if tr, ok := r.(*thresholdRule); ok {
			thresholds = append(thresholds, tr)
		}
	}
	if len(thresholds) == 0 {
		t.Fatal("no threshold rule in the defaults")
	}
	t0 := time.Date(2026, 11, 17, 2, 0, 0, 0, time.UTC)
	var buf []byte
	observe := func(src string, at time.Time) {
		buf = append(buf[:0], src...)
		ev := monitor.Event{Time: at, Source: "fgt", Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic,
			Action: monitor.ActionDeny, Direction: monitor.DirectionInbound, SrcIP: unsafe.String(unsafe.SliceData(buf), len(buf)),
			DstIP: "198.51.100.40", DstPort: 22, Proto: "tcp", Raw: "deny"}
		e.Observe(&ev)
		for i := range buf {
			buf[i] = '#'
		}
		for _, r := range thresholds {
			if len(r.counter) > maxSubjects {
				t.Fatalf("%s holds %d subjects, more than %d", r.spec.ID, len(r.counter), maxSubjects)
			}
		}
	}
	at := t0
	for i := range 5 * maxSubjects { // a flood of new sources, 100 ms apart
		observe(fmt.Sprintf("203.0.%d.%d", i/250, i%250), at)
		at = at.Add(100 * time.Millisecond)
	}
	for range 3 { // one source whose window runs out and starts again
		observe("192.0.2.77", at)
		at = at.Add(11 * time.Minute)
	}
	observe("192.0.2.78", at.Add(20*time.Minute)) // time passes: sweeps
	now := e.now
	for _, r := range thresholds {
		for k, c := range r.counter {
			if now-c.start > r.window {
				t.Errorf("%s still counts %q, whose window ran out", r.spec.ID, k)
			}
			if k != c.subject {
				t.Errorf("%s: key %q for the counter of %q", r.spec.ID, k, c.subject)
			}
		}
		if want := r.filter.match.match(&monitor.Event{Action: monitor.ActionDeny, Direction: monitor.DirectionInbound}); len(r.counter) != 1 && want && r.spec.Subject == "src_ip" {
			t.Errorf("%s holds %d subjects after the sweep, want only the last source", r.spec.ID, len(r.counter))
		}
		n := 0
		for c := r.order.head; c != nil; c = c.next {
			if r.counter[c.subject] != c {
				t.Errorf("%s: the window order holds %q, which the map does not", r.spec.ID, c.subject)
			}
			if c.next != nil && c.next.prev != c || c.next == nil && r.order.tail != c {
				t.Errorf("%s: the window order is broken after %q", r.spec.ID, c.subject)
			}
			n++
		}
		if n != len(r.counter) {
			t.Errorf("%s: %d counters in the window order for %d subjects", r.spec.ID, n, len(r.counter))
		}
	}
	for _, f := range e.Findings() {
		if f.Rule != "port_scan" || f.Subject != "198.51.100.40" {
			t.Errorf("finding %s on %s from single probes", f.Rule, f.Subject)
		}
	}
}

// TestBeaconPairsFollowTheirDestination checks what lets a pair's next
// call skip the destination's lookup, while destinations are evicted
// under a flood of new ones: a pair that skips it must hold the very
// destination the rule's map has for its address, with its host counted.
func TestBeaconPairsFollowTheirDestination(t *testing.T) {
	t.Parallel()
	const maxSubjects = 50
	e, err := NewDefault(Settings{MaxSubjects: maxSubjects})
	if err != nil {
		t.Fatal(err)
	}
	var r *beaconRule
	for _, x := range e.rules {
		if b, ok := x.(*beaconRule); ok {
			r = b
		}
	}
	if r == nil {
		t.Fatal("no beacon rule in the defaults")
	}
	at := time.Date(2026, 11, 17, 9, 0, 0, 0, time.UTC)
	evicted := 0
	for i := range 2000 {
		src, dst := "192.168.1.10", "203.0.113.9" // the regular caller
		if i%2 == 1 {                             // a flood of one-off destinations
			src, dst = fmt.Sprintf("192.168.1.%d", 20+i%7), fmt.Sprintf("198.51.%d.%d", i/250, i%250)
		}
		e.Observe(&monitor.Event{Time: at, Source: "fgt", Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic,
			Action: monitor.ActionAllow, Direction: monitor.DirectionOutbound, SrcIP: src, DstIP: dst, DstPort: 443, Proto: "tcp", Raw: "allow"})
		at = at.Add(90 * time.Second)
		for k, p := range r.pairs {
			if p.dest == nil {
				t.Fatalf("pair %v has no destination", k)
			}
			if p.dest.evicted {
				evicted++
				continue
			}
			if d := r.dests[k.dst]; d != p.dest {
				t.Fatalf("pair %v holds a destination the map does not", k)
			}
			if p.counted && !slices.Contains(p.dest.hosts, maphash.String(r.seed, k.src)) {
				t.Fatalf("pair %v counted, but its host is not among the destination's", k)
			}
		}
	}
	if evicted == 0 {
		t.Error("no pair ever held an evicted destination: the test did not evict")
	}
}
