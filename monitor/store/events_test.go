package store_test

import (
	"fmt"
	"reflect"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// denyEvent is the i-th of a stream of outbound denies as the FortiGate
// parser makes them: the kind of row the database holds most of. Every raw
// line is distinct.
func denyEvent(i int) monitor.Event {
	at := t0.Add(time.Duration(i) * 37 * time.Millisecond)
	src, dst := fmt.Sprintf("192.168.1.%d", 10+i%200), fmt.Sprintf("203.0.113.%d", 1+i%250)
	srcPort := 40000 + i%20000
	return monitor.Event{
		Time: at, Received: at.Add(120 * time.Millisecond), Source: "FGT60F",
		Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic, Action: monitor.ActionDeny,
		Direction: monitor.DirectionOutbound, SrcIP: src, SrcPort: srcPort, DstIP: dst, DstPort: 443,
		Proto: "tcp", Service: "HTTPS", Country: "US", VendorID: "0000000013",
		Raw: fmt.Sprintf(`<189>date=%s time=%s devname="FGT60F" devid="FGT60FTK2209A1B2" `+
			`eventtime=%d tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" `+
			`vd="root" srcip=%s srcport=%d srcintf="internal" srcintfrole="lan" dstip=%s dstport=443 `+
			`dstintf="wan1" dstintfrole="wan" srccountry="Reserved" dstcountry="United States" `+
			`sessionid=%d proto=6 action="deny" policyid=0 policytype="policy" service="HTTPS" `+
			`trandisp="noop" duration=0 sentbyte=0 rcvdbyte=0 sentpkt=0 rcvdpkt=0 appcat="unscanned" crscore=30`,
			at.Format("2006-01-02"), at.Format("15:04:05"), at.UnixNano(), src, srcPort, dst, 100000+i),
	}
}

func denyEvents(n int) []monitor.Event {
	events := make([]monitor.Event, n)
	for i := range events {
		events[i] = denyEvent(i)
	}
	return events
}

func TestInsertEventsCount(t *testing.T) {
	t.Parallel()
	// Around the 500 rows one INSERT statement carries.
	for _, n := range []int{0, 1, 499, 500, 501, 1234} {
		t.Run(strconv.Itoa(n), func(t *testing.T) {
			t.Parallel()
			ctx := t.Context()
			s := openStore(t)
			if err := s.InsertEvents(ctx, denyEvents(n)); err != nil {
				t.Fatalf("InsertEvents: %v", err)
			}
			if got, err := s.CountEvents(ctx); err != nil || got != int64(n) {
				t.Errorf("CountEvents() = %d, %v; want %d", got, err, n)
			}
			// Each event stored once: no chunk written twice, none skipped.
			var distinct int
			if err := rawDB(t, s.Path()).QueryRowContext(ctx, "SELECT count(DISTINCT raw) FROM events").Scan(&distinct); err != nil {
				t.Fatal(err)
			}
			if distinct != n {
				t.Errorf("%d distinct raw lines stored, want %d", distinct, n)
			}
		})
	}
}

func TestInsertEventsColumns(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	jst := time.FixedZone("JST", 9*60*60)
	full := func(raw string) monitor.Event {
		return monitor.Event{
			Time: time.Date(2026, 11, 3, 18, 4, 5, 678_900_000, jst), TimeGuessed: true,
			Received: time.Date(2026, 11, 3, 9, 4, 6, 0, time.UTC), Source: "FGT60F",
			Vendor: monitor.VendorFortiGate, Kind: monitor.KindThreat, Action: monitor.ActionBlock,
			Direction: monitor.DirectionInbound, SrcIP: "198.51.100.23", SrcPort: 51515,
			DstIP: "192.168.1.10", DstPort: 8443, Proto: "tcp", User: "tanaka", Service: "admin-https",
			Threat: "Apache.Log4j.Error.Log.Remote.Code.Execution", Category: "ips",
			URL: "https://192.168.1.10:8443/${jndi}", Domain: "example.jp", Severity: "critical",
			Country: "NL", VendorID: "0419016384", Malformed: true, Raw: raw,
		}
	}
	// The first row goes through the prepared 500-row statement, the last
	// through the one built for the remainder.
	events := denyEvents(501)
	events[0], events[500] = full("first"), full("last")
	if err := s.InsertEvents(ctx, events); err != nil {
		t.Fatal(err)
	}

	db := rawDB(t, s.Path())
	for _, raw := range []string{"first", "last"} {
		var (
			got          monitor.Event
			at, received int64
		)
		err := db.QueryRowContext(ctx, `SELECT time, time_guessed, received, source, vendor, kind, action,
			direction, src_ip, src_port, dst_ip, dst_port, proto, user, service, threat, category, url,
			domain, severity, country, vendor_id, malformed, raw FROM events WHERE raw = ?`, raw).Scan(
			&at, &got.TimeGuessed, &received, &got.Source, &got.Vendor, &got.Kind, &got.Action, &got.Direction,
			&got.SrcIP, &got.SrcPort, &got.DstIP, &got.DstPort, &got.Proto, &got.User, &got.Service,
			&got.Threat, &got.Category, &got.URL, &got.Domain, &got.Severity, &got.Country,
			&got.VendorID, &got.Malformed, &got.Raw)
		if err != nil {
			t.Fatalf("%s row: %v", raw, err)
		}
		got.Time, got.Received = time.UnixMilli(at).In(jst), time.UnixMilli(received).UTC()

		// Times are stored as Unix milliseconds.
		want := full(raw)
		want.Time = want.Time.Truncate(time.Millisecond)
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s row =\n%+v\nwant\n%+v", raw, got, want)
		}
	}
}

// BenchmarkInsertEvents stores batches of 1000 events, the size the
// writer goroutine commits at once.
func BenchmarkInsertEvents(b *testing.B) {
	const batch = 1000
	s := openStore(b)
	events := denyEvents(batch)
	for b.Loop() {
		if err := s.InsertEvents(b.Context(), events); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "rows/s")
}

// TestEachEventSince reads back the events of a period oldest first,
// every field as stored but the raw line, and only the newest ones past
// the limit.
func TestEachEventSince(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	events := denyEvents(10) // 37 ms apart
	events[3].Kind, events[3].Action, events[3].User, events[3].TimeGuessed = monitor.KindAuth, monitor.ActionLoginFailure, "admin", true
	events[4].Malformed = true
	reversed := slices.Clone(events)
	slices.Reverse(reversed) // stored newest first: read back in time order all the same
	if err := s.InsertEvents(ctx, reversed); err != nil {
		t.Fatal(err)
	}
	read := func(since time.Time, limit int) []monitor.Event {
		t.Helper()
		var got []monitor.Event
		n, err := s.EachEventSince(ctx, since, limit, func(ev *monitor.Event) { got = append(got, *ev) })
		if err != nil || n != len(got) {
			t.Fatalf("EachEventSince: %d, %v for %d events", n, err, len(got))
		}
		return got
	}
	// Stored times are milliseconds: compare what the store keeps.
	want := make([]monitor.Event, len(events))
	for i, e := range events {
		e.Time, e.Received = e.Time.Truncate(time.Millisecond), e.Received.Truncate(time.Millisecond)
		e.Raw = ""
		want[i] = e
	}
	same := func(got, want []monitor.Event) bool {
		return slices.EqualFunc(got, want, func(a, b monitor.Event) bool {
			a.Time, a.Received, b.Time, b.Received = a.Time.UTC(), a.Received.UTC(), b.Time.UTC(), b.Received.UTC()
			return reflect.DeepEqual(a, b)
		})
	}
	for _, tc := range []struct {
		name  string
		since time.Time
		limit int
		want  []monitor.Event
	}{
		{"all", time.Time{}, 100, want},
		{"since the fourth", want[3].Time, 100, want[3:]},
		{"the newest three", time.Time{}, 3, want[7:]},
		{"none yet", want[9].Time.Add(time.Millisecond), 100, nil},
	} {
		if got := read(tc.since, tc.limit); !same(got, tc.want) {
			t.Errorf("%s: got %d events %+v…, want %d", tc.name, len(got), got[:min(len(got), 1)], len(tc.want))
		}
	}
}
