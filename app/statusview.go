package app

import (
	"reflect"
	"slices"
	"strconv"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// lightSize is the side of the big traffic light in the status view.
const lightSize = 120

// StatusView shows the traffic light large, with its word, a one-line
// summary and the reasons in plain language. The colour is always told by
// shape and word as well.
type StatusView struct {
	loc *locales.Localizer

	light   *canvas.Image
	word    *canvas.Text
	summary *widget.Label
	reasons *fyne.Container
	sources *fyne.Container
	updated *widget.Label
	content fyne.CanvasObject

	// readiness is the preparedness score beside the light, in the
	// text colour: it never colours the light.
	readiness      *fyne.Container
	readinessScore *canvas.Text
	readinessNote  *widget.Label
	// todo is いまやること, filled by the guidance core; hidden when empty.
	todo *fyne.Container

	shown       *status.Status // what is on screen, to skip redrawing the same
	sourceLines []string
}

// NewStatusView builds the view; call Show to fill it.
func NewStatusView(loc *locales.Localizer) *StatusView {
	v := &StatusView{loc: loc}
	v.light = canvas.NewImageFromResource(lightIcon("yellow"))
	v.light.FillMode = canvas.ImageFillContain
	v.light.SetMinSize(fyne.NewSquareSize(lightSize))
	v.word = canvas.NewText("", levelColor("yellow"))
	v.word.TextSize = 40
	v.word.TextStyle = fyne.TextStyle{Bold: true}
	v.summary = v.wrapped("", fyne.TextStyle{})
	v.reasons = container.NewVBox()
	v.sources = container.NewVBox()
	v.updated = widget.NewLabel("")
	v.updated.Importance = widget.LowImportance

	v.readinessScore = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	v.readinessScore.TextSize = 28
	v.readinessScore.TextStyle = fyne.TextStyle{Bold: true}
	v.readinessScore.Alignment = fyne.TextAlignCenter
	v.readinessNote = widget.NewLabel("")
	v.readinessNote.Alignment = fyne.TextAlignCenter
	v.readinessNote.Importance = widget.LowImportance
	v.readiness = container.NewVBox(layout.NewSpacer(),
		widget.NewLabelWithStyle(loc.T(locales.StatusReadiness, nil), fyne.TextAlignCenter, fyne.TextStyle{Bold: true}),
		v.readinessScore, v.readinessNote, layout.NewSpacer())
	v.readiness.Hide()
	v.todo = container.NewVBox()
	v.todo.Hide()

	header := container.NewBorder(nil, nil, v.light, v.readiness,
		container.NewVBox(layout.NewSpacer(), v.word, v.summary, layout.NewSpacer()))
	heading := widget.NewLabelWithStyle(loc.T(locales.AppReasonsHeader, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.content = container.NewBorder(
		container.NewVBox(header, widget.NewSeparator()),
		v.updated, nil, nil,
		container.NewVScroll(container.NewVBox(v.todo, heading, v.reasons, widget.NewSeparator(),
			widget.NewLabelWithStyle(loc.T(locales.AppSourcesHeader, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
			v.sources)))
	return v
}

// Content is the view's root object.
func (v *StatusView) Content() fyne.CanvasObject { return v.content }

// Show puts st on screen; at is when it was read. Call it on the UI
// goroutine (inside fyne.Do from elsewhere).
func (v *StatusView) Show(st status.Status, at time.Time) {
	if u := v.loc.T(locales.AppUpdated, locales.Args{"Time": v.loc.Time(at)}); u != v.updated.Text {
		v.updated.SetText(u)
	}
	v.showSources(st, at)
	if v.shown != nil && reflect.DeepEqual(*v.shown, st) {
		return
	}
	v.shown = &st
	v.showReadiness(st.Readiness)
	level := st.Level.String()
	v.light.Resource = lightIcon(level)
	v.light.Refresh()
	v.word.Text = v.loc.LevelWord(level)
	v.word.Color = levelColor(level)
	v.word.Refresh()
	v.summary.SetText(v.loc.LevelSummary(level))

	v.reasons.RemoveAll()
	if len(st.Reasons) == 0 {
		v.reasons.Add(v.wrapped(v.loc.T(locales.AppNoReasons, nil), fyne.TextStyle{}))
	}
	for _, r := range st.Reasons {
		title, detail := v.loc.Reason(r.Code, r.Args)
		icon := canvas.NewImageFromResource(lightIcon(r.Level.String()))
		icon.FillMode = canvas.ImageFillContain
		icon.SetMinSize(fyne.NewSquareSize(24))
		text := container.NewVBox(v.wrapped(title, fyne.TextStyle{Bold: true}))
		if detail != "" {
			text.Add(v.wrapped(detail, fyne.TextStyle{}))
		}
		v.reasons.Add(container.NewBorder(nil, nil, container.NewVBox(icon), nil, text))
	}
}

// showSources says, per source, how fresh its data is ("「FGT60F」から 2
// 分前に受信"), and what was lost. It changes with the clock, so it is
// redrawn only when its text changes.
func (v *StatusView) showSources(st status.Status, at time.Time) {
	var lines []string
	if len(st.Sources) == 0 {
		lines = append(lines, v.loc.T(locales.AppSourcesNone, nil))
	}
	for _, src := range st.Sources {
		line := v.loc.T(locales.AppSourceNever, locales.Args{"Name": src.Name})
		if src.LastSeen != nil {
			line = v.loc.T(locales.AppSourceFresh, locales.Args{"Name": src.Name, "Ago": v.loc.Duration(at.Sub(*src.LastSeen))})
		}
		if src.Rate > 0 {
			line += v.loc.T(locales.AppSourceRate, locales.Args{"Rate": strconv.FormatFloat(src.Rate, 'f', -1, 64)})
		}
		if d := v.loc.DropList(src.Dropped); d != "" {
			line += "\n" + v.loc.T(locales.AppDropped, locales.Args{"List": d})
		}
		lines = append(lines, line)
	}
	if d := v.loc.DropList(st.Dropped); d != "" {
		lines = append(lines, v.loc.T(locales.AppDroppedOther, locales.Args{"List": d}))
	}
	if slices.Equal(lines, v.sourceLines) {
		return
	}
	v.sourceLines = lines
	v.sources.RemoveAll()
	for _, l := range lines {
		v.sources.Add(v.wrapped(l, fyne.TextStyle{}))
	}
}

// showReadiness puts the readiness score beside the light once a
// checklist has been answered.
func (v *StatusView) showReadiness(r status.Readiness) {
	if !r.Assessed {
		v.readiness.Hide()
		return
	}
	v.readinessScore.Text = v.loc.T(locales.StatusReadinessScore, locales.Args{"Score": r.Score})
	v.readinessScore.Refresh()
	v.readinessNote.SetText(v.loc.T(locales.StatusReadinessNote, locales.Args{"Count": len(r.Checklists)}))
	v.readiness.Show()
}

// showTodo shows いまやること: its heading and rows, then a separator.
func (v *StatusView) showTodo(objs []fyne.CanvasObject) {
	v.todo.Objects = append(objs, widget.NewSeparator())
	v.todo.Show()
	v.todo.Refresh()
}

// ShowError says the status could not be read, keeping what was shown.
func (v *StatusView) ShowError(err error) {
	v.shown = nil
	v.light.Resource = lightIcon("yellow")
	v.light.Refresh()
	v.word.Text = v.loc.LevelWord("yellow")
	v.word.Color = levelColor("yellow")
	v.word.Refresh()
	v.summary.SetText(v.loc.T(locales.AppStatusError, locales.Args{"Err": err}))
}

// wrapped is a label that wraps to the window.
func (v *StatusView) wrapped(text string, style fyne.TextStyle) *widget.Label {
	return wrappedLabel(v.loc, text, style)
}
