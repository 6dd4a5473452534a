package main

import (
	"archive/zip"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// evidenceManifest lists what an evidence archive holds, with the SHA-256
// of each file, so that an insurer or a forensic vendor can check nothing
// was changed after the export.
type evidenceManifest struct {
	Tool    string         `json:"tool"`
	Created time.Time      `json:"created"`
	From    string         `json:"from"`
	To      string         `json:"to"`
	Files   []evidenceFile `json:"files"`
}

type evidenceFile struct {
	Name   string `json:"name"`
	Size   int64  `json:"size"`
	SHA256 string `json:"sha256"`
}

// runExportEvidence packs the archived raw lines (the daily gzip files, as
// they are) and the findings of a period into one zip file with a manifest
// of SHA-256 hashes: what the incident wizard hands over.
func runExportEvidence(e *env) int {
	from, errFrom := time.ParseInLocation(time.DateOnly, e.inv.flags["from"], e.zone)
	to, errTo := time.ParseInLocation(time.DateOnly, e.inv.flags["to"], e.zone)
	out := e.inv.flags["out"]
	if out == "" || e.inv.flags["from"] == "" || e.inv.flags["to"] == "" {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIEvidenceUsage, nil))
		return 2
	}
	if errFrom != nil || errTo != nil || to.Before(from) {
		bad := e.inv.flags["from"]
		if errFrom == nil {
			bad = e.inv.flags["to"]
		}
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIEvidenceBadDate, locales.Args{"Value": bad}))
		return 2
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return e.fail(locales.CLIEvidenceFailed, locales.Args{"Err": err})
	}
	sum, err := exportEvidence(ctx, st, path, f, from, to, e.now())
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(out)
		return e.fail(locales.CLIEvidenceFailed, locales.Args{"Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIEvidenceWritten, locales.Args{
		"Path": out, "Files": sum.Files, "Findings": sum.Findings,
	}))
	return 0
}

// evidenceSummary says what an evidence archive holds: how many archive
// files and how many findings.
type evidenceSummary struct{ Files, Findings int }

// exportEvidence writes to w the evidence archive of the days from..to
// (in from's zone, both included): what `kizuki export-evidence` and the
// app's incident wizard save.
func exportEvidence(ctx context.Context, st *store.Store, dbPath string, w io.Writer, from, to, now time.Time) (evidenceSummary, error) {
	findings, err := st.FindingsBetween(ctx, from, to.AddDate(0, 0, 1))
	if err != nil {
		return evidenceSummary{}, fmt.Errorf("export evidence: %w", err)
	}
	dir := archiveDir(dbPath)
	files, err := archiveFiles(dir)
	if err != nil {
		return evidenceSummary{}, fmt.Errorf("export evidence: %w", err)
	}
	var inRange []string
	for _, f := range files {
		if f.Day >= from.Format(time.DateOnly) && f.Day <= to.Format(time.DateOnly) {
			inRange = append(inRange, f.Name)
		}
	}
	m := evidenceManifest{Tool: versionLine(), Created: now.UTC(), From: from.Format(time.DateOnly), To: to.Format(time.DateOnly)}
	if err := writeEvidence(w, dir, inRange, findings, &m); err != nil {
		return evidenceSummary{}, fmt.Errorf("export evidence: %w", err)
	}
	return evidenceSummary{Files: len(inRange), Findings: len(findings)}, nil
}

func writeEvidence(out io.Writer, dir string, names []string, findings []monitor.Finding, m *evidenceManifest) error {
	zw := zip.NewWriter(out)
	// add stores one file, hashing what is written.
	add := func(name string, modified time.Time, src io.Reader) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store, Modified: modified})
		if err != nil {
			return err
		}
		h := sha256.New()
		n, err := io.Copy(io.MultiWriter(w, h), src)
		if err != nil {
			return fmt.Errorf("add %s: %w", name, err)
		}
		m.Files = append(m.Files, evidenceFile{Name: name, Size: n, SHA256: hex.EncodeToString(h.Sum(nil))})
		return nil
	}
	for _, name := range names {
		src, err := os.Open(filepath.Join(dir, name))
		if err != nil {
			return err
		}
		info, err := src.Stat()
		if err == nil {
			err = add("archive/"+name, info.ModTime(), src)
		}
		src.Close()
		if err != nil {
			return err
		}
	}
	if findings == nil {
		findings = []monitor.Finding{}
	}
	fj, err := json.MarshalIndent(findings, "", "  ")
	if err != nil {
		return err
	}
	if err := add("findings.json", m.Created, bytes.NewReader(append(fj, '\n'))); err != nil {
		return err
	}
	slices.SortFunc(m.Files, func(a, b evidenceFile) int { return strings.Compare(a.Name, b.Name) })
	var sums []byte
	for _, file := range m.Files {
		sums = fmt.Appendf(sums, "%s  %s\n", file.SHA256, file.Name)
	}
	mj, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	for _, extra := range []struct {
		name string
		data []byte
	}{{"manifest.json", append(mj, '\n')}, {"SHA256SUMS", sums}} {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: extra.name, Method: zip.Deflate, Modified: m.Created})
		if err != nil {
			return err
		}
		if _, err := w.Write(extra.data); err != nil {
			return err
		}
	}
	return zw.Close()
}
