//go:build !linux

package ingest

import "net"

// dropCounterOOBSize is zero: only Linux reports kernel-side UDP drops.
const dropCounterOOBSize = 0

// enableDropCounter does nothing outside Linux.
func enableDropCounter(*net.UDPConn) error { return nil }

// parseDropCount never finds a counter outside Linux.
func parseDropCount([]byte) (uint32, bool) { return 0, false }

// readBufferSize reports zero (unknown) outside Linux.
func readBufferSize(*net.UDPConn) (int, error) { return 0, nil }

// forceReadBuffer cannot exceed the system's cap outside Linux.
func forceReadBuffer(*net.UDPConn, int) bool { return false }

// socketDrops is unknown outside Linux.
func socketDrops(*net.UDPConn) (uint32, bool) { return 0, false }
