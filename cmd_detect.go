package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"sync"
	"time"
	"unsafe"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// Files in the data directory that tune detection, beside the database.
const (
	detectSettingsFile = "detect.yaml"   // business hours, quiet period, allow list
	detectRulesDir     = "rules"         // *.yaml replacing or adding rule specs
	detectBlocklist    = "blocklist.txt" // replaces the embedded blocklist
)

// runDetect parses the files and runs the rules over them in one pass,
// without a database, and prints the findings: a JSON array with --json,
// else a short table.
func runDetect(e *env) int {
	if len(e.inv.args) == 0 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIDetectNeedsFile, nil))
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
		return 2
	}
	newParser := parse.New
	if v := e.inv.flags["vendor"]; v != "" {
		if _, err := parse.ForVendor(monitor.Vendor(v)); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIBadVendor, locales.Args{"Value": v, "List": vendorList()}))
			return 2
		}
		newParser = func() *parse.Parser {
			p, _ := parse.ForVendor(monitor.Vendor(v))
			return p
		}
	}
	engine, err := newDetectEngine(filepath.Dir(e.dbPath()), e.inv.flags["rules"], e.inv.flags["blocklist"], nil)
	if err != nil {
		return e.fail(locales.CLIDetectRulesFailed, locales.Args{"Err": err})
	}
	for _, name := range e.inv.args {
		in, source, closeIn, err := openInput(name, e.stdin)
		if err != nil {
			return e.fail(locales.CLIOpenFileFailed, locales.Args{"Path": name, "Err": err})
		}
		err = parseEvents(in, newParser, source, e.now, engine.Observe)
		closeIn()
		if err != nil {
			return e.fail(locales.CLIReadFileFailed, locales.Args{"Path": name, "Err": err})
		}
	}
	findings := engine.Findings()
	if e.inv.has("json") {
		if findings == nil {
			findings = []monitor.Finding{}
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		enc.SetEscapeHTML(false)
		if err := enc.Encode(findings); err != nil {
			return e.fail(locales.CLIReadFileFailed, locales.Args{"Path": "-", "Err": err})
		}
		return 0
	}
	printFindings(e, findings, engine.Events())
	return 0
}

func printFindings(e *env, findings []monitor.Finding, events int64) {
	l := e.loc
	fmt.Fprintln(e.stdout, l.T(locales.CLIDetectSummary, locales.Args{"Lines": strconv.FormatInt(events, 10), "Count": len(findings)}))
	for _, f := range findings {
		fmt.Fprintln(e.stdout, l.T(locales.CLIDetectLine, locales.Args{
			"Severity": l.SeverityName(f.Severity.String()), "Title": l.RuleTitle(f.Rule), "Rule": f.Rule,
			"Subject": f.Subject, "Count": f.Count, "First": l.Time(f.FirstSeen), "Last": l.Time(f.LastSeen),
		}))
		if n := len(f.Evidence.Sources); n > 1 {
			fmt.Fprintln(e.stdout, "  "+l.T(locales.CLIDetectSources, locales.Args{
				"Count": n, "Overseas": f.Evidence.Counts["sources_overseas"], "Users": len(f.Evidence.Users),
			}))
		}
		if f.State == monitor.StateResolved {
			fmt.Fprintln(e.stdout, "  "+l.T(locales.CLIDetectResolved, nil))
		}
	}
}

// newDetectEngine builds the engine with the user's settings, rules and
// blocklist from dataDir (each optional), or the files given; suppressed
// are the false positives to keep quiet.
func newDetectEngine(dataDir, rulesDir, blocklistFile string, extra *detect.Settings) (*detect.Engine, error) {
	settings := detect.DefaultSettings()
	path := filepath.Join(dataDir, detectSettingsFile)
	if data, err := os.ReadFile(path); err == nil {
		if settings, err = detect.ParseSettings(path, data); err != nil {
			return nil, err
		}
	} else if !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	if extra != nil {
		settings.Allow = append(settings.Allow, extra.Allow...)
		settings.Suppressed = extra.Suppressed
	}
	specs, err := detect.DefaultSpecs()
	if err != nil {
		return nil, err
	}
	explicitRules := rulesDir != ""
	if !explicitRules {
		rulesDir = filepath.Join(dataDir, detectRulesDir)
	}
	st, err := os.Stat(rulesDir)
	switch {
	case err == nil && st.IsDir():
		user, err := detect.LoadSpecs(os.DirFS(rulesDir), ".")
		if err != nil {
			return nil, err
		}
		specs = detect.MergeSpecs(specs, user)
	case err == nil && explicitRules:
		return nil, fmt.Errorf("%s is not a directory", rulesDir)
	case err != nil && (explicitRules || !errors.Is(err, fs.ErrNotExist)):
		return nil, err
	}
	explicit := blocklistFile != ""
	if !explicit {
		blocklistFile = filepath.Join(dataDir, detectBlocklist)
	}
	if data, err := os.ReadFile(blocklistFile); err == nil {
		if settings.Blocklist, err = detect.ParseBlocklist(filepath.Base(blocklistFile), data); err != nil {
			return nil, err
		}
	} else if explicit || !errors.Is(err, fs.ErrNotExist) {
		return nil, err
	}
	return detect.New(specs, settings)
}

// eventJob is one batch of lines parsed by any worker into events, then
// handed on in input order once done says so. Jobs are reused: once the
// consumer is through with a batch, its text, lines and events take the
// next one, so a long file costs a few batches of memory and no garbage.
type eventJob struct {
	text   []byte // whole lines, as batchReader read them
	cut    bool   // text is what is kept of one overlong line
	lines  []lineSpan
	events []monitor.Event
	done   chan struct{} // one token when the batch is parsed
}

// parseEvents parses every line of in (batches on one worker per CPU, a
// Parser each) and calls fn with each event in input order, on one
// goroutine. The event and its strings live only until fn returns: they
// point into a batch that is reused, so fn must copy what it keeps (the
// detect Engine does).
func parseEvents(in io.Reader, newParser func() *parse.Parser, source string, now func() time.Time, fn func(*monitor.Event)) error {
	workers := max(runtime.GOMAXPROCS(0), 1)
	jobs := make(chan *eventJob, workers)
	ordered := make(chan *eventJob, 2*workers)
	// Every batch in flight is in jobs, in ordered, being parsed, being
	// consumed or being filled: no more are ever made.
	pool := 3*workers + 2
	free := make(chan *eventJob, pool)
	for range pool {
		free <- &eventJob{done: make(chan struct{}, 1)}
	}
	var wg sync.WaitGroup
	for range workers {
		p := newParser()
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range jobs {
				j.lines = lineSpans(j.text, j.cut, j.lines[:0])
				// The text stays unchanged until the job is free again,
				// after the last event pointing into it was consumed.
				text := unsafe.String(unsafe.SliceData(j.text), len(j.text))
				j.events = slices.Grow(j.events[:0], len(j.lines))[:len(j.lines)]
				received := now()
				for i, l := range j.lines {
					p.ParseInto(monitor.Line{Received: received, Source: source, Text: text[l.start:l.end]}, &j.events[i])
				}
				j.done <- struct{}{}
			}
		}()
	}
	consumed := make(chan struct{})
	go func() {
		defer close(consumed)
		for j := range ordered {
			<-j.done
			for i := range j.events {
				fn(&j.events[i])
			}
			free <- j
		}
	}()
	br := batchReader{r: in}
	var readErr error
	for {
		j := <-free
		j.text, j.cut, readErr = br.next(j.text)
		if readErr != nil || len(j.text) == 0 {
			free <- j
			break
		}
		ordered <- j
		jobs <- j
	}
	close(jobs)
	close(ordered)
	wg.Wait()
	<-consumed
	return readErr
}

// The store is where serve and import write findings.
var _ detect.Sink = (*store.Store)(nil)

// storeDetector builds the engine of a command that writes findings to st:
// the data directory's settings, rules and blocklist, plus the allow list
// and the false-positive marks kept in the database.
func storeDetector(ctx context.Context, st *store.Store) (*detect.Engine, error) {
	allow, err := st.DetectAllowList(ctx)
	if err != nil {
		return nil, err
	}
	marks, err := st.Suppressed(ctx)
	if err != nil {
		return nil, err
	}
	extra := &detect.Settings{Allow: allow}
	for _, m := range marks {
		extra.Suppressed = append(extra.Suppressed, detect.Key{Rule: m.Rule, Subject: m.Subject})
	}
	return newDetectEngine(filepath.Dir(st.Path()), "", "", extra)
}
