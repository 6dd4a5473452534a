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
	"github.com/kizuki-app/kizuki/guidance/report"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
)

// historyDays is how far back the score chart looks.
const historyDays = 365

// historyBars bounds the bars of the score chart: the latest scores.
const historyBars = 24

// reportFormats are the formats offered for the reports, in the order of
// their choices.
var reportFormats = []report.Format{report.PDF, report.HTML}

// checklistView is the チェックリスト screen: the checklists (IPA's 25
// questions, SECURITY ACTION, insurance readiness, cloud) with their
// scores; the one chosen with its items, answered in place, the evidence
// Kizuki filled in marked as such, the advice, the score's history and the
// report exports.
type checklistView struct {
	u        *UI
	results  []guidance.Result
	history  []monitor.ScoreSnapshot
	selected string

	nav    *fyne.Container
	detail *fyne.Container
	scroll *container.Scroll
	month  *widget.Select
	format *widget.Select
	saved  *widget.Label
	// radios are the answer choices of the items shown, by item id.
	radios  map[string]*widget.RadioGroup
	content fyne.CanvasObject
}

// checklistData is what the screen reads off the UI goroutine.
type checklistData struct {
	results []guidance.Result
	history []monitor.ScoreSnapshot
}

func newChecklistView(u *UI) *checklistView {
	l := u.loc
	v := &checklistView{u: u, nav: container.NewVBox(), detail: container.NewVBox(), selected: guidance.SelfDiagnosisID, radios: map[string]*widget.RadioGroup{}}
	v.month = widget.NewSelect(nil, nil)
	v.format = widget.NewSelect([]string{l.T(locales.ChecklistFormatPDF, nil), l.T(locales.ChecklistFormatHTML, nil)}, nil)
	v.format.SetSelectedIndex(0)
	v.saved = wrappedLabel(l, "", fyne.TextStyle{})
	// The checklists are listed above the one shown, not beside it: their
	// titles are long, and the items need the width.
	v.scroll = container.NewVScroll(container.NewPadded(container.NewVBox(v.nav, widget.NewSeparator(), v.detail)))
	v.content = v.scroll
	return v
}

// reload re-reads the scores and their history, off the UI goroutine.
func (v *checklistView) reload() {
	g := v.u.cfg.Guidance
	now := v.u.cfg.Now()
	load(v.u, func(ctx context.Context) (checklistData, error) {
		results, err := g.Checklists(ctx, now)
		if err != nil {
			return checklistData{}, err
		}
		history, err := g.ScoreHistory(ctx, now.AddDate(0, 0, -historyDays), now.Add(time.Second))
		return checklistData{results: results, history: history}, err
	}, func(d checklistData, err error) {
		if err != nil {
			v.detail.Objects = []fyne.CanvasObject{wrappedLabel(v.u.loc, v.u.loc.T(locales.ChecklistLoadError, locales.Args{"Err": err}), fyne.TextStyle{})}
			v.detail.Refresh()
			return
		}
		v.results, v.history = d.results, d.history
		v.render()
	})
}

// choose shows the checklist with the given id.
func (v *checklistView) choose(id string) {
	v.selected = id
	v.saved.SetText("")
	v.render()
	v.scroll.ScrollToTop()
}

// render draws the list of checklists and the chosen one.
func (v *checklistView) render() {
	l := v.u.loc
	lang := guideLang(l)
	v.nav.RemoveAll()
	var shown *guidance.Result
	for i, r := range v.results {
		text := l.T(locales.ChecklistNavUnanswered, locales.Args{"Title": r.Checklist.Title.In(lang)})
		if r.Assessed() {
			text = l.T(locales.ChecklistNav, locales.Args{"Title": r.Checklist.Title.In(lang), "Score": r.Score})
		}
		id := r.Checklist.ID
		b := widget.NewButton(text, func() { v.choose(id) })
		b.Alignment = widget.ButtonAlignLeading
		b.Importance = widget.LowImportance
		if id == v.selected {
			b.Importance = widget.HighImportance
			shown = &v.results[i]
		}
		v.nav.Add(b)
	}
	if shown == nil && len(v.results) > 0 {
		v.selected = v.results[0].Checklist.ID
		v.render()
		return
	}
	if shown == nil {
		return
	}
	v.detail.Objects = v.checklist(*shown)
	v.detail.Refresh()
	v.scroll.Refresh()
}

// checklist is what one checklist shows.
func (v *checklistView) checklist(r guidance.Result) []fyne.CanvasObject {
	l := v.u.loc
	lang := guideLang(l)
	bold := fyne.TextStyle{Bold: true}
	c := r.Checklist
	title := wrappedLabel(l, c.Title.In(lang), bold)
	title.SizeName = theme.SizeNameSubHeadingText
	objs := []fyne.CanvasObject{
		title,
		wrappedLabel(l, c.Intro.In(lang), fyne.TextStyle{}),
		wrappedLabel(l, l.T(locales.ChecklistScore, locales.Args{
			"Score": r.Score, "Band": r.Band.Label.In(lang), "Answered": r.Answered, "Items": len(r.Items),
		}), bold),
		wrappedLabel(l, r.Band.Next.In(lang), fyne.TextStyle{}),
	}
	objs = append(objs, v.historyChart(c.ID)...)
	objs = append(objs, v.exports()...)
	v.radios = map[string]*widget.RadioGroup{}
	i := 0
	n := 0
	for _, p := range c.Parts {
		objs = append(objs, widget.NewSeparator(), widget.NewLabelWithStyle(p.Title.In(lang), fyne.TextAlignLeading, bold))
		for range p.Items {
			n++
			objs = append(objs, v.item(c, r.Items[i], n)...)
			i++
		}
	}
	objs = append(objs, widget.NewSeparator(),
		wrappedLabel(l, strings.TrimSpace(l.T(locales.ChecklistSource, locales.Args{"Source": c.Source.In(lang), "URL": c.SourceURL})), fyne.TextStyle{}))
	if t := c.Template.In(lang); t != "" {
		tmpl := widget.NewLabel(t)
		tmpl.Wrapping = wrappedLabel(l, "", fyne.TextStyle{}).Wrapping
		objs = append(objs, widget.NewAccordion(widget.NewAccordionItem(l.T(locales.ChecklistTemplate, nil), tmpl)))
	}
	return objs
}

// answerMessages are the answers' words, in the order of guidance.Answers.
var answerMessages = []*i18n.Message{locales.AnswerYes, locales.AnswerPartial, locales.AnswerNo, locales.AnswerUnknown}

// item is one question: its answer choices, the evidence for the answer
// (Kizuki's pre-filled answer says so), the advice unless the answer is
// yes, and the wizard that fixes a gap.
func (v *checklistView) item(c *guidance.Checklist, ir guidance.ItemResult, n int) []fyne.CanvasObject {
	l := v.u.loc
	lang := guideLang(l)
	words := make([]string, len(answerMessages))
	for i, m := range answerMessages {
		words[i] = l.T(m, nil)
	}
	radio := widget.NewRadioGroup(words, nil)
	radio.Horizontal = true
	if i := slices.Index(guidance.Answers, ir.Answer); i >= 0 {
		radio.SetSelected(words[i])
		radio.Required = true // an answer is changed, not taken back
	}
	it := ir.Item
	radio.OnChanged = func(word string) {
		if i := slices.Index(words, word); i >= 0 && guidance.Answers[i] != ir.Answer {
			v.answer(c, it, guidance.Answers[i])
		}
	}
	v.radios[it.ID] = radio
	objs := []fyne.CanvasObject{
		wrappedLabel(l, l.T(locales.ChecklistItem, locales.Args{"N": n, "Text": it.Text.In(lang)}), fyne.TextStyle{}),
		radio,
	}
	if ev := ir.Evidence.In(lang); ev != "" {
		msg := locales.ChecklistNote
		switch {
		case ir.Prefilled:
			msg = locales.ChecklistPrefilled
		case it.Fact != "":
			msg = locales.ChecklistEvidence
		}
		note := wrappedLabel(l, l.T(msg, locales.Args{"Evidence": ev}), fyne.TextStyle{Italic: ir.Prefilled})
		objs = append(objs, note)
	}
	if ir.Answer != guidance.AnswerYes {
		objs = append(objs, wrappedLabel(l, l.T(locales.ChecklistAdvice, locales.Args{"Advice": it.Advice.In(lang)}), fyne.TextStyle{}))
		if pb, ok := v.u.cfg.Guidance.Library.Playbook(it.Playbook); ok && ir.Answer != "" {
			objs = append(objs, container.NewHBox(widget.NewButton(l.T(locales.ChecklistFix, locales.Args{"Title": pb.Title.In(lang)}), func() {
				v.u.openWizard(pb, monitor.Finding{})
			})))
		}
	}
	return objs
}

// answer stores the owner's answer off the UI goroutine, then shows the
// new score and refreshes the readiness beside the light and いまやること.
func (v *checklistView) answer(c *guidance.Checklist, it guidance.Item, a guidance.Answer) {
	at := v.u.cfg.Now()
	load(v.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, v.u.cfg.Guidance.Answer(ctx, monitor.ChecklistAnswer{Checklist: c.ID, Item: it.ID, Answer: string(a), At: at})
	}, func(_ struct{}, err error) {
		if err != nil {
			v.saved.SetText(v.u.loc.T(locales.ChecklistAnswerError, locales.Args{"Err": err}))
			return
		}
		v.reload()
		v.u.refresh()
		v.u.reloadTasks()
	})
}

// historyChart draws the checklist's recorded scores as bars out of 100.
func (v *checklistView) historyChart(id string) []fyne.CanvasObject {
	l := v.u.loc
	var scores []int
	var times []time.Time
	for _, s := range v.history {
		if s.Checklist == id {
			scores = append(scores, s.Score)
			times = append(times, s.At)
		}
	}
	heading := widget.NewLabelWithStyle(l.T(locales.ChecklistHistory, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	if len(scores) == 0 {
		return []fyne.CanvasObject{heading, wrappedLabel(l, l.T(locales.ChecklistHistoryNone, nil), fyne.TextStyle{})}
	}
	if len(scores) > historyBars {
		scores, times = scores[len(scores)-historyBars:], times[len(times)-historyBars:]
	}
	best := slices.Max(scores)
	label := l.T(locales.ChecklistHistoryLabel, locales.Args{"Last": scores[len(scores)-1], "Best": best, "N": len(scores)})
	return []fyne.CanvasObject{heading, newScoreChart(scores, l.Time(times[0]), l.Time(times[len(times)-1]), label)}
}

// exports are the report buttons: the monthly report (last month or this
// month so far) and the insurance readiness report, PDF or HTML.
func (v *checklistView) exports() []fyne.CanvasObject {
	l := v.u.loc
	now := v.u.cfg.Now().In(l.Zone())
	this := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, l.Zone())
	months := []time.Time{this.AddDate(0, -1, 0), this}
	v.month.Options = []string{
		l.T(locales.ChecklistMonthLast, locales.Args{"Month": months[0].Format("2006-01")}),
		l.T(locales.ChecklistMonthThis, locales.Args{"Month": months[1].Format("2006-01")}),
	}
	if v.month.SelectedIndex() < 0 {
		v.month.SetSelectedIndex(0)
	}
	v.month.Refresh()
	monthly := widget.NewButton(l.T(locales.ChecklistSaveMonthly, nil), func() {
		m := months[max(v.month.SelectedIndex(), 0)]
		v.saveReport(ReportRequest{Kind: ReportMonthly, Month: m}, "kizuki-monthly-"+m.Format("2006-01"))
	})
	insurance := widget.NewButton(l.T(locales.ChecklistSaveInsurance, nil), func() {
		v.saveReport(ReportRequest{Kind: ReportInsurance}, "kizuki-insurance-"+now.Format(time.DateOnly))
	})
	return []fyne.CanvasObject{
		widget.NewLabelWithStyle(l.T(locales.ChecklistReports, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewGridWithColumns(2, v.month, v.format),
		container.NewHBox(monthly, insurance),
		v.saved,
	}
}

// saveReport asks where to save the report and writes it with the same
// code as `kizuki report`.
func (v *checklistView) saveReport(r ReportRequest, base string) {
	l := v.u.loc
	r.Format = reportFormats[max(v.format.SelectedIndex(), 0)]
	r.Now = v.u.cfg.Now()
	r.Lang = guideLang(l)
	name := base + "." + string(r.Format)
	v.u.saveFile(name, func(ctx context.Context, w io.Writer) error {
		return v.u.cfg.Guidance.Report(ctx, w, r)
	}, func(err error) {
		if err != nil {
			v.saved.SetText(l.T(locales.ChecklistSaveError, locales.Args{"Err": err}))
			return
		}
		v.saved.SetText(l.T(locales.ChecklistSaved, locales.Args{"Name": name}))
	})
}
