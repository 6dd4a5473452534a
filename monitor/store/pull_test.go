package store_test

import (
	"context"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestPullCursorCommittedWithEvents(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	if c, err := s.PullCursor(ctx, "192.0.2.1", "memory/event/vpn"); err != nil || c != "" {
		t.Fatalf("PullCursor of a new stream = %q, %v; want empty", c, err)
	}

	w := s.NewWriter()
	w.Add(&monitor.Event{Kind: monitor.KindVPN, Action: monitor.ActionLoginFailure, Vendor: monitor.VendorFortiGate, Raw: "a"})
	mark := store.PullMark{Source: "192.0.2.1", Stream: "memory/event/vpn", Cursor: "c1"}
	if err := w.FlushWithCursor(ctx, mark, store.PullMark{Source: "192.0.2.1", Stream: "memory/event/system", Cursor: "s1"}); err != nil {
		t.Fatal(err)
	}
	if n, err := s.CountEvents(ctx); err != nil || n != 1 {
		t.Errorf("CountEvents = %d, %v; want 1", n, err)
	}
	for stream, want := range map[string]string{"memory/event/vpn": "c1", "memory/event/system": "s1"} {
		if c, err := s.PullCursor(ctx, "192.0.2.1", stream); err != nil || c != want {
			t.Errorf("PullCursor(%s) = %q, %v; want %q", stream, c, err, want)
		}
	}
	if c, _ := s.PullCursor(ctx, "192.0.2.9", "memory/event/vpn"); c != "" {
		t.Errorf("another source's cursor = %q, want empty", c)
	}

	// A cursor moves without events too, and on its own.
	if err := w.FlushWithCursor(ctx, store.PullMark{Source: "192.0.2.1", Stream: "memory/event/vpn", Cursor: "c2"}); err != nil {
		t.Fatal(err)
	}
	if err := s.SetPullCursor(ctx, store.PullMark{Source: "192.0.2.1", Stream: "memory/event/system", Cursor: "s2"}); err != nil {
		t.Fatal(err)
	}
	for stream, want := range map[string]string{"memory/event/vpn": "c2", "memory/event/system": "s2"} {
		if c, err := s.PullCursor(ctx, "192.0.2.1", stream); err != nil || c != want {
			t.Errorf("PullCursor(%s) = %q, %v; want %q", stream, c, err, want)
		}
	}
	if err := s.SetPullCursor(ctx, store.PullMark{Stream: "x"}); err == nil {
		t.Error("SetPullCursor without a source succeeded")
	}
}

func TestFailedFlushKeepsTheCursor(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	s := openStore(t)
	w := s.NewWriter()
	w.Add(&monitor.Event{Kind: monitor.KindVPN, Vendor: monitor.VendorFortiGate, Raw: "a"})
	// An invalid mark fails the transaction: neither the event nor the
	// cursor is stored, and the event stays queued for the next try.
	if err := w.FlushWithCursor(ctx, store.PullMark{Source: "h", Cursor: "c"}); err == nil {
		t.Fatal("FlushWithCursor with an invalid mark succeeded")
	}
	if n, _ := s.CountEvents(ctx); n != 0 || w.Pending() != 1 {
		t.Errorf("after a failed flush: %d stored, %d pending; want 0 and 1", n, w.Pending())
	}
}
