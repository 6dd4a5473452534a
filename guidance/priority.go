package guidance

import (
	"cmp"
	"slices"

	"github.com/kizuki-app/kizuki/monitor"
)

// Task is one thing to do, from a finding or from a checklist answer.
type Task struct {
	// Playbook is the id of the playbook that says how.
	Playbook string `json:"playbook"`
	// Finding is the finding it answers; zero for hardening tasks.
	Finding monitor.Finding `json:"-"`
	// FindingID is Finding.ID, 0 for hardening tasks.
	FindingID int64 `json:"finding_id,omitempty"`
	// Items are the checklist items ("checklist/item") that asked for it.
	Items []string `json:"items,omitempty"`
	Title Text     `json:"title"`
	// Reason is why it comes where it does, in one sentence.
	Reason Text `json:"reason"`
	// Severity, Impact and Ease (1–5 each) multiply into Score.
	Severity int `json:"severity"`
	Impact   int `json:"impact"`
	Ease     int `json:"ease"`
	Score    int `json:"score"`
}

// findingWeight is a finding's severity on the 1–5 scale; an acknowledged
// finding (seen, fix under way) weighs one less.
func findingWeight(f monitor.Finding) int {
	w := int(f.Severity) + 1
	if f.State == monitor.StateAcknowledged {
		w--
	}
	return max(w, 1)
}

// answerWeight is how pressing a checklist gap is: "don't know" is worse
// than "no" (nobody is looking), "partly" is half-way.
func answerWeight(a Answer) int {
	switch a {
	case AnswerUnknown:
		return 3
	case AnswerNo:
		return 3
	case AnswerPartial:
		return 2
	}
	return 0
}

// Prioritize orders what to do: active findings and the hardening
// playbooks behind checklist items not answered yes, by severity ×
// business impact × ease (the weakest point with the biggest impact and
// the lightest fix first, as the seed talk puts it). Ties go to findings,
// then the more recent, then by playbook id. Findings with no playbook and
// resolved ones are left out.
func (l *Library) Prioritize(findings []monitor.Finding, results []Result) []Task {
	var tasks []Task
	for _, f := range findings {
		if !f.State.Active() {
			continue
		}
		id := f.Playbook
		if id == "" {
			id = PlaybookFor(f.Rule)
		}
		pb, ok := l.Playbook(id)
		if !ok {
			continue
		}
		t := Task{Playbook: pb.ID, Finding: f, FindingID: f.ID, Title: pb.Title, Reason: pb.Reason,
			Severity: findingWeight(f), Impact: pb.Impact, Ease: pb.Ease}
		tasks = append(tasks, t)
	}
	hardening := map[string]*Task{}
	var order []string
	for _, r := range results {
		for _, ir := range r.Items {
			w := answerWeight(ir.Answer)
			if ir.Item.Playbook == "" || w == 0 {
				continue
			}
			pb, ok := l.Playbook(ir.Item.Playbook)
			if !ok {
				continue
			}
			t, seen := hardening[pb.ID]
			if !seen {
				t = &Task{Playbook: pb.ID, Title: pb.Title, Reason: pb.Reason, Impact: pb.Impact, Ease: pb.Ease}
				hardening[pb.ID] = t
				order = append(order, pb.ID)
			}
			t.Severity = max(t.Severity, w)
			t.Items = append(t.Items, r.Checklist.ID+"/"+ir.Item.ID)
		}
	}
	for _, id := range order {
		tasks = append(tasks, *hardening[id])
	}
	for i := range tasks {
		tasks[i].Score = tasks[i].Severity * tasks[i].Impact * tasks[i].Ease
	}
	slices.SortStableFunc(tasks, func(a, b Task) int {
		return cmp.Or(
			cmp.Compare(b.Score, a.Score),
			cmp.Compare(hardeningRank(a), hardeningRank(b)),
			b.Finding.LastSeen.Compare(a.Finding.LastSeen),
			cmp.Compare(a.Playbook, b.Playbook),
		)
	})
	return tasks
}

// hardeningRank puts findings (0) before hardening tasks (1).
func hardeningRank(t Task) int {
	if t.FindingID != 0 {
		return 0
	}
	return 1
}
