package fortios

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"crypto/tls"
	"crypto/x509"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"
)

// CertError says why the FortiGate's certificate was refused. Fingerprint
// is the SHA-256 fingerprint of the certificate it presented, for the
// owner to compare with the one the FortiGate's own screen shows.
type CertError struct {
	// Fingerprint is the presented certificate's, as FormatFingerprint
	// writes it.
	Fingerprint string
	// Mismatch is true when a pinned fingerprint was given and differs;
	// false when no pin was given and no trusted CA signed it.
	Mismatch bool
	// Err is the TLS verification error, when there was one.
	Err error
}

func (e *CertError) Error() string {
	if e.Mismatch {
		return "the FortiGate's certificate has SHA-256 fingerprint " + e.Fingerprint + ", not the pinned one"
	}
	return fmt.Sprintf("the FortiGate's certificate (SHA-256 fingerprint %s) is not trusted: %v", e.Fingerprint, e.Err)
}

func (e *CertError) Unwrap() error { return e.Err }

// ParseFingerprint reads a SHA-256 certificate fingerprint written as 64
// hex digits, with or without colons or spaces between the bytes and an
// optional "SHA256:" in front, in either case.
func ParseFingerprint(s string) ([]byte, error) {
	s = strings.TrimSpace(s)
	if len(s) >= 7 && strings.EqualFold(s[:7], "sha256:") {
		s = s[7:]
	}
	s = strings.NewReplacer(":", "", " ", "", "-", "").Replace(s)
	b, err := hex.DecodeString(s)
	if err != nil || len(b) != sha256.Size {
		return nil, fmt.Errorf("fingerprint %q: want the 64 hex digits of a SHA-256 fingerprint", s)
	}
	return b, nil
}

// FormatFingerprint writes a certificate's SHA-256 fingerprint as
// browsers and FortiOS show it: upper-case hex bytes joined by colons.
func FormatFingerprint(cert *x509.Certificate) string {
	sum := sha256.Sum256(cert.Raw)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

func matchesPin(cert *x509.Certificate, pin []byte) bool {
	sum := sha256.Sum256(cert.Raw)
	return subtle.ConstantTimeCompare(sum[:], pin) == 1
}

// tlsDialer makes the connections to the FortiGate. Certificates are
// always verified by crypto/tls — chain, dates and the FortiGate's
// address — against the system's roots or the CAs given; a pin is checked
// on top of that in VerifyConnection. A FortiGate's certificate is
// usually signed by its own CA (Fortinet_CA_SSL, FortiOS 7.2.1 on, with
// its interface addresses in the certificate) or by itself, which no
// system trusts: when that verification fails for want of a trusted CA and
// the certificate presented is the pinned one, the dialer trusts that one
// certificate as a root and verifies again, so the dates and the address
// in it are still checked. Verification is never switched off. The
// dialer remembers that root for its next connections, so that only the
// first of them costs a refused handshake.
type tlsDialer struct {
	roots  *x509.CertPool // nil: the system's
	pin    []byte         // nil: no pin
	dialer net.Dialer

	mu     sync.Mutex
	pinned *x509.CertPool // the pinned certificate as the only root, once seen
}

func (d *tlsDialer) config(host string, roots *x509.CertPool) *tls.Config {
	cfg := &tls.Config{MinVersion: tls.VersionTLS12, RootCAs: roots, ServerName: host}
	if d.pin != nil {
		pin := d.pin
		cfg.VerifyConnection = func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 || !matchesPin(cs.PeerCertificates[0], pin) {
				fp := ""
				if len(cs.PeerCertificates) > 0 {
					fp = FormatFingerprint(cs.PeerCertificates[0])
				}
				return &CertError{Fingerprint: fp, Mismatch: true}
			}
			return nil
		}
	}
	return cfg
}

func (d *tlsDialer) handshake(ctx context.Context, network, addr string, cfg *tls.Config) (net.Conn, error) {
	raw, err := d.dialer.DialContext(ctx, network, addr)
	if err != nil {
		return nil, err
	}
	conn := tls.Client(raw, cfg)
	if err := conn.HandshakeContext(ctx); err != nil {
		raw.Close()
		return nil, err
	}
	return conn, nil
}

// DialTLSContext is the http.Transport's dialer.
func (d *tlsDialer) DialTLSContext(ctx context.Context, network, addr string) (net.Conn, error) {
	host, _, err := net.SplitHostPort(addr)
	if err != nil {
		return nil, err
	}
	d.mu.Lock()
	pinned := d.pinned
	d.mu.Unlock()
	if pinned != nil {
		conn, err := d.handshake(ctx, network, addr, d.config(host, pinned))
		var verr *tls.CertificateVerificationError
		if err == nil || !errors.As(err, &verr) {
			return conn, err
		}
		// The FortiGate has another certificate now: start over.
	}
	conn, err := d.handshake(ctx, network, addr, d.config(host, d.roots))
	if err == nil {
		return conn, nil
	}
	var verr *tls.CertificateVerificationError
	if !errors.As(err, &verr) || len(verr.UnverifiedCertificates) == 0 {
		var cerr *CertError
		if errors.As(err, &cerr) {
			return nil, cerr
		}
		return nil, err
	}
	leaf := verr.UnverifiedCertificates[0]
	if d.pin == nil {
		return nil, &CertError{Fingerprint: FormatFingerprint(leaf), Err: verr.Err}
	}
	if !matchesPin(leaf, d.pin) {
		return nil, &CertError{Fingerprint: FormatFingerprint(leaf), Mismatch: true, Err: verr.Err}
	}
	pool := x509.NewCertPool()
	pool.AddCert(leaf)
	conn, err = d.handshake(ctx, network, addr, d.config(host, pool))
	if err != nil {
		return nil, fmt.Errorf("the pinned certificate: %w", err)
	}
	d.mu.Lock()
	d.pinned = pool
	d.mu.Unlock()
	return conn, nil
}

// newHTTPClient returns the client for one FortiGate: HTTP/1.1 over
// verified TLS, no proxy (the FortiGate is on the office network), each
// request bounded by timeout.
func newHTTPClient(roots *x509.CertPool, pin []byte, timeout time.Duration) *http.Client {
	d := &tlsDialer{roots: roots, pin: pin, dialer: net.Dialer{Timeout: timeout}}
	return &http.Client{
		Transport: &http.Transport{
			DialTLSContext:        d.DialTLSContext,
			TLSHandshakeTimeout:   timeout,
			ResponseHeaderTimeout: timeout,
			MaxIdleConnsPerHost:   2,
			IdleConnTimeout:       90 * time.Second,
		},
		Timeout: timeout,
		// The API does not redirect; following one could send the token
		// elsewhere (net/http drops it across hosts, but not to another
		// port or path of the same host).
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
