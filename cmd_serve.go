package main

import (
	"context"
	"fmt"
	"maps"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// defaultSyslogAddr is where `kizuki serve` listens when told nothing: an
// ordinary user cannot bind 514, so Kizuki uses 5514 (README: how to point
// each vendor at it). The sender allow-list keeps the internet out.
const defaultSyslogAddr = ":5514"

// serveFlush is how often received events are committed and the source
// health written for `kizuki status` and the tray app.
const serveFlush = time.Second

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
	if cfg.UDPAddr == "" && cfg.TCPAddr == "" && cfg.TLSAddr == "" {
		cfg.UDPAddr, cfg.TCPAddr = defaultSyslogAddr, defaultSyslogAddr
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()

	sources, err := serveSources(ctx, st)
	if err != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
	}
	cfg.Sources = sources.config
	archiveDir := filepath.Join(filepath.Dir(path), "archive")
	archive, err := ingest.OpenArchive(archiveDir, time.Local)
	if err != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
	}
	defer archive.Close()
	cfg.Archive = archive

	engine, err := storeDetector(ctx, st)
	if err != nil {
		return e.fail(locales.CLIDetectRulesFailed, locales.Args{"Err": err})
	}
	sink := newServeSink(st, sources, engine)
	srv, err := ingest.Listen(cfg, sink)
	if err != nil {
		return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
	}
	var addrs []string
	for _, a := range []struct {
		proto string
		addr  net.Addr
	}{{"udp", srv.UDPAddr()}, {"tcp", srv.TCPAddr()}, {"tls", srv.TLSAddr()}} {
		if a.addr != nil {
			addrs = append(addrs, a.proto+" "+a.addr.String())
		}
	}
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIServeListening, locales.Args{
		"Addrs": strings.Join(addrs, ", "), "Archive": archiveDir,
	}))

	health := newHealthWriter(st, e.now)
	tick := time.NewTicker(serveFlush)
	defer tick.Stop()
	var runErr error
loop:
	for {
		select {
		case <-ctx.Done():
			break loop
		case <-tick.C:
			if runErr = sink.flush(ctx); runErr != nil {
				break loop
			}
			if runErr = health.write(ctx, srv.Stats()); runErr != nil {
				break loop
			}
		}
	}
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	closeErr := srv.Close(closeCtx)
	flushErr := sink.flush(context.Background())
	stats := srv.Stats()
	healthErr := health.write(context.Background(), stats)
	for _, err := range []error{runErr, closeErr, flushErr, healthErr} {
		if err != nil {
			return e.fail(locales.CLIServeFailed, locales.Args{"Err": err})
		}
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

// serveSourceSet is the configured sources as the collector uses them.
type serveSourceSet struct {
	config []ingest.SourceConfig
	byName map[string]monitor.Source
}

// serveSources reads the configured sources. Sources without allowed
// senders cannot be told apart by address; when no source has any, the
// collector runs in its default mode (private-range senders, one source
// named "default"), and that source is registered so that the light knows
// monitoring is set up and waits for data.
func serveSources(ctx context.Context, st *store.Store) (serveSourceSet, error) {
	all, err := st.Sources(ctx)
	if err != nil {
		return serveSourceSet{}, err
	}
	set := serveSourceSet{byName: map[string]monitor.Source{}}
	for _, src := range all {
		set.byName[src.Name] = src
		if len(src.AllowedSenders) == 0 {
			continue
		}
		prefixes, err := ingest.ParseAllowedSenders(src.AllowedSenders)
		if err != nil {
			return set, fmt.Errorf("source %s: %w", src.Name, err)
		}
		set.config = append(set.config, ingest.SourceConfig{Name: src.Name, AllowedSenders: prefixes})
	}
	if len(set.config) == 0 {
		if _, ok := set.byName[ingest.DefaultSourceName]; !ok {
			def := monitor.Source{Name: ingest.DefaultSourceName}
			if err := st.PutSource(ctx, def); err != nil {
				return set, err
			}
			set.byName[def.Name] = def
		}
	}
	return set, nil
}

// serveSink parses what the listener delivers and batches it into the
// store. Deliver is called from the listener's one delivery goroutine;
// flush from the collector's loop: a mutex keeps them apart, and a slow
// flush holds Deliver back, which is the back-pressure TCP senders feel.
type serveSink struct {
	mu      sync.Mutex
	st      *store.Store
	w       *store.Writer
	engine  *detect.Engine
	sources serveSourceSet
	parsers map[string]*parse.Parser
}

func newServeSink(st *store.Store, sources serveSourceSet, engine *detect.Engine) *serveSink {
	return &serveSink{st: st, w: st.NewWriter(), engine: engine, sources: sources, parsers: map[string]*parse.Parser{}}
}

// Deliver parses one line, runs the rules over its event and queues it.
func (s *serveSink) Deliver(line monitor.Line) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := s.parser(line.Source).Parse(line)
	s.engine.Observe(&ev)
	s.w.Add(&ev)
}

// parser returns the source's parser: its configured vendor and time zone,
// or detection per line.
func (s *serveSink) parser(source string) *parse.Parser {
	if p, ok := s.parsers[source]; ok {
		return p
	}
	p := parse.New()
	if src, ok := s.sources.byName[source]; ok {
		if src.Vendor != "" {
			if forced, err := parse.ForVendor(src.Vendor); err == nil {
				p = forced
			}
		}
		if loc, err := time.LoadLocation(src.TimeZone); err == nil && src.TimeZone != "" {
			p.Location = loc
		}
	}
	s.parsers[source] = p
	return p
}

// flush commits the queued events, then the findings they raised.
func (s *serveSink) flush(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := s.w.Flush(ctx, nil); err != nil {
		return err
	}
	return s.engine.Flush(ctx, s.st)
}

// healthWriter writes what the listener counted into the sources table and
// the collector's drop counters, as deltas since its last write.
type healthWriter struct {
	st      *store.Store
	now     func() time.Time
	last    ingest.Stats
	samples map[string][]rateSample // per source, oldest first, over rateWindow
}

// rateSample is a source's received total at a moment.
type rateSample struct {
	at       time.Time
	received int64
}

// rateWindow is the span a source's rate is measured over.
const rateWindow = 5 * time.Minute

func newHealthWriter(st *store.Store, now func() time.Time) *healthWriter {
	return &healthWriter{st: st, now: now, last: ingest.Stats{Dropped: map[string]int64{}}, samples: map[string][]rateSample{}}
}

// rate adds a sample of a source's received total and returns its lines
// per minute over the samples kept (up to rateWindow).
func (h *healthWriter) rate(name string, received int64, at time.Time) float64 {
	ss := append(h.samples[name], rateSample{at: at, received: received})
	for len(ss) > 1 && at.Sub(ss[0].at) > rateWindow {
		ss = ss[1:]
	}
	h.samples[name] = ss
	span := at.Sub(ss[0].at)
	if span < time.Second {
		return 0
	}
	return float64(received-ss[0].received) / span.Minutes()
}

func (h *healthWriter) write(ctx context.Context, now ingest.Stats) error {
	before := map[string]ingest.SourceStats{}
	for _, s := range h.last.Sources {
		before[s.Name] = s
	}
	sourceDrops := map[string]int64{}
	at := h.now()
	for _, s := range now.Sources {
		prev := before[s.Name]
		if n := s.Received - prev.Received; n > 0 {
			if err := h.st.MarkReceived(ctx, s.Name, n, s.LastReceived); err != nil {
				return err
			}
		}
		if err := h.st.SetSourceRate(ctx, s.Name, h.rate(s.Name, s.Received, at), at); err != nil {
			return err
		}
		delta := counterDelta(s.Dropped, prev.Dropped)
		if err := h.st.AddSourceDrops(ctx, s.Name, delta); err != nil {
			return err
		}
		for reason, n := range s.Dropped {
			sourceDrops[reason] += n
		}
	}
	// Drops counted globally minus those pinned on a source belong to none.
	global, lastGlobal := counterDelta(now.Dropped, sourceDrops), counterDelta(h.last.Dropped, h.lastSourceDrops())
	if err := h.st.AddCollectorDrops(ctx, counterDelta(global, lastGlobal)); err != nil {
		return err
	}
	now.Dropped = maps.Clone(now.Dropped)
	h.last = now
	return nil
}

func (h *healthWriter) lastSourceDrops() map[string]int64 {
	out := map[string]int64{}
	for _, s := range h.last.Sources {
		for reason, n := range s.Dropped {
			out[reason] += n
		}
	}
	return out
}

// counterDelta returns now − before per key, leaving out keys that did not grow.
func counterDelta(now, before map[string]int64) map[string]int64 {
	out := map[string]int64{}
	for k, n := range now {
		if d := n - before[k]; d > 0 {
			out[k] = d
		}
	}
	return out
}
