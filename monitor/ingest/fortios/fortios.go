// Package fortios polls a FortiGate's REST API for its logs, for owners
// who cannot point the FortiGate's syslog at Kizuki. Each result is turned
// back into the key=value line FortiOS would have sent over syslog, so the
// FortiGate parser reads it unchanged, and handed over as a monitor.Line.
//
// What is documented and what is assumed. Fortinet's API reference (as
// mirrored by Fortinet's Ansible collection, fortios_log_fact, and by
// client libraries generated from it) documents
// GET /api/v2/log/{memory|disk|fortianalyzer|forticloud}/{type}[/{subtype}]
// with traffic/{forward,local,…}, event/{vpn,system,user,…} and the UTM
// logs under their engine's name alone (virus, ips, webfilter, app-ctrl:
// no "utm/" in the path), and the parameters start ("row number for the
// first row to return"), rows, session_id ("to continue getting data for
// that request"), serial_no, is_ha_member, filter and extra. The answer's
// envelope (http_method, results, vdom, path, name, action, status,
// serial, version, build) is the one every FortiOS monitor API answer has
// in Fortinet's documentation, and a REST API administrator's token goes
// in an "Authorization: Bearer" header (Fortinet's community support;
// the ?access_token= form would put it in URLs and logs). The
// log-specific fields — total_lines, start, rows, session_id, completed
// (the share of the search done, in percent) — and the _metadata object
// of each result ("#" a row number, timestamp in epoch seconds) are
// assumed from answers seen in the field, not from a specification; so
// is newest-first ordering. The code depends on them only where it must,
// and reports an answer in the other order (ErrOrder) rather than
// misreading it.
package fortios

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Defaults for the zero values of Config.
const (
	DefaultDevice   = "memory"
	DefaultInterval = 30 * time.Second
	DefaultTimeout  = 30 * time.Second
	DefaultRows     = 500
	DefaultMaxPages = 20
)

const (
	// maxBackoff caps the wait after repeated failures.
	maxBackoff = 10 * time.Minute
	// maxAnswer bounds one answer's body (500 rows are about 1 MB).
	maxAnswer = 64 << 20
	// searchRetries bounds how often a page is asked again while FortiOS
	// reports its search unfinished (completed < 100), searchWait apart.
	searchRetries = 10
	searchWait    = 300 * time.Millisecond
)

// DefaultTypes are the logs polled when Config.Types is empty: what the
// detection rules read (traffic, VPN and admin logins, system events,
// the security engines).
var DefaultTypes = []string{
	"traffic/forward", "traffic/local", "event/vpn", "event/system", "event/user",
	"virus", "ips", "webfilter", "app-ctrl",
}

// Devices are where a FortiGate keeps logs that the API can read.
var Devices = []string{"memory", "disk", "fortianalyzer", "forticloud"}

// utmTypes are the security engines' logs, whose path has no subtype.
var utmTypes = []string{
	"virus", "webfilter", "waf", "ips", "anomaly", "app-ctrl", "cifs", "emailfilter", "dlp",
	"voip", "gtp", "dns", "ssh", "ssl", "file-filter",
}

var subtypeName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

// ParseType checks a log type as the API path names it below the device
// ("traffic/forward", "event/vpn", "virus") and returns it. FortiOS's
// syslog names the UTM logs "utm" with a subtype, so "utm/virus" is
// accepted for "virus".
func ParseType(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if engine, ok := strings.CutPrefix(s, "utm/"); ok {
		s = engine
	}
	if slices.Contains(utmTypes, s) {
		return s, nil
	}
	if kind, sub, ok := strings.Cut(s, "/"); ok && (kind == "traffic" || kind == "event") && subtypeName.MatchString(sub) {
		return s, nil
	}
	return "", fmt.Errorf("unknown FortiOS log type %q (want traffic/forward, event/vpn, virus, …)", s)
}

// Errors the poller reports. ErrTokenRejected stops Run; the others are
// retried.
var (
	ErrTokenRejected = errors.New("token rejected")
	ErrMalformed     = errors.New("answer is not the JSON FortiOS sends")
	ErrTimeout       = errors.New("no answer in time")
	ErrOrder         = errors.New("the logs came oldest first, not newest first")
)

// HTTPError is an answer with an unexpected HTTP status.
type HTTPError struct {
	Status int
	Path   string
}

func (e *HTTPError) Error() string {
	return fmt.Sprintf("%s: HTTP %d %s", e.Path, e.Status, http.StatusText(e.Status))
}

// Config says which FortiGate to poll and how.
type Config struct {
	// Host is the FortiGate's address, with ":port" when the admin HTTPS
	// port is not 443. Required.
	Host string
	// Token is the REST API administrator's API key. Required; never
	// logged.
	Token string
	// Source names the lines (monitor.Line.Source); empty means Host.
	Source string
	// Device is where the logs are read: memory (the default), disk,
	// fortianalyzer or forticloud.
	Device string
	// Types are the logs polled (see ParseType); empty means DefaultTypes.
	Types []string
	// VDOM is passed as ?vdom= when not empty.
	VDOM string
	// Fingerprint pins the FortiGate's certificate: the SHA-256 of its
	// DER form (ParseFingerprint). Nil means no pin.
	Fingerprint []byte
	// RootCAs are the CAs trusted for the FortiGate's certificate; nil
	// means the system's.
	RootCAs *x509.CertPool
	// Interval is the time between polls; zero means DefaultInterval.
	Interval time.Duration
	// Timeout bounds each request; zero means DefaultTimeout.
	Timeout time.Duration
	// Rows is the page size; zero means DefaultRows.
	Rows int
	// MaxPages bounds the pages read per log and poll; zero means
	// DefaultMaxPages. A first poll reads at most Rows×MaxPages lines of
	// history; a later one that hits the bound counts a gap.
	MaxPages int
	// Now stamps the lines' receive time; nil means time.Now.
	Now func() time.Time
	// OnError hears every failed poll before Run waits retryIn to try
	// again; nil means nobody listens.
	OnError func(err error, retryIn time.Duration)
}

// Stats counts what the poller did; Stats() returns a snapshot.
type Stats struct {
	Requests  int64 // HTTP requests made
	Lines     int64 // lines delivered
	Malformed int64 // answers or results that were not the JSON expected, skipped
	Errors    int64 // failed polls of one log
	Gaps      int64 // polls that hit MaxPages before reaching the lines already delivered
}

// Batch is what one poll of one log found: its new lines, oldest first,
// and the cursor to store with them.
type Batch struct {
	// Type is the log type ("event/vpn").
	Type string
	// Stream names the log for storing its cursor: Device + "/" + Type.
	Stream string
	// Lines are the new lines, oldest first.
	Lines []monitor.Line
	// Cursor is where the poller stands after Lines; pass it back through
	// SetCursor after a restart.
	Cursor string
}

// Client polls one FortiGate. Poll and Run must not be called
// concurrently; Stats may be called at any time.
type Client struct {
	cfg     Config
	http    *http.Client
	cursors map[string]*cursor // by type
	jitter  func() float64     // in [0, 1)
	wait    func(ctx context.Context, d time.Duration) error

	requests, lines, malformed, errs, gaps atomic.Int64
}

// New checks cfg and returns a Client for it.
func New(cfg Config) (*Client, error) {
	if cfg.Host == "" {
		return nil, errors.New("fortios: no host")
	}
	if strings.ContainsAny(cfg.Host, "/?#@ ") {
		return nil, fmt.Errorf("fortios: host %q: want an address or a name, with :port if needed", cfg.Host)
	}
	if cfg.Token == "" {
		return nil, errors.New("fortios: no API token")
	}
	if cfg.Source == "" {
		cfg.Source = cfg.Host
	}
	if cfg.Device == "" {
		cfg.Device = DefaultDevice
	}
	if !slices.Contains(Devices, cfg.Device) {
		return nil, fmt.Errorf("fortios: unknown log device %q (want one of %s)", cfg.Device, strings.Join(Devices, ", "))
	}
	if len(cfg.Types) == 0 {
		cfg.Types = DefaultTypes
	}
	types := make([]string, 0, len(cfg.Types))
	for _, t := range cfg.Types {
		pt, err := ParseType(t)
		if err != nil {
			return nil, fmt.Errorf("fortios: %w", err)
		}
		if !slices.Contains(types, pt) {
			types = append(types, pt)
		}
	}
	cfg.Types = types
	if cfg.Fingerprint != nil && len(cfg.Fingerprint) != 32 {
		return nil, errors.New("fortios: a fingerprint is the 32 bytes of a SHA-256 hash")
	}
	if cfg.Interval <= 0 {
		cfg.Interval = DefaultInterval
	}
	if cfg.Timeout <= 0 {
		cfg.Timeout = DefaultTimeout
	}
	if cfg.Rows <= 0 {
		cfg.Rows = DefaultRows
	}
	if cfg.MaxPages <= 0 {
		cfg.MaxPages = DefaultMaxPages
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	c := &Client{
		cfg:     cfg,
		http:    newHTTPClient(cfg.RootCAs, cfg.Fingerprint, cfg.Timeout),
		cursors: map[string]*cursor{},
		jitter:  rand.Float64,
		wait:    sleep,
	}
	for _, t := range cfg.Types {
		c.cursors[t] = newCursor()
	}
	return c, nil
}

// Types returns the log types polled, normalized.
func (c *Client) Types() []string { return slices.Clone(c.cfg.Types) }

// Stream returns the name under which a log type's cursor is stored.
func (c *Client) Stream(logType string) string { return c.cfg.Device + "/" + logType }

// SetCursor restores where a previous run stood in a log type.
func (c *Client) SetCursor(logType, text string) error {
	if _, ok := c.cursors[logType]; !ok {
		return fmt.Errorf("fortios: %s is not polled", logType)
	}
	cur, err := parseCursor(text)
	if err != nil {
		return fmt.Errorf("fortios: %s: %w", logType, err)
	}
	c.cursors[logType] = cur
	return nil
}

// Stats returns the counters so far.
func (c *Client) Stats() Stats {
	return Stats{
		Requests: c.requests.Load(), Lines: c.lines.Load(), Malformed: c.malformed.Load(),
		Errors: c.errs.Load(), Gaps: c.gaps.Load(),
	}
}

// deliverError marks an error of the caller's deliver function, which
// Run passes on instead of retrying.
type deliverError struct{ err error }

func (e *deliverError) Error() string { return e.err.Error() }
func (e *deliverError) Unwrap() error { return e.err }

// Poll polls every log once and hands each non-empty Batch to deliver;
// a log's cursor moves only once deliver has returned nil. A log that
// fails does not stop the others: their errors come back joined. A
// rejected token or an error from deliver stops the poll at once and is
// returned.
func (c *Client) Poll(ctx context.Context, deliver func(Batch) error) error {
	_, err := c.poll(ctx, deliver)
	return err
}

// poll is Poll, also saying how many logs were read without error.
func (c *Client) poll(ctx context.Context, deliver func(Batch) error) (ok int, err error) {
	var errs []error
	for _, t := range c.cfg.Types {
		if err := ctx.Err(); err != nil {
			return ok, err
		}
		b, next, err := c.pollType(ctx, t)
		if err != nil {
			c.errs.Add(1)
			if errors.Is(err, ErrTokenRejected) {
				return ok, err
			}
			errs = append(errs, fmt.Errorf("%s: %w", t, err))
			continue
		}
		ok++
		if len(b.Lines) == 0 {
			continue
		}
		if err := deliver(b); err != nil {
			return ok, &deliverError{err}
		}
		c.cursors[t] = next
		c.lines.Add(int64(len(b.Lines)))
	}
	return ok, errors.Join(errs...)
}

// Run polls every Interval until ctx ends, then returns nil. While no log
// can be read (the FortiGate unreachable, say) it waits longer after each
// poll (doubling from Interval up to ten minutes, with jitter); when only
// some fail (a log the FortiGate does not keep), the others keep their
// pace. Either way OnError hears of it. A rejected token or a failing
// deliver stops it with that error.
func (c *Client) Run(ctx context.Context, deliver func(Batch) error) error {
	failures := 0
	for {
		ok, err := c.poll(ctx, deliver)
		if ctx.Err() != nil {
			return nil
		}
		var derr *deliverError
		if errors.As(err, &derr) {
			return derr.err
		}
		if errors.Is(err, ErrTokenRejected) {
			return err
		}
		wait := c.cfg.Interval
		if err != nil && ok == 0 {
			failures++
			wait = backoff(failures, c.cfg.Interval, c.jitter())
		} else {
			failures = 0
		}
		if err != nil && c.cfg.OnError != nil {
			c.cfg.OnError(err, wait)
		}
		if c.wait(ctx, wait) != nil {
			return nil
		}
	}
}

// backoff is the wait after the n-th failure in a row: base doubled n-1
// times, capped at maxBackoff, then scaled into [½, 1) by jitter so that
// Kizukis restarted together do not knock together.
func backoff(n int, base time.Duration, jitter float64) time.Duration {
	d := base
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	d = min(d, maxBackoff)
	return d/2 + time.Duration(jitter*float64(d/2))
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// answer is the part of the API's answer the poller reads.
type answer struct {
	Results    []json.RawMessage `json:"results"`
	Status     string            `json:"status"`
	HTTPStatus int               `json:"http_status"`
	TotalLines int               `json:"total_lines"`
	SessionID  json.RawMessage   `json:"session_id"`
	Completed  *int              `json:"completed"`
}

// session returns session_id as text, whether FortiOS wrote it as a
// number or a string.
func (a *answer) session() string {
	s := strings.TrimSpace(string(a.SessionID))
	if s == "" || s == "null" {
		return ""
	}
	if unq, err := strconv.Unquote(s); err == nil {
		return unq
	}
	return s
}

// pollType reads the new lines of one log: pages from the newest line
// back to the lines already delivered. It returns them with the cursor
// to adopt once they are stored.
func (c *Client) pollType(ctx context.Context, t string) (Batch, *cursor, error) {
	cur := c.cursors[t]
	var (
		fresh   []entry
		inPoll  = map[string]bool{} // pages shift when lines arrive between them
		session string
		start   int
	)
	for page := 0; ; page++ {
		if page == c.cfg.MaxPages {
			if !cur.fresh() {
				c.gaps.Add(1)
			}
			break
		}
		a, err := c.fetchPage(ctx, t, start, session)
		if err != nil {
			return Batch{}, nil, err
		}
		if s := a.session(); s != "" {
			session = s
		}
		var entries []entry
		for _, raw := range a.Results {
			e, err := entryFrom(raw)
			if err != nil {
				c.malformed.Add(1)
				continue
			}
			entries = append(entries, e)
		}
		if page == 0 && len(entries) > 1 && entries[0].time < entries[len(entries)-1].time-int64(reorderWindow) {
			return Batch{}, nil, ErrOrder
		}
		reachedOld := false
		for _, e := range entries {
			if cur.behind(e.time) {
				reachedOld = true
			}
			if cur.delivered(e) || inPoll[e.key] {
				continue
			}
			inPoll[e.key] = true
			fresh = append(fresh, e)
		}
		start += len(a.Results)
		more := len(a.Results) == c.cfg.Rows
		if a.TotalLines > 0 {
			more = len(a.Results) > 0 && start < a.TotalLines
		}
		if reachedOld || !more {
			break
		}
	}
	slices.Reverse(fresh) // oldest first
	b := Batch{Type: t, Stream: c.Stream(t)}
	now := c.cfg.Now()
	for _, e := range fresh {
		b.Lines = append(b.Lines, monitor.Line{Received: now, Source: c.cfg.Source, Sender: c.cfg.Host, Text: e.line})
	}
	next := cur.advance(fresh)
	b.Cursor = next.String()
	return b, next, nil
}

// fetchPage asks for one page, again while FortiOS says its search is
// still running.
func (c *Client) fetchPage(ctx context.Context, t string, start int, session string) (*answer, error) {
	for try := 0; ; try++ {
		a, err := c.fetch(ctx, t, start, session)
		if err != nil {
			return nil, err
		}
		if a.Completed == nil || *a.Completed >= 100 || len(a.Results) >= c.cfg.Rows || try == searchRetries {
			return a, nil
		}
		if s := a.session(); s != "" {
			session = s
		}
		if err := c.wait(ctx, searchWait); err != nil {
			return nil, err
		}
	}
}

// fetch makes one request.
func (c *Client) fetch(ctx context.Context, t string, start int, session string) (*answer, error) {
	path := "/api/v2/log/" + c.cfg.Device + "/" + t
	q := url.Values{"start": {strconv.Itoa(start)}, "rows": {strconv.Itoa(c.cfg.Rows)}}
	if session != "" {
		q.Set("session_id", session)
	}
	if c.cfg.VDOM != "" {
		q.Set("vdom", c.cfg.VDOM)
	}
	u := url.URL{Scheme: "https", Host: c.cfg.Host, Path: path, RawQuery: q.Encode()}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fmt.Errorf("request %s: %w", path, err)
	}
	req.Header.Set("Authorization", "Bearer "+c.cfg.Token)
	req.Header.Set("Accept", "application/json")
	c.requests.Add(1)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.requestErr(ctx, path, err)
	}
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden:
		return nil, fmt.Errorf("%w: %s: HTTP %d", ErrTokenRejected, path, resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, &HTTPError{Status: resp.StatusCode, Path: path}
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxAnswer))
	if err != nil {
		return nil, c.requestErr(ctx, path, fmt.Errorf("read the answer to %s: %w", path, err))
	}
	var a answer
	if err := json.Unmarshal(body, &a); err != nil {
		c.malformed.Add(1)
		return nil, fmt.Errorf("%w: %s: %v", ErrMalformed, path, err)
	}
	if a.Status != "" && a.Status != "success" {
		if a.HTTPStatus == http.StatusUnauthorized || a.HTTPStatus == http.StatusForbidden {
			return nil, fmt.Errorf("%w: %s: status %s, HTTP %d", ErrTokenRejected, path, a.Status, a.HTTPStatus)
		}
		return nil, fmt.Errorf("%s: FortiOS answered status %q (HTTP %d)", path, a.Status, a.HTTPStatus)
	}
	return &a, nil
}

// requestErr names what went wrong with a request: a timeout, a
// certificate, or the network.
func (c *Client) requestErr(ctx context.Context, path string, err error) error {
	var cerr *CertError
	if errors.As(err, &cerr) {
		return cerr
	}
	var nerr net.Error
	if ctx.Err() == nil && (errors.Is(err, context.DeadlineExceeded) || errors.As(err, &nerr) && nerr.Timeout()) {
		return fmt.Errorf("%w: %s after %s", ErrTimeout, path, c.cfg.Timeout)
	}
	return err // a *url.Error: it names the request
}
