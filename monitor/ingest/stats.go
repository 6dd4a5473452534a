package ingest

import (
	"sync/atomic"
	"time"
)

// Drop reasons: the keys of Stats.Dropped and SourceStats.Dropped, in the
// form monitor.Source.Dropped and `kizuki status` show them.
const (
	// DropSenderNotAllowed counts UDP datagrams, and TCP or TLS
	// connections, from senders outside every allow-list.
	DropSenderNotAllowed = "sender_not_allowed"
	// DropOversize counts messages longer than Config.MaxMessageSize.
	DropOversize = "oversize"
	// DropQueueFull counts UDP datagrams that found the queue full. TCP and
	// TLS never drop for this reason: they stop reading instead.
	DropQueueFull = "queue_full"
	// DropKernel counts UDP datagrams the kernel dropped because the
	// socket's receive buffer was full (Linux only, SO_RXQ_OVFL).
	DropKernel = "kernel"
	// DropMalformedFrame counts TCP and TLS streams closed because their
	// octet-counting framing was broken.
	DropMalformedFrame = "malformed_frame"
	// DropTooManyConnections counts connections refused at the
	// Config.MaxConnections limit.
	DropTooManyConnections = "too_many_connections"
	// DropTLSHandshake counts TLS connections whose handshake failed (a
	// sender with a wrong certificate setting or an old TLS version).
	DropTLSHandshake = "tls_handshake_failed"
	// DropShutdown counts messages read but abandoned because Close's
	// context ended before they could be queued.
	DropShutdown = "shutdown"
)

// dropReason indexes the counters; the order is that of dropReasonNames.
type dropReason int

const (
	reasonSenderNotAllowed dropReason = iota
	reasonOversize
	reasonQueueFull
	reasonKernel
	reasonMalformedFrame
	reasonTooManyConnections
	reasonTLSHandshake
	reasonShutdown
	numDropReasons
)

var dropReasonNames = [numDropReasons]string{
	DropSenderNotAllowed, DropOversize, DropQueueFull, DropKernel,
	DropMalformedFrame, DropTooManyConnections, DropTLSHandshake, DropShutdown,
}

// dropCounters counts drops by reason.
type dropCounters [numDropReasons]atomic.Int64

// snapshot returns the nonzero counters by name, or nil when all are zero.
func (d *dropCounters) snapshot() map[string]int64 {
	var m map[string]int64
	for i := range d {
		if n := d[i].Load(); n != 0 {
			if m == nil {
				m = make(map[string]int64)
			}
			m[dropReasonNames[i]] = n
		}
	}
	return m
}

// sourceState is what the listeners know about one source. Its counters
// are updated by every listener goroutine without a lock.
type sourceState struct {
	name     string
	received atomic.Int64
	// lastNanos is the Unix time of the newest received line, 0 if none.
	lastNanos atomic.Int64
	dropped   dropCounters
}

func newSourceState(name string) *sourceState {
	return &sourceState{name: name}
}

// noteReceived counts a line accepted into the queue.
func (s *sourceState) noteReceived(at time.Time) {
	s.received.Add(1)
	n := at.UnixNano()
	for {
		old := s.lastNanos.Load()
		if old >= n || s.lastNanos.CompareAndSwap(old, n) {
			return
		}
	}
}

// Stats is a snapshot of a Server's counters.
type Stats struct {
	// Dropped counts every drop by reason, including those that belong to
	// no source (refused senders, kernel drops); zero counts are left out.
	Dropped map[string]int64
	// Sources lists each source in configuration order.
	Sources []SourceStats
	// Connections is the number of TCP and TLS connections open now.
	Connections int
	// QueueLen and QueueCap are the lines waiting for the sink and the
	// queue's size.
	QueueLen, QueueCap int
	// QueueBytes is the text of the lines waiting, in bytes, counting the
	// line of each stream waiting for a slot in a queue full in lines
	// (at most Config.QueueBytes, or one line's).
	QueueBytes int64
	// UDPReadBuffer is the UDP socket's receive buffer as the kernel
	// reports it after Kizuki asked for Config.UDPReadBuffer: Linux caps
	// the request at net.core.rmem_max and reports twice the granted size
	// (half is its bookkeeping). Zero when unknown or without UDP.
	UDPReadBuffer int
}

// SourceStats is what has been received from one source.
type SourceStats struct {
	// Name is the source's configured name.
	Name string
	// Received counts lines accepted for delivery.
	Received int64
	// LastReceived is when the newest line arrived; zero if none has.
	LastReceived time.Time
	// Dropped counts this source's drops by reason; zero counts are left
	// out.
	Dropped map[string]int64
}

// stats holds a Server's counters.
type stats struct {
	dropped dropCounters
	sources []*sourceState
}

// drop counts n messages (or connections) lost for reason. src is nil
// when the loss belongs to no known source.
func (s *stats) drop(src *sourceState, reason dropReason, n int64) {
	s.dropped[reason].Add(n)
	if src != nil {
		src.dropped[reason].Add(n)
	}
}

func (s *stats) snapshotSources() []SourceStats {
	out := make([]SourceStats, len(s.sources))
	for i, src := range s.sources {
		out[i] = SourceStats{
			Name:     src.name,
			Received: src.received.Load(),
			Dropped:  src.dropped.snapshot(),
		}
		if n := src.lastNanos.Load(); n != 0 {
			out[i].LastReceived = time.Unix(0, n)
		}
	}
	return out
}
