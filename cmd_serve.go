package main

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"syscall"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// defaultSyslogAddr is where `kizuki serve` listens when told nothing: an
// ordinary user cannot bind 514, so Kizuki uses 5514 (README: how to point
// each vendor at it). The sender allow-list keeps the internet out.
const defaultSyslogAddr = ":5514"

// runServe is the headless collector: syslog in, archive, parse, store.
// SIGINT or SIGTERM stop it after everything received is stored; it then
// exits 0.
func runServe(e *env) int {
	cfg := ingest.Config{
		UDPAddr: e.inv.flags["syslog-udp"], TCPAddr: e.inv.flags["syslog-tcp"], TLSAddr: e.inv.flags["syslog-tls"],
		TLSCertFile: e.inv.flags["cert"], TLSKeyFile: e.inv.flags["key"], Now: e.now,
	}
	if cfg.TLSAddr != "" && (cfg.TLSCertFile == "" || cfg.TLSKeyFile == "") {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLITLSNeedsCert, nil))
		return 2
	}
	for _, name := range []string{"retention-days", "max-db-mb"} {
		if v, ok := e.inv.flags[name]; ok {
			if n, err := strconv.Atoi(v); err != nil || n < 1 {
				fmt.Fprintln(e.stderr, e.loc.T(locales.CLIBadPositive, locales.Args{"Flag": "--" + name, "Value": v}))
				return 2
			}
		}
	}
	wh, code := webhookFlags(e)
	if code != 0 {
		return code
	}
	if cfg.UDPAddr == "" && cfg.TCPAddr == "" && cfg.TLSAddr == "" {
		cfg.UDPAddr, cfg.TCPAddr = defaultSyslogAddr, defaultSyslogAddr
	}

	limitServeMemory()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	if code := applyStorageFlags(ctx, e, st); code != 0 {
		return code
	}

	c, err := startCollector(ctx, st, cfg, archiveDir(path))
	if err != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIServeListening, locales.Args{
		"Addrs": strings.Join(c.addrs(), ", "), "Archive": c.archiveDir,
	}))
	switch w := c.warm; {
	case w.err != nil:
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeWarmFailed, locales.Args{"Err": w.err}))
	case w.events > 0:
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIServeWarmed, locales.Args{
			"Events": w.events, "Hours": int(w.lookback.Hours()), "Seconds": strconv.FormatFloat(w.took.Seconds(), 'f', 1, 64),
		}))
	}

	// The MSS client, when enrolled, runs beside the collector and stops
	// with it.
	mssCtx, cancelMSS := context.WithCancel(ctx)
	defer cancelMSS()
	stopMSS, code := startMSS(mssCtx, e, st, filepath.Dir(path), func(ctx context.Context) (monitor.Level, error) {
		s, err := status.Load(ctx, st, e.now())
		return s.Level, err
	})
	if code != 0 {
		_, _ = c.close()
		return code
	}
	stopWebhook := func() {}
	if wh.addr != "" {
		if stopWebhook, code = startMSSWebhook(mssCtx, e, st, filepath.Dir(path), wh); code != 0 {
			cancelMSS()
			stopMSS()
			_, _ = c.close()
			return code
		}
	}

	c.run(ctx, storeReporter(e))
	cancelMSS()
	stopWebhook()
	stopMSS()
	stats, closeErr := c.close()
	if closeErr != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": closeErr})
	}
	var received, dropped int64
	for _, s := range stats.Sources {
		received += s.Received
	}
	for _, n := range stats.Dropped {
		dropped += n
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIServeStopped, locales.Args{"Received": received, "Dropped": dropped}))
	return 0
}

// webhookConfig is what the --mss-webhook flags ask for.
type webhookConfig struct {
	addr, cert, key string
	allow           []netip.Prefix
}

// webhookFlags reads and checks the --mss-webhook flags; code is 2 on a
// usage error, which it has reported.
func webhookFlags(e *env) (webhookConfig, int) {
	f := e.inv.flags
	wh := webhookConfig{addr: f["mss-webhook"], cert: f["mss-webhook-cert"], key: f["mss-webhook-key"]}
	if wh.addr == "" {
		for _, name := range []string{"mss-webhook-cert", "mss-webhook-key", "mss-webhook-allow"} {
			if _, ok := f[name]; ok {
				fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookNeedsAddr, locales.Args{"Flag": "--" + name}))
				return wh, 2
			}
		}
		return wh, 0
	}
	if (wh.cert == "") != (wh.key == "") {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookNeedsPair, nil))
		return wh, 2
	}
	allow, err := mss.ParseAllow(f["mss-webhook-allow"])
	if err != nil {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookBadAllow, locales.Args{"Value": f["mss-webhook-allow"]}))
		return wh, 2
	}
	wh.allow = allow
	return wh, 0
}

// startMSSWebhook opens the local webhook receiver for the enrolled
// provider and serves it until ctx ends; stop waits for it.
func startMSSWebhook(ctx context.Context, e *env, st *store.Store, dir string, cfg webhookConfig) (stop func(), code int) {
	svc := newMSSService(e, st, dir)
	svc.onChange = func(c monitor.MSSChange) {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLIMSSNotice, locales.Args{
			"Title": mssText(e, c.Notice.Title), "Severity": e.loc.SeverityName(c.Finding.Severity.String()),
		}))
	}
	h, p, err := svc.webhook(ctx, cfg.allow, func(err error) {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookRefused, locales.Args{"Err": err}))
	})
	switch {
	case errors.Is(err, errNotEnrolled):
		return nil, e.fail(locales.CLIWebhookNotEnrolled, nil)
	case errors.Is(err, errMSSSecrets):
		return nil, e.fail(locales.CLIMSSSecretsFailed, locales.Args{"Err": err})
	case err != nil:
		return nil, e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
	}
	ln, err := mss.ListenWebhook(cfg.addr, cfg.cert, cfg.key)
	if errors.Is(err, mss.ErrWebhookNeedsTLS) {
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookNeedsTLS, locales.Args{"Addr": cfg.addr}))
		return nil, 2
	}
	if err != nil {
		return nil, e.fail(locales.CLIWebhookFailed, locales.Args{"Addr": cfg.addr, "Err": err})
	}
	allowed := make([]string, 0, len(cfg.allow))
	for _, a := range cfg.allow {
		allowed = append(allowed, a.String())
	}
	if len(allowed) == 0 {
		allowed = append(allowed, "127.0.0.1, ::1")
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIWebhookListening, locales.Args{
		"Provider": p.Name, "Addr": ln.Addr().String(), "Allow": strings.Join(allowed, ", "),
	}))
	done := make(chan struct{})
	go func() {
		defer close(done)
		if err := mss.ServeWebhook(ctx, ln, h); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookFailed, locales.Args{"Addr": cfg.addr, "Err": err}))
		}
		if err := h.FlushRefusals(context.Background()); err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIWebhookRefused, locales.Args{"Err": err}))
		}
	}()
	return func() { <-done }, 0
}

// applyStorageFlags stores --retention-days and --max-db-mb in the
// settings, where the collector, the tray app and the light read them.
func applyStorageFlags(ctx context.Context, e *env, st *store.Store) int {
	days, hasDays := e.inv.flags["retention-days"]
	mb, hasMB := e.inv.flags["max-db-mb"]
	if !hasDays && !hasMB {
		return 0
	}
	set, err := st.Settings(ctx)
	if err != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
	}
	if hasDays {
		set.RetentionDays, _ = strconv.Atoi(days) // checked with the other flags
	}
	if hasMB {
		set.MaxDBMB, _ = strconv.Atoi(mb)
	}
	if err := st.SaveSettings(ctx, set); err != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
	}
	return 0
}

// storeReporter tells the operator when the collector cannot write its
// database, and when it can again.
func storeReporter(e *env) func(error) {
	return func(err error) {
		if err != nil {
			fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeStoreFailing, locales.Args{"Err": err}))
			return
		}
		fmt.Fprintln(e.stderr, e.loc.T(locales.CLIServeStoreResumed, nil))
	}
}

// serveMemoryLimit is the soft limit of the Go heap of `kizuki serve`. Its
// state is bounded (the detector keeps at most detect.Settings.MaxSubjects
// subjects a rule, about 90 MiB under a flood of new sources; the store
// holds one second of events), but the garbage collector by default lets
// the heap grow to twice what is live: under a flood from a million
// addresses that is over 400 MiB resident. The limit makes it collect
// sooner instead, so serve stays under 200 MiB (TestSoakMillionSources).
const serveMemoryLimit = 150 << 20

// limitServeMemory sets serveMemoryLimit unless GOMEMLIMIT sets another.
func limitServeMemory() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(serveMemoryLimit)
	}
}
