//go:build !nogui

package main

import (
	"context"
	"io"
	"time"

	"github.com/kizuki-app/kizuki/app"
	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// appGuidance wires the app's 対策 and チェックリスト screens to the same
// code as `kizuki checklist`, `kizuki report` and `kizuki export-evidence`.
func appGuidance(st *store.Store, dbPath string) (*app.Guidance, error) {
	lib, err := guidance.Default()
	if err != nil {
		return nil, err
	}
	return &app.Guidance{
		Library:  lib,
		Progress: st,
		Verifier: storeVerifier{st},
		Checklists: func(ctx context.Context, now time.Time) ([]guidance.Result, error) {
			_, results, err := loadChecklists(ctx, st, dbPath, now)
			return results, err
		},
		Answer: func(ctx context.Context, a monitor.ChecklistAnswer) error {
			_, err := recordAnswer(ctx, st, dbPath, a)
			return err
		},
		ScoreHistory: st.ScoreSnapshots,
		Report: func(ctx context.Context, w io.Writer, r app.ReportRequest) error {
			return writeReport(ctx, st, dbPath, w, r.Format, r.Kind, r.Month, r.Now, r.Lang)
		},
		Evidence: func(ctx context.Context, w io.Writer, from, to, now time.Time) (int, int, error) {
			sum, err := exportEvidence(ctx, st, dbPath, w, from, to, now)
			return sum.Files, sum.Findings, err
		},
	}, nil
}
