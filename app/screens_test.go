package app

import (
	"context"
	"fmt"
	"net"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// seed fills st with what the screens show: a source, the three seed
// incidents as findings (a distributed VPN brute force, an infected PC,
// beaconing to a shady site) plus an MSS notice, and the events behind the
// brute force's timeline. Times are fixed around testNow.
func seed(t *testing.T, st *store.Store, onboarded bool) {
	t.Helper()
	ctx := t.Context()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	set := store.DefaultSettings()
	set.Onboarded, set.CompanyName, set.Gear = onboarded, "山田商事", monitor.VendorFortiGate
	must(st.SaveSettings(ctx, set))
	must(st.PutSource(ctx, monitor.Source{Name: "FGT60F", Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.1"}}))
	must(st.MarkReceived(ctx, "FGT60F", 48213, testNow.Add(-2*time.Minute)))
	var sources []string
	var events []monitor.Event
	for i := range 60 {
		src := fmt.Sprintf("203.0.113.%d", 10+i%40)
		sources = append(sources, src)
		at := testNow.Add(-50*time.Hour + time.Duration(i*i)*50*time.Minute/60)
		events = append(events, monitor.Event{Time: at, Received: at, Source: "FGT60F", Vendor: monitor.VendorFortiGate,
			Kind: monitor.KindVPN, Action: monitor.ActionLoginFailure, SrcIP: src, User: "admin", Service: "ssl-vpn", Raw: "x"})
	}
	must(st.InsertEvents(ctx, events))
	findings := []monitor.Finding{
		{Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F",
			FirstSeen: testNow.Add(-50 * time.Hour), LastSeen: testNow.Add(-5 * time.Minute), Count: 1843,
			Evidence: monitor.Evidence{Sources: sources, Users: []string{"admin", "test", "user01"},
				Samples: []string{`date=2026-11-23 time=09:55:02 devname="FGT60F" logid="0101039426" type="event" subtype="vpn" action="ssl-login-fail" remip=203.0.113.45 user="admin"`}}},
		{Rule: "infected_pc", Severity: monitor.SeverityCritical, Subject: "192.168.1.23",
			FirstSeen: testNow.Add(-26 * time.Hour), LastSeen: testNow.Add(-25 * time.Hour), Count: 14,
			Evidence: monitor.Evidence{Destinations: []string{"198.51.100.7"}}, State: monitor.StateAcknowledged},
		{Rule: "beaconing", Severity: monitor.SeverityMedium, Subject: "192.168.1.40",
			FirstSeen: testNow.Add(-72 * time.Hour), LastSeen: testNow.Add(-time.Hour), Count: 288,
			Evidence: monitor.Evidence{Destinations: []string{"push.example-ads.top"}}},
		{Rule: "mss_incident", Severity: monitor.SeverityLow, Subject: "FGT60F", Origin: "ExampleMSS",
			FirstSeen: testNow.Add(-3 * time.Hour), LastSeen: testNow.Add(-3 * time.Hour), Count: 1},
	}
	for _, f := range findings {
		_, err := st.RecordFinding(ctx, f)
		must(err)
	}
}

// newScreenUI is the app over a seeded database, started, without a tray.
func newScreenUI(t *testing.T, lang locales.Lang, onboarded bool, col Collector) (*UI, *store.Store) {
	t.Helper()
	a := test.NewTempApp(t)
	st := openStore(t)
	seed(t, st, onboarded)
	u := New(a, Config{
		Loc: loc(t, lang), Store: fixedDisk{st}, Collector: col, NotifyCooldown: time.Hour,
		Now: func() time.Time { return testNow }, TrayHost: func() bool { return false },
		LocalAddrs: func() []string { return []string{"192.168.1.10"} }, Background: inPlace,
	})
	u.Start(t.Context())
	u.win.Resize(fyne.NewSize(900, 620))
	// A second pass, as the next frame would: wrapped labels know their
	// height once laid out at their width.
	u.win.Content().Refresh()
	return u, st
}

// fixedDisk is a store on a disk with 50 GiB free, whatever the test
// machine has: the settings screen shows it.
type fixedDisk struct{ *store.Store }

func (f fixedDisk) StorageHealth(ctx context.Context) (*monitor.StorageHealth, error) {
	h, err := f.Store.StorageHealth(ctx)
	if err == nil {
		h.FreeBytes = 50 << 30
	}
	return h, err
}

// TestScreensGolden renders each screen in Japanese and English with fixed
// data and clock. Rewrite a golden by copying testdata/failed/<name>.
func TestScreensGolden(t *testing.T) {
	for _, lang := range locales.Langs {
		t.Run(string(lang), func(t *testing.T) {
			u, _ := newScreenUI(t, lang, true, nil)
			for _, id := range []string{"status", "findings", "settings"} {
				if !u.shell.showID(id) {
					t.Fatalf("no %s screen", id)
				}
				if id == "findings" {
					u.findings.list.Select(1) // the VPN brute force, with its timeline
				}
				test.AssertImageMatches(t, id+"_"+string(lang)+".png", u.win.Canvas().Capture())
			}
			u.settings.openAddSource()
			test.AssertImageMatches(t, "addsource_"+string(lang)+".png", u.win.Canvas().Capture())

			fresh, _ := newScreenUI(t, lang, false, nil)
			test.AssertImageMatches(t, "onboarding_"+string(lang)+".png", fresh.win.Canvas().Capture())
		})
	}
}

// The later cores' screens are not shown before they exist: the sidebar
// lists exactly the screens with a core behind them, plus what a core
// registers.
func TestShellListsOnlyScreensWithACore(t *testing.T) {
	u, _ := newScreenUI(t, locales.Japanese, true, nil)
	var titles []string
	for _, b := range u.shell.buttons {
		titles = append(titles, b.Text)
	}
	if got := strings.Join(titles, ","); got != "状態,検知,設定" {
		t.Errorf("sidebar = %s, want 状態,検知,設定", got)
	}

	a := test.NewTempApp(t)
	extra := widget.NewLabel("checklist")
	u2 := New(a, Config{Loc: loc(t, locales.Japanese), Store: openStore(t), Background: inPlace, TrayHost: func() bool { return false },
		Screens: []Screen{{ID: "checklist", Title: "チェックリスト", Content: extra}}})
	if n := len(u2.shell.buttons); n != 4 || u2.shell.buttons[2].Text != "チェックリスト" {
		t.Errorf("a registered screen is not listed before 設定: %d buttons", n)
	}
}

func TestFindingsFilters(t *testing.T) {
	u, _ := newScreenUI(t, locales.Japanese, true, nil)
	v := u.findings
	u.shell.showID("findings")
	rules := func() string {
		var out []string
		for _, f := range v.items {
			out = append(out, f.Rule)
		}
		return strings.Join(out, ",")
	}
	steps := []struct {
		name              string
		state, sev, orign int
		want              string
	}{
		{"open, any", 0, 0, 0, "infected_pc,vpn_bruteforce,beaconing,mss_incident"},
		{"high and above", 0, 2, 0, "infected_pc,vpn_bruteforce"},
		{"MSS only", 0, 0, 2, "mss_incident"},
		{"found by Kizuki, medium and above", 0, 1, 1, "infected_pc,vpn_bruteforce,beaconing"},
	}
	for _, s := range steps {
		v.state.SetSelectedIndex(s.state)
		v.severity.SetSelectedIndex(s.sev)
		v.origin.SetSelectedIndex(s.orign)
		if got := rules(); got != s.want {
			t.Errorf("%s: %s, want %s", s.name, got, s.want)
		}
	}
}

// findButton returns the first button under root with the given text.
func findButton(t *testing.T, root fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		switch o := o.(type) {
		case *widget.Button:
			if o.Text == text && found == nil {
				found = o
			}
		case *fyne.Container:
			for _, c := range o.Objects {
				walk(c)
			}
		}
	}
	walk(root)
	if found == nil {
		t.Fatalf("no %q button", text)
	}
	return found
}

func TestFindingsAcknowledgeAndFalsePositive(t *testing.T) {
	u, st := newScreenUI(t, locales.Japanese, true, nil)
	v := u.findings
	u.shell.showID("findings")
	v.severity.SetSelectedIndex(2)
	v.list.Select(1) // the open VPN brute force
	if v.items[1].Rule != "vpn_bruteforce" || v.selected != v.items[1].ID {
		t.Fatalf("selected %d, want the VPN brute force", v.selected)
	}
	id := v.selected
	if u.view.word.Text != "危険" {
		t.Fatalf("light %s before acknowledging, want 危険", u.view.word.Text)
	}
	test.Tap(findButton(t, v.detail, "確認済みにする"))
	if f, err := st.Findings(t.Context(), store.FindingFilter{}); err != nil || stateOf(f, id) != monitor.StateAcknowledged {
		t.Fatalf("after 確認済みにする: %v %v", stateOf(f, id), err)
	}
	if u.view.word.Text != "注意" {
		t.Errorf("light %s after acknowledging the only open high finding, want 注意", u.view.word.Text)
	}

	var asked string
	v.confirm = func(title, _ string, ok func()) { asked = title; ok() }
	for i, f := range v.items {
		if f.ID == id {
			v.list.Select(i)
		}
	}
	test.Tap(findButton(t, v.detail, "誤検知として登録"))
	if asked == "" {
		t.Error("a finding was put aside as a false positive without asking")
	}
	if f, _ := st.Findings(t.Context(), store.FindingFilter{}); stateOf(f, id) != monitor.StateFalsePositive {
		t.Errorf("state %s after 誤検知として登録, want false_positive", stateOf(f, id))
	}
	for _, f := range v.items {
		if f.ID == id {
			t.Error("a false positive is still listed among the findings needing attention")
		}
	}
}

func stateOf(fs []monitor.Finding, id int64) monitor.FindingState {
	for _, f := range fs {
		if f.ID == id {
			return f.State
		}
	}
	return ""
}

func TestFindingTimelineCountsItsEvents(t *testing.T) {
	u, _ := newScreenUI(t, locales.Japanese, true, nil)
	u.shell.showID("findings")
	v := u.findings
	for i, f := range v.items {
		if f.Rule == "vpn_bruteforce" {
			v.list.Select(i)
		}
	}
	var peak string
	for _, o := range v.detail.Objects {
		if box, ok := o.(*fyne.Container); ok && len(box.Objects) == 4 {
			if l, ok := box.Objects[0].(*widget.Label); ok {
				peak = l.Text
			}
		}
	}
	if !strings.HasSuffix(peak, "合計 60 件") {
		t.Errorf("timeline label %q, want the 60 stored VPN failures in all", peak)
	}
}

func TestSettingsSaveAsChanged(t *testing.T) {
	u, st := newScreenUI(t, locales.Japanese, true, nil)
	u.shell.showID("settings")
	v := u.settings
	v.quietOn.SetChecked(true)
	v.quietFrom.SetSelectedIndex(21)
	v.quietTo.SetSelectedIndex(6)
	v.language.SetSelectedIndex(2)
	v.retention.SetSelectedIndex(1)
	v.dbCap.SetSelected("8 GB")
	got, err := st.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := store.QuietHours{On: true, From: 21 * 60, To: 6 * 60}
	if got.Quiet != want || got.Language != "en" || got.RetentionDays != 90 || got.MaxDBMB != 8192 || got.CompanyName != "山田商事" {
		t.Errorf("stored %+v", got)
	}
	if u.prefs.Quiet != want {
		t.Errorf("the notifier's quiet hours were not updated: %+v", u.prefs.Quiet)
	}
	if v.note.Text != "保存しました。" {
		t.Errorf("note %q", v.note.Text)
	}
}

// TestSettingsShowDatabaseUse checks the size cap and what the database
// takes of it: a cap set outside the app (serve --max-db-mb) is offered as
// it is, and the usage line gives the database's size and the disk's
// free space as the store measures them.
func TestSettingsShowDatabaseUse(t *testing.T) {
	u, st := newScreenUI(t, locales.Japanese, true, nil)
	set, err := st.Settings(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	set.MaxDBMB = 1500
	if err := st.SaveSettings(t.Context(), set); err != nil {
		t.Fatal(err)
	}
	u.shell.showID("settings")
	v := u.settings
	if v.dbCap.Selected != "1500 MB" {
		t.Errorf("cap shown as %q, want the stored 1500 MB", v.dbCap.Selected)
	}
	h, err := st.StorageHealth(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprintf("いま %d MB（上限の %d%%）を使っています。", (h.DBBytes+1<<20-1)>>20, 100*h.DBBytes/h.LimitBytes)
	if !strings.HasPrefix(v.usage.Text, want) {
		t.Errorf("usage %q, want it to start %q", v.usage.Text, want)
	}
	if !strings.HasSuffix(v.usage.Text, "ディスクの空きは 51200 MB です。") {
		t.Errorf("usage %q does not give the disk's free space (51200 MB)", v.usage.Text)
	}
}

func TestOnboardingStoresAnswers(t *testing.T) {
	u, st := newScreenUI(t, locales.Japanese, false, nil)
	if u.win.Content() == u.shell.content {
		t.Fatal("a first run shows the main window instead of the wizard")
	}
	o := onboardingOf(t, u)
	o.company.SetText(" 鈴木工業 ")
	test.Tap(o.next)
	o.gear.SetSelected("Yamaha RTX / NVR")
	test.Tap(o.next)
	if o.connect == nil || o.connect.vendor.Selected != "Yamaha RTX / NVR" {
		t.Fatal("the connect step does not offer the chosen gear's instructions")
	}
	if !strings.Contains(o.connect.howto.Text, "syslog host 192.168.1.10") {
		t.Errorf("instructions %q do not name this PC's address", o.connect.howto.Text)
	}
	test.Tap(o.skip)
	test.Tap(o.next) // はじめる
	got, err := st.Settings(t.Context())
	if err != nil || !got.Onboarded || got.CompanyName != "鈴木工業" || got.Gear != monitor.VendorYamahaRTX {
		t.Errorf("stored %+v, %v", got, err)
	}
	if u.win.Content() != u.shell.content {
		t.Error("the wizard did not give way to the main window")
	}
}

// onboardingOf digs the wizard out of the window, which shows it.
func onboardingOf(t *testing.T, u *UI) *onboarding {
	t.Helper()
	if u.onboard == nil {
		t.Fatal("no wizard")
	}
	return u.onboard
}

// loopbackCollector is a real syslog listener on a loopback port whose
// lines go to WaitLine, as the tray app's collector does.
type loopbackCollector struct {
	srv   *ingest.Server
	lines chan monitor.Line
}

func (c *loopbackCollector) Deliver(l monitor.Line) {
	select {
	case c.lines <- l:
	default:
	}
}
func (c *loopbackCollector) Port() int                    { return c.srv.UDPAddr().(*net.UDPAddr).Port }
func (c *loopbackCollector) Reload(context.Context) error { return nil }
func (c *loopbackCollector) WaitLine(ctx context.Context, sender string) (monitor.Line, error) {
	for {
		select {
		case l := <-c.lines:
			if l.Sender == sender {
				return l, nil
			}
		case <-ctx.Done():
			return monitor.Line{}, ctx.Err()
		}
	}
}

func TestAddSourceConnectionTest(t *testing.T) {
	col := &loopbackCollector{lines: make(chan monitor.Line, 16)}
	srv, err := ingest.Listen(ingest.Config{UDPAddr: "127.0.0.1:0"}, col)
	if err != nil {
		t.Fatal(err)
	}
	col.srv = srv
	t.Cleanup(func() { srv.Close(context.Background()) })
	u, st := newScreenUI(t, locales.Japanese, true, col)
	u.shell.showID("settings")
	u.settings.openAddSource()
	a := newAddSource(u, monitor.VendorFortiGate, nil, nil)
	a.name.SetText("本社UTM")
	a.addr.SetText("127.0.0.1")

	stop := make(chan struct{})
	defer close(stop)
	go func() { // the UTM, sending once its owner saved its settings
		conn, err := net.Dial("udp", fmt.Sprintf("127.0.0.1:%d", col.Port()))
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		for {
			select {
			case <-stop:
				return
			case <-time.After(20 * time.Millisecond):
				conn.Write([]byte(`date=2026-11-23 time=10:00:00 devname="FGT60F" logid="0000000013" type="traffic" action="deny"`))
			}
		}
	}()
	test.Tap(a.save) // blocks in place until the first line
	if len(a.result.Objects) != 2 {
		t.Fatalf("result shows %d objects, want the message and the line", len(a.result.Objects))
	}
	if line := a.result.Objects[1].(*widget.Label).Text; !strings.Contains(line, `devname="FGT60F"`) {
		t.Errorf("received line shown as %q", line)
	}
	srcs, err := st.Sources(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	var saved bool
	for _, s := range srcs {
		saved = saved || (s.Name == "本社UTM" && s.Vendor == monitor.VendorFortiGate && s.AllowedSenders[0] == "127.0.0.1")
	}
	if !saved {
		t.Errorf("the new source is not stored: %+v", srcs)
	}

	a.addr.SetText("not an address")
	test.Tap(a.save)
	if msg := a.result.Objects[0].(*widget.Label).Text; !strings.Contains(msg, "192.168.1.1 のような形") {
		t.Errorf("a bad address gave %q", msg)
	}
}

func TestTrayPauseHoldsNotificationsBack(t *testing.T) {
	current := fresh
	u, fd := newTestUI(t, true, func(context.Context) (status.Status, error) { return current, nil })
	u.Start(t.Context())
	pause := fd.menu.Items[3]
	pause.Action()
	if !strings.HasPrefix(pause.Label, "通知を再開する（11:00 まで") {
		t.Errorf("pause item after pausing: %q", pause.Label)
	}
	current = red
	u.refresh()
	if len(fd.sent) != 0 {
		t.Errorf("notified while paused: %q", fd.sent[0].Title)
	}
	pause.Action()
	if pause.Label != "通知を 1 時間止める" {
		t.Errorf("pause item after resuming: %q", pause.Label)
	}
	current = fresh
	u.refresh()
	if len(fd.sent) != 1 {
		t.Errorf("%d notifications after resuming and a level change, want 1", len(fd.sent))
	}
}

func TestQuietHoursHoldNotificationsBack(t *testing.T) {
	t.Parallel()
	now := testNow
	var sent int
	n := NewNotifier(func(*fyne.Notification) { sent++ }, 0, func() time.Time { return now })
	n.SetQuiet(store.QuietHours{On: true, From: 22 * 60, To: 7 * 60}.Contains)
	now = time.Date(2026, 11, 23, 23, 30, 0, 0, jst)
	if n.Notify("a", "t", "") {
		t.Error("notified in the quiet hours")
	}
	now = time.Date(2026, 11, 24, 7, 0, 0, 0, jst)
	if !n.Notify("a", "t", "") || sent != 1 {
		t.Error("no notification after the quiet hours")
	}
}
