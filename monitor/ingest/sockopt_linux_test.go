//go:build linux

package ingest

import (
	"fmt"
	"net"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestKernelDropCounter overflows a small receive buffer nobody reads
// and checks that the drops come back with the next datagram read.
func TestKernelDropCounter(t *testing.T) {
	t.Parallel()
	rx, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	if err := rx.SetReadBuffer(4096); err != nil {
		t.Fatal(err)
	}
	if err := enableDropCounter(rx); err != nil {
		t.Fatal(err)
	}
	tx, err := net.DialUDP("udp", nil, rx.LocalAddr().(*net.UDPAddr))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	const sent = 500
	payload := make([]byte, 512)
	for range sent {
		if _, err := tx.Write(payload); err != nil {
			t.Fatal(err)
		}
	}

	// After each read a numbered sentinel is sent. UDP gives buffer
	// space back in batches, so the first few are dropped too; the first
	// one queued arrives after every burst datagram that was queued, and
	// carries the count of everything dropped before it.
	if err := rx.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 1024)
	oob := make([]byte, dropCounterOOBSize)
	var queued, sentinels int
	var drops uint32
	for {
		n, oobn, _, _, err := rx.ReadMsgUDPAddrPort(buf, oob)
		if err != nil {
			t.Fatal(err)
		}
		if c, ok := parseDropCount(oob[:oobn]); ok {
			drops = c
		}
		var first int
		if _, err := fmt.Sscanf(string(buf[:n]), "sentinel %d", &first); err == nil {
			if want := sent - queued + first; int(drops) != want {
				t.Errorf("kernel reports %d drops, want %d (%d of %d sent queued, sentinel %d)", drops, want, queued, sent, first)
			}
			break
		}
		queued++
		if _, err := fmt.Fprintf(tx, "sentinel %d", sentinels); err != nil {
			t.Fatal(err)
		}
		sentinels++
	}
	if drops == 0 {
		t.Fatalf("no drops reported after %d of %d datagrams fit", queued, sent)
	}
	t.Logf("%d of %d datagrams queued; kernel counted %d drops, sentinels included", queued, sent, drops)
}

func TestParseDropCountIgnoresOtherMessages(t *testing.T) {
	t.Parallel()
	if _, ok := parseDropCount(nil); ok {
		t.Error("counter found in no control message")
	}
	if _, ok := parseDropCount([]byte{1, 2, 3}); ok {
		t.Error("counter found in garbage")
	}
}

// TestUDPReadBufferPastTheCap asks for more than net.core.rmem_max: as
// root (CAP_NET_ADMIN) SO_RCVBUFFORCE grants it all, which Linux reports
// doubled; otherwise the capped size is kept and reported, not an error.
func TestUDPReadBufferPastTheCap(t *testing.T) {
	t.Parallel()
	b, err := os.ReadFile("/proc/sys/net/core/rmem_max")
	if err != nil {
		t.Skipf("no rmem_max to compare with: %v", err)
	}
	rmemMax, err := strconv.Atoi(strings.TrimSpace(string(b)))
	if err != nil {
		t.Fatal(err)
	}
	want := 2*rmemMax + 4096
	c, granted, err := listenUDP("127.0.0.1:0", want)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	forced := unix.Geteuid() == 0
	switch {
	case forced && granted < 2*want:
		t.Errorf("as root asked for %d bytes (rmem_max %d), granted %d; want %d", want, rmemMax, granted, 2*want)
	case !forced && granted != 2*rmemMax:
		t.Errorf("without CAP_NET_ADMIN granted %d, want the cap %d doubled", granted, rmemMax)
	}
	t.Logf("rmem_max %d, asked %d, granted %d (root %v)", rmemMax, want, granted, forced)
}

// TestSocketDropsWithoutADatagram overflows a buffer nobody reads: the
// count must be readable at once, as Close reads it, with no datagram to
// carry it.
func TestSocketDropsWithoutADatagram(t *testing.T) {
	t.Parallel()
	rx, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer rx.Close()
	if err := rx.SetReadBuffer(4096); err != nil {
		t.Fatal(err)
	}
	if n, ok := socketDrops(rx); !ok || n != 0 {
		t.Fatalf("fresh socket: drops %d, %v; want 0, true", n, ok)
	}
	tx, err := net.DialUDP("udp", nil, rx.LocalAddr().(*net.UDPAddr))
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Close()
	const sent = 300
	payload := make([]byte, 512)
	for range sent {
		if _, err := tx.Write(payload); err != nil {
			t.Fatal(err)
		}
	}
	drops, ok := socketDrops(rx)
	if !ok {
		t.Fatal("SO_MEMINFO unreadable")
	}
	// Count what the buffer kept: kept + dropped must be what was sent.
	var kept int
	buf := make([]byte, 1024)
	for {
		if err := rx.SetReadDeadline(time.Now().Add(50 * time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		if _, err := rx.Read(buf); err != nil {
			break
		}
		kept++
	}
	if kept+int(drops) != sent || drops == 0 {
		t.Errorf("%d kept + %d dropped, want %d sent with some dropped", kept, drops, sent)
	}
}
