package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runCheck runs the checks of this PC: `kizuki check [--json] [--home
// DIR]`. --home searches browser profiles in another home directory (a
// colleague's profile copied over). When the database exists, sites seen
// beaconing there are compared with the notification permissions, the
// findings are recorded, and, for this PC's own home, the results are
// stored for the app. It exits 0 whatever the checks find.
func runCheck(e *env) int {
	ctx := context.Background()
	home := e.inv.flags["home"]
	if home != "" {
		if info, err := os.Stat(home); err != nil || !info.IsDir() {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLICheckBadHome, locales.Args{"Path": home}))
			return 2
		}
	}
	sys := e.checkSystem(home)
	sys.Now = e.now

	var st *store.Store
	path := e.dbPath()
	if _, err := os.Stat(path); err == nil {
		if st, err = store.Open(ctx, path); err != nil {
			return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
		}
		defer st.Close()
		beacons, err := endpoint.Beacons(ctx, st)
		if err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		sys.Beacons = append(sys.Beacons, beacons...)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}

	report := endpoint.Run(ctx, sys)
	stored := false
	if st != nil {
		// Another home's browsers are not this PC's state: its findings
		// count, its results do not replace this PC's.
		if home == "" {
			if err := st.PutCheckResults(ctx, report.Results); err != nil {
				return e.fail(locales.CLICheckStoreFailed, locales.Args{"Err": err})
			}
			stored = true
		}
		if err := endpoint.RecordFindings(ctx, st, report); err != nil {
			return e.fail(locales.CLICheckStoreFailed, locales.Args{"Err": err})
		}
	}

	if e.inv.has("json") {
		return printCheckJSON(e, report)
	}
	printChecks(e, report)
	if stored {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLICheckStored, nil))
	}
	if st != nil && len(report.Findings) > 0 {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLICheckFindings, locales.Args{"Count": len(report.Findings)}))
	}
	return 0
}

// checkJSON is one check as `kizuki check --json` prints it: the summary
// in words beside its code and arguments.
type checkJSON struct {
	Check     string          `json:"check"`
	Status    string          `json:"status"`
	Summary   string          `json:"summary"`
	Code      string          `json:"code"`
	Args      map[string]any  `json:"args,omitempty"`
	Details   json.RawMessage `json:"details,omitempty"`
	CheckedAt string          `json:"checked_at"`
}

func printCheckJSON(e *env, report endpoint.Report) int {
	out := make([]checkJSON, 0, len(report.Results))
	for _, r := range report.Results {
		out = append(out, checkJSON{
			Check: r.Check, Status: string(r.Status), Summary: e.loc.CheckSummary(r.Summary, r.Args),
			Code: r.Summary, Args: r.Args, Details: r.Details, CheckedAt: r.CheckedAt.UTC().Format("2006-01-02T15:04:05Z"),
		})
	}
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(out); err != nil {
		return e.fail(locales.CLICheckStoreFailed, locales.Args{"Err": err})
	}
	return 0
}

func printChecks(e *env, report endpoint.Report) {
	l := e.loc
	fmt.Fprintln(e.stdout, l.T(locales.CLICheckHeader, locales.Args{"Time": l.Time(e.now())}))
	var profiles []endpoint.NotificationProfile
	for _, r := range report.Results {
		fmt.Fprintln(e.stdout, l.T(locales.CLICheckLine, locales.Args{
			"Status": l.CheckStatusWord(string(r.Status)), "Name": l.CheckName(r.Check), "Summary": l.CheckSummary(r.Summary, r.Args),
		}))
		if r.Check == endpoint.CheckNotifications && len(r.Details) > 0 {
			if ps, err := endpoint.NotificationProfiles(r.Details); err == nil {
				profiles = ps
			}
		}
	}
	if len(profiles) == 0 {
		return
	}
	fmt.Fprintln(e.stdout, l.T(locales.CLICheckSitesHeader, nil))
	for _, p := range profiles {
		args := locales.Args{"Browser": endpoint.BrowserName(p.Browser), "Profile": p.Profile, "Name": p.Name}
		title := l.T(locales.CLICheckProfile, args)
		switch {
		case p.Profile == endpoint.ProfilePolicy:
			title = l.T(locales.CLICheckPolicy, args)
		case p.Name != "":
			title = l.T(locales.CLICheckProfileNamed, args)
		}
		fmt.Fprintf(e.stdout, "  %s\n", title)
		if p.Error != "" {
			fmt.Fprintf(e.stdout, "    %s\n", l.T(locales.CLICheckProfileError, locales.Args{"Err": p.Error}))
		}
		if p.AllowAll {
			fmt.Fprintf(e.stdout, "    %s\n", l.T(locales.CLICheckAllowAll, nil))
		}
		if len(p.Sites) == 0 && !p.AllowAll && p.Error == "" {
			fmt.Fprintf(e.stdout, "    %s\n", l.T(locales.CLICheckNoSites, nil))
		}
		for _, o := range p.Sites {
			if len(o.Flags) == 0 {
				fmt.Fprintf(e.stdout, "    %s\n", o.Origin)
				continue
			}
			flags := make([]string, len(o.Flags))
			for i, f := range o.Flags {
				flags[i] = l.SiteFlag(f)
			}
			fmt.Fprintf(e.stdout, "    %s  %s\n", o.Origin, l.T(locales.CLICheckFlags, locales.Args{"Flags": strings.Join(flags, l.T(locales.ListSeparator, nil))}))
		}
	}
}

// The database is where the app keeps the checks.
var _ endpoint.Store = (*store.Store)(nil)
