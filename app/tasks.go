package app

import (
	"context"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// topTasks is how many actions いまやること lists.
const topTasks = 3

// todo is what いまやること shows: the light's level (red offers the
// incident wizard first) and the top tasks.
type todo struct {
	red   bool
	tasks []guidance.Task
}

// reloadTasks works out いまやること off the UI goroutine: the guidance
// priority order over the active findings and the hardening tasks behind
// checklist answers other than yes.
func (u *UI) reloadTasks() {
	if u.guide == nil {
		return
	}
	g := u.cfg.Guidance
	now := u.cfg.Now()
	load(u, func(ctx context.Context) (todo, error) {
		active, err := u.cfg.Store.Findings(ctx, store.ActiveFilter)
		if err != nil {
			return todo{}, err
		}
		results, err := g.Checklists(ctx, now)
		if err != nil {
			return todo{}, err
		}
		t := todo{tasks: g.Library.Prioritize(active, results)}
		for _, f := range active {
			t.red = t.red || (f.Severity >= monitor.SeverityHigh && f.State == monitor.StateOpen)
		}
		if t.red { // the incident wizard is offered above the tasks
			t.tasks = slices.DeleteFunc(t.tasks, func(k guidance.Task) bool { return k.Playbook == guidance.PlaybookIncidentResponse })
		}
		t.tasks = t.tasks[:min(topTasks, len(t.tasks))]
		return t, nil
	}, u.showTasks)
}

// showTasks puts いまやること on the status screen: each task with its
// one-sentence reason and a button to its wizard.
func (u *UI) showTasks(t todo, err error) {
	l := u.loc
	lang := guideLang(l)
	lib := u.cfg.Guidance.Library
	objs := []fyne.CanvasObject{widget.NewLabelWithStyle(l.T(locales.TodoHeading, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})}
	if pb, ok := lib.Playbook(guidance.PlaybookIncidentResponse); ok && t.red {
		open := widget.NewButton(l.T(locales.GuideIncidentOpen, nil), func() { u.openWizard(pb, monitor.Finding{}) })
		open.Importance = widget.DangerImportance
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewVBox(open),
			wrappedLabel(l, l.T(locales.TodoIncident, nil), fyne.TextStyle{})))
	}
	switch {
	case err != nil:
		objs = append(objs, wrappedLabel(l, l.T(locales.TodoLoadError, locales.Args{"Err": err}), fyne.TextStyle{}))
	case len(t.tasks) == 0:
		objs = append(objs, wrappedLabel(l, l.T(locales.TodoNone, nil), fyne.TextStyle{}))
	}
	for i, task := range t.tasks {
		pb, ok := lib.Playbook(task.Playbook)
		if !ok {
			continue
		}
		title := l.T(locales.TodoTitle, locales.Args{"N": i + 1, "Title": task.Title.In(lang)})
		if task.FindingID != 0 {
			title = l.T(locales.TodoTitleFinding, locales.Args{"N": i + 1, "Title": task.Title.In(lang), "Subject": task.Finding.Subject})
		}
		f := task.Finding
		open := widget.NewButton(l.T(locales.TodoOpen, nil), func() { u.openWizard(pb, f) })
		if i == 0 {
			open.Importance = widget.HighImportance
		}
		objs = append(objs, container.NewBorder(nil, nil, nil, container.NewVBox(open), container.NewVBox(
			wrappedLabel(l, title, fyne.TextStyle{Bold: true}),
			wrappedLabel(l, task.Reason.In(lang), fyne.TextStyle{}),
		)))
	}
	u.view.showTodo(objs)
}
