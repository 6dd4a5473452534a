package mss_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
)

// FuzzParseSignature: any header either parses into a signature that
// prints back to an equal one, or is refused; never a panic.
func FuzzParseSignature(f *testing.F) {
	key := bytes.Repeat([]byte{7}, 32)
	f.Add(mss.Sign(key, "k1", time.Unix(1795394467, 0), []byte(`{"ok":true}`)))
	f.Add("t=1,kid=a,v1=00")
	f.Add("v1=" + string(bytes.Repeat([]byte("ab"), 32)) + ",kid=k1,t=1795394467,v2=zz")
	f.Add("t=-5,kid=k1,v1=")
	f.Add("t=1795394467,t=1795394467,kid=k1,v1=00")
	f.Add(",,,")
	f.Fuzz(func(t *testing.T, header string) {
		sig, err := mss.ParseSignature(header)
		if err != nil {
			return
		}
		if sig.Time <= 0 || sig.KeyID == "" || len(sig.MAC) != 32 {
			t.Fatalf("parsed %q into an incomplete signature %+v", header, sig)
		}
		// Whatever parsed must verify only with the right MAC.
		if mss.Verify(map[string][]byte{sig.KeyID: key}, header, []byte("body"), time.Unix(sig.Time, 0)) == nil &&
			!bytes.Equal(sig.MAC, mustMAC(key, sig.Time)) {
			t.Fatalf("%q verified with a MAC that is not the body's", header)
		}
	})
}

func mustMAC(key []byte, ts int64) []byte {
	sig, _ := mss.ParseSignature(mss.Sign(key, "k1", time.Unix(ts, 0), []byte("body")))
	return sig.MAC
}

// FuzzDecodeNotification: any event data decodes into a notification
// whose finding passes Validate, or is refused with a reason; never a
// panic, and what is accepted maps onto a finding with a rule and subject.
func FuzzDecodeNotification(f *testing.F) {
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	for _, fd := range []mss.DetectionFinding{
		msstest.Finding("INC-1", 1, 4, "", at), msstest.Finding("ADV-1", 2, 2, "advisory", at), msstest.Finding("INC-1", 3, 1, "incident", at),
	} {
		b, _ := json.Marshal(mss.Notification{ID: "n-1", Cursor: "1", Finding: mustMarshal(fd)})
		f.Add(b)
	}
	f.Add([]byte(`{"id":"n-1","cursor":"1","finding":{"class_uid":2004}}`))
	f.Add([]byte(`{"id":"n-1","cursor":"1","finding":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, data []byte) {
		n, fd, err := mss.DecodeNotification(data)
		if err != nil {
			var pe *mss.PayloadError
			if !errors.As(err, &pe) || pe.Reason == "" {
				t.Fatalf("refusal without a reason: %v", err)
			}
			return
		}
		if err := fd.Validate(); err != nil {
			t.Fatalf("accepted an invalid finding: %v", err)
		}
		notice := mss.Notice("SOC", n, fd, at)
		if notice.Finding.Rule == "" || notice.Finding.Subject == "" || notice.Finding.LastSeen.Before(notice.Finding.FirstSeen) {
			t.Fatalf("notice %+v", notice.Finding)
		}
	})
}

func mustMarshal(v any) json.RawMessage {
	b, err := json.Marshal(v)
	if err != nil {
		panic(err)
	}
	return b
}

// FuzzWebhook: any body, correctly signed, posted to the receiver gets 204
// exactly when it decodes into a valid notification, and a 4xx with a
// JSON reason otherwise; never a panic, never a 5xx.
func FuzzWebhook(f *testing.F) {
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	b, _ := json.Marshal(mss.Notification{ID: "n-1", Cursor: "1", Finding: mustMarshal(msstest.Finding("INC-1", 1, 4, "", at))})
	f.Add(b)
	f.Add([]byte(`{"id":"n-1","cursor":"1","finding":{"class_uid":2004}}`))
	f.Add([]byte(`{"id":"n-1","cursor":"1","finding":"x"} {}`))
	f.Add([]byte(` []`))
	f.Add([]byte{})
	key := bytes.Repeat([]byte{7}, 32)
	st := newFuzzStore(f)
	wh, err := mss.NewWebhook(mss.WebhookConfig{Provider: "SOC", Keys: map[string][]byte{"k1": key}, Store: st,
		Now: func() time.Time { return at }})
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, body []byte) {
		req := httptest.NewRequest(http.MethodPost, mss.WebhookPath, bytes.NewReader(body))
		req.RemoteAddr = "127.0.0.1:40000"
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set(mss.SignatureHeader, mss.Sign(key, "k1", at, body))
		rec := httptest.NewRecorder()
		wh.ServeHTTP(rec, req)
		_, _, derr := mss.DecodeNotification(body)
		switch {
		case rec.Code == http.StatusNoContent:
			if derr != nil {
				t.Fatalf("accepted %q, which does not decode: %v", body, derr)
			}
		case rec.Code >= 400 && rec.Code < 500:
			var e struct {
				Error string `json:"error"`
			}
			if json.Unmarshal(rec.Body.Bytes(), &e) != nil || e.Error == "" {
				t.Fatalf("refusal %d without a JSON reason: %q", rec.Code, rec.Body.Bytes())
			}
			if derr == nil && len(body) <= mss.MaxEvent && bytes.HasPrefix(bytes.TrimSpace(body), []byte("{")) {
				t.Fatalf("refused %q (%d %s), which decodes", body, rec.Code, e.Error)
			}
		default:
			t.Fatalf("status %d for %q", rec.Code, body)
		}
	})
}
