package mss

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// SignatureHeader carries the signature of every response body; SSE events
// carry the same value in their "signature" field.
const SignatureHeader = "Kizuki-Signature"

// MaxSkew is how far a signature's timestamp may be from Kizuki's clock,
// either way, before the signed data is refused as stale (or replayed).
const MaxSkew = 5 * time.Minute

// maxSignatureLen bounds what ParseSignature reads: a real header is about
// 100 bytes.
const maxSignatureLen = 1024

// Signature is a parsed signature header: t=UNIX-SECONDS,kid=KEY-ID,v1=HEX.
type Signature struct {
	// Time is when the data was signed (sent), whole seconds.
	Time int64
	// KeyID names the key that signed it.
	KeyID string
	// MAC is HMAC-SHA256(key, t + "." + body).
	MAC []byte
}

// ErrSignature is wrapped by every signature failure; the reject reason
// tells them apart (see SignatureError).
var ErrSignature = errors.New("signature check failed")

// SignatureError is a refused signature with its reject reason
// (monitor.RejectBadSignature, RejectStale or RejectUnknownKey).
type SignatureError struct {
	Reason string
	Detail string
}

func (e *SignatureError) Error() string { return "signature " + e.Reason + ": " + e.Detail }

// Unwrap makes errors.Is(err, ErrSignature) true.
func (e *SignatureError) Unwrap() error { return ErrSignature }

// Sign returns the signature header value for body, signed at t with key
// keyID.
func Sign(key []byte, keyID string, t time.Time, body []byte) string {
	ts := strconv.FormatInt(t.Unix(), 10)
	return "t=" + ts + ",kid=" + keyID + ",v1=" + hex.EncodeToString(mac(key, ts, body))
}

func mac(key []byte, ts string, body []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return m.Sum(nil)
}

// ParseSignature reads a signature header value. Fields are comma
// separated key=value pairs in any order; t, kid and v1 are required, each
// once; fields it does not know are ignored, so that a later version can
// add some (a v2 scheme, say) without breaking this one.
func ParseSignature(s string) (Signature, error) {
	var sig Signature
	if len(s) > maxSignatureLen {
		return sig, fmt.Errorf("signature header of %d bytes", len(s))
	}
	var haveT, haveKid, haveV1 bool
	for field := range strings.SplitSeq(s, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(field), "=")
		if !ok {
			return sig, fmt.Errorf("signature field %q has no '='", field)
		}
		switch k {
		case "t":
			n, err := strconv.ParseInt(v, 10, 64)
			if haveT || err != nil || n <= 0 || strings.HasPrefix(v, "+") {
				return sig, fmt.Errorf("signature timestamp %q", v)
			}
			sig.Time, haveT = n, true
		case "kid":
			if haveKid || !validKeyID(v) {
				return sig, fmt.Errorf("signature key id %q", v)
			}
			sig.KeyID, haveKid = v, true
		case "v1":
			b, err := hex.DecodeString(v)
			if haveV1 || err != nil || len(b) != sha256.Size {
				return sig, fmt.Errorf("signature value %q", v)
			}
			sig.MAC, haveV1 = b, true
		}
	}
	if !haveT || !haveKid || !haveV1 {
		return sig, errors.New("signature needs t, kid and v1")
	}
	return sig, nil
}

// validKeyID accepts 1 to 64 letters, digits and -_.: key ids travel in a
// header and are shown to support staff.
func validKeyID(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.') {
			return false
		}
	}
	return true
}

// Verify checks header, the signature of body, against keys (key id →
// secret) at now. The comparison is in constant time. Its error is a
// *SignatureError naming the reject reason.
func Verify(keys map[string][]byte, header string, body []byte, now time.Time) error {
	if header == "" {
		return &SignatureError{Reason: monitor.RejectBadSignature, Detail: "not signed"}
	}
	sig, err := ParseSignature(header)
	if err != nil {
		return &SignatureError{Reason: monitor.RejectBadSignature, Detail: err.Error()}
	}
	key, ok := keys[sig.KeyID]
	if !ok {
		return &SignatureError{Reason: monitor.RejectUnknownKey, Detail: "key id " + sig.KeyID}
	}
	// Checked before the time: a forged message must not learn whether its
	// timestamp would have passed.
	if !hmac.Equal(mac(key, strconv.FormatInt(sig.Time, 10), body), sig.MAC) {
		return &SignatureError{Reason: monitor.RejectBadSignature, Detail: "does not match the body"}
	}
	if skew := now.Sub(time.Unix(sig.Time, 0)); skew > MaxSkew || skew < -MaxSkew {
		return &SignatureError{Reason: monitor.RejectStale, Detail: fmt.Sprintf("signed %s away from now", skew.Round(time.Second))}
	}
	return nil
}
