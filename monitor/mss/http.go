package mss

import (
	"bytes"
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// ErrInsecureURL is returned for a provider URL that is not https (plain
// http is accepted only to this machine, for tests and on-premise boxes
// reached through a local tunnel).
var ErrInsecureURL = errors.New("the MSS URL must use https (http only to this machine)")

// CheckURL parses a provider's base URL: https, or http to a loopback
// address; no user info, query or fragment. The result has no trailing
// slash.
func CheckURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("mss url %q: not an absolute URL", raw)
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("mss url %q: no user, query or fragment allowed", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopback(u.Hostname()) {
			return nil, fmt.Errorf("mss url %q: %w", raw, ErrInsecureURL)
		}
	default:
		return nil, fmt.Errorf("mss url %q: %w", raw, ErrInsecureURL)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	return u, nil
}

// IsLoopback reports whether host (a name or an address) is this machine.
func IsLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// newHTTPClient returns a client that verifies TLS (against rootCAs, or the
// system's roots when nil), follows no redirects (a redirect could lead
// off https) and gives up on a response that takes too long to start.
func newHTTPClient(rootCAs *x509.CertPool) *http.Client {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.TLSClientConfig = &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: rootCAs}
	tr.ResponseHeaderTimeout = 30 * time.Second
	return &http.Client{
		Transport:     tr,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}

// HTTPError is a response with a status other than 2xx.
type HTTPError struct {
	Status int
	// Code is the provider's error code from the body ({"error": "…"}),
	// when the body was signed and said one.
	Code string
}

func (e *HTTPError) Error() string {
	if e.Code != "" {
		return fmt.Sprintf("HTTP %d (%s)", e.Status, e.Code)
	}
	return fmt.Sprintf("HTTP %d", e.Status)
}

// ErrUnauthorized is wrapped when the provider refused the token (HTTP 401):
// the device must be enrolled again.
var ErrUnauthorized = errors.New("the provider refused the token")

// RejectError is input refused from the provider, with its reject reason.
type RejectError struct {
	Reason string
	Err    error
}

func (e *RejectError) Error() string { return "refused (" + e.Reason + "): " + e.Err.Error() }
func (e *RejectError) Unwrap() error { return e.Err }

// rejectReason returns the reject reason of err, if it is a refusal.
func rejectReason(err error) (string, bool) {
	var re *RejectError
	var se *SignatureError
	var pe *PayloadError
	switch {
	case errors.As(err, &re):
		return re.Reason, true
	case errors.As(err, &se):
		return se.Reason, true
	case errors.As(err, &pe):
		return pe.Reason, true
	}
	return "", false
}

// errTooLarge is returned by readLimited for a body over its limit.
var errTooLarge = errors.New("body too large")

// readLimited reads r up to limit bytes; more is errTooLarge.
func readLimited(r io.Reader, limit int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > limit {
		return nil, errTooLarge
	}
	return b, nil
}

// call sends one request and returns the checked body of a 2xx answer.
// The body of every answer must be signed by one of keys and fresh; a
// refused 2xx answer is a *RejectError. in is sent as JSON when not nil.
func call(ctx context.Context, hc *http.Client, method, u, token string, in any, keys map[string][]byte, now func() time.Time) ([]byte, error) {
	var body io.Reader
	if in != nil {
		b, err := json.Marshal(in)
		if err != nil {
			return nil, fmt.Errorf("encode request: %w", err)
		}
		body = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, u, body)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", "application/json")
	if in != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	resp, err := hc.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := readLimited(resp.Body, MaxBody)
	ok := resp.StatusCode >= 200 && resp.StatusCode < 300
	switch {
	case errors.Is(err, errTooLarge) && ok:
		return nil, &RejectError{Reason: monitor.RejectOversize, Err: fmt.Errorf("%s %s: answer over %d bytes", method, req.URL.Path, MaxBody)}
	case err != nil:
		return nil, fmt.Errorf("%s %s: %w", method, req.URL.Path, err)
	}
	verr := Verify(keys, resp.Header.Get(SignatureHeader), b, now())
	if !ok {
		herr := &HTTPError{Status: resp.StatusCode}
		// The code is read only from a signed body: anyone on the way (a
		// proxy) can answer 502, but not put words in the provider's mouth.
		var e struct {
			Error string `json:"error"`
		}
		if verr == nil && json.Unmarshal(b, &e) == nil {
			herr.Code = e.Error
		}
		if resp.StatusCode == http.StatusUnauthorized {
			return nil, fmt.Errorf("%s %s: %w: %w", method, req.URL.Path, ErrUnauthorized, herr)
		}
		return nil, fmt.Errorf("%s %s: %w", method, req.URL.Path, herr)
	}
	if verr != nil {
		return nil, &RejectError{Reason: reasonOf(verr), Err: fmt.Errorf("%s %s: %w", method, req.URL.Path, verr)}
	}
	return b, nil
}

func reasonOf(err error) string {
	if r, ok := rejectReason(err); ok {
		return r
	}
	return monitor.RejectBadSignature
}
