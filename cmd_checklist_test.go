package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

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
