// Package msstest is a reference MSS provider: an httptest server that
// speaks the whole protocol of docs/mss-api.yaml (enrolment, catch-up
// feed, SSE stream with Last-Event-ID resume and keep-alives, acks,
// messages, heartbeats), every answer and event signed. Kizuki's tests and
// `kizuki demo` run against it; a provider can read it as a worked example
// of the protocol, and its fault switches show what Kizuki refuses.
//
// It keeps one feed for all enrolled devices: a real provider keeps one per
// customer (or per device) and ties tokens to it.
package msstest

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/x509"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
)

// Options configure a Provider. Zero values get working defaults.
type Options struct {
	// Name is the provider's name (the origin of its findings).
	Name string
	// KeyID and Key sign everything after enrolment; a random 32-byte
	// key when Key is nil.
	KeyID string
	Key   []byte
	// Keepalive is how often the stream sends a comment line while idle;
	// 15 s by default.
	Keepalive time.Duration
	// Now is the provider's clock; time.Now when nil.
	Now func() time.Time
	// TLS serves https with a certificate of its own (see CertPool);
	// otherwise plain http on loopback.
	TLS bool
}

// Fault makes the provider misbehave, for tests of what Kizuki refuses.
// It applies to everything signed while set.
type Fault struct {
	// BadSignature signs with a wrong key under the right key id.
	BadSignature bool
	// Unsigned leaves the signature out.
	Unsigned bool
	// KeyID signs under another key id.
	KeyID string
	// Skew moves the signature's timestamp.
	Skew time.Duration
}

// Ack is an acknowledgement the provider received.
type Ack struct {
	Notification string
	mss.AckRequest
}

// Provider is a running reference provider.
type Provider struct {
	srv  *httptest.Server
	opts Options

	mu         sync.Mutex
	codes      map[string]bool // one-time codes not used yet
	tokens     map[string]bool
	feed       [][]byte // notifications as sent, oldest first; the cursor is the index + 1
	ids        map[string]int
	fault      Fault
	acks       []Ack
	messages   []mss.MessageRequest
	heartbeats []mss.HeartbeatRequest
	streams    map[chan struct{}]chan struct{} // wake → drop
	dropAfter  int                             // events sent before the next stream is dropped; 0 = never
	streamsOK  int                             // streams opened
}

// New starts a provider; Close stops it.
func New(opts Options) *Provider {
	if opts.Name == "" {
		opts.Name = "Example MSS"
	}
	if opts.KeyID == "" {
		opts.KeyID = "k1"
	}
	if opts.Key == nil {
		opts.Key = make([]byte, 32)
		_, _ = rand.Read(opts.Key)
	}
	if opts.Keepalive <= 0 {
		opts.Keepalive = 15 * time.Second
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	p := &Provider{
		opts: opts, codes: map[string]bool{}, tokens: map[string]bool{}, ids: map[string]int{},
		streams: map[chan struct{}]chan struct{}{},
	}
	mux := http.NewServeMux()
	mux.HandleFunc("POST /v1/enroll", p.enroll)
	mux.HandleFunc("GET /v1/notifications", p.authed(p.catchUp))
	mux.HandleFunc("GET /v1/notifications/stream", p.authed(p.stream))
	mux.HandleFunc("POST /v1/notifications/{id}/ack", p.authed(p.ack))
	mux.HandleFunc("POST /v1/messages", p.authed(p.message))
	mux.HandleFunc("POST /v1/heartbeat", p.authed(p.heartbeat))
	p.srv = httptest.NewUnstartedServer(mux)
	p.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	if opts.TLS {
		p.srv.StartTLS()
	} else {
		p.srv.Start()
	}
	return p
}

// URL is the provider's base URL.
func (p *Provider) URL() string { return p.srv.URL }

// Name is the provider's name.
func (p *Provider) Name() string { return p.opts.Name }

// KeyID and Key are the provider's signing key.
func (p *Provider) KeyID() string { return p.opts.KeyID }

// Key returns the signing key.
func (p *Provider) Key() []byte { return p.opts.Key }

// CertPool trusts the provider's TLS certificate (nil without TLS).
func (p *Provider) CertPool() *x509.CertPool {
	if p.srv.Certificate() == nil {
		return nil
	}
	pool := x509.NewCertPool()
	pool.AddCert(p.srv.Certificate())
	return pool
}

// Certificate returns the TLS certificate (nil without TLS).
func (p *Provider) Certificate() *x509.Certificate { return p.srv.Certificate() }

// Close drops every stream and stops the server.
func (p *Provider) Close() {
	p.DropStreams()
	p.srv.Close()
}

// AddCode makes a one-time enrolment code valid.
func (p *Provider) AddCode(code string) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.codes[code] = true
}

// SetFault makes everything signed from now on misbehave; Fault{} heals.
func (p *Provider) SetFault(f Fault) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.fault = f
}

// DropStreams ends every open stream, as a provider restart or a network
// failure would.
func (p *Provider) DropStreams() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for wake, drop := range p.streams {
		close(drop)
		delete(p.streams, wake)
	}
}

// DropAfter ends each stream opened from now on after it sent n events.
func (p *Provider) DropAfter(n int) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.dropAfter = n
}

// Streams returns how many streams were opened so far.
func (p *Provider) Streams() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.streamsOK
}

// Publish adds a finding to the feed and pushes it to every open stream.
// It returns the notification.
func (p *Provider) Publish(f mss.DetectionFinding) mss.Notification {
	b, err := json.Marshal(f)
	if err != nil {
		panic(fmt.Sprintf("msstest: encode finding: %v", err)) // a DetectionFinding always encodes
	}
	return p.PublishRaw(b)
}

// PublishRaw adds a notification whose finding is given as JSON, valid or
// not, and returns it.
func (p *Provider) PublishRaw(finding json.RawMessage) mss.Notification {
	p.mu.Lock()
	seq := len(p.feed) + 1
	n := mss.Notification{ID: "n-" + strconv.Itoa(seq), Cursor: strconv.Itoa(seq), Finding: finding}
	b, err := json.Marshal(n)
	if err != nil {
		// Not JSON at all: sent as it is, for tests of malformed input.
		b = []byte(`{"id":"` + n.ID + `","cursor":"` + n.Cursor + `","finding":` + string(finding) + `}`)
	}
	p.feed = append(p.feed, b)
	p.mu.Unlock()
	p.wake()
	return n
}

// PublishEvent adds a notification given whole, as the bytes to send (an
// envelope Kizuki cannot read, say). Its cursor is the next in the feed.
func (p *Provider) PublishEvent(data []byte) string {
	p.mu.Lock()
	p.feed = append(p.feed, data)
	cursor := strconv.Itoa(len(p.feed))
	p.mu.Unlock()
	p.wake()
	return cursor
}

func (p *Provider) wake() {
	p.mu.Lock()
	defer p.mu.Unlock()
	for wake := range p.streams {
		select {
		case wake <- struct{}{}:
		default:
		}
	}
}

// Acks returns the acknowledgements received, in order.
func (p *Provider) Acks() []Ack {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Ack(nil), p.acks...)
}

// Messages returns the owners' questions received, in order.
func (p *Provider) Messages() []mss.MessageRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]mss.MessageRequest(nil), p.messages...)
}

// Heartbeats returns the heartbeats received, in order.
func (p *Provider) Heartbeats() []mss.HeartbeatRequest {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]mss.HeartbeatRequest(nil), p.heartbeats...)
}

// sign returns the signature of body under the current fault.
func (p *Provider) sign(key []byte, keyID string, body []byte) string {
	p.mu.Lock()
	f := p.fault
	p.mu.Unlock()
	switch {
	case f.Unsigned:
		return ""
	case f.BadSignature:
		key = []byte("not the provider's key, not at all")
	}
	if f.KeyID != "" {
		keyID = f.KeyID
	}
	return mss.Sign(key, keyID, p.opts.Now().Add(f.Skew), body)
}

// reply writes a signed JSON answer.
func (p *Provider) reply(w http.ResponseWriter, status int, key []byte, keyID string, v any) {
	var body []byte
	if raw, ok := v.([]byte); ok {
		body = raw
	} else {
		var err error
		if body, err = json.Marshal(v); err != nil {
			http.Error(w, err.Error(), http.StatusInternalServerError)
			return
		}
	}
	if sig := p.sign(key, keyID, body); sig != "" {
		w.Header().Set(mss.SignatureHeader, sig)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
}

func (p *Provider) fail(w http.ResponseWriter, status int, code string) {
	p.reply(w, status, p.opts.Key, p.opts.KeyID, map[string]string{"error": code})
}

func (p *Provider) enroll(w http.ResponseWriter, r *http.Request) {
	var req mss.EnrollRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || req.Code == "" {
		p.fail(w, http.StatusBadRequest, "bad_request")
		return
	}
	p.mu.Lock()
	ok := p.codes[req.Code]
	delete(p.codes, req.Code)
	token := ""
	if ok {
		token = "tok-" + randomHex(24)
		p.tokens[token] = true
	}
	p.mu.Unlock()
	if !ok {
		// Signed with the provider's key, not the code: an unknown code
		// must not be usable to make signatures.
		p.fail(w, http.StatusGone, "code_invalid")
		return
	}
	var resp mss.EnrollResponse
	resp.Provider.Name = p.opts.Name
	resp.Token, resp.KeyID, resp.Key = token, p.opts.KeyID, base64.StdEncoding.EncodeToString(p.opts.Key)
	p.reply(w, http.StatusOK, []byte(req.Code), mss.EnrollKeyID, resp)
}

func (p *Provider) authed(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		token, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		p.mu.Lock()
		known := ok && p.tokens[token]
		p.mu.Unlock()
		if !known {
			p.fail(w, http.StatusUnauthorized, "token_invalid")
			return
		}
		h(w, r)
	}
}

// after reads a cursor: "" is the start of the feed.
func (p *Provider) after(s string) (int, bool) {
	if s == "" {
		return 0, true
	}
	n, err := strconv.Atoi(s)
	return n, err == nil && n >= 0
}

func (p *Provider) catchUp(w http.ResponseWriter, r *http.Request) {
	after, ok := p.after(r.URL.Query().Get("after"))
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if !ok || (r.URL.Query().Has("limit") && (err != nil || limit <= 0)) {
		p.fail(w, http.StatusBadRequest, "bad_cursor")
		return
	}
	if limit <= 0 || limit > mss.MaxPage {
		limit = mss.MaxPage
	}
	p.mu.Lock()
	var items [][]byte
	if after < len(p.feed) {
		items = p.feed[after:min(len(p.feed), after+limit)]
	}
	more := after+len(items) < len(p.feed)
	p.mu.Unlock()
	// Built by hand so that a raw notification goes out as it was published.
	var body bytes.Buffer
	body.WriteString(`{"notifications":[`)
	for i, it := range items {
		if i > 0 {
			body.WriteByte(',')
		}
		body.Write(it)
	}
	fmt.Fprintf(&body, `],"more":%t}`, more)
	p.reply(w, http.StatusOK, p.opts.Key, p.opts.KeyID, body.Bytes())
}

func (p *Provider) stream(w http.ResponseWriter, r *http.Request) {
	after, ok := p.after(r.Header.Get("Last-Event-ID"))
	if !ok {
		p.fail(w, http.StatusBadRequest, "bad_cursor")
		return
	}
	fl, ok := w.(http.Flusher)
	if !ok {
		p.fail(w, http.StatusInternalServerError, "no_streaming")
		return
	}
	wake, drop := make(chan struct{}, 1), make(chan struct{})
	p.mu.Lock()
	p.streams[wake] = drop
	p.streamsOK++
	dropAfter := p.dropAfter
	p.mu.Unlock()
	defer func() {
		p.mu.Lock()
		delete(p.streams, wake)
		p.mu.Unlock()
	}()
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	fl.Flush()
	keepalive := time.NewTicker(p.opts.Keepalive)
	defer keepalive.Stop()
	sent := 0
	for {
		p.mu.Lock()
		pending := append([][]byte(nil), p.feed[min(after, len(p.feed)):]...)
		p.mu.Unlock()
		for _, data := range pending {
			after++
			writeEvent(w, strconv.Itoa(after), p.sign(p.opts.Key, p.opts.KeyID, data), data)
			fl.Flush()
			sent++
			if dropAfter > 0 && sent >= dropAfter {
				return
			}
		}
		select {
		case <-r.Context().Done():
			return
		case <-drop:
			return
		case <-wake:
		case <-keepalive.C:
			_, _ = io.WriteString(w, ": keep-alive\n\n")
			fl.Flush()
		}
	}
}

// writeEvent writes one signed SSE event; data with line breaks goes out
// as several data lines, which the reader joins with "\n" again.
func writeEvent(w io.Writer, id, sig string, data []byte) {
	var b bytes.Buffer
	b.WriteString("id: " + id + "\nevent: notification\n")
	if sig != "" {
		b.WriteString("signature: " + sig + "\n")
	}
	for line := range strings.SplitSeq(string(data), "\n") {
		b.WriteString("data: " + line + "\n")
	}
	b.WriteByte('\n')
	_, _ = w.Write(b.Bytes())
}

func (p *Provider) ack(w http.ResponseWriter, r *http.Request) {
	var req mss.AckRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || req.FindingUID == "" {
		p.fail(w, http.StatusBadRequest, "bad_request")
		return
	}
	switch req.State {
	case "open", "acknowledged", "resolved", "false_positive":
	default:
		p.fail(w, http.StatusBadRequest, "bad_state")
		return
	}
	p.mu.Lock()
	p.acks = append(p.acks, Ack{Notification: r.PathValue("id"), AckRequest: req})
	p.mu.Unlock()
	p.reply(w, http.StatusOK, p.opts.Key, p.opts.KeyID, map[string]bool{"ok": true})
}

func (p *Provider) message(w http.ResponseWriter, r *http.Request) {
	var req mss.MessageRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, mss.MaxBody)).Decode(&req); err != nil || req.ID == "" || req.Text == "" {
		p.fail(w, http.StatusBadRequest, "bad_request")
		return
	}
	if req.Finding != nil {
		if err := req.Finding.Validate(); err != nil {
			p.fail(w, http.StatusBadRequest, "invalid_finding")
			return
		}
	}
	p.mu.Lock()
	p.messages = append(p.messages, req)
	p.mu.Unlock()
	p.reply(w, http.StatusOK, p.opts.Key, p.opts.KeyID, mss.MessageResponse{ID: req.ID, Received: true})
}

func (p *Provider) heartbeat(w http.ResponseWriter, r *http.Request) {
	var req mss.HeartbeatRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || req.Light == "" {
		p.fail(w, http.StatusBadRequest, "bad_request")
		return
	}
	p.mu.Lock()
	p.heartbeats = append(p.heartbeats, req)
	p.mu.Unlock()
	p.reply(w, http.StatusOK, p.opts.Key, p.opts.KeyID, map[string]bool{"ok": true})
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}

// Finding returns a valid Detection Finding for tests and the demo:
// activity 1 (create), 2 (update) or 3 (close) of the finding uid, with
// Japanese and English texts under unmapped.kizuki.
func Finding(uid string, activity int, severityID int, kind string, at time.Time) mss.DetectionFinding {
	return mss.DetectionFinding{
		ActivityID: activity, CategoryUID: mss.CategoryFindings, ClassUID: mss.ClassDetectionFinding,
		TypeUID: mss.ClassDetectionFinding*100 + int64(activity), Time: at.UnixMilli(), SeverityID: severityID,
		Metadata: mss.Metadata{Product: mss.Product{Name: "Example SOC", VendorName: "Example MSS"}, Version: mss.OCSFVersion},
		FindingInfo: mss.FindingInfo{
			UID: uid, Title: "SSL-VPN への総当たり攻撃", Desc: "複数の国から SSL-VPN へのログイン試行が続いています。",
			FirstSeenTime: at.Add(-time.Hour).UnixMilli(), LastSeenTime: at.UnixMilli(),
		},
		Observables: []mss.Observable{{Name: "src_endpoint.ip", TypeID: mss.ObservableIP, Value: "203.0.113.45"}},
		Remediation: &mss.Remediation{Desc: "SSL-VPN の利用者全員のパスワードを変え、多要素認証を有効にしてください。"},
		Unmapped: &mss.UnmappedData{Kizuki: &mss.KizukiData{
			Kind:  kind,
			Title: monitor.MSSText{Ja: "SSL-VPN への総当たり攻撃", En: "Brute force against the SSL-VPN"},
			Desc:  monitor.MSSText{Ja: "複数の国から SSL-VPN へのログイン試行が続いています。", En: "Login attempts against the SSL-VPN keep coming from several countries."},
		}},
	}
}

// Notification returns the body of the seq-th notification of the feed
// (from 1), exactly as the feed sends it.
func (p *Provider) Notification(seq int) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]byte(nil), p.feed[seq-1]...)
}

// PostWebhook sends body to a Kizuki webhook receiver (its full URL,
// ending in mss.WebhookPath) as an on-premise box does: POST, JSON,
// signed under the current fault. It returns the status and the answer.
func (p *Provider) PostWebhook(ctx context.Context, hc *http.Client, url string, body []byte) (int, []byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, bytes.NewReader(body))
	if err != nil {
		return 0, nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if sig := p.sign(p.opts.Key, p.opts.KeyID, body); sig != "" {
		req.Header.Set(mss.SignatureHeader, sig)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return 0, nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 1<<16))
	return resp.StatusCode, b, err
}
