package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// chartHeight is the height of a timeline's bars at their tallest.
const chartHeight = 72

// barsLayout lays out one bar per count, side by side, heights relative
// to the largest; a count above zero is never drawn invisibly thin.
// top is the count drawn full height; 0 means the largest.
type barsLayout struct {
	counts []int
	top    int
}

func (l barsLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(float32(len(l.counts))*4, chartHeight)
}

func (l barsLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	peak := l.top
	for _, n := range l.counts {
		peak = max(peak, n)
	}
	if len(objs) == 0 || peak == 0 {
		return
	}
	w := size.Width / float32(len(objs))
	gap := min(w/5, 2)
	for i, o := range objs {
		h := float32(0)
		if n := l.counts[i]; n > 0 {
			h = max(size.Height*float32(n)/float32(peak), 2)
		}
		o.Move(fyne.NewPos(float32(i)*w+gap/2, size.Height-h))
		o.Resize(fyne.NewSize(w-gap, h))
	}
}

// newTimeline draws counts as bars between the labels of its first and
// last moment, with the peak written beside them, so that the chart reads
// without colour.
func newTimeline(counts []int, fromLabel, toLabel, peakLabel string, barColor color.Color) fyne.CanvasObject {
	bars := make([]fyne.CanvasObject, len(counts))
	for i := range counts {
		bars[i] = canvas.NewRectangle(barColor)
	}
	base := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	base.SetMinSize(fyne.NewSize(1, 1))
	from := widget.NewLabel(fromLabel)
	to := widget.NewLabel(toLabel)
	peak := widget.NewLabel(peakLabel)
	return container.NewVBox(
		peak,
		container.New(barsLayout{counts: counts}, bars...),
		base,
		container.NewBorder(nil, nil, from, to),
	)
}

// newScoreChart draws scores out of 100 as bars between the labels of the
// first and the last, with label (the latest and best) above, so that the
// chart reads without colour.
func newScoreChart(scores []int, fromLabel, toLabel, label string) fyne.CanvasObject {
	bars := make([]fyne.CanvasObject, len(scores))
	for i := range scores {
		bars[i] = canvas.NewRectangle(theme.Color(theme.ColorNamePrimary))
	}
	base := canvas.NewRectangle(theme.Color(theme.ColorNameSeparator))
	base.SetMinSize(fyne.NewSize(1, 1))
	return container.NewVBox(
		widget.NewLabel(label),
		container.New(barsLayout{counts: scores, top: 100}, bars...),
		base,
		container.NewBorder(nil, nil, widget.NewLabel(fromLabel), widget.NewLabel(toLabel)),
	)
}
