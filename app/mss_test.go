package app

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
	"github.com/kizuki-app/kizuki/monitor/endpoint/endpointtest"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// loopbackMSS is the MSS connection over the real protocol to a reference
// provider on loopback, keeping the secret in memory (main's service keeps
// it in the keyring). Its client is driven by CatchUp, so tests need no
// timing.
type loopbackMSS struct {
	st       *store.Store
	onChange func(monitor.MSSChange)
	mu       sync.Mutex
	secret   string
}

func (m *loopbackMSS) client() (*mss.Client, store.MSSProvider, error) {
	p, err := m.st.MSSProvider(context.Background())
	if err != nil {
		return nil, p, err
	}
	m.mu.Lock()
	s, err := mss.ParseSecret(m.secret)
	m.mu.Unlock()
	if err != nil {
		return nil, p, err
	}
	c, err := mss.New(mss.Config{URL: p.URL, Provider: p.Name, Token: s.Token, Keys: map[string][]byte{s.KeyID: s.Key},
		Store: m.st, OnChange: m.onChange})
	return c, p, err
}

func (m *loopbackMSS) State(ctx context.Context) (MSSState, error) {
	p, err := m.st.MSSProvider(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return MSSState{}, nil
	}
	h, herr := m.st.MSSHealth(ctx)
	if err = errors.Join(err, herr); err != nil {
		return MSSState{}, err
	}
	return MSSState{Enrolled: true, Provider: p, Rejects: h.Rejects, Secrets: secrets.BackendKeyring}, nil
}

func (m *loopbackMSS) Enroll(ctx context.Context, url, code string, heartbeat bool) (MSSState, error) {
	enr, err := mss.Enroll(ctx, mss.EnrollConfig{URL: url, Code: code})
	if err != nil {
		return MSSState{}, err
	}
	m.mu.Lock()
	m.secret = enr.Secret()
	m.mu.Unlock()
	if err := m.st.PutMSSProvider(ctx, store.MSSProvider{Name: enr.Provider, URL: enr.URL, KeyID: enr.KeyID, Heartbeat: heartbeat, Enrolled: testNow}); err != nil {
		return MSSState{}, err
	}
	return m.State(ctx)
}

func (m *loopbackMSS) SetHeartbeat(ctx context.Context, on bool) error {
	return m.st.SetMSSHeartbeat(ctx, on)
}

func (m *loopbackMSS) Test(ctx context.Context) error {
	c, _, err := m.client()
	if err != nil {
		return err
	}
	return c.CatchUp(ctx)
}

func (m *loopbackMSS) Leave(ctx context.Context) error { return m.st.DeleteMSSProvider(ctx) }

func (m *loopbackMSS) Ask(ctx context.Context, text string, f *monitor.Finding, attach bool) (MSSReceipt, error) {
	c, p, err := m.client()
	if err != nil {
		return MSSReceipt{}, err
	}
	r := MSSReceipt{Provider: p.Name}
	msg := mss.MessageRequest{Text: text, Lang: "ja"}
	if mf, err := m.st.MSSFindingOf(ctx, *f); err == nil {
		msg.FindingUID = mf.UID
	} else if attach {
		o := mss.FindingToOCSF(*f, "test", f.Rule)
		msg.Finding, r.Attached = &o, true
	} else {
		r.Local = true
	}
	r.ID, err = c.Ask(ctx, msg)
	return r, err
}

// newMSSUI is the app over the seeded database with an MSS connection to
// p, started, with a tray whose notifications are recorded.
func newMSSUI(t *testing.T, lang locales.Lang) (*UI, *fakeDesktop, *loopbackMSS) {
	t.Helper()
	fd := &fakeDesktop{App: test.NewTempApp(t)}
	st := openStore(t)
	seed(t, st, true)
	m := &loopbackMSS{st: st}
	u := New(fd, Config{
		Loc: loc(t, lang), Store: fixedDisk{st}, MSS: m, NotifyCooldown: time.Hour,
		Now: func() time.Time { return testNow }, TrayHost: func() bool { return true },
		LocalAddrs: func() []string { return []string{"192.168.1.10"} }, Background: inPlace,
	})
	m.onChange = u.MSSChanged
	u.Start(t.Context())
	u.win.Resize(fyne.NewSize(900, 620))
	return u, fd, m
}

// Enrolment through 設定 against the reference provider over loopback; a
// pushed notification appears in 検知 and pops up once; MSS に相談 sends
// without the finding unless the box is ticked.
func TestMSSEnrollNotifyAsk(t *testing.T) {
	p := msstest.New(msstest.Options{Name: "例示セキュリティ監視センター"})
	t.Cleanup(p.Close)
	p.AddCode("7KQ2-M9XD")
	u, fd, m := newMSSUI(t, locales.Japanese)
	u.shell.showID("settings")
	s := u.settings.mss

	s.url.SetText("http://example.invalid")
	test.Tap(s.enroll)
	if !strings.Contains(s.result.Text, "https://") {
		t.Errorf("a plain-http URL off this PC gave %q", s.result.Text)
	}
	s.url.SetText(p.URL())
	s.code.SetText("WRONG")
	test.Tap(s.enroll)
	if !strings.Contains(s.result.Text, "登録コードが受け付けられませんでした") {
		t.Errorf("a refused code gave %q", s.result.Text)
	}
	s.code.SetText("7KQ2-M9XD")
	test.Tap(s.enroll)
	if !s.state.Enrolled || !strings.Contains(s.result.Text, "「例示セキュリティ監視センター」に登録しました") {
		t.Fatalf("enrol: %q, state %+v", s.result.Text, s.state)
	}
	test.Tap(s.test)
	if !strings.Contains(s.result.Text, "正しくつながっています") {
		t.Errorf("connection test: %q", s.result.Text)
	}

	// The provider pushes an incident; the client (here: its catch-up)
	// stores it and tells the app.
	sent := len(fd.sent)
	p.Publish(msstest.Finding("INC-2026-0042", 1, 4, "", testNow))
	if err := m.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	u.shell.showID("findings")
	var found *monitor.Finding
	for i, f := range u.findings.items {
		if f.Subject == "INC-2026-0042" {
			found = &u.findings.items[i]
		}
	}
	if found == nil {
		t.Fatal("the pushed notification is not in the findings list")
	}
	if got := fd.sent[sent:]; len(got) != 1 || !strings.Contains(got[0].Title, "例示セキュリティ監視センター") || !strings.Contains(got[0].Content, "SSL-VPN への総当たり攻撃") {
		t.Errorf("notifications after the push: %+v, want one naming the provider and its title", got)
	}
	u.refresh() // the light's next reading must not announce the same finding again
	if n := len(fd.sent) - sent; n != 1 {
		t.Errorf("%d notifications for one pushed finding, want 1", n)
	}

	// MSS に相談 on a local finding: not attached unless ticked.
	local := u.findings.items[0]
	if local.Origin != monitor.OriginLocal {
		t.Fatalf("first finding %+v is not local", local)
	}
	for _, attach := range []bool{false, true} {
		u.openAsk(local)
		d := u.ask
		if d.attach == nil || d.attach.Checked {
			t.Fatal("the attach box is missing or ticked by default")
		}
		test.Tap(d.send)
		if !strings.Contains(d.result.Text, "相談したいことを書いてください") {
			t.Errorf("empty question: %q", d.result.Text)
		}
		d.text.SetText("この攻撃は止まりましたか")
		d.attach.SetChecked(attach)
		test.Tap(d.send)
		if !strings.Contains(d.result.Text, "相談を送りました") {
			t.Fatalf("send: %q", d.result.Text)
		}
		msgs := p.Messages()
		last := msgs[len(msgs)-1]
		if last.Text != "この攻撃は止まりましたか" || (last.Finding != nil) != attach {
			t.Errorf("attach %v: the provider received %+v", attach, last)
		}
		d.pop.Hide()
	}
	// On the provider's own finding the question names its id instead.
	u.openAsk(*found)
	if u.ask.attach != nil {
		t.Error("the provider's own finding offers to attach itself")
	}
	u.ask.text.SetText("手順を教えてください")
	test.Tap(u.ask.send)
	if msgs := p.Messages(); msgs[len(msgs)-1].FindingUID != "INC-2026-0042" {
		t.Errorf("question about the provider's finding: %+v", msgs[len(msgs)-1])
	}
	u.ask.pop.Hide()

	// A withdrawal updates the list without a pop-up.
	sent = len(fd.sent)
	p.Publish(msstest.Finding("INC-2026-0042", 3, 4, "", testNow))
	if err := m.Test(t.Context()); err != nil {
		t.Fatal(err)
	}
	for _, f := range u.findings.items {
		if f.Subject == "INC-2026-0042" {
			t.Error("a withdrawn notification is still listed among the open findings")
		}
	}
	if len(fd.sent) != sent {
		t.Errorf("a withdrawal popped up: %+v", fd.sent[sent:])
	}
}

// recordedChecks runs the recorded Linux PC's checks against the store,
// as main's RunDue does against this PC.
type recordedChecks struct {
	st  *store.Store
	sys endpoint.System
}

func (c recordedChecks) RunDue(ctx context.Context) (bool, error) {
	_, ran, err := endpoint.RunDue(ctx, c.sys, c.st)
	return ran, err
}

func (c recordedChecks) RunNow(ctx context.Context) error {
	_, err := endpoint.RunAndStore(ctx, c.sys, c.st)
	return err
}

// TestScreensGoldenMSSAndThisPC renders 設定 with an enrolled provider and
// この PC after the daily checks of a recorded PC (stale antivirus, a
// suspicious notification permission), in Japanese and English.
func TestScreensGoldenMSSAndThisPC(t *testing.T) {
	for _, lang := range locales.Langs {
		t.Run(string(lang), func(t *testing.T) {
			a := test.NewTempApp(t)
			st := openStore(t)
			seed(t, st, true)
			ctx := t.Context()
			if err := st.PutMSSProvider(ctx, store.MSSProvider{Name: "例示セキュリティ監視センター", URL: "https://mss.example.jp", KeyID: "k1", Heartbeat: true, Enrolled: testNow.Add(-72 * time.Hour)}); err != nil {
				t.Fatal(err)
			}
			if err := st.MarkMSSContact(ctx, testNow.Add(-time.Minute)); err != nil {
				t.Fatal(err)
			}
			if err := st.AddMSSReject(ctx, monitor.RejectBadSignature, testNow.Add(-time.Hour)); err != nil {
				t.Fatal(err)
			}
			sys, err := endpointtest.Case("../monitor/endpoint/testdata/linux-risky", testNow)
			if err != nil {
				t.Fatal(err)
			}
			u := New(a, Config{
				Loc: loc(t, lang), Store: fixedDisk{st}, MSS: &loopbackMSS{st: st}, Checks: recordedChecks{st: st, sys: sys},
				NotifyCooldown: time.Hour, Now: func() time.Time { return testNow }, TrayHost: func() bool { return false },
				LocalAddrs: func() []string { return []string{"192.168.1.10"} }, Background: inPlace,
			})
			u.Start(ctx)
			u.win.Resize(fyne.NewSize(900, 620))
			for _, id := range []string{"settings", "thispc"} {
				if !u.shell.showID(id) {
					t.Fatalf("no %s screen", id)
				}
				u.win.Content().Refresh()
				if id == "settings" {
					u.settings.form.ScrollToOffset(fyne.NewPos(0, 120))
				}
				test.AssertImageMatches(t, id+"_mss_"+string(lang)+".png", u.win.Canvas().Capture())
			}
			if len(u.thisPC.results.Objects) == 0 {
				t.Error("この PC shows no check after the daily run")
			}
		})
	}
}
