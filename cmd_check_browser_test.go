package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"golang.org/x/net/websocket"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/endpoint"
)

// TestCheckFindsARealChromiumPermission lets a real Chromium grant and
// persist a notification permission for a page served on localhost, the
// way a person does it (Settings → Notifications → Allowed → Add, driven
// over the DevTools protocol), shuts the browser down cleanly, and expects
// `kizuki check --json --home` to list that origin.
func TestCheckFindsARealChromiumPermission(t *testing.T) {
	chromium, err := exec.LookPath("chromium")
	if err != nil {
		t.Skip("chromium is not installed: `make test-browser` installs Debian's chromium and runs this test")
	}
	if testing.Short() {
		t.Skip("starts a real browser")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()

	page, err := net.Listen("tcp", "127.0.0.1:0")
	must(t, err)
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		fmt.Fprint(w, "<!doctype html><title>notify me</title><p>news</p>")
	})}
	go srv.Serve(page)
	defer srv.Close()
	origin := "http://" + page.Addr().String()

	home := t.TempDir()
	userData := filepath.Join(home, ".config", "chromium") // where kizuki looks on Linux
	args := []string{"--headless", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
		"--user-data-dir=" + userData, "--remote-debugging-port=0", "--remote-allow-origins=*", "about:blank"}
	if os.Geteuid() == 0 {
		args = append([]string{"--no-sandbox"}, args...) // Chromium refuses root otherwise
	}
	cmd := exec.CommandContext(ctx, chromium, args...)
	cmd.Env = append(os.Environ(), "HOME="+home)
	var browserLog bytes.Buffer
	cmd.Stderr = &browserLog
	must(t, cmd.Start())
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	defer func() {
		if cmd.ProcessState == nil {
			cmd.Process.Kill()
			<-exited
		}
		if t.Failed() {
			t.Logf("chromium's output:\n%s", tail(browserLog.String(), 3000))
		}
	}()

	cdp := dialDevTools(ctx, t, userData)
	defer cdp.ws.Close()
	tab := cdp.open(t, origin+"/")
	if got := cdp.eval(t, tab, "Notification.permission"); got == "granted" {
		t.Fatalf("a fresh profile already grants %s", origin)
	}
	settings := cdp.open(t, "chrome://settings/content/notifications")
	if got := cdp.eval(t, settings, strings.ReplaceAll(addAllowedSiteJS, "ORIGIN", origin)); got != "added" {
		t.Fatalf("adding the site in chrome://settings: %s", got)
	}
	granted := false
	for deadline := time.Now().Add(10 * time.Second); time.Now().Before(deadline) && !granted; {
		granted = cdp.eval(t, tab, "Notification.permission") == "granted"
		if !granted {
			time.Sleep(100 * time.Millisecond) // the browser applies the setting asynchronously
		}
	}
	if !granted {
		t.Fatalf("the page at %s was not granted notifications", origin)
	}
	// A clean shutdown writes the profile's Preferences.
	cdp.call(t, "", "Browser.close", nil)
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("chromium exited with %v", err)
		}
	case <-ctx.Done():
		t.Fatal("chromium did not shut down")
	}

	var stdout, stderr bytes.Buffer
	e := &env{
		stdout: &stdout, stderr: &stderr, getenv: os.Getenv, goos: "linux", now: time.Now, zone: time.UTC,
		detectLang: func() locales.Lang { return locales.English }, checkSystem: endpoint.Local,
	}
	if code := run([]string{"check", "--json", "--home", home, "--db", filepath.Join(t.TempDir(), "none.db")}, e); code != 0 {
		t.Fatalf("kizuki check: exit %d: %s", code, stderr.String())
	}
	var results []struct {
		Check   string
		Details struct {
			Profiles []struct {
				Browser, Profile string
				Origins          []struct{ Origin, Source string }
			}
		}
	}
	must(t, json.Unmarshal(stdout.Bytes(), &results))
	for _, p := range results[0].Details.Profiles {
		for _, o := range p.Origins {
			if p.Browser == "chromium" && p.Profile == "Default" && o.Origin == origin && o.Source == "user" {
				return
			}
		}
	}
	t.Errorf("kizuki check --json does not list %s under chromium/Default:\n%s", origin, stdout.String())
}

// addAllowedSiteJS clicks through chrome://settings/content/notifications:
// "Add" beside "Allowed to send notifications", types the site, and
// confirms once the browser has validated it. Settings is built of web
// components, so elements are looked for inside every shadow root.
const addAllowedSiteJS = `(async () => {
  const deep = (root, sel) => { const out = []; const walk = n => { n.querySelectorAll(sel).forEach(e => out.push(e)); n.querySelectorAll('*').forEach(e => { if (e.shadowRoot) walk(e.shadowRoot); }); }; walk(root); return out; };
  const sleep = ms => new Promise(r => setTimeout(r, ms));
  const waitFor = async (find, what) => { for (let i = 0; i < 100; i++) { const x = find(); if (x) return x; await sleep(100); } throw new Error('no ' + what); };
  try {
    const allowed = await waitFor(() => deep(document, 'site-list').find(l => l.categorySubtype === 'allow' && l.shadowRoot && l.shadowRoot.querySelector('#addSite')), 'list of allowed sites');
    allowed.shadowRoot.querySelector('#addSite').click();
    const dialog = await waitFor(() => deep(document, 'add-site-dialog')[0], 'add-site dialog');
    // Type into the text field inside the cr-input, as a keyboard would.
    const field = await waitFor(() => dialog.shadowRoot.querySelector('#site').inputElement, 'site field');
    // The dialog validates on each input event, and may look before the
    // cr-input has taken the new value: a second event, as from the next
    // keystroke, is validated with it.
    field.value = 'ORIGIN';
    for (let i = 0; i < 2; i++) {
      field.dispatchEvent(new InputEvent('input', {bubbles: true, composed: true, inputType: 'insertText'}));
      await sleep(200);
    }
    const add = dialog.shadowRoot.querySelector('#add');
    await waitFor(() => !add.disabled, 'valid site (the Add button stayed disabled)');
    add.click();
    return 'added';
  } catch (e) { return String(e); }
})()`

// devTools is a minimal client of the DevTools protocol over its
// websocket: enough to open tabs, evaluate script and close the browser.
type devTools struct {
	ws   *websocket.Conn
	next int
}

type devToolsMessage struct {
	ID        int             `json:"id,omitempty"`
	Method    string          `json:"method,omitempty"`
	Params    any             `json:"params,omitempty"`
	SessionID string          `json:"sessionId,omitempty"`
	Result    json.RawMessage `json:"result,omitempty"`
	Error     json.RawMessage `json:"error,omitempty"`
}

// dialDevTools connects to the browser whose user data directory is dir,
// once it has written the DevToolsActivePort file (port, then path).
func dialDevTools(ctx context.Context, t *testing.T, dir string) *devTools {
	t.Helper()
	var port []string
	for len(port) < 2 {
		if ctx.Err() != nil {
			t.Fatal("chromium did not open its DevTools port")
		}
		b, _ := os.ReadFile(filepath.Join(dir, "DevToolsActivePort"))
		if port = strings.Fields(string(b)); len(port) < 2 {
			time.Sleep(50 * time.Millisecond) // waiting for another process to start
		}
	}
	ws, err := websocket.Dial("ws://127.0.0.1:"+port[0]+port[1], "", "http://127.0.0.1/")
	must(t, err)
	if deadline, ok := ctx.Deadline(); ok {
		must(t, ws.SetDeadline(deadline))
	}
	return &devTools{ws: ws}
}

// call sends one command (to a tab's session, or the browser for "") and
// returns its result, skipping the events in between.
func (d *devTools) call(t *testing.T, session, method string, params any) json.RawMessage {
	t.Helper()
	d.next++
	id := d.next
	must(t, websocket.JSON.Send(d.ws, devToolsMessage{ID: id, Method: method, Params: params, SessionID: session}))
	for {
		var m devToolsMessage
		if err := websocket.JSON.Receive(d.ws, &m); err != nil {
			if method == "Browser.close" {
				return nil // the browser may hang up before it answers
			}
			t.Fatalf("%s: %v", method, err)
		}
		if m.ID != id {
			continue
		}
		if m.Error != nil {
			t.Fatalf("%s: %s", method, m.Error)
		}
		return m.Result
	}
}

// open opens url in a new tab and returns the tab's session.
func (d *devTools) open(t *testing.T, url string) string {
	t.Helper()
	var target struct{ TargetID string }
	must(t, json.Unmarshal(d.call(t, "", "Target.createTarget", map[string]any{"url": url}), &target))
	var session struct{ SessionID string }
	must(t, json.Unmarshal(d.call(t, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true}), &session))
	return session.SessionID
}

// eval evaluates script in a tab, waiting for the page to load and for a
// returned promise, and returns the value as text.
func (d *devTools) eval(t *testing.T, session, script string) string {
	t.Helper()
	var loaded bool
	for !loaded {
		var r struct{ Result struct{ Value string } }
		must(t, json.Unmarshal(d.call(t, session, "Runtime.evaluate", map[string]any{"expression": "document.readyState", "returnByValue": true}), &r))
		if loaded = r.Result.Value == "complete"; !loaded {
			time.Sleep(50 * time.Millisecond) // the browser loads the page
		}
	}
	var r struct {
		Result struct {
			Value any `json:"value"`
		} `json:"result"`
		Exception *struct{ Text string } `json:"exceptionDetails"`
	}
	must(t, json.Unmarshal(d.call(t, session, "Runtime.evaluate", map[string]any{"expression": script, "awaitPromise": true, "returnByValue": true}), &r))
	if r.Exception != nil {
		t.Fatalf("script failed: %s", r.Exception.Text)
	}
	return fmt.Sprint(r.Result.Value)
}

func tail(s string, n int) string {
	if len(s) > n {
		return s[len(s)-n:]
	}
	return s
}
