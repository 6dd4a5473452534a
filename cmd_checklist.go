package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runChecklist lists, shows and answers the checklists: `checklist list
// [--json]`, `checklist show ID [--json]`, `checklist answer ID ITEM
// yes|partial|no|unknown [--note TEXT]`. Each answer is kept (history) and
// the checklist's new score is recorded, so scores can be shown over time.
func runChecklist(e *env) int {
	usage := func() int {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIChecklistUsage, nil))
		return 2
	}
	args := e.inv.args
	if len(args) == 0 {
		return usage()
	}
	switch {
	case args[0] == "list" && len(args) == 1, args[0] == "show" && len(args) == 2, args[0] == "answer" && len(args) == 4:
	default:
		return usage()
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	lib, results, err := loadChecklists(ctx, st, path, e.now())
	if err != nil {
		return e.fail(locales.CLIChecklistFailed, locales.Args{"Err": err})
	}
	find := func(id string) (guidance.Result, bool) {
		for _, r := range results {
			if r.Checklist.ID == id {
				return r, true
			}
		}
		return guidance.Result{}, false
	}
	switch args[0] {
	case "list":
		if e.inv.has("json") {
			return printJSON(e, checklistsJSON(e, results))
		}
		for _, r := range results {
			printChecklistLine(e, r)
		}
		return 0
	case "show":
		r, ok := find(args[1])
		if !ok {
			return e.fail(locales.CLIChecklistNotFound, locales.Args{"ID": args[1]})
		}
		if e.inv.has("json") {
			return printJSON(e, checklistJSON(e, r))
		}
		showChecklist(e, r)
		return 0
	}
	// answer ID ITEM ANSWER
	c, ok := lib.Checklist(args[1])
	if !ok {
		return e.fail(locales.CLIChecklistNotFound, locales.Args{"ID": args[1]})
	}
	answer, err := guidance.ParseAnswer(args[3])
	if err != nil {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIChecklistBadAnswer, locales.Args{"Value": args[3]}))
		return 2
	}
	item, ok := checklistItem(c, args[2])
	if !ok {
		return e.fail(locales.CLIChecklistNoItem, locales.Args{"ID": c.ID, "Item": args[2]})
	}
	r, err := recordAnswer(ctx, st, path, monitor.ChecklistAnswer{
		Checklist: c.ID, Item: item.ID, Answer: string(answer), Note: e.inv.flags["note"], At: e.now(),
	})
	if err != nil {
		return e.fail(locales.CLIChecklistFailed, locales.Args{"Err": err})
	}
	lang := guideLang(e.loc)
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIChecklistAnswered, locales.Args{
		"Item": item.Text.In(lang), "Answer": answerWord(e.loc, answer),
	}))
	printChecklistLine(e, r)
	return 0
}

func checklistItem(c *guidance.Checklist, id string) (guidance.Item, bool) {
	for _, it := range c.Items() {
		if it.ID == id {
			return it, true
		}
	}
	return guidance.Item{}, false
}

func printJSON(e *env, v any) int {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return e.fail(locales.CLIChecklistFailed, locales.Args{"Err": err})
	}
	return 0
}

// checklistOut is the JSON form of a scored checklist.
type checklistOut struct {
	ID        string    `json:"id"`
	Title     string    `json:"title"`
	Items     []itemOut `json:"items"`
	Score     int       `json:"score"`
	Band      string    `json:"band"`
	BandLabel string    `json:"band_label"`
	Answered  int       `json:"answered"`
}

type itemOut struct {
	ID        string `json:"id"`
	Part      string `json:"part"`
	Text      string `json:"text"`
	Answer    string `json:"answer"`
	Evidence  string `json:"evidence"`
	Prefilled bool   `json:"prefilled"`
	Playbook  string `json:"playbook,omitempty"`
}

func checklistsJSON(e *env, results []guidance.Result) []checklistOut {
	out := make([]checklistOut, 0, len(results))
	for _, r := range results {
		out = append(out, checklistJSON(e, r))
	}
	return out
}

func checklistJSON(e *env, r guidance.Result) checklistOut {
	lang := guideLang(e.loc)
	c := checklistOut{ID: r.Checklist.ID, Title: r.Checklist.Title.In(lang), Items: []itemOut{},
		Score: r.Score, Band: r.Band.ID, BandLabel: r.Band.Label.In(lang), Answered: r.Answered}
	i := 0
	for _, p := range r.Checklist.Parts {
		for range p.Items {
			ir := r.Items[i]
			i++
			c.Items = append(c.Items, itemOut{ID: ir.Item.ID, Part: p.ID, Text: ir.Item.Text.In(lang), Answer: string(ir.Answer),
				Evidence: ir.Evidence.In(lang), Prefilled: ir.Prefilled, Playbook: ir.Item.Playbook})
		}
	}
	return c
}

func printChecklistLine(e *env, r guidance.Result) {
	lang := guideLang(e.loc)
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIChecklistLine, locales.Args{
		"ID": r.Checklist.ID, "Title": r.Checklist.Title.In(lang), "Score": strconv.Itoa(r.Score),
		"Band": r.Band.Label.In(lang), "Answered": strconv.Itoa(r.Answered), "Items": strconv.Itoa(len(r.Items)),
	}))
}

func answerWord(l *locales.Localizer, a guidance.Answer) string {
	switch a {
	case guidance.AnswerYes:
		return l.T(locales.AnswerYes, nil)
	case guidance.AnswerPartial:
		return l.T(locales.AnswerPartial, nil)
	case guidance.AnswerNo:
		return l.T(locales.AnswerNo, nil)
	case guidance.AnswerUnknown:
		return l.T(locales.AnswerUnknown, nil)
	}
	return l.T(locales.AnswerNone, nil)
}

// showChecklist prints one checklist: what it is, each item with its
// answer (and the advice where the answer is not yes), the score, what to
// do next, and the template to fill in if it has one.
func showChecklist(e *env, r guidance.Result) {
	lang := guideLang(e.loc)
	c := r.Checklist
	fmt.Fprintln(e.stdout, c.Title.In(lang))
	fmt.Fprintln(e.stdout, c.Intro.In(lang))
	i := 0
	for _, p := range c.Parts {
		fmt.Fprintf(e.stdout, "\n%s\n", p.Title.In(lang))
		for range p.Items {
			ir := r.Items[i]
			i++
			fmt.Fprintf(e.stdout, "  [%s] %s (%s)\n", answerWord(e.loc, ir.Answer), ir.Item.Text.In(lang), ir.Item.ID)
			if ev := ir.Evidence.In(lang); ev != "" {
				key := locales.CLIChecklistEvidence
				if ir.Prefilled {
					key = locales.CLIChecklistPrefilled
				}
				fmt.Fprintf(e.stdout, "      %s\n", e.loc.T(key, locales.Args{"Evidence": ev}))
			}
			if ir.Answer != guidance.AnswerYes {
				fmt.Fprintf(e.stdout, "      %s\n", ir.Item.Advice.In(lang))
			}
		}
	}
	fmt.Fprintln(e.stdout)
	printChecklistLine(e, r)
	fmt.Fprintln(e.stdout, r.Band.Next.In(lang))
	fmt.Fprintln(e.stdout, strings.TrimSpace(e.loc.T(locales.CLIChecklistSource, locales.Args{"Source": c.Source.In(lang), "URL": c.SourceURL})))
	if t := c.Template.In(lang); t != "" {
		fmt.Fprintf(e.stdout, "\n%s\n%s", e.loc.T(locales.CLIChecklistTemplate, nil), t)
	}
}
