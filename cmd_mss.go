package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// mssFlags are the options of `kizuki mss`.
var mssFlags = []flagSpec{
	{name: "heartbeat"}, {name: "ca", value: true, example: "mss-ca.pem"}, {name: "json"},
	{name: "finding", value: true, example: "3"}, {name: "attach"},
}

// runMSS is `kizuki mss enroll URL CODE [--heartbeat] [--ca FILE]`,
// `kizuki mss status [--json]` and `kizuki mss ask [--finding ID
// [--attach]] QUESTION…`. The question may be about no finding at all, so
// the finding is an option rather than an argument; its details go to the
// provider only with --attach, the owner's consent.
func runMSS(e *env) int {
	if len(e.inv.args) == 0 {
		return mssUsage(e, locales.CLIMSSUsage, nil)
	}
	switch e.inv.args[0] {
	case "enroll":
		return mssEnroll(e)
	case "status":
		return mssStatus(e)
	case "ask":
		return mssAsk(e)
	}
	return mssUsage(e, locales.CLIMSSUsage, nil)
}

func mssUsage(e *env, msg *i18n.Message, args locales.Args) int {
	fmt.Fprintln(e.stderr, e.loc.T(msg, args))
	fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
	return 2
}

func mssEnroll(e *env) int {
	if len(e.inv.args) != 3 {
		return mssUsage(e, locales.CLIMSSUsage, nil)
	}
	rawURL, code := e.inv.args[1], e.inv.args[2]
	if _, err := mss.CheckURL(rawURL); err != nil {
		return mssUsage(e, locales.CLIMSSInsecureURL, locales.Args{"Value": rawURL})
	}
	var roots *x509.CertPool
	if path := e.inv.flags["ca"]; path != "" {
		pool, err := readCAFile(path)
		if err != nil {
			return e.fail(locales.CLIMSSCAFailed, locales.Args{"Path": path, "Err": err})
		}
		roots = pool
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	sec, err := secrets.Open(filepath.Dir(path))
	if err != nil {
		return e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	}
	host, _ := os.Hostname()
	enr, err := mss.Enroll(ctx, mss.EnrollConfig{URL: rawURL, Code: code, RootCAs: roots, Now: e.now,
		Device: mss.Device{Name: host, Version: version()}})
	if errors.Is(err, mss.ErrCodeRefused) {
		return e.fail(locales.CLIMSSCodeRefused, nil)
	}
	if err != nil {
		return e.fail(locales.CLIMSSEnrollFailed, locales.Args{"URL": rawURL, "Err": err})
	}
	// The secrets first: a provider row without its token would be an
	// enrolment that cannot connect.
	if err := sec.Set(mss.SecretName, enr.Secret()); err != nil {
		return e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	}
	if err := st.PutMSSProvider(ctx, store.MSSProvider{
		Name: enr.Provider, URL: enr.URL, KeyID: enr.KeyID, Heartbeat: e.inv.has("heartbeat"), Enrolled: e.now(),
	}); err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSEnrolled, locales.Args{"Provider": enr.Provider, "Where": secretsWhere(e, sec, filepath.Dir(path))}))
	if e.inv.has("heartbeat") {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSHeartbeatOn, nil))
	}
	return 0
}

// secretsWhere says where sec keeps secrets, in the user's language.
func secretsWhere(e *env, sec *secrets.Secrets, dir string) string {
	if sec.Backend() == secrets.BackendFile {
		return e.loc.T(locales.CLISecretsFile, locales.Args{"Path": filepath.Join(dir, secrets.FileName)})
	}
	return e.loc.T(locales.CLISecretsKeyring, nil)
}

// mssStatusJSON is what `kizuki mss status --json` prints.
type mssStatusJSON struct {
	Enrolled bool                         `json:"enrolled"`
	Provider *store.MSSProvider           `json:"provider,omitempty"`
	Rejected map[string]monitor.MSSReject `json:"rejected,omitempty"`
	Findings []store.MSSFinding           `json:"findings"`
}

func mssStatus(e *env) int {
	if len(e.inv.args) != 1 {
		return mssUsage(e, locales.CLIMSSUsage, nil)
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	out := mssStatusJSON{Findings: []store.MSSFinding{}}
	p, err := st.MSSProvider(ctx)
	switch {
	case errors.Is(err, store.ErrNotFound):
	case err != nil:
		return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
	default:
		out.Enrolled, out.Provider = true, &p
		h, err := st.MSSHealth(ctx)
		if err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		out.Rejected = h.Rejects
		if out.Findings, err = st.MSSFindings(ctx); err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		if out.Findings == nil {
			out.Findings = []store.MSSFinding{}
		}
	}
	if e.inv.has("json") {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		return 0
	}
	l := e.loc
	if !out.Enrolled {
		fmt.Fprintln(e.stdout, l.T(locales.CLIMSSNotEnrolled, nil))
		return 0
	}
	fmt.Fprintln(e.stdout, l.T(locales.CLIMSSStatusProvider, locales.Args{"Provider": p.Name, "URL": p.URL, "Time": l.Time(p.Enrolled)}))
	fmt.Fprintln(e.stdout, l.T(locales.CLIMSSStatusContact, locales.Args{"LastSeen": l.Time(p.LastContact)}))
	if p.Heartbeat {
		fmt.Fprintln(e.stdout, l.T(locales.CLIMSSStatusHeartbeat, nil))
	}
	var rejected []string
	for _, reason := range monitor.RejectReasons {
		if r := out.Rejected[reason]; r.Count > 0 {
			rejected = append(rejected, l.MSSReject(reason)+" "+strconv.FormatInt(r.Count, 10))
		}
	}
	if len(rejected) > 0 {
		fmt.Fprintln(e.stdout, l.T(locales.CLIMSSStatusRejected, locales.Args{"List": strings.Join(rejected, l.T(locales.ListSeparator, nil))}))
	}
	if len(out.Findings) == 0 {
		fmt.Fprintln(e.stdout, l.T(locales.CLIMSSStatusNone, nil))
		return 0
	}
	fmt.Fprintln(e.stdout, l.T(locales.CLIMSSStatusFindings, nil))
	for _, f := range out.Findings {
		fmt.Fprintln(e.stdout, "  "+l.T(locales.CLIMSSStatusFinding, locales.Args{
			"ID": strconv.FormatInt(f.ID, 10), "Title": mssText(e, f.Title),
			"Severity": l.SeverityName(f.Severity.String()), "LastSeen": l.Time(f.LastSeen),
		}))
	}
	return 0
}

// mssText picks the user's language of a provider's text.
func mssText(e *env, t monitor.MSSText) string {
	if e.loc.Lang() == locales.English && t.En != "" {
		return t.En
	}
	return t.Ja
}

// openMSSClient reads the enrolment and its secrets and makes a client.
// enrolled is false when the device is not enrolled.
func openMSSClient(e *env, st *store.Store, dir string, cfg mss.Config) (c *mss.Client, p store.MSSProvider, enrolled bool, code int) {
	ctx := context.Background()
	p, err := st.MSSProvider(ctx)
	if errors.Is(err, store.ErrNotFound) {
		return nil, p, false, 0
	}
	if err != nil {
		return nil, p, false, e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
	}
	sec, err := secrets.Open(dir)
	if err != nil {
		return nil, p, true, e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	}
	raw, err := sec.Get(mss.SecretName)
	if err != nil {
		return nil, p, true, e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	}
	s, err := mss.ParseSecret(raw)
	if err != nil {
		return nil, p, true, e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	}
	cfg.URL, cfg.Provider, cfg.Token, cfg.Keys, cfg.Store = p.URL, p.Name, s.Token, map[string][]byte{s.KeyID: s.Key}, st
	cfg.Now, cfg.Version, cfg.Heartbeat = e.now, version(), p.Heartbeat
	c, err = mss.New(cfg)
	if err != nil {
		return nil, p, true, e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	}
	return c, p, true, 0
}

func mssAsk(e *env) int {
	text := strings.TrimSpace(strings.Join(e.inv.args[1:], " "))
	if text == "" {
		return mssUsage(e, locales.CLIMSSAskNeedsText, nil)
	}
	var findingID int64
	if v := e.inv.flags["finding"]; e.inv.has("finding") {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 {
			return mssUsage(e, locales.CLIMSSBadFinding, locales.Args{"Value": v})
		}
		findingID = n
	}
	if e.inv.has("attach") && findingID == 0 {
		return mssUsage(e, locales.CLIMSSAttachNeeds, nil)
	}
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	c, p, enrolled, code := openMSSClient(e, st, filepath.Dir(path), mss.Config{})
	if !enrolled && code == 0 {
		return e.fail(locales.CLIMSSNotEnrolled, nil)
	}
	if code != 0 {
		return code
	}
	msg := mss.MessageRequest{Text: text, Lang: string(e.loc.Lang())}
	attached, local := false, false
	if findingID != 0 {
		f, err := st.Finding(ctx, findingID)
		if errors.Is(err, store.ErrNotFound) {
			return e.fail(locales.CLIMSSFindingNotFound, locales.Args{"ID": findingID})
		}
		if err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		mf, err := st.MSSFindingOf(ctx, f)
		switch {
		case err == nil && f.Origin == p.Name:
			// The provider's own finding: its id says it all.
			msg.FindingUID = mf.UID
		case err != nil && !errors.Is(err, store.ErrNotFound):
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		case e.inv.has("attach"):
			o := mss.FindingToOCSF(f, version(), e.loc.RuleTitle(f.Rule))
			msg.Finding, attached = &o, true
		default:
			local = true
		}
	}
	id, err := c.Ask(ctx, msg)
	if err != nil {
		return e.fail(locales.CLIMSSAskFailed, locales.Args{"Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSAskSent, locales.Args{"Provider": p.Name, "ID": id}))
	switch {
	case attached:
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSAskAttached, nil))
	case local:
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSAskNotAttached, nil))
	}
	return 0
}

// startMSS runs the MSS client inside `kizuki serve` when the device is
// enrolled, printing each notification as it arrives. The returned stop
// waits for the client to end after ctx is cancelled.
func startMSS(ctx context.Context, e *env, st *store.Store, dir string, light func(context.Context) (monitor.Level, error)) (stop func(), code int) {
	cfg := mss.Config{
		Light: light,
		OnChange: func(c monitor.MSSChange) {
			fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSNotice, locales.Args{
				"Title": mssText(e, c.Notice.Title), "Severity": e.loc.SeverityName(c.Finding.Severity.String()),
			}))
		},
		OnError: func(err error, retryIn time.Duration) {
			if retryIn > 0 {
				fmt.Fprintln(e.stderr, e.loc.T(locales.CLIMSSTrouble, locales.Args{"Err": err, "Since": e.loc.Duration(retryIn)}))
			}
		},
	}
	c, p, enrolled, code := openMSSClient(e, st, dir, cfg)
	if !enrolled || code != 0 {
		return func() {}, code
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSFollowing, locales.Args{"Provider": p.Name}))
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = c.Run(ctx) // Run returns only when ctx ends
	}()
	return func() { <-done }, 0
}
