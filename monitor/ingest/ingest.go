// Package ingest receives syslog from the UTM or router: a listener for
// UDP, TCP (RFC 6587 octet counting or newline framing, detected per
// connection) and TLS (RFC 5425), and the daily gzip Archive every
// received line is written to before anything else reads it.
//
// Every message either reaches the Sink or is counted as dropped with a
// reason (see the Drop constants and Server.Stats). The queue between the
// sockets and the sink is bounded: when it is full, TCP and TLS
// connections stop being read, so their senders slow down and lose
// nothing, while UDP datagrams are dropped and counted, since a UDP sender
// cannot be slowed and blocking the socket would only move the loss into
// the kernel.
//
// A line's Sender is the sender's IP address without its port; its Source
// is the configured source whose allow-list holds that address.
package ingest

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"sync"
	"sync/atomic"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Defaults for the zero values of Config.
const (
	DefaultMaxMessageSize = 64 << 10
	DefaultMaxConnections = 64
	DefaultIdleTimeout    = 10 * time.Minute
	DefaultQueueSize      = 65536
	DefaultQueueBytes     = 32 << 20
	DefaultUDPReadBuffer  = 8 << 20
)

const (
	// closeDrainIdle is how long Close keeps reading a connection that
	// has gone quiet, so lines already sent (and acknowledged by the
	// kernel) are read rather than lost with the connection.
	closeDrainIdle = 250 * time.Millisecond
	// handshakeTimeout bounds a TLS handshake.
	handshakeTimeout = 10 * time.Second
)

// Sink receives every accepted line, one at a time, from a single
// goroutine. Deliver may block: while it does, the queue fills, TCP and TLS
// connections stop being read and UDP datagrams are dropped as
// queue_full. The consumer (parsing and the store) declares its pace this
// way, so there is no return value to ignore.
type Sink interface {
	Deliver(monitor.Line)
}

// Config says where to listen and within which limits. Empty addresses
// leave that listener off; zero limits take the defaults.
type Config struct {
	// UDPAddr, TCPAddr and TLSAddr are listen addresses such as
	// "0.0.0.0:5514" or "127.0.0.1:0".
	UDPAddr, TCPAddr, TLSAddr string
	// TLSCertFile and TLSKeyFile are the PEM certificate chain and key the
	// TLS listener presents; required with TLSAddr.
	TLSCertFile, TLSKeyFile string
	// Sources give each allowed sender its source name. With none, only
	// loopback, private (RFC 1918, fc00::/7) and link-local senders are
	// accepted, as source DefaultSourceName.
	Sources []SourceConfig
	// MaxMessageSize is the longest message accepted, in bytes, without
	// its framing. Default DefaultMaxMessageSize.
	MaxMessageSize int
	// MaxConnections bounds the open TCP and TLS connections together.
	// Default DefaultMaxConnections.
	MaxConnections int
	// IdleTimeout closes a TCP or TLS connection that sent nothing for
	// this long; the sender reconnects. Default DefaultIdleTimeout.
	IdleTimeout time.Duration
	// QueueSize is how many lines may wait for the sink. Default
	// DefaultQueueSize.
	QueueSize int
	// QueueBytes bounds the text the queued lines hold together, so a
	// flood of long messages cannot fill QueueSize lines of
	// MaxMessageSize each (4 GiB with the defaults). A line that finds the
	// queue empty is always taken. Default DefaultQueueBytes.
	QueueBytes int
	// UDPReadBuffer is the UDP socket receive buffer asked for, in bytes.
	// Default DefaultUDPReadBuffer; Stats reports what was granted.
	UDPReadBuffer int
	// Archive, when set, gets every line before the sink does. Close
	// flushes it; closing it stays with its owner.
	Archive *Archive
	// Now stamps Line.Received. Default time.Now.
	Now func() time.Time
}

// withDefaults checks c and fills in its zero values.
func (c Config) withDefaults() (Config, error) {
	if c.UDPAddr == "" && c.TCPAddr == "" && c.TLSAddr == "" {
		return c, errors.New("no listen address configured")
	}
	if c.TLSAddr != "" && (c.TLSCertFile == "" || c.TLSKeyFile == "") {
		return c, errors.New("TLS listener needs a certificate and a key file")
	}
	for _, f := range []struct {
		name string
		v    *int
		def  int
	}{
		{"message size limit", &c.MaxMessageSize, DefaultMaxMessageSize},
		{"connection limit", &c.MaxConnections, DefaultMaxConnections},
		{"queue size", &c.QueueSize, DefaultQueueSize},
		{"queue byte limit", &c.QueueBytes, DefaultQueueBytes},
		{"UDP read buffer", &c.UDPReadBuffer, DefaultUDPReadBuffer},
	} {
		switch {
		case *f.v < 0:
			return c, fmt.Errorf("negative %s %d", f.name, *f.v)
		case *f.v == 0:
			*f.v = f.def
		}
	}
	if c.MaxMessageSize > 999_999_999 {
		return c, fmt.Errorf("message size limit %d exceeds an octet count's nine digits", c.MaxMessageSize)
	}
	switch {
	case c.IdleTimeout < 0:
		return c, fmt.Errorf("negative idle timeout %v", c.IdleTimeout)
	case c.IdleTimeout == 0:
		c.IdleTimeout = DefaultIdleTimeout
	}
	if c.Now == nil {
		c.Now = time.Now
	}
	return c, nil
}

// Server is a running syslog listener. Its methods are safe for
// concurrent use.
type Server struct {
	cfg     Config
	sink    Sink
	senders *senderPolicy
	stats   stats

	udp       *net.UDPConn
	udpBuffer int
	tcp, tls  net.Listener
	tlsConfig *tls.Config

	queue chan monitor.Line
	// queued is the text of the lines in the queue, in bytes, bounded by
	// Config.QueueBytes; freed wakes a stream waiting for it to shrink.
	queued atomic.Int64
	freed  chan struct{}
	// producers counts the goroutines that may still queue a line; the
	// queue is closed when it reaches zero after Close.
	producers sync.WaitGroup
	// delivered is closed when the queue is drained into the sink.
	delivered chan struct{}

	closing   atomic.Bool
	closeOnce sync.Once
	// abort is closed when Close's context ends before the queue drained.
	abort     chan struct{}
	abortOnce sync.Once

	mu    sync.Mutex
	conns map[net.Conn]struct{}
}

// Listen binds the configured listeners and starts serving. Lines go to
// sink until Close.
func Listen(cfg Config, sink Sink) (*Server, error) {
	if sink == nil {
		return nil, errors.New("starting syslog server: nil sink")
	}
	cfg, err := cfg.withDefaults()
	if err != nil {
		return nil, fmt.Errorf("starting syslog server: %w", err)
	}
	senders, sources, err := newSenderPolicy(cfg.Sources)
	if err != nil {
		return nil, fmt.Errorf("starting syslog server: %w", err)
	}
	s := &Server{
		cfg:       cfg,
		sink:      sink,
		senders:   senders,
		stats:     stats{sources: sources},
		queue:     make(chan monitor.Line, cfg.QueueSize),
		freed:     make(chan struct{}, 1),
		delivered: make(chan struct{}),
		abort:     make(chan struct{}),
		conns:     make(map[net.Conn]struct{}),
	}
	if err := s.bind(); err != nil {
		s.unbind()
		return nil, fmt.Errorf("starting syslog server: %w", err)
	}
	go s.deliverLoop()
	if s.udp != nil {
		s.producers.Add(1)
		go s.serveUDP()
	}
	for _, ln := range []net.Listener{s.tcp, s.tls} {
		if ln != nil {
			s.producers.Add(1)
			go s.acceptLoop(ln)
		}
	}
	return s, nil
}

func (s *Server) bind() error {
	var err error
	if s.cfg.TLSAddr != "" {
		cert, err := tls.LoadX509KeyPair(s.cfg.TLSCertFile, s.cfg.TLSKeyFile)
		if err != nil {
			return fmt.Errorf("loading TLS certificate: %w", err)
		}
		s.tlsConfig = &tls.Config{
			Certificates: []tls.Certificate{cert},
			MinVersion:   tls.VersionTLS12,
		}
	}
	if s.cfg.UDPAddr != "" {
		if s.udp, s.udpBuffer, err = listenUDP(s.cfg.UDPAddr, s.cfg.UDPReadBuffer); err != nil {
			return err
		}
	}
	if s.cfg.TCPAddr != "" {
		if s.tcp, err = net.Listen("tcp", s.cfg.TCPAddr); err != nil {
			return fmt.Errorf("listening on TCP: %w", err)
		}
	}
	if s.cfg.TLSAddr != "" {
		if s.tls, err = net.Listen("tcp", s.cfg.TLSAddr); err != nil {
			return fmt.Errorf("listening on TLS: %w", err)
		}
	}
	return nil
}

// unbind closes whatever bind opened before it failed.
func (s *Server) unbind() {
	if s.udp != nil {
		_ = s.udp.Close()
	}
	for _, ln := range []net.Listener{s.tcp, s.tls} {
		if ln != nil {
			_ = ln.Close()
		}
	}
}

// UDPAddr returns the UDP listener's address, or nil without one.
func (s *Server) UDPAddr() net.Addr {
	if s.udp == nil {
		return nil
	}
	return s.udp.LocalAddr()
}

// TCPAddr returns the TCP listener's address, or nil without one.
func (s *Server) TCPAddr() net.Addr {
	if s.tcp == nil {
		return nil
	}
	return s.tcp.Addr()
}

// TLSAddr returns the TLS listener's address, or nil without one.
func (s *Server) TLSAddr() net.Addr {
	if s.tls == nil {
		return nil
	}
	return s.tls.Addr()
}

// Stats returns a snapshot of the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	conns := len(s.conns)
	s.mu.Unlock()
	return Stats{
		Dropped:       s.stats.dropped.snapshot(),
		Sources:       s.stats.snapshotSources(),
		Connections:   conns,
		QueueLen:      len(s.queue),
		QueueCap:      cap(s.queue),
		QueueBytes:    s.queued.Load(),
		UDPReadBuffer: s.udpBuffer,
	}
}

// Close stops accepting, reads what the open connections have already
// sent (until each has been quiet for a quarter of a second or has
// ended), delivers every queued line to the sink, flushes the archive and
// returns. When ctx ends first, connections are cut, lines not yet queued
// are counted as DropShutdown, and Close returns ctx's error while queued
// lines keep draining into the sink in the background.
func (s *Server) Close(ctx context.Context) error {
	s.closeOnce.Do(s.beginClose)
	select {
	case <-s.delivered:
	case <-ctx.Done():
		s.abortOnce.Do(func() {
			close(s.abort)
			s.mu.Lock()
			for c := range s.conns {
				_ = c.Close()
			}
			s.mu.Unlock()
		})
		err := fmt.Errorf("closing syslog server: %w", ctx.Err())
		if s.cfg.Archive != nil {
			if ferr := s.cfg.Archive.Flush(); ferr != nil {
				err = errors.Join(err, fmt.Errorf("closing syslog server: %w", ferr))
			}
		}
		return err
	}
	if s.cfg.Archive != nil {
		if err := s.cfg.Archive.Flush(); err != nil {
			return fmt.Errorf("closing syslog server: %w", err)
		}
	}
	return nil
}

func (s *Server) beginClose() {
	s.mu.Lock()
	s.closing.Store(true)
	for c := range s.conns {
		_ = c.SetReadDeadline(time.Now().Add(closeDrainIdle))
	}
	s.mu.Unlock()
	for _, ln := range []net.Listener{s.tcp, s.tls} {
		if ln != nil {
			_ = ln.Close()
		}
	}
	if s.udp != nil {
		// Wakes the read loop, which closes the socket on its way out.
		_ = s.udp.SetReadDeadline(time.Now())
	}
	go func() {
		s.producers.Wait()
		close(s.queue)
	}()
}

// deliverLoop writes each queued line to the archive, then to the sink.
func (s *Server) deliverLoop() {
	defer close(s.delivered)
	for line := range s.queue {
		s.release(len(line.Text))
		if s.cfg.Archive != nil {
			// A failed archive write is counted by the archive itself
			// (Archive.Stats); the line still goes on to the sink.
			_ = s.cfg.Archive.Write(line)
		}
		s.sink.Deliver(line)
	}
}

// aborted reports whether Close gave up waiting.
func (s *Server) aborted() bool {
	select {
	case <-s.abort:
		return true
	default:
		return false
	}
}

// reserve counts n more bytes of queued text unless that would go over
// Config.QueueBytes while other lines are queued.
func (s *Server) reserve(n int) bool {
	for {
		q := s.queued.Load()
		if q > 0 && q+int64(n) > int64(s.cfg.QueueBytes) {
			return false
		}
		if s.queued.CompareAndSwap(q, q+int64(n)) {
			return true
		}
	}
}

// release gives back n bytes that reserve counted and wakes a stream
// waiting for room.
func (s *Server) release(n int) {
	s.queued.Add(-int64(n))
	select {
	case s.freed <- struct{}{}:
	default:
	}
}

// enqueueWait queues a line from a stream, waiting while the queue is
// full (in lines or in bytes): the connection is not read meanwhile, which
// is the back-pressure a TCP sender feels. It reports false when Close
// gave up waiting.
func (s *Server) enqueueWait(line monitor.Line, src *sourceState) bool {
	// Wait for room in bytes. Every release (the delivery loop taking a
	// line, or a reservation given back) leaves a token in freed, so a
	// stream that found no room wakes once the queue has shrunk; with the
	// queue empty, any line fits.
	for !s.reserve(len(line.Text)) {
		select {
		case <-s.freed:
		case <-s.abort:
			s.stats.drop(src, reasonShutdown, 1)
			return false
		}
	}
	// Try first without abort in the select, which would otherwise be
	// picked at random over free queue space during an aborted Close.
	select {
	case s.queue <- line:
		src.noteReceived(line.Received)
		return true
	default:
	}
	select {
	case s.queue <- line:
		src.noteReceived(line.Received)
		return true
	case <-s.abort:
		s.release(len(line.Text))
		s.stats.drop(src, reasonShutdown, 1)
		return false
	}
}

// enqueueNow queues a datagram's line or counts it as dropped when the
// queue is full, in lines or in bytes.
func (s *Server) enqueueNow(line monitor.Line, src *sourceState) {
	if !s.reserve(len(line.Text)) {
		s.stats.drop(src, reasonQueueFull, 1)
		return
	}
	select {
	case s.queue <- line:
		src.noteReceived(line.Received)
	default:
		s.release(len(line.Text))
		s.stats.drop(src, reasonQueueFull, 1)
	}
}

// senderOf returns the unmapped IP address of a remote address.
func senderOf(a net.Addr) netip.Addr {
	switch a := a.(type) {
	case *net.TCPAddr:
		return a.AddrPort().Addr().Unmap()
	case *net.UDPAddr:
		return a.AddrPort().Addr().Unmap()
	}
	return netip.Addr{}
}

// backoff paces retries after a socket error that may be temporary (out
// of file descriptors), as net/http's server does.
type backoff time.Duration

func (b *backoff) wait() {
	switch {
	case *b == 0:
		*b = backoff(5 * time.Millisecond)
	case *b < backoff(time.Second):
		*b *= 2
	}
	time.Sleep(time.Duration(*b))
}
