package mss

import (
	"context"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// EnrollKeyID is the key id of the enrolment answer's signature: it is
// signed with the one-time code itself, the only secret both sides share
// before enrolment.
const EnrollKeyID = "enroll"

// minKeyLen is the shortest signing key accepted: HMAC-SHA256 wants 32
// bytes of key.
const minKeyLen = 32

// EnrollRequest is the body of POST /v1/enroll.
type EnrollRequest struct {
	Code   string `json:"code"`
	Device Device `json:"device"`
}

// Device tells the provider what enrolled: a name the owner recognizes and
// the Kizuki version.
type Device struct {
	Name    string `json:"name"`
	Version string `json:"version"`
}

// EnrollResponse is the answer to POST /v1/enroll.
type EnrollResponse struct {
	Provider struct {
		Name string `json:"name"`
	} `json:"provider"`
	Token string `json:"token"`
	KeyID string `json:"key_id"`
	// Key is the signing key, base64 (standard, padded).
	Key string `json:"key"`
}

// Enrollment is what a successful enrolment gives: the provider's name, the
// device's token and the provider's signing key. Token and Key are secrets.
type Enrollment struct {
	Provider string
	URL      string
	Token    string
	KeyID    string
	Key      []byte
}

// Secret is how an enrolment's secrets are kept in the secret store under
// SecretName: JSON, never in the database.
type Secret struct {
	Token string `json:"token"`
	KeyID string `json:"key_id"`
	Key   []byte `json:"key"`
}

// SecretName is the secret store's name for the MSS token and key.
const SecretName = "mss"

// Secret returns the part of e to keep in the secret store.
func (e Enrollment) Secret() string {
	b, _ := json.Marshal(Secret{Token: e.Token, KeyID: e.KeyID, Key: e.Key})
	return string(b)
}

// ParseSecret reads what Enrollment.Secret wrote.
func ParseSecret(s string) (Secret, error) {
	var sec Secret
	if err := json.Unmarshal([]byte(s), &sec); err != nil || sec.Token == "" || len(sec.Key) < minKeyLen {
		return Secret{}, errors.New("mss secret is damaged: enroll again")
	}
	return sec, nil
}

// ErrCodeRefused is wrapped when the provider refused the one-time code
// (unknown, used or expired).
var ErrCodeRefused = errors.New("the provider refused the enrolment code")

// EnrollConfig is what Enroll needs.
type EnrollConfig struct {
	URL  string
	Code string
	// Device describes this installation to the provider.
	Device Device
	// RootCAs verify the provider's certificate; nil means the system's.
	RootCAs *x509.CertPool
	// Now is the clock for the answer's signature; time.Now when nil.
	Now func() time.Time
}

// Enroll exchanges a one-time code for a device token and the provider's
// signing key (POST /v1/enroll). The answer must be signed with the code.
func Enroll(ctx context.Context, cfg EnrollConfig) (Enrollment, error) {
	u, err := CheckURL(cfg.URL)
	if err != nil {
		return Enrollment{}, err
	}
	code := strings.TrimSpace(cfg.Code)
	if code == "" {
		return Enrollment{}, errors.New("enroll: empty code")
	}
	now := cfg.Now
	if now == nil {
		now = time.Now
	}
	hc := newHTTPClient(cfg.RootCAs)
	keys := map[string][]byte{EnrollKeyID: []byte(code)}
	b, err := call(ctx, hc, http.MethodPost, u.String()+"/v1/enroll", "", EnrollRequest{Code: code, Device: cfg.Device}, keys, now)
	var herr *HTTPError
	if errors.As(err, &herr) && (herr.Status == http.StatusNotFound || herr.Status == http.StatusGone ||
		herr.Status == http.StatusForbidden || herr.Status == http.StatusUnauthorized) {
		return Enrollment{}, fmt.Errorf("enroll at %s: %w: %w", u.Host, ErrCodeRefused, err)
	}
	if err != nil {
		return Enrollment{}, fmt.Errorf("enroll at %s: %w", u.Host, err)
	}
	var r EnrollResponse
	if err := json.Unmarshal(b, &r); err != nil {
		return Enrollment{}, fmt.Errorf("enroll at %s: %w", u.Host, &RejectError{Reason: monitor.RejectMalformed, Err: err})
	}
	key, kerr := base64.StdEncoding.DecodeString(r.Key)
	switch {
	case kerr != nil || len(key) < minKeyLen:
		err = fmt.Errorf("signing key must be at least %d bytes, base64", minKeyLen)
	case r.Token == "" || !printable(r.Token) || len(r.Token) > 4096:
		err = errors.New("no usable token")
	case !validKeyID(r.KeyID) || r.KeyID == EnrollKeyID:
		err = fmt.Errorf("key id %q", r.KeyID)
	case r.Provider.Name == "" || len(r.Provider.Name) > 100 || monitor.OriginLocal == r.Provider.Name:
		err = fmt.Errorf("provider name %q", r.Provider.Name)
	}
	if err != nil {
		return Enrollment{}, fmt.Errorf("enroll at %s: %w", u.Host, &RejectError{Reason: monitor.RejectMalformed, Err: err})
	}
	return Enrollment{Provider: r.Provider.Name, URL: u.String(), Token: r.Token, KeyID: r.KeyID, Key: key}, nil
}
