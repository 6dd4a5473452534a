package guidance

import (
	"context"
	"errors"
	"maps"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// memProgress keeps wizard progress in memory, copying on save and load
// as a database would.
type memProgress map[string]monitor.WizardProgress

func (m memProgress) WizardProgress(_ context.Context, playbook, subject string) (monitor.WizardProgress, bool, error) {
	p, ok := m[playbook+"/"+subject]
	p.Outcomes = maps.Clone(p.Outcomes)
	return p, ok, nil
}

func (m memProgress) SaveWizardProgress(_ context.Context, p monitor.WizardProgress) error {
	p.Outcomes = maps.Clone(p.Outcomes)
	m[p.Playbook+"/"+p.Subject] = p
	return nil
}

// failuresSeen answers checks with a fixed count of what is still seen,
// recording what it was asked.
type failuresSeen struct {
	seen  int64
	asked []Check
}

func (f *failuresSeen) Verify(_ context.Context, c Check, _ monitor.Finding, _ time.Time) (Verdict, error) {
	f.asked = append(f.asked, c)
	return Verdict{OK: f.seen == 0, Seen: f.seen}, nil
}

func TestWizardRunsAndResumes(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	pb, _ := lib.Playbook(PlaybookVPNBruteforce)
	ctx := t.Context()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	finding := monitor.Finding{ID: 7, Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F",
		Count: 1843, LastSeen: now, Evidence: monitor.Evidence{Sources: []string{"203.0.113.45"}}}
	ps := memProgress{}

	w, err := OpenWizard(ctx, ps, pb, finding, "fortigate", now)
	if err != nil {
		t.Fatal(err)
	}
	if s, _ := w.Current(); s.ID != "check_success" {
		t.Fatalf("first step %s, want check_success", s.ID)
	}
	must(t, w.Record(ctx, ps, "check_success", OutcomeDone, now))
	must(t, w.Record(ctx, ps, "strong_passwords", OutcomeDone, now))
	must(t, w.Record(ctx, ps, "block_sources", OutcomeAskHelp, now))

	// Closed and opened again (another run of the app): same place.
	w, err = OpenWizard(ctx, ps, pb, finding, "", now.Add(time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if w.Progress.Variant != "fortigate" {
		t.Errorf("variant %q after resuming, want fortigate", w.Progress.Variant)
	}
	s, ok := w.Current()
	if !ok || s.ID != "verify_quiet" {
		t.Fatalf("resumed at %s (%v), want verify_quiet", s.ID, ok)
	}
	if _, err := w.Verify(ctx, ps, &failuresSeen{}, "verify_quiet", now); err == nil {
		t.Error("verifying a step not yet done: no error")
	}
	must(t, w.Record(ctx, ps, "verify_quiet", OutcomeDone, now))
	if _, ok := w.Current(); !ok {
		t.Error("a done step with a check counts as settled before Kizuki verified it")
	}

	still := &failuresSeen{seen: 12}
	v, err := w.Verify(ctx, ps, still, "verify_quiet", now.Add(time.Hour))
	if err != nil || v.OK || v.Seen != 12 || w.Outcome("verify_quiet") != OutcomeNotVerified {
		t.Errorf("Verify with failures still arriving = %+v, %v, outcome %s; want not verified", v, err, w.Outcome("verify_quiet"))
	}
	if len(still.asked) != 1 || still.asked[0].Kind != CheckNoFailures || still.asked[0].Window.Duration != time.Hour {
		t.Errorf("verifier asked %+v, want one no_failures_from_sources check over 1h", still.asked)
	}
	quiet := &failuresSeen{}
	if v, err := w.Verify(ctx, ps, quiet, "verify_quiet", now.Add(2*time.Hour)); err != nil || !v.OK {
		t.Errorf("Verify when quiet = %+v, %v; want OK", v, err)
	}
	if _, ok := w.Current(); ok {
		t.Error("every step settled, but Current still returns one")
	}
	if w.Done() {
		t.Error("Done with a step handed over to the vendor")
	}
	handed := w.HandedOver()
	if len(handed) != 1 || handed[0].ID != "block_sources" {
		t.Errorf("HandedOver = %v, want block_sources", handed)
	}
	req := w.HelpRequest(Japanese)
	for _, want := range []string{"VPN へのパスワード総当たり攻撃", "ssl-vpn@FGT60F", "機器: fortigate", "ローカルインポリシー"} {
		if !strings.Contains(req, want) {
			t.Errorf("HelpRequest(ja) lacks %q:\n%s", want, req)
		}
	}
	if en := w.HelpRequest(English); !strings.Contains(en, "local-in policy") || !strings.Contains(en, "finding 7") {
		t.Errorf("HelpRequest(en) lacks the FortiGate how or the finding:\n%s", en)
	}

	must(t, w.Record(ctx, ps, "block_sources", OutcomeDone, now.Add(3*time.Hour)))
	if !w.Done() {
		t.Error("not Done after every step was done and verified")
	}
	saved, _, _ := ps.WizardProgress(ctx, pb.ID, "7")
	if saved.Outcomes["verify_quiet"] != string(OutcomeVerified) || !saved.Updated.Equal(now.Add(3*time.Hour)) {
		t.Errorf("saved progress %+v", saved)
	}
}

func TestWizardRefusesBadInput(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	pb, _ := lib.Playbook(PlaybookHardenEmailMFA)
	ps := memProgress{}
	ctx := t.Context()
	w, err := OpenWizard(ctx, ps, pb, monitor.Finding{}, "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Record(ctx, ps, "no_such_step", OutcomeDone, time.Now()); !errors.Is(err, ErrUnknownStep) {
		t.Errorf("unknown step: %v, want ErrUnknownStep", err)
	}
	if err := w.Record(ctx, ps, "enable_tenant", OutcomeVerified, time.Now()); err == nil {
		t.Error("the owner recorded verified: no error")
	}
	must(t, w.Record(ctx, ps, "enable_tenant", OutcomeDone, time.Now()))
	if _, err := w.Verify(ctx, ps, &failuresSeen{}, "enable_tenant", time.Now()); err == nil {
		t.Error("verifying a step without a check: no error")
	}
	if len(ps) != 1 || w.Progress.Subject != "" {
		t.Errorf("progress saved under %v, want one hardening wizard with no subject", ps)
	}
}

func TestStepHowForVariant(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	pb, _ := lib.Playbook(PlaybookVPNBruteforce)
	s, _ := pb.Step("block_sources")
	if got := s.HowFor("yamaha-rtx").Ja; !strings.Contains(got, "ip filter") {
		t.Errorf("Yamaha how = %q", got)
	}
	if got := s.HowFor("watchguard"); got != s.How {
		t.Errorf("a vendor without a variant gets %q, want the generic how", got.Ja)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
