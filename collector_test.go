package main

import (
	"context"
	"fmt"
	"net"
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// sendUDP sends one syslog line to the collector's UDP port on loopback.
func sendUDP(t *testing.T, c *collector, line string) {
	t.Helper()
	conn, err := net.Dial("udp", fmt.Sprintf("127.0.0.1:%d", c.Port()))
	must(t, err)
	defer conn.Close()
	_, err = conn.Write([]byte(line))
	must(t, err)
}

// TestCollectorWaitLineAcrossReload is the tray app's 接続テスト: a watcher
// registered before the owner's new source is applied still gets the first
// line, which is then stored under the new source's name.
func TestCollectorWaitLineAcrossReload(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(t.Context(), 30*time.Second)
	defer cancel()
	dir := t.TempDir()
	st, err := store.Open(ctx, filepath.Join(dir, "kizuki.db"))
	must(t, err)
	defer st.Close()
	c, err := startCollector(ctx, st, ingest.Config{UDPAddr: "127.0.0.1:0"}, filepath.Join(dir, "archive"))
	must(t, err)

	// Default mode: loopback is accepted as "default".
	got := make(chan monitor.Line, 1)
	go func() {
		line, err := c.WaitLine(ctx, "127.0.0.1")
		if err != nil {
			t.Error(err)
		}
		got <- line
	}()
	for c.watchers.count() == 0 {
		time.Sleep(time.Millisecond)
	}
	must(t, st.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"127.0.0.1"}}))
	must(t, c.Reload(ctx))
	sendUDP(t, c, fmt.Sprintf(fgtDeny, 1, 7))
	line := <-got
	if line.Source != "FGT60F" || line.Sender != "127.0.0.1" {
		t.Errorf("first line from %q as source %q, want 127.0.0.1 as FGT60F", line.Sender, line.Source)
	}
	if c.watchers.count() != 0 {
		t.Error("the watcher stayed registered after its line came")
	}

	// A test that gives up leaves no watcher behind.
	short, stop := context.WithTimeout(ctx, 10*time.Millisecond)
	defer stop()
	if _, err := c.WaitLine(short, "192.0.2.1"); err == nil {
		t.Error("WaitLine for a sender that never sends returned no error")
	}
	if c.watchers.count() != 0 {
		t.Error("a cancelled watcher stayed registered")
	}

	stats, err := c.close()
	must(t, err)
	if len(stats.Sources) != 1 || stats.Sources[0].Received != 1 {
		t.Errorf("listener stats %+v, want one line from FGT60F", stats.Sources)
	}
	srcs, err := st.Sources(ctx)
	must(t, err)
	for _, s := range srcs {
		if s.Name == "FGT60F" && s.Received != 1 {
			t.Errorf("FGT60F received %d lines in the store, want 1", s.Received)
		}
	}
	if n, err := st.CountEvents(ctx); err != nil || n != 1 {
		t.Errorf("%d events stored (%v), want the one deny", n, err)
	}
}

// BenchmarkWarmUp is the detector's warm-up at start over 100,000 stored
// events of the last hours (inbound denies and VPN failures from 5,000
// addresses): the start-up delay of serve and the tray app, per event.
func BenchmarkWarmUp(b *testing.B) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(b.TempDir(), "kizuki.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	now := time.Now()
	const n = 100_000
	events := make([]monitor.Event, n)
	for i := range events {
		at := now.Add(-time.Duration(n-i) * 500 * time.Millisecond)
		events[i] = monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindTraffic, Action: monitor.ActionDeny, Direction: monitor.DirectionInbound,
			SrcIP: fmt.Sprintf("203.0.%d.%d", i%5000/250, i%250), DstIP: "192.168.1.10", DstPort: 1 + i%1024, Proto: "tcp",
			Raw: fmt.Sprintf("deny %d", i)}
		if i%10 == 0 {
			events[i].Kind, events[i].Action, events[i].Service, events[i].User = monitor.KindAuth, monitor.ActionLoginFailure, "ssl-vpn", "admin"
		}
	}
	if err := st.InsertEvents(ctx, events); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		engine, err := storeDetector(ctx, st)
		if err != nil {
			b.Fatal(err)
		}
		if w := warmDetector(ctx, st, engine, now); w.err != nil || w.events != n {
			b.Fatalf("warmed up on %d events: %v", w.events, w.err)
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/event")
}
