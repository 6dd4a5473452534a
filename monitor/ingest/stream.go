package ingest

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// acceptLoop accepts TCP or TLS connections until the listener closes.
func (s *Server) acceptLoop(ln net.Listener) {
	defer s.producers.Done()
	useTLS := ln == s.tls
	var delay backoff
	for {
		c, err := ln.Accept()
		if err != nil {
			if s.closing.Load() || errors.Is(err, net.ErrClosed) {
				return
			}
			delay.wait()
			continue
		}
		delay = 0
		s.admit(c, useTLS)
	}
}

// admit applies the allow-list and the connection limit before anything
// is read, then serves the connection on its own goroutine.
func (s *Server) admit(c net.Conn, useTLS bool) {
	addr := senderOf(c.RemoteAddr())
	src := s.senders.match(addr)
	if src == nil {
		_ = c.Close()
		s.stats.drop(nil, reasonSenderNotAllowed, 1)
		return
	}
	s.mu.Lock()
	switch {
	case s.closing.Load():
		s.mu.Unlock()
		_ = c.Close()
		return
	case len(s.conns) >= s.cfg.MaxConnections:
		s.mu.Unlock()
		_ = c.Close()
		s.stats.drop(src, reasonTooManyConnections, 1)
		return
	}
	s.conns[c] = struct{}{}
	// Added under mu, before Close can see the count reach zero.
	s.producers.Add(1)
	s.mu.Unlock()
	go s.serveConn(c, useTLS, src, addr.String())
}

// serveConn reads one connection's messages until it ends.
func (s *Server) serveConn(raw net.Conn, useTLS bool, src *sourceState, sender string) {
	defer s.producers.Done()
	defer func() {
		s.mu.Lock()
		delete(s.conns, raw)
		s.mu.Unlock()
		_ = raw.Close()
	}()
	conn := raw
	if useTLS {
		tc := tls.Server(raw, s.tlsConfig)
		ctx, cancel := context.WithTimeout(context.Background(), handshakeTimeout)
		err := tc.HandshakeContext(ctx)
		cancel()
		if err != nil {
			s.stats.drop(src, reasonTLSHandshake, 1)
			return
		}
		conn = tc
	}
	fr := newFrameReader(&idleReader{conn: conn, s: s}, s.cfg.MaxMessageSize, framingAuto)
	for {
		msg, err := fr.next()
		switch {
		case err == nil:
			line := monitor.Line{Received: s.cfg.Now(), Source: src.name, Sender: sender, Text: string(msg)}
			if !s.enqueueWait(line, src) {
				return
			}
		case errors.Is(err, errOversize):
			s.stats.drop(src, reasonOversize, 1)
		case errors.Is(err, errMalformedFrame):
			s.stats.drop(src, reasonMalformedFrame, 1)
			return
		default:
			// End of stream, idle timeout, the end of Close's drain, or a
			// reset: a partly read message was never accepted.
			return
		}
	}
}

// idleReader arms the connection's read deadline before each read: the
// idle timeout normally, the short drain window once Close has begun.
type idleReader struct {
	conn net.Conn
	s    *Server
}

func (r *idleReader) Read(p []byte) (int, error) {
	if !r.s.closing.Load() {
		_ = r.conn.SetReadDeadline(time.Now().Add(r.s.cfg.IdleTimeout))
	}
	// Checked again after arming: Close may have set the drain deadline
	// between the check and the arming, and must not be overwritten.
	if r.s.closing.Load() {
		_ = r.conn.SetReadDeadline(time.Now().Add(closeDrainIdle))
	}
	return r.conn.Read(p)
}
