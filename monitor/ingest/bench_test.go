package ingest

import (
	"context"
	"fmt"
	"net"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// benchLines returns n distinct FortiGate-like traffic lines, about the
// length real ones have, so the compressor sees realistic variety.
func benchLines(n int) []string {
	lines := make([]string, n)
	for i := range lines {
		lines[i] = fmt.Sprintf(`<189>date=2025-03-01 time=09:%02d:%02d devname="FGT60F" devid="FGT60FTK2209%04d" eventtime=17408%08d tz="+0900" logid="0000000013" type="traffic" subtype="forward" level="notice" vd="root" srcip=192.168.1.%d srcport=%d srcintf="internal" dstip=203.0.113.%d dstport=443 dstintf="wan1" sessionid=%d proto=6 action="close" policyid=1 service="HTTPS" duration=%d sentbyte=%d rcvdbyte=%d`,
			i/60%60, i%60, i%10000, i, i%250+2, 40000+i%20000, i*7%250+1, 1000000+i, i%300, i*131%100000, i*977%1000000)
	}
	return lines
}

func BenchmarkArchiveWrite(b *testing.B) {
	texts := benchLines(4096)
	var size int
	for _, t := range texts {
		size += len(t)
	}
	a, err := OpenArchive(b.TempDir(), jst)
	if err != nil {
		b.Fatal(err)
	}
	start := time.Date(2025, 3, 1, 9, 0, 0, 0, jst)
	b.SetBytes(int64(size / len(texts)))
	b.ResetTimer()
	for i := range b.N {
		l := monitor.Line{Received: start.Add(time.Duration(i) * time.Microsecond), Source: "utm", Sender: "192.168.1.1", Text: texts[i%len(texts)]}
		if err := a.Write(l); err != nil {
			b.Fatal(err)
		}
	}
	if err := a.Close(); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}

// countingSink counts lines and signals when a line it waits for arrives.
type countingSink struct {
	n      atomic.Int64
	target int64
	done   chan struct{}
	// marker, when set, ends the wait on the first line holding it.
	marker string
}

func newCountingSink(target int64) *countingSink {
	return &countingSink{target: target, done: make(chan struct{})}
}

func (c *countingSink) Deliver(l monitor.Line) {
	if c.marker != "" && strings.Contains(l.Text, c.marker) {
		select {
		case <-c.done:
		default:
			close(c.done)
		}
		return
	}
	if c.n.Add(1) == c.target && c.marker == "" {
		close(c.done)
	}
}

func BenchmarkTCPIngest(b *testing.B) {
	texts := benchLines(4096)
	var payload []byte
	for _, t := range texts {
		payload = append(append(payload, t...), '\n')
	}
	for _, withArchive := range []bool{false, true} {
		b.Run(fmt.Sprintf("archive=%v", withArchive), func(b *testing.B) {
			cfg := Config{TCPAddr: "127.0.0.1:0"}
			if withArchive {
				a, err := OpenArchive(b.TempDir(), jst)
				if err != nil {
					b.Fatal(err)
				}
				defer a.Close()
				cfg.Archive = a
			}
			sink := newCountingSink(int64(b.N))
			srv, err := Listen(cfg, sink)
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close(context.Background())
			c, err := net.Dial("tcp", srv.TCPAddr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			b.SetBytes(int64(len(payload) / len(texts)))
			b.ResetTimer()
			for sent := 0; sent < b.N; {
				n := min(b.N-sent, len(texts))
				end := len(payload)
				if n < len(texts) {
					end = nthLineEnd(payload, n)
				}
				if _, err := c.Write(payload[:end]); err != nil {
					b.Fatal(err)
				}
				sent += n
			}
			<-sink.done
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
		})
	}
}

// nthLineEnd returns the offset just past the n-th newline of p.
func nthLineEnd(p []byte, n int) int {
	for i, c := range p {
		if c == '\n' {
			if n--; n == 0 {
				return i + 1
			}
		}
	}
	return len(p)
}

func BenchmarkUDPIngest(b *testing.B) {
	texts := benchLines(4096)
	for _, rate := range []int{0, 50000} {
		name := "unpaced"
		if rate > 0 {
			name = fmt.Sprintf("paced=%d/s", rate)
		}
		b.Run(name, func(b *testing.B) {
			sink := newCountingSink(int64(b.N))
			sink.marker = "kizuki-bench-sentinel"
			srv, err := Listen(Config{UDPAddr: "127.0.0.1:0"}, sink)
			if err != nil {
				b.Fatal(err)
			}
			defer srv.Close(context.Background())
			c, err := net.Dial("udp", srv.UDPAddr().String())
			if err != nil {
				b.Fatal(err)
			}
			defer c.Close()
			b.ResetTimer()
			start := time.Now()
			for i := range b.N {
				if rate > 0 && i%100 == 0 {
					time.Sleep(time.Until(start.Add(time.Duration(i) * time.Second / time.Duration(rate))))
				}
				if _, err := c.Write([]byte(texts[i%len(texts)])); err != nil {
					b.Fatal(err)
				}
			}
			// The socket, the queue and the sink keep order, so once a
			// sentinel is delivered every datagram before it was either
			// delivered or dropped.
			for delivered := false; !delivered; {
				if _, err := c.Write([]byte(sink.marker)); err != nil {
					b.Fatal(err)
				}
				select {
				case <-sink.done:
					delivered = true
				case <-time.After(time.Millisecond):
				}
			}
			b.StopTimer()
			got := sink.n.Load()
			b.ReportMetric(float64(got)/b.Elapsed().Seconds(), "lines/s")
			b.ReportMetric(100*float64(int64(b.N)-got)/float64(b.N), "%dropped")
			st := srv.Stats()
			b.ReportMetric(float64(st.Dropped[DropKernel]), "kernel-drops")
			b.ReportMetric(float64(st.Dropped[DropQueueFull]), "queue-drops")
			b.ReportMetric(float64(st.UDPReadBuffer), "rcvbuf-bytes")
		})
	}
}
