package main

import (
	"context"
	"net/http"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
)

// TestServeWebhookUsage: the --mss-webhook flags are checked before
// anything starts, and the receiver is refused without an enrolment.
func TestServeWebhookUsage(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "kizuki.db")
	for _, tt := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"--mss-webhook-allow", "192.168.1.20"}, 2, "--mss-webhook"},
		{[]string{"--mss-webhook", "127.0.0.1:0", "--mss-webhook-cert", "a.crt"}, 2, "--mss-webhook-key"},
		{[]string{"--mss-webhook", "127.0.0.1:0", "--mss-webhook-allow", "example.com"}, 2, "example.com"},
		{[]string{"--mss-webhook", "127.0.0.1:0"}, 1, "kizuki mss enroll"},
	} {
		args := append([]string{"serve", "--db", db, "--lang", "en", "--syslog-udp", "127.0.0.1:0"}, tt.args...)
		if code, _, errOut := runMSSCLI(t, args...); code != tt.code || !strings.Contains(errOut, tt.want) {
			t.Errorf("%q: exit %d %q, want %d and %q", tt.args, code, errOut, tt.code, tt.want)
		}
	}
}

var webhookAddrRE = regexp.MustCompile(`127\.0\.0\.1:[0-9]+`)

// TestServeWebhook: enrolled, serve's receiver takes a signed post from
// the provider's box, shows the notice once, and refuses to open beyond
// loopback without a certificate.
func TestServeWebhook(t *testing.T) {
	p, dir, st, e, out, errOut := enrolledServe(t, locales.English)

	if _, code := startMSSWebhook(t.Context(), e, st, dir, webhookConfig{addr: "192.0.2.10:8443"}); code != 2 ||
		!strings.Contains(errOut.String(), "--mss-webhook-cert") {
		t.Errorf("non-loopback without TLS: exit %d %q", code, errOut.String())
	}

	ctx, cancel := context.WithCancel(context.Background())
	stop, code := startMSSWebhook(ctx, e, st, dir, webhookConfig{addr: "127.0.0.1:0"})
	if code != 0 {
		t.Fatal(errOut.String())
	}
	addr := webhookAddrRE.FindString(out.String())
	if addr == "" || !strings.Contains(out.String(), `"SOC"`) {
		t.Fatalf("serve printed %q", out.String())
	}
	p.Publish(msstest.Finding("INC-W", 1, 5, "", time.Now()))
	for range 2 {
		status, body, err := p.PostWebhook(t.Context(), http.DefaultClient, "http://"+addr+mss.WebhookPath, p.Notification(1))
		if err != nil || status != http.StatusNoContent {
			t.Fatalf("post: %d %s %v", status, body, err)
		}
	}
	cancel()
	stop()
	if n := strings.Count(out.String(), "(severity: critical)"); n != 1 {
		t.Errorf("notice shown %d times: %q", n, out.String())
	}
	if fs, err := st.MSSFindings(t.Context()); err != nil || len(fs) != 1 {
		t.Errorf("findings %+v, %v", fs, err)
	}
}
