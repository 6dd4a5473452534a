package report

import (
	"fmt"
	"html"
	"io"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
)

// Format is a report's file format.
type Format string

// Formats.
const (
	HTML Format = "html"
	PDF  Format = "pdf"
)

// Monthly writes the monthly management report.
func Monthly(out io.Writer, f Format, r guidance.MonthlyReport, lang guidance.Lang) error {
	return render(out, f, monthlyDoc(r, lang), lang)
}

// Insurance writes the insurance readiness report from the scored
// insurance checklist.
func Insurance(out io.Writer, f Format, res guidance.Result, generated time.Time, lang guidance.Lang) error {
	return render(out, f, insuranceDoc(res, generated, lang), lang)
}

func render(out io.Writer, f Format, d doc, lang guidance.Lang) error {
	switch f {
	case HTML:
		return writeHTML(out, d, lang)
	case PDF:
		return writePDF(out, d)
	}
	return fmt.Errorf("report: unknown format %q", f)
}

// lightColors are the light's colours (the same as the tray icons).
var lightColors = map[monitor.Level]string{
	monitor.LevelGreen: "#2e9d4f", monitor.LevelYellow: "#e0a800", monitor.LevelRed: "#d13438",
}

const futureColor = "#dddddd"

// lightMarks are the shapes drawn with each colour, so colour is never
// the only sign.
var lightMarks = map[monitor.Level]string{monitor.LevelGreen: "●", monitor.LevelYellow: "▲", monitor.LevelRed: "■"}

func writeHTML(out io.Writer, d doc, lang guidance.Lang) error {
	var b strings.Builder
	e := html.EscapeString
	fmt.Fprintf(&b, `<!DOCTYPE html>
<html lang="%s"><head><meta charset="utf-8"><title>%s</title>
<style>
body{font-family:"BIZ UDPGothic","Yu Gothic","Hiragino Sans",sans-serif;max-width:52em;margin:2em auto;color:#222;line-height:1.6}
h1{margin-bottom:0}.sub{color:#666}table{border-collapse:collapse;width:100%%}
th,td{border:1px solid #ccc;padding:.3em .5em;text-align:left;vertical-align:top}th{background:#f3f3f3}
</style></head><body>
<h1>%s</h1><p class="sub">%s</p>
`, lang, e(d.Title), e(d.Title), e(d.Subtitle))
	for _, bl := range d.Blocks {
		switch v := bl.(type) {
		case heading:
			fmt.Fprintf(&b, "<h2>%s</h2>\n", e(string(v)))
		case para:
			fmt.Fprintf(&b, "<p>%s</p>\n", e(string(v)))
		case table:
			b.WriteString("<table><tr>")
			for _, h := range v.Head {
				fmt.Fprintf(&b, "<th>%s</th>", e(h))
			}
			b.WriteString("</tr>\n")
			for _, row := range v.Rows {
				b.WriteString("<tr>")
				for _, c := range row {
					fmt.Fprintf(&b, "<td>%s</td>", e(c))
				}
				b.WriteString("</tr>\n")
			}
			b.WriteString("</table>\n")
		case dayChart:
			const size, gap = 36, 4
			fmt.Fprintf(&b, `<svg role="img" width="%d" height="%d" viewBox="0 0 %d %d">`, 7*(size+gap), 5*(size+gap)+size, 7*(size+gap), 5*(size+gap)+size)
			for i, day := range v.Days {
				x, y := (i%7)*(size+gap), (i/7)*(size+gap)
				fill, mark := lightColors[day.Level], lightMarks[day.Level]
				if day.Future {
					fill, mark = futureColor, ""
				}
				fmt.Fprintf(&b, `<rect x="%d" y="%d" width="%d" height="%d" rx="4" fill="%s"><title>%s</title></rect>`,
					x, y, size, size, fill, day.Day.Format(time.DateOnly))
				fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="11" fill="#fff">%d</text><text x="%d" y="%d" font-size="11" fill="#fff">%s</text>`,
					x+3, y+13, day.Day.Day(), x+3, y+30, mark)
			}
			b.WriteString("</svg>\n")
		case barChart:
			const width = 300
			fmt.Fprintf(&b, `<svg role="img" width="%d" height="%d">`, width+260, len(v.Bars)*28)
			for i, br := range v.Bars {
				y := i * 28
				fmt.Fprintf(&b, `<text x="0" y="%d" font-size="12">%s</text>`, y+16, e(br.Label))
				fmt.Fprintf(&b, `<rect x="230" y="%d" width="%d" height="18" fill="#eee"/><rect x="230" y="%d" width="%d" height="18" fill="%s"/>`,
					y+3, width, y+3, br.Value*width/100, scoreColor(br.Value))
				fmt.Fprintf(&b, `<text x="%d" y="%d" font-size="12">%d</text>`, 230+width+6, y+16, br.Value)
			}
			b.WriteString("</svg>\n")
		}
	}
	b.WriteString("</body></html>\n")
	_, err := io.WriteString(out, b.String())
	return err
}

// scoreColor colours a 0–100 score like the light.
func scoreColor(v int) string {
	switch {
	case v >= 70:
		return lightColors[monitor.LevelGreen]
	case v >= 50:
		return lightColors[monitor.LevelYellow]
	}
	return lightColors[monitor.LevelRed]
}
