package main

import (
	"context"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
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
	enr, backend, err := newMSSService(e, st, filepath.Dir(path)).enroll(ctx, rawURL, code, e.inv.has("heartbeat"), roots)
	switch {
	case errors.Is(err, mss.ErrCodeRefused):
		return e.fail(locales.CLIMSSCodeRefused, nil)
	case errors.Is(err, errMSSSecrets):
		return e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	case err != nil && enr.Provider == "":
		return e.fail(locales.CLIMSSEnrollFailed, locales.Args{"URL": rawURL, "Err": err})
	case err != nil:
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSEnrolled, locales.Args{"Provider": enr.Provider, "Where": secretsWhere(e, backend, filepath.Dir(path))}))
	if e.inv.has("heartbeat") {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSHeartbeatOn, nil))
	}
	return 0
}

// secretsWhere says where a secret store of backend keeps secrets, in the
// user's language.
func secretsWhere(e *env, backend, dir string) string {
	if backend == secrets.BackendFile {
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
	var f *monitor.Finding
	if findingID != 0 {
		found, err := st.Finding(ctx, findingID)
		if errors.Is(err, store.ErrNotFound) {
			return e.fail(locales.CLIMSSFindingNotFound, locales.Args{"ID": findingID})
		}
		if err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		f = &found
	}
	ans, err := newMSSService(e, st, filepath.Dir(path)).ask(ctx, text, f, e.inv.has("attach"))
	switch {
	case errors.Is(err, errNotEnrolled):
		return e.fail(locales.CLIMSSNotEnrolled, nil)
	case errors.Is(err, errMSSSecrets):
		return e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	case err != nil:
		return e.fail(locales.CLIMSSAskFailed, locales.Args{"Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSAskSent, locales.Args{"Provider": ans.Provider, "ID": ans.ID}))
	switch {
	case ans.Attached:
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSAskAttached, nil))
	case ans.Local:
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSAskNotAttached, nil))
	}
	return 0
}

// startMSS runs the MSS client inside `kizuki serve` when the device is
// enrolled, printing each notification as it arrives. The returned stop
// waits for the client to end after ctx is cancelled.
func startMSS(ctx context.Context, e *env, st *store.Store, dir string, light func(context.Context) (monitor.Level, error)) (stop func(), code int) {
	svc := newMSSService(e, st, dir)
	svc.light = light
	svc.onChange = func(c monitor.MSSChange) {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSNotice, locales.Args{
			"Title": mssText(e, c.Notice.Title), "Severity": e.loc.SeverityName(c.Finding.Severity.String()),
		}))
	}
	svc.onError = func(err error, retryIn time.Duration) {
		if retryIn > 0 {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIMSSTrouble, locales.Args{"Err": err, "Since": e.loc.Duration(retryIn)}))
		}
	}
	p, enrolled, err := svc.start(ctx)
	switch {
	case errors.Is(err, errMSSSecrets):
		return func() {}, e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	case err != nil:
		return func() {}, e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
	case !enrolled:
		return func() {}, 0
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSFollowing, locales.Args{"Provider": p.Name}))
	return svc.wait, 0
}
