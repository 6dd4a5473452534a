// Package mss is Kizuki's client of a managed security service (MSS)
// provider, speaking the open protocol of docs/mss-api.yaml: enrolment
// with a one-time code, a catch-up feed and a Server-Sent Events stream of
// OCSF Detection Findings, acknowledgements, the owner's questions and an
// opt-in heartbeat. Every answer and event is signed (HMAC-SHA256 over
// timestamp "." body) and checked in constant time; input that fails is
// refused, counted by reason in the store and never crashes the client.
//
// Kizuki always connects out (offices sit behind NAT), over TLS with the
// certificate verified; plain http is accepted only to this machine.
// Package msstest is a reference provider for tests, the demo and
// providers.
package mss

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	mathrand "math/rand/v2"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Store is what the client needs of the database. Applying a notice, and
// skipping one, commits the cursor with it, so that a restart resumes
// exactly after the last notice handled.
type Store interface {
	MSSCursor(ctx context.Context) (string, error)
	ApplyMSSNotice(ctx context.Context, n monitor.MSSNotice) (monitor.MSSChange, bool, error)
	SkipMSSNotice(ctx context.Context, provider, id, cursor, reason string, payload []byte, at time.Time) error
	AddMSSReject(ctx context.Context, reason string, at time.Time) error
	AddMSSRejects(ctx context.Context, reason string, n int64, at time.Time) error
	MarkMSSContact(ctx context.Context, at time.Time) error
	PendingMSSAcks(ctx context.Context) ([]monitor.MSSAck, error)
	MarkMSSAcked(ctx context.Context, a monitor.MSSAck) error
}

// Defaults of Config.
const (
	DefaultRetryBase      = time.Second
	DefaultMaxRetry       = 5 * time.Minute
	DefaultIdleTimeout    = 60 * time.Second
	DefaultAckEvery       = 5 * time.Second
	DefaultHeartbeatEvery = 5 * time.Minute
	// contactEvery throttles writing the last contact time on keep-alives.
	contactEvery = 30 * time.Second
)

// Config is what a Client needs.
type Config struct {
	// URL is the provider's base URL (see CheckURL).
	URL string
	// Provider is the provider's name: the Origin of its findings.
	Provider string
	// Token is the device token from enrolment.
	Token string
	// Keys are the provider's signing keys by id.
	Keys map[string][]byte
	// RootCAs verify the provider's certificate; nil means the system's.
	RootCAs *x509.CertPool
	Store   Store
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OnChange is called, after it is stored, with every notice that
	// created or changed a finding: the desktop notification hangs here.
	// It runs on the client's goroutine and should return quickly.
	OnChange func(monitor.MSSChange)
	// OnError is told what went wrong and how long the client waits
	// before trying again.
	OnError func(err error, retryIn time.Duration)
	// Heartbeat, with the owner's consent, posts the light every
	// HeartbeatEvery; Light says what it is.
	Heartbeat      bool
	Light          func(ctx context.Context) (monitor.Level, error)
	HeartbeatEvery time.Duration
	// Version is Kizuki's version, sent with heartbeats.
	Version string
	// RetryBase and MaxRetry bound the reconnection backoff; IdleTimeout
	// is how long the stream may stay silent (no event, no keep-alive)
	// before the client reconnects; AckEvery how often state changes are
	// reported back. Zero means the defaults above.
	RetryBase, MaxRetry, IdleTimeout, AckEvery time.Duration
}

// Stats counts what the client did since it started.
type Stats struct {
	Applied, Duplicates, Skipped, Rejected, Reconnects, Acks int64
}

// Client follows one provider's notifications. Run it once.
type Client struct {
	cfg    Config
	base   string
	hc     *http.Client
	jitter func() float64

	lastContact atomic.Int64 // unix ms of the last contact written to the store

	applied, duplicates, skipped, rejected, reconnects, acks atomic.Int64
}

// New checks cfg and returns a client.
func New(cfg Config) (*Client, error) {
	u, err := CheckURL(cfg.URL)
	if err != nil {
		return nil, err
	}
	if cfg.Provider == "" || cfg.Token == "" || len(cfg.Keys) == 0 || cfg.Store == nil {
		return nil, errors.New("mss client: provider, token, keys and store are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	for _, d := range []struct {
		v   *time.Duration
		def time.Duration
	}{
		{&cfg.RetryBase, DefaultRetryBase}, {&cfg.MaxRetry, DefaultMaxRetry}, {&cfg.IdleTimeout, DefaultIdleTimeout},
		{&cfg.AckEvery, DefaultAckEvery}, {&cfg.HeartbeatEvery, DefaultHeartbeatEvery},
	} {
		if *d.v <= 0 {
			*d.v = d.def
		}
	}
	return &Client{cfg: cfg, base: u.String(), hc: newHTTPClient(cfg.RootCAs), jitter: mathrand.Float64}, nil
}

// Stats returns the client's counters.
func (c *Client) Stats() Stats {
	return Stats{
		Applied: c.applied.Load(), Duplicates: c.duplicates.Load(), Skipped: c.skipped.Load(),
		Rejected: c.rejected.Load(), Reconnects: c.reconnects.Load(), Acks: c.acks.Load(),
	}
}

// Run catches up, then follows the stream, reconnecting with backoff and
// jitter, until ctx ends; it returns nil then. Acks (and heartbeats, when
// enabled) go out on their own ticker.
func (c *Client) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	wg.Go(func() { c.background(ctx) })
	defer wg.Wait()
	failures := 0
	for {
		progressed, err := c.session(ctx)
		if ctx.Err() != nil {
			return nil
		}
		if progressed {
			failures = 0
		}
		failures++
		wait := backoff(failures, c.cfg.RetryBase, c.cfg.MaxRetry, c.jitter())
		if c.cfg.OnError != nil && err != nil {
			c.cfg.OnError(err, wait)
		}
		c.reconnects.Add(1)
		if sleep(ctx, wait) != nil {
			return nil
		}
	}
}

// backoff is the wait after the n-th failure in a row: base doubled n-1
// times, capped at limit, then scaled into [½, 1) by jitter so that a
// provider's hundreds of offices do not all come back at the same moment.
func backoff(n int, base, limit time.Duration, jitter float64) time.Duration {
	d := base
	for i := 1; i < n && d < limit; i++ {
		d *= 2
	}
	d = min(d, limit)
	return d/2 + time.Duration(jitter*float64(d/2))
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// session is one connection: catch up, then follow the stream until it
// fails. progressed is true when the provider answered validly at least
// once, which resets the backoff.
func (c *Client) session(ctx context.Context) (progressed bool, err error) {
	if err := c.CatchUp(ctx); err != nil {
		return false, err
	}
	return true, c.stream(ctx)
}

// CatchUp reads the feed after the stored cursor, page by page, and
// applies what it has not seen.
func (c *Client) CatchUp(ctx context.Context) error {
	for range 10_000 { // a bound, should a provider keep saying "more"
		cursor, err := c.cfg.Store.MSSCursor(ctx)
		if err != nil {
			return err
		}
		q := url.Values{"limit": {fmt.Sprint(MaxPage)}}
		if cursor != "" {
			q.Set("after", cursor)
		}
		b, err := call(ctx, c.hc, http.MethodGet, c.base+"/v1/notifications?"+q.Encode(), c.cfg.Token, nil, c.cfg.Keys, c.cfg.Now)
		if err != nil {
			return c.refuse(ctx, err)
		}
		var page Page
		if err := json.Unmarshal(b, &page); err != nil {
			return c.refuse(ctx, &RejectError{Reason: monitor.RejectMalformed, Err: fmt.Errorf("catch-up page: %w", err)})
		}
		if err := c.contact(ctx, true); err != nil {
			return err
		}
		for _, n := range page.Notifications {
			if err := c.handle(ctx, n, "", nil); err != nil {
				return err
			}
		}
		if !page.More || len(page.Notifications) == 0 {
			return nil
		}
	}
	return errors.New("catch-up: the provider keeps saying there is more")
}

// handle checks one notification and applies or skips it. sseID is the
// SSE event id (the cursor) when it came from the stream; raw the event
// data, for the size check.
func (c *Client) handle(ctx context.Context, n Notification, sseID string, raw []byte) error {
	if len(raw) > MaxEvent {
		return c.refuse(ctx, &RejectError{Reason: monitor.RejectOversize, Err: fmt.Errorf("event of %d bytes", len(raw))})
	}
	if err := checkEnvelope(n); err != nil {
		return c.refuse(ctx, err)
	}
	if sseID != "" && sseID != n.Cursor {
		return c.refuse(ctx, malformed("event id %q differs from the notification's cursor %q", sseID, n.Cursor))
	}
	res, change, err := applyNotification(ctx, c.cfg.Store, c.cfg.Provider, n, n.Cursor, c.cfg.Now())
	switch {
	case err != nil && res == outcomeSkipped:
		c.skipped.Add(1)
		c.rejected.Add(1)
		if c.cfg.OnError != nil {
			c.cfg.OnError(err, 0)
		}
		return nil
	case err != nil:
		return err
	case res == outcomeDuplicate:
		c.duplicates.Add(1)
		return nil
	}
	c.applied.Add(1)
	if c.cfg.OnChange != nil {
		c.cfg.OnChange(change)
	}
	return nil
}

// outcome is what applyNotification did with a notification.
type outcome int

const (
	outcomeApplied   outcome = iota // created or changed a finding
	outcomeDuplicate                // its id was seen before: nothing changed
	outcomeSkipped                  // authentic but unusable: remembered and passed over
)

// applyNotification decodes the finding of n, whose envelope was checked,
// and applies it to st, or skips it when the finding is unusable. The
// feed and the webhook share it, so that both dedupe by notification id
// and count refusals the same way. cursor is where the feed cursor moves
// ("" leaves it). A skipped notification returns outcomeSkipped with the
// refusal as err; any other err is the store's.
func applyNotification(ctx context.Context, st Store, provider string, n Notification, cursor string, now time.Time) (outcome, monitor.MSSChange, error) {
	f, err := DecodeFinding(n.Finding)
	if err != nil {
		// Authentic but unusable: counted, remembered and passed over,
		// so that it does not hold back the notifications after it.
		reason, _ := rejectReason(err)
		if serr := st.SkipMSSNotice(ctx, provider, n.ID, cursor, reason, n.Finding, now); serr != nil {
			return outcomeApplied, monitor.MSSChange{}, serr
		}
		return outcomeSkipped, monitor.MSSChange{}, fmt.Errorf("notification %s passed over: %w", n.ID, err)
	}
	notice := Notice(provider, n, f, now)
	notice.Cursor = cursor
	change, applied, err := st.ApplyMSSNotice(ctx, notice)
	if err != nil {
		return outcomeApplied, change, err
	}
	if !applied {
		return outcomeDuplicate, change, nil
	}
	return outcomeApplied, change, nil
}

// refuse counts a refusal (when err is one) and returns err.
func (c *Client) refuse(ctx context.Context, err error) error {
	if reason, ok := rejectReason(err); ok {
		c.rejected.Add(1)
		if serr := c.cfg.Store.AddMSSReject(ctx, reason, c.cfg.Now()); serr != nil {
			return errors.Join(err, serr)
		}
	}
	return err
}

// contact records that the provider answered; keep-alives (force false)
// are written at most every contactEvery.
func (c *Client) contact(ctx context.Context, force bool) error {
	now := c.cfg.Now()
	if !force && now.UnixMilli()-c.lastContact.Load() < contactEvery.Milliseconds() {
		return nil
	}
	c.lastContact.Store(now.UnixMilli())
	return c.cfg.Store.MarkMSSContact(ctx, now)
}

// stream follows GET /v1/notifications/stream from the stored cursor until
// the connection fails or goes silent for IdleTimeout.
func (c *Client) stream(ctx context.Context) error {
	cursor, err := c.cfg.Store.MSSCursor(ctx)
	if err != nil {
		return err
	}
	sctx, cancel := context.WithCancel(ctx)
	defer cancel()
	req, err := http.NewRequestWithContext(sctx, http.MethodGet, c.base+"/v1/notifications/stream", nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "text/event-stream")
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	if cursor != "" {
		req.Header.Set("Last-Event-ID", cursor)
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return fmt.Errorf("stream: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		herr := &HTTPError{Status: resp.StatusCode}
		if resp.StatusCode == http.StatusUnauthorized {
			return fmt.Errorf("stream: %w: %w", ErrUnauthorized, herr)
		}
		return fmt.Errorf("stream: %w", herr)
	}
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "text/event-stream") {
		return c.refuse(ctx, &RejectError{Reason: monitor.RejectMalformed, Err: fmt.Errorf("stream content type %q", ct)})
	}
	// The watchdog ends a stream that went silent: a connection that died
	// without a FIN (a NAT box forgot it) would otherwise hang forever.
	idle := time.AfterFunc(c.cfg.IdleTimeout, cancel)
	defer idle.Stop()
	r := newEventReader(resp.Body)
	for {
		ev, err := r.next()
		if err != nil {
			if ctx.Err() == nil && sctx.Err() != nil {
				return fmt.Errorf("stream: silent for %s", c.cfg.IdleTimeout)
			}
			if errors.Is(err, errTooLarge) {
				return c.refuse(ctx, &RejectError{Reason: monitor.RejectOversize, Err: err})
			}
			return fmt.Errorf("stream: %w", err)
		}
		idle.Reset(c.cfg.IdleTimeout)
		if ev.keepalive {
			if err := c.contact(ctx, false); err != nil {
				return err
			}
			continue
		}
		if ev.event != "notification" {
			continue // a later protocol version's event: ignored, as SSE says
		}
		if err := Verify(c.cfg.Keys, ev.signature, ev.data, c.cfg.Now()); err != nil {
			return c.refuse(ctx, err)
		}
		if err := c.contact(ctx, false); err != nil {
			return err
		}
		var n Notification
		if err := json.Unmarshal(ev.data, &n); err != nil {
			return c.refuse(ctx, malformed("stream event: %v", err))
		}
		if err := c.handle(ctx, n, ev.id, ev.data); err != nil {
			return err
		}
	}
}

// sseEvent is one Server-Sent Event, or a keep-alive comment.
type sseEvent struct {
	id, event, signature string
	data                 []byte
	keepalive            bool
}

// eventReader reads Server-Sent Events (text/event-stream): lines of
// "field: value", events ended by a blank line, comments starting with ':'.
type eventReader struct {
	s *bufio.Scanner
}

func newEventReader(r interface{ Read([]byte) (int, error) }) *eventReader {
	s := bufio.NewScanner(r)
	// One line may hold a whole event's data; longer is refused.
	s.Buffer(make([]byte, 0, 64<<10), MaxEvent+1024)
	return &eventReader{s: s}
}

func (r *eventReader) next() (sseEvent, error) {
	var ev sseEvent
	var data bytes.Buffer
	started := false
	for r.s.Scan() {
		line := bytes.TrimSuffix(r.s.Bytes(), []byte{'\r'})
		if len(line) == 0 {
			if !started {
				continue
			}
			ev.data = bytes.TrimSuffix(data.Bytes(), []byte{'\n'})
			if ev.event == "" {
				ev.event = "message"
			}
			return ev, nil
		}
		if line[0] == ':' {
			if !started {
				return sseEvent{keepalive: true}, nil
			}
			continue
		}
		started = true
		field, value, _ := bytes.Cut(line, []byte{':'})
		value = bytes.TrimPrefix(value, []byte{' '})
		switch string(field) {
		case "id":
			ev.id = string(value)
		case "event":
			ev.event = string(value)
		case "signature":
			ev.signature = string(value)
		case "data":
			data.Write(value)
			data.WriteByte('\n')
		}
		if data.Len() > MaxEvent {
			return ev, fmt.Errorf("event over %d bytes: %w", MaxEvent, errTooLarge)
		}
	}
	if err := r.s.Err(); err != nil {
		if errors.Is(err, bufio.ErrTooLong) {
			return ev, fmt.Errorf("event line over %d bytes: %w", MaxEvent, errTooLarge)
		}
		return ev, err
	}
	return ev, errors.New("stream closed")
}

// background reports state changes (acks) and, when enabled, heartbeats.
func (c *Client) background(ctx context.Context) {
	ack := time.NewTicker(c.cfg.AckEvery)
	defer ack.Stop()
	var beat <-chan time.Time
	if c.cfg.Heartbeat {
		t := time.NewTicker(c.cfg.HeartbeatEvery)
		defer t.Stop()
		beat = t.C
		c.reportErr(c.SendHeartbeat(ctx))
	}
	for {
		select {
		case <-ctx.Done():
			return
		case <-ack.C:
			c.reportErr(c.FlushAcks(ctx))
		case <-beat:
			c.reportErr(c.SendHeartbeat(ctx))
		}
	}
}

func (c *Client) reportErr(err error) {
	if err != nil && c.cfg.OnError != nil {
		c.cfg.OnError(err, 0)
	}
}

// AckRequest is the body of POST /v1/notifications/{id}/ack.
type AckRequest struct {
	FindingUID string `json:"finding_uid"`
	// State is the owner's view: acknowledged (seen, working on it),
	// resolved, false_positive, or open (reopened).
	State string `json:"state"`
	At    string `json:"at"`
}

// FlushAcks tells the provider of every finding of its whose state the
// owner changed, and records each one it accepted.
func (c *Client) FlushAcks(ctx context.Context) error {
	pending, err := c.cfg.Store.PendingMSSAcks(ctx)
	if err != nil {
		return err
	}
	for _, a := range pending {
		if a.Provider != c.cfg.Provider {
			continue // an earlier provider's finding
		}
		body := AckRequest{FindingUID: a.FindingUID, State: string(a.State), At: c.cfg.Now().UTC().Format(time.RFC3339)}
		if _, err := call(ctx, c.hc, http.MethodPost, c.base+"/v1/notifications/"+url.PathEscape(a.Notification)+"/ack",
			c.cfg.Token, body, c.cfg.Keys, c.cfg.Now); err != nil {
			return c.refuse(ctx, fmt.Errorf("ack %s: %w", a.FindingUID, err))
		}
		if err := c.cfg.Store.MarkMSSAcked(ctx, a); err != nil {
			return err
		}
		c.acks.Add(1)
	}
	return nil
}

// HeartbeatRequest is the body of POST /v1/heartbeat: that Kizuki runs,
// and its light. Nothing else about the office is sent.
type HeartbeatRequest struct {
	Light   string `json:"light"`
	Version string `json:"version"`
	At      string `json:"at"`
}

// SendHeartbeat posts the light (the owner opted in at enrolment).
func (c *Client) SendHeartbeat(ctx context.Context) error {
	if c.cfg.Light == nil {
		return nil
	}
	level, err := c.cfg.Light(ctx)
	if err != nil {
		return err
	}
	body := HeartbeatRequest{Light: level.String(), Version: c.cfg.Version, At: c.cfg.Now().UTC().Format(time.RFC3339)}
	if _, err := call(ctx, c.hc, http.MethodPost, c.base+"/v1/heartbeat", c.cfg.Token, body, c.cfg.Keys, c.cfg.Now); err != nil {
		return c.refuse(ctx, fmt.Errorf("heartbeat: %w", err))
	}
	return c.contact(ctx, true)
}

// MessageRequest is the body of POST /v1/messages: the owner's question,
// about one of the provider's findings (FindingUID) or a local one
// (Finding, attached only when the owner agreed).
type MessageRequest struct {
	ID         string            `json:"id"`
	Text       string            `json:"text"`
	Lang       string            `json:"lang"`
	FindingUID string            `json:"finding_uid,omitempty"`
	Finding    *DetectionFinding `json:"finding,omitempty"`
	At         string            `json:"at"`
}

// MessageResponse is the provider's receipt of a question.
type MessageResponse struct {
	ID       string `json:"id"`
	Received bool   `json:"received"`
}

// maxQuestion bounds a question, in runes.
const maxQuestion = 2000

// Ask posts the owner's question and returns the message id. The id is
// made here, so that the provider can drop a repeat of the same post.
func (c *Client) Ask(ctx context.Context, m MessageRequest) (string, error) {
	if strings.TrimSpace(m.Text) == "" || len([]rune(m.Text)) > maxQuestion {
		return "", fmt.Errorf("ask: the question must have 1 to %d characters", maxQuestion)
	}
	if m.ID == "" {
		m.ID = newID()
	}
	m.At = c.cfg.Now().UTC().Format(time.RFC3339)
	b, err := call(ctx, c.hc, http.MethodPost, c.base+"/v1/messages", c.cfg.Token, m, c.cfg.Keys, c.cfg.Now)
	if err != nil {
		return "", c.refuse(ctx, fmt.Errorf("ask: %w", err))
	}
	var r MessageResponse
	if err := json.Unmarshal(b, &r); err != nil || !r.Received {
		return "", c.refuse(ctx, &RejectError{Reason: monitor.RejectMalformed, Err: fmt.Errorf("ask: receipt %s", b)})
	}
	return m.ID, c.contact(ctx, true)
}

// newID returns 16 random bytes in hex.
func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:]) // crypto/rand.Read never fails (Go 1.24+)
	return hex.EncodeToString(b[:])
}
