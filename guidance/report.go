package guidance

import (
	"slices"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// DayLight is the light of one day of a report's month: the worst that
// the findings with evidence on that day would have set.
type DayLight struct {
	Day   time.Time     `json:"day"`
	Level monitor.Level `json:"level"`
	// Findings counts the findings with evidence that day.
	Findings int `json:"findings"`
	// Future marks days after the report was made.
	Future bool `json:"future,omitempty"`
}

// Progress says where the response to a finding stands.
type Progress string

// Where a finding's response stands.
const (
	ProgressResolved   Progress = "resolved"    // the finding was closed
	ProgressDone       Progress = "done"        // every wizard step done and verified
	ProgressHandedOver Progress = "handed_over" // steps handed to the MSS or vendor
	ProgressStarted    Progress = "started"     // the wizard was begun
	ProgressNotStarted Progress = "not_started"
)

// FindingLine is one finding of the month with what was done about it.
type FindingLine struct {
	Finding  monitor.Finding `json:"finding"`
	Title    Text            `json:"title"`
	Progress Progress        `json:"progress"`
	// StepsDone and Steps count the playbook's steps.
	StepsDone int `json:"steps_done"`
	Steps     int `json:"steps"`
}

// MonthlyReport is the model of the monthly management report.
type MonthlyReport struct {
	Month      time.Time               `json:"month"`
	Generated  time.Time               `json:"generated"`
	Days       []DayLight              `json:"days"`
	Findings   []FindingLine           `json:"findings"`
	Checklists []Result                `json:"checklists"`
	History    []monitor.ScoreSnapshot `json:"history"`
	// Next are the top three things to do, in order.
	Next []Task `json:"next"`
}

// MonthlyInput is what BuildMonthly reads; the caller loads it from the
// store.
type MonthlyInput struct {
	// Month is any time in the month, in the zone the report is for.
	Month time.Time
	Now   time.Time
	// Findings overlapping the month, any state; Active are the ones
	// active now (for the next actions).
	Findings []monitor.Finding
	Active   []monitor.Finding
	Wizards  []monitor.WizardProgress
	Results  []Result
	History  []monitor.ScoreSnapshot
}

// BuildMonthly makes the monthly report's model.
func (l *Library) BuildMonthly(in MonthlyInput) MonthlyReport {
	loc := in.Month.Location()
	start := time.Date(in.Month.Year(), in.Month.Month(), 1, 0, 0, 0, 0, loc)
	end := start.AddDate(0, 1, 0)
	r := MonthlyReport{Month: start, Generated: in.Now, Checklists: in.Results, History: in.History}
	for day := start; day.Before(end); day = day.AddDate(0, 0, 1) {
		next := day.AddDate(0, 0, 1)
		d := DayLight{Day: day, Future: !day.Before(in.Now)}
		for _, f := range in.Findings {
			if f.FirstSeen.Before(next) && !f.LastSeen.Before(day) {
				d.Findings++
				switch {
				case f.Severity >= monitor.SeverityHigh:
					d.Level = max(d.Level, monitor.LevelRed)
				case f.Severity == monitor.SeverityMedium:
					d.Level = max(d.Level, monitor.LevelYellow)
				}
			}
		}
		r.Days = append(r.Days, d)
	}
	wizards := map[string]monitor.WizardProgress{}
	for _, w := range in.Wizards {
		wizards[w.Playbook+"/"+w.Subject] = w
	}
	for _, f := range in.Findings {
		line := FindingLine{Finding: f, Progress: ProgressNotStarted}
		id := f.Playbook
		if id == "" {
			id = PlaybookFor(f.Rule)
		}
		pb, ok := l.Playbook(id)
		if ok {
			line.Title, line.Steps = pb.Title, len(pb.Steps)
			if p, found := wizards[pb.ID+"/"+SubjectFor(f)]; found {
				w := &Wizard{Playbook: pb, Progress: p, Finding: f}
				for _, s := range pb.Steps {
					if o := w.Outcome(s.ID); o == OutcomeVerified || (o == OutcomeDone && s.Verify == nil) {
						line.StepsDone++
					}
				}
				switch {
				case w.Done():
					line.Progress = ProgressDone
				case len(w.HandedOver()) > 0:
					line.Progress = ProgressHandedOver
				default:
					line.Progress = ProgressStarted
				}
			}
		} else {
			line.Title = Text{Ja: f.Rule, En: f.Rule}
		}
		if !f.State.Active() {
			line.Progress = ProgressResolved
		}
		r.Findings = append(r.Findings, line)
	}
	slices.SortStableFunc(r.Findings, func(a, b FindingLine) int { return int(b.Finding.Severity) - int(a.Finding.Severity) })
	next := l.Prioritize(in.Active, in.Results)
	r.Next = next[:min(3, len(next))]
	return r
}
