package main

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
)

// TestStatusJSON checks the promises of `kizuki status --json` directly,
// beside the golden examples of docs/cli.md.
func TestStatusJSON(t *testing.T) {
	t.Parallel()
	type reason struct {
		Code  string         `json:"code"`
		Level string         `json:"level"`
		Args  map[string]any `json:"args"`
	}
	var got struct {
		Level   string   `json:"level"`
		Reasons []reason `json:"reasons"`
	}
	decode := func(db string) {
		t.Helper()
		out := runDoc(t, t.TempDir(), "status --json --db "+db)
		got.Reasons = nil
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatalf("status --json on %s: %v\n%s", db, err, out)
		}
	}

	decode("new.db")
	if got.Level != "yellow" || len(got.Reasons) != 1 || got.Reasons[0].Code != "monitoring.not_configured" {
		t.Errorf("fresh database: got %+v, want yellow with monitoring.not_configured only", got)
	}

	decode("attack.db")
	if got.Level != "red" || len(got.Reasons) != 1 {
		t.Fatalf("open high finding: got %+v, want red with one reason", got)
	}
	r := got.Reasons[0]
	if r.Code != "finding.vpn_bruteforce" || r.Level != "red" || r.Args["subject"] != "ssl-vpn@FGT60F" || r.Args["severity"] != "high" {
		t.Errorf("open high finding: reason %+v", r)
	}
}

func TestExitCodes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args     []string
		code     int
		contains string
	}{
		{[]string{"--version"}, 0, "kizuki "},
		{[]string{"--help", "--lang", "en"}, 0, "Usage: kizuki"},
		{[]string{"status", "--bogus", "--lang", "en"}, 2, `There is no option "--bogus".`},
		{[]string{"nope", "--lang=en"}, 2, "Run kizuki --help"},
		{[]string{"status", "--db", "/dev/null/kizuki.db", "--lang", "en"}, 1, "Could not open the database /dev/null/kizuki.db"},
	}
	for _, tt := range tests {
		var stdout, stderr bytes.Buffer
		code := run(tt.args, docEnv(&stdout, &stderr))
		if code != tt.code {
			t.Errorf("kizuki %q: exit %d, want %d (stderr %q)", tt.args, code, tt.code, stderr.String())
		}
		if out := stdout.String() + stderr.String(); !strings.Contains(out, tt.contains) {
			t.Errorf("kizuki %q: output %q lacks %q", tt.args, out, tt.contains)
		}
	}
}

func TestStatusSaysWhenSecretsAreInAFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := dir + "/k.db"
	must(t, os.WriteFile(dir+"/secrets.json", []byte("{}"), 0o600))
	var stdout, stderr bytes.Buffer
	if code := run([]string{"status", "--db", db, "--lang", "en"}, docEnv(&stdout, &stderr)); code != 0 {
		t.Fatalf("status: exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "API tokens are kept in the file "+dir+"/secrets.json") {
		t.Errorf("status does not say the tokens are in a file:\n%s", stdout.String())
	}
	stdout.Reset()
	run([]string{"status", "--json", "--db", db}, docEnv(&stdout, &stderr))
	var got struct {
		Level       string `json:"level"`
		SecretsFile string `json:"secrets_file"`
	}
	must(t, json.Unmarshal(stdout.Bytes(), &got))
	if got.SecretsFile != dir+"/secrets.json" || got.Level != "yellow" {
		t.Errorf("status --json = %+v", got)
	}
}
