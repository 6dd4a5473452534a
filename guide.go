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
	history, err := st.ChecklistAnswers(ctx, "")
	if err != nil {
		return nil, nil, err
	}
	return lib, lib.EvaluateAll(history, facts), nil
}

// recordAnswer keeps the owner's answer (answers are history) and the
// checklist's new score, so that scores can be shown over time; it
// returns the checklist scored with the answer. `kizuki checklist answer`
// and the app's checklist screen both answer through it.
func recordAnswer(ctx context.Context, st *store.Store, dbPath string, a monitor.ChecklistAnswer) (guidance.Result, error) {
	if err := st.AddChecklistAnswer(ctx, a); err != nil {
		return guidance.Result{}, err
	}
	_, results, err := loadChecklists(ctx, st, dbPath, a.At)
	if err != nil {
		return guidance.Result{}, err
	}
	for _, r := range results {
		if r.Checklist.ID == a.Checklist {
			snap := monitor.ScoreSnapshot{Checklist: r.Checklist.ID, Score: r.Score, Band: r.Band.ID, At: a.At}
			return r, st.AddScoreSnapshot(ctx, snap)
		}
	}
	return guidance.Result{}, fmt.Errorf("record answer: no checklist %q", a.Checklist)
}

// loadStatus is the light with the readiness beside it: what `kizuki
// status` prints and the tray app shows.
func loadStatus(ctx context.Context, st *store.Store, dbPath string, now time.Time) (status.Status, error) {
	s, err := status.Load(ctx, st, now)
	if err != nil {
		return s, err
	}
	_, results, err := loadChecklists(ctx, st, dbPath, now)
	if err != nil {
		return s, fmt.Errorf("load status: %w", err)
	}
	s.Readiness = readinessOf(results)
	return s, nil
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
