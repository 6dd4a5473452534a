package main

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// The service the tray app and serve share: enrolment starts the client,
// a pushed notification reaches onChange, the heartbeat consent restarts
// it with heartbeats, and leaving stops it and forgets token and provider.
func TestMSSServiceLifecycle(t *testing.T) {
	p := msstest.New(msstest.Options{Name: "例示セキュリティ監視センター", Keepalive: 50 * time.Millisecond})
	t.Cleanup(p.Close)
	p.AddCode("CODE-1")
	dir := t.TempDir()
	st, err := store.Open(t.Context(), filepath.Join(dir, "kizuki.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	e := &env{now: time.Now, loc: locales.MustNew(locales.Japanese)}
	svc := newMSSService(e, st, dir)
	svc.openSecrets = func() (*secrets.Secrets, error) { return secrets.OpenFile(dir) }
	changes := make(chan monitor.MSSChange, 4)
	svc.onChange = func(c monitor.MSSChange) { changes <- c }
	svc.light = func(context.Context) (monitor.Level, error) { return monitor.LevelYellow, nil }

	ctx, cancel := context.WithCancel(t.Context())
	defer svc.wait()
	defer cancel()
	if _, enrolled, err := svc.start(ctx); enrolled || err != nil {
		t.Fatalf("start before enrolment: enrolled %v, %v", enrolled, err)
	}
	if err := svc.test(ctx); !errors.Is(err, errNotEnrolled) {
		t.Errorf("test before enrolment: %v", err)
	}
	enr, backend, err := svc.enroll(ctx, p.URL(), "CODE-1", false, nil)
	if err != nil || enr.Provider != "例示セキュリティ監視センター" || backend != secrets.BackendFile {
		t.Fatalf("enroll: %+v %q %v", enr, backend, err)
	}

	p.Publish(msstest.Finding("INC-1", 1, 4, "", time.Now()))
	select {
	case c := <-changes:
		if !c.New || c.Finding.Origin != enr.Provider || c.Finding.Severity != monitor.SeverityHigh {
			t.Errorf("change %+v", c)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the pushed notification never reached onChange: the client did not start after enrolling")
	}
	if err := svc.test(ctx); err != nil {
		t.Errorf("connection test: %v", err)
	}

	if err := svc.setHeartbeat(ctx, true); err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(10 * time.Second)
	for len(p.Heartbeats()) == 0 && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if hb := p.Heartbeats(); len(hb) == 0 || hb[0].Light != "yellow" {
		t.Errorf("heartbeats after consenting: %+v", hb)
	}

	if err := svc.leave(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := st.MSSProvider(ctx); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("provider after leaving: %v", err)
	}
	sec, _ := secrets.OpenFile(dir)
	if _, err := sec.Get(mss.SecretName); !errors.Is(err, secrets.ErrNotFound) {
		t.Errorf("token after leaving: %v", err)
	}
	streams := p.Streams()
	p.Publish(msstest.Finding("INC-2", 1, 4, "", time.Now()))
	// leave waited for the client to end: nothing can arrive any more.
	select {
	case c := <-changes:
		t.Errorf("a notification arrived after leaving: %+v", c)
	default:
	}
	if p.Streams() != streams {
		t.Error("the client reconnected after leaving")
	}
}
