package main

import (
	"bytes"
	"database/sql"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/kizuki-app/kizuki/monitor/ingest/logfile"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// TestHostileInputThroughTheStore imports lines an attacker or a broken
// device could send — invalid UTF-8, Shift_JIS, NUL bytes, a line past the
// reader's limit, timestamps in 1970 and far in the future — and follows
// them through parse → store → status: each line is one stored event with
// valid UTF-8 text, nothing is lost, and `status --json` stays valid JSON.
func TestHostileInputThroughTheStore(t *testing.T) {
	t.Parallel()
	deny := `devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=203.0.113.9 dstip=192.168.1.10 dstport=3389 proto=6 action="deny"`
	lines := []struct {
		name, text string
	}{
		{"invalid UTF-8", "date=2026-11-23 time=09:00:00 " + deny + " msg=\"bad \xff\xfe\xc3 bytes\""},
		{"Shift_JIS", "date=2026-11-23 time=09:00:01 " + deny + " user=\"\x8eR\x93c\""}, // 山田
		{"NUL bytes", "date=2026-11-23 time=09:00:02 " + deny + " msg=\"a\x00b\x00\""},
		{"1970", "date=1970-01-01 time=00:00:00 " + deny},
		{"future", "date=2099-12-31 time=23:59:59 " + deny},
		{"oversize", "date=2026-11-23 time=09:00:03 " + deny + " msg=\"" + strings.Repeat("A", logfile.MaxLine+4096) + "\""},
		{"garbage", "\x00\x01\x02\xff"},
	}
	dir := t.TempDir()
	db, log := filepath.Join(dir, "k.db"), filepath.Join(dir, "hostile.log")
	var buf bytes.Buffer
	for _, l := range lines {
		buf.WriteString(l.text + "\n")
	}
	must(t, os.WriteFile(log, buf.Bytes(), 0o600))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"import", log, "--db", db, "--lang", "en"}, docEnv(&stdout, &stderr)); code != 0 {
		t.Fatalf("import: exit %d: %s", code, stderr.String())
	}

	raw, err := sql.Open("sqlite", db)
	must(t, err)
	defer raw.Close()
	rows, err := raw.Query(`SELECT raw, user FROM events ORDER BY id`)
	must(t, err)
	var n int
	var users []string
	for rows.Next() {
		var text, user string
		must(t, rows.Scan(&text, &user))
		n++
		if !utf8.ValidString(text) || !utf8.ValidString(user) {
			t.Errorf("stored text is not valid UTF-8: %q", text[:min(len(text), 80)])
		}
		if len(text) > logfile.MaxLine {
			t.Errorf("a %d-byte line stored past the reader's limit", len(text))
		}
		if user != "" {
			users = append(users, user)
		}
	}
	must(t, rows.Err())
	if n != len(lines) {
		t.Fatalf("%d events stored from %d lines", n, len(lines))
	}
	if strings.Join(users, ",") != "山田" {
		t.Errorf("users %q: the Shift_JIS name must arrive decoded", users)
	}

	stdout.Reset()
	if code := run([]string{"status", "--json", "--db", db}, docEnv(&stdout, &stderr)); code != 0 {
		t.Fatalf("status: exit %d: %s", code, stderr.String())
	}
	var st status.Status
	if err := json.Unmarshal(stdout.Bytes(), &st); err != nil {
		t.Fatalf("status --json is not JSON after hostile input: %v\n%s", err, stdout.String())
	}
}
