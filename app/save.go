package app

import (
	"context"
	"errors"
	"io"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
)

// saveWithDialog asks in a file dialog where to save a file named name,
// then writes it off the UI goroutine; done runs on the UI goroutine with
// the result, and not at all when the owner cancels.
func (u *UI) saveWithDialog(name string, write func(context.Context, io.Writer) error, done func(error)) {
	d := dialog.NewFileSave(func(wc fyne.URIWriteCloser, err error) {
		if err != nil {
			done(err)
			return
		}
		if wc == nil {
			return // cancelled
		}
		load(u, func(ctx context.Context) (struct{}, error) {
			err := write(ctx, wc)
			return struct{}{}, errors.Join(err, wc.Close())
		}, func(_ struct{}, err error) { done(err) })
	}, u.win)
	d.SetFileName(name)
	d.Resize(fyne.NewSize(720, 520))
	d.Show()
}
