package detect

import (
	"fmt"
	"testing"
	"time"
	"unsafe"

	"github.com/kizuki-app/kizuki/monitor"
)

// TestThresholdCountersExpire feeds the threshold rules from one buffer
// overwritten after every event, as kizuki detect does: counters whose
// window ran out (restarted ones too) must be gone after a sweep, every
// key must be the counter's own copy, and a flood of new sources must
// stay within MaxSubjects.
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
		if want := r.filter.match.match(&monitor.Event{Action: monitor.ActionDeny, Direction: monitor.DirectionInbound}); len(r.counter) != 1 && want {
			t.Errorf("%s holds %d subjects after the sweep, want only the last source", r.spec.ID, len(r.counter))
		}
		if n := r.expiry.len(); n > 2*len(r.counter)+1024 {
			t.Errorf("%s: %d entries in the expiry queue for %d subjects", r.spec.ID, n, len(r.counter))
		}
	}
	if f := e.Findings(); len(f) != 0 {
		t.Errorf("findings from single probes: %+v", f)
	}
}
