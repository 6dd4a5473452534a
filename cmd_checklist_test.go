package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestChecklistCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "kizuki.db")
	runIt := func(args ...string) (int, string, string) {
		var stdout, stderr bytes.Buffer
		code := run(append(args, "--db", db), docEnv(&stdout, &stderr))
		return code, stdout.String(), stderr.String()
	}
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{[]string{"checklist"}, 2, "使い方: kizuki checklist"},
		{[]string{"checklist", "show"}, 2, "使い方: kizuki checklist"},
		{[]string{"checklist", "show", "iso27001"}, 1, "チェックリスト「iso27001」はありません"},
		{[]string{"checklist", "answer", "ipa_5min", "backup", "maybe"}, 2, "回答「maybe」は使えません"},
		{[]string{"checklist", "answer", "ipa_5min", "bakup", "yes"}, 1, "項目「bakup」はありません"},
		{[]string{"checklist", "answer", "ipa_5min", "backup", "no"}, 0, "→ いいえ"},
		{[]string{"checklist", "answer", "ipa_5min", "backup", "yes", "--note", "外付けディスク"}, 0, "ipa_5min）: 4 点"},
		{[]string{"checklist", "answer", "ipa_5min", "os_updates", "unknown"}, 0, "ipa_5min）: 3 点"},
	}
	for _, tt := range tests {
		code, out, errOut := runIt(tt.args...)
		if code != tt.wantCode || !strings.Contains(out+errOut, tt.wantOut) {
			t.Errorf("%v: exit %d, output %q; want %d and %q", tt.args, code, out+errOut, tt.wantCode, tt.wantOut)
		}
	}

	code, out, _ := runIt("checklist", "list", "--json")
	if code != 0 {
		t.Fatalf("list --json: exit %d", code)
	}
	var lists []checklistOut
	if err := json.Unmarshal([]byte(out), &lists); err != nil {
		t.Fatal(err)
	}
	if len(lists) != 4 || lists[0].ID != "ipa_5min" || lists[0].Score != 3 || lists[0].Answered != 2 || len(lists[0].Items) != 25 {
		t.Fatalf("list --json: %+v", lists[0])
	}
	for _, it := range lists[0].Items {
		if it.ID == "backup" && (it.Answer != "yes" || it.Evidence != "外付けディスク" || it.Prefilled) {
			t.Errorf("backup item %+v", it)
		}
	}

	s, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	history, err := s.ChecklistAnswers(context.Background(), "ipa_5min")
	if err != nil || len(history) != 3 {
		t.Errorf("history %+v, %v; want all three answers kept", history, err)
	}
	snaps, err := s.ScoreSnapshots(context.Background(), docNow.AddDate(0, 0, -1), docNow.AddDate(0, 0, 1))
	if err != nil || len(snaps) != 3 || snaps[0].Score != 0 || snaps[1].Score != 4 || snaps[2].Score != 3 {
		t.Errorf("score snapshots %+v, %v; want 0, 4, 3", snaps, err)
	}
}

func TestReportCommand(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "kizuki.db")
	tests := []struct {
		args     []string
		wantCode int
		wantOut  string
	}{
		{[]string{"report"}, 2, "使い方: kizuki report"},
		{[]string{"report", "--out", filepath.Join(dir, "r.docx")}, 2, "拡張子は .pdf か .html"},
		{[]string{"report", "--kind", "weekly", "--out", filepath.Join(dir, "r.pdf")}, 2, "monthly か insurance"},
		{[]string{"report", "--month", "2026/11", "--out", filepath.Join(dir, "r.pdf")}, 2, "2026-11 のように"},
		{[]string{"report", "--out", filepath.Join(dir, "r.pdf")}, 0, "r.pdf"},
		{[]string{"report", "--kind", "insurance", "--out", filepath.Join(dir, "i.html")}, 0, "i.html"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(append(tt.args, "--db", db), docEnv(&stdout, &stderr))
		if code != tt.wantCode || !strings.Contains(stdout.String()+stderr.String(), tt.wantOut) {
			t.Errorf("%v: exit %d, output %q; want %d and %q", tt.args, code, stdout.String()+stderr.String(), tt.wantCode, tt.wantOut)
		}
	}
}

// TestLiveFactsFromMSSAndChecks: an MSS heard from today and this PC's
// stored check results reach the checklists; an MSS silent for two days
// does not count as watching.
func TestLiveFactsFromMSSAndChecks(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "k.db")
	st, err := store.Open(ctx, db)
	must(t, err)
	defer st.Close()
	f, err := liveFacts(ctx, st, db, docNow)
	must(t, err)
	if f.MSSConnected || f.Checks != nil {
		t.Fatalf("fresh database: %+v", f)
	}
	must(t, st.PutMSSProvider(ctx, store.MSSProvider{Name: "例示監視", URL: "https://mss.example.jp", KeyID: "k1", Enrolled: docNow.Add(-72 * time.Hour)}))
	must(t, st.MarkMSSContact(ctx, docNow.Add(-48*time.Hour)))
	must(t, st.PutCheckResults(ctx, []monitor.CheckResult{
		{Check: "antivirus", Status: monitor.CheckOK, CheckedAt: docNow},
		{Check: "disk_encryption", Status: monitor.CheckBad, CheckedAt: docNow},
	}))
	f, err = liveFacts(ctx, st, db, docNow)
	must(t, err)
	if f.MSSConnected || f.MSSName != "例示監視" {
		t.Errorf("MSS silent for two days: connected=%v name=%q", f.MSSConnected, f.MSSName)
	}
	if f.Checks["antivirus"] != monitor.CheckOK || f.Checks["disk_encryption"] != monitor.CheckBad {
		t.Errorf("checks %v", f.Checks)
	}
	must(t, st.MarkMSSContact(ctx, docNow.Add(-time.Hour)))
	if f, err = liveFacts(ctx, st, db, docNow); err != nil || !f.MSSConnected {
		t.Errorf("MSS heard from an hour ago: connected=%v, %v", f.MSSConnected, err)
	}
}
