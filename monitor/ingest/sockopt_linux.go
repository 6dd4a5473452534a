//go:build linux

package ingest

import (
	"encoding/binary"
	"fmt"
	"net"
	"unsafe"

	"golang.org/x/sys/unix"
)

// dropCounterOOBSize is the control-message space one SO_RXQ_OVFL
// counter needs.
var dropCounterOOBSize = unix.CmsgSpace(4)

// enableDropCounter asks the kernel to attach its count of datagrams
// dropped on this socket (receive buffer full) to each datagram read.
func enableDropCounter(c *net.UDPConn) error {
	rc, err := c.SyscallConn()
	if err != nil {
		return fmt.Errorf("enabling SO_RXQ_OVFL: %w", err)
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RXQ_OVFL, 1)
	}); err != nil {
		return fmt.Errorf("enabling SO_RXQ_OVFL: %w", err)
	}
	if serr != nil {
		return fmt.Errorf("enabling SO_RXQ_OVFL: %w", serr)
	}
	return nil
}

// parseDropCount reads the SO_RXQ_OVFL counter from a datagram's control
// messages: the number of datagrams the socket has dropped since it was
// opened, wrapping at 2^32. The kernel attaches it only once a drop has
// happened.
func parseDropCount(oob []byte) (uint32, bool) {
	for len(oob) > 0 {
		hdr, data, rest, err := unix.ParseOneSocketControlMessage(oob)
		if err != nil {
			return 0, false
		}
		if hdr.Level == unix.SOL_SOCKET && hdr.Type == unix.SO_RXQ_OVFL && len(data) >= 4 {
			return binary.NativeEndian.Uint32(data), true
		}
		oob = rest
	}
	return 0, false
}

// readBufferSize reports the socket's receive buffer as the kernel sees it.
func readBufferSize(c *net.UDPConn) (int, error) {
	rc, err := c.SyscallConn()
	if err != nil {
		return 0, fmt.Errorf("reading SO_RCVBUF: %w", err)
	}
	var size int
	var serr error
	if err := rc.Control(func(fd uintptr) {
		size, serr = unix.GetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RCVBUF)
	}); err != nil {
		return 0, fmt.Errorf("reading SO_RCVBUF: %w", err)
	}
	if serr != nil {
		return 0, fmt.Errorf("reading SO_RCVBUF: %w", serr)
	}
	return size, nil
}

// forceReadBuffer sets the receive buffer past net.core.rmem_max with
// SO_RCVBUFFORCE, which needs CAP_NET_ADMIN. It reports whether the
// kernel took it; without the capability the capped size stays.
func forceReadBuffer(c *net.UDPConn, size int) bool {
	rc, err := c.SyscallConn()
	if err != nil {
		return false
	}
	var serr error
	if err := rc.Control(func(fd uintptr) {
		serr = unix.SetsockoptInt(int(fd), unix.SOL_SOCKET, unix.SO_RCVBUFFORCE, size)
	}); err != nil {
		return false
	}
	return serr == nil
}

// skMeminfoDrops is SK_MEMINFO_DROPS, the index of the drop counter in
// what SO_MEMINFO returns (linux/sock_diag.h); skMeminfoVars its length.
const (
	skMeminfoDrops = 8
	skMeminfoVars  = 9
)

// socketDrops reads the socket's drop counter (the one SO_RXQ_OVFL
// reports) without a datagram to carry it: at close, the drops after the
// last datagram read are still counted.
func socketDrops(c *net.UDPConn) (uint32, bool) {
	rc, err := c.SyscallConn()
	if err != nil {
		return 0, false
	}
	var info [skMeminfoVars]uint32
	var errno unix.Errno
	if err := rc.Control(func(fd uintptr) {
		size := uint32(unsafe.Sizeof(info))
		_, _, errno = unix.Syscall6(unix.SYS_GETSOCKOPT, fd, unix.SOL_SOCKET, unix.SO_MEMINFO,
			uintptr(unsafe.Pointer(&info[0])), uintptr(unsafe.Pointer(&size)), 0)
	}); err != nil || errno != 0 {
		return 0, false
	}
	return info[skMeminfoDrops], true
}
