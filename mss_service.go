package main

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"sync"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// errNotEnrolled is returned when an MSS action needs an enrolment and
// there is none.
var errNotEnrolled = errors.New("not enrolled with an mss provider")

// errMSSSecrets wraps failures of the secret store, which the commands
// explain differently from database errors.
var errMSSSecrets = errors.New("mss secrets")

// mssService is the MSS connection of one database, the same code for
// `kizuki serve`, `kizuki mss`, the tray app and `kizuki demo`: enrolment
// (token and key to the secret store, the provider to the database), the
// running client (restarted when the enrolment or the heartbeat consent
// changes), the owner's questions, and leaving.
type mssService struct {
	st *store.Store
	// openSecrets opens the secret store: the keyring or its file
	// fallback, or (demo) always the file.
	openSecrets func() (*secrets.Secrets, error)
	now         func() time.Time
	// light is the traffic light the heartbeat reports.
	light func(context.Context) (monitor.Level, error)
	// onChange and onError are handed to the client (mss.Config).
	onChange func(monitor.MSSChange)
	onError  func(err error, retryIn time.Duration)
	// ruleTitle names a local finding's rule when it is attached to a
	// question, in the owner's language.
	ruleTitle func(rule string) string
	lang      string

	mu      sync.Mutex
	running context.Context // the context start was given; nil before
	cancel  context.CancelFunc
	done    chan struct{}
}

// newMSSService returns the service of st, whose secrets live in the
// keyring or, without one, in dir.
func newMSSService(e *env, st *store.Store, dir string) *mssService {
	return &mssService{
		st: st, now: e.now, lang: string(e.loc.Lang()), ruleTitle: e.loc.RuleTitle,
		openSecrets: func() (*secrets.Secrets, error) { return secrets.Open(dir) },
	}
}

// enrolment reads the enrolled provider and its token and key from the
// secret store; errors wrap errNotEnrolled or errMSSSecrets where they
// apply.
func (s *mssService) enrolment(ctx context.Context) (store.MSSProvider, mss.Secret, error) {
	p, err := s.st.MSSProvider(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return p, mss.Secret{}, errNotEnrolled
	}
	if err != nil {
		return p, mss.Secret{}, err
	}
	sec, err := s.openSecrets()
	if err != nil {
		return p, mss.Secret{}, fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	raw, err := sec.Get(mss.SecretName)
	if err != nil {
		return p, mss.Secret{}, fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	secret, err := mss.ParseSecret(raw)
	if err != nil {
		return p, mss.Secret{}, fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	return p, secret, nil
}

// client reads the enrolment and its secrets and makes a client; errors
// wrap errNotEnrolled or errMSSSecrets where they apply.
func (s *mssService) client(ctx context.Context) (*mss.Client, store.MSSProvider, error) {
	p, secret, err := s.enrolment(ctx)
	if err != nil {
		return nil, p, err
	}
	c, err := mss.New(mss.Config{
		URL: p.URL, Provider: p.Name, Token: secret.Token, Keys: map[string][]byte{secret.KeyID: secret.Key},
		Store: s.st, Now: s.now, Version: version(), Heartbeat: p.Heartbeat, Light: s.light,
		OnChange: s.onChange, OnError: s.onError,
	})
	if err != nil {
		return nil, p, fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	return c, p, nil
}

// webhook makes the local webhook receiver of the enrolled provider,
// which checks posts with the same keys as the feed and applies them to
// the same store; errors as for client.
func (s *mssService) webhook(ctx context.Context, allow []netip.Prefix, onError func(error)) (*mss.Webhook, store.MSSProvider, error) {
	p, secret, err := s.enrolment(ctx)
	if err != nil {
		return nil, p, err
	}
	wh, err := mss.NewWebhook(mss.WebhookConfig{
		Provider: p.Name, Keys: map[string][]byte{secret.KeyID: secret.Key}, Store: s.st, Allow: allow,
		Now: s.now, OnChange: s.onChange, OnError: onError,
	})
	if err != nil {
		return nil, p, fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	return wh, p, nil
}

// start follows the provider, when enrolled, until ctx ends; later
// changes (enrol, heartbeat, leave) restart the client under the same ctx.
// It reports the provider followed, or false when not enrolled.
func (s *mssService) start(ctx context.Context) (store.MSSProvider, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.running = ctx
	return s.startLocked()
}

// startLocked starts the client under s.running; s.mu held, no client
// running.
func (s *mssService) startLocked() (store.MSSProvider, bool, error) {
	if s.running == nil || s.running.Err() != nil {
		return store.MSSProvider{}, false, nil
	}
	c, p, err := s.client(s.running)
	if errors.Is(err, errNotEnrolled) {
		return p, false, nil
	}
	if err != nil {
		return p, true, err
	}
	ctx, cancel := context.WithCancel(s.running)
	done := make(chan struct{})
	s.cancel, s.done = cancel, done
	go func() {
		defer close(done)
		_ = c.Run(ctx) // Run returns only when ctx ends
	}()
	return p, true, nil
}

// stopLocked ends the running client, if any, and waits for it; s.mu held.
func (s *mssService) stopLocked() {
	if s.cancel == nil {
		return
	}
	s.cancel()
	<-s.done
	s.cancel, s.done = nil, nil
}

// wait stops the client and waits for it, once start's ctx has ended.
func (s *mssService) wait() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
}

// restart applies a changed enrolment to the running client, when start
// was called.
func (s *mssService) restart() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
	_, _, err := s.startLocked()
	return err
}

// enroll exchanges the one-time code for a token and key, keeps them in
// the secret store and the provider in the database, and starts
// following it. It returns the enrolment and where the secrets went.
func (s *mssService) enroll(ctx context.Context, rawURL, code string, heartbeat bool, roots *x509.CertPool) (mss.Enrollment, string, error) {
	sec, err := s.openSecrets()
	if err != nil {
		return mss.Enrollment{}, "", fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	host, _ := os.Hostname()
	enr, err := mss.Enroll(ctx, mss.EnrollConfig{URL: rawURL, Code: code, RootCAs: roots, Now: s.now,
		Device: mss.Device{Name: host, Version: version()}})
	if err != nil {
		return enr, "", err
	}
	// The secrets first: a provider row without its token would be an
	// enrolment that cannot connect.
	if err := sec.Set(mss.SecretName, enr.Secret()); err != nil {
		return enr, "", fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	if err := s.st.PutMSSProvider(ctx, store.MSSProvider{
		Name: enr.Provider, URL: enr.URL, KeyID: enr.KeyID, Heartbeat: heartbeat, Enrolled: s.now(),
	}); err != nil {
		return enr, "", err
	}
	return enr, sec.Backend(), s.restart()
}

// setHeartbeat records the owner's consent to heartbeats, or its
// withdrawal, and restarts the client with it.
func (s *mssService) setHeartbeat(ctx context.Context, on bool) error {
	if err := s.st.SetMSSHeartbeat(ctx, on); err != nil {
		return err
	}
	return s.restart()
}

// leave stops following the provider and forgets the enrolment: the
// token and key leave the secret store, the provider the database. The
// provider's findings stay as the record of what happened.
func (s *mssService) leave(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stopLocked()
	sec, err := s.openSecrets()
	if err != nil {
		return fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	if err := sec.Delete(mss.SecretName); err != nil && !errors.Is(err, secrets.ErrNotFound) {
		return fmt.Errorf("%w: %w", errMSSSecrets, err)
	}
	return s.st.DeleteMSSProvider(ctx)
}

// test asks the provider for what is new, as the client does when it
// connects: a signed, checked answer proves the URL, the token and the key.
func (s *mssService) test(ctx context.Context) error {
	c, _, err := s.client(ctx)
	if err != nil {
		return err
	}
	return c.CatchUp(ctx)
}

// mssAnswer is what sending a question did.
type mssAnswer struct {
	Provider string
	ID       string
	// Attached is true when a local finding's details went with the
	// question; Local when a local finding was named but not attached.
	Attached, Local bool
}

// ask sends the owner's question, about f when not nil. The provider's own
// finding is named by its id; a local finding's details go only when
// attach, the owner's consent, is set.
func (s *mssService) ask(ctx context.Context, text string, f *monitor.Finding, attach bool) (mssAnswer, error) {
	c, p, err := s.client(ctx)
	if err != nil {
		return mssAnswer{}, err
	}
	msg := mss.MessageRequest{Text: text, Lang: s.lang}
	ans := mssAnswer{Provider: p.Name}
	if f != nil {
		mf, err := s.st.MSSFindingOf(ctx, *f)
		switch {
		case err == nil && f.Origin == p.Name:
			// The provider's own finding: its id says it all.
			msg.FindingUID = mf.UID
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return ans, err
		case attach:
			o := mss.FindingToOCSF(*f, version(), s.ruleTitle(f.Rule))
			msg.Finding, ans.Attached = &o, true
		default:
			ans.Local = true
		}
	}
	if ans.ID, err = c.Ask(ctx, msg); err != nil {
		return ans, err
	}
	return ans, nil
}
