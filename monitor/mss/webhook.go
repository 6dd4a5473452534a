package mss

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net"
	"net/http"
	"net/netip"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// WebhookPath is where an on-premise MSS box posts notifications to
// Kizuki's local webhook receiver.
const WebhookPath = "/v1/webhook/notifications"

// ErrWebhookNeedsTLS is returned when the webhook receiver would listen
// beyond this machine without a certificate and key.
var ErrWebhookNeedsTLS = errors.New("the mss webhook needs a certificate and key unless it listens on loopback")

// WebhookConfig is what a Webhook needs.
type WebhookConfig struct {
	// Provider is the enrolled provider's name: the Origin of its findings.
	Provider string
	// Keys are the provider's signing keys by id, as for the feed.
	Keys map[string][]byte
	// Store is the same store the feed client writes; only applying,
	// skipping and refusing are used. The feed cursor is never moved by
	// a webhook post: the feed stays the one ordered record.
	Store Store
	// Allow lists the senders (addresses or networks) the receiver
	// accepts; loopback only when empty.
	Allow []netip.Prefix
	// Now is the clock; time.Now when nil.
	Now func() time.Time
	// OnChange is called, after it is stored, with every notice that
	// created or changed a finding; OnError with every refusal.
	OnChange func(monitor.MSSChange)
	OnError  func(err error)
}

// WebhookStats counts what the receiver did since it started. Rejected
// counts refusals that are also counted in the store by reason;
// Forbidden counts posts from senders not on the allow-list, which are
// refused before anything is read and counted in the store as
// monitor.RejectSenderNotAllowed at most once every forbiddenWriteEvery
// (and by FlushRefusals).
type WebhookStats struct {
	Applied, Duplicates, Skipped, Rejected, Forbidden int64
}

// Webhook is the optional local receiver of an on-premise MSS box: an
// http.Handler for POST WebhookPath taking one signed notification, the
// same body and signature the feed delivers as an SSE event, applied
// exactly as the feed applies it. It answers 204 when the notification was
// applied or was seen before, and 4xx with {"error": reason} otherwise.
type Webhook struct {
	cfg WebhookConfig

	applied, duplicates, skipped, rejected, forbidden atomic.Int64

	// Posts from senders off the allow-list not yet counted in the
	// store, and when they last were.
	fmu      sync.Mutex
	fpending int64
	fwritten time.Time
}

// forbiddenWriteEvery bounds how often posts from senders off the
// allow-list are counted in the store: a flood of them costs one write a
// minute, not one a post, and the first is counted at once.
const forbiddenWriteEvery = time.Minute

// NewWebhook checks cfg and returns a receiver.
func NewWebhook(cfg WebhookConfig) (*Webhook, error) {
	if cfg.Provider == "" || len(cfg.Keys) == 0 || cfg.Store == nil {
		return nil, errors.New("mss webhook: provider, keys and store are required")
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if len(cfg.Allow) == 0 {
		cfg.Allow = []netip.Prefix{netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	}
	return &Webhook{cfg: cfg}, nil
}

// Stats returns the receiver's counters.
func (h *Webhook) Stats() WebhookStats {
	return WebhookStats{
		Applied: h.applied.Load(), Duplicates: h.duplicates.Load(), Skipped: h.skipped.Load(),
		Rejected: h.rejected.Load(), Forbidden: h.forbidden.Load(),
	}
}

// Error codes of the receiver's answers besides the reject reasons.
const (
	webhookForbidden   = "sender_not_allowed"
	webhookNotFound    = "not_found"
	webhookMethod      = "method_not_allowed"
	webhookContentType = "unsupported_media_type"
	webhookInternal    = "internal"
)

// ServeHTTP receives one notification.
func (h *Webhook) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if !h.allowed(r.RemoteAddr) {
		h.noteForbidden(r.Context())
		h.report(fmt.Errorf("mss webhook: sender %s not allowed", r.RemoteAddr))
		webhookError(w, http.StatusForbidden, webhookForbidden)
		return
	}
	if r.URL.Path != WebhookPath {
		webhookError(w, http.StatusNotFound, webhookNotFound)
		return
	}
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		webhookError(w, http.StatusMethodNotAllowed, webhookMethod)
		return
	}
	if mt, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || mt != "application/json" {
		webhookError(w, http.StatusUnsupportedMediaType, webhookContentType)
		return
	}
	if r.ContentLength > MaxEvent {
		h.refuse(r.Context(), w, &RejectError{Reason: monitor.RejectOversize, Err: fmt.Errorf("webhook post of %d bytes", r.ContentLength)})
		return
	}
	body, err := readLimited(r.Body, MaxEvent)
	if errors.Is(err, errTooLarge) {
		h.refuse(r.Context(), w, &RejectError{Reason: monitor.RejectOversize, Err: fmt.Errorf("webhook post over %d bytes", MaxEvent)})
		return
	}
	if err != nil {
		webhookError(w, http.StatusBadRequest, monitor.RejectMalformed)
		return
	}
	h.receive(r.Context(), w, r.Header.Get(SignatureHeader), body)
}

// noteForbidden counts a post from a sender off the allow-list, in the
// store too unless it was written to less than forbiddenWriteEvery ago.
func (h *Webhook) noteForbidden(ctx context.Context) {
	h.forbidden.Add(1)
	now := h.cfg.Now()
	h.fmu.Lock()
	h.fpending++
	due := h.fwritten.IsZero() || now.Sub(h.fwritten) >= forbiddenWriteEvery
	h.fmu.Unlock()
	if due {
		if err := h.FlushRefusals(ctx); err != nil {
			h.report(err)
		}
	}
}

// FlushRefusals counts in the store the posts from senders off the
// allow-list that are not counted there yet; serve calls it when the
// receiver stops.
func (h *Webhook) FlushRefusals(ctx context.Context) error {
	now := h.cfg.Now()
	h.fmu.Lock()
	n := h.fpending
	h.fpending, h.fwritten = 0, now
	h.fmu.Unlock()
	if n == 0 {
		return nil
	}
	if err := h.cfg.Store.AddMSSRejects(ctx, monitor.RejectSenderNotAllowed, n, now); err != nil {
		h.fmu.Lock()
		h.fpending += n
		h.fmu.Unlock()
		return fmt.Errorf("mss webhook: count refused senders: %w", err)
	}
	return nil
}

// receive checks and applies a body read within the size limit.
func (h *Webhook) receive(ctx context.Context, w http.ResponseWriter, signature string, body []byte) {
	now := h.cfg.Now()
	if err := Verify(h.cfg.Keys, signature, body, now); err != nil {
		h.refuse(ctx, w, err)
		return
	}
	n, err := decodeEnvelope(body)
	if err != nil {
		h.refuse(ctx, w, err)
		return
	}
	res, change, err := applyNotification(ctx, h.cfg.Store, h.cfg.Provider, n, "", now)
	switch {
	case err != nil && res == outcomeSkipped:
		h.skipped.Add(1)
		h.rejected.Add(1)
		h.report(err)
		reason, _ := rejectReason(err)
		webhookError(w, http.StatusUnprocessableEntity, reason)
		return
	case err != nil:
		h.report(err)
		webhookError(w, http.StatusInternalServerError, webhookInternal)
		return
	case res == outcomeDuplicate:
		h.duplicates.Add(1)
	default:
		h.applied.Add(1)
		if h.cfg.OnChange != nil {
			h.cfg.OnChange(change)
		}
	}
	// A valid, signed post is contact from the provider, as on the feed.
	if err := h.cfg.Store.MarkMSSContact(ctx, now); err != nil {
		h.report(err)
	}
	w.WriteHeader(http.StatusNoContent)
}

// decodeEnvelope reads the notification envelope strictly: one JSON
// object, nothing after it, an id, a cursor and a finding. Unknown fields
// are ignored, as on the feed, so that a later protocol version can add
// some.
func decodeEnvelope(body []byte) (Notification, error) {
	var n Notification
	trimmed := strings.TrimSpace(string(body))
	if !strings.HasPrefix(trimmed, "{") {
		return n, malformed("webhook post is not a JSON object")
	}
	if err := json.Unmarshal(body, &n); err != nil {
		return n, malformed("webhook post: %v", err)
	}
	return n, checkEnvelope(n)
}

// refuse counts a refusal in the store under its reason and answers it.
func (h *Webhook) refuse(ctx context.Context, w http.ResponseWriter, err error) {
	reason, ok := rejectReason(err)
	if !ok {
		reason = monitor.RejectMalformed
	}
	h.rejected.Add(1)
	if serr := h.cfg.Store.AddMSSReject(ctx, reason, h.cfg.Now()); serr != nil {
		err = errors.Join(err, serr)
	}
	h.report(err)
	status := http.StatusBadRequest
	switch reason {
	case monitor.RejectBadSignature, monitor.RejectStale, monitor.RejectUnknownKey:
		status = http.StatusUnauthorized
	case monitor.RejectOversize:
		status = http.StatusRequestEntityTooLarge
	case monitor.RejectInvalidOCSF:
		status = http.StatusUnprocessableEntity
	}
	webhookError(w, status, reason)
}

func (h *Webhook) report(err error) {
	if h.cfg.OnError != nil {
		h.cfg.OnError(err)
	}
}

// allowed reports whether the sender at remote (host:port) is on the
// allow-list. Only the connection's address counts: headers such as
// X-Forwarded-For are anyone's to write.
func (h *Webhook) allowed(remote string) bool {
	ap, err := netip.ParseAddrPort(remote)
	if err != nil {
		return false
	}
	addr := ap.Addr().Unmap()
	for _, p := range h.cfg.Allow {
		if p.Contains(addr) {
			return true
		}
	}
	return false
}

func webhookError(w http.ResponseWriter, status int, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(map[string]string{"error": code})
}

// ParseAllow reads a comma separated allow-list of sender addresses
// (192.168.1.10) and networks (192.168.1.0/24).
func ParseAllow(s string) ([]netip.Prefix, error) {
	var out []netip.Prefix
	for field := range strings.SplitSeq(s, ",") {
		field = strings.TrimSpace(field)
		if field == "" {
			continue
		}
		if strings.Contains(field, "/") {
			p, err := netip.ParsePrefix(field)
			if err != nil {
				return nil, fmt.Errorf("allow-list entry %q: %w", field, err)
			}
			out = append(out, p.Masked())
			continue
		}
		a, err := netip.ParseAddr(field)
		if err != nil {
			return nil, fmt.Errorf("allow-list entry %q: %w", field, err)
		}
		a = a.Unmap()
		out = append(out, netip.PrefixFrom(a, a.BitLen()))
	}
	return out, nil
}

// ListenWebhook opens the receiver's listener on addr, which must name
// its host (an address such as 192.168.1.5:8443 or 127.0.0.1:8443, never
// ":8443", so that the owner chooses where it is reachable). Beyond
// loopback it needs certFile and keyFile and serves TLS 1.2 or later;
// on loopback TLS is used when they are given.
func ListenWebhook(addr, certFile, keyFile string) (net.Listener, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, fmt.Errorf("mss webhook address %q: %w", addr, err)
	}
	ip, perr := netip.ParseAddr(host)
	if host == "" || perr != nil || ip.IsUnspecified() {
		return nil, fmt.Errorf("mss webhook address %q: name the IP address to listen on", addr)
	}
	tlsOn := certFile != "" || keyFile != ""
	if !tlsOn && !ip.IsLoopback() {
		return nil, fmt.Errorf("mss webhook address %q: %w", addr, ErrWebhookNeedsTLS)
	}
	var cfg *tls.Config
	if tlsOn {
		cert, err := tls.LoadX509KeyPair(certFile, keyFile)
		if err != nil {
			return nil, fmt.Errorf("mss webhook certificate: %w", err)
		}
		cfg = &tls.Config{MinVersion: tls.VersionTLS12, Certificates: []tls.Certificate{cert}}
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return nil, fmt.Errorf("mss webhook: %w", err)
	}
	if cfg != nil {
		ln = tls.NewListener(ln, cfg)
	}
	return ln, nil
}

// ServeWebhook serves h on ln until ctx ends, then shuts the server down
// (waiting up to five seconds for posts in progress) and returns nil.
func ServeWebhook(ctx context.Context, ln net.Listener, h http.Handler) error {
	srv := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      30 * time.Second,
		IdleTimeout:       2 * time.Minute,
		MaxHeaderBytes:    16 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return fmt.Errorf("mss webhook: %w", err)
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(sctx)
	<-errc
	return nil
}
