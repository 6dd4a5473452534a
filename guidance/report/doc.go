// Package report renders Kizuki's reports — the monthly management report
// and the cyber-insurance readiness report — as HTML or PDF. Both formats
// are drawn from one neutral document (headings, paragraphs, tables and
// charts), so they always say the same thing. Japanese renders in the PDF
// with the bundled font (BIZ UDPGothic) and stays extractable as text.
//
// The report's own words (headings, column names) are kept here in both
// languages, like the guidance content they sit beside.
package report

import (
	"fmt"
	"strconv"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
)

// doc is a report, independent of the format.
type doc struct {
	Title    string
	Subtitle string
	Blocks   []block
}

// block is one of heading, para, table, dayChart, barChart.
type block any

type heading string

type para string

type table struct {
	Head []string
	Rows [][]string
}

// dayChart is the light of each day of a month, as coloured squares with
// the day number (and a shape mark, so the colour is never the only sign).
type dayChart struct {
	Days []guidance.DayLight
}

// barChart is horizontal bars of 0–100 scores.
type barChart struct {
	Bars []bar
}

type bar struct {
	Label string
	Value int
}

// words are the report's own texts.
var words = map[string]guidance.Text{
	"monthly.title":        {Ja: "月次セキュリティレポート", En: "Monthly security report"},
	"insurance.title":      {Ja: "サイバー保険 準備状況レポート", En: "Cyber-insurance readiness report"},
	"generated":            {Ja: "作成日時", En: "Generated"},
	"light":                {Ja: "今月の信号", En: "The light this month"},
	"light.summary":        {Ja: "赤 %d 日、黄 %d 日、緑 %d 日でした。", En: "%d red days, %d yellow days, %d green days."},
	"light.legend":         {Ja: "各日の色は、その日に証拠のあった検知のうち最も深刻なものです（● 緑・▲ 黄・■ 赤）。", En: "Each day shows the most serious finding with evidence that day (● green, ▲ yellow, ■ red)."},
	"findings":             {Ja: "検知と対応", En: "Findings and what was done"},
	"findings.none":        {Ja: "今月、対応が必要な検知はありませんでした。", En: "No findings this month."},
	"col.finding":          {Ja: "内容", En: "Finding"},
	"col.subject":          {Ja: "対象", En: "Subject"},
	"col.severity":         {Ja: "深刻度", En: "Severity"},
	"col.count":            {Ja: "件数", En: "Events"},
	"col.progress":         {Ja: "対応", En: "Response"},
	"scores":               {Ja: "チェックリストの点数", En: "Checklist scores"},
	"scores.history":       {Ja: "今月の点数の記録: %s", En: "Scores recorded this month: %s"},
	"next":                 {Ja: "次にやること（優先順）", En: "What to do next, in order"},
	"next.none":            {Ja: "いま優先して行うことはありません。", En: "Nothing urgent to do."},
	"col.item":             {Ja: "項目", En: "Item"},
	"col.answer":           {Ja: "回答", En: "Answer"},
	"col.evidence":         {Ja: "根拠", En: "Evidence"},
	"insurance.intro":      {Ja: "「Kizuki が確認」とある回答は、ログやこの PC の点検から Kizuki が確かめたものです。それ以外は会社の回答です。", En: "Answers marked \"checked by Kizuki\" come from the logs or this PC's checks; the others are the company's own answers."},
	"checked":              {Ja: "Kizuki が確認", En: "checked by Kizuki"},
	"score":                {Ja: "点数: %d 点（%s）", En: "Score: %d (%s)"},
	"source":               {Ja: "出典: %s", En: "Source: %s"},
	"answer.yes":           {Ja: "はい", En: "Yes"},
	"answer.partial":       {Ja: "一部", En: "Partly"},
	"answer.no":            {Ja: "いいえ", En: "No"},
	"answer.unknown":       {Ja: "わからない", En: "Don't know"},
	"answer.":              {Ja: "未回答", En: "Not answered"},
	"progress.resolved":    {Ja: "解決済み", En: "Resolved"},
	"progress.done":        {Ja: "対応完了", En: "Done"},
	"progress.handed_over": {Ja: "監視会社・販売店に依頼", En: "Handed to MSS or vendor"},
	"progress.started":     {Ja: "対応中", En: "In progress"},
	"progress.not_started": {Ja: "未着手", En: "Not started"},
	"severity.info":        {Ja: "情報", En: "Info"},
	"severity.low":         {Ja: "低", En: "Low"},
	"severity.medium":      {Ja: "中", En: "Medium"},
	"severity.high":        {Ja: "高", En: "High"},
	"severity.critical":    {Ja: "緊急", En: "Critical"},
}

func w(lang guidance.Lang, key string, args ...any) string {
	t := words[key].In(lang)
	if len(args) > 0 {
		return fmt.Sprintf(t, args...)
	}
	return t
}

func monthTitle(lang guidance.Lang, m time.Time) string {
	if lang == guidance.English {
		return m.Format("January 2006")
	}
	return fmt.Sprintf("%d年%d月", m.Year(), int(m.Month()))
}

func stamp(t time.Time) string { return t.Format("2006-01-02 15:04") }

// monthlyDoc lays the monthly report out.
func monthlyDoc(r guidance.MonthlyReport, lang guidance.Lang) doc {
	d := doc{Title: w(lang, "monthly.title"), Subtitle: monthTitle(lang, r.Month) + " ・ " + w(lang, "generated") + " " + stamp(r.Generated)}
	var red, yellow, green int
	for _, day := range r.Days {
		switch {
		case day.Future:
		case day.Level == monitor.LevelRed:
			red++
		case day.Level == monitor.LevelYellow:
			yellow++
		default:
			green++
		}
	}
	d.Blocks = append(d.Blocks, heading(w(lang, "light")), para(w(lang, "light.summary", red, yellow, green)),
		dayChart{Days: r.Days}, para(w(lang, "light.legend")))

	d.Blocks = append(d.Blocks, heading(w(lang, "next")))
	if len(r.Next) == 0 {
		d.Blocks = append(d.Blocks, para(w(lang, "next.none")))
	}
	for i, t := range r.Next {
		d.Blocks = append(d.Blocks, para(fmt.Sprintf("%d. %s — %s", i+1, t.Title.In(lang), t.Reason.In(lang))))
	}

	d.Blocks = append(d.Blocks, heading(w(lang, "findings")))
	if len(r.Findings) == 0 {
		d.Blocks = append(d.Blocks, para(w(lang, "findings.none")))
	} else {
		tb := table{Head: []string{w(lang, "col.finding"), w(lang, "col.subject"), w(lang, "col.severity"), w(lang, "col.count"), w(lang, "col.progress")}}
		for _, f := range r.Findings {
			progress := w(lang, "progress."+string(f.Progress))
			if f.Steps > 0 && f.Progress != guidance.ProgressResolved {
				progress += fmt.Sprintf(" (%d/%d)", f.StepsDone, f.Steps)
			}
			tb.Rows = append(tb.Rows, []string{f.Title.In(lang), f.Finding.Subject, w(lang, "severity."+f.Finding.Severity.String()),
				strconv.Itoa(f.Finding.Count), progress})
		}
		d.Blocks = append(d.Blocks, tb)
	}

	d.Blocks = append(d.Blocks, heading(w(lang, "scores")))
	var bars []bar
	for _, c := range r.Checklists {
		bars = append(bars, bar{Label: c.Checklist.Title.In(lang), Value: c.Score})
	}
	d.Blocks = append(d.Blocks, barChart{Bars: bars})
	if len(r.History) > 0 {
		var hist string
		for i, h := range r.History {
			if i > 0 {
				hist += ", "
			}
			hist += fmt.Sprintf("%s %s %d", h.At.In(r.Month.Location()).Format("01/02"), h.Checklist, h.Score)
		}
		d.Blocks = append(d.Blocks, para(w(lang, "scores.history", hist)))
	}
	return d
}

// insuranceDoc lays the insurance readiness report out: every question,
// the answer and the evidence.
func insuranceDoc(res guidance.Result, generated time.Time, lang guidance.Lang) doc {
	c := res.Checklist
	d := doc{Title: w(lang, "insurance.title"), Subtitle: w(lang, "generated") + " " + stamp(generated)}
	d.Blocks = append(d.Blocks, para(w(lang, "score", res.Score, res.Band.Label.In(lang))), barChart{Bars: []bar{{Label: c.Title.In(lang), Value: res.Score}}},
		para(res.Band.Next.In(lang)), para(w(lang, "insurance.intro")))
	i := 0
	for _, p := range c.Parts {
		d.Blocks = append(d.Blocks, heading(p.Title.In(lang)))
		tb := table{Head: []string{w(lang, "col.item"), w(lang, "col.answer"), w(lang, "col.evidence")}}
		for range p.Items {
			ir := res.Items[i]
			i++
			ans := w(lang, "answer."+string(ir.Answer))
			if ir.Prefilled {
				ans += "（" + w(lang, "checked") + "）"
				if lang == guidance.English {
					ans = w(lang, "answer."+string(ir.Answer)) + " (" + w(lang, "checked") + ")"
				}
			}
			tb.Rows = append(tb.Rows, []string{ir.Item.Text.In(lang), ans, ir.Evidence.In(lang)})
		}
		d.Blocks = append(d.Blocks, tb)
	}
	d.Blocks = append(d.Blocks, para(w(lang, "source", c.Source.In(lang))))
	return d
}
