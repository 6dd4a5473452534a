package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/kizuki-app/kizuki/monitor/loggen"
)

func TestRunWritesLogAndTruth(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	logFile, truthFile := filepath.Join(dir, "rtx.log"), filepath.Join(dir, "rtx.json")
	var stdout, stderr bytes.Buffer
	code := run([]string{"-vendor", "yamaha-rtx", "-days", "2", "-lines", "5000", "-seed", "9",
		"-start", "2026-12-01", "-out", logFile, "-truth", truthFile}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	b, err := os.ReadFile(truthFile)
	if err != nil {
		t.Fatal(err)
	}
	var tr loggen.Truth
	if err := json.Unmarshal(b, &tr); err != nil {
		t.Fatal(err)
	}
	log, err := os.ReadFile(logFile)
	if err != nil {
		t.Fatal(err)
	}
	if n := bytes.Count(log, []byte{'\n'}); n != tr.Lines || n == 0 {
		t.Errorf("log has %d lines, truth says %d", n, tr.Lines)
	}
	if got := tr.Start.Format("2006-01-02T15:04:05Z07:00"); got != "2026-12-01T00:00:00+09:00" {
		t.Errorf("start %s", got)
	}
}

func TestRunUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"-vendor", "paloalto"}, {"-attacks", "ddos"}, {"-start", "yesterday"}, {"-days", "0x"}, {"extra"},
	} {
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
}
