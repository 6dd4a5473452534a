package store

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

func TestMSSNotices(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if h, err := s.MSSHealth(ctx); h != nil || err != nil {
		t.Fatalf("health before enrolment: %+v, %v", h, err)
	}
	if _, err := s.MSSProvider(ctx); !errors.Is(err, ErrNotFound) {
		t.Fatalf("provider before enrolment: %v", err)
	}
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	if err := s.PutMSSProvider(ctx, MSSProvider{Name: "SOC", URL: "https://mss.example.jp", KeyID: "k1", Enrolled: at}); err != nil {
		t.Fatal(err)
	}
	notice := func(id, cursor string, activity monitor.MSSActivity, sev monitor.Severity) monitor.MSSNotice {
		return monitor.MSSNotice{ID: id, Cursor: cursor, Activity: activity, Received: at,
			Title: monitor.MSSText{Ja: "題", En: "title"},
			Finding: monitor.Finding{Rule: monitor.RuleMSSIncident, Subject: "INC-1", Severity: sev, Origin: "SOC",
				FirstSeen: at, LastSeen: at, Count: 1}}
	}
	steps := []struct {
		n         monitor.MSSNotice
		applied   bool
		wantState monitor.FindingState
		wantSev   monitor.Severity
	}{
		{notice("n-1", "1", monitor.MSSCreate, monitor.SeverityHigh), true, monitor.StateOpen, monitor.SeverityHigh},
		{notice("n-1", "2", monitor.MSSCreate, monitor.SeverityHigh), false, monitor.StateOpen, monitor.SeverityHigh},
		{notice("n-3", "3", monitor.MSSUpdate, monitor.SeverityLow), true, monitor.StateOpen, monitor.SeverityLow},
		{notice("n-4", "4", monitor.MSSClose, monitor.SeverityLow), true, monitor.StateResolved, monitor.SeverityLow},
	}
	var id int64
	for i, st := range steps {
		ch, applied, err := s.ApplyMSSNotice(ctx, st.n)
		if err != nil || applied != st.applied {
			t.Fatalf("step %d: applied %v, %v", i, applied, err)
		}
		if i == 0 {
			id = ch.Finding.ID
		}
		f, err := s.Finding(ctx, id)
		if err != nil || f.State != st.wantState || f.Severity != st.wantSev {
			t.Errorf("step %d: finding %+v, %v", i, f, err)
		}
		if c, _ := s.MSSCursor(ctx); c != st.n.Cursor {
			t.Errorf("step %d: cursor %q", i, c)
		}
	}
	// An authentic but unusable notice, delivered twice, counts once.
	for range 2 {
		if err := s.SkipMSSNotice(ctx, "SOC", "n-5", "5", monitor.RejectInvalidOCSF, []byte(`{}`), at); err != nil {
			t.Fatal(err)
		}
	}
	h, err := s.MSSHealth(ctx)
	if err != nil || h.Rejects[monitor.RejectInvalidOCSF].Count != 1 || h.LastContact != at {
		t.Errorf("health %+v, %v", h, err)
	}
	// The owner reopens it: the change waits to be reported, once.
	if err := s.SetFindingState(ctx, id, monitor.StateOpen); err != nil {
		t.Fatal(err)
	}
	acks, err := s.PendingMSSAcks(ctx)
	if err != nil || len(acks) != 1 || acks[0].State != monitor.StateOpen || acks[0].Notification != "n-4" {
		t.Fatalf("pending acks %+v, %v", acks, err)
	}
	if err := s.MarkMSSAcked(ctx, acks[0]); err != nil {
		t.Fatal(err)
	}
	if acks, _ = s.PendingMSSAcks(ctx); len(acks) != 0 {
		t.Errorf("acks after marking: %+v", acks)
	}
}

func TestMSSHeartbeatAndLeave(t *testing.T) {
	t.Parallel()
	ctx := t.Context()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.SetMSSHeartbeat(ctx, true); !errors.Is(err, ErrNotFound) {
		t.Errorf("heartbeat without a provider: %v, want ErrNotFound", err)
	}
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	if err := s.PutMSSProvider(ctx, MSSProvider{Name: "SOC", URL: "https://mss.example.jp", KeyID: "k1", Enrolled: at}); err != nil {
		t.Fatal(err)
	}
	ch, _, err := s.ApplyMSSNotice(ctx, monitor.MSSNotice{ID: "n-1", Cursor: "7", Activity: monitor.MSSCreate, Received: at,
		Title:   monitor.MSSText{Ja: "題"},
		Finding: monitor.Finding{Rule: monitor.RuleMSSIncident, Subject: "INC-1", Severity: monitor.SeverityHigh, Origin: "SOC", FirstSeen: at, LastSeen: at, Count: 1}})
	if err != nil {
		t.Fatal(err)
	}
	if err := s.SetMSSHeartbeat(ctx, true); err != nil {
		t.Fatal(err)
	}
	p, err := s.MSSProvider(ctx)
	if err != nil || !p.Heartbeat || p.Cursor != "7" {
		t.Errorf("after consenting to heartbeats: %+v, %v; want heartbeat on and the cursor kept", p, err)
	}
	if err := s.DeleteMSSProvider(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := s.MSSProvider(ctx); !errors.Is(err, ErrNotFound) {
		t.Errorf("provider after leaving: %v", err)
	}
	if h, err := s.MSSHealth(ctx); h != nil || err != nil {
		t.Errorf("health after leaving: %+v, %v; want none (no mss.unreachable)", h, err)
	}
	if _, err := s.Finding(ctx, ch.Finding.ID); err != nil {
		t.Errorf("the provider's finding is gone after leaving: %v", err)
	}
}
