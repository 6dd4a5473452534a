package main

import (
	"bufio"
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/ingest/fortios"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// minPullInterval keeps `pull` from hammering the FortiGate's management
// plane, which also serves its admins.
const minPullInterval = 5 * time.Second

// maxTokenLength bounds what --set-token reads: FortiOS API keys are 30
// characters; anything much longer was not meant as one.
const maxTokenLength = 4096

// pullFlags are the options of `kizuki pull`.
var pullFlags = []flagSpec{
	{name: "host", value: true, example: "192.168.1.99"},
	{name: "fingerprint", value: true, example: "AB:CD:…"},
	{name: "ca", value: true, example: "Fortinet_CA_SSL.cer"},
	{name: "interval", value: true, example: "30s"},
	{name: "types", value: true, example: "traffic/forward,event/vpn"},
	{name: "device", value: true, example: "memory"},
	{name: "once"},
	{name: "set-token"},
}

// tokenName is the secret under which a FortiGate's API token is kept.
func tokenName(host string) string { return "fortigate/" + host }

// runPull polls a FortiGate's REST API for its logs, for owners who
// cannot set up syslog: `kizuki pull fortigate --host HOST [--fingerprint
// SHA256] [--ca FILE] [--interval 30s] [--types T,…] [--device memory]
// [--once]`, or stores its API token, read from stdin so that it stays
// out of the shell's history: `kizuki pull fortigate --host HOST
// --set-token`. Lines are parsed and stored like imported ones, each
// log's position committed with its lines; SIGINT or SIGTERM stop it
// after the batch in hand is stored, with exit code 0.
func runPull(e *env) int {
	usage := func(msg *i18n.Message, args locales.Args) int {
		fmt.Fprintln(e.stderr, e.loc.T(msg, args))
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIHint, nil))
		return 2
	}
	if len(e.inv.args) != 1 || e.inv.args[0] != "fortigate" {
		return usage(locales.CLIPullNeedsVendor, nil)
	}
	host := e.inv.flags["host"]
	if host == "" {
		return usage(locales.CLIPullNeedsHost, nil)
	}
	if strings.ContainsAny(host, "/?#@ ") {
		return usage(locales.CLIPullBadHost, locales.Args{"Value": host})
	}
	if e.inv.has("set-token") {
		return setPullToken(e, host)
	}

	cfg := fortios.Config{Host: host, Source: host, Device: e.inv.flags["device"], Now: e.now}
	if cfg.Device != "" && !slices.Contains(fortios.Devices, cfg.Device) {
		return usage(locales.CLIPullBadDevice, locales.Args{"Value": cfg.Device, "List": strings.Join(fortios.Devices, ", ")})
	}
	if v := e.inv.flags["interval"]; v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < minPullInterval {
			return usage(locales.CLIPullBadInterval, locales.Args{"Value": v})
		}
		cfg.Interval = d
	}
	if v := e.inv.flags["types"]; v != "" {
		for _, t := range strings.Split(v, ",") {
			pt, err := fortios.ParseType(t)
			if err != nil {
				return usage(locales.CLIPullBadType, locales.Args{"Value": strings.TrimSpace(t), "List": strings.Join(fortios.DefaultTypes, ",")})
			}
			cfg.Types = append(cfg.Types, pt)
		}
	}
	if v := e.inv.flags["fingerprint"]; v != "" {
		pin, err := fortios.ParseFingerprint(v)
		if err != nil {
			return usage(locales.CLIPullBadFingerprint, nil)
		}
		cfg.Fingerprint = pin
	}
	if path := e.inv.flags["ca"]; path != "" {
		pool, err := readCAFile(path)
		if err != nil {
			return e.fail(locales.CLIPullCAFailed, locales.Args{"Path": path, "Err": err})
		}
		cfg.RootCAs = pool
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	sec, err := secrets.Open(filepath.Dir(path))
	if err != nil {
		return e.fail(locales.CLIPullSecretsFailed, locales.Args{"Err": err})
	}
	cfg.Token, err = sec.Get(tokenName(host))
	if errors.Is(err, secrets.ErrNotFound) {
		return e.fail(locales.CLIPullNoToken, locales.Args{"Host": host})
	}
	if err != nil {
		return e.fail(locales.CLIPullSecretsFailed, locales.Args{"Err": err})
	}
	cfg.OnError = func(err error, retryIn time.Duration) {
		fmt.Fprintln(e.stderr, pullErrorText(e, host, err)+" "+
			e.loc.T(locales.CLIPullRetry, locales.Args{"Retry": retryIn.Round(time.Second).String()}))
	}
	client, err := fortios.New(cfg)
	if err != nil {
		return e.fail(locales.CLIPullFailed, locales.Args{"Host": host, "Err": err})
	}
	if err := preparePull(ctx, st, client, host); err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}

	archive, err := ingest.OpenNamedArchive(filepath.Join(filepath.Dir(path), ingest.ArchiveDirName), archiveName(host), time.Local)
	if err != nil {
		return e.fail(locales.CLIPullFailed, locales.Args{"Host": host, "Err": err})
	}
	defer archive.Close()

	sink := &pullSink{st: st, p: parse.New(), host: host, archive: archive}
	if e.inv.has("once") {
		err = client.Poll(ctx, sink.deliver)
	} else {
		interval := cfg.Interval
		if interval == 0 {
			interval = fortios.DefaultInterval
		}
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIPullStarted, locales.Args{
			"Host": host, "Interval": interval.String(), "Types": strings.Join(client.Types(), ", "),
		}))
		err = client.Run(ctx, sink.deliver)
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIImportSummary, locales.Args{
		"Name": host, "Lines": sink.lines, "Full": sink.full, "Aggregated": sink.aggregated,
	}))
	if lost := archive.Stats().Lost; lost > 0 {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIPullArchiveLost, locales.Args{"Count": lost, "Err": archive.Stats().LastError}))
	}
	stats := client.Stats()
	if stats.Malformed > 0 {
		fmt.Fprintln(e.stdout, "  "+e.loc.T(locales.CLIPullSkipped, locales.Args{"Count": stats.Malformed}))
	}
	if stats.Gaps > 0 {
		fmt.Fprintln(e.stdout, "  "+e.loc.T(locales.CLIPullGaps, locales.Args{"Count": stats.Gaps}))
	}
	switch {
	case sink.err != nil:
		return e.fail(locales.CLIPullStoreFailed, locales.Args{"Err": sink.err})
	case err != nil && ctx.Err() == nil: // after a signal, what was fetched is stored: a normal stop
		fmt.Fprintln(e.stderr, pullErrorText(e, host, err))
		return 1
	}
	return 0
}

// setPullToken reads the API token from stdin and stores it.
func setPullToken(e *env, host string) int {
	if f, ok := e.stdin.(*os.File); ok {
		if fi, err := f.Stat(); err == nil && fi.Mode()&os.ModeCharDevice != 0 {
			fmt.Fprint(e.stderr, e.loc.T(locales.CLIPullTokenPrompt, locales.Args{"Host": host})+" ")
		}
	}
	token, err := readToken(e.stdin)
	if err != nil {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIPullTokenMissing, locales.Args{"Host": host}))
		return 2
	}
	dir := filepath.Dir(e.dbPath())
	sec, err := secrets.Open(dir)
	if err != nil {
		return e.fail(locales.CLIPullSecretsFailed, locales.Args{"Err": err})
	}
	if err := sec.Set(tokenName(host), token); err != nil {
		return e.fail(locales.CLIPullSecretsFailed, locales.Args{"Err": err})
	}
	where := e.loc.T(locales.CLISecretsKeyring, nil)
	if sec.Backend() == secrets.BackendFile {
		where = e.loc.T(locales.CLISecretsFile, locales.Args{"Path": filepath.Join(dir, secrets.FileName)})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIPullTokenSaved, locales.Args{"Host": host, "Where": where}))
	return 0
}

// errNoToken is readToken's answer to empty input.
var errNoToken = errors.New("no token on stdin")

// readToken reads the first line of r, without the spaces around it.
func readToken(r io.Reader) (string, error) {
	if r == nil {
		return "", errNoToken
	}
	line, err := bufio.NewReader(io.LimitReader(r, maxTokenLength+1)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", err
	}
	token := strings.TrimSpace(line)
	if token == "" || len(token) > maxTokenLength || strings.ContainsAny(token, " \t") {
		return "", errNoToken
	}
	return token, nil
}

// readCAFile reads PEM certificates to trust for the FortiGate, such as
// its Fortinet_CA_SSL certificate.
func readCAFile(path string) (*x509.CertPool, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(b) {
		return nil, errors.New("no PEM certificate in the file")
	}
	return pool, nil
}

// preparePull registers the FortiGate as a source, so that the light
// counts it and notices when it falls silent, and restores where the last
// run stopped in each log.
func preparePull(ctx context.Context, st *store.Store, client *fortios.Client, host string) error {
	srcs, err := st.Sources(ctx)
	if err != nil {
		return err
	}
	if !slices.ContainsFunc(srcs, func(s monitor.Source) bool { return s.Name == host }) {
		if err := st.PutSource(ctx, monitor.Source{Name: host, Vendor: monitor.VendorFortiGate}); err != nil {
			return err
		}
	}
	for _, t := range client.Types() {
		c, err := st.PullCursor(ctx, host, client.Stream(t))
		if err != nil {
			return err
		}
		if err := client.SetCursor(t, c); err != nil {
			return err
		}
	}
	return nil
}

// pullSink parses each batch the poller delivers and commits it with its
// cursor, one transaction per batch: a restart resumes after the last
// batch stored, delivering nothing twice.
type pullSink struct {
	st      *store.Store
	p       *parse.Parser
	host    string
	archive *ingest.Archive // every fetched line, before it is parsed

	lines, full, aggregated int64
	err                     error // the store's failure, which stops the poller
}

func (s *pullSink) deliver(b fortios.Batch) error {
	// A signal during a commit still lets it finish: the batch is
	// fetched, and storing it now saves fetching it again.
	ctx := context.Background()
	w := s.st.NewWriter()
	var full, aggregated int64
	for _, line := range b.Lines {
		// As with syslog, a line the archive cannot take (disk full) is
		// counted there and still stored.
		_ = s.archive.Write(line)
		ev := s.p.Parse(line)
		w.Add(&ev)
		if store.Aggregated(&ev) {
			aggregated++
		} else {
			full++
		}
	}
	// The batch is in the archive before its cursor moves on.
	_ = s.archive.Flush()
	err := w.FlushWithCursor(ctx, store.PullMark{Source: s.host, Stream: b.Stream, Cursor: b.Cursor})
	if err == nil {
		last := b.Lines[len(b.Lines)-1].Received
		err = s.st.MarkReceived(ctx, s.host, int64(len(b.Lines)), last)
	}
	if err != nil {
		s.err = err
		return err
	}
	s.lines += int64(len(b.Lines))
	s.full += full
	s.aggregated += aggregated
	return nil
}

// archiveName names the pull's archive files after the host, kept to
// characters every file system takes.
func archiveName(host string) string {
	b := []byte("pull-" + host)
	for i, c := range b {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			b[i] = '_'
		}
	}
	return string(b)
}

// pullErrorText says what went wrong with the FortiGate and what to do.
func pullErrorText(e *env, host string, err error) string {
	var cerr *fortios.CertError
	switch {
	case errors.Is(err, fortios.ErrTokenRejected):
		return e.loc.T(locales.CLIPullTokenRejected, locales.Args{"Host": host})
	case errors.As(err, &cerr) && cerr.Mismatch:
		return e.loc.T(locales.CLIPullCertMismatch, locales.Args{"Host": host, "Fingerprint": cerr.Fingerprint})
	case errors.As(err, &cerr):
		return e.loc.T(locales.CLIPullCertUntrusted, locales.Args{"Host": host, "Fingerprint": cerr.Fingerprint})
	}
	// Several logs may have failed at once: one line says it all.
	return e.loc.T(locales.CLIPullFailed, locales.Args{"Host": host, "Err": strings.ReplaceAll(err.Error(), "\n", "; ")})
}
