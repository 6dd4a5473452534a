package main

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// archiveFile is one daily archive file: `serve`'s YYYY-MM-DD.log.gz or
// another process's NAME-YYYY-MM-DD.log.gz (`pull`).
type archiveFile struct {
	Name string // the file name in the archive folder
	Day  string // YYYY-MM-DD, the receive day of its lines
}

// archiveFiles lists the archive files present, oldest day first.
func archiveFiles(dir string) ([]archiveFile, error) {
	entries, err := os.ReadDir(dir)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("list archive: %w", err)
	}
	var files []archiveFile
	for _, e := range entries {
		base, ok := strings.CutSuffix(e.Name(), ".log.gz")
		if !ok || e.IsDir() || len(base) < len(time.DateOnly) {
			continue
		}
		day, prefix := base[len(base)-len(time.DateOnly):], base[:len(base)-len(time.DateOnly)]
		if _, err := time.Parse(time.DateOnly, day); err != nil || (prefix != "" && !strings.HasSuffix(prefix, "-")) {
			continue
		}
		files = append(files, archiveFile{Name: e.Name(), Day: day})
	}
	slices.SortFunc(files, func(a, b archiveFile) int {
		return cmp.Or(strings.Compare(a.Day, b.Day), strings.Compare(a.Name, b.Name))
	})
	return files, nil
}

// guideLang is the guidance content's language for the command's locale.
func guideLang(l *locales.Localizer) guidance.Lang {
	if l.Lang() == locales.English {
		return guidance.English
	}
	return guidance.Japanese
}

// mssContactWindow is how recently the MSS must have answered for the
// checklists to count it as watching.
const mssContactWindow = 24 * time.Hour

// liveFacts gathers what Kizuki knows from live data for the checklists:
// log sources and retention (the archive's oldest day or the oldest stored
// event), open serious findings, the MSS (enrolled and heard from within a
// day) and this PC's last check results.
func liveFacts(ctx context.Context, st *store.Store, dbPath string, now time.Time) (guidance.Facts, error) {
	var f guidance.Facts
	p, err := st.MSSProvider(ctx)
	switch {
	case err == nil:
		f.MSSName = p.Name
		f.MSSConnected = !p.LastContact.IsZero() && now.Sub(p.LastContact) <= mssContactWindow
	case !errors.Is(err, store.ErrNotFound):
		return f, err
	}
	checks, err := st.CheckResults(ctx)
	if err != nil {
		return f, err
	}
	for _, c := range checks {
		if f.Checks == nil {
			f.Checks = map[string]guidance.CheckStatus{}
		}
		f.Checks[c.Check] = c.Status
	}
	sources, err := st.Sources(ctx)
	if err != nil {
		return f, err
	}
	f.LogSources = len(sources)
	f.Known = len(sources) > 0
	f.LogsFlowing = f.Known
	for _, s := range sources {
		if s.LastSeen.IsZero() || now.Sub(s.LastSeen) > 24*time.Hour {
			f.LogsFlowing = false
		}
	}
	oldest, err := st.OldestEventTime(ctx)
	if err != nil {
		return f, err
	}
	files, err := archiveFiles(archiveDir(dbPath))
	if err != nil {
		return f, err
	}
	if len(files) > 0 {
		if d, err := time.ParseInLocation(time.DateOnly, files[0].Day, now.Location()); err == nil && (oldest.IsZero() || d.Before(oldest)) {
			oldest = d
		}
	}
	if !oldest.IsZero() && oldest.Before(now) {
		f.LogRetentionDays = int(now.Sub(oldest).Hours() / 24)
	}
	active, err := st.ActiveFindings(ctx)
	if err != nil {
		return f, err
	}
	for _, fd := range active {
		if fd.Severity >= monitor.SeverityHigh {
			f.OpenSerious++
		}
	}
	return f, nil
}

// evaluateChecklists scores every checklist from the stored answers and the
// live facts. The self-diagnosis goes first: SECURITY ACTION ★★ depends on
// it being complete.
func evaluateChecklists(ctx context.Context, st *store.Store, lib *guidance.Library, facts guidance.Facts) ([]guidance.Result, error) {
	history, err := st.ChecklistAnswers(ctx, "")
	if err != nil {
		return nil, err
	}
	if ipa, ok := lib.Checklist("ipa_5min"); ok {
		facts.SelfDiagnosisDone = guidance.Evaluate(ipa, history, facts).Complete()
	}
	var out []guidance.Result
	for _, c := range lib.Checklists() {
		out = append(out, guidance.Evaluate(c, history, facts))
	}
	return out, nil
}

// loadChecklists opens the library and scores the checklists at now.
func loadChecklists(ctx context.Context, st *store.Store, dbPath string, now time.Time) (*guidance.Library, []guidance.Result, error) {
	lib, err := guidance.Default()
	if err != nil {
		return nil, nil, err
	}
	facts, err := liveFacts(ctx, st, dbPath, now)
	if err != nil {
		return nil, nil, err
	}
	results, err := evaluateChecklists(ctx, st, lib, facts)
	return lib, results, err
}

// readinessOf sums the checklists up for the status: assessed once any
// item has an answer, the owner's or Kizuki's.
func readinessOf(results []guidance.Result) status.Readiness {
	var r status.Readiness
	total := 0
	for _, res := range results {
		if !res.Assessed() {
			continue
		}
		r.Assessed = true
		total += res.Score
		r.Checklists = append(r.Checklists, status.ChecklistScore{
			ID: res.Checklist.ID, Score: res.Score, Band: res.Band.ID, Answered: res.Answered, Items: len(res.Items),
		})
	}
	if n := len(r.Checklists); n > 0 {
		r.Score = (total + n/2) / n
	}
	return r
}
