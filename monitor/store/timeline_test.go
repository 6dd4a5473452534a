package store_test

import (
	"reflect"
	"strconv"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestMatchFor(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		f    monitor.Finding
		want store.EventMatch
	}{
		{"address subject with evidence", monitor.Finding{Subject: "192.168.1.23",
			Evidence: monitor.Evidence{Destinations: []string{"198.51.100.7", "192.168.1.23"}, Users: []string{"tanaka"}}},
			store.EventMatch{IPs: []string{"192.168.1.23", "198.51.100.7"}, Users: []string{"tanaka"}}},
		{"distributed campaign", monitor.Finding{Subject: "ssl-vpn@FGT60F",
			Evidence: monitor.Evidence{Sources: []string{"203.0.113.5", "203.0.113.6"}}},
			store.EventMatch{IPs: []string{"203.0.113.5", "203.0.113.6"}, Service: "ssl-vpn", Source: "FGT60F"}},
		{"user subject", monitor.Finding{Subject: "admin"}, store.EventMatch{Users: []string{"admin"}}},
		{"at sign without both sides", monitor.Finding{Subject: "@x"}, store.EventMatch{Users: []string{"@x"}}},
	}
	for _, tt := range tests {
		if got := store.MatchFor(tt.f); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %+v, want %+v", tt.name, got, tt.want)
		}
	}
	many := monitor.Finding{Subject: "ssl-vpn@FGT60F"}
	for i := range 2000 {
		many.Evidence.Sources = append(many.Evidence.Sources, "10.0."+strconv.Itoa(i/250)+"."+strconv.Itoa(i%250))
	}
	if n := len(store.MatchFor(many).IPs); n != 500 {
		t.Errorf("a 2000-source campaign names %d addresses in its query, want it capped at 500", n)
	}
}

func TestEventCounts(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s := openStore(t)
	ev := func(minute int, src, user, service string) monitor.Event {
		at := t0.Add(time.Duration(minute) * time.Minute)
		return monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindVPN, Action: monitor.ActionLoginFailure, SrcIP: src, User: user, Service: service, Raw: "x"}
	}
	events := []monitor.Event{
		ev(0, "203.0.113.5", "admin", "ssl-vpn"),
		ev(5, "203.0.113.5", "admin", "ssl-vpn"),
		ev(59, "203.0.113.6", "sato", "ssl-vpn"),
		ev(61, "203.0.113.9", "", "ssl-vpn"), // out of range
		ev(30, "192.0.2.1", "", "admin-https"),
	}
	if err := s.InsertEvents(ctx, events); err != nil {
		t.Fatal(err)
	}
	w := s.NewWriter() // allowed traffic, aggregated per hour
	for i := range 4 {
		at := t0.Add(time.Duration(10+i) * time.Minute)
		w.Add(&monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindTraffic, Action: monitor.ActionAllow, SrcIP: "192.168.1.23", DstIP: "198.51.100.7", DstPort: 443, Raw: "y"})
	}
	if err := w.Flush(ctx, nil); err != nil {
		t.Fatal(err)
	}
	from, to := t0, t0.Add(time.Hour)
	tests := []struct {
		name string
		m    store.EventMatch
		want []int
	}{
		{"campaign", store.EventMatch{Service: "ssl-vpn", Source: "FGT60F"}, []int{2, 0, 0, 1}},
		{"one address", store.EventMatch{IPs: []string{"203.0.113.5"}}, []int{2, 0, 0, 0}},
		{"a user", store.EventMatch{Users: []string{"sato"}}, []int{0, 0, 0, 1}},
		{"beaconing host: hourly traffic at its hour", store.EventMatch{IPs: []string{"198.51.100.7"}}, []int{4, 0, 0, 0}},
		{"nothing to match", store.EventMatch{}, []int{0, 0, 0, 0}},
		{"other source", store.EventMatch{Service: "ssl-vpn", Source: "RTX1210"}, []int{0, 0, 0, 0}},
	}
	for _, tt := range tests {
		got, err := s.EventCounts(ctx, tt.m, from, to, 4)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: %v, %v; want %v", tt.name, got, err, tt.want)
		}
	}
	if _, err := s.EventCounts(ctx, store.EventMatch{Users: []string{"x"}}, to, from, 4); err == nil {
		t.Error("a reversed span was accepted")
	}
}

func BenchmarkEventCounts(b *testing.B) {
	s := openStore(b)
	if err := s.InsertEvents(b.Context(), denyEvents(100_000)); err != nil {
		b.Fatal(err)
	}
	m := store.EventMatch{IPs: []string{"192.168.1.23", "203.0.113.14"}}
	for b.Loop() {
		if _, err := s.EventCounts(b.Context(), m, t0, t0.Add(time.Hour), 48); err != nil {
			b.Fatal(err)
		}
	}
}
