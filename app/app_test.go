package app

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

var (
	jst     = time.FixedZone("JST", 9*60*60)
	testNow = time.Date(2026, 11, 23, 10, 0, 0, 0, jst)
)

func loc(t *testing.T, lang locales.Lang) *locales.Localizer {
	t.Helper()
	l, err := locales.New(lang)
	if err != nil {
		t.Fatal(err)
	}
	return l.InZone(jst)
}

// The statuses the golden images show.
var (
	fresh = status.Compute(status.Input{Now: testNow})
	red   = status.Compute(status.Input{Now: testNow,
		Sources: []monitor.Source{{Name: "FGT60F", LastSeen: testNow.Add(-2 * time.Minute)}},
		Findings: []monitor.Finding{{
			ID: 1, Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F",
			FirstSeen: testNow.Add(-50 * time.Hour), LastSeen: testNow.Add(-5 * time.Minute), Count: 1843,
			Origin: monitor.OriginLocal, State: monitor.StateOpen,
		}, {
			ID: 2, Rule: "port_scan", Severity: monitor.SeverityMedium, Subject: "198.51.100.23",
			FirstSeen: testNow.Add(-3 * time.Hour), LastSeen: testNow.Add(-1 * time.Hour), Count: 312,
			Origin: monitor.OriginLocal, State: monitor.StateOpen,
		}}})
	green = status.Compute(status.Input{Now: testNow,
		Sources: []monitor.Source{{Name: "FGT60F", LastSeen: testNow.Add(-time.Minute)}}})
)

// TestStatusViewGolden renders the status view with the bundled font and
// compares it with testdata/*.png: Japanese must show as glyphs, not
// replacement marks. Rewrite a golden by copying testdata/failed/<name>.
func TestStatusViewGolden(t *testing.T) {
	tests := []struct {
		name string
		lang locales.Lang
		st   status.Status
	}{
		{"status_fresh_ja.png", locales.Japanese, fresh},
		{"status_red_ja.png", locales.Japanese, red},
		{"status_red_en.png", locales.English, red},
		{"status_green_ja.png", locales.Japanese, green},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			a := test.NewTempApp(t)
			a.Settings().SetTheme(NewTheme())
			v := NewStatusView(loc(t, tt.lang))
			v.Show(tt.st, testNow)
			w := test.NewTempWindow(t, v.Content())
			w.Resize(fyne.NewSize(560, 420))
			test.AssertImageMatches(t, tt.name, w.Canvas().Capture())
		})
	}
}

func TestStatusViewTexts(t *testing.T) {
	test.NewTempApp(t)
	l := loc(t, locales.Japanese)
	v := NewStatusView(l)
	v.Show(red, testNow)
	if v.word.Text != "危険" {
		t.Errorf("word = %q, want 危険", v.word.Text)
	}
	if got := len(v.reasons.Objects); got != 2 {
		t.Errorf("%d reasons shown, want 2", got)
	}
	first := v.reasons.Objects[0]
	v.Show(red, testNow.Add(time.Minute))
	if v.reasons.Objects[0] != first {
		t.Error("the same status was drawn again; an idle app must not rebuild its widgets every refresh")
	}
	if v.updated.Text != "11月23日 10:01 に更新" {
		t.Errorf("updated line = %q", v.updated.Text)
	}
	v.Show(green, testNow)
	if v.word.Text != "異常なし" || len(v.reasons.Objects) != 1 {
		t.Errorf("green: word %q with %d rows; want 異常なし and the no-reasons line", v.word.Text, len(v.reasons.Objects))
	}
	v.ShowError(errors.New("disk I/O error"))
	if v.word.Text != "注意" || v.summary.Text == "" {
		t.Errorf("error: word %q summary %q", v.word.Text, v.summary.Text)
	}
}

// fakeDesktop is a test app with a tray, recording what is put there.
type fakeDesktop struct {
	fyne.App
	mu    sync.Mutex
	menu  *fyne.Menu
	icons []string
	sent  []*fyne.Notification
}

var _ desktop.App = (*fakeDesktop)(nil)

func (f *fakeDesktop) SetSystemTrayMenu(m *fyne.Menu) { f.menu = m }
func (f *fakeDesktop) SetSystemTrayIcon(r fyne.Resource) {
	f.icons = append(f.icons, r.Name())
}
func (f *fakeDesktop) SetSystemTrayWindow(fyne.Window) {}
func (f *fakeDesktop) SendNotification(n *fyne.Notification) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.sent = append(f.sent, n)
}

func newTestUI(t *testing.T, trayHost bool, load func(context.Context) (status.Status, error)) (*UI, *fakeDesktop) {
	t.Helper()
	fd := &fakeDesktop{App: test.NewTempApp(t)}
	u := New(fd, Config{
		Loc: loc(t, locales.Japanese), Store: openStore(t), Load: load, NotifyCooldown: time.Hour,
		Now: func() time.Time { return testNow }, TrayHost: func() bool { return trayHost },
		LocalAddrs: func() []string { return []string{"192.168.1.10"} }, Background: inPlace,
	})
	return u, fd
}

// inPlace runs background work at once, so that tests see its result
// without waiting (the test driver's fyne.Do runs in place too).
func inPlace(f func()) { f() }

// openStore is a fresh database in the test's temporary directory.
func openStore(t *testing.T) *store.Store {
	t.Helper()
	s, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "kizuki.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func fixed(st status.Status) func(context.Context) (status.Status, error) {
	return func(context.Context) (status.Status, error) { return st, nil }
}

func TestTrayFollowsTheLight(t *testing.T) {
	current := fresh
	u, fd := newTestUI(t, true, func(context.Context) (status.Status, error) { return current, nil })
	if !u.HasTray() || fd.menu == nil {
		t.Fatal("no tray installed although the desktop has a tray host")
	}
	u.Start(context.Background())
	items := fd.menu.Items
	if items[0].Label != "状態: 注意（黄）" {
		t.Errorf("status line = %q", items[0].Label)
	}
	if last := items[len(items)-1]; !last.IsQuit || last.Label != "終了" {
		t.Errorf("last item = %+v, want the Japanese quit item", last)
	}
	if got := fd.icons[len(fd.icons)-1]; got != "kizuki-yellow.png" {
		t.Errorf("tray icon = %s, want the yellow one", got)
	}

	current = red
	u.refresh()
	if items[0].Label != "状態: 危険（赤）" || fd.icons[len(fd.icons)-1] != "kizuki-red.png" {
		t.Errorf("after red: status line %q, icon %s", items[0].Label, fd.icons[len(fd.icons)-1])
	}
}

func TestCloseHidesToTrayAndMenuReopens(t *testing.T) {
	u, fd := newTestUI(t, true, fixed(fresh))
	u.Start(context.Background())
	u.Window().Close()
	if len(fd.Driver().AllWindows()) == 0 {
		t.Fatal("closing the window destroyed it although a tray exists")
	}
	open := fd.menu.Items[2]
	open.Action()
	if c := fd.Driver().AllWindows(); len(c) != 1 {
		t.Errorf("%d windows after reopening, want 1", len(c))
	}
}

func TestNoTrayHostMeansNoTray(t *testing.T) {
	u, fd := newTestUI(t, false, fixed(fresh))
	if u.HasTray() || fd.menu != nil {
		t.Error("tray installed although the desktop has no tray host: the hidden window could never come back")
	}
}

func TestLevelChangeNotifiesOnce(t *testing.T) {
	current := fresh
	u, fd := newTestUI(t, true, func(context.Context) (status.Status, error) { return current, nil })
	u.Start(context.Background())
	if len(fd.sent) != 0 {
		t.Fatalf("notified at start-up: %+v", fd.sent[0])
	}
	current = red
	u.refresh()
	u.refresh()
	if len(fd.sent) != 1 {
		t.Fatalf("%d notifications for one change to red, want 1", len(fd.sent))
	}
	if n := fd.sent[0]; n.Title != "気づき: 状態が「危険」になりました" || n.Content != "VPN へのパスワード総当たり攻撃" {
		t.Errorf("notification = %q / %q", n.Title, n.Content)
	}
	current = fresh
	u.refresh()
	current = red
	u.refresh()
	if len(fd.sent) != 2 {
		t.Errorf("%d notifications; flapping back to red within the cooldown must not notify again (want 2: red, yellow)", len(fd.sent))
	}
}

func TestPollerRefreshesUntilCancelled(t *testing.T) {
	loads := make(chan struct{}, 16)
	u, _ := newTestUI(t, false, func(context.Context) (status.Status, error) {
		loads <- struct{}{}
		return green, nil
	})
	u.cfg.Refresh = time.Millisecond
	ctx, cancel := context.WithCancel(context.Background())
	u.Start(ctx)
	for range 3 { // the first read, then two ticks
		<-loads
	}
	cancel()
}

func TestNotifierCooldown(t *testing.T) {
	t.Parallel()
	now := testNow
	var sent []string
	n := NewNotifier(func(x *fyne.Notification) { sent = append(sent, x.Title) }, 10*time.Minute, func() time.Time { return now })
	steps := []struct {
		advance time.Duration
		key     string
		want    bool
	}{
		{0, "a", true},
		{time.Minute, "a", false},
		{0, "b", true},
		{8 * time.Minute, "a", false},
		{time.Minute, "a", true},
	}
	for i, s := range steps {
		now = now.Add(s.advance)
		if got := n.Notify(s.key, s.key, ""); got != s.want {
			t.Errorf("step %d: Notify(%s) = %v, want %v", i, s.key, got, s.want)
		}
	}
	if len(sent) != 3 {
		t.Errorf("sent %v, want 3 notifications", sent)
	}
}

func TestThemeFonts(t *testing.T) {
	t.Parallel()
	th := NewTheme()
	if th.Font(fyne.TextStyle{}) != fontRegular || th.Font(fyne.TextStyle{Bold: true}) != fontBold {
		t.Error("regular and bold text must use the bundled Japanese font")
	}
	if th.Font(fyne.TextStyle{Monospace: true}) == fontRegular {
		t.Error("monospace should keep Fyne's monospace face")
	}
}

// At 150 % and 200 % the first window still fits a 1366×768 screen with a
// taskbar; at 100 % it keeps its designed size.
func TestWindowSizeFitsSmallScreens(t *testing.T) {
	for _, scale := range []float32{0, 1, 1.25, 1.5, 2} {
		got := windowSize(scale)
		s := max(scale, 1)
		if w, h := got.Width*s, got.Height*s; w > 1366 || h > 720 {
			t.Errorf("at %.0f %% the window is %.0f×%.0f pixels, more than 1366×720", s*100, w, h)
		}
		if scale <= 1 && got != fyne.NewSize(900, 620) {
			t.Errorf("at 100 %% the window is %v, want 900×620", got)
		}
	}
}
