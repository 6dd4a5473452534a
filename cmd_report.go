package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/guidance/report"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runReport writes the monthly management report (the default; last month
// unless --month) or the insurance readiness report, as PDF or HTML by the
// --out file's extension.
func runReport(e *env) int {
	out := e.inv.flags["out"]
	if out == "" {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIReportUsage, nil))
		return 2
	}
	var format report.Format
	switch strings.ToLower(filepath.Ext(out)) {
	case ".pdf":
		format = report.PDF
	case ".html", ".htm":
		format = report.HTML
	default:
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIReportBadOut, locales.Args{"Value": out}))
		return 2
	}
	kind := e.inv.flags["kind"]
	if kind == "" {
		kind = "monthly"
	}
	if kind != "monthly" && kind != "insurance" {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIReportBadKind, locales.Args{"Value": kind}))
		return 2
	}
	now := e.now().In(e.zone)
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, e.zone).AddDate(0, -1, 0)
	if v := e.inv.flags["month"]; v != "" {
		m, err := time.ParseInLocation("2006-01", v, e.zone)
		if err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIReportBadMonth, locales.Args{"Value": v}))
			return 2
		}
		month = m
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	f, err := os.OpenFile(out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		return e.fail(locales.CLIReportFailed, locales.Args{"Err": err})
	}
	if err := writeReport(ctx, st, path, f, format, kind, month, now, guideLang(e.loc)); err != nil {
		f.Close()
		os.Remove(out)
		return e.fail(locales.CLIReportFailed, locales.Args{"Err": err})
	}
	if err := f.Close(); err != nil {
		return e.fail(locales.CLIReportFailed, locales.Args{"Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIReportWritten, locales.Args{"Path": out}))
	return 0
}

func writeReport(ctx context.Context, st *store.Store, dbPath string, f io.Writer, format report.Format, kind string, month, now time.Time, lang guidance.Lang) error {
	lib, results, err := loadChecklists(ctx, st, dbPath, now)
	if err != nil {
		return err
	}
	if kind == "insurance" {
		for _, r := range results {
			if r.Checklist.ID == "insurance" {
				return report.Insurance(f, format, r, now, lang)
			}
		}
		return fmt.Errorf("no insurance checklist")
	}
	end := month.AddDate(0, 1, 0)
	findings, err := st.FindingsBetween(ctx, month, end)
	if err != nil {
		return err
	}
	active, err := st.ActiveFindings(ctx)
	if err != nil {
		return err
	}
	wizards, err := st.AllWizardProgress(ctx)
	if err != nil {
		return err
	}
	history, err := st.ScoreSnapshots(ctx, month, end)
	if err != nil {
		return err
	}
	m := lib.BuildMonthly(guidance.MonthlyInput{
		Month: month, Now: now, Findings: findings, Active: active, Wizards: wizards, Results: results, History: history,
	})
	return report.Monthly(f, format, m, lang)
}
