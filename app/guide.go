package app

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
)

// guideView is the 対策 screen: the incident wizard (「有事の際」) at the
// top, then the hardening playbooks with how far each has got; opening one
// runs it in the same place.
type guideView struct {
	u       *UI
	list    *fyne.Container
	scroll  *container.Scroll
	page    *fyne.Container // the list or a wizard
	listing fyne.CanvasObject
	wizard  *wizardView // the wizard open, nil on the list
	content fyne.CanvasObject
}

func newGuideView(u *UI) *guideView {
	v := &guideView{u: u, list: container.NewVBox()}
	v.scroll = container.NewVScroll(container.NewPadded(v.list))
	v.listing = v.scroll
	v.page = container.NewStack(v.listing)
	v.content = v.page
	return v
}

// playbookOf is the playbook that answers f.
func (v *guideView) playbookOf(f monitor.Finding) (*guidance.Playbook, bool) {
	id := f.Playbook
	if id == "" {
		id = guidance.PlaybookFor(f.Rule)
	}
	if id == "" {
		return nil, false
	}
	return v.u.cfg.Guidance.Library.Playbook(id)
}

// playbookState is a hardening playbook with where its wizard stands.
type playbookState struct {
	pb       *guidance.Playbook
	progress monitor.WizardProgress
	started  bool
}

// reload re-reads the wizards' progress and redraws the list, unless a
// wizard is open.
func (v *guideView) reload() {
	if v.wizard != nil {
		return
	}
	g := v.u.cfg.Guidance
	load(v.u, func(ctx context.Context) ([]playbookState, error) {
		var out []playbookState
		for _, id := range guidance.HardeningPlaybookIDs {
			pb, ok := g.Library.Playbook(id)
			if !ok {
				continue
			}
			p, found, err := g.Progress.WizardProgress(ctx, id, "")
			if err != nil {
				return nil, err
			}
			out = append(out, playbookState{pb: pb, progress: p, started: found})
		}
		return out, nil
	}, v.showList)
}

func (v *guideView) showList(states []playbookState, err error) {
	l := v.u.loc
	lang := guideLang(l)
	bold := fyne.TextStyle{Bold: true}
	objs := []fyne.CanvasObject{wrappedLabel(l, l.T(locales.GuideIntro, nil), fyne.TextStyle{})}
	if err != nil {
		objs = append(objs, wrappedLabel(l, l.T(locales.GuideLoadError, locales.Args{"Err": err}), fyne.TextStyle{}))
	}
	if pb, ok := v.u.cfg.Guidance.Library.Playbook(guidance.PlaybookIncidentResponse); ok {
		open := widget.NewButton(l.T(locales.GuideIncidentOpen, nil), func() { v.open(pb, monitor.Finding{}) })
		open.Importance = widget.DangerImportance
		objs = append(objs, widget.NewSeparator(),
			widget.NewLabelWithStyle(l.T(locales.GuideIncidentHeading, nil), fyne.TextAlignLeading, bold),
			wrappedLabel(l, l.T(locales.GuideIncidentHint, nil), fyne.TextStyle{}),
			container.NewHBox(open))
	}
	objs = append(objs, widget.NewSeparator(), widget.NewLabelWithStyle(l.T(locales.GuideHardeningHeading, nil), fyne.TextAlignLeading, bold))
	for _, s := range states {
		if s.pb.Kind != guidance.KindHardening {
			continue
		}
		w := &guidance.Wizard{Playbook: s.pb, Progress: s.progress}
		label := locales.GuideStart
		if s.started {
			label = locales.GuideResume
		}
		pb := s.pb
		start := widget.NewButton(l.T(label, nil), func() { v.open(pb, monitor.Finding{}) })
		minutes := 0
		for _, st := range pb.Steps {
			minutes += st.Minutes
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewVBox(start),
			container.NewVBox(
				wrappedLabel(l, pb.Title.In(lang), bold),
				wrappedLabel(l, pb.Reason.In(lang), fyne.TextStyle{}),
				wrappedLabel(l, l.T(locales.GuideRowMeta, locales.Args{"State": wizardState(l, w, s.started), "Minutes": minutes}), fyne.TextStyle{}),
			)))
	}
	v.list.Objects = objs
	v.list.Refresh()
	v.scroll.Refresh()
}

// wizardState says how far a wizard has got.
func wizardState(l *locales.Localizer, w *guidance.Wizard, started bool) string {
	switch {
	case !started:
		return l.T(locales.GuideStateNew, nil)
	case w.Done():
		return l.T(locales.GuideStateDone, nil)
	case len(w.HandedOver()) > 0:
		return l.T(locales.GuideStateHanded, locales.Args{"N": len(w.HandedOver())})
	}
	done := 0
	for _, s := range w.Playbook.Steps {
		if o := w.Outcome(s.ID); o == guidance.OutcomeVerified || (o == guidance.OutcomeDone && s.Verify == nil) {
			done++
		}
	}
	return l.T(locales.GuideStateStarted, locales.Args{"Done": done, "Steps": len(w.Playbook.Steps)})
}

// open resumes (or starts) pb's wizard for f on this screen. The steps are
// shown for the device of the finding's source or the browser its
// evidence names, unless the owner chose another before.
func (v *guideView) open(pb *guidance.Playbook, f monitor.Finding) {
	u := v.u
	g := u.cfg.Guidance
	gear := u.prefs.Gear
	now := u.cfg.Now()
	load(u, func(ctx context.Context) (*guidance.Wizard, error) {
		w, err := guidance.OpenWizard(ctx, g.Progress, pb, f, "", now)
		if err != nil || w.Progress.Variant != "" || pb.VariantBy == "" {
			return w, err
		}
		sources, err := u.cfg.Store.Sources(ctx)
		if err != nil {
			return nil, err
		}
		w.Progress.Variant = variantFor(pb, f, sources, gear)
		return w, nil
	}, func(w *guidance.Wizard, err error) {
		if err != nil {
			v.wizard = nil
			v.page.Objects = []fyne.CanvasObject{v.listing}
			v.page.Refresh()
			v.showList(nil, err)
			return
		}
		v.wizard = newWizardView(u, w, v.closeWizard)
		v.page.Objects = []fyne.CanvasObject{v.wizard.content}
		v.page.Refresh()
	})
}

// closeWizard goes back to the list.
func (v *guideView) closeWizard() {
	v.wizard = nil
	v.page.Objects = []fyne.CanvasObject{v.listing}
	v.page.Refresh()
	v.reload()
}

// openWizard shows the 対策 screen with pb's wizard for f (zero for a
// hardening task or the incident wizard).
func (u *UI) openWizard(pb *guidance.Playbook, f monitor.Finding) {
	u.shell.showID("guide")
	u.guide.open(pb, f)
}
