package app

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
)

// Checks runs this PC's checks (monitor/endpoint) and stores their
// results and findings; main implements it with endpoint.RunDue.
type Checks interface {
	// RunDue runs the checks when the last run is a day old or there was
	// none; it reports whether it ran.
	RunDue(ctx context.Context) (bool, error)
	// RunNow runs them at once (the owner's いま確認する).
	RunNow(ctx context.Context) error
}

// defaultCheckEvery is how often the app asks whether the daily checks
// are due.
const defaultCheckEvery = time.Hour

// thisPCView is the この PC screen: the latest result of each check of
// this PC with its summary in words, the notification permissions per
// browser and profile with their flags, and the dangerous states that
// raised a finding, each leading to its playbook.
type thisPCView struct {
	u        *UI
	note     *widget.Label
	run      *widget.Button
	findings *fyne.Container
	results  *fyne.Container
	scroll   *container.Scroll
	content  fyne.CanvasObject
}

func newThisPCView(u *UI) *thisPCView {
	l := u.loc
	v := &thisPCView{u: u, findings: container.NewVBox(), results: container.NewVBox()}
	v.note = wrappedLabel(l, "", fyne.TextStyle{})
	v.run = widget.NewButton(l.T(locales.ThisPCRunNow, nil), v.runNow)
	bold := fyne.TextStyle{Bold: true}
	v.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(
		widget.NewLabelWithStyle(l.T(locales.ThisPCTitle, nil), fyne.TextAlignLeading, bold),
		wrappedLabel(l, l.T(locales.ThisPCIntro, nil), fyne.TextStyle{}),
		container.NewBorder(nil, nil, nil, v.run, v.note),
		v.findings,
		widget.NewSeparator(),
		v.results,
	)))
	v.content = v.scroll
	return v
}

// thisPCData is what the screen shows, read together.
type thisPCData struct {
	results  []monitor.CheckResult
	findings []monitor.Finding
}

// reload reads the stored results and this PC's active findings.
func (v *thisPCView) reload() {
	load(v.u, func(ctx context.Context) (thisPCData, error) {
		var d thisPCData
		var err error
		if d.results, err = v.u.cfg.Store.CheckResults(ctx); err != nil {
			return d, err
		}
		active, err := v.u.cfg.Store.ActiveFindings(ctx)
		for _, f := range active {
			if strings.HasPrefix(f.Rule, "endpoint_") {
				d.findings = append(d.findings, f)
			}
		}
		return d, err
	}, func(d thisPCData, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.ThisPCLoadError, locales.Args{"Err": err}))
			return
		}
		v.show(d)
	})
}

// show draws d.
func (v *thisPCView) show(d thisPCData) {
	l := v.u.loc
	defer v.scroll.Refresh() // wrapped labels know their height once laid out
	var last time.Time
	for _, r := range d.results {
		if r.CheckedAt.After(last) {
			last = r.CheckedAt
		}
	}
	if last.IsZero() {
		v.note.SetText(l.T(locales.ThisPCNever, nil))
	} else {
		v.note.SetText(l.T(locales.ThisPCLastRun, locales.Args{"Time": l.Time(last)}))
	}

	v.findings.RemoveAll()
	for _, f := range d.findings {
		v.findings.Add(v.findingRow(f))
	}

	v.results.RemoveAll()
	// In the checks' own order; a check this build does not know last.
	slices.SortStableFunc(d.results, func(a, b monitor.CheckResult) int {
		return checkOrder(a.Check) - checkOrder(b.Check)
	})
	for _, r := range d.results {
		text := container.NewVBox(
			wrappedLabel(l, l.T(locales.ThisPCCheckLine, locales.Args{"Name": l.CheckName(r.Check), "Status": l.CheckStatusWord(string(r.Status))}), fyne.TextStyle{Bold: true}),
			wrappedLabel(l, l.CheckSummary(r.Summary, r.Args), fyne.TextStyle{}),
		)
		if r.Check == endpoint.CheckNotifications && len(r.Details) > 0 {
			if profiles, err := endpoint.NotificationProfiles(r.Details); err == nil {
				for _, p := range profiles {
					text.Add(v.profileBox(p))
				}
			}
		}
		v.results.Add(container.NewBorder(nil, nil, container.NewVBox(statusIcon(checkLevel(r.Status))), nil, text))
	}
}

// checkOrder is a check's place in endpoint.Checks; unknown checks last.
func checkOrder(check string) int {
	if i := slices.Index(endpoint.Checks, check); i >= 0 {
		return i
	}
	return len(endpoint.Checks)
}

// checkLevel is the light colour a check's status is drawn in; a check
// that could not tell is drawn as yellow (look at it), never as green.
func checkLevel(s monitor.CheckStatus) string {
	switch s {
	case monitor.CheckOK:
		return "green"
	case monitor.CheckBad:
		return "red"
	default:
		return "yellow"
	}
}

func statusIcon(level string) *canvas.Image {
	icon := canvas.NewImageFromResource(lightIcon(level))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(24))
	return icon
}

// profileBox lists one browser profile's notification permissions, each
// site with its flags.
func (v *thisPCView) profileBox(p endpoint.NotificationProfile) fyne.CanvasObject {
	l := v.u.loc
	args := locales.Args{"Browser": endpoint.BrowserName(p.Browser), "Profile": p.Profile, "Name": p.Name}
	title := l.T(locales.CLICheckProfile, args)
	switch {
	case p.Profile == endpoint.ProfilePolicy:
		title = l.T(locales.CLICheckPolicy, args)
	case p.Name != "":
		title = l.T(locales.CLICheckProfileNamed, args)
	}
	box := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Italic: true}))
	var lines []string
	if p.Error != "" {
		lines = append(lines, l.T(locales.CLICheckProfileError, locales.Args{"Err": p.Error}))
	}
	if p.AllowAll {
		lines = append(lines, l.T(locales.CLICheckAllowAll, nil))
	}
	if len(p.Sites) == 0 && !p.AllowAll && p.Error == "" {
		lines = append(lines, l.T(locales.CLICheckNoSites, nil))
	}
	for _, s := range p.Sites {
		line := s.Origin
		if len(s.Flags) > 0 {
			flags := make([]string, len(s.Flags))
			for i, f := range s.Flags {
				flags[i] = l.SiteFlag(f)
			}
			line += "  " + l.T(locales.CLICheckFlags, locales.Args{"Flags": strings.Join(flags, l.T(locales.ListSeparator, nil))})
		}
		lines = append(lines, line)
	}
	for _, line := range lines {
		box.Add(wrappedLabel(l, line, fyne.TextStyle{}))
	}
	return container.NewPadded(box)
}

// findingRow is a dangerous state of this PC that raised a finding: what
// it is, the playbook that fixes it, and a button to the finding.
func (v *thisPCView) findingRow(f monitor.Finding) fyne.CanvasObject {
	l := v.u.loc
	text := container.NewVBox(
		wrappedLabel(l, l.RuleTitle(f.Rule), fyne.TextStyle{Bold: true}),
		wrappedLabel(l, l.T(locales.FindingsSubject, locales.Args{"Subject": f.Subject}), fyne.TextStyle{}),
	)
	if title := playbookTitle(l, f); title != "" {
		text.Add(wrappedLabel(l, l.T(locales.ThisPCPlaybook, locales.Args{"Title": title}), fyne.TextStyle{}))
	}
	open := widget.NewButton(l.T(locales.ThisPCOpenFinding, nil), func() { v.u.openFinding(f.ID) })
	open.Importance = widget.HighImportance
	return container.NewBorder(nil, nil, container.NewVBox(statusIcon(severityLevel(f.Severity))), container.NewVBox(open), text)
}

// playbooks is the guidance library, read once.
var playbooks = sync.OnceValues(guidance.Default)

// playbookTitle is the title of f's playbook in the user's language, or
// "" when it has none.
func playbookTitle(l *locales.Localizer, f monitor.Finding) string {
	id := f.Playbook
	if id == "" {
		id = guidance.PlaybookFor(f.Rule)
	}
	lib, err := playbooks()
	if id == "" || err != nil {
		return ""
	}
	p, ok := lib.Playbook(id)
	if !ok {
		return ""
	}
	if l.Lang() == locales.English {
		return p.Title.En
	}
	return p.Title.Ja
}

// runNow runs the checks at once, off the UI goroutine.
func (v *thisPCView) runNow() {
	v.run.Disable()
	v.note.SetText(v.u.loc.T(locales.ThisPCRunning, nil))
	load(v.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, v.u.cfg.Checks.RunNow(ctx)
	}, func(_ struct{}, err error) {
		v.run.Enable()
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.ThisPCRunError, locales.Args{"Err": err}))
			return
		}
		v.reload()
		v.u.refresh()
	})
}

// runChecks runs the daily checks when due, off the UI goroutine, then
// shows what they found.
func (u *UI) runChecks() {
	load(u, u.cfg.Checks.RunDue, func(ran bool, err error) {
		if err == nil && !ran {
			return
		}
		if err != nil {
			u.thisPC.note.SetText(u.loc.T(locales.ThisPCRunError, locales.Args{"Err": err}))
		} else {
			u.thisPC.reload()
		}
		u.refresh()
	})
}

// recheck asks every CheckEvery whether the daily checks are due, until
// ctx ends.
func (u *UI) recheck(ctx context.Context) {
	every := u.cfg.CheckEvery
	if every <= 0 {
		every = defaultCheckEvery
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
			fyne.Do(u.runChecks)
		}
	}
}

// openFinding shows the finding with id on the 検知 screen, with the
// filters opened up so that it is listed.
func (u *UI) openFinding(id int64) {
	if u.findings == nil || !u.shell.showID("findings") {
		return
	}
	u.findings.selectID(id)
}
