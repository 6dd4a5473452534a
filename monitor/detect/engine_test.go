package detect_test

import (
	"context"
	"fmt"
	"maps"
	"net/netip"
	"runtime"
	"slices"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/parse"
)

var t0 = time.Date(2026, 11, 17, 2, 0, 0, 0, time.FixedZone("JST", 9*60*60))

// vpnFailures are n failed SSL-VPN logins from src, one every 10 s from at.
func vpnFailures(src string, n int, at time.Time) []monitor.Event {
	out := make([]monitor.Event, n)
	for i := range out {
		out[i] = monitor.Event{Time: at.Add(time.Duration(i) * 10 * time.Second), Source: "FGT60F", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindAuth, Action: monitor.ActionLoginFailure, SrcIP: src, User: "admin", Service: "ssl-vpn",
			Raw: fmt.Sprintf("failure %d from %s", i, src)}
	}
	return out
}

func observeAll(e *detect.Engine, evs []monitor.Event) {
	for i := range evs {
		e.Observe(&evs[i])
	}
}

func TestAllowListAndFalsePositives(t *testing.T) {
	t.Parallel()
	e, err := detect.NewDefault(detect.Settings{
		Allow:      []string{"203.0.113.0/28", "198.51.100.9"},
		Suppressed: []detect.Key{{Rule: "vpn_bruteforce", Subject: "192.0.2.50"}},
	})
	if err != nil {
		t.Fatal(err)
	}
	observeAll(e, vpnFailures("203.0.113.5", 30, t0))                     // allowed network
	observeAll(e, vpnFailures("198.51.100.9", 30, t0.Add(time.Hour)))     // allowed address
	observeAll(e, vpnFailures("192.0.2.50", 30, t0.Add(2*time.Hour)))     // marked false positive
	observeAll(e, vpnFailures("192.0.2.51", 30, t0.Add(3*time.Hour)))     // an attack
	e.Suppress(detect.Key{Rule: "vpn_bruteforce", Subject: "192.0.2.51"}) // marked while open
	observeAll(e, vpnFailures("192.0.2.51", 30, t0.Add(4*time.Hour)))
	observeAll(e, vpnFailures("192.0.2.52", 25, t0.Add(5*time.Hour)))
	got := e.Findings()
	if len(got) != 1 || got[0].Rule != "vpn_bruteforce" || got[0].Subject != "192.0.2.52" || got[0].Count != 25 {
		t.Errorf("findings = %+v; want only vpn_bruteforce on 192.0.2.52 with 25 events", got)
	}
}

// memSink records what Flush writes, growing by rule+subject like the store.
type memSink struct {
	records  []monitor.Finding
	resolved []time.Time
}

func (m *memSink) RecordFinding(_ context.Context, f monitor.Finding) (monitor.Finding, error) {
	m.records = append(m.records, f)
	return f, nil
}

func (m *memSink) ResolveQuietFindings(_ context.Context, origin string, before time.Time) (int, error) {
	m.resolved = append(m.resolved, before)
	return 0, nil
}

func TestFlushWritesDeltasAndQuietFindingsResolve(t *testing.T) {
	t.Parallel()
	e, err := detect.NewDefault(detect.Settings{QuietPeriod: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	var sink memSink
	ctx := context.Background()
	observeAll(e, vpnFailures("192.0.2.60", 20, t0))
	if err := e.Flush(ctx, &sink); err != nil {
		t.Fatal(err)
	}
	observeAll(e, vpnFailures("192.0.2.60", 5, t0.Add(10*time.Minute)))
	if err := e.Flush(ctx, &sink); err != nil {
		t.Fatal(err)
	}
	if err := e.Flush(ctx, &sink); err != nil { // nothing new: nothing written
		t.Fatal(err)
	}
	if len(sink.records) != 2 || sink.records[0].Count != 20 || sink.records[1].Count != 5 {
		t.Fatalf("records = %+v; want a finding of 20 then a delta of 5", sink.records)
	}
	if want := t0.Add(10*time.Minute + 40*time.Second - 24*time.Hour); !sink.resolved[len(sink.resolved)-1].Equal(want) {
		t.Errorf("resolved before %v, want %v (event time minus the quiet period)", sink.resolved[len(sink.resolved)-1], want)
	}
	// Two days later (event time) the same source attacks again: the old
	// finding resolved itself and a new one opens.
	observeAll(e, vpnFailures("192.0.2.60", 20, t0.Add(48*time.Hour)))
	got := e.Findings()
	if len(got) != 2 || got[0].State != monitor.StateResolved || got[0].Count != 25 || got[1].State != monitor.StateOpen || got[1].Count != 20 {
		t.Errorf("findings = %+v; want the first resolved (25) and a new open one (20)", got)
	}
}

func TestYamahaL2TPFailuresGetTheirSource(t *testing.T) {
	t.Parallel()
	e, err := detect.NewDefault(detect.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	p := parse.New()
	at := t0
	var lines []string
	for i := range 21 {
		n := i%20 + 1
		ts := at.Add(time.Duration(i) * 5 * time.Second).Format("2006/01/02 15:04:05")
		lines = append(lines,
			fmt.Sprintf("%s: [L2TP] TUNNEL[%d] connected from 192.0.2.77", ts, n),
			fmt.Sprintf("%s: PP[ANONYMOUS%02d] Call detected from user 'admin'", ts, n),
			fmt.Sprintf("%s: PP[ANONYMOUS%02d] MSCHAPv2 authentication failed: user 'admin'", ts, n))
	}
	for _, l := range lines {
		ev := p.Parse(monitor.Line{Received: at, Source: "rtx", Text: l})
		e.Observe(&ev)
	}
	got := e.Findings()
	if len(got) != 1 || got[0].Rule != "vpn_bruteforce" || got[0].Subject != "192.0.2.77" || got[0].Count != 21 {
		t.Errorf("findings = %+v; want vpn_bruteforce from 192.0.2.77 (21 failures)", got)
	}
}

// TestMemoryBoundedWithDistinctSources sends one probe from each of a
// million addresses, 10,000 a second: each rule's window holds more new
// sources than it may keep, so state is evicted at MaxSubjects, and the
// heap stays small.
func TestMemoryBoundedWithDistinctSources(t *testing.T) {
	if testing.Short() {
		t.Skip("a million events")
	}
	e, err := detect.NewDefault(detect.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	evs := distinctProbes(1_000_000, 100*time.Microsecond)
	runtime.GC()
	var before runtime.MemStats
	runtime.ReadMemStats(&before)
	observeAll(e, evs)
	runtime.GC()
	var after runtime.MemStats
	runtime.ReadMemStats(&after)
	grown := int64(after.HeapAlloc) - int64(before.HeapAlloc)
	runtime.KeepAlive(e)
	t.Logf("heap grew %d MiB over 1M distinct sources", grown>>20)
	// About 160 B a subject in each rule a flood of new sources passes
	// through, at most MaxSubjects (100,000) of them: 57 MiB measured.
	if grown > 80<<20 {
		t.Errorf("heap grew %d MiB; want the engine's state bounded under 80 MiB", grown>>20)
	}
	runtime.KeepAlive(evs)
}

// distinctProbes are n inbound denies, each from another address, step
// apart; every 50th source also knocks on an SSL-VPN login.
func distinctProbes(n int, step time.Duration) []monitor.Event {
	evs := make([]monitor.Event, n)
	base := netip.MustParseAddr("11.0.0.0").As4()
	for i := range evs {
		a := base
		a[1], a[2], a[3] = byte(i>>16), byte(i>>8), byte(i)
		src := netip.AddrFrom4(a).String()
		evs[i] = monitor.Event{Time: t0.Add(time.Duration(i) * step), Source: "FGT60F", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindTraffic, Action: monitor.ActionDeny, Direction: monitor.DirectionInbound,
			SrcIP: src, DstIP: "198.51.100.40", DstPort: 1 + i%1024, Proto: "tcp", Raw: "probe"}
		if i%50 == 0 {
			evs[i].Kind, evs[i].Action, evs[i].Service, evs[i].User, evs[i].Direction = monitor.KindAuth, monitor.ActionLoginFailure, "ssl-vpn", "admin", ""
		}
	}
	return evs
}

// BenchmarkObserve replays the FortiGate seed case (parsed once) through
// the default rules: the detection hot path, per event.
func BenchmarkObserve(b *testing.B) {
	log := readLog(b, "testdata/seed-fortigate")
	p := parse.New()
	var evs []monitor.Event
	start := 0
	for i, c := range log {
		if c == '\n' {
			evs = append(evs, p.Parse(monitor.Line{Received: t0, Source: "fgt", Text: string(log[start:i])}))
			start = i + 1
		}
	}
	replay(b, evs)
}

// replay observes b.N events of evs, with a fresh engine each time evs
// runs out (compiled from specs loaded once).
func replay(b *testing.B, evs []monitor.Event) {
	specs, err := detect.DefaultSpecs()
	if err != nil {
		b.Fatal(err)
	}
	list, err := detect.DefaultBlocklist()
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; {
		e, err := detect.New(specs, detect.Settings{Blocklist: list})
		if err != nil {
			b.Fatal(err)
		}
		for j := range evs {
			if i == b.N {
				break
			}
			e.Observe(&evs[j])
			i++
		}
	}
}

// BenchmarkObserveDistinctSources is the Internet's worst case: every
// event from a new address.
func BenchmarkObserveDistinctSources(b *testing.B) {
	replay(b, distinctProbes(200_000, 50*time.Millisecond))
}

// TestWarmUpCarriesCountsAcrossRestart is a restart in the middle of an
// attack: the new engine warms up on the events the old one observed.
// Nineteen failures before and one after make the twentieth that raises
// vpn_bruteforce, recorded once with all twenty; a finding the old engine
// already recorded is not recorded again, and only what comes after the
// restart grows it.
func TestWarmUpCarriesCountsAcrossRestart(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	slow := vpnFailures("192.0.2.70", 20, t0)                      // 19 before the restart, 1 after
	recorded := vpnFailures("192.0.2.71", 25, t0.Add(time.Minute)) // raised and recorded before it
	var before []monitor.Event
	before = append(before, slow[:19]...)
	before = append(before, recorded...)
	slices.SortStableFunc(before, func(a, b monitor.Event) int { return a.Time.Compare(b.Time) })

	e, err := detect.NewDefault(detect.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.Lookback(); got != 24*time.Hour {
		t.Errorf("lookback %v, want the longest default window, 24h", got)
	}
	stored := func(yield func(*monitor.Event) bool) {
		for i := range before {
			if !yield(&before[i]) {
				return
			}
		}
	}
	if n := e.WarmUp(stored); n != len(before) {
		t.Errorf("warmed up on %d events, want %d", n, len(before))
	}
	var sink memSink
	if err := e.Flush(ctx, &sink); err != nil {
		t.Fatal(err)
	}
	if len(sink.records) != 0 {
		t.Fatalf("the warm-up recorded again what the old engine had: %+v", sink.records)
	}
	after := []monitor.Event{slow[19], vpnFailures("192.0.2.71", 1, recorded[24].Time.Add(10*time.Second))[0]}
	after[0].Time = recorded[24].Time.Add(5 * time.Second)
	observeAll(e, after)
	if err := e.Flush(ctx, &sink); err != nil {
		t.Fatal(err)
	}
	got := map[string]int{}
	for _, f := range sink.records {
		got[f.Rule+" "+f.Subject] += f.Count
	}
	want := map[string]int{"vpn_bruteforce 192.0.2.70": 20, "vpn_bruteforce 192.0.2.71": 1}
	if !maps.Equal(got, want) {
		t.Errorf("recorded after the restart %v, want %v", got, want)
	}

	// Without the warm-up the twentieth failure is the first one counted.
	cold, err := detect.NewDefault(detect.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	observeAll(cold, after[:1])
	if f := cold.Findings(); len(f) != 0 {
		t.Errorf("a cold engine raised %+v from one failure", f)
	}
}

// TestFutureTimestampResolvesNothing: one line stamped 2099 — a device
// clock far ahead, or a forged line from an allowed sender — must not move
// the engine's clock there, where every open finding would look quiet and
// be resolved in the store. It is observed at its arrival time.
func TestFutureTimestampResolvesNothing(t *testing.T) {
	t.Parallel()
	e, err := detect.NewDefault(detect.Settings{QuietPeriod: 24 * time.Hour})
	if err != nil {
		t.Fatal(err)
	}
	var sink memSink
	attack := vpnFailures("192.0.2.80", 20, t0)
	for i := range attack {
		attack[i].Received = attack[i].Time
	}
	observeAll(e, attack)
	arrived := t0.Add(10 * time.Minute)
	forged := monitor.Event{Time: time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), Received: arrived, Source: "FGT60F",
		Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic, Action: monitor.ActionDeny,
		Direction: monitor.DirectionInbound, SrcIP: "198.51.100.1", DstIP: "192.168.1.10", DstPort: 22, Raw: "from the future"}
	e.Observe(&forged)
	if err := e.Flush(context.Background(), &sink); err != nil {
		t.Fatal(err)
	}
	if got := e.Now(); !got.Equal(arrived) {
		t.Errorf("engine clock at %v after the forged line, want its arrival %v", got, arrived)
	}
	if before := sink.resolved[len(sink.resolved)-1]; !before.Before(t0) {
		t.Errorf("findings quiet since before %v are resolved: that takes the open attack too", before)
	}
	for _, f := range e.Findings() {
		if f.State != monitor.StateOpen {
			t.Errorf("%s on %s is %s after the forged line", f.Rule, f.Subject, f.State)
		}
	}
}

// TestDistributedScan: a thousand addresses refused against one of the
// company's addresses within ten minutes, each knocking once, is a
// distributed scan or flood — port_scan on the target, medium (a yellow
// light), listing the sources. The background noise of a few hundred
// scanners against another address raises nothing, nor does any single
// source.
func TestDistributedScan(t *testing.T) {
	t.Parallel()
	e, err := detect.NewDefault(detect.Settings{})
	if err != nil {
		t.Fatal(err)
	}
	deny := func(i int, dst string, at time.Time) monitor.Event {
		return monitor.Event{Time: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic,
			Action: monitor.ActionDeny, Direction: monitor.DirectionInbound, Proto: "tcp", DstPort: 3389,
			SrcIP: fmt.Sprintf("198.%d.%d.%d", 18+i/65536, i/256%256, i%256), DstIP: dst, Raw: fmt.Sprintf("deny %d", i)}
	}
	var evs []monitor.Event
	for i := range 1200 { // the flood: 1,200 sources in 4 minutes
		evs = append(evs, deny(i, "192.0.2.10", t0.Add(time.Duration(i)*200*time.Millisecond)))
	}
	for i := range 600 { // noise: 600 sources in 10 minutes against another address
		evs = append(evs, deny(10_000+i, "192.0.2.11", t0.Add(time.Duration(i)*time.Second)))
	}
	slices.SortStableFunc(evs, func(a, b monitor.Event) int { return a.Time.Compare(b.Time) })
	observeAll(e, evs)
	got := e.Findings()
	if len(got) != 1 {
		t.Fatalf("%d findings, want the one distributed scan: %s", len(got), summary(got))
	}
	f := got[0]
	if f.Rule != "port_scan" || f.Subject != "192.0.2.10" || f.Severity != monitor.SeverityMedium {
		t.Errorf("finding %s on %s (%s), want port_scan on 192.0.2.10 (medium)", f.Rule, f.Subject, f.Severity)
	}
	if f.Count != 1200 || len(f.Evidence.Sources) != 1200 {
		t.Errorf("finding counts %d events from %d sources, want 1200 of each", f.Count, len(f.Evidence.Sources))
	}
}
