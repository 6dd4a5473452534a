package app

import (
	"context"
	"errors"
	"net"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
)

// connectionTestTimeout is how long the connection test waits for the
// first line: long enough to walk to the UTM's admin page and save.
const connectionTestTimeout = 5 * time.Minute

// gearVendors are the vendors offered when adding a UTM, in the order of
// ARCHITECTURE.md.
var gearVendors = func() []monitor.Vendor {
	var out []monitor.Vendor
	for _, v := range monitor.Vendors {
		if v != monitor.VendorUnknown {
			out = append(out, v)
		}
	}
	return out
}()

// addSource is the add-a-UTM flow: choose the vendor, read how to send
// syslog to this PC, name the device and its address, then the connection
// test waits for its first line. Settings and the first-run wizard share it.
type addSource struct {
	u       *UI
	vendor  *widget.Select
	name    *widget.Entry
	addr    *widget.Entry
	howto   *widget.Label
	result  *fyne.Container
	save    *widget.Button
	content fyne.CanvasObject

	// done is called once a line arrived; it may be nil.
	done func()
	// relayout lays out the scroll the flow is in again, once wrapped
	// labels know their height; it may be nil.
	relayout func()
	cancel   context.CancelFunc
}

// newAddSource builds the flow, preselecting vendor if it is one of the
// offered; cancel is where the cancel button leads (nil: no such button).
func newAddSource(u *UI, vendor monitor.Vendor, done, cancel func()) *addSource {
	l := u.loc
	a := &addSource{u: u, done: done, result: container.NewVBox()}
	names := make([]string, len(gearVendors))
	for i, v := range gearVendors {
		names[i] = l.VendorName(string(v))
	}
	a.howto = wrappedLabel(l, "", fyne.TextStyle{})
	a.name = widget.NewEntry()
	a.name.SetPlaceHolder(l.T(locales.AddSourceNameHint, nil))
	a.addr = widget.NewEntry()
	a.addr.SetPlaceHolder("192.168.1.1")
	a.vendor = widget.NewSelect(names, func(string) { a.showHowto() })
	a.vendor.PlaceHolder = l.T(locales.AddSourceChooseVendor, nil)
	for i, v := range gearVendors {
		if v == vendor {
			a.vendor.SetSelectedIndex(i)
		}
	}
	a.showHowto()
	a.save = widget.NewButton(l.T(locales.AddSourceSaveAndTest, nil), a.saveAndTest)
	a.save.Importance = widget.HighImportance
	buttons := container.NewHBox(a.save)
	if cancel != nil {
		buttons.Add(widget.NewButton(l.T(locales.ButtonCancel, nil), func() {
			a.stop()
			cancel()
		}))
	}
	form := widget.NewForm(
		widget.NewFormItem(l.T(locales.AddSourceVendor, nil), a.vendor),
		widget.NewFormItem(l.T(locales.AddSourceName, nil), a.name),
		widget.NewFormItem(l.T(locales.AddSourceAddr, nil), a.addr),
	)
	a.content = container.NewVBox(
		widget.NewLabelWithStyle(l.T(locales.AddSourceTitle, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		form,
		wrappedLabel(l, a.receiving(), fyne.TextStyle{}),
		a.howto,
		buttons,
		a.result,
	)
	return a
}

// receiving says where this PC receives: its addresses and port, or why
// it does not.
func (a *addSource) receiving() string {
	l := a.u.loc
	if a.u.cfg.Collector == nil {
		return l.T(locales.AddSourceNoCollector, nil)
	}
	addrs := a.u.cfg.LocalAddrs()
	if len(addrs) == 0 {
		addrs = []string{l.T(locales.AddSourceUnknownAddr, nil)}
	}
	return l.T(locales.AddSourceThisPC, locales.Args{"Addrs": strings.Join(addrs, l.T(locales.ListSeparator, nil)), "Port": a.u.cfg.Collector.Port()})
}

// pcAddr is the address the instructions name for this PC.
func (a *addSource) pcAddr() string {
	if addrs := a.u.cfg.LocalAddrs(); len(addrs) > 0 {
		return addrs[0]
	}
	return a.u.loc.T(locales.AddSourcePCPlaceholder, nil)
}

func (a *addSource) port() int {
	if a.u.cfg.Collector != nil {
		return a.u.cfg.Collector.Port()
	}
	return 5514
}

func (a *addSource) showHowto() {
	i := a.vendor.SelectedIndex()
	text := a.u.loc.T(locales.AddSourceChooseVendorFirst, nil)
	if i >= 0 {
		text = a.u.loc.VendorHowto(string(gearVendors[i]), a.pcAddr(), a.port())
	}
	a.howto.SetText(text)
	if a.relayout != nil {
		a.relayout()
	}
}

// setResult shows one line of outcome, and the received line if any.
func (a *addSource) setResult(text, line string) {
	objs := []fyne.CanvasObject{wrappedLabel(a.u.loc, text, fyne.TextStyle{Bold: true})}
	if line != "" {
		l := widget.NewLabelWithStyle(line, fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
		l.Wrapping = fyne.TextWrapBreak
		objs = append(objs, l)
	}
	a.result.Objects = objs
	a.result.Refresh()
	if a.relayout != nil {
		a.relayout()
	}
}

// saveAndTest stores the source, makes the collector use it and waits for
// its first line.
func (a *addSource) saveAndTest() {
	l := a.u.loc
	i := a.vendor.SelectedIndex()
	if i < 0 {
		a.setResult(l.T(locales.AddSourceChooseVendorFirst, nil), "")
		return
	}
	addr := strings.TrimSpace(a.addr.Text)
	if _, err := ingest.ParseAllowedSenders([]string{addr}); err != nil || addr == "" || strings.Contains(addr, "/") {
		a.setResult(l.T(locales.AddSourceBadAddr, nil), "")
		return
	}
	name := strings.TrimSpace(a.name.Text)
	if name == "" {
		name = l.VendorName(string(gearVendors[i]))
	}
	src := monitor.Source{Name: name, Vendor: gearVendors[i], AllowedSenders: []string{addr}}
	col := a.u.cfg.Collector
	a.stop()
	ctx, cancel := context.WithTimeout(a.u.ctx, connectionTestTimeout)
	a.cancel = cancel
	a.save.Disable()
	waiting := l.T(locales.AddSourceSaved, locales.Args{"Name": name})
	if col != nil {
		waiting = l.T(locales.AddSourceWaiting, locales.Args{"Addr": addr, "Minutes": int(connectionTestTimeout / time.Minute)})
	}
	a.setResult(waiting, "")
	load(a.u, func(context.Context) (monitor.Line, error) {
		if err := a.u.cfg.Store.PutSource(ctx, src); err != nil {
			return monitor.Line{}, errSaveSource{err}
		}
		if col == nil {
			return monitor.Line{}, nil
		}
		if err := col.Reload(ctx); err != nil {
			return monitor.Line{}, err
		}
		return col.WaitLine(ctx, canonicalIP(addr))
	}, func(line monitor.Line, err error) {
		a.save.Enable()
		cancel()
		var saveErr errSaveSource
		switch {
		case errors.As(err, &saveErr):
			a.setResult(l.T(locales.AddSourceSaveError, locales.Args{"Err": saveErr.err}), "")
		case errors.Is(err, context.DeadlineExceeded):
			a.setResult(l.T(locales.AddSourceTimeout, locales.Args{"Addr": addr}), "")
		case errors.Is(err, context.Canceled):
			// The owner cancelled or left; nothing to say.
		case err != nil:
			a.setResult(l.T(locales.AddSourceTestError, locales.Args{"Err": err}), "")
		case col == nil:
			// Saved; the collector (kizuki serve) picks it up when restarted.
		default:
			a.setResult(l.T(locales.AddSourceReceived, locales.Args{"Name": name, "Time": l.Time(line.Received)}), line.Text)
			if a.done != nil {
				a.done()
			}
		}
	})
}

// stop ends a running connection test.
func (a *addSource) stop() {
	if a.cancel != nil {
		a.cancel()
		a.cancel = nil
	}
}

// errSaveSource marks a failure to store the source (as opposed to the
// connection test failing).
type errSaveSource struct{ err error }

func (e errSaveSource) Error() string { return "save source: " + e.err.Error() }
func (e errSaveSource) Unwrap() error { return e.err }

// canonicalIP writes addr as the listener writes a sender.
func canonicalIP(addr string) string {
	if ip := net.ParseIP(addr); ip != nil {
		if v4 := ip.To4(); v4 != nil {
			return v4.String()
		}
		return ip.String()
	}
	return addr
}

// localAddrs lists this PC's private IPv4 addresses: where a UTM on the
// LAN can send its syslog.
func localAddrs() []string {
	ifaces, err := net.InterfaceAddrs()
	if err != nil {
		return nil
	}
	var out []string
	for _, a := range ifaces {
		if n, ok := a.(*net.IPNet); ok && n.IP.To4() != nil && n.IP.IsPrivate() {
			out = append(out, n.IP.String())
		}
	}
	return out
}
