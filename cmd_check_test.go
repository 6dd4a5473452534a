package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/store"
)

const riskyHome = "monitor/endpoint/testdata/linux-risky/home"

func runCheckCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(append([]string{"check"}, args...), docEnv(&out, &errOut))
	return code, out.String(), errOut.String()
}

// TestCheckJSONListsEveryOrigin: the JSON names each browser, profile and
// allowed origin, with the reasons a site looks suspicious.
func TestCheckJSONListsEveryOrigin(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "none.db")
	code, out, errOut := runCheckCmd(t, "--json", "--home", riskyHome, "--db", db, "--lang", "en")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var got []struct {
		Check, Status, Summary, Code string
		Details                      struct {
			Profiles []struct {
				Browser, Profile string
				Origins          []struct {
					Origin string
					Flags  []string
				}
			}
		}
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("%v in %s", err, out)
	}
	if len(got) != len(endpoint.Checks) || got[0].Check != endpoint.CheckNotifications {
		t.Fatalf("checks %+v", got)
	}
	var listed []string
	for _, p := range got[0].Details.Profiles {
		for _, o := range p.Origins {
			listed = append(listed, p.Browser+"/"+p.Profile+" "+o.Origin+" "+strings.Join(o.Flags, ","))
		}
	}
	want := []string{
		"chrome/Default https://calendar.google.com ",
		"chrome/Default https://push-news.top spam_pattern,risky_tld,new",
		"chrome/Default https://xn--rakuten-2v4e.com punycode,lookalike",
		"chrome/Profile 1 https://chatwork.com ",
		"firefox/k2x9w1ab.default-release https://amaz0n-prize-winner.xyz lookalike,spam_pattern,risky_tld,new",
		"chrome/(policy) https://groupware.example.co.jp ",
	}
	if !slices.Equal(listed, want) {
		t.Errorf("origins:\n%s\nwant:\n%s", strings.Join(listed, "\n"), strings.Join(want, "\n"))
	}
	// Without a database nothing is known of beaconing, and none is made.
	if got[0].Status != "warn" || !strings.Contains(got[0].Summary, "Suspicious sites") {
		t.Errorf("notification check = %s %q", got[0].Status, got[0].Summary)
	}
	if _, err := os.Stat(db); !os.IsNotExist(err) {
		t.Errorf("kizuki check created the database %s (%v)", db, err)
	}
}

// TestCheckStoresResultsAndFindings: with a database, a site seen
// beaconing that may send notifications is a finding; this PC's results
// are stored, another home's are not.
func TestCheckStoresResultsAndFindings(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "k.db")
	st, err := store.Open(ctx, db)
	must(t, err)
	_, err = st.RecordFinding(ctx, monitor.Finding{
		Rule: "beaconing", Severity: monitor.SeverityMedium, Subject: "192.168.1.23", LastSeen: docNow, Count: 10,
		Evidence: monitor.Evidence{Destinations: []string{"cdn.push-news.top"}},
	})
	must(t, err)
	must(t, st.Close())

	code, out, errOut := runCheckCmd(t, "--home", riskyHome, "--db", db, "--lang", "en")
	if code != 0 || !strings.Contains(out, "[Danger] Browser notification permissions") || !strings.Contains(out, "Dangerous states recorded: 2") {
		t.Fatalf("exit %d:\n%s%s", code, out, errOut)
	}
	if strings.Contains(out, "saved in the database") {
		t.Error("another home's results were saved as this PC's")
	}
	st, err = store.Open(ctx, db)
	must(t, err)
	defer st.Close()
	results, err := st.CheckResults(ctx)
	must(t, err)
	if len(results) != 0 {
		t.Errorf("stored %d results for --home", len(results))
	}
	active, err := st.ActiveFindings(ctx)
	must(t, err)
	var rules []string
	for _, f := range active {
		rules = append(rules, f.Rule+" "+f.Subject)
	}
	slices.Sort(rules)
	if want := []string{"beaconing 192.168.1.23", "endpoint_antivirus PC-LINUX", "endpoint_notification https://push-news.top"}; !slices.Equal(rules, want) {
		t.Errorf("findings %v, want %v", rules, want)
	}

	// This PC's own run (no --home) stores its results.
	code, out, _ = runCheckCmd(t, "--db", db)
	if code != 0 || !strings.Contains(out, "結果をデータベースに保存しました") {
		t.Fatalf("exit %d:\n%s", code, out)
	}
	results, err = st.CheckResults(ctx)
	must(t, err)
	if len(results) != len(endpoint.Checks) {
		t.Errorf("stored %d results, want %d", len(results), len(endpoint.Checks))
	}
	if last, err := st.LastCheckRun(ctx); err != nil || !last.Equal(docNow) {
		t.Errorf("LastCheckRun = %v, %v", last, err)
	}
}

func TestCheckUsageErrors(t *testing.T) {
	t.Parallel()
	for _, args := range [][]string{
		{"--home", filepath.Join(t.TempDir(), "missing")},
		{"--home"},
		{"extra"},
	} {
		if code, out, errOut := runCheckCmd(t, append(args, "--db", filepath.Join(t.TempDir(), "k.db"))...); code != 2 {
			t.Errorf("kizuki check %q: exit %d, %s%s", args, code, out, errOut)
		}
	}
}

// TestRunDue is the app's daily re-run: it runs when never run or a day
// has passed, and not in between.
func TestRunDue(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "k.db"))
	must(t, err)
	defer st.Close()
	sys := recordedPC("")
	clock := docNow
	sys.Now = func() time.Time { return clock }
	for _, step := range []struct {
		after time.Duration
		runs  bool
	}{{0, true}, {time.Hour, false}, {23 * time.Hour, true}, {time.Minute, false}} {
		clock = clock.Add(step.after)
		r, ran, err := endpoint.RunDue(ctx, sys, st)
		if err != nil || ran != step.runs || ran && len(r.Results) != len(endpoint.Checks) {
			t.Errorf("at %v: ran %v, %d results, %v; want ran %v", clock, ran, len(r.Results), err, step.runs)
		}
	}
}
