package mss_test

import (
	"context"
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// rig is a provider, a fresh database enrolled with it and a client.
type rig struct {
	p       *msstest.Provider
	st      *store.Store
	c       *mss.Client
	changes chan monitor.MSSChange
	enr     mss.Enrollment
}

func newRig(t testing.TB, opts msstest.Options, tweak func(*mss.Config)) *rig {
	t.Helper()
	p := msstest.New(opts)
	t.Cleanup(p.Close)
	st, err := store.Open(t.Context(), filepath.Join(t.TempDir(), "kizuki.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	p.AddCode("CODE-1234")
	enr, err := mss.Enroll(t.Context(), mss.EnrollConfig{URL: p.URL(), Code: "CODE-1234", RootCAs: p.CertPool(),
		Device: mss.Device{Name: "office", Version: "test"}})
	if err != nil {
		t.Fatalf("enroll: %v", err)
	}
	if err := st.PutMSSProvider(t.Context(), store.MSSProvider{Name: enr.Provider, URL: enr.URL, KeyID: enr.KeyID, Enrolled: time.Now()}); err != nil {
		t.Fatal(err)
	}
	r := &rig{p: p, st: st, changes: make(chan monitor.MSSChange, 100), enr: enr}
	cfg := mss.Config{
		URL: enr.URL, Provider: enr.Provider, Token: enr.Token, Keys: map[string][]byte{enr.KeyID: enr.Key},
		RootCAs: p.CertPool(), Store: st, OnChange: func(c monitor.MSSChange) { r.changes <- c },
		RetryBase: 5 * time.Millisecond, MaxRetry: 20 * time.Millisecond, AckEvery: time.Hour,
	}
	if tweak != nil {
		tweak(&cfg)
	}
	if r.c, err = mss.New(cfg); err != nil {
		t.Fatal(err)
	}
	return r
}

// run starts the client until the test ends.
func (r *rig) run(t testing.TB) {
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := r.c.Run(ctx); err != nil {
			t.Errorf("Run: %v", err)
		}
	}()
	t.Cleanup(func() { cancel(); <-done })
}

// next waits for the next change; it fails the test after 10 s.
func (r *rig) next(t testing.TB) monitor.MSSChange {
	t.Helper()
	select {
	case c := <-r.changes:
		return c
	case <-time.After(10 * time.Second):
		t.Fatal("no change within 10 s")
		return monitor.MSSChange{}
	}
}

func TestEnroll(t *testing.T) {
	t.Parallel()
	for _, useTLS := range []bool{false, true} {
		p := msstest.New(msstest.Options{Name: "SOC Tokyo", TLS: useTLS})
		t.Cleanup(p.Close)
		p.AddCode("ABCD-EFGH")
		cfg := mss.EnrollConfig{URL: p.URL() + "/", Code: " ABCD-EFGH\n", RootCAs: p.CertPool()}
		enr, err := mss.Enroll(t.Context(), cfg)
		if err != nil {
			t.Fatalf("tls %v: %v", useTLS, err)
		}
		if enr.Provider != "SOC Tokyo" || enr.KeyID != p.KeyID() || string(enr.Key) != string(p.Key()) || enr.Token == "" || enr.URL != p.URL() {
			t.Errorf("tls %v: enrolment %+v", useTLS, enr)
		}
		// The code works once.
		if _, err := mss.Enroll(t.Context(), cfg); !errors.Is(err, mss.ErrCodeRefused) {
			t.Errorf("tls %v: second use of the code: %v, want ErrCodeRefused", useTLS, err)
		}
		sec, err := mss.ParseSecret(enr.Secret())
		if err != nil || sec.Token != enr.Token || string(sec.Key) != string(enr.Key) {
			t.Errorf("secret round trip: %+v, %v", sec, err)
		}
	}
}

func TestEnrollRefusals(t *testing.T) {
	t.Parallel()
	p := msstest.New(msstest.Options{TLS: true})
	t.Cleanup(p.Close)
	tests := []struct {
		name string
		cfg  mss.EnrollConfig
		// fault, when set, is applied to the provider's answer.
		fault  msstest.Fault
		reason string // the reject reason wanted, if any
		check  func(error) bool
	}{
		{name: "plain http off this machine", cfg: mss.EnrollConfig{URL: "http://mss.example.jp", Code: "C1"},
			check: func(err error) bool { return errors.Is(err, mss.ErrInsecureURL) }},
		{name: "unknown scheme", cfg: mss.EnrollConfig{URL: "ftp://127.0.0.1", Code: "C1"},
			check: func(err error) bool { return errors.Is(err, mss.ErrInsecureURL) }},
		{name: "certificate not trusted", cfg: mss.EnrollConfig{URL: p.URL(), Code: "C1"},
			check: func(err error) bool { return err != nil && strings.Contains(err.Error(), "certificate") }},
		{name: "answer not signed with the code", cfg: mss.EnrollConfig{URL: p.URL(), Code: "C2", RootCAs: p.CertPool()},
			fault: msstest.Fault{BadSignature: true}, reason: monitor.RejectBadSignature},
		{name: "answer signed long ago", cfg: mss.EnrollConfig{URL: p.URL(), Code: "C3", RootCAs: p.CertPool()},
			fault: msstest.Fault{Skew: -10 * time.Minute}, reason: monitor.RejectStale},
		{name: "unknown code", cfg: mss.EnrollConfig{URL: p.URL(), Code: "NOPE", RootCAs: p.CertPool()},
			check: func(err error) bool { return errors.Is(err, mss.ErrCodeRefused) }},
	}
	for _, tt := range tests {
		// Sequential: the fault is the provider's.
		if tt.name != "unknown code" {
			p.AddCode(tt.cfg.Code)
		}
		p.SetFault(tt.fault)
		_, err := mss.Enroll(t.Context(), tt.cfg)
		p.SetFault(msstest.Fault{})
		var re *mss.RejectError
		switch {
		case tt.reason != "" && (!errors.As(err, &re) || re.Reason != tt.reason):
			t.Errorf("%s: %v, want a refusal for %s", tt.name, err, tt.reason)
		case tt.check != nil && !tt.check(err):
			t.Errorf("%s: unexpected error %v", tt.name, err)
		}
	}
}

// TestCatchUpStreamReconnect: notifications published before the client
// starts, while it streams, while the stream is down, and one sent again
// by the provider all arrive, each once, in order.
func TestCatchUpStreamReconnect(t *testing.T) {
	t.Parallel()
	r := newRig(t, msstest.Options{TLS: true}, nil)
	at := time.Now()
	uid := func(i int) string { return "INC-" + string(rune('A'+i)) }
	for i := range 3 { // before: caught up
		r.p.Publish(msstest.Finding(uid(i), 1, 4, "", at))
	}
	r.p.DropAfter(2) // every stream dies after two events
	r.run(t)
	var got []string
	for range 3 {
		got = append(got, r.next(t).Finding.Subject)
	}
	for i := 3; i < 6; i++ { // pushed over streams that keep dying
		r.p.Publish(msstest.Finding(uid(i), 1, 4, "", at))
		got = append(got, r.next(t).Finding.Subject)
	}
	r.p.DropStreams()
	for i := 6; i < 9; i++ { // published while it reconnects
		r.p.Publish(msstest.Finding(uid(i), 1, 3, "advisory", at))
	}
	for range 3 {
		got = append(got, r.next(t).Finding.Subject)
	}
	// The provider sends notification 1 again, under a new cursor.
	r.p.Publish(msstest.Finding(uid(0), 1, 4, "", at))
	again, _ := json.Marshal(mss.Notification{ID: "n-1", Cursor: "11", Finding: mustJSON(t, msstest.Finding(uid(0), 1, 4, "", at))})
	r.p.PublishEvent(again)
	last := r.p.Publish(msstest.Finding(uid(9), 1, 4, "", at))
	for {
		c := r.next(t)
		got = append(got, c.Finding.Subject)
		if c.Notice.ID == last.ID {
			break
		}
	}
	want := []string{}
	for i := range 9 {
		want = append(want, uid(i))
	}
	want = append(want, uid(0), uid(9)) // n-10: a new notification (update of A); n-1 again: dropped
	if !slices.Equal(got, want) {
		t.Errorf("changes for %q, want %q", got, want)
	}
	if r.p.Streams() < 3 {
		t.Errorf("%d streams opened; the test wanted reconnections", r.p.Streams())
	}
	active, err := r.st.ActiveFindings(t.Context())
	if err != nil || len(active) != 10 {
		t.Fatalf("%d active findings (%v), want 10", len(active), err)
	}
	for _, f := range active {
		if f.Origin != r.enr.Provider {
			t.Errorf("finding %s origin %q", f.Subject, f.Origin)
		}
	}
	cursor, _ := r.st.MSSCursor(t.Context())
	if cursor != "12" {
		t.Errorf("cursor %q, want 12", cursor)
	}
	if s := r.c.Stats(); s.Duplicates != 1 || s.Applied != 11 {
		t.Errorf("stats %+v, want 11 applied and 1 duplicate", s)
	}
}

func mustJSON(t *testing.T, v any) json.RawMessage {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestUpdateAndWithdrawal(t *testing.T) {
	t.Parallel()
	r := newRig(t, msstest.Options{}, nil)
	at := time.Now()
	r.run(t)
	r.p.Publish(msstest.Finding("INC-7", 1, 5, "", at))
	c := r.next(t)
	if !c.New || c.Finding.Severity != monitor.SeverityCritical || c.Finding.Rule != monitor.RuleMSSIncident ||
		c.Finding.Playbook != monitor.RuleMSSIncident || c.Finding.State != monitor.StateOpen {
		t.Fatalf("create: %+v", c)
	}
	id := c.Finding.ID
	light := func() monitor.Level {
		st, err := status.Load(t.Context(), r.st, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		return st.Level
	}
	if l := light(); l != monitor.LevelRed {
		t.Errorf("light after an incident: %v", l)
	}

	// The provider revises it down to low, with a playbook, and the owner
	// had acknowledged it in between.
	if err := r.st.SetFindingState(t.Context(), id, monitor.StateAcknowledged); err != nil {
		t.Fatal(err)
	}
	upd := msstest.Finding("INC-7", 2, 2, "", at.Add(time.Minute))
	upd.Unmapped.Kizuki.Playbook = "vpn_bruteforce"
	r.p.Publish(upd)
	c = r.next(t)
	f, err := r.st.Finding(t.Context(), id)
	if err != nil {
		t.Fatal(err)
	}
	if c.New || c.Finding.ID != id || f.Severity != monitor.SeverityLow || f.State != monitor.StateAcknowledged || f.Playbook != "vpn_bruteforce" {
		t.Errorf("update: change %+v, stored %+v", c, f)
	}
	// The owner's acknowledgement flows back: the update did not swallow it.
	if err := r.c.FlushAcks(t.Context()); err != nil {
		t.Fatal(err)
	}
	if acks := r.p.Acks(); len(acks) != 1 || acks[0].FindingUID != "INC-7" || acks[0].State != "acknowledged" || acks[0].Notification != "n-2" {
		t.Errorf("acks %+v", acks)
	}

	// Withdrawn.
	r.p.Publish(msstest.Finding("INC-7", 3, 2, "", at.Add(2*time.Minute)))
	r.next(t)
	if f, _ = r.st.Finding(t.Context(), id); f.State != monitor.StateResolved {
		t.Errorf("after close: state %s", f.State)
	}
	if l := light(); l != monitor.LevelYellow { // yellow: no log source configured
		t.Errorf("light after the withdrawal: %v", l)
	}
	// Nothing to report: the provider closed it itself.
	if err := r.c.FlushAcks(t.Context()); err != nil || len(r.p.Acks()) != 1 {
		t.Errorf("acks after the provider's close: %d (%v)", len(r.p.Acks()), err)
	}
	// Revised after the close: open again, same finding.
	r.p.Publish(msstest.Finding("INC-7", 2, 4, "", at.Add(3*time.Minute)))
	if c = r.next(t); c.Finding.ID != id || c.Finding.State != monitor.StateOpen {
		t.Errorf("reopen: %+v", c.Finding)
	}
	texts, err := r.st.MSSFindingOf(t.Context(), c.Finding)
	if err != nil || texts.Title.En != "Brute force against the SSL-VPN" || texts.UID != "INC-7" ||
		!strings.Contains(texts.Remediation.Ja, "多要素認証") {
		t.Errorf("texts %+v (%v)", texts, err)
	}
}

// TestRejections: each kind of bad input is refused, counted under its
// reason and shown in the light; nothing crashes, and good input after it
// still arrives.
func TestRejections(t *testing.T) {
	t.Parallel()
	big := msstest.Finding("INC-BIG", 1, 4, "", time.Now())
	big.FindingInfo.Desc = strings.Repeat("あ", mss.MaxBody/3+10)
	wrongClass := msstest.Finding("INC-X", 1, 4, "", time.Now())
	wrongClass.ClassUID = 2003
	wrongClass.TypeUID = 200301
	tests := []struct {
		name   string
		fault  msstest.Fault
		raw    json.RawMessage // published instead of a good finding
		event  []byte          // a whole event instead
		reason string
		// skipped: authentic but unusable, passed over for good;
		// otherwise refused until the provider mends it.
		skipped bool
	}{
		{name: "bad signature", fault: msstest.Fault{BadSignature: true}, reason: monitor.RejectBadSignature},
		{name: "unsigned", fault: msstest.Fault{Unsigned: true}, reason: monitor.RejectBadSignature},
		{name: "stale timestamp", fault: msstest.Fault{Skew: -6 * time.Minute}, reason: monitor.RejectStale},
		{name: "timestamp from the future", fault: msstest.Fault{Skew: 6 * time.Minute}, reason: monitor.RejectStale},
		{name: "unknown key", fault: msstest.Fault{KeyID: "k9"}, reason: monitor.RejectUnknownKey},
		{name: "oversize", raw: mustJSON(t, big), reason: monitor.RejectOversize},
		{name: "malformed JSON", event: []byte(`{"id":"n-1","cursor":"1","finding":{`), reason: monitor.RejectMalformed},
		{name: "finding not an object", raw: json.RawMessage(`"hello"`), reason: monitor.RejectMalformed, skipped: true},
		{name: "invalid OCSF", raw: mustJSON(t, wrongClass), reason: monitor.RejectInvalidOCSF, skipped: true},
	}
	for _, tt := range tests {
		for _, path := range []string{"catch-up", "stream"} {
			t.Run(tt.name+"/"+path, func(t *testing.T) {
				t.Parallel()
				r := newRig(t, msstest.Options{}, nil)
				errs := make(chan error, 100)
				r2 := newClient(t, r, func(cfg *mss.Config) {
					cfg.OnError = func(err error, _ time.Duration) {
						select {
						case errs <- err:
						default:
						}
					}
				})
				if path == "stream" {
					r.runClient(t, r2)
					r.p.Publish(msstest.Finding("INC-0", 1, 4, "", time.Now()))
					r.next(t) // streaming now
				}
				r.p.SetFault(tt.fault)
				switch {
				case tt.event != nil:
					r.p.PublishEvent(tt.event)
				case tt.raw != nil:
					r.p.PublishRaw(tt.raw)
				default:
					r.p.Publish(msstest.Finding("INC-1", 1, 4, "", time.Now()))
				}
				if path == "catch-up" {
					if err := r2.CatchUp(t.Context()); err == nil && !tt.skipped {
						t.Fatal("CatchUp accepted it")
					}
				} else {
					select {
					case <-errs:
					case <-time.After(10 * time.Second):
						t.Fatal("no error reported within 10 s")
					}
				}
				h, err := r.st.MSSHealth(t.Context())
				if err != nil {
					t.Fatal(err)
				}
				if h.Rejects[tt.reason].Count < 1 {
					t.Errorf("rejects %+v, want %s counted", h.Rejects, tt.reason)
				}
				st := status.Compute(status.Input{Now: time.Now(), MSS: h})
				if !slices.ContainsFunc(st.Reasons, func(r status.Reason) bool { return r.Code == "mss."+tt.reason }) {
					t.Errorf("reasons %+v, want mss.%s", st.Reasons, tt.reason)
				}
				// Mended: what follows still arrives.
				r.p.SetFault(msstest.Fault{})
				good := r.p.Publish(msstest.Finding("INC-2", 1, 4, "", time.Now()))
				if path == "catch-up" {
					err := r2.CatchUp(t.Context())
					if tt.skipped && err != nil {
						t.Fatalf("CatchUp after a skipped notification: %v", err)
					}
					want := good.Cursor
					if !tt.skipped && tt.fault == (msstest.Fault{}) {
						// Refused for its content, it stays in the feed
						// until the provider mends or withdraws it:
						// nothing after it is read past it.
						want = ""
					}
					if c, _ := r.st.MSSCursor(t.Context()); c != want {
						t.Errorf("cursor %q, want %q", c, want)
					}
					return
				}
				if !tt.skipped && tt.fault == (msstest.Fault{}) {
					return // the bad event stays in the feed and blocks, as it should
				}
				for {
					if c := r.next(t); c.Notice.ID == good.ID {
						break
					}
				}
			})
		}
	}
}

// newClient makes a second client of the rig's database, with tweaks.
func newClient(t *testing.T, r *rig, tweak func(*mss.Config)) *mss.Client {
	t.Helper()
	cfg := mss.Config{
		URL: r.enr.URL, Provider: r.enr.Provider, Token: r.enr.Token, Keys: map[string][]byte{r.enr.KeyID: r.enr.Key},
		RootCAs: r.p.CertPool(), Store: r.st, OnChange: func(c monitor.MSSChange) { r.changes <- c },
		RetryBase: 5 * time.Millisecond, MaxRetry: 20 * time.Millisecond, AckEvery: time.Hour,
	}
	tweak(&cfg)
	c, err := mss.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func (r *rig) runClient(t *testing.T, c *mss.Client) {
	r.c = c
	r.run(t)
}

func TestAskAndHeartbeat(t *testing.T) {
	t.Parallel()
	r := newRig(t, msstest.Options{TLS: true}, func(cfg *mss.Config) {
		cfg.Heartbeat = true
		cfg.Version = "0.1.0"
		cfg.Light = func(context.Context) (monitor.Level, error) { return monitor.LevelRed, nil }
	})
	local := monitor.Finding{
		ID: 3, Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F", Count: 40,
		FirstSeen: time.Now().Add(-time.Hour), LastSeen: time.Now(), State: monitor.StateOpen, Playbook: "vpn_bruteforce",
		Evidence: monitor.Evidence{Sources: []string{"203.0.113.45"}, Users: []string{"admin"}, Destinations: []string{"vpn.example.jp"}},
	}
	attached := mss.FindingToOCSF(local, "0.1.0", "VPN へのパスワード総当たり攻撃")
	if err := attached.Validate(); err != nil {
		t.Fatalf("FindingToOCSF gives an invalid finding: %v", err)
	}
	id, err := r.c.Ask(t.Context(), mss.MessageRequest{Text: "この攻撃は止まりましたか？", Lang: "ja", Finding: &attached})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := r.c.Ask(t.Context(), mss.MessageRequest{Text: "  ", Lang: "ja"}); err == nil {
		t.Error("an empty question was sent")
	}
	msgs := r.p.Messages()
	if len(msgs) != 1 || msgs[0].ID != id || msgs[0].Finding == nil || msgs[0].Finding.FindingInfo.UID != "kizuki-3" {
		t.Errorf("messages %+v", msgs)
	}
	if err := r.c.SendHeartbeat(t.Context()); err != nil {
		t.Fatal(err)
	}
	if hb := r.p.Heartbeats(); len(hb) != 1 || hb[0].Light != "red" || hb[0].Version != "0.1.0" {
		t.Errorf("heartbeats %+v", hb)
	}
	p, _ := r.st.MSSProvider(t.Context())
	if p.LastContact.IsZero() {
		t.Error("no contact recorded")
	}
}

func TestTokenRefused(t *testing.T) {
	t.Parallel()
	r := newRig(t, msstest.Options{}, nil)
	c := newClient(t, r, func(cfg *mss.Config) { cfg.Token = "stolen" })
	if err := c.CatchUp(t.Context()); !errors.Is(err, mss.ErrUnauthorized) {
		t.Errorf("CatchUp with a wrong token: %v", err)
	}
}

// BenchmarkPushLatency measures the time from the provider publishing a
// notification to Kizuki having it stored and handed to OnChange, over a
// TLS stream on loopback. It reports the median (p50-ms) and the 99th
// percentile besides the mean (ns/op).
func BenchmarkPushLatency(b *testing.B) {
	r := newRig(b, msstest.Options{TLS: true}, nil)
	r.run(b)
	at := time.Now()
	r.p.Publish(msstest.Finding("INC-warm", 1, 4, "", at))
	r.next(b)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := range b.N {
		start := time.Now()
		r.p.Publish(msstest.Finding("INC-"+strconv.Itoa(i), 1, 4, "", at))
		r.next(b)
		lat = append(lat, time.Since(start))
	}
	b.StopTimer()
	slices.Sort(lat)
	b.ReportMetric(float64(lat[len(lat)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(lat[len(lat)*99/100].Microseconds())/1000, "p99-ms")
}
