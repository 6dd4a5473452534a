package main

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// serveFlush is how often received events are committed and the source
// health written for `kizuki status` and the tray app.
const serveFlush = time.Second

// archiveDir is where the daily archive of received lines lives: beside
// the database.
func archiveDir(dbPath string) string {
	return filepath.Join(filepath.Dir(dbPath), ingest.ArchiveDirName)
}

// collector is the running pipeline listener → archive → parse → store,
// shared by `kizuki serve` and the tray app. Its listener can be restarted
// with new sources (reload) while the archive stays open.
type collector struct {
	st         *store.Store
	cfg        ingest.Config // without sources; reload reads them
	archive    *ingest.Archive
	archiveDir string
	rules      *sharedEngine // one detector for the collector's life: reloads keep its state

	watchers lineWatchers

	mu     sync.Mutex // guards what reload replaces
	srv    *ingest.Server
	sink   *serveSink
	health *healthWriter
	// storeDropped counts DropStoreFailed lines of the sinks replaced by
	// reloads.
	storeDropped int64

	// warm is what the detector's warm-up read at start.
	warm warmUp
}

// warmUpLimit bounds the stored events the detector's warm-up reads (the
// newest of its lookback): 3 s of start-up at most on a 2-core PC
// (BenchmarkWarmUp: 6 µs an event).
const warmUpLimit = 500_000

// warmUp is the detector's warm-up at start: how many stored events of
// which lookback it observed, in how long, or why it could not.
type warmUp struct {
	events   int
	lookback time.Duration
	took     time.Duration
	err      error
}

// warmDetector has engine observe the stored events of its lookback
// before now (see detect.Engine.WarmUp), so that counts in progress
// survive a restart of serve or the tray app.
func warmDetector(ctx context.Context, st *store.Store, engine *detect.Engine, now time.Time) warmUp {
	start := time.Now()
	w := warmUp{lookback: engine.Lookback()}
	var readErr error
	w.events = engine.WarmUp(func(yield func(*monitor.Event) bool) {
		stopped := false
		_, readErr = st.EachEventSince(ctx, now.Add(-w.lookback), warmUpLimit, func(ev *monitor.Event) {
			if !stopped {
				stopped = !yield(ev)
			}
		})
	})
	w.took, w.err = time.Since(start), readErr
	return w
}

// startCollector opens the archive under dir and starts listening as cfg
// says, with the sources configured in st.
func startCollector(ctx context.Context, st *store.Store, cfg ingest.Config, dir string) (*collector, error) {
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	archive, err := ingest.OpenArchive(dir, time.Local)
	if err != nil {
		return nil, err
	}
	cfg.Archive = archive
	engine, err := storeDetector(ctx, st)
	if err != nil {
		archive.Close()
		return nil, fmt.Errorf("loading the detection rules: %w", err)
	}
	// Before listening: live events come after the stored ones.
	warm := warmDetector(ctx, st, engine, cfg.Now())
	c := &collector{st: st, cfg: cfg, archive: archive, archiveDir: dir, rules: &sharedEngine{e: engine}, warm: warm}
	if err := c.listen(ctx); err != nil {
		archive.Close()
		return nil, err
	}
	return c, nil
}

// listen starts a listener with the sources as configured now; c.mu held
// or c not yet shared.
func (c *collector) listen(ctx context.Context) error {
	sources, err := serveSources(ctx, c.st)
	if err != nil {
		return err
	}
	cfg := c.cfg
	cfg.Sources = sources.config
	sink := newServeSink(c.st, sources, c.rules)
	sink.watchers = &c.watchers
	srv, err := ingest.Listen(cfg, sink)
	if err != nil {
		return err
	}
	c.srv, c.sink = srv, sink
	if c.health == nil {
		c.health = newHealthWriter(c.st, cfg.Now)
	} else {
		c.health.restart()
	}
	return nil
}

// addrs lists the listeners as "udp 0.0.0.0:5514".
func (c *collector) addrs() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []string
	for _, a := range []struct {
		proto string
		addr  net.Addr
	}{{"udp", c.srv.UDPAddr()}, {"tcp", c.srv.TCPAddr()}, {"tls", c.srv.TLSAddr()}} {
		if a.addr != nil {
			out = append(out, a.proto+" "+a.addr.String())
		}
	}
	return out
}

// Port is the UDP (else TCP) port the collector listens on.
func (c *collector) Port() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, a := range []net.Addr{c.srv.UDPAddr(), c.srv.TCPAddr()} {
		switch a := a.(type) {
		case *net.UDPAddr:
			return a.Port
		case *net.TCPAddr:
			return a.Port
		}
	}
	return 0
}

// flush commits what was received and writes the sources' health.
func (c *collector) flush(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if err := c.sink.flush(ctx); err != nil {
		return err
	}
	return c.health.write(ctx, c.srv.Stats(), c.ownDrops())
}

// ownDrops are the collector's own losses so far, cumulative over its
// listeners: lines the store could not hold (DropStoreFailed) and lines
// the archive could not write (DropArchiveFailed, still stored in the
// database when it could be written); c.mu held.
func (c *collector) ownDrops() map[string]int64 {
	out := map[string]int64{}
	if n := c.storeDropped + c.sink.dropped; n > 0 {
		out[DropStoreFailed] = n
	}
	if n := c.archive.Stats().Lost; n > 0 {
		out[DropArchiveFailed] = n
	}
	return out
}

// Drop reasons of the collector itself, beside the listener's.
const (
	// DropStoreFailed counts lines dropped because the database could not
	// be written (the disk is full) for so long that the events waiting in
	// memory reached maxPendingEvents.
	DropStoreFailed = "store_failed"
	// DropArchiveFailed counts lines that could not be written to the
	// archive; they were still parsed and stored in the database.
	DropArchiveFailed = "archive_failed"
)

// pruneEvery is how often old events and archive files are deleted.
const pruneEvery = time.Hour

// run flushes every serveFlush and prunes every pruneEvery until ctx
// ends. A failed flush (the disk is full) does not stop collection: events
// wait in memory, up to maxPendingEvents, and the next tick tries again.
// report hears of the first failure, and of the recovery (nil).
func (c *collector) run(ctx context.Context, report func(error)) {
	tick := time.NewTicker(serveFlush)
	defer tick.Stop()
	prune := time.NewTicker(pruneEvery)
	defer prune.Stop()
	if err := c.prune(ctx); err != nil && ctx.Err() == nil {
		report(err)
	}
	failing := false
	for {
		select {
		case <-ctx.Done():
			return
		case <-prune.C:
			if err := c.prune(ctx); err != nil && ctx.Err() == nil {
				report(err)
			}
		case <-tick.C:
			err := c.flush(ctx)
			if ctx.Err() != nil {
				return // stop flushes what is left
			}
			if (err != nil) != failing {
				failing = err != nil
				report(err)
			}
		}
	}
}

// prune deletes what is older than the retention period — stored events,
// traffic aggregates and archive files — then the oldest events while the
// database is over its size cap. Findings are kept.
func (c *collector) prune(ctx context.Context) error {
	set, err := c.st.Settings(ctx)
	if err != nil {
		return err
	}
	cutoff := c.cfg.Now().AddDate(0, 0, -set.RetentionDays)
	_, archiveErr := ingest.PruneArchive(c.archiveDir, cutoff, time.Local)
	_, pruneErr := c.st.Prune(ctx, cutoff)
	_, capErr := c.st.EnforceCap(ctx, int64(set.MaxDBMB)<<20)
	return errors.Join(archiveErr, pruneErr, capErr)
}

// stop closes the listener, stores everything it delivered and writes the
// final health; c.mu held.
func (c *collector) stop() (ingest.Stats, error) {
	closeCtx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	closeErr := c.srv.Close(closeCtx)
	flushErr := c.sink.flush(context.Background())
	stats := c.srv.Stats()
	healthErr := c.health.write(context.Background(), stats, c.ownDrops())
	// The next listener's sink starts counting from zero.
	c.storeDropped += c.sink.dropped
	c.sink.dropped = 0
	return stats, errors.Join(closeErr, flushErr, healthErr)
}

// close stops the collector for good and returns the listener's last
// counters.
func (c *collector) close() (ingest.Stats, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	stats, err := c.stop()
	return stats, errors.Join(err, c.archive.Close())
}

// Reload restarts the listener with the sources as now configured, after
// the owner added or removed one. Lines sent in between are read by the
// new listener (TCP senders reconnect; the UDP socket is closed for a
// moment).
func (c *collector) Reload(ctx context.Context) error {
	c.mu.Lock()
	defer c.mu.Unlock()
	if _, err := c.stop(); err != nil {
		return fmt.Errorf("reload collector: %w", err)
	}
	if err := c.listen(ctx); err != nil {
		return fmt.Errorf("reload collector: %w", err)
	}
	return nil
}

// WaitLine returns the next line received from sender (an IP address; ""
// for any sender), or ctx's error.
func (c *collector) WaitLine(ctx context.Context, sender string) (monitor.Line, error) {
	w := c.watchers.watch(sender)
	select {
	case line := <-w.got:
		return line, nil
	case <-ctx.Done():
		c.watchers.unwatch(w)
		return monitor.Line{}, ctx.Err()
	}
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
	mu sync.Mutex
	// dropped counts lines not stored because maxPendingEvents were
	// already waiting for a database that could not be written.
	dropped  int64
	st       *store.Store
	w        *store.Writer
	rules    *sharedEngine
	sources  serveSourceSet
	parsers  map[string]*parse.Parser
	watchers *lineWatchers
}

// lineWatcher waits for the first line from one sender ("" for any).
type lineWatcher struct {
	sender string
	got    chan monitor.Line
}

// lineWatchers are the connection tests waiting for a line. They belong to
// the collector, not to one sink, so that they outlive a reload.
type lineWatchers struct {
	mu   sync.Mutex
	list []lineWatcher
}

// deliver hands line to the watchers waiting for its sender, which then
// stop watching.
func (ws *lineWatchers) deliver(line monitor.Line) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	if len(ws.list) == 0 {
		return
	}
	kept := ws.list[:0]
	for _, w := range ws.list {
		if w.sender == "" || w.sender == line.Sender {
			w.got <- line // buffered, and each watcher gets one line
			continue
		}
		kept = append(kept, w)
	}
	clear(ws.list[len(kept):])
	ws.list = kept
}

// watch registers a watcher for the next line from sender.
func (ws *lineWatchers) watch(sender string) lineWatcher {
	w := lineWatcher{sender: sender, got: make(chan monitor.Line, 1)}
	ws.mu.Lock()
	ws.list = append(ws.list, w)
	ws.mu.Unlock()
	return w
}

// count is how many watchers wait.
func (ws *lineWatchers) count() int {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	return len(ws.list)
}

// unwatch removes w if no line came for it.
func (ws *lineWatchers) unwatch(w lineWatcher) {
	ws.mu.Lock()
	defer ws.mu.Unlock()
	ws.list = slices.DeleteFunc(ws.list, func(x lineWatcher) bool { return x.got == w.got })
}

func newServeSink(st *store.Store, sources serveSourceSet, rules *sharedEngine) *serveSink {
	return &serveSink{st: st, w: st.NewWriter(), rules: rules, sources: sources, parsers: map[string]*parse.Parser{}}
}

// sharedEngine is the detector the sinks of one collector share: during
// a reload the old sink's last flush and the new sink's first lines may
// overlap.
type sharedEngine struct {
	mu sync.Mutex
	e  *detect.Engine
}

func (r *sharedEngine) observe(ev *monitor.Event) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.e.Observe(ev)
}

func (r *sharedEngine) flush(ctx context.Context, st *store.Store) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.e.Flush(ctx, st)
}

// maxPendingEvents bounds the events held in memory while the database
// cannot be written (about 100 MB of full events with their raw lines);
// past it, lines are counted as DropStoreFailed instead of stored. Normal
// operation holds one second's events.
const maxPendingEvents = 200_000

// Deliver parses one line, runs the rules over its event and queues it.
func (s *serveSink) Deliver(line monitor.Line) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ev := s.parser(line.Source).Parse(line)
	s.rules.observe(&ev)
	if s.w.Pending() >= maxPendingEvents {
		s.dropped++
	} else {
		s.w.Add(&ev)
	}
	if s.watchers != nil {
		s.watchers.deliver(line)
	}
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
	return s.rules.flush(ctx, s.st)
}

// healthWriter writes what the listener counted into the sources table and
// the collector's drop counters, as deltas since its last write. It
// remembers each counter as written only once its write succeeded, so a
// write that fails half-way (the disk is full) is redone without counting
// anything twice.
type healthWriter struct {
	st      *store.Store
	now     func() time.Time
	sources map[string]writtenSource
	global  map[string]int64        // the listener's drops of no source written so far
	extra   map[string]int64        // the collector's own drops written so far
	samples map[string][]rateSample // per source, oldest first, over rateWindow
}

// restart forgets the listener's counters as written, for a new listener
// whose counters start from zero; the collector's own are kept.
func (h *healthWriter) restart() {
	h.sources, h.global = map[string]writtenSource{}, map[string]int64{}
}

// writtenSource is what has been written of one source's counters.
type writtenSource struct {
	received int64
	dropped  map[string]int64
}

// rateSample is a source's received total at a moment.
type rateSample struct {
	at       time.Time
	received int64
}

// rateWindow is the span a source's rate is measured over.
const rateWindow = 5 * time.Minute

func newHealthWriter(st *store.Store, now func() time.Time) *healthWriter {
	return &healthWriter{st: st, now: now, sources: map[string]writtenSource{}, global: map[string]int64{},
		extra: map[string]int64{}, samples: map[string][]rateSample{}}
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

// write stores now's counters. extra are cumulative drops of the
// collector itself (lines the store or the archive could not keep), added
// to those that belong to no source.
func (h *healthWriter) write(ctx context.Context, now ingest.Stats, extra map[string]int64) error {
	sourceDrops := map[string]int64{}
	at := h.now()
	for _, s := range now.Sources {
		prev := h.sources[s.Name]
		if n := s.Received - prev.received; n > 0 {
			if err := h.st.MarkReceived(ctx, s.Name, n, s.LastReceived); err != nil {
				return err
			}
			prev.received = s.Received
			h.sources[s.Name] = prev
		}
		if err := h.st.SetSourceRate(ctx, s.Name, h.rate(s.Name, s.Received, at), at); err != nil {
			return err
		}
		if err := h.st.AddSourceDrops(ctx, s.Name, counterDelta(s.Dropped, prev.dropped)); err != nil {
			return err
		}
		prev.dropped = maps.Clone(s.Dropped)
		h.sources[s.Name] = prev
		for reason, n := range s.Dropped {
			sourceDrops[reason] += n
		}
	}
	// Drops counted globally minus those pinned on a source belong to none.
	global := counterDelta(now.Dropped, sourceDrops)
	delta := counterDelta(global, h.global)
	for reason, n := range counterDelta(extra, h.extra) {
		delta[reason] += n
	}
	if err := h.st.AddCollectorDrops(ctx, delta); err != nil {
		return err
	}
	h.global, h.extra = global, maps.Clone(extra)
	return nil
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
