package report

import (
	"fmt"
	"io"
	"strconv"

	"github.com/signintech/gopdf"

	"github.com/kizuki-app/kizuki/assets"
)

// A4 portrait, in points.
const (
	pageW, pageH = 595.28, 841.89
	margin       = 42.0
	bodyW        = pageW - 2*margin
)

// pdfWriter lays blocks out top to bottom, adding pages as needed.
type pdfWriter struct {
	pdf *gopdf.GoPdf
	y   float64
	err error
}

func writePDF(out io.Writer, d doc) error {
	p := &gopdf.GoPdf{}
	p.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4})
	// The bundled Japanese font, embedded as a subset with a Unicode map, so
	// that the text renders anywhere and can be copied and searched.
	if err := p.AddTTFFontData("regular", assets.FontRegular); err != nil {
		return fmt.Errorf("pdf font: %w", err)
	}
	if err := p.AddTTFFontData("bold", assets.FontBold); err != nil {
		return fmt.Errorf("pdf font: %w", err)
	}
	pw := &pdfWriter{pdf: p}
	pw.newPage()
	pw.text("bold", 20, d.Title, bodyW, 26)
	pw.text("regular", 10, d.Subtitle, bodyW, 18)
	for _, bl := range d.Blocks {
		switch v := bl.(type) {
		case heading:
			pw.need(60)
			pw.y += 10
			pw.text("bold", 14, string(v), bodyW, 20)
		case para:
			pw.text("regular", 10.5, string(v), bodyW, 15)
		case table:
			pw.table(v)
		case dayChart:
			pw.dayChart(v)
		case barChart:
			pw.barChart(v)
		}
	}
	if pw.err != nil {
		return fmt.Errorf("pdf: %w", pw.err)
	}
	if _, err := p.WriteTo(out); err != nil {
		return fmt.Errorf("pdf: %w", err)
	}
	return nil
}

func (pw *pdfWriter) newPage() {
	pw.pdf.AddPage()
	pw.y = margin
}

// need starts a new page unless h points are left.
func (pw *pdfWriter) need(h float64) {
	if pw.y+h > pageH-margin {
		pw.newPage()
	}
}

func (pw *pdfWriter) setFont(font string, size float64) {
	if err := pw.pdf.SetFont(font, "", size); err != nil && pw.err == nil {
		pw.err = err
	}
}

// lines wraps s to width in the current font.
func (pw *pdfWriter) lines(s string, width float64) []string {
	if s == "" {
		return []string{""}
	}
	ls, err := pw.pdf.SplitTextWithWordWrap(s, width)
	if err != nil {
		if ls, err = pw.pdf.SplitText(s, width); err != nil {
			if pw.err == nil {
				pw.err = err
			}
			return []string{s}
		}
	}
	return ls
}

// text writes s wrapped to width at the left margin.
func (pw *pdfWriter) text(font string, size float64, s string, width, lineH float64) {
	pw.setFont(font, size)
	for _, l := range pw.lines(s, width) {
		pw.need(lineH)
		pw.pdf.SetXY(margin, pw.y)
		if err := pw.pdf.Cell(nil, l); err != nil && pw.err == nil {
			pw.err = err
		}
		pw.y += lineH
	}
}

func (pw *pdfWriter) table(t table) {
	const lineH, pad = 13.0, 3.0
	cols := len(t.Head)
	// Column shares: the text takes the most; addresses must fit on a line.
	shares := map[int][]float64{5: {0.32, 0.24, 0.1, 0.1, 0.24}, 3: {0.42, 0.18, 0.4}}[cols]
	widths := make([]float64, cols)
	for i := range widths {
		if shares != nil {
			widths[i] = bodyW * shares[i]
		} else {
			widths[i] = bodyW / float64(cols)
		}
	}
	row := func(cells []string, font string) {
		pw.setFont(font, 9)
		wrapped := make([][]string, cols)
		h := 0.0
		for i, c := range cells {
			wrapped[i] = pw.lines(c, widths[i]-2*pad)
			h = max(h, float64(len(wrapped[i]))*lineH+2*pad)
		}
		pw.need(h)
		x := margin
		for i := range cells {
			pw.pdf.SetStrokeColor(200, 200, 200)
			pw.pdf.RectFromUpperLeftWithStyle(x, pw.y, widths[i], h, "D")
			for j, l := range wrapped[i] {
				pw.pdf.SetXY(x+pad, pw.y+pad+float64(j)*lineH)
				if err := pw.pdf.Cell(nil, l); err != nil && pw.err == nil {
					pw.err = err
				}
			}
			x += widths[i]
		}
		pw.y += h
	}
	row(t.Head, "bold")
	for _, r := range t.Rows {
		row(r, "regular")
	}
	pw.y += 6
}

func hexColor(s string) (uint8, uint8, uint8) {
	v, _ := strconv.ParseUint(s[1:], 16, 32)
	return uint8(v >> 16), uint8(v >> 8), uint8(v)
}

func (pw *pdfWriter) dayChart(c dayChart) {
	const size, gap = 34.0, 4.0
	rows := (len(c.Days) + 6) / 7
	pw.need(float64(rows)*(size+gap) + 6)
	pw.setFont("regular", 9)
	for i, day := range c.Days {
		x := margin + float64(i%7)*(size+gap)
		y := pw.y + float64(i/7)*(size+gap)
		fill, mark := lightColors[day.Level], lightMarks[day.Level]
		if day.Future {
			fill, mark = futureColor, ""
		}
		pw.pdf.SetFillColor(hexColor(fill))
		pw.pdf.RectFromUpperLeftWithStyle(x, y, size, size, "F")
		pw.pdf.SetTextColor(255, 255, 255)
		pw.pdf.SetXY(x+3, y+3)
		pw.pdf.Cell(nil, strconv.Itoa(day.Day.Day()))
		pw.pdf.SetXY(x+3, y+18)
		pw.pdf.Cell(nil, mark)
		pw.pdf.SetTextColor(0, 0, 0)
	}
	pw.y += float64(rows)*(size+gap) + 6
}

func (pw *pdfWriter) barChart(c barChart) {
	const barH, labelW, maxW = 16.0, 220.0, 220.0
	for _, b := range c.Bars {
		pw.need(barH + 6)
		pw.setFont("regular", 9)
		label := pw.lines(b.Label, labelW-6)[0]
		pw.pdf.SetXY(margin, pw.y+3)
		pw.pdf.Cell(nil, label)
		pw.pdf.SetFillColor(235, 235, 235)
		pw.pdf.RectFromUpperLeftWithStyle(margin+labelW, pw.y, maxW, barH, "F")
		pw.pdf.SetFillColor(hexColor(scoreColor(b.Value)))
		if b.Value > 0 {
			pw.pdf.RectFromUpperLeftWithStyle(margin+labelW, pw.y, maxW*float64(b.Value)/100, barH, "F")
		}
		pw.pdf.SetXY(margin+labelW+maxW+6, pw.y+3)
		pw.pdf.Cell(nil, strconv.Itoa(b.Value))
		pw.y += barH + 6
	}
	pw.y += 4
}
