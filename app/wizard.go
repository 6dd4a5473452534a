package app

import (
	"context"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
)

// stepEvidence is the incident wizard's step that hands the logs over: it
// carries the evidence export.
const stepEvidence = "export_evidence"

// checkState is where a step's self-check stands on screen.
type checkState struct {
	running bool
	verdict guidance.Verdict
	err     error
	ran     bool
}

// wizardView runs any playbook step by step: where the owner is (step n
// of m), the step's what, why, how long and who, the how for their device
// or browser, what they can answer (done, cannot, ask the MSS or dealer),
// Kizuki's self-check of a done step, and the text to send when a step is
// handed over. Every answer is stored at once, so the wizard resumes where
// it was left.
type wizardView struct {
	u       *UI
	w       *guidance.Wizard
	index   int // the step shown; len(steps) is the summary
	checks  map[string]*checkState
	close   func()
	variant *widget.Select
	keys    []string // the variant keys the select offers, "" last

	title    *widget.Label
	position *widget.Label
	bar      *widget.ProgressBar
	body     *fyne.Container
	scroll   *container.Scroll
	back     *widget.Button
	next     *widget.Button
	note     *widget.Label
	content  fyne.CanvasObject

	// evidence dates, kept across steps
	evFrom, evTo *widget.Entry
	evResult     *widget.Label
}

func newWizardView(u *UI, w *guidance.Wizard, close func()) *wizardView {
	l := u.loc
	v := &wizardView{u: u, w: w, checks: map[string]*checkState{}, close: close, body: container.NewVBox()}
	lang := guideLang(l)
	v.title = widget.NewLabelWithStyle(w.Playbook.Title.In(lang), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.title.Wrapping = wrappedLabel(l, "", fyne.TextStyle{}).Wrapping
	v.position = widget.NewLabel("")
	v.bar = widget.NewProgressBar()
	v.bar.TextFormatter = func() string { return "" }
	v.note = widget.NewLabel("")
	v.note.Importance = widget.LowImportance
	v.note.Wrapping = fyne.TextWrapWord
	v.back = widget.NewButton(l.T(locales.ButtonBack, nil), func() { v.show(v.index - 1) })
	v.next = widget.NewButton(l.T(locales.ButtonNext, nil), func() { v.show(v.index + 1) })
	list := widget.NewButton(l.T(locales.WizardBackToList, nil), close)
	list.Importance = widget.LowImportance
	v.keys = variantKeys(w.Playbook)
	if len(v.keys) > 0 {
		names := make([]string, len(v.keys))
		for i, k := range v.keys {
			names[i] = variantName(l, w.Playbook.VariantBy, k)
		}
		v.variant = widget.NewSelect(names, nil)
		i := slices.Index(v.keys, w.Progress.Variant)
		if i < 0 {
			i = len(v.keys) - 1 // any other: the generic how
		}
		v.variant.SetSelectedIndex(i)
		v.variant.OnChanged = func(string) { v.chooseVariant() }
	}
	today := u.cfg.Now().In(l.Zone())
	from := today.AddDate(0, 0, -7)
	if !w.Finding.FirstSeen.IsZero() && w.Finding.FirstSeen.Before(today) {
		from = w.Finding.FirstSeen.In(l.Zone()).AddDate(0, 0, -1)
	}
	v.evFrom, v.evTo = widget.NewEntry(), widget.NewEntry()
	v.evFrom.SetText(from.Format(time.DateOnly))
	v.evTo.SetText(today.Format(time.DateOnly))
	v.evResult = wrappedLabel(l, "", fyne.TextStyle{})

	header := container.NewVBox(container.NewBorder(nil, nil, nil, list, v.title), container.NewBorder(nil, nil, v.position, nil, v.bar))
	v.scroll = container.NewVScroll(container.NewPadded(v.body))
	v.content = container.NewBorder(header, container.NewVBox(v.note, container.NewHBox(v.back, v.next)), nil, nil, v.scroll)
	start := len(w.Playbook.Steps)
	if s, ok := w.Current(); ok {
		start = stepIndex(w.Playbook, s.ID)
	}
	v.show(start)
	return v
}

func stepIndex(pb *guidance.Playbook, id string) int {
	return slices.IndexFunc(pb.Steps, func(s guidance.Step) bool { return s.ID == id })
}

// guideLang is the guidance content's language for the user's.
func guideLang(l *locales.Localizer) guidance.Lang {
	if l.Lang() == locales.English {
		return guidance.English
	}
	return guidance.Japanese
}

// show draws step i (clamped); past the last step, the summary.
func (v *wizardView) show(i int) {
	l := v.u.loc
	steps := v.w.Playbook.Steps
	v.index = min(max(i, 0), len(steps))
	settled := 0
	for _, s := range steps {
		if o := v.w.Outcome(s.ID); o == guidance.OutcomeVerified || o == guidance.OutcomeCantDo || o == guidance.OutcomeAskHelp ||
			(o == guidance.OutcomeDone && s.Verify == nil) {
			settled++
		}
	}
	v.bar.SetValue(float64(settled) / float64(len(steps)))
	if v.index == len(steps) {
		v.position.SetText(l.T(locales.WizardSummaryHeading, nil))
		v.setBody(v.summary())
	} else {
		v.position.SetText(l.T(locales.WizardStep, locales.Args{"N": v.index + 1, "Of": len(steps)}))
		v.setBody(v.step(steps[v.index]))
	}
	if v.index == 0 {
		v.back.Disable()
	} else {
		v.back.Enable()
	}
	switch {
	case v.index == len(steps):
		v.next.Hide()
	case v.index == len(steps)-1:
		v.next.Show()
		v.next.SetText(l.T(locales.WizardToSummary, nil))
	default:
		v.next.Show()
		v.next.SetText(l.T(locales.ButtonNext, nil))
	}
}

func (v *wizardView) setBody(objs []fyne.CanvasObject) {
	v.body.Objects = objs
	v.body.Refresh()
	v.scroll.ScrollToTop()
	v.scroll.Refresh()
}

// step is what a step shows.
func (v *wizardView) step(s guidance.Step) []fyne.CanvasObject {
	l := v.u.loc
	lang := guideLang(l)
	bold := fyne.TextStyle{Bold: true}
	what := wrappedLabel(l, s.What.In(lang), bold)
	what.SizeName = theme.SizeNameSubHeadingText
	objs := []fyne.CanvasObject{}
	if v.index == 0 || v.w.Playbook.Kind == guidance.KindIncident {
		objs = append(objs, v.intro()...)
	}
	objs = append(objs,
		what,
		wrappedLabel(l, l.T(locales.WizardMeta, locales.Args{"Minutes": s.Minutes, "Who": whoName(l, s.Who)}), fyne.TextStyle{}),
		widget.NewLabelWithStyle(l.T(locales.WizardWhy, nil), fyne.TextAlignLeading, bold),
		wrappedLabel(l, s.Why.In(lang), fyne.TextStyle{}),
		widget.NewLabelWithStyle(l.T(locales.WizardHow, nil), fyne.TextAlignLeading, bold),
	)
	if v.variant != nil && len(s.Variants) > 0 {
		objs = append(objs, container.NewHBox(widget.NewLabel(variantLabel(l, v.w.Playbook.VariantBy)), v.variant))
	}
	objs = append(objs, wrappedLabel(l, s.HowFor(v.w.Progress.Variant).In(lang), fyne.TextStyle{}))
	if s.ID == stepEvidence && v.w.Playbook.Kind == guidance.KindIncident && v.u.cfg.Guidance.Evidence != nil {
		objs = append(objs, v.evidence()...)
	}

	o := v.w.Outcome(s.ID)
	objs = append(objs, widget.NewSeparator(), wrappedLabel(l, l.T(locales.WizardOutcome, locales.Args{"Outcome": outcomeName(l, o)}), bold))
	done := widget.NewButton(l.T(locales.WizardDone, nil), func() { v.record(s, guidance.OutcomeDone) })
	done.Importance = widget.HighImportance
	cant := widget.NewButton(l.T(locales.WizardCantDo, nil), func() { v.record(s, guidance.OutcomeCantDo) })
	ask := widget.NewButton(l.T(locales.WizardAskHelp, nil), func() { v.record(s, guidance.OutcomeAskHelp) })
	objs = append(objs, container.NewHBox(done, cant, ask))
	if s.Verify != nil && (o == guidance.OutcomeDone || o == guidance.OutcomeNotVerified || o == guidance.OutcomeVerified) {
		objs = append(objs, v.checkResult(s)...)
	}
	if o == guidance.OutcomeCantDo || o == guidance.OutcomeAskHelp {
		objs = append(objs, v.helpRequest()...)
	}
	return objs
}

// intro is the playbook's summary, what the wizard is for and, for the
// incident wizard, what not to do and whom to call.
func (v *wizardView) intro() []fyne.CanvasObject {
	l := v.u.loc
	lang := guideLang(l)
	pb := v.w.Playbook
	objs := []fyne.CanvasObject{wrappedLabel(l, pb.Summary.In(lang), fyne.TextStyle{})}
	if f := v.w.Finding; f.Subject != "" {
		objs = append(objs, wrappedLabel(l, l.T(locales.WizardFor, locales.Args{"Title": l.RuleTitle(f.Rule), "Subject": f.Subject}), fyne.TextStyle{}))
	}
	if len(pb.DoNot) > 0 || len(pb.Contacts) > 0 {
		var dont []string
		for _, d := range pb.DoNot {
			dont = append(dont, l.T(locales.WizardBullet, locales.Args{"Text": d.In(lang)}))
		}
		var calls []string
		for _, c := range pb.Contacts {
			line := l.T(locales.WizardContact, locales.Args{"Name": c.Name.In(lang), "When": c.When.In(lang)})
			switch {
			case c.Phone != "" && c.URL != "":
				line += "\n" + l.T(locales.WizardContactPhoneURL, locales.Args{"Phone": c.Phone, "URL": c.URL})
			case c.Phone == "" && c.URL == "":
				line += "\n" + l.T(locales.WizardContactOwn, nil)
			}
			calls = append(calls, line)
		}
		acc := widget.NewAccordion(
			widget.NewAccordionItem(l.T(locales.WizardDoNot, nil), wrappedLabel(l, strings.Join(dont, "\n"), fyne.TextStyle{})),
			widget.NewAccordionItem(l.T(locales.WizardContacts, nil), wrappedLabel(l, strings.Join(calls, "\n\n"), fyne.TextStyle{})),
		)
		acc.MultiOpen = true
		acc.Open(0)
		objs = append(objs, acc)
	}
	return append(objs, widget.NewSeparator())
}

// record stores what the owner says happened at s; a done step with a
// check is then checked, and a settled step leads on to the next one.
func (v *wizardView) record(s guidance.Step, o guidance.Outcome) {
	g := v.u.cfg.Guidance
	now := v.u.cfg.Now()
	load(v.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, v.w.Record(ctx, g.Progress, s.ID, o, now)
	}, func(_ struct{}, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.WizardSaveError, locales.Args{"Err": err}))
			return
		}
		v.note.SetText("")
		v.u.reloadTasks()
		if o == guidance.OutcomeDone && s.Verify != nil {
			v.show(v.index)
			v.verify(s)
			return
		}
		if o == guidance.OutcomeDone {
			v.show(v.index + 1)
			return
		}
		v.show(v.index) // the help text appears under the step
	})
}

// verify runs s's self-check off the UI goroutine; the step says so while
// it runs and shows the verdict when it comes.
func (v *wizardView) verify(s guidance.Step) {
	g := v.u.cfg.Guidance
	st := &checkState{running: true}
	v.checks[s.ID] = st
	v.show(v.index)
	now := v.u.cfg.Now()
	load(v.u, func(ctx context.Context) (guidance.Verdict, error) {
		return v.w.Verify(ctx, g.Progress, g.Verifier, s.ID, now)
	}, func(verdict guidance.Verdict, err error) {
		*st = checkState{verdict: verdict, err: err, ran: true}
		v.u.reloadTasks()
		if v.index < len(v.w.Playbook.Steps) && v.w.Playbook.Steps[v.index].ID == s.ID {
			v.show(v.index)
		}
	})
}

// checkResult says what Kizuki's self-check of s found, with a button to
// check again.
func (v *wizardView) checkResult(s guidance.Step) []fyne.CanvasObject {
	l := v.u.loc
	window := l.Duration(s.Verify.Window.Duration)
	st := v.checks[s.ID]
	var text string
	switch {
	case st != nil && st.running:
		text = l.T(locales.WizardVerifyRunning, nil)
	case st != nil && st.err != nil:
		text = l.T(locales.WizardVerifyError, locales.Args{"Err": st.err})
	case v.w.Outcome(s.ID) == guidance.OutcomeVerified:
		text = l.T(locales.WizardVerifyOK, locales.Args{"Window": window})
	case st != nil && st.ran && st.verdict.Seen > 0:
		text = l.T(locales.WizardVerifySeen, locales.Args{"Window": window, "N": st.verdict.Seen})
	case v.w.Outcome(s.ID) == guidance.OutcomeNotVerified:
		text = l.T(locales.WizardVerifyNotYet, nil)
	default:
		text = l.T(locales.WizardVerifyPending, nil)
	}
	again := widget.NewButton(l.T(locales.WizardVerifyAgain, nil), func() { v.verify(s) })
	if st != nil && st.running {
		again.Disable()
	}
	return []fyne.CanvasObject{wrappedLabel(l, text, fyne.TextStyle{}), container.NewHBox(again)}
}

// helpRequest is the text to send the MSS or dealer about the steps handed
// over, with a button that copies it.
func (v *wizardView) helpRequest() []fyne.CanvasObject {
	l := v.u.loc
	text := v.w.HelpRequest(guideLang(l))
	if text == "" {
		return nil
	}
	entry := widget.NewMultiLineEntry()
	entry.SetText(text)
	entry.Wrapping = fyne.TextWrapWord
	entry.SetMinRowsVisible(min(strings.Count(text, "\n")+1, 8))
	copied := widget.NewLabel("")
	copyButton := widget.NewButton(l.T(locales.WizardCopy, nil), func() {
		v.u.app.Clipboard().SetContent(text)
		copied.SetText(l.T(locales.WizardCopied, nil))
	})
	return []fyne.CanvasObject{
		widget.NewLabelWithStyle(l.T(locales.WizardHelpHeading, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrappedLabel(l, l.T(locales.WizardHelpHint, nil), fyne.TextStyle{}),
		entry,
		container.NewHBox(copyButton, copied),
	}
}

// evidence lets the owner save the evidence archive of a period, through
// the same code as `kizuki export-evidence`.
func (v *wizardView) evidence() []fyne.CanvasObject {
	l := v.u.loc
	save := widget.NewButton(l.T(locales.WizardEvidenceSave, nil), v.saveEvidence)
	save.Importance = widget.HighImportance
	return []fyne.CanvasObject{
		widget.NewForm(
			widget.NewFormItem(l.T(locales.WizardEvidenceFrom, nil), v.evFrom),
			widget.NewFormItem(l.T(locales.WizardEvidenceTo, nil), v.evTo),
		),
		container.NewHBox(save),
		v.evResult,
	}
}

func (v *wizardView) saveEvidence() {
	l := v.u.loc
	zone := l.Zone()
	from, errFrom := time.ParseInLocation(time.DateOnly, strings.TrimSpace(v.evFrom.Text), zone)
	to, errTo := time.ParseInLocation(time.DateOnly, strings.TrimSpace(v.evTo.Text), zone)
	if errFrom != nil || errTo != nil || to.Before(from) {
		v.evResult.SetText(l.T(locales.WizardEvidenceBadDate, nil))
		return
	}
	var days, findings int
	now := v.u.cfg.Now()
	name := "kizuki-evidence-" + from.Format(time.DateOnly) + "_" + to.Format(time.DateOnly) + ".zip"
	v.u.saveFile(name, func(ctx context.Context, w io.Writer) error {
		var err error
		days, findings, err = v.u.cfg.Guidance.Evidence(ctx, w, from, to, now)
		return err
	}, func(err error) {
		if err != nil {
			v.evResult.SetText(l.T(locales.WizardEvidenceError, locales.Args{"Err": err}))
			return
		}
		v.evResult.SetText(l.T(locales.WizardEvidenceSaved, locales.Args{"Files": days, "Findings": findings}))
	})
}

// summary is the last page: done, or what is still open and the text to
// send about it.
func (v *wizardView) summary() []fyne.CanvasObject {
	l := v.u.loc
	lang := guideLang(l)
	msg := locales.WizardSummaryOpen
	if v.w.Done() {
		msg = locales.WizardSummaryDone
	}
	objs := []fyne.CanvasObject{wrappedLabel(l, l.T(msg, nil), fyne.TextStyle{Bold: true})}
	for i, s := range v.w.Playbook.Steps {
		line := l.T(locales.WizardSummaryLine, locales.Args{"N": i + 1, "What": s.What.In(lang), "Outcome": outcomeName(l, v.w.Outcome(s.ID))})
		objs = append(objs, wrappedLabel(l, line, fyne.TextStyle{}))
	}
	objs = append(objs, v.helpRequest()...)
	finish := widget.NewButton(l.T(locales.WizardBackToList, nil), v.close)
	finish.Importance = widget.HighImportance
	return append(objs, widget.NewSeparator(), container.NewHBox(finish))
}

// chooseVariant stores the device or browser the owner picked.
func (v *wizardView) chooseVariant() {
	i := v.variant.SelectedIndex()
	if i < 0 {
		return
	}
	v.w.Progress.Variant = v.keys[i]
	p := v.w.Progress
	load(v.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, v.u.cfg.Guidance.Progress.SaveWizardProgress(ctx, p)
	}, func(_ struct{}, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.WizardSaveError, locales.Args{"Err": err}))
		}
		v.show(v.index)
	})
}

// variantKeys are the devices or browsers any step of pb has its own how
// for, in the order of monitor.Vendors or guidance.Browsers, then "" for
// any other; nil when pb has none.
func variantKeys(pb *guidance.Playbook) []string {
	var all []string
	switch pb.VariantBy {
	case guidance.ByVendor:
		for _, vd := range monitor.Vendors {
			all = append(all, string(vd))
		}
	case guidance.ByBrowser:
		all = guidance.Browsers
	}
	var keys []string
	for _, k := range all {
		for _, s := range pb.Steps {
			if _, ok := s.Variants[k]; ok {
				keys = append(keys, k)
				break
			}
		}
	}
	if len(keys) == 0 {
		return nil
	}
	return append(keys, "")
}

// variantFor picks the device or browser a wizard shows its steps for: the
// vendor of the log source the finding names ("ssl-vpn@FGT60F", or the
// source itself), else of the sources if they agree, else the gear told at
// first run; the browser the finding's evidence names ("chrome/Default:
// https://…"). "" shows the generic text.
func variantFor(pb *guidance.Playbook, f monitor.Finding, sources []monitor.Source, gear monitor.Vendor) string {
	keys := variantKeys(pb)
	pick := func(k string) string {
		if slices.Contains(keys, k) {
			return k
		}
		return ""
	}
	switch pb.VariantBy {
	case guidance.ByBrowser:
		for _, s := range f.Evidence.Samples {
			browser, _, ok := strings.Cut(s, "/")
			if browser == "chromium" {
				browser = "chrome" // the same menus
			}
			if k := pick(browser); ok && k != "" {
				return k
			}
		}
	case guidance.ByVendor:
		name := f.Subject
		if _, device, ok := strings.Cut(f.Subject, "@"); ok {
			name = device
		}
		vendors := map[monitor.Vendor]bool{}
		for _, s := range sources {
			if s.Name == name && s.Vendor != "" {
				return pick(string(s.Vendor))
			}
			if s.Vendor != "" && s.Vendor != monitor.VendorUnknown {
				vendors[s.Vendor] = true
			}
		}
		if len(vendors) == 1 {
			for vd := range vendors {
				return pick(string(vd))
			}
		}
		return pick(string(gear))
	}
	return ""
}

// variantName names a variant key for the select.
func variantName(l *locales.Localizer, by guidance.VariantBy, key string) string {
	switch {
	case key == "":
		return l.T(locales.WizardVariantOther, nil)
	case by == guidance.ByBrowser:
		return l.BrowserName(key)
	}
	return l.VendorName(key)
}

func variantLabel(l *locales.Localizer, by guidance.VariantBy) string {
	if by == guidance.ByBrowser {
		return l.T(locales.WizardVariantBrowser, nil)
	}
	return l.T(locales.WizardVariantVendor, nil)
}

var whoNames = map[guidance.Who]*i18n.Message{
	guidance.WhoOwner:  locales.WhoOwner,
	guidance.WhoStaff:  locales.WhoStaff,
	guidance.WhoVendor: locales.WhoVendor,
	guidance.WhoMSS:    locales.WhoMSS,
}

func whoName(l *locales.Localizer, w guidance.Who) string {
	if m, ok := whoNames[w]; ok {
		return l.T(m, nil)
	}
	return string(w)
}

var outcomeNames = map[guidance.Outcome]*i18n.Message{
	"":                          locales.OutcomeNone,
	guidance.OutcomeDone:        locales.OutcomeDone,
	guidance.OutcomeCantDo:      locales.OutcomeCantDo,
	guidance.OutcomeAskHelp:     locales.OutcomeAskHelp,
	guidance.OutcomeVerified:    locales.OutcomeVerified,
	guidance.OutcomeNotVerified: locales.OutcomeNotVerified,
}

func outcomeName(l *locales.Localizer, o guidance.Outcome) string {
	if m, ok := outcomeNames[o]; ok {
		return l.T(m, nil)
	}
	return string(o)
}
