package main

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runSource manages the log sources: `source list`, `source add NAME
// --allow ADDR[,ADDR…] [--vendor V] [--tz ZONE] [--quiet-after DURATION]`,
// `source remove NAME`. A source's allow-list says which senders' lines
// are its own; `serve` refuses everyone else.
func runSource(e *env) int {
	usage := func() int {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLISourceUsage, nil))
		return 2
	}
	args := e.inv.args
	if len(args) == 0 {
		return usage()
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()

	switch verb := args[0]; {
	case verb == "list" && len(args) == 1:
		return listSources(e, st)
	case verb == "add" && len(args) == 2:
		return addSource(e, st, args[1])
	case verb == "remove" && len(args) == 2:
		if err := st.DeleteSource(ctx, args[1]); err != nil {
			if errors.Is(err, store.ErrNotFound) {
				return e.fail(locales.CLISourceNotFound, locales.Args{"Name": args[1]})
			}
			return e.fail(locales.CLISourceFailed, locales.Args{"Err": err})
		}
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLISourceRemoved, locales.Args{"Name": args[1]}))
		return 0
	default:
		return usage()
	}
}

func addSource(e *env, st *store.Store, name string) int {
	src := monitor.Source{Name: name, TimeZone: e.inv.flags["tz"]}
	if v := e.inv.flags["vendor"]; v != "" && v != "auto" {
		if _, err := parse.ForVendor(monitor.Vendor(v)); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIBadVendor, locales.Args{"Value": v, "List": vendorList()}))
			return 2
		}
		src.Vendor = monitor.Vendor(v)
	}
	for _, a := range strings.Split(e.inv.flags["allow"], ",") {
		if a = strings.TrimSpace(a); a != "" {
			src.AllowedSenders = append(src.AllowedSenders, a)
		}
	}
	if len(src.AllowedSenders) == 0 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLISourceNeedsAllow, nil))
		return 2
	}
	if _, err := ingest.ParseAllowedSenders(src.AllowedSenders); err != nil {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLISourceBadAllow, locales.Args{"Err": err}))
		return 2
	}
	if q := e.inv.flags["quiet-after"]; q != "" {
		d, err := time.ParseDuration(q)
		if err != nil || d < time.Minute {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLISourceBadQuiet, locales.Args{"Value": q}))
			return 2
		}
		src.ExpectedInterval = d
	}
	if src.TimeZone != "" {
		if _, err := time.LoadLocation(src.TimeZone); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLISourceBadZone, locales.Args{"Value": src.TimeZone}))
			return 2
		}
	}
	if err := st.PutSource(context.Background(), src); err != nil {
		return e.fail(locales.CLISourceFailed, locales.Args{"Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLISourceAdded, locales.Args{
		"Name": name, "Allow": strings.Join(src.AllowedSenders, ", "),
	}))
	return 0
}

func listSources(e *env, st *store.Store) int {
	srcs, err := st.Sources(context.Background())
	if err != nil {
		return e.fail(locales.CLISourceFailed, locales.Args{"Err": err})
	}
	if len(srcs) == 0 {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLISourceNone, nil))
		return 0
	}
	for _, s := range srcs {
		vendor := string(s.Vendor)
		if vendor == "" {
			vendor = "auto"
		}
		allow := strings.Join(s.AllowedSenders, ", ")
		if allow == "" {
			allow = e.loc.T(locales.CLISourcePrivateOnly, nil)
		}
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLISourceListLine, locales.Args{
			"Name": s.Name, "Vendor": vendor, "Allow": allow, "Zone": s.TimeZone, "LastSeen": e.loc.Time(s.LastSeen),
		}))
	}
	return 0
}
