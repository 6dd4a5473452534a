package main

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// soakPlan is one load test: how long, how fast over each transport, and
// what share of the lines are denies from distinct internet addresses
// (stored in full) rather than allowed office traffic (aggregated).
type soakPlan struct {
	duration         time.Duration
	udpRate, tcpRate int
	denyEvery        int
}

// soakPlanFromEnv is the plan `make soak` sets through KIZUKI_SOAK=1
// (60 s, 50,000 UDP and 10,000 TCP messages a second, overridable with
// SOAK_SECONDS, SOAK_UDP_RATE, SOAK_TCP_RATE), or a two-second version of
// the same accounting for `make test`.
func soakPlanFromEnv(t *testing.T) soakPlan {
	p := soakPlan{duration: 2 * time.Second, udpRate: 5000, tcpRate: 1000, denyEvery: 5}
	if os.Getenv("KIZUKI_SOAK") == "" {
		return p
	}
	p.duration, p.udpRate, p.tcpRate = 60*time.Second, 50_000, 10_000
	for _, v := range []struct {
		name string
		dst  *int
	}{{"SOAK_UDP_RATE", &p.udpRate}, {"SOAK_TCP_RATE", &p.tcpRate}} {
		if s := os.Getenv(v.name); s != "" {
			n, err := strconv.Atoi(s)
			if err != nil || n < 0 {
				t.Fatalf("%s=%q: want a rate ≥ 0", v.name, s)
			}
			*v.dst = n
		}
	}
	if s := os.Getenv("SOAK_SECONDS"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 {
			t.Fatalf("SOAK_SECONDS=%q: want seconds > 0", s)
		}
		p.duration = time.Duration(n) * time.Second
	}
	return p
}

// soakLine is message seq of a transport: allowed traffic from one of 200
// office PCs, or (every denyEvery-th) an inbound deny from an internet
// address of its own, so a 60 s run brings over a million distinct
// sources. Its marker "soak PROTO SEQ" lets the archive be checked line by
// line.
func soakLine(b []byte, proto string, seq, denyEvery int, now time.Time) []byte {
	ts := now.In(tokyo).Format("date=2006-01-02 time=15:04:05")
	if seq%denyEvery == 0 {
		return fmt.Appendf(b, `<189>%s devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=%d.%d.%d.%d srcport=40000 srcintf="wan1" dstip=192.168.1.10 dstport=3389 dstintf="internal" proto=6 action="deny" policyid=0 msg="soak %s %d"`,
			ts, 1+seq>>24&0x7f, seq>>16&0xff, seq>>8&0xff, seq&0xff, proto, seq)
	}
	return fmt.Appendf(b, `<189>%s devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.168.1.%d srcport=50000 srcintf="internal" dstip=203.0.113.%d dstport=443 dstintf="wan1" proto=6 action="accept" policyid=1 sentbyte=1200 rcvdbyte=5400 msg="soak %s %d"`,
		ts, 10+seq%200, seq%250, proto, seq)
}

var tokyo = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		return time.FixedZone("JST", 9*3600)
	}
	return loc
}()

// pace calls send for message 0, 1, … at rate a second until d has passed,
// in small bursts each millisecond, and returns how many it sent. It falls
// behind rather than sending faster when send blocks (TCP back-pressure).
func pace(rate int, d time.Duration, send func(seq int) error) (int, error) {
	if rate == 0 {
		return 0, nil
	}
	start := time.Now()
	sent := 0
	for {
		elapsed := time.Since(start)
		if elapsed >= d {
			return sent, nil
		}
		due := int(float64(rate) * elapsed.Seconds())
		for ; sent < due; sent++ {
			if err := send(sent); err != nil {
				return sent, err
			}
		}
		time.Sleep(time.Millisecond)
	}
}

// soakResult is what a soak run measured.
type soakResult struct {
	udpSent, tcpSent       int
	udpElapsed, tcpElapsed time.Duration
	drain                  time.Duration // from the senders' end to serve's exit
	rssPeakKB              int64
	cpu                    time.Duration
	rcvbuf                 string
}

// TestSoak runs the real `kizuki serve` (nogui build) against UDP and TCP
// load on loopback at once, stops it with SIGTERM and checks the promise
// of ingest: every message sent is in the archive exactly once and in the
// database (in full or in an hourly aggregate), or counted as dropped with
// a reason, kernel drops included; nothing sent over TCP is dropped.
func TestSoak(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary under load")
	}
	plan := soakPlanFromEnv(t)
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "kizuki.db")
	cmd, addrs, exited, out := startServe(t, bin, db)
	var res soakResult
	res.rcvbuf = readRcvbuf(t, cmd.Process.Pid)

	udp, err := net.Dial("udp", addrs["udp"])
	must(t, err)
	defer udp.Close()
	tcp, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)

	var wg sync.WaitGroup
	var udpErr, tcpErr error
	wg.Go(func() {
		start := time.Now()
		var b []byte
		res.udpSent, udpErr = pace(plan.udpRate, plan.duration, func(seq int) error {
			b = soakLine(b[:0], "udp", seq, plan.denyEvery, time.Now())
			_, err := udp.Write(b)
			return err
		})
		res.udpElapsed = time.Since(start)
	})
	wg.Go(func() {
		start := time.Now()
		var b, frame []byte
		res.tcpSent, tcpErr = pace(plan.tcpRate, plan.duration, func(seq int) error {
			b = soakLine(b[:0], "tcp", seq, plan.denyEvery, time.Now())
			frame = append(strconv.AppendInt(frame[:0], int64(len(b)), 10), ' ')
			_, err := tcp.Write(append(frame, b...))
			return err
		})
		must(t, tcp.Close())
		res.tcpElapsed = time.Since(start)
	})
	// Sample the collector's memory while the load runs.
	stopRSS := make(chan struct{})
	var sampler sync.WaitGroup
	sampler.Go(every(stopRSS, 250*time.Millisecond, func() {
		res.rssPeakKB = max(res.rssPeakKB, procStatusKB(cmd.Process.Pid, "VmHWM"))
	}))
	wg.Wait()
	if udpErr != nil || tcpErr != nil {
		t.Fatalf("sending: udp %v, tcp %v", udpErr, tcpErr)
	}
	sendersDone := time.Now()
	// Give the listener a moment to take what the kernel holds before
	// SIGTERM, as an operator's stop would come long after the last line.
	time.Sleep(200 * time.Millisecond)
	close(stopRSS)
	sampler.Wait()
	res.rssPeakKB = max(res.rssPeakKB, procStatusKB(cmd.Process.Pid, "VmHWM"))
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("serve did not exit cleanly: %v\n%s", err, out.String())
		}
	case <-time.After(5 * time.Minute):
		t.Fatal("serve still running 5 minutes after SIGTERM")
	}
	res.drain = time.Since(sendersDone)
	// The peak is /proc's VmHWM only: ru_maxrss of a child Go forked
	// (CLONE_VM) carries this test binary's RSS over the exec.
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		res.cpu = time.Duration(u.Utime.Nano() + u.Stime.Nano())
	}

	acc := readSoakAccounting(t, db, filepath.Join(dir, "data", ingest.ArchiveDirName), res.udpSent, res.tcpSent)
	t.Logf("plan: %v, UDP %d/s, TCP %d/s; UDP receive buffer %s", plan.duration, plan.udpRate, plan.tcpRate, res.rcvbuf)
	t.Logf("sent: UDP %d in %v (%.0f/s), TCP %d in %v (%.0f/s)", res.udpSent, res.udpElapsed.Round(time.Millisecond),
		float64(res.udpSent)/res.udpElapsed.Seconds(), res.tcpSent, res.tcpElapsed.Round(time.Millisecond),
		float64(res.tcpSent)/res.tcpElapsed.Seconds())
	t.Logf("archived: UDP %d, TCP %d; received %d; stored %d in full + %d aggregated; dropped %v",
		acc.archivedUDP, acc.archivedTCP, acc.received, acc.full, acc.aggregated, acc.drops)
	t.Logf("UDP loss %.3f%%; serve: peak RSS %d MiB, CPU %v, drain after the senders stopped %v",
		100*float64(acc.dropTotal())/float64(max(res.udpSent, 1)), res.rssPeakKB/1024, res.cpu.Round(time.Millisecond),
		res.drain.Round(time.Millisecond))

	if acc.duplicates > 0 || acc.foreign > 0 {
		t.Errorf("archive holds %d duplicate and %d unknown lines", acc.duplicates, acc.foreign)
	}
	if acc.archivedTCP != res.tcpSent {
		t.Errorf("TCP: %d sent, %d archived: over TCP nothing may be lost", res.tcpSent, acc.archivedTCP)
	}
	if got := int64(acc.archivedUDP) + acc.dropTotal(); got != int64(res.udpSent) {
		t.Errorf("UDP: %d sent, but %d archived + %d counted as dropped = %d", res.udpSent, acc.archivedUDP, acc.dropTotal(), got)
	}
	if archived := int64(acc.archivedUDP + acc.archivedTCP); acc.received != archived || acc.full+acc.aggregated != archived {
		t.Errorf("%d archived, %d received, %d stored (%d full + %d aggregated): all three must agree",
			archived, acc.received, acc.full+acc.aggregated, acc.full, acc.aggregated)
	}
	for reason := range acc.drops {
		if reason != ingest.DropKernel && reason != ingest.DropQueueFull {
			t.Errorf("dropped for %s: the soak load has no reason to be", reason)
		}
	}
}

// soakAccounting is what the archive and the database say after a run.
type soakAccounting struct {
	archivedUDP, archivedTCP int
	duplicates, foreign      int
	received, full           int64
	aggregated               int64
	drops                    map[string]int64
}

func (a soakAccounting) dropTotal() int64 {
	var n int64
	for _, d := range a.drops {
		n += d
	}
	return n
}

func readSoakAccounting(t *testing.T, db, archiveDir string, udpSent, tcpSent int) soakAccounting {
	t.Helper()
	acc := soakAccounting{drops: map[string]int64{}}
	seen := map[string][]bool{"udp": make([]bool, udpSent), "tcp": make([]bool, tcpSent)}
	files, err := filepath.Glob(filepath.Join(archiveDir, "*.log.gz"))
	must(t, err)
	if len(files) == 0 {
		t.Fatal("no archive file")
	}
	torn := readArchive(t, archiveDir, "*.log.gz", func(_ string, l monitor.Line) {
		proto, seq, ok := soakMarker(l.Text)
		if !ok || seq >= len(seen[proto]) {
			acc.foreign++
			return
		}
		if seen[proto][seq] {
			acc.duplicates++
			return
		}
		seen[proto][seq] = true
		if proto == "udp" {
			acc.archivedUDP++
		} else {
			acc.archivedTCP++
		}
	})
	if torn {
		t.Errorf("%s: torn after a clean stop", archiveDir)
	}

	ctx := context.Background()
	s, err := store.Open(ctx, db)
	must(t, err)
	defer s.Close()
	srcs, err := s.Sources(ctx)
	must(t, err)
	for _, src := range srcs {
		acc.received += src.Received
		for reason, n := range src.Dropped {
			acc.drops[reason] += n
		}
	}
	collector, err := s.CollectorDrops(ctx)
	must(t, err)
	for reason, n := range collector {
		acc.drops[reason] += n
	}
	raw, err := sql.Open("sqlite", db)
	must(t, err)
	defer raw.Close()
	must(t, raw.QueryRow(`SELECT count(*) FROM events`).Scan(&acc.full))
	must(t, raw.QueryRow(`SELECT coalesce(sum(count), 0) FROM traffic_hourly`).Scan(&acc.aggregated))
	return acc
}

// soakMarker finds "soak PROTO SEQ" in a line.
func soakMarker(text string) (string, int, bool) {
	_, rest, ok := strings.Cut(text, `msg="soak `)
	if !ok {
		return "", 0, false
	}
	proto, num, ok := strings.Cut(strings.TrimSuffix(rest, `"`), " ")
	if !ok || (proto != "udp" && proto != "tcp") {
		return "", 0, false
	}
	seq, err := strconv.Atoi(num)
	return proto, seq, err == nil && seq >= 0
}

// procStatusKB reads a "Vm…: N kB" field of /proc/PID/status; 0 when unknown.
func procStatusKB(pid int, field string) int64 {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0
	}
	for line := range bytes.Lines(b) {
		if v, ok := bytes.CutPrefix(line, []byte(field+":")); ok {
			n, _ := strconv.ParseInt(string(bytes.TrimSpace(bytes.TrimSuffix(bytes.TrimSpace(v), []byte("kB")))), 10, 64)
			return n
		}
	}
	return 0
}

// readRcvbuf reports the kernel's net.core.rmem_max for the log.
func readRcvbuf(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile("/proc/sys/net/core/rmem_max")
	if err != nil {
		return "unknown"
	}
	return fmt.Sprintf("asked 8 MiB (rmem_max %s, process %d)", strings.TrimSpace(string(b)), pid)
}
