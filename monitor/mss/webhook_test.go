package mss_test

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// webhookRig is an enrolled rig with a webhook receiver served on
// loopback.
type webhookRig struct {
	*rig
	wh  *mss.Webhook
	url string
}

func newWebhookRig(t *testing.T, allow []netip.Prefix) *webhookRig {
	t.Helper()
	r := newRig(t, msstest.Options{}, nil)
	wh, err := mss.NewWebhook(mss.WebhookConfig{
		Provider: r.enr.Provider, Keys: map[string][]byte{r.enr.KeyID: r.enr.Key}, Store: r.st, Allow: allow,
		OnChange: func(c monitor.MSSChange) { r.changes <- c },
	})
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(wh)
	t.Cleanup(srv.Close)
	return &webhookRig{rig: r, wh: wh, url: srv.URL + mss.WebhookPath}
}

func (w *webhookRig) post(t *testing.T, body []byte) (int, string) {
	t.Helper()
	code, b, err := w.p.PostWebhook(t.Context(), http.DefaultClient, w.url, body)
	if err != nil {
		t.Fatal(err)
	}
	var e struct {
		Error string `json:"error"`
	}
	if code != http.StatusNoContent {
		if err := json.Unmarshal(b, &e); err != nil {
			t.Fatalf("answer %d %q is not a JSON error: %v", code, b, err)
		}
	}
	return code, e.Error
}

// TestWebhookAppliesOnce: a signed notification posted to the receiver
// becomes the provider's finding; the same one posted again, and then
// read from the feed, changes nothing and is not shown twice.
func TestWebhookAppliesOnce(t *testing.T) {
	t.Parallel()
	w := newWebhookRig(t, nil)
	n := w.p.Publish(msstest.Finding("INC-W", 1, 4, "incident", time.Now()))
	body := w.p.Notification(1)
	if code, e := w.post(t, body); code != http.StatusNoContent {
		t.Fatalf("post: %d %s", code, e)
	}
	c := w.next(t)
	if c.Notice.ID != n.ID || !c.New || c.Finding.Origin != w.enr.Provider || c.Finding.Subject != "INC-W" {
		t.Fatalf("change %+v", c)
	}
	if code, e := w.post(t, body); code != http.StatusNoContent {
		t.Fatalf("second post: %d %s", code, e)
	}
	if s := w.wh.Stats(); s.Applied != 1 || s.Duplicates != 1 || s.Rejected != 0 {
		t.Errorf("stats %+v, want 1 applied, 1 duplicate", s)
	}
	// The feed cursor was left alone: the feed reads the notification,
	// sees its id and shows nothing.
	if cur, _ := w.st.MSSCursor(t.Context()); cur != "" {
		t.Errorf("cursor %q moved by the webhook", cur)
	}
	if err := w.c.CatchUp(t.Context()); err != nil {
		t.Fatal(err)
	}
	if s := w.c.Stats(); s.Applied != 0 || s.Duplicates != 1 {
		t.Errorf("feed stats %+v, want the notification seen as a duplicate", s)
	}
	select {
	case c := <-w.changes:
		t.Errorf("shown twice: %+v", c)
	default:
	}
	h, err := w.st.MSSHealth(t.Context())
	if err != nil || h.LastContact.IsZero() || len(h.Rejects) != 0 {
		t.Errorf("health %+v (%v)", h, err)
	}
}

// TestWebhookRejections: each kind of bad post is refused with its status
// and reason, counted in the store as on the feed, and shown in the light.
func TestWebhookRejections(t *testing.T) {
	t.Parallel()
	big := msstest.Finding("INC-BIG", 1, 4, "", time.Now())
	big.FindingInfo.Desc = strings.Repeat("あ", mss.MaxEvent/3+10)
	wrongClass := msstest.Finding("INC-X", 1, 4, "", time.Now())
	wrongClass.ClassUID = 2003
	wrongClass.TypeUID = 200301
	envelope := func(finding json.RawMessage) []byte {
		return mustJSON(t, mss.Notification{ID: "n-9", Cursor: "9", Finding: finding})
	}
	good := envelope(mustJSON(t, msstest.Finding("INC-1", 1, 4, "", time.Now())))
	tests := []struct {
		name   string
		fault  msstest.Fault
		body   []byte
		status int
		reason string
	}{
		{"bad signature", msstest.Fault{BadSignature: true}, good, http.StatusUnauthorized, monitor.RejectBadSignature},
		{"unsigned", msstest.Fault{Unsigned: true}, good, http.StatusUnauthorized, monitor.RejectBadSignature},
		{"stale timestamp", msstest.Fault{Skew: -6 * time.Minute}, good, http.StatusUnauthorized, monitor.RejectStale},
		{"timestamp from the future", msstest.Fault{Skew: 6 * time.Minute}, good, http.StatusUnauthorized, monitor.RejectStale},
		{"unknown key", msstest.Fault{KeyID: "k9"}, good, http.StatusUnauthorized, monitor.RejectUnknownKey},
		{"oversize", msstest.Fault{}, envelope(mustJSON(t, big)), http.StatusRequestEntityTooLarge, monitor.RejectOversize},
		{"malformed JSON", msstest.Fault{}, []byte(`{"id":"n-1","cursor":"1","finding":{`), http.StatusBadRequest, monitor.RejectMalformed},
		{"trailing data", msstest.Fault{}, append(bytes.Clone(good), []byte(` {}`)...), http.StatusBadRequest, monitor.RejectMalformed},
		{"not an object", msstest.Fault{}, []byte(`[]`), http.StatusBadRequest, monitor.RejectMalformed},
		{"no id", msstest.Fault{}, []byte(`{"cursor":"1","finding":{}}`), http.StatusBadRequest, monitor.RejectMalformed},
		{"finding not an object", msstest.Fault{}, envelope(json.RawMessage(`"hello"`)), http.StatusUnprocessableEntity, monitor.RejectMalformed},
		{"invalid OCSF", msstest.Fault{}, envelope(mustJSON(t, wrongClass)), http.StatusUnprocessableEntity, monitor.RejectInvalidOCSF},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			w := newWebhookRig(t, nil)
			w.p.SetFault(tt.fault)
			code, reason := w.post(t, tt.body)
			if code != tt.status || reason != tt.reason {
				t.Fatalf("answer %d %q, want %d %q", code, reason, tt.status, tt.reason)
			}
			if s := w.wh.Stats(); s.Rejected != 1 || s.Applied != 0 {
				t.Errorf("stats %+v", s)
			}
			h, err := w.st.MSSHealth(t.Context())
			if err != nil {
				t.Fatal(err)
			}
			if h.Rejects[tt.reason].Count != 1 {
				t.Errorf("rejects %+v, want one %s", h.Rejects, tt.reason)
			}
			st := status.Compute(status.Input{Now: time.Now(), MSS: h})
			if !slices.ContainsFunc(st.Reasons, func(r status.Reason) bool { return r.Code == "mss."+tt.reason }) {
				t.Errorf("reasons %+v, want mss.%s", st.Reasons, tt.reason)
			}
			select {
			case c := <-w.changes:
				t.Errorf("refused post changed a finding: %+v", c)
			default:
			}
		})
	}
}

// TestWebhookRefusesOthers: a sender off the allow-list gets 403 before
// anything is read and is counted — in the store at once the first time,
// then at most once a minute and when the receiver stops (FlushRefusals),
// so a flood costs few writes — and nothing else in the store changes;
// wrong methods, paths and content types are refused without counting.
func TestWebhookRefusesOthers(t *testing.T) {
	t.Parallel()
	w := newWebhookRig(t, []netip.Prefix{netip.MustParsePrefix("192.0.2.0/24")})
	w.p.Publish(msstest.Finding("INC-1", 1, 4, "", time.Now()))
	stored := func() int64 {
		t.Helper()
		h, err := w.st.MSSHealth(t.Context())
		if err != nil {
			t.Fatal(err)
		}
		if len(h.Rejects) > 1 || !h.LastContact.IsZero() {
			t.Errorf("health %+v: the store holds more than the refused senders", h)
		}
		return h.Rejects[monitor.RejectSenderNotAllowed].Count
	}
	for i := range 3 {
		code, reason := w.post(t, w.p.Notification(1))
		if code != http.StatusForbidden || reason != "sender_not_allowed" {
			t.Fatalf("answer %d %q, want 403", code, reason)
		}
		if n := stored(); n != 1 {
			t.Errorf("after %d refused posts the store counts %d, want the first at once and no more within the minute", i+1, n)
		}
	}
	if s := w.wh.Stats(); s.Forbidden != 3 || s.Applied != 0 {
		t.Errorf("stats %+v", s)
	}
	if err := w.wh.FlushRefusals(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := stored(); n != 3 {
		t.Errorf("after FlushRefusals the store counts %d refused posts, want 3", n)
	}
	if err := w.wh.FlushRefusals(t.Context()); err != nil { // nothing new: nothing added
		t.Fatal(err)
	}
	if n := stored(); n != 3 {
		t.Errorf("a second FlushRefusals made it %d", n)
	}

	open := newWebhookRig(t, nil)
	for _, tt := range []struct {
		method, path, ctype string
		status              int
	}{
		{http.MethodGet, mss.WebhookPath, "application/json", http.StatusMethodNotAllowed},
		{http.MethodPost, "/v1/other", "application/json", http.StatusNotFound},
		{http.MethodPost, mss.WebhookPath, "text/plain", http.StatusUnsupportedMediaType},
	} {
		req, _ := http.NewRequestWithContext(t.Context(), tt.method, strings.TrimSuffix(open.url, mss.WebhookPath)+tt.path, strings.NewReader("{}"))
		req.Header.Set("Content-Type", tt.ctype)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != tt.status {
			t.Errorf("%s %s %s: %d, want %d", tt.method, tt.path, tt.ctype, resp.StatusCode, tt.status)
		}
	}
}

// TestListenWebhook: beyond loopback the receiver refuses to start
// without TLS, and needs an explicit address; with a certificate it
// serves TLS.
func TestListenWebhook(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{":8443", "0.0.0.0:8443", "[::]:8443", "localhost:8443", "8443"} {
		if ln, err := mss.ListenWebhook(addr, "", ""); err == nil {
			ln.Close()
			t.Errorf("%s: listened", addr)
		}
	}
	if _, err := mss.ListenWebhook("192.0.2.10:8443", "", ""); !errors.Is(err, mss.ErrWebhookNeedsTLS) {
		t.Errorf("non-loopback without TLS: %v, want ErrWebhookNeedsTLS", err)
	}
	certFile, keyFile, pool := writeCert(t)
	ln, err := mss.ListenWebhook("127.0.0.1:0", certFile, keyFile)
	if err != nil {
		t.Fatal(err)
	}
	r := newRig(t, msstest.Options{}, nil)
	wh, err := mss.NewWebhook(mss.WebhookConfig{Provider: r.enr.Provider, Keys: map[string][]byte{r.enr.KeyID: r.enr.Key}, Store: r.st})
	if err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- mss.ServeWebhook(t.Context(), ln, wh) }()
	r.p.Publish(msstest.Finding("INC-T", 1, 4, "", time.Now()))
	hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}}}
	code, b, err := r.p.PostWebhook(t.Context(), hc, "https://"+ln.Addr().String()+mss.WebhookPath, r.p.Notification(1))
	if err != nil || code != http.StatusNoContent {
		t.Fatalf("post over TLS: %d %s %v", code, b, err)
	}
	if _, err := http.Post("http://"+ln.Addr().String()+mss.WebhookPath, "application/json", strings.NewReader("{}")); err == nil {
		// The TLS server answers plain HTTP with a 400 of its own at
		// best; it must never reach the handler.
		if s := wh.Stats(); s.Rejected != 0 {
			t.Errorf("plain http reached the handler: %+v", s)
		}
	}
}

// writeCert writes a self-signed certificate for 127.0.0.1 and its key.
func writeCert(t *testing.T) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "kizuki webhook test"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}, KeyUsage: x509.KeyUsageDigitalSignature,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	kb, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: kb}), 0o600); err != nil {
		t.Fatal(err)
	}
	cert, _ := x509.ParseCertificate(der)
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestParseAllow(t *testing.T) {
	t.Parallel()
	got, err := mss.ParseAllow(" 192.168.1.10, 10.0.0.0/8 ,::1,")
	want := []netip.Prefix{netip.MustParsePrefix("192.168.1.10/32"), netip.MustParsePrefix("10.0.0.0/8"), netip.MustParsePrefix("::1/128")}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("ParseAllow: %v %v", got, err)
	}
	for _, bad := range []string{"example.com", "192.168.1.300", "10.0.0.0/33"} {
		if _, err := mss.ParseAllow(bad); err == nil {
			t.Errorf("ParseAllow(%q) accepted", bad)
		}
	}
}

// BenchmarkWebhookPost: one signed notification posted on loopback,
// checked and applied to SQLite, answered 204.
func BenchmarkWebhookPost(b *testing.B) {
	r := newRig(b, msstest.Options{}, nil)
	wh, err := mss.NewWebhook(mss.WebhookConfig{Provider: r.enr.Provider, Keys: map[string][]byte{r.enr.KeyID: r.enr.Key}, Store: r.st})
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(wh)
	b.Cleanup(srv.Close)
	bodies := make([][]byte, b.N)
	for i := range bodies {
		r.p.Publish(msstest.Finding("INC-B", 1+min(i, 1), 4, "", time.Now()))
		bodies[i] = r.p.Notification(i + 1)
	}
	b.ResetTimer()
	for i := range b.N {
		code, body, err := r.p.PostWebhook(b.Context(), http.DefaultClient, srv.URL+mss.WebhookPath, bodies[i])
		if err != nil || code != http.StatusNoContent {
			b.Fatalf("post: %d %s %v", code, body, err)
		}
	}
}
