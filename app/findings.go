package app

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// timelineBuckets is how many bars a finding's timeline has.
const timelineBuckets = 24

// maxListed bounds the addresses or users written out in a finding's
// evidence; the rest are counted.
const maxListed = 8

// FindingsView is the 検知 screen: the findings with filters (open or all,
// severity, local or MSS) and the selected one's detail.
type FindingsView struct {
	u *UI

	state, severity, origin *widget.Select
	list                    *widget.List
	items                   []monitor.Finding
	selected                int64
	detail                  *fyne.Container
	scroll                  *container.Scroll
	content                 fyne.CanvasObject

	// confirm asks before a finding is put aside as a false positive.
	confirm func(title, message string, ok func())
}

// The filter choices, in the order of their options.
var (
	stateFilters    = []store.FindingFilter{store.ActiveFilter, {}}
	severityFilters = []monitor.Severity{monitor.SeverityInfo, monitor.SeverityMedium, monitor.SeverityHigh}
)

func newFindingsView(u *UI) *FindingsView {
	l := u.loc
	v := &FindingsView{u: u, detail: container.NewVBox()}
	v.confirm = func(title, message string, ok func()) { confirmPopUp(u, title, message, ok) }
	v.state = widget.NewSelect([]string{l.T(locales.FindingsFilterOpen, nil), l.T(locales.FindingsFilterAll, nil)}, nil)
	v.severity = widget.NewSelect([]string{l.T(locales.FindingsFilterAnySeverity, nil), l.T(locales.FindingsFilterMedium, nil), l.T(locales.FindingsFilterHigh, nil)}, nil)
	v.origin = widget.NewSelect([]string{l.T(locales.FindingsFilterAnyOrigin, nil), l.T(locales.FindingsFilterLocal, nil), l.T(locales.FindingsFilterMSS, nil)}, nil)
	for _, s := range []*widget.Select{v.state, v.severity, v.origin} {
		s.SetSelectedIndex(0)
		s.OnChanged = func(string) { v.reload() }
	}
	v.list = widget.NewList(func() int { return len(v.items) }, v.newRow, v.updateRow)
	v.list.OnSelected = func(id widget.ListItemID) {
		if id >= 0 && id < len(v.items) && v.items[id].ID != v.selected {
			v.showDetail(v.items[id])
		}
	}
	filters := container.NewHBox(v.state, v.severity, v.origin)
	v.scroll = container.NewVScroll(container.NewPadded(v.detail))
	split := container.NewHSplit(v.list, v.scroll)
	split.Offset = 0.38
	v.content = container.NewBorder(filters, nil, nil, nil, split)
	return v
}

// filter is the store query the filters select.
func (v *FindingsView) filter() store.FindingFilter {
	f := stateFilters[max(v.state.SelectedIndex(), 0)]
	f.MinSeverity = severityFilters[max(v.severity.SelectedIndex(), 0)]
	return f
}

// keepOrigin reports whether f passes the origin filter.
func (v *FindingsView) keepOrigin(f monitor.Finding) bool {
	switch v.origin.SelectedIndex() {
	case 1:
		return f.Origin == monitor.OriginLocal
	case 2:
		return f.Origin != monitor.OriginLocal
	}
	return true
}

// selectID lists and opens the finding with id, clearing the severity and
// origin filters so that it is listed.
func (v *FindingsView) selectID(id int64) {
	v.selected = id
	for _, s := range []*widget.Select{v.severity, v.origin} {
		if s.SelectedIndex() != 0 {
			s.SetSelectedIndex(0) // reloads
		}
	}
	v.reload()
}

// reload reads the findings the filters select, off the UI goroutine.
func (v *FindingsView) reload() {
	filter := v.filter()
	load(v.u, func(ctx context.Context) ([]monitor.Finding, error) {
		return v.u.cfg.Store.Findings(ctx, filter)
	}, func(all []monitor.Finding, err error) {
		if err != nil {
			v.showMessage(v.u.loc.T(locales.FindingsLoadError, locales.Args{"Err": err}))
			return
		}
		v.items = v.items[:0]
		for _, f := range all {
			if v.keepOrigin(f) {
				v.items = append(v.items, f)
			}
		}
		v.list.UnselectAll()
		v.list.Refresh()
		if len(v.items) == 0 {
			v.selected = 0
			v.showMessage(v.u.loc.T(locales.FindingsNone, nil))
			return
		}
		at := 0
		for i, f := range v.items {
			if f.ID == v.selected {
				at = i
			}
		}
		v.selected = 0
		v.list.Select(at)
	})
}

func (v *FindingsView) newRow() fyne.CanvasObject {
	icon := canvas.NewImageFromResource(lightIcon("yellow"))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(20))
	title := widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	title.Truncation = fyne.TextTruncateEllipsis
	sub := widget.NewLabel("")
	sub.Truncation = fyne.TextTruncateEllipsis
	return container.NewBorder(nil, nil, container.NewCenter(icon), nil, container.NewVBox(title, sub))
}

func (v *FindingsView) updateRow(id widget.ListItemID, o fyne.CanvasObject) {
	if id >= len(v.items) {
		return
	}
	f := v.items[id]
	l := v.u.loc
	row := o.(*fyne.Container)
	icon := row.Objects[1].(*fyne.Container).Objects[0].(*canvas.Image)
	icon.Resource = findingIcon(f.Severity)
	icon.Refresh()
	texts := row.Objects[0].(*fyne.Container).Objects
	texts[0].(*widget.Label).SetText(l.T(locales.FindingsRowTitle, locales.Args{"Severity": l.SeverityName(f.Severity.String()), "Title": l.RuleTitle(f.Rule)}))
	texts[1].(*widget.Label).SetText(l.T(locales.FindingsRowSub, locales.Args{
		"Subject": f.Subject, "LastSeen": l.Time(f.LastSeen), "State": l.StateName(string(f.State)),
	}))
}

// severityLevel is the light colour a severity is drawn in: its icon has
// that colour's shape too.
func severityLevel(s monitor.Severity) string {
	switch {
	case s >= monitor.SeverityHigh:
		return "red"
	case s == monitor.SeverityMedium:
		return "yellow"
	default:
		return "green"
	}
}

// findingIcon marks a finding in the list: the light's shape and colour
// for medium and above, an information mark below (the green light's tick
// would read as "all is well").
func findingIcon(s monitor.Severity) fyne.Resource {
	if s < monitor.SeverityMedium {
		return theme.InfoIcon()
	}
	return lightIcon(severityLevel(s))
}

func (v *FindingsView) showMessage(text string) {
	v.setDetail([]fyne.CanvasObject{wrappedLabel(v.u.loc, text, fyne.TextStyle{})})
}

// timelineSpan is the span a finding's chart covers: its own, at least an
// hour around it.
func timelineSpan(f monitor.Finding) (time.Time, time.Time) {
	from, to := f.FirstSeen, f.LastSeen
	if d := to.Sub(from); d < time.Hour {
		pad := (time.Hour - d) / 2
		from, to = from.Add(-pad), to.Add(pad)
	}
	return from, to
}

// detailData is what a finding's detail reads from the database: the
// timeline's counts and, for the provider's findings, its texts.
type detailData struct {
	counts []int
	mss    *store.MSSFinding
}

// showDetail shows f at once and its timeline when the events are counted.
func (v *FindingsView) showDetail(f monitor.Finding) {
	v.selected = f.ID
	v.render(f, detailData{})
	from, to := timelineSpan(f)
	load(v.u, func(ctx context.Context) (detailData, error) {
		var d detailData
		if f.Origin != monitor.OriginLocal {
			mf, err := v.u.cfg.Store.MSSFindingOf(ctx, f)
			if err == nil {
				d.mss = &mf
			} else if !errors.Is(err, store.ErrNotFound) {
				return d, err
			}
		}
		counts, err := v.u.cfg.Store.EventCounts(ctx, store.MatchFor(f), from, to, timelineBuckets)
		d.counts = counts
		return d, err
	}, func(d detailData, err error) {
		if v.selected != f.ID {
			return // another finding was opened meanwhile
		}
		if err != nil {
			d.counts = nil
		}
		v.render(f, d)
	})
}

// render draws the detail of f; d.counts nil means the timeline is loading
// or could not be read.
func (v *FindingsView) render(f monitor.Finding, d detailData) {
	l := v.u.loc
	counts := d.counts
	bold := fyne.TextStyle{Bold: true}
	heading := l.RuleTitle(f.Rule)
	explain := l.RuleExplain(f.Rule)
	if d.mss != nil {
		heading = mssText(l, d.mss.Title, heading)
		explain = mssText(l, d.mss.Desc, explain)
	}
	title := widget.NewLabelWithStyle(heading, fyne.TextAlignLeading, bold)
	title.SizeName = theme.SizeNameSubHeadingText
	objs := []fyne.CanvasObject{
		title,
		wrappedLabel(l, l.T(locales.FindingsMeta, locales.Args{
			"Severity": l.SeverityName(f.Severity.String()), "State": l.StateName(string(f.State)), "Origin": l.OriginName(f.Origin),
		}), fyne.TextStyle{}),
		wrappedLabel(l, explain, fyne.TextStyle{}),
	}
	if d.mss != nil && d.mss.Remediation.Ja != "" {
		objs = append(objs, wrappedLabel(l, l.T(locales.FindingsMSSRemediation, locales.Args{"Text": mssText(l, d.mss.Remediation, "")}), fyne.TextStyle{}))
	}
	objs = append(objs,
		widget.NewSeparator(),
		wrappedLabel(l, l.T(locales.FindingsSubject, locales.Args{"Subject": f.Subject}), fyne.TextStyle{}),
		wrappedLabel(l, l.T(locales.FindingsSpan, locales.Args{"First": l.Time(f.FirstSeen), "Last": l.Time(f.LastSeen), "Count": f.Count}), fyne.TextStyle{}),
	)
	for _, e := range []struct {
		msg  *i18n.Message
		list []string
	}{
		{locales.FindingsSources, f.Evidence.Sources},
		{locales.FindingsUsers, f.Evidence.Users},
		{locales.FindingsDestinations, f.Evidence.Destinations},
	} {
		if len(e.list) > 0 {
			objs = append(objs, wrappedLabel(l, l.T(e.msg, locales.Args{"N": len(e.list), "List": listSome(l, e.list)}), fyne.TextStyle{}))
		}
	}

	objs = append(objs, widget.NewLabelWithStyle(l.T(locales.FindingsTimeline, nil), fyne.TextAlignLeading, bold))
	switch total := sum(counts); {
	case counts == nil:
		objs = append(objs, widget.NewLabel(l.T(locales.FindingsTimelineLoading, nil)))
	case total == 0:
		objs = append(objs, wrappedLabel(l, l.T(locales.FindingsTimelineEmpty, nil), fyne.TextStyle{}))
	default:
		from, to := timelineSpan(f)
		peak := 0
		for _, n := range counts {
			peak = max(peak, n)
		}
		step := to.Sub(from) / timelineBuckets
		objs = append(objs, newTimeline(counts, l.Time(from), l.Time(to),
			l.T(locales.FindingsTimelinePeak, locales.Args{"N": peak, "Step": l.Duration(step), "Total": total}),
			levelColor(severityLevel(f.Severity))))
	}

	if len(f.Evidence.Samples) > 0 {
		objs = append(objs, widget.NewLabelWithStyle(l.T(locales.FindingsSamples, nil), fyne.TextAlignLeading, bold))
		for _, s := range f.Evidence.Samples {
			line := widget.NewLabelWithStyle(s, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
			line.Wrapping = fyne.TextWrapBreak
			objs = append(objs, line)
		}
	}

	var buttons []fyne.CanvasObject
	if f.State == monitor.StateOpen {
		buttons = append(buttons, widget.NewButton(l.T(locales.FindingsAcknowledge, nil), func() { v.setState(f, monitor.StateAcknowledged) }))
	}
	if f.State.Active() {
		buttons = append(buttons, widget.NewButton(l.T(locales.FindingsFalsePositive, nil), func() {
			v.confirm(l.T(locales.FindingsFalsePositiveTitle, nil), l.T(locales.FindingsFalsePositiveConfirm, nil),
				func() { v.setState(f, monitor.StateFalsePositive) })
		}))
	}
	for _, a := range v.u.cfg.FindingActions {
		if a.Available == nil || a.Available(f) {
			buttons = append(buttons, widget.NewButton(a.Label, func() { a.Run(f) }))
		}
	}
	if len(buttons) > 0 {
		objs = append(objs, widget.NewSeparator(), container.NewHBox(buttons...))
	}
	v.setDetail(objs)
}

// setDetail replaces the detail. Wrapped labels learn their height only
// once laid out at their width, so the scroll is laid out a second time.
func (v *FindingsView) setDetail(objs []fyne.CanvasObject) {
	v.detail.Objects = objs
	v.detail.Refresh()
	v.scroll.Refresh()
}

// setState moves f to state in the database, then re-reads the list and
// the light.
func (v *FindingsView) setState(f monitor.Finding, state monitor.FindingState) {
	load(v.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, v.u.cfg.Store.SetFindingState(ctx, f.ID, state)
	}, func(_ struct{}, err error) {
		if err != nil {
			v.showMessage(v.u.loc.T(locales.FindingsSaveError, locales.Args{"Err": err}))
			return
		}
		v.reload()
		v.u.refresh()
	})
}

// mssText picks the user's language of a provider's text; def when the
// provider sent none.
func mssText(l *locales.Localizer, t monitor.MSSText, def string) string {
	switch {
	case l.Lang() == locales.English && t.En != "":
		return t.En
	case t.Ja != "":
		return t.Ja
	}
	return def
}

// confirmPopUp asks a yes/no question in a modal pop-up over the window;
// ok runs on yes.
func confirmPopUp(u *UI, title, message string, ok func()) {
	var pop *widget.PopUp
	yes := widget.NewButton(title, func() {
		pop.Hide()
		ok()
	})
	yes.Importance = widget.DangerImportance
	no := widget.NewButton(u.loc.T(locales.ButtonCancel, nil), func() { pop.Hide() })
	text := wrappedLabel(u.loc, message, fyne.TextStyle{})
	box := container.NewVBox(widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), text, container.NewHBox(no, yes))
	pop = widget.NewModalPopUp(container.NewGridWrap(fyne.NewSize(420, 180), box), u.win.Canvas())
	pop.Show()
	u.win.Canvas().Focus(no)
}

func sum(counts []int) int {
	n := 0
	for _, c := range counts {
		n += c
	}
	return n
}

// listSome writes up to maxListed items, then how many more.
func listSome(l *locales.Localizer, items []string) string {
	sep := l.T(locales.ListSeparator, nil)
	if len(items) <= maxListed {
		return strings.Join(items, sep)
	}
	return strings.Join(items[:maxListed], sep) + l.T(locales.ListMore, locales.Args{"N": strconv.Itoa(len(items) - maxListed)})
}

// wrappedLabel is a label that wraps to its width: Japanese, written
// without spaces, between any two characters; English between words.
// wrappedCheck is a check box whose text wraps as wrappedLabel's does (a
// Check's own text runs off a narrow window): the box, and the row that
// shows it with its text.
func wrappedCheck(l *locales.Localizer, text string, changed func(bool)) (*widget.Check, fyne.CanvasObject) {
	c := widget.NewCheck("", changed)
	return c, container.NewBorder(nil, nil, container.NewVBox(c), nil, wrappedLabel(l, text, fyne.TextStyle{}))
}

func wrappedLabel(l *locales.Localizer, text string, style fyne.TextStyle) *widget.Label {
	w := widget.NewLabelWithStyle(text, fyne.TextAlignLeading, style)
	w.Wrapping = fyne.TextWrapWord
	if l.Lang() == locales.Japanese {
		w.Wrapping = fyne.TextWrapBreak
	}
	return w
}
