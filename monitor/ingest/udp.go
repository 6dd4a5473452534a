package ingest

import (
	"errors"
	"fmt"
	"net"
	"net/netip"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// listenUDP binds the UDP socket, raises its receive buffer so bursts
// wait in the kernel rather than being dropped there, and turns on the
// kernel's drop counter. It returns the buffer size the kernel granted.
//
// Linux caps an ordinary request at net.core.rmem_max (often 208 KiB or
// 4 MiB); a process allowed to (root, or CAP_NET_ADMIN as the packaged
// service has) then forces the full size with SO_RCVBUFFORCE. Others keep
// the capped size, which Stats reports, and the README says how to raise
// the cap.
func listenUDP(addr string, readBuffer int) (*net.UDPConn, int, error) {
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, 0, fmt.Errorf("listening on UDP: %w", err)
	}
	c, err := net.ListenUDP("udp", ua)
	if err != nil {
		return nil, 0, fmt.Errorf("listening on UDP: %w", err)
	}
	if err := c.SetReadBuffer(readBuffer); err != nil {
		_ = c.Close()
		return nil, 0, fmt.Errorf("setting UDP receive buffer: %w", err)
	}
	if err := enableDropCounter(c); err != nil {
		_ = c.Close()
		return nil, 0, err
	}
	granted, err := readBufferSize(c)
	if err != nil {
		_ = c.Close()
		return nil, 0, err
	}
	if granted > 0 && granted < readBuffer && forceReadBuffer(c, readBuffer) {
		if granted, err = readBufferSize(c); err != nil {
			_ = c.Close()
			return nil, 0, err
		}
	}
	return c, granted, nil
}

// udpDrainIdle is how long the UDP socket must stay empty during Close
// before it is closed.
const udpDrainIdle = 100 * time.Millisecond

// serveUDP reads datagrams until Close. It never waits on the queue: a
// datagram that finds it full is dropped and counted.
func (s *Server) serveUDP() {
	defer s.producers.Done()
	defer func() { _ = s.udp.Close() }()
	// One byte more than the limit tells an oversize datagram apart.
	buf := make([]byte, s.cfg.MaxMessageSize+1)
	oob := make([]byte, dropCounterOOBSize)
	var (
		kernel kernelDrops
		delay  backoff
		// The last sender, looked up once for a run of its datagrams.
		lastAddr   netip.Addr
		lastSrc    *sourceState
		lastSender string
		// draining is set once Close began: reading goes on until the
		// socket has been empty for udpDrainIdle.
		draining bool
	)
	for {
		n, oobn, _, ap, err := s.udp.ReadMsgUDPAddrPort(buf, oob)
		if oobn > 0 {
			if total, ok := parseDropCount(oob[:oobn]); ok {
				s.stats.drop(nil, reasonKernel, kernel.since(total))
			}
		}
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			if s.closing.Load() {
				// Datagrams the kernel already holds are read before the
				// socket closes, and what it dropped since the last
				// datagram is counted: nothing is lost uncounted.
				if !draining && !s.aborted() {
					draining = true
					_ = s.udp.SetReadDeadline(time.Now().Add(udpDrainIdle))
					continue
				}
				if total, ok := socketDrops(s.udp); ok {
					s.stats.drop(nil, reasonKernel, kernel.since(total))
				}
				return
			}
			delay.wait()
			continue
		}
		if draining {
			if s.aborted() {
				_ = s.udp.SetReadDeadline(time.Now())
			} else {
				_ = s.udp.SetReadDeadline(time.Now().Add(udpDrainIdle))
			}
		}
		delay = 0
		addr := ap.Addr().Unmap()
		if addr != lastAddr || lastSender == "" {
			lastAddr, lastSrc, lastSender = addr, s.senders.match(addr), addr.String()
		}
		switch {
		case lastSrc == nil:
			s.stats.drop(nil, reasonSenderNotAllowed, 1)
			continue
		case n > s.cfg.MaxMessageSize:
			s.stats.drop(lastSrc, reasonOversize, 1)
			continue
		}
		text := trimTrailer(buf[:n])
		if len(text) == 0 {
			continue
		}
		s.enqueueNow(monitor.Line{
			Received: s.cfg.Now(),
			Source:   lastSrc.name,
			Sender:   lastSender,
			Text:     string(text),
		}, lastSrc)
	}
}

// kernelDrops turns the kernel's drop counter, cumulative since the
// socket opened and wrapping at 2^32, into increments.
type kernelDrops struct{ last uint32 }

// since returns how many drops total adds to the last reading.
func (k *kernelDrops) since(total uint32) int64 {
	d := total - k.last // unsigned: right across the wrap
	k.last = total
	return int64(d)
}
