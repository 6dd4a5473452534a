package ingest

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/netip"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// recordingSink keeps every delivered line. With a gate, Deliver waits
// until the gate is opened, standing for a stalled consumer.
type recordingSink struct {
	mu    sync.Mutex
	lines []monitor.Line
	// gate, when set, holds every Deliver until it is closed.
	gate chan struct{}
	// waiting receives once when a Deliver starts waiting at the gate.
	waiting chan struct{}
}

func newGatedSink() *recordingSink {
	return &recordingSink{gate: make(chan struct{}), waiting: make(chan struct{}, 1)}
}

func (r *recordingSink) Deliver(l monitor.Line) {
	if r.gate != nil {
		select {
		case r.waiting <- struct{}{}:
		default:
		}
		<-r.gate
	}
	r.mu.Lock()
	r.lines = append(r.lines, l)
	r.mu.Unlock()
}

func (r *recordingSink) snapshot() []monitor.Line {
	r.mu.Lock()
	defer r.mu.Unlock()
	return slices.Clone(r.lines)
}

func (r *recordingSink) texts() []string {
	var out []string
	for _, l := range r.snapshot() {
		out = append(out, l.Text)
	}
	return out
}

// waitLines polls until the sink holds n lines, and fails after a
// deadline.
func (r *recordingSink) waitLines(t testing.TB, n int) []monitor.Line {
	t.Helper()
	waitUntil(t, fmt.Sprintf("%d lines delivered", n), func() bool {
		r.mu.Lock()
		defer r.mu.Unlock()
		return len(r.lines) >= n
	})
	return r.snapshot()
}

// waitUntil polls cond until it holds, failing after a deadline.
func waitUntil(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// startServer starts a server that Close stops when the test ends.
func startServer(t testing.TB, cfg Config, sink Sink) *Server {
	t.Helper()
	s, err := Listen(cfg, sink)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		if err := s.Close(ctx); err != nil {
			t.Error(err)
		}
	})
	return s
}

func dial(t testing.TB, network string, addr net.Addr) net.Conn {
	t.Helper()
	c, err := net.Dial(network, addr.String())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = c.Close() })
	return c
}

func write(t testing.TB, c net.Conn, s string) {
	t.Helper()
	if _, err := io.WriteString(c, s); err != nil {
		t.Fatal(err)
	}
}

// waitClosedByServer fails unless the server closes c.
func waitClosedByServer(t *testing.T, c net.Conn) {
	t.Helper()
	if err := c.SetReadDeadline(time.Now().Add(10 * time.Second)); err != nil {
		t.Fatal(err)
	}
	if _, err := c.Read(make([]byte, 1)); err == nil {
		t.Fatal("server sent data instead of closing")
	} else if errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatal("server did not close the connection")
	}
}

func TestUDPDelivers(t *testing.T) {
	t.Parallel()
	received := time.Date(2025, 3, 1, 9, 30, 0, 0, time.UTC)
	sink := &recordingSink{}
	srv := startServer(t, Config{UDPAddr: "127.0.0.1:0", Now: func() time.Time { return received }}, sink)
	c := dial(t, "udp", srv.UDPAddr())
	for _, dg := range []string{"<13>one", "<13>two\n", "<13>three\r\n\x00", "\n"} {
		write(t, c, dg)
	}
	got := sink.waitLines(t, 3)
	want := monitor.Line{Received: received, Source: DefaultSourceName, Sender: "127.0.0.1"}
	for i, text := range []string{"<13>one", "<13>two", "<13>three"} {
		want.Text = text
		if got[i] != want {
			t.Errorf("line %d: %+v, want %+v", i, got[i], want)
		}
	}
	// Counted just after queueing, so possibly after delivery.
	waitUntil(t, "lines counted", func() bool { return srv.Stats().Sources[0].Received == 3 })
	st := srv.Stats()
	if len(st.Sources) != 1 || !st.Sources[0].LastReceived.Equal(received) {
		t.Errorf("source stats %+v", st.Sources)
	}
	if st.Dropped != nil {
		t.Errorf("dropped %v", st.Dropped)
	}
	t.Logf("UDP receive buffer granted: %d bytes", st.UDPReadBuffer)
}

func TestTCPFramings(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", 5000)
	tests := []struct {
		name   string
		writes []string
		want   []string
	}{
		{"newline, one message per write", []string{"<13>a\n", "<13>b\n"}, []string{"<13>a", "<13>b"}},
		{"newline, several messages per write", []string{"<13>a\n<13>b\r\n<13>c\n"}, []string{"<13>a", "<13>b", "<13>c"}},
		{"newline, message split across writes", []string{"<13>hel", "lo wor", "ld\n<13>", "next\n"}, []string{"<13>hello world", "<13>next"}},
		{"newline, header-less FortiGate line", []string{"date=2025-03-01 time=09:30:00 devname=\"FGT60F\" type=\"traffic\"\n"}, []string{"date=2025-03-01 time=09:30:00 devname=\"FGT60F\" type=\"traffic\""}},
		{"octet counting, one message per write", []string{"6 <13>ab", "6 <13>cd"}, []string{"<13>ab", "<13>cd"}},
		{"octet counting, several messages per write", []string{"6 <13>ab6 <13>cd6 <13>ef"}, []string{"<13>ab", "<13>cd", "<13>ef"}},
		{"octet counting, split in the length and the message", []string{"1", "2 <13>li", "ne1\nl", "2"}, []string{"<13>line1\nl2"}},
		{"octet counting, long message split", []string{"5004 <13>" + long[:1000], long[1000:]}, []string{"<13>" + long}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sink := &recordingSink{}
			srv := startServer(t, Config{TCPAddr: "127.0.0.1:0"}, sink)
			c := dial(t, "tcp", srv.TCPAddr())
			for _, w := range tt.writes {
				write(t, c, w)
			}
			sink.waitLines(t, len(tt.want))
			if got := sink.texts(); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			for _, l := range sink.snapshot() {
				if l.Source != DefaultSourceName || l.Sender != "127.0.0.1" {
					t.Errorf("line from %q/%q", l.Source, l.Sender)
				}
			}
		})
	}
}

// writeTestCertificate writes a self-signed certificate for 127.0.0.1 and
// its key, and returns a pool that trusts it.
func writeTestCertificate(t testing.TB) (certFile, keyFile string, pool *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "kizuki test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.IPv4(127, 0, 0, 1)},
		DNSNames:              []string{"localhost"},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	keyDER, err := x509.MarshalPKCS8PrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	certFile, keyFile = filepath.Join(dir, "cert.pem"), filepath.Join(dir, "key.pem")
	if err := os.WriteFile(certFile, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der}), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(keyFile, pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: keyDER}), 0o600); err != nil {
		t.Fatal(err)
	}
	pool = x509.NewCertPool()
	pool.AddCert(cert)
	return certFile, keyFile, pool
}

func TestTLS(t *testing.T) {
	t.Parallel()
	certFile, keyFile, pool := writeTestCertificate(t)
	sink := &recordingSink{}
	srv := startServer(t, Config{TLSAddr: "127.0.0.1:0", TLSCertFile: certFile, TLSKeyFile: keyFile}, sink)

	t.Run("verified client delivers", func(t *testing.T) {
		c, err := tls.Dial("tcp", srv.TLSAddr().String(), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"})
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		if v := c.ConnectionState().Version; v < tls.VersionTLS12 {
			t.Errorf("negotiated TLS version %x", v)
		}
		write(t, c, "12 <13>over tls14 <13>second one")
		sink.waitLines(t, 2)
		if got, want := sink.texts(), []string{"<13>over tls", "<13>second one"}; !slices.Equal(got, want) {
			t.Errorf("got %q, want %q", got, want)
		}
	})
	t.Run("TLS 1.1 refused", func(t *testing.T) {
		_, err := tls.Dial("tcp", srv.TLSAddr().String(), &tls.Config{
			RootCAs: pool, ServerName: "127.0.0.1", MinVersion: tls.VersionTLS10, MaxVersion: tls.VersionTLS11,
		})
		if err == nil {
			t.Fatal("TLS 1.1 handshake succeeded")
		}
		waitUntil(t, "handshake failure counted", func() bool {
			return srv.Stats().Dropped[DropTLSHandshake] == 1
		})
	})
}

func TestSenderNotAllowed(t *testing.T) {
	t.Parallel()
	certFile, keyFile, pool := writeTestCertificate(t)
	sink := &recordingSink{}
	srv := startServer(t, Config{
		UDPAddr: "127.0.0.1:0", TCPAddr: "127.0.0.1:0", TLSAddr: "127.0.0.1:0",
		TLSCertFile: certFile, TLSKeyFile: keyFile,
		Sources: []SourceConfig{{Name: "utm", AllowedSenders: []netip.Prefix{netip.MustParsePrefix("192.0.2.1/32")}}},
	}, sink)

	write(t, dial(t, "udp", srv.UDPAddr()), "<13>refused")
	waitUntil(t, "refused datagram counted", func() bool { return srv.Stats().Dropped[DropSenderNotAllowed] == 1 })

	c := dial(t, "tcp", srv.TCPAddr())
	waitClosedByServer(t, c)
	waitUntil(t, "refused connection counted", func() bool { return srv.Stats().Dropped[DropSenderNotAllowed] == 2 })

	if _, err := tls.Dial("tcp", srv.TLSAddr().String(), &tls.Config{RootCAs: pool, ServerName: "127.0.0.1"}); err == nil {
		t.Error("TLS handshake with a refused sender succeeded")
	}
	waitUntil(t, "refused TLS connection counted", func() bool { return srv.Stats().Dropped[DropSenderNotAllowed] == 3 })

	st := srv.Stats()
	if n := len(sink.snapshot()); n != 0 {
		t.Errorf("%d lines delivered from a refused sender", n)
	}
	if len(st.Sources) != 1 || st.Sources[0].Name != "utm" || st.Sources[0].Received != 0 || st.Sources[0].Dropped != nil {
		t.Errorf("source stats %+v", st.Sources)
	}
}

func TestOversize(t *testing.T) {
	t.Parallel()
	const max = 16
	big := strings.Repeat("x", 40)
	tests := []struct {
		name    string
		network string
		writes  []string
		want    []string
	}{
		{"udp", "udp", []string{"<13>small", big, "<13>after"}, []string{"<13>small", "<13>after"}},
		{"udp exactly at the limit", "udp", []string{strings.Repeat("y", max), big}, []string{strings.Repeat("y", max)}},
		{"tcp newline skips to the next line", "tcp", []string{"<13>small\n" + big + "\n<13>after\n"}, []string{"<13>small", "<13>after"}},
		{"tcp newline oversize across writes", "tcp", []string{"<13>small\n" + big[:20], big[20:], "\n<13>after\n"}, []string{"<13>small", "<13>after"}},
		{"tcp octet counting skips the frame", "tcp", []string{"9 <13>small40 " + big + "9 <13>after"}, []string{"<13>small", "<13>after"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			sink := &recordingSink{}
			srv := startServer(t, Config{UDPAddr: "127.0.0.1:0", TCPAddr: "127.0.0.1:0", MaxMessageSize: max}, sink)
			addr := srv.TCPAddr()
			if tt.network == "udp" {
				addr = srv.UDPAddr()
			}
			c := dial(t, tt.network, addr)
			for _, w := range tt.writes {
				write(t, c, w)
			}
			sink.waitLines(t, len(tt.want))
			waitUntil(t, "oversize counted", func() bool { return srv.Stats().Dropped[DropOversize] == 1 })
			if got := sink.texts(); !slices.Equal(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
			if got := srv.Stats().Sources[0].Dropped[DropOversize]; got != 1 {
				t.Errorf("source oversize count %d, want 1", got)
			}
		})
	}
}

func TestMalformedFrameClosesConnection(t *testing.T) {
	t.Parallel()
	sink := &recordingSink{}
	srv := startServer(t, Config{TCPAddr: "127.0.0.1:0"}, sink)
	c := dial(t, "tcp", srv.TCPAddr())
	write(t, c, "9 <13>first<13>not a frame\n")
	waitClosedByServer(t, c)
	if got, want := sink.waitLines(t, 1)[0].Text, "<13>first"; got != want {
		t.Errorf("got %q, want %q", got, want)
	}
	waitUntil(t, "malformed frame counted", func() bool { return srv.Stats().Dropped[DropMalformedFrame] == 1 })
}

func TestTooManyConnections(t *testing.T) {
	t.Parallel()
	sink := &recordingSink{}
	srv := startServer(t, Config{TCPAddr: "127.0.0.1:0", MaxConnections: 1}, sink)
	first := dial(t, "tcp", srv.TCPAddr())
	write(t, first, "<13>first\n")
	sink.waitLines(t, 1)

	second := dial(t, "tcp", srv.TCPAddr())
	waitClosedByServer(t, second)
	waitUntil(t, "refused connection counted", func() bool { return srv.Stats().Dropped[DropTooManyConnections] == 1 })

	// The first connection still works, and its end frees the slot.
	write(t, first, "<13>still here\n")
	sink.waitLines(t, 2)
	if err := first.Close(); err != nil {
		t.Fatal(err)
	}
	waitUntil(t, "connection released", func() bool { return srv.Stats().Connections == 0 })
	third := dial(t, "tcp", srv.TCPAddr())
	write(t, third, "<13>third\n")
	sink.waitLines(t, 3)
}

func TestIdleTimeout(t *testing.T) {
	t.Parallel()
	srv := startServer(t, Config{TCPAddr: "127.0.0.1:0", IdleTimeout: 50 * time.Millisecond}, &recordingSink{})
	c := dial(t, "tcp", srv.TCPAddr())
	waitClosedByServer(t, c)
	waitUntil(t, "connection released", func() bool { return srv.Stats().Connections == 0 })
}

func TestUDPQueueFullDrops(t *testing.T) {
	t.Parallel()
	sink := newGatedSink()
	srv := startServer(t, Config{UDPAddr: "127.0.0.1:0", QueueSize: 1}, sink)
	c := dial(t, "udp", srv.UDPAddr())

	write(t, c, "<13>one") // taken by the sink, which stalls on it
	<-sink.waiting
	write(t, c, "<13>two") // fills the queue
	waitUntil(t, "queue full", func() bool { return srv.Stats().QueueLen == 1 })
	write(t, c, "<13>three") // finds it full
	waitUntil(t, "queue_full drop counted", func() bool { return srv.Stats().Dropped[DropQueueFull] == 1 })

	close(sink.gate)
	sink.waitLines(t, 2)
	if got, want := sink.texts(), []string{"<13>one", "<13>two"}; !slices.Equal(got, want) {
		t.Errorf("got %q, want %q", got, want)
	}
	st := srv.Stats()
	if st.Sources[0].Received != 2 || st.Sources[0].Dropped[DropQueueFull] != 1 {
		t.Errorf("source stats %+v", st.Sources[0])
	}
}

// TestUDPQueueByteLimitDrops checks that datagrams are dropped as
// queue_full once the queued text reaches Config.QueueBytes, with room
// left in lines, and that a line finding the queue empty is always taken.
func TestUDPQueueByteLimitDrops(t *testing.T) {
	t.Parallel()
	sink := newGatedSink()
	srv := startServer(t, Config{UDPAddr: "127.0.0.1:0", QueueSize: 100, QueueBytes: 150}, sink)
	c := dial(t, "udp", srv.UDPAddr())
	long := func(tag string) string { return "<13>" + tag + strings.Repeat("x", 100-4-len(tag)) }

	write(t, c, long("one")) // taken by the sink, which stalls on it
	<-sink.waiting
	write(t, c, long("two")) // over the limit alone, but the queue is empty
	waitUntil(t, "queued", func() bool { return srv.Stats().QueueLen == 1 })
	write(t, c, long("three")) // 200 bytes would be queued: dropped
	waitUntil(t, "queue_full drop counted", func() bool { return srv.Stats().Dropped[DropQueueFull] == 1 })
	if st := srv.Stats(); st.QueueBytes != 100 {
		t.Errorf("queue holds %d bytes, want 100", st.QueueBytes)
	}

	close(sink.gate)
	sink.waitLines(t, 2)
	if got, want := sink.texts(), []string{long("one"), long("two")}; !slices.Equal(got, want) {
		t.Errorf("got %.10q, want %.10q", got, want)
	}
	write(t, c, long("four")) // room again
	sink.waitLines(t, 3)
}

// kernelTCPBuffers estimates how many bytes the kernel may buffer on one
// loopback TCP connection (both ends' maximum socket buffers).
func kernelTCPBuffers() int {
	total := 0
	for _, f := range []string{"/proc/sys/net/ipv4/tcp_rmem", "/proc/sys/net/ipv4/tcp_wmem"} {
		b, err := os.ReadFile(f)
		fields := strings.Fields(string(b))
		var n int
		if err != nil || len(fields) != 3 {
			return 32 << 20
		}
		if _, err := fmt.Sscan(fields[2], &n); err != nil {
			return 32 << 20
		}
		total += n
	}
	return total
}

// TestTCPBackPressure stalls the consumer and checks that a TCP sender
// is made to wait, not dropped, when the queue is full in lines and when
// it is full in bytes, and that every line then arrives in order.
func TestTCPBackPressure(t *testing.T) {
	t.Parallel()
	const lineLen = 1000
	for _, tc := range []struct {
		name      string
		cfg       Config
		wantBytes int64 // the queue's 4 lines, and a fifth waiting for a slot
	}{
		{"queue full in lines", Config{QueueSize: 4}, 5 * (lineLen - 1)},
		{"queue full in bytes", Config{QueueSize: 1000, QueueBytes: 4*lineLen + 500}, 4 * (lineLen - 1)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			sink := newGatedSink()
			cfg := tc.cfg
			cfg.TCPAddr = "127.0.0.1:0"
			srv := startServer(t, cfg, sink)
			c := dial(t, "tcp", srv.TCPAddr())

			// More than the kernel can hold in both sockets' buffers, so the
			// writer must block while the consumer is stalled.
			n := (kernelTCPBuffers() + 8<<20) / lineLen
			wrote := make(chan error, 1)
			go func() {
				var buf []byte
				for i := range n {
					buf = fmt.Appendf(buf, "<13>%0*d\n", lineLen-5, i)
					if len(buf) >= 64<<10 || i == n-1 {
						if _, err := c.Write(buf); err != nil {
							wrote <- err
							return
						}
						buf = buf[:0]
					}
				}
				wrote <- nil
			}()

			<-sink.waiting
			waitUntil(t, "queue full", func() bool { return srv.Stats().QueueLen == 4 })
			select {
			case err := <-wrote:
				t.Fatalf("writer finished (%v) while the consumer was stalled", err)
			case <-time.After(100 * time.Millisecond):
			}
			if st := srv.Stats(); st.QueueLen != 4 || st.QueueBytes != tc.wantBytes {
				t.Errorf("stalled queue holds %d lines, %d bytes; want 4 lines, %d bytes", st.QueueLen, st.QueueBytes, tc.wantBytes)
			}

			close(sink.gate)
			if err := <-wrote; err != nil {
				t.Fatal(err)
			}
			lines := sink.waitLines(t, n)
			for i, l := range lines {
				if want := fmt.Sprintf("<13>%0*d", lineLen-5, i); l.Text != want {
					t.Fatalf("line %d is %.20q…, want %.20q…", i, l.Text, want)
				}
			}
			if d := srv.Stats().Dropped; d != nil {
				t.Errorf("dropped %v", d)
			}
			waitUntil(t, "queue empty", func() bool { return srv.Stats().QueueBytes == 0 })
		})
	}
}

func TestCloseLosesNoTCPLine(t *testing.T) {
	t.Parallel()
	for _, senderCloses := range []bool{true, false} {
		t.Run(fmt.Sprintf("sender closes=%v", senderCloses), func(t *testing.T) {
			t.Parallel()
			archive, err := OpenArchive(t.TempDir(), time.UTC)
			if err != nil {
				t.Fatal(err)
			}
			defer archive.Close()
			sink := &recordingSink{}
			// A small queue keeps the connection waiting on the consumer
			// while Close drains it.
			srv, err := Listen(Config{TCPAddr: "127.0.0.1:0", QueueSize: 16, Archive: archive}, sink)
			if err != nil {
				t.Fatal(err)
			}
			c := dial(t, "tcp", srv.TCPAddr())
			const n = 20000
			var buf []byte
			for i := range n {
				buf = fmt.Appendf(buf, "<13>line %d\n", i)
			}
			write(t, c, string(buf))
			if senderCloses {
				_ = c.Close()
			}

			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			if err := srv.Close(ctx); err != nil {
				t.Fatal(err)
			}
			got := sink.snapshot()
			if len(got) != n {
				t.Fatalf("%d lines delivered, want %d", len(got), n)
			}
			for i, l := range got {
				if want := fmt.Sprintf("<13>line %d", i); l.Text != want {
					t.Fatalf("line %d is %q, want %q", i, l.Text, want)
				}
			}
			if st := archive.Stats(); st.Written != n {
				t.Errorf("archive holds %d lines after Close, want %d (%+v)", st.Written, n, st)
			}
		})
	}
}

func TestCloseGivesUpAtDeadline(t *testing.T) {
	t.Parallel()
	sink := newGatedSink()
	defer close(sink.gate)
	srv, err := Listen(Config{TCPAddr: "127.0.0.1:0", QueueSize: 1}, sink)
	if err != nil {
		t.Fatal(err)
	}
	c := dial(t, "tcp", srv.TCPAddr())
	write(t, c, "<13>one\n<13>two\n<13>three\n")
	<-sink.waiting
	waitUntil(t, "a line waiting for the queue", func() bool { return srv.Stats().QueueLen == 1 })

	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	if err := srv.Close(ctx); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Close returned %v, want the deadline", err)
	}
	waitUntil(t, "abandoned line counted", func() bool { return srv.Stats().Dropped[DropShutdown] == 1 })
}

func TestListenRejects(t *testing.T) {
	t.Parallel()
	sources := func(s ...SourceConfig) []SourceConfig { return s }
	lan := []netip.Prefix{netip.MustParsePrefix("192.168.0.0/16")}
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no address", Config{}},
		{"TLS without certificate", Config{TLSAddr: "127.0.0.1:0"}},
		{"TLS with missing files", Config{TLSAddr: "127.0.0.1:0", TLSCertFile: "/nonexistent/c", TLSKeyFile: "/nonexistent/k"}},
		{"negative queue", Config{UDPAddr: "127.0.0.1:0", QueueSize: -1}},
		{"negative queue bytes", Config{UDPAddr: "127.0.0.1:0", QueueBytes: -1}},
		{"negative idle timeout", Config{TCPAddr: "127.0.0.1:0", IdleTimeout: -time.Second}},
		{"huge message size", Config{TCPAddr: "127.0.0.1:0", MaxMessageSize: 1 << 30}},
		{"unnamed source", Config{UDPAddr: "127.0.0.1:0", Sources: sources(SourceConfig{AllowedSenders: lan})}},
		{"duplicate source", Config{UDPAddr: "127.0.0.1:0", Sources: sources(SourceConfig{Name: "a", AllowedSenders: lan}, SourceConfig{Name: "a", AllowedSenders: lan})}},
		{"source without senders", Config{UDPAddr: "127.0.0.1:0", Sources: sources(SourceConfig{Name: "a"})}},
		{"bad address", Config{UDPAddr: "127.0.0.1:notaport"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			if s, err := Listen(tt.cfg, &recordingSink{}); err == nil {
				_ = s.Close(context.Background())
				t.Fatal("Listen accepted the configuration")
			}
		})
	}
	if _, err := Listen(Config{UDPAddr: "127.0.0.1:0"}, nil); err == nil {
		t.Error("Listen accepted a nil sink")
	}
}

func TestKernelDropsAcrossWrap(t *testing.T) {
	t.Parallel()
	var k kernelDrops
	for _, step := range []struct {
		total uint32
		want  int64
	}{{3, 3}, {3, 0}, {0xffff_fff0, 0xffff_fff0 - 3}, {5, 21}} {
		if got := k.since(step.total); got != step.want {
			t.Errorf("since(%#x) = %d, want %d", step.total, got, step.want)
		}
	}
}
