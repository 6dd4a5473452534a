package fortios

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// field is one key and value of a fake log, in the order the fake sends.
type field struct {
	k string
	v any
}

// fakeLog is one log entry as the fake FortiGate keeps it.
type fakeLog []field

// fakeFortiOS answers GET /api/v2/log/{device}/{type} the way the API's
// documentation and the answers seen in the field do: newest first,
// start/rows paging, a session per search that keeps its snapshot when
// session_id comes back, and each result annotated with _metadata.
type fakeFortiOS struct {
	srv   *httptest.Server
	token string

	mu       sync.Mutex
	logs     map[string][]fakeLog // by path below /api/v2/log/, oldest first
	sessions map[string][]fakeLog // by session id: the snapshot, newest first
	requests []url.Values
	paths    []string

	// Behaviours a test may switch on.
	ignoreSession   bool                 // every request sees the current logs
	oldestFirst     bool                 // answer in the wrong order
	incompleteFirst bool                 // a new session's first answer says completed 40, no rows
	slow            time.Duration        // wait this long before answering
	failNext        int                  // answer HTTP 500 this many times
	broken          map[string]int       // path → answers to send as truncated JSON
	junkResult      map[string]bool      // path → add a result that is not an object
	afterRequest    func(f *fakeFortiOS) // called with mu held after each answer

	conns atomic.Int64 // TCP connections accepted
}

func newFake(t *testing.T) *fakeFortiOS {
	t.Helper()
	f := &fakeFortiOS{
		token:      "test-token-0123456789",
		logs:       map[string][]fakeLog{},
		sessions:   map[string][]fakeLog{},
		broken:     map[string]int{},
		junkResult: map[string]bool{},
	}
	f.srv = httptest.NewUnstartedServer(f)
	// Handshakes refused on purpose (wrong pins) are not news.
	f.srv.Config.ErrorLog = log.New(io.Discard, "", 0)
	f.srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			f.conns.Add(1)
		}
	}
	f.srv.StartTLS()
	t.Cleanup(f.srv.Close)
	return f
}

// add appends logs (newer than those already there) to a path.
func (f *fakeFortiOS) add(path string, logs ...fakeLog) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.logs[path] = append(f.logs[path], logs...)
}

func (f *fakeFortiOS) requestCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.requests)
}

// pin is the fake's certificate fingerprint.
func (f *fakeFortiOS) pin() []byte {
	sum := sha256.Sum256(f.srv.Certificate().Raw)
	return sum[:]
}

func (f *fakeFortiOS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if f.slow > 0 {
		select {
		case <-time.After(f.slow):
		case <-r.Context().Done():
			return
		}
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	q := r.URL.Query()
	path, _ := strings.CutPrefix(r.URL.Path, "/api/v2/log/")
	f.requests = append(f.requests, q)
	f.paths = append(f.paths, path)
	if f.afterRequest != nil {
		defer f.afterRequest(f)
	}
	if r.Header.Get("Authorization") != "Bearer "+f.token {
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	if f.failNext > 0 {
		f.failNext--
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	logs, ok := f.logs[path]
	if !ok {
		http.NotFound(w, r)
		return
	}
	if f.broken[path] > 0 {
		f.broken[path]--
		fmt.Fprint(w, `{"http_method":"GET","results":[{"date":"2026-11-23","ti`)
		return
	}

	sid := q.Get("session_id")
	snapshot, known := f.sessions[sid]
	if !known || f.ignoreSession {
		snapshot = slices.Clone(logs)
		if !f.oldestFirst {
			slices.Reverse(snapshot)
		}
		sid = strconv.Itoa(1000 + len(f.sessions))
		f.sessions[sid] = snapshot
	}
	start, _ := strconv.Atoi(q.Get("start"))
	rows, _ := strconv.Atoi(q.Get("rows"))
	completed := 100
	var page []fakeLog
	if f.incompleteFirst && !known {
		completed = 40
	} else if start < len(snapshot) {
		page = snapshot[start:min(start+rows, len(snapshot))]
	}

	name, sub, _ := strings.Cut(strings.TrimPrefix(path, "memory/"), "/")
	var results []string
	for i, l := range page {
		results = append(results, l.json(start+i+1))
	}
	if f.junkResult[path] {
		results = append(results, `"not a log"`)
	}
	fmt.Fprintf(w, `{"http_method":"GET","results":[%s],"vdom":"root","path":"log","name":%q,"action":"",`+
		`"status":"success","serial":"FGT60FTK2109XXXX","version":"v7.2.8","build":1577,"total_lines":%d,`+
		`"start":%d,"rows":%d,"session_id":%s,"completed":%d,"subcategory":%q}`,
		strings.Join(results, ","), name, len(snapshot), start, len(page), sid, completed, sub)
}

// json writes the log as the API does: its fields in order, then
// _metadata with the row number and the time in epoch seconds.
func (l fakeLog) json(row int) string {
	var b bytes.Buffer
	b.WriteByte('{')
	var ts int64
	var logid string
	for i, f := range l {
		if i > 0 {
			b.WriteByte(',')
		}
		k, _ := json.Marshal(f.k)
		v, _ := json.Marshal(f.v)
		b.Write(k)
		b.WriteByte(':')
		b.Write(v)
		switch f.k {
		case "eventtime":
			ts = f.v.(int64) / int64(time.Second)
		case "logid":
			logid = f.v.(string)
		}
	}
	fmt.Fprintf(&b, `,"_metadata":{"#":%d,"timestamp":%d,"logid":%q}}`, row, ts, logid)
	return b.String()
}

// jst is the FortiGate's time zone in the fixtures.
var jst = time.FixedZone("JST", 9*60*60)

// logBase is the time of log 0.
var logBase = time.Date(2026, 11, 23, 9, 0, 0, 0, jst)

// vpnLog is an SSL-VPN login failure, i seconds after logBase. devname
// and devid come last, to show they are moved to FortiOS's header order.
func vpnLog(i int) fakeLog {
	t := logBase.Add(time.Duration(i) * time.Second)
	return fakeLog{
		{"date", t.Format("2006-01-02")}, {"time", t.Format("15:04:05")}, {"eventtime", t.UnixNano()},
		{"tz", "+0900"}, {"logid", "0101039426"}, {"type", "event"}, {"subtype", "vpn"}, {"level", "alert"},
		{"vd", "root"}, {"logdesc", "SSL VPN login fail"}, {"action", "ssl-login-fail"}, {"tunneltype", "ssl-web"},
		{"remip", fmt.Sprintf("203.0.113.%d", i%250+1)}, {"user", "admin"}, {"group", "N/A"},
		{"reason", "sslvpn_login_permission_denied"}, {"msg", "SSL user failed to logged in"},
		{"devname", "FGT60F"}, {"devid", "FGT60FTK2109XXXX"},
	}
}

// trafficLog is an allowed outbound session, i seconds after logBase.
func trafficLog(i int) fakeLog {
	t := logBase.Add(time.Duration(i) * time.Second)
	return fakeLog{
		{"date", t.Format("2006-01-02")}, {"time", t.Format("15:04:05")}, {"devname", "FGT60F"},
		{"devid", "FGT60FTK2109XXXX"}, {"eventtime", t.UnixNano()}, {"tz", "+0900"}, {"logid", "0000000013"},
		{"type", "traffic"}, {"subtype", "forward"}, {"level", "notice"}, {"vd", "root"},
		{"srcip", "192.168.1.23"}, {"srcport", 50000 + i%1000}, {"srcintf", "internal"}, {"srcintfrole", "lan"},
		{"dstip", "198.51.100.80"}, {"dstport", 443}, {"dstintf", "wan1"}, {"dstintfrole", "wan"},
		{"sessionid", 88000 + i}, {"proto", 6}, {"action", "close"}, {"policyid", 1}, {"service", "HTTPS"},
		{"sentbyte", 2311}, {"rcvdbyte", 8123},
	}
}

func vpnLogs(from, to int) []fakeLog {
	var out []fakeLog
	for i := from; i < to; i++ {
		out = append(out, vpnLog(i))
	}
	return out
}

// testClient polls the fake with its certificate pinned; waits return at
// once (tests never sleep).
func testClient(t *testing.T, f *fakeFortiOS, types []string, change func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Host: f.srv.Listener.Addr().String(), Token: f.token, Types: types, Fingerprint: f.pin(),
		Rows: 100, Timeout: 5 * time.Second, Interval: time.Second,
		Now: func() time.Time { return logBase.Add(time.Hour) },
	}
	if change != nil {
		change(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	c.wait = func(ctx context.Context, _ time.Duration) error { return ctx.Err() }
	return c
}

// poll runs one Poll and returns what it delivered.
func poll(t *testing.T, c *Client) ([]Batch, error) {
	t.Helper()
	var got []Batch
	err := c.Poll(context.Background(), func(b Batch) error {
		got = append(got, b)
		return nil
	})
	return got, err
}

func lineCount(batches []Batch) int {
	n := 0
	for _, b := range batches {
		n += len(b.Lines)
	}
	return n
}
