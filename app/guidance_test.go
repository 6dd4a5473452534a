package app

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/guidance/report"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// testFacts are the live facts the screens' checklists are scored with:
// one UTM sending, 40 days of logs, the seed's serious findings open.
var testFacts = guidance.Facts{Known: true, LogSources: 1, LogsFlowing: true, LogRetentionDays: 40, OpenSerious: 2}

// failureCounter is the verifier of the wizards' login-failure check over
// the test's store: the failures from the finding's sources in the window.
type failureCounter struct{ st *store.Store }

func (v failureCounter) Verify(ctx context.Context, c guidance.Check, f monitor.Finding, now time.Time) (guidance.Verdict, error) {
	if c.Kind != guidance.CheckNoFailures {
		return guidance.Verdict{}, fmt.Errorf("check %s not run in this test", c.Kind)
	}
	n, err := v.st.CountEventsMatching(ctx, store.EventQuery{From: now.Add(-c.Window.Duration), To: now.Add(time.Millisecond),
		Actions: []monitor.Action{monitor.ActionLoginFailure}, SrcIPs: f.Evidence.Sources})
	return guidance.Verdict{OK: n == 0, Seen: n}, err
}

// exports records what the report and evidence buttons asked for.
type exports struct {
	reports  []ReportRequest
	from, to time.Time
}

// testGuidance is the guidance core over st, as main wires it, with the
// fixed facts; reports are rendered by the report package, the evidence
// archive is a list of what it would hold.
func testGuidance(t *testing.T, st *store.Store, ex *exports) *Guidance {
	t.Helper()
	lib, err := guidance.Default()
	if err != nil {
		t.Fatal(err)
	}
	results := func(ctx context.Context) ([]guidance.Result, error) {
		h, err := st.ChecklistAnswers(ctx, "")
		return lib.EvaluateAll(h, testFacts), err
	}
	return &Guidance{
		Library: lib, Progress: st, Verifier: failureCounter{st},
		Checklists: func(ctx context.Context, _ time.Time) ([]guidance.Result, error) { return results(ctx) },
		Answer: func(ctx context.Context, a monitor.ChecklistAnswer) error {
			if err := st.AddChecklistAnswer(ctx, a); err != nil {
				return err
			}
			all, err := results(ctx)
			for _, r := range all {
				if r.Checklist.ID == a.Checklist && err == nil {
					err = st.AddScoreSnapshot(ctx, monitor.ScoreSnapshot{Checklist: a.Checklist, Score: r.Score, Band: r.Band.ID, At: a.At})
				}
			}
			return err
		},
		ScoreHistory: st.ScoreSnapshots,
		Report: func(ctx context.Context, w io.Writer, r ReportRequest) error {
			ex.reports = append(ex.reports, r)
			all, err := results(ctx)
			if err != nil {
				return err
			}
			if r.Kind == ReportInsurance {
				res, _ := findResult(all, "insurance")
				return report.Insurance(w, r.Format, res, r.Now, r.Lang)
			}
			return report.Monthly(w, r.Format, lib.BuildMonthly(guidance.MonthlyInput{Month: r.Month, Now: r.Now, Results: all}), r.Lang)
		},
		Evidence: func(ctx context.Context, w io.Writer, from, to, _ time.Time) (int, int, error) {
			ex.from, ex.to = from, to
			found, err := st.FindingsBetween(ctx, from, to.AddDate(0, 0, 1))
			fmt.Fprintf(w, "findings %d\n", len(found))
			return 0, len(found), err
		},
	}
}

func findResult(all []guidance.Result, id string) (guidance.Result, bool) {
	for _, r := range all {
		if r.Checklist.ID == id {
			return r, true
		}
	}
	return guidance.Result{}, false
}

// withReadiness loads the light with the readiness beside it, as main
// does: the mean score of the checklists with an answer.
func withReadiness(st *store.Store, g *Guidance, now func() time.Time) func(context.Context) (status.Status, error) {
	return func(ctx context.Context) (status.Status, error) {
		s, err := status.Load(ctx, st, now())
		if err != nil {
			return s, err
		}
		all, err := g.Checklists(ctx, now())
		total := 0
		for _, r := range all {
			if r.Assessed() {
				s.Readiness.Assessed = true
				total += r.Score
				s.Readiness.Checklists = append(s.Readiness.Checklists, status.ChecklistScore{ID: r.Checklist.ID, Score: r.Score})
			}
		}
		if n := len(s.Readiness.Checklists); n > 0 {
			s.Readiness.Score = (total + n/2) / n
		}
		return s, err
	}
}

// guideUI is the app over a seeded database with the guidance core, its
// clock at *now, reports and evidence recorded in ex and files saved
// into dir instead of asking in a dialog.
func guideUI(t *testing.T, lang locales.Lang, onboarded bool, now *time.Time) (*UI, *store.Store, *exports, string) {
	t.Helper()
	a := test.NewTempApp(t)
	st := openStore(t)
	seed(t, st, onboarded)
	ex := &exports{}
	g := testGuidance(t, st, ex)
	clock := func() time.Time { return *now }
	u := New(a, Config{
		Loc: loc(t, lang), Store: fixedDisk{st}, Load: withReadiness(st, g, clock), Guidance: g, NotifyCooldown: time.Hour,
		Now: clock, TrayHost: func() bool { return false },
		LocalAddrs: func() []string { return []string{"192.168.1.10"} }, Background: inPlace,
	})
	dir := t.TempDir()
	u.saveFile = func(name string, write func(context.Context, io.Writer) error, done func(error)) {
		f, err := os.Create(filepath.Join(dir, name))
		if err == nil {
			err = write(t.Context(), f)
			f.Close()
		}
		done(err)
	}
	u.Start(t.Context())
	u.win.Resize(fyne.NewSize(900, 620))
	u.win.Content().Refresh()
	return u, st, ex, dir
}

// TestGuidanceScreensGolden renders 対策, a finding's wizard, チェックリスト
// and the status screen with いまやること and the readiness, in Japanese
// and English with fixed data and clock. Rewrite a golden by copying
// testdata/failed/<name>.
func TestGuidanceScreensGolden(t *testing.T) {
	for _, lang := range locales.Langs {
		t.Run(string(lang), func(t *testing.T) {
			now := testNow
			u, _, _, _ := guideUI(t, lang, true, &now)
			capture := func(name string) {
				t.Helper()
				u.win.Content().Refresh()
				test.AssertImageMatches(t, name+"_"+string(lang)+".png", u.win.Canvas().Capture())
			}
			u.shell.showID("status")
			capture("status_todo")
			u.shell.showID("guide")
			capture("guide")
			u.shell.showID("checklist")
			capture("checklist")
			openFindingWizard(t, u, "vpn_bruteforce")
			capture("wizard")
		})
	}
}

// openFindingWizard opens the wizard of the finding with the given rule
// through its 対策を始める button on the 検知 screen.
func openFindingWizard(t *testing.T, u *UI, rule string) *wizardView {
	t.Helper()
	u.shell.showID("findings")
	v := u.findings
	for i, f := range v.items {
		if f.Rule == rule {
			v.list.Select(i)
		}
	}
	label := u.loc.T(locales.GuideStartFix, nil)
	test.Tap(findButton(t, v.detail, label))
	if u.guide.wizard == nil {
		t.Fatalf("%s did not open a wizard", label)
	}
	return u.guide.wizard
}

// labelsOf joins the texts of the labels under o.
func labelsOf(o fyne.CanvasObject) string {
	var b strings.Builder
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Label:
			b.WriteString(o.Text + "\n")
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		case *widget.Accordion:
			for _, it := range o.Items {
				walk(it.Detail)
			}
		}
	}
	walk(o)
	return b.String()
}

// A finding's wizard, driven to the end: the steps for the device that
// logged the attack, each step stored as it is answered, the self-check
// that still sees failures and then, later, none, and a wizard that
// resumes where it was left.
func TestWizardRunsToCompletion(t *testing.T) {
	now := testNow
	u, st, _, _ := guideUI(t, locales.Japanese, true, &now)
	w := openFindingWizard(t, u, "vpn_bruteforce")
	if w.w.Progress.Variant != string(monitor.VendorFortiGate) || w.variant.Selected != "FortiGate" {
		t.Errorf("variant %q (%q shown), want fortigate: the finding names FGT60F, a FortiGate", w.w.Progress.Variant, w.variant.Selected)
	}
	steps := w.w.Playbook.Steps
	if w.position.Text != fmt.Sprintf("手順 1 / %d", len(steps)) {
		t.Errorf("position %q", w.position.Text)
	}
	// A failure from one of the attackers a few minutes ago: the check
	// must still see it.
	src := w.w.Finding.Evidence.Sources[0]
	if err := st.InsertEvents(t.Context(), []monitor.Event{{Time: now.Add(-10 * time.Minute), Received: now.Add(-10 * time.Minute), Source: "FGT60F",
		Vendor: monitor.VendorFortiGate, Kind: monitor.KindVPN, Action: monitor.ActionLoginFailure, SrcIP: src, User: "admin", Raw: "x"}}); err != nil {
		t.Fatal(err)
	}
	for i, s := range steps {
		if w.index != i {
			t.Fatalf("at step %d, want %d (%s)", w.index+1, i+1, s.ID)
		}
		if i == 1 && !strings.Contains(labelsOf(w.body), "FortiGate") {
			t.Errorf("step %s does not show the FortiGate how:\n%s", s.ID, labelsOf(w.body))
		}
		test.Tap(findButton(t, w.body, "できた"))
		if s.Verify == nil {
			continue
		}
		if got := labelsOf(w.body); !strings.Contains(got, "まだ問題が見えています（この 1 時間に 1 件）") {
			t.Fatalf("the check of %s missed the recent failure:\n%s", s.ID, got)
		}
		if w.w.Outcome(s.ID) != guidance.OutcomeNotVerified {
			t.Errorf("outcome %q after a failed check", w.w.Outcome(s.ID))
		}
		now = now.Add(2 * time.Hour) // the attack stays quiet
		test.Tap(findButton(t, w.body, "確認する"))
		if w.w.Outcome(s.ID) != guidance.OutcomeVerified {
			t.Fatalf("outcome %q after a quiet hour", w.w.Outcome(s.ID))
		}
		test.Tap(w.next)
	}
	if w.index != len(steps) || !strings.Contains(labelsOf(w.body), "すべての手順が終わりました") {
		t.Errorf("no summary at the end:\n%s", labelsOf(w.body))
	}
	saved, found, err := st.WizardProgress(t.Context(), "vpn_bruteforce", guidance.SubjectFor(w.w.Finding))
	if err != nil || !found || !(&guidance.Wizard{Playbook: w.w.Playbook, Progress: saved}).Done() {
		t.Errorf("stored progress %+v (found %v, %v) is not done", saved, found, err)
	}

	// Closing and opening again resumes: all done, so the summary.
	test.Tap(findButton(t, w.body, "一覧に戻る"))
	again := openFindingWizard(t, u, "vpn_bruteforce")
	if again == w || again.index != len(steps) {
		t.Errorf("reopened at step %d, want the summary", again.index+1)
	}
}

// A step the owner cannot do gives them the text to send, which copies
// to the clipboard, and a later visit resumes at the first open step.
func TestWizardHandsOverWithHelpText(t *testing.T) {
	now := testNow
	u, _, _, _ := guideUI(t, locales.Japanese, true, &now)
	u.shell.showID("guide")
	test.Tap(findButton(t, u.guide.list, "始める")) // the first hardening task
	w := u.guide.wizard
	first := w.w.Playbook.Steps[0]
	test.Tap(findButton(t, w.body, "できた"))
	if first.Verify == nil && w.index != 1 {
		t.Fatalf("a done step did not lead on: at %d", w.index+1)
	}
	test.Tap(findButton(t, w.body, "MSS・販売店に相談"))
	help := w.w.HelpRequest(guidance.Japanese)
	if !strings.Contains(help, w.w.Playbook.Steps[1].What.Ja) {
		t.Fatalf("help text %q does not name the step handed over", help)
	}
	test.Tap(findButton(t, w.body, "コピー"))
	if got := u.app.Clipboard().Content(); got != help {
		t.Errorf("clipboard %q, want the help text", got)
	}
	test.Tap(findButton(t, w.content.(*fyne.Container), "一覧に戻る"))
	if !strings.Contains(labelsOf(u.guide.list), "1 手順を相談中です") {
		t.Errorf("the list does not say a step is handed over:\n%s", labelsOf(u.guide.list))
	}
	test.Tap(findButton(t, u.guide.list, "続ける"))
	if want := min(2, len(w.w.Playbook.Steps)); u.guide.wizard.index != want {
		t.Errorf("resumed at step %d, want %d: the first step not yet settled", u.guide.wizard.index+1, want+1)
	}
}

// Answering an item stores it, records the new score for the chart and
// moves the readiness beside the light and いまやること, never the light.
func TestChecklistAnswer(t *testing.T) {
	now := testNow
	u, st, _, _ := guideUI(t, locales.Japanese, true, &now)
	level := u.view.word.Text
	u.shell.showID("checklist")
	v := u.lists
	if v.selected != guidance.SelfDiagnosisID {
		t.Fatalf("showing %s first, want the self-diagnosis", v.selected)
	}
	ipa, _ := u.cfg.Guidance.Library.Checklist(guidance.SelfDiagnosisID)
	item := ipa.Items()[0]
	v.radios[item.ID].SetSelected("いいえ")
	answers, err := st.ChecklistAnswers(t.Context(), ipa.ID)
	if err != nil || len(answers) != 1 || answers[0].Item != item.ID || answers[0].Answer != "no" {
		t.Fatalf("stored %+v, %v", answers, err)
	}
	snaps, err := st.ScoreSnapshots(t.Context(), now.Add(-time.Hour), now.Add(time.Hour))
	if err != nil || len(snaps) != 1 || snaps[0].Checklist != ipa.ID {
		t.Fatalf("score snapshots %+v, %v", snaps, err)
	}
	if got := labelsOf(v.detail); !strings.Contains(got, "記録 1 回") || !strings.Contains(got, "アドバイス: "+item.Advice.Ja) {
		t.Errorf("after answering no, the checklist shows:\n%s", got)
	}
	if !u.view.readiness.Visible() {
		t.Error("no readiness beside the light after an answer")
	}
	if u.view.word.Text != level {
		t.Errorf("the light went from %s to %s on a checklist answer", level, u.view.word.Text)
	}
	v.choose("insurance")
	if got := labelsOf(v.detail); !strings.Contains(got, "Kizuki が自動で記入しました（根拠: UTM のログを 40 日分保存しています") {
		t.Errorf("the insurance checklist does not mark what Kizuki filled in from its data:\n%s", got)
	}
	if item.Playbook != "" {
		pb, _ := u.cfg.Guidance.Library.Playbook(item.Playbook)
		v.choose(ipa.ID)
		test.Tap(findButton(t, v.detail, "対策を始める: "+pb.Title.Ja))
		if u.guide.wizard == nil || u.guide.wizard.w.Playbook.ID != pb.ID {
			t.Errorf("the item's fix did not open %s", pb.ID)
		}
	}
}

// The report buttons save, through a file chosen by the owner, the report
// `kizuki report` writes.
func TestChecklistReportExport(t *testing.T) {
	now := testNow
	u, _, ex, dir := guideUI(t, locales.Japanese, true, &now)
	u.shell.showID("checklist")
	v := u.lists
	v.format.SetSelectedIndex(1) // HTML
	test.Tap(findButton(t, v.detail, "保険会社向けの報告書を保存"))
	test.Tap(findButton(t, v.detail, "月次報告書を保存"))
	if len(ex.reports) != 2 || ex.reports[0].Kind != ReportInsurance || ex.reports[1].Kind != ReportMonthly ||
		ex.reports[1].Month.Format("2006-01") != "2026-10" || ex.reports[1].Format != report.HTML || ex.reports[1].Lang != guidance.Japanese {
		t.Fatalf("asked for %+v", ex.reports)
	}
	b, err := os.ReadFile(filepath.Join(dir, "kizuki-insurance-2026-11-23.html"))
	if err != nil || !strings.Contains(string(b), "<html") {
		t.Errorf("insurance report %.80q, %v", b, err)
	}
	if v.saved.Text != "保存しました: kizuki-monthly-2026-10.html" {
		t.Errorf("note %q", v.saved.Text)
	}
}

// A red light offers the incident wizard on the status screen; its
// evidence step saves the archive of the days chosen.
func TestIncidentWizardFromRedLight(t *testing.T) {
	now := testNow
	u, _, ex, dir := guideUI(t, locales.Japanese, true, &now)
	u.shell.showID("status")
	if u.view.word.Text != "危険" {
		t.Fatalf("light %s, want 危険 with the seed's open VPN brute force", u.view.word.Text)
	}
	test.Tap(findButton(t, u.view.todo, "有事の際の手順を開く"))
	w := u.guide.wizard
	if w == nil || w.w.Playbook.ID != guidance.PlaybookIncidentResponse {
		t.Fatal("the red light's button did not open the incident wizard")
	}
	if got := labelsOf(w.body); !strings.Contains(got, "03-5978-7509") || !strings.Contains(got, "電源をいきなり切らない") {
		t.Errorf("the incident wizard does not show whom to call and what not to do:\n%s", got)
	}
	w.show(stepIndex(w.w.Playbook, stepEvidence))
	w.evFrom.SetText("2026-11-20")
	w.evTo.SetText("2026-11-23")
	test.Tap(findButton(t, w.body, "証拠のログを書き出す"))
	if ex.from.Format(time.DateOnly) != "2026-11-20" || ex.to.Format(time.DateOnly) != "2026-11-23" {
		t.Errorf("exported %s..%s", ex.from, ex.to)
	}
	if _, err := os.Stat(filepath.Join(dir, "kizuki-evidence-2026-11-20_2026-11-23.zip")); err != nil {
		t.Error(err)
	}
	if !strings.HasPrefix(w.evResult.Text, "書き出しました（ログの控え 0 ファイル、検知 4 件）") {
		t.Errorf("result %q", w.evResult.Text)
	}
	w.evFrom.SetText("11/20")
	test.Tap(findButton(t, w.body, "証拠のログを書き出す"))
	if !strings.HasPrefix(w.evResult.Text, "日付は 2026-11-20 のように") {
		t.Errorf("a bad date gave %q", w.evResult.Text)
	}
}

// いまやること lists the top three tasks, the most pressing first, each
// with its reason and a button to its wizard.
func TestTodoOpensTheTopTask(t *testing.T) {
	now := testNow
	u, _, _, _ := guideUI(t, locales.Japanese, true, &now)
	got := labelsOf(u.view.todo)
	if !strings.Contains(got, "1. ") || !strings.Contains(got, "3. ") || strings.Contains(got, "4. ") {
		t.Errorf("いまやること does not list three tasks:\n%s", got)
	}
	test.Tap(findButton(t, u.view.todo, "手順を開く"))
	if u.guide.wizard == nil || u.guide.wizard.w.Finding.ID == 0 {
		t.Error("the top task, an open finding, did not open its wizard")
	}
}

// The first run's last step offers IPA's self-diagnosis.
func TestOnboardingOffersTheSelfDiagnosis(t *testing.T) {
	now := testNow
	u, _, _, _ := guideUI(t, locales.Japanese, false, &now)
	o := onboardingOf(t, u)
	o.goTo(onboardingSteps - 1)
	if !o.diagnose.Visible() {
		t.Fatal("the last step does not offer the self-diagnosis")
	}
	test.Tap(o.diagnose)
	if u.shell.screens[u.shell.current].ID != "checklist" || u.lists.selected != guidance.SelfDiagnosisID {
		t.Errorf("after the first run: screen %s, checklist %s", u.shell.screens[u.shell.current].ID, u.lists.selected)
	}
}

func TestVariantFor(t *testing.T) {
	t.Parallel()
	lib, err := guidance.Default()
	if err != nil {
		t.Fatal(err)
	}
	vpn, _ := lib.Playbook(guidance.PlaybookVPNBruteforce)
	browser, _ := lib.Playbook(guidance.PlaybookEndpointNotification)
	backup, _ := lib.Playbook(guidance.PlaybookHardenBackupOffline)
	sources := []monitor.Source{{Name: "本社", Vendor: monitor.VendorYamahaRTX}, {Name: "支店", Vendor: monitor.VendorFortiGate}}
	tests := []struct {
		name    string
		pb      *guidance.Playbook
		f       monitor.Finding
		sources []monitor.Source
		gear    monitor.Vendor
		want    string
	}{
		{"the attacked device's vendor", vpn, monitor.Finding{Subject: "ssl-vpn@支店"}, sources, monitor.VendorYamahaRTX, "fortigate"},
		{"a source named as the subject", vpn, monitor.Finding{Subject: "本社"}, sources, "", "yamaha-rtx"},
		{"sources that disagree: the gear", vpn, monitor.Finding{Subject: "203.0.113.5"}, sources, monitor.VendorFortiGate, "fortigate"},
		{"the only vendor", vpn, monitor.Finding{Subject: "203.0.113.5"}, sources[:1], "", "yamaha-rtx"},
		{"a vendor without its own steps", vpn, monitor.Finding{}, []monitor.Source{{Name: "x", Vendor: monitor.VendorMikroTik}}, "", ""},
		{"the browser of the evidence", browser, monitor.Finding{Evidence: monitor.Evidence{Samples: []string{"edge/Default: https://push.example-ads.top"}}}, nil, "", "edge"},
		{"Chromium shows Chrome's menus", browser, monitor.Finding{Evidence: monitor.Evidence{Samples: []string{"chromium/Profile 1 (仕事): https://a.example"}}}, nil, "", "chrome"},
		{"no variants", backup, monitor.Finding{}, sources, monitor.VendorFortiGate, ""},
	}
	for _, tt := range tests {
		if got := variantFor(tt.pb, tt.f, tt.sources, tt.gear); got != tt.want {
			t.Errorf("%s: %q, want %q", tt.name, got, tt.want)
		}
	}
}

// The keyboard alone reaches everything: Ctrl+3 opens 対策, Tab focuses its
// first button (有事の際) and Space opens the incident wizard, whose
// answer buttons Tab reaches before the sidebar; Space on できた records
// the step. This is the path the smoke test walks in the real binary.
func TestKeyboardReachesTheWizard(t *testing.T) {
	now := testNow
	u, _, _, _ := guideUI(t, locales.Japanese, true, &now)
	c := u.win.Canvas()
	u.shell.showID("findings")
	c.Unfocus()
	u.shell.show(2) // what Ctrl+3 runs
	if u.shell.screens[2].ID != "guide" {
		t.Fatalf("Ctrl+3 opens %q, want guide", u.shell.screens[2].ID)
	}
	// focusedText moves the focus on with Tab and names the button there.
	focusedText := func() string {
		t.Helper()
		c.FocusNext()
		if b, ok := c.Focused().(*widget.Button); ok {
			return b.Text
		}
		return fmt.Sprintf("%T", c.Focused())
	}
	if got, want := focusedText(), u.loc.T(locales.GuideIncidentOpen, nil); got != want {
		t.Fatalf("the first Tab on 対策 focuses %q, want %q", got, want)
	}
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	w := u.guide.wizard
	if w == nil || w.w.Playbook.ID != guidance.PlaybookIncidentResponse {
		t.Fatalf("Space on %s opened no incident wizard", u.loc.T(locales.GuideIncidentOpen, nil))
	}

	// Tab goes round the wizard, then the sidebar, and back.
	var order []string
	for range 40 {
		order = append(order, focusedText())
	}
	seq := strings.Join(order, " > ")
	for _, want := range []string{"してはいけないこと > 連絡先 > できた > できない > MSS・販売店に相談 > 一覧に戻る > 次へ",
		"状態 > 検知 > 対策 > チェックリスト > 設定 > してはいけないこと"} {
		if !strings.Contains(seq, want) {
			t.Errorf("Tab order lacks %q:\n%s", want, seq)
		}
	}
	done := findButton(t, w.body, "できた")
	for i := 0; c.Focused() != fyne.Focusable(done); i++ {
		if i == 20 {
			t.Fatal("Tab never reaches できた")
		}
		c.FocusNext()
	}
	first := w.w.Playbook.Steps[0]
	c.Focused().TypedKey(&fyne.KeyEvent{Name: fyne.KeySpace})
	if o := w.w.Outcome(first.ID); o != guidance.OutcomeDone {
		t.Errorf("Space on できた recorded %q for %s, want done", o, first.ID)
	}
}
