package guidance

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Outcome is what happened at a wizard step.
type Outcome string

// Step outcomes: the owner did it, cannot do it, or asked the MSS or the
// vendor to; for a step with a check, Kizuki then confirmed it (verified)
// or still sees the problem (not_verified).
const (
	OutcomeDone        Outcome = "done"
	OutcomeCantDo      Outcome = "cant_do"
	OutcomeAskHelp     Outcome = "ask_help"
	OutcomeVerified    Outcome = "verified"
	OutcomeNotVerified Outcome = "not_verified"
)

// settled reports whether the wizard moves past a step with this outcome.
// A done step that Kizuki must verify is not settled until it is.
func (o Outcome) settled(s Step) bool {
	switch o {
	case OutcomeVerified, OutcomeCantDo, OutcomeAskHelp:
		return true
	case OutcomeDone:
		return s.Verify == nil
	}
	return false
}

// ProgressStore keeps wizard progress; monitor/store implements it.
type ProgressStore interface {
	WizardProgress(ctx context.Context, playbook, subject string) (monitor.WizardProgress, bool, error)
	SaveWizardProgress(ctx context.Context, p monitor.WizardProgress) error
}

// Verdict is what a Verifier saw.
type Verdict struct {
	// OK is true when the problem is no longer seen.
	OK bool
	// Seen counts what is still seen (failures, blocked connections…).
	Seen int64
}

// Verifier runs a step's check against live data (the caller implements it
// over the store). It gets the finding the wizard is for (zero for a
// hardening task) and the window to look back over from now.
type Verifier interface {
	Verify(ctx context.Context, check Check, finding monitor.Finding, now time.Time) (Verdict, error)
}

// Wizard is one playbook being worked through for one subject.
type Wizard struct {
	Playbook *Playbook
	Progress monitor.WizardProgress
	// Finding is what the wizard is for; zero for hardening tasks.
	Finding monitor.Finding
}

// ErrUnknownStep is returned for a step id the playbook does not have.
var ErrUnknownStep = errors.New("unknown step")

// SubjectFor is the wizard subject of a finding: its id.
func SubjectFor(f monitor.Finding) string {
	if f.ID == 0 {
		return ""
	}
	return fmt.Sprint(f.ID)
}

// OpenWizard resumes the saved wizard for pb and finding, or starts one at
// now. variant chooses the device or browser the steps are shown for; ""
// keeps the saved one.
func OpenWizard(ctx context.Context, ps ProgressStore, pb *Playbook, finding monitor.Finding, variant string, now time.Time) (*Wizard, error) {
	subject := SubjectFor(finding)
	p, found, err := ps.WizardProgress(ctx, pb.ID, subject)
	if err != nil {
		return nil, fmt.Errorf("open wizard %s: %w", pb.ID, err)
	}
	if !found {
		p = monitor.WizardProgress{Playbook: pb.ID, Subject: subject, Outcomes: map[string]string{}, Started: now, Updated: now}
	}
	if p.Outcomes == nil {
		p.Outcomes = map[string]string{}
	}
	if variant != "" {
		p.Variant = variant
	}
	return &Wizard{Playbook: pb, Progress: p, Finding: finding}, nil
}

// Outcome returns what happened at a step so far ("" for nothing yet).
func (w *Wizard) Outcome(stepID string) Outcome { return Outcome(w.Progress.Outcomes[stepID]) }

// Current returns the first step not yet settled; ok is false when every
// step is.
func (w *Wizard) Current() (Step, bool) {
	for _, s := range w.Playbook.Steps {
		if !w.Outcome(s.ID).settled(s) {
			return s, true
		}
	}
	return Step{}, false
}

// Record saves what the owner says happened at a step: done, cant_do or
// ask_help.
func (w *Wizard) Record(ctx context.Context, ps ProgressStore, stepID string, o Outcome, now time.Time) error {
	if _, ok := w.Playbook.Step(stepID); !ok {
		return fmt.Errorf("wizard %s: %w %q", w.Playbook.ID, ErrUnknownStep, stepID)
	}
	switch o {
	case OutcomeDone, OutcomeCantDo, OutcomeAskHelp:
	default:
		return fmt.Errorf("wizard %s: step %s: the owner cannot record %q", w.Playbook.ID, stepID, o)
	}
	return w.save(ctx, ps, stepID, o, now)
}

// Verify runs a done step's check and saves the result. A step with no
// check, or not marked done yet, is an error.
func (w *Wizard) Verify(ctx context.Context, ps ProgressStore, v Verifier, stepID string, now time.Time) (Verdict, error) {
	s, ok := w.Playbook.Step(stepID)
	if !ok {
		return Verdict{}, fmt.Errorf("wizard %s: %w %q", w.Playbook.ID, ErrUnknownStep, stepID)
	}
	if s.Verify == nil {
		return Verdict{}, fmt.Errorf("wizard %s: step %s has nothing to verify", w.Playbook.ID, stepID)
	}
	if o := w.Outcome(stepID); o != OutcomeDone && o != OutcomeNotVerified {
		return Verdict{}, fmt.Errorf("wizard %s: step %s is not done yet", w.Playbook.ID, stepID)
	}
	verdict, err := v.Verify(ctx, *s.Verify, w.Finding, now)
	if err != nil {
		return Verdict{}, fmt.Errorf("wizard %s: verify %s: %w", w.Playbook.ID, stepID, err)
	}
	o := OutcomeNotVerified
	if verdict.OK {
		o = OutcomeVerified
	}
	return verdict, w.save(ctx, ps, stepID, o, now)
}

func (w *Wizard) save(ctx context.Context, ps ProgressStore, stepID string, o Outcome, now time.Time) error {
	w.Progress.Outcomes[stepID] = string(o)
	w.Progress.Updated = now
	if err := ps.SaveWizardProgress(ctx, w.Progress); err != nil {
		return fmt.Errorf("wizard %s: %w", w.Playbook.ID, err)
	}
	return nil
}

// Done reports whether every step was done (and verified where Kizuki
// checks it). Steps the owner could not do or handed over keep it open.
func (w *Wizard) Done() bool {
	for _, s := range w.Playbook.Steps {
		o := w.Outcome(s.ID)
		if o != OutcomeVerified && !(o == OutcomeDone && s.Verify == nil) {
			return false
		}
	}
	return true
}

// HandedOver returns the steps the owner could not do or asked for help
// with: what to bring to the MSS or vendor.
func (w *Wizard) HandedOver() []Step {
	var out []Step
	for _, s := range w.Playbook.Steps {
		if o := w.Outcome(s.ID); o == OutcomeCantDo || o == OutcomeAskHelp {
			out = append(out, s)
		}
	}
	return out
}

// HelpRequest is the text to send the MSS or the vendor for the steps
// handed over: which problem, what it is about, which device, and what to
// do, so that the owner does not have to explain it in their own words.
func (w *Wizard) HelpRequest(lang Lang) string {
	steps := w.HandedOver()
	if len(steps) == 0 {
		return ""
	}
	pb := w.Playbook
	var b []byte
	if lang == English {
		b = fmt.Appendf(b, "Please help us with: %s\n", pb.Title.En)
		if w.Finding.Subject != "" {
			b = fmt.Appendf(b, "About: %s (Kizuki finding %d, %s, %d events, last %s)\n", w.Finding.Subject, w.Finding.ID,
				w.Finding.Severity, w.Finding.Count, w.Finding.LastSeen.UTC().Format(time.RFC3339))
		}
		if w.Progress.Variant != "" {
			b = fmt.Appendf(b, "Device: %s\n", w.Progress.Variant)
		}
		b = append(b, "We could not do these steps ourselves:\n"...)
	} else {
		b = fmt.Appendf(b, "次の対応について支援をお願いします: %s\n", pb.Title.Ja)
		if w.Finding.Subject != "" {
			b = fmt.Appendf(b, "対象: %s（Kizuki の検知 %d、深刻度 %s、%d 件、最後 %s）\n", w.Finding.Subject, w.Finding.ID,
				w.Finding.Severity, w.Finding.Count, w.Finding.LastSeen.UTC().Format(time.RFC3339))
		}
		if w.Progress.Variant != "" {
			b = fmt.Appendf(b, "機器: %s\n", w.Progress.Variant)
		}
		b = append(b, "自社では次の手順ができませんでした:\n"...)
	}
	for i, s := range steps {
		b = fmt.Appendf(b, "%d. %s\n   %s\n", i+1, s.What.In(lang), s.HowFor(w.Progress.Variant).In(lang))
	}
	return string(b)
}
