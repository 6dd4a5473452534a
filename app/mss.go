package app

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// MSS is the connection to the owner's managed security service (MSS)
// provider as the app drives it. main implements it with the code `kizuki
// serve` runs: while the app runs and the device is enrolled, the client
// follows the provider and hands each change to UI.MSSChanged.
type MSS interface {
	// State reads the enrolment.
	State(ctx context.Context) (MSSState, error)
	// Enroll exchanges a one-time code (the token goes to the keyring)
	// and starts following the provider. A refused code wraps
	// mss.ErrCodeRefused.
	Enroll(ctx context.Context, url, code string, heartbeat bool) (MSSState, error)
	// SetHeartbeat records the owner's consent to heartbeats.
	SetHeartbeat(ctx context.Context, on bool) error
	// Test asks the provider for what is new: a signed, checked answer
	// proves the connection.
	Test(ctx context.Context) error
	// Leave stops following the provider and forgets the enrolment.
	Leave(ctx context.Context) error
	// Ask sends the owner's question, about f when not nil; a local
	// finding's details go only when attach, the owner's consent, is set.
	Ask(ctx context.Context, text string, f *monitor.Finding, attach bool) (MSSReceipt, error)
}

// MSSState is the enrolment as the settings show it.
type MSSState struct {
	Enrolled bool
	Provider store.MSSProvider
	// Rejects counts input refused from the provider, by mss.* reason.
	Rejects map[string]monitor.MSSReject
	// Secrets is where the token is kept: secrets.BackendKeyring or
	// secrets.BackendFile.
	Secrets string
}

// MSSReceipt is what sending a question did.
type MSSReceipt struct {
	Provider, ID string
	// Attached: a local finding's details went along; Local: a local
	// finding was named but not attached.
	Attached, Local bool
}

// mssSection is the 監視会社（MSS） part of 設定: enrolment with URL and
// one-time code, then the provider, last contact, refusals, the heartbeat
// consent, a connection test and leaving.
type mssSection struct {
	u   *UI
	box *fyne.Container

	url, code *widget.Entry
	heartbeat *widget.Check
	// heartbeatRow shows heartbeat with its text.
	heartbeatRow fyne.CanvasObject
	enroll       *widget.Button
	test         *widget.Button
	leave        *widget.Button
	result       *widget.Label

	state   MSSState
	showing bool // set while the widgets are filled: no saving then
	// relayout lays the settings' scroll out again once wrapped labels
	// know their height.
	relayout func()
}

func newMSSSection(u *UI) *mssSection {
	l := u.loc
	s := &mssSection{u: u, box: container.NewVBox(), result: wrappedLabel(l, "", fyne.TextStyle{})}
	s.url = widget.NewEntry()
	s.url.SetPlaceHolder("https://mss.example.jp")
	s.code = widget.NewEntry()
	s.code.SetPlaceHolder(l.T(locales.MSSCodeHint, nil))
	s.heartbeat, s.heartbeatRow = wrappedCheck(l, l.T(locales.MSSHeartbeat, nil), s.setHeartbeat)
	s.enroll = widget.NewButton(l.T(locales.MSSEnroll, nil), s.doEnroll)
	s.enroll.Importance = widget.HighImportance
	s.test = widget.NewButton(l.T(locales.MSSTest, nil), s.doTest)
	s.leave = widget.NewButton(l.T(locales.MSSLeave, nil), func() {
		confirmPopUp(u, l.T(locales.MSSLeave, nil), l.T(locales.MSSLeaveConfirm, locales.Args{"Provider": s.state.Provider.Name}), s.doLeave)
	})
	return s
}

// reload reads the enrolment off the UI goroutine and shows it.
func (s *mssSection) reload() {
	load(s.u, s.u.cfg.MSS.State, func(st MSSState, err error) {
		if err != nil {
			s.show(MSSState{})
			s.result.SetText(s.u.loc.T(locales.MSSLoadError, locales.Args{"Err": err}))
			return
		}
		s.show(st)
	})
}

// show fills the section for st: the enrolment form, or the provider.
func (s *mssSection) show(st MSSState) {
	l := s.u.loc
	s.state = st
	s.u.mssEnrolled = st.Enrolled
	s.showing = true
	s.heartbeat.SetChecked(st.Provider.Heartbeat)
	s.showing = false
	s.box.RemoveAll()
	if !st.Enrolled {
		s.box.Add(wrappedLabel(l, l.T(locales.MSSIntro, nil), fyne.TextStyle{}))
		s.box.Add(widget.NewForm(
			widget.NewFormItem(l.T(locales.MSSURL, nil), s.url),
			widget.NewFormItem(l.T(locales.MSSCode, nil), s.code),
		))
		s.box.Add(s.heartbeatRow)
		s.box.Add(container.NewHBox(s.enroll))
	} else {
		p := st.Provider
		contact := l.T(locales.MSSNeverContacted, nil)
		if !p.LastContact.IsZero() {
			contact = l.Time(p.LastContact)
		}
		where := l.T(locales.MSSSecretsKeyring, nil)
		if st.Secrets == secrets.BackendFile {
			where = l.T(locales.MSSSecretsFile, nil)
		}
		lines := []string{
			l.T(locales.MSSProviderLine, locales.Args{"Provider": p.Name, "URL": p.URL}),
			l.T(locales.MSSEnrolledLine, locales.Args{"Time": l.Time(p.Enrolled), "Where": where}),
			l.T(locales.MSSContactLine, locales.Args{"Time": contact}),
		}
		if r := rejectList(l, st.Rejects); r != "" {
			lines = append(lines, l.T(locales.MSSRejectedLine, locales.Args{"List": r}))
		}
		for _, line := range lines {
			s.box.Add(wrappedLabel(l, line, fyne.TextStyle{}))
		}
		s.box.Add(s.heartbeatRow)
		s.box.Add(container.NewHBox(s.test, s.leave))
	}
	s.box.Add(s.result)
	if s.relayout != nil {
		s.relayout()
	}
}

// rejectList names the refused input by reason with its count, in the
// order of monitor.RejectReasons.
func rejectList(l *locales.Localizer, rejects map[string]monitor.MSSReject) string {
	var parts []string
	for _, reason := range monitor.RejectReasons {
		if r := rejects[reason]; r.Count > 0 {
			parts = append(parts, l.MSSReject(reason)+" "+strconv.FormatInt(r.Count, 10))
		}
	}
	return strings.Join(parts, l.T(locales.ListSeparator, nil))
}

func (s *mssSection) doEnroll() {
	l := s.u.loc
	rawURL, code := strings.TrimSpace(s.url.Text), strings.TrimSpace(s.code.Text)
	if _, err := mss.CheckURL(rawURL); err != nil {
		s.result.SetText(l.T(locales.MSSBadURL, nil))
		return
	}
	if code == "" {
		s.result.SetText(l.T(locales.MSSNeedCode, nil))
		return
	}
	heartbeat := s.heartbeat.Checked
	s.enroll.Disable()
	s.result.SetText(l.T(locales.MSSEnrolling, nil))
	load(s.u, func(ctx context.Context) (MSSState, error) {
		return s.u.cfg.MSS.Enroll(ctx, rawURL, code, heartbeat)
	}, func(st MSSState, err error) {
		s.enroll.Enable()
		switch {
		case errors.Is(err, mss.ErrCodeRefused):
			s.result.SetText(l.T(locales.MSSCodeRefused, nil))
		case err != nil:
			s.result.SetText(l.T(locales.MSSEnrollFailed, locales.Args{"Err": err}))
		default:
			s.code.SetText("")
			s.show(st)
			s.result.SetText(l.T(locales.MSSEnrolled, locales.Args{"Provider": st.Provider.Name}))
			s.u.refresh()
		}
	})
}

func (s *mssSection) setHeartbeat(on bool) {
	if s.showing || !s.state.Enrolled {
		return
	}
	load(s.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.u.cfg.MSS.SetHeartbeat(ctx, on)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.result.SetText(s.u.loc.T(locales.SettingsSaveError, locales.Args{"Err": err}))
			return
		}
		s.state.Provider.Heartbeat = on
		s.result.SetText(s.u.loc.T(locales.SettingsSaved, nil))
	})
}

func (s *mssSection) doTest() {
	l := s.u.loc
	s.test.Disable()
	s.result.SetText(l.T(locales.MSSTesting, nil))
	load(s.u, func(ctx context.Context) (MSSState, error) {
		if err := s.u.cfg.MSS.Test(ctx); err != nil {
			return MSSState{}, err
		}
		return s.u.cfg.MSS.State(ctx)
	}, func(st MSSState, err error) {
		s.test.Enable()
		if err != nil {
			msg := l.T(locales.MSSTestFailed, locales.Args{"Err": err})
			var rej *mss.RejectError
			if errors.As(err, &rej) {
				msg = l.T(locales.MSSTestRefused, locales.Args{"Reason": l.MSSReject(rej.Reason)})
			}
			s.result.SetText(msg)
			return
		}
		s.show(st)
		s.result.SetText(l.T(locales.MSSTestOK, locales.Args{"Provider": st.Provider.Name}))
	})
}

func (s *mssSection) doLeave() {
	l := s.u.loc
	load(s.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, s.u.cfg.MSS.Leave(ctx)
	}, func(_ struct{}, err error) {
		if err != nil {
			s.result.SetText(l.T(locales.SettingsSaveError, locales.Args{"Err": err}))
			return
		}
		name := s.state.Provider.Name
		s.show(MSSState{})
		s.result.SetText(l.T(locales.MSSLeft, locales.Args{"Provider": name}))
		s.u.refresh()
	})
}

// MSSChanged shows what a notice from the provider did: the findings list
// and the light are read again, and a new or revised finding raises a
// desktop notification (one per finding within the cooldown, none in
// the quiet hours or while paused). A withdrawal only updates the
// screens. Safe to call from any goroutine.
func (u *UI) MSSChanged(c monitor.MSSChange) {
	fyne.Do(func() {
		if c.Notice.Activity != monitor.MSSClose && c.Finding.State.Active() {
			l := u.loc
			title := c.Notice.Title.Ja
			if l.Lang() == locales.English && c.Notice.Title.En != "" {
				title = c.Notice.Title.En
			}
			msg := locales.NotifyMSSNew
			if !c.New {
				msg = locales.NotifyMSSUpdated
			}
			u.seenHigh[c.Finding.ID] = true // the light's reading must not announce it again
			u.notifier.Notify(findingKey(c.Finding.ID), l.T(msg, locales.Args{"Provider": c.Finding.Origin}),
				l.T(locales.NotifyMSSBody, locales.Args{"Title": title, "Severity": l.SeverityName(c.Finding.Severity.String())}))
		}
		if u.findings != nil {
			u.findings.reload()
		}
		u.refresh()
	})
}

// findingKey is the notifier's key of a finding: one pop-up per finding
// within the cooldown, whichever way it was noticed.
func findingKey(id int64) string { return "finding." + strconv.FormatInt(id, 10) }

// askDialog is MSS に相談 on a finding: the owner's question, a checkbox to
// attach the finding (off: only with the owner's consent), send, and the
// provider's receipt.
type askDialog struct {
	u       *UI
	f       monitor.Finding
	text    *widget.Entry
	attach  *widget.Check // nil for the provider's own finding
	send    *widget.Button
	result  *widget.Label
	pop     *widget.PopUp
	content fyne.CanvasObject
}

// openAsk shows the MSS に相談 dialog for f over the window.
func (u *UI) openAsk(f monitor.Finding) {
	d := newAskDialog(u, f)
	d.pop = widget.NewModalPopUp(container.NewGridWrap(fyne.NewSize(520, 360), d.content), u.win.Canvas())
	u.ask = d
	d.pop.Show()
	u.win.Canvas().Focus(d.text)
}

func newAskDialog(u *UI, f monitor.Finding) *askDialog {
	l := u.loc
	d := &askDialog{u: u, f: f, result: wrappedLabel(l, "", fyne.TextStyle{})}
	d.text = widget.NewMultiLineEntry()
	d.text.Wrapping = fyne.TextWrapWord
	d.text.SetPlaceHolder(l.T(locales.MSSAskHint, nil))
	d.text.SetMinRowsVisible(4)
	objs := []fyne.CanvasObject{
		widget.NewLabelWithStyle(l.T(locales.MSSAskTitle, nil), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		wrappedLabel(l, l.T(locales.MSSAskAbout, locales.Args{"Title": l.RuleTitle(f.Rule), "Subject": f.Subject}), fyne.TextStyle{}),
		d.text,
	}
	if f.Origin == monitor.OriginLocal {
		var row fyne.CanvasObject
		d.attach, row = wrappedCheck(l, l.T(locales.MSSAskAttach, nil), nil)
		objs = append(objs, row)
	} else {
		objs = append(objs, wrappedLabel(l, l.T(locales.MSSAskTheirs, nil), fyne.TextStyle{}))
	}
	d.send = widget.NewButton(l.T(locales.MSSAskSend, nil), d.doSend)
	d.send.Importance = widget.HighImportance
	closeButton := widget.NewButton(l.T(locales.ButtonClose, nil), func() {
		if d.pop != nil {
			d.pop.Hide()
		}
	})
	objs = append(objs, container.NewHBox(closeButton, d.send), d.result)
	d.content = container.NewVScroll(container.NewVBox(objs...))
	return d
}

func (d *askDialog) doSend() {
	l := d.u.loc
	text := strings.TrimSpace(d.text.Text)
	if text == "" {
		d.result.SetText(l.T(locales.MSSAskEmpty, nil))
		return
	}
	attach := d.attach != nil && d.attach.Checked
	f := d.f
	d.send.Disable()
	d.result.SetText(l.T(locales.MSSAskSending, nil))
	load(d.u, func(ctx context.Context) (MSSReceipt, error) {
		return d.u.cfg.MSS.Ask(ctx, text, &f, attach)
	}, func(r MSSReceipt, err error) {
		if err != nil {
			d.send.Enable()
			d.result.SetText(l.T(locales.MSSAskFailed, locales.Args{"Err": err}))
			return
		}
		msg := l.T(locales.MSSAskSent, locales.Args{"Provider": r.Provider, "ID": r.ID})
		switch {
		case r.Attached:
			msg += "\n" + l.T(locales.MSSAskWasAttached, nil)
		case r.Local:
			msg += "\n" + l.T(locales.MSSAskNotAttached, nil)
		}
		d.text.SetText("")
		d.result.SetText(msg)
	})
}
