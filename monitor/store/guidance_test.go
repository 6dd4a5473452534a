package store_test

import (
	"reflect"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestWizardProgressIsResumable(t *testing.T) {
	t.Parallel()
	path := t.TempDir() + "/kizuki.db"
	s := openStoreAt(t, path)
	ctx := t.Context()
	if _, found, err := s.WizardProgress(ctx, "vpn_bruteforce", "1"); err != nil || found {
		t.Fatalf("fresh database: found=%v err=%v, want nothing", found, err)
	}
	p := monitor.WizardProgress{
		Playbook: "vpn_bruteforce", Subject: "1", Variant: "fortigate",
		Outcomes: map[string]string{"block_sources": "done", "mfa": "ask_help"},
		Started:  t0, Updated: t0.Add(time.Minute),
	}
	if err := s.SaveWizardProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	p.Outcomes["verify_quiet"] = "verified"
	p.Updated = t0.Add(time.Hour)
	if err := s.SaveWizardProgress(ctx, p); err != nil {
		t.Fatal(err)
	}
	// Another process (a restart) sees the same progress.
	other := openStoreAt(t, path)
	got, found, err := other.WizardProgress(ctx, "vpn_bruteforce", "1")
	if err != nil || !found {
		t.Fatalf("WizardProgress: found=%v err=%v", found, err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("WizardProgress = %+v, want %+v", got, p)
	}
	all, err := other.AllWizardProgress(ctx)
	if err != nil || len(all) != 1 || !reflect.DeepEqual(all[0], p) {
		t.Errorf("AllWizardProgress = %+v, %v; want [%+v]", all, err, p)
	}
	if err := s.SaveWizardProgress(ctx, monitor.WizardProgress{}); err == nil {
		t.Error("SaveWizardProgress without a playbook: no error")
	}
}

func TestChecklistAnswersKeepHistory(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := t.Context()
	answers := []monitor.ChecklistAnswer{
		{Checklist: "ipa_5min", Item: "os_updates", Answer: "no", At: t0},
		{Checklist: "ipa_5min", Item: "os_updates", Answer: "partial", Note: "2 台だけ未更新", At: t0.Add(24 * time.Hour)},
		{Checklist: "insurance", Item: "mfa_remote", Answer: "yes", At: t0.Add(time.Hour)},
	}
	for _, a := range answers {
		if err := s.AddChecklistAnswer(ctx, a); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ChecklistAnswers(ctx, "ipa_5min")
	if err != nil {
		t.Fatal(err)
	}
	if want := answers[:2]; !reflect.DeepEqual(got, want) {
		t.Errorf("ChecklistAnswers(ipa_5min) = %+v, want %+v", got, want)
	}
	all, err := s.ChecklistAnswers(ctx, "")
	if err != nil || len(all) != 3 || all[1].Checklist != "insurance" {
		t.Errorf("ChecklistAnswers(all) = %+v, %v; want three, oldest first", all, err)
	}
	if err := s.AddChecklistAnswer(ctx, monitor.ChecklistAnswer{Checklist: "ipa_5min", Item: "x", Answer: "maybe", At: t0}); err == nil {
		t.Error("an answer outside yes/partial/no/unknown was stored")
	}
}

func TestScoreSnapshotsByPeriod(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := t.Context()
	for i, score := range []int{40, 55, 72} {
		if err := s.AddScoreSnapshot(ctx, monitor.ScoreSnapshot{Checklist: "ipa_5min", Score: score, Band: "b", At: t0.AddDate(0, 0, 10*i)}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.ScoreSnapshots(ctx, t0.AddDate(0, 0, 5), t0.AddDate(0, 0, 30))
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].Score != 55 || got[1].Score != 72 || !got[1].At.Equal(t0.AddDate(0, 0, 20)) {
		t.Errorf("ScoreSnapshots = %+v, want the scores 55 and 72", got)
	}
}

func TestCountEventsMatching(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := t.Context()
	ev := func(min int, action monitor.Action, src string) monitor.Event {
		return monitor.Event{Time: t0.Add(time.Duration(min) * time.Minute), Received: t0, Source: "FGT60F",
			Vendor: monitor.VendorFortiGate, Kind: monitor.KindAuth, Action: action, SrcIP: src, DstIP: "192.0.2.1", Raw: "x"}
	}
	if err := s.InsertEvents(ctx, []monitor.Event{
		ev(0, monitor.ActionLoginFailure, "203.0.113.45"),
		ev(30, monitor.ActionLoginFailure, "203.0.113.45"),
		ev(31, monitor.ActionLoginFailure, "198.51.100.7"),
		ev(32, monitor.ActionLoginSuccess, "203.0.113.45"),
		ev(90, monitor.ActionLoginFailure, "203.0.113.45"),
	}); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		q    store.EventQuery
		want int64
	}{
		{"failures from one address in the first hour", store.EventQuery{From: t0, To: t0.Add(time.Hour),
			Actions: []monitor.Action{monitor.ActionLoginFailure}, SrcIPs: []string{"203.0.113.45"}}, 2},
		{"failures from either address", store.EventQuery{From: t0, To: t0.Add(2 * time.Hour),
			Actions: []monitor.Action{monitor.ActionLoginFailure}, SrcIPs: []string{"203.0.113.45", "198.51.100.7"}}, 4},
		{"everything to one destination from one source", store.EventQuery{From: t0, To: t0.Add(2 * time.Hour),
			DstIPs: []string{"192.0.2.1"}, Source: "FGT60F"}, 5},
		{"nothing later", store.EventQuery{From: t0.Add(2 * time.Hour), To: t0.Add(3 * time.Hour)}, 0},
	}
	for _, tt := range tests {
		got, err := s.CountEventsMatching(ctx, tt.q)
		if err != nil || got != tt.want {
			t.Errorf("%s: CountEventsMatching = %d, %v; want %d", tt.name, got, err, tt.want)
		}
	}
}

func TestFindingsBetween(t *testing.T) {
	t.Parallel()
	s := openStore(t)
	ctx := t.Context()
	for i, subj := range []string{"a", "b", "c"} {
		start := t0.AddDate(0, 0, 10*i)
		if _, err := s.RecordFinding(ctx, monitor.Finding{Rule: "port_scan", Severity: monitor.SeverityLow, Subject: subj,
			FirstSeen: start, LastSeen: start.Add(48 * time.Hour), Count: 1}); err != nil {
			t.Fatal(err)
		}
	}
	got, err := s.FindingsBetween(ctx, t0.AddDate(0, 0, 11), t0.AddDate(0, 0, 20))
	if err != nil || len(got) != 1 || got[0].Subject != "b" {
		t.Errorf("FindingsBetween = %+v, %v; want only b", got, err)
	}
}
