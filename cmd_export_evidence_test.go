package main

import (
	"archive/zip"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

func TestExportEvidence(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	db := filepath.Join(dir, "kizuki.db")
	s, err := store.Open(context.Background(), db)
	must(t, err)
	_, err = s.RecordFinding(context.Background(), monitor.Finding{Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh,
		Subject: "ssl-vpn@FGT60F", FirstSeen: docNow.Add(-50 * time.Hour), LastSeen: docNow.Add(-5 * time.Minute), Count: 1843})
	must(t, err)
	_, err = s.RecordFinding(context.Background(), monitor.Finding{Rule: "port_scan", Severity: monitor.SeverityLow,
		Subject: "198.51.100.9", FirstSeen: docNow.AddDate(0, -1, 0), LastSeen: docNow.AddDate(0, -1, 0), Count: 3})
	must(t, err)
	must(t, s.Close())
	arch := filepath.Join(dir, "archive")
	must(t, os.MkdirAll(arch, 0o700))
	// serve's files, a pull's file (named after its host) and a file that
	// is not an archive.
	for _, name := range []string{"2026-11-19.log.gz", "2026-11-21.log.gz", "2026-11-22.log.gz", "2026-11-24.log.gz",
		"pull-192.168.1.99-2026-11-22.log.gz", "notes-2026-11-22.txt"} {
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		io.WriteString(zw, "2026-11-22T00:00:00Z\tFGT60F\t192.168.1.1\tline of "+name+"\n")
		must(t, zw.Close())
		must(t, os.WriteFile(filepath.Join(arch, name), b.Bytes(), 0o600))
	}
	out := filepath.Join(dir, "evidence.zip")
	var stdout, stderr bytes.Buffer
	code := run([]string{"export-evidence", "--from", "2026-11-20", "--to", "2026-11-23", "--out", out, "--db", db}, docEnv(&stdout, &stderr))
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr.String())
	}
	if !strings.Contains(stdout.String(), "3 ファイル、検知 1 件") {
		t.Errorf("stdout %q", stdout.String())
	}
	zr, err := zip.OpenReader(out)
	must(t, err)
	defer zr.Close()
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		must(t, err)
		b, err := io.ReadAll(rc)
		must(t, err)
		rc.Close()
		files[f.Name] = b
	}
	var m evidenceManifest
	must(t, json.Unmarshal(files["manifest.json"], &m))
	var names []string
	for _, f := range m.Files {
		names = append(names, f.Name)
		sum := sha256.Sum256(files[f.Name])
		if hex.EncodeToString(sum[:]) != f.SHA256 || int64(len(files[f.Name])) != f.Size {
			t.Errorf("%s: manifest hash or size does not match the file", f.Name)
		}
		if !strings.Contains(string(files["SHA256SUMS"]), f.SHA256+"  "+f.Name+"\n") {
			t.Errorf("SHA256SUMS lacks %s", f.Name)
		}
	}
	if got := strings.Join(names, ","); got != "archive/2026-11-21.log.gz,archive/2026-11-22.log.gz,archive/pull-192.168.1.99-2026-11-22.log.gz,findings.json" {
		t.Errorf("files %s", got)
	}
	orig, err := os.ReadFile(filepath.Join(arch, "2026-11-21.log.gz"))
	must(t, err)
	if !bytes.Equal(orig, files["archive/2026-11-21.log.gz"]) {
		t.Error("the archive file was not copied byte for byte")
	}
	var fs []monitor.Finding
	must(t, json.Unmarshal(files["findings.json"], &fs))
	if len(fs) != 1 || fs[0].Rule != "vpn_bruteforce" {
		t.Errorf("findings.json = %+v, want the brute force only", fs)
	}
	// A second export to the same file refuses to overwrite evidence.
	if code := run([]string{"export-evidence", "--from", "2026-11-20", "--to", "2026-11-23", "--out", out, "--db", db}, docEnv(&stdout, &stderr)); code != 1 {
		t.Errorf("overwriting an export: exit %d, want 1", code)
	}
	if _, err := zip.OpenReader(out); err != nil {
		t.Errorf("the refused second export damaged the first: %v", err)
	}
	if code := run([]string{"export-evidence", "--from", "2026-11-23", "--to", "2026-11-20", "--out", out + "2", "--db", db}, docEnv(&stdout, &stderr)); code != 2 {
		t.Errorf("--to before --from: exit %d, want 2", code)
	}
}
