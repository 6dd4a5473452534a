package main

import (
	"bufio"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/ingest"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// sourcesRSSLimitMiB is the most memory `kizuki serve` may hold (its peak
// resident set, VmHWM) while a million distinct addresses pass through it.
const sourcesRSSLimitMiB = 200

// sourcesPlanFromEnv is how many lines, each from an address of its own,
// TestSoakMillionSources sends: a million under `make soak` (KIZUKI_SOAK=1;
// SOAK_SOURCES changes it), a few thousand for `make test`.
func sourcesPlanFromEnv(t *testing.T) int {
	if os.Getenv("KIZUKI_SOAK") == "" {
		return 5000
	}
	n := 1_000_000
	if s := os.Getenv("SOAK_SOURCES"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil || n <= 0 {
			t.Fatalf("SOAK_SOURCES=%q: want a count > 0", s)
		}
	}
	return n
}

// sourceIP is the internet address of line seq: 20.0.0.0 onwards, one
// address per line for up to 16 million lines.
func sourceIP(b []byte, seq int) []byte {
	a := 20<<24 + seq
	return fmt.Appendf(b, "%d.%d.%d.%d", a>>24&0xff, a>>16&0xff, a>>8&0xff, a&0xff)
}

// sourcesLine is line seq of the million-source run: an inbound deny (kept
// in full) from an address no other line has, or, every fourth, allowed
// inbound traffic from one (folded into an hourly aggregate of its own).
// It carries the soak marker "soak tcp SEQ".
func sourcesLine(b []byte, seq int, now time.Time) []byte {
	b = fmt.Appendf(b, `<189>%s devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=`,
		now.In(tokyo).Format("date=2006-01-02 time=15:04:05"))
	b = sourceIP(b, seq)
	if seq%4 == 3 {
		return fmt.Appendf(b, ` srcport=50000 srcintf="wan1" dstip=192.168.1.20 dstport=443 dstintf="dmz" proto=6 action="accept" policyid=7 sentbyte=800 rcvdbyte=3100 msg="soak tcp %d"`, seq)
	}
	return fmt.Appendf(b, ` srcport=40000 srcintf="wan1" dstip=192.168.1.10 dstport=3389 dstintf="internal" proto=6 action="deny" policyid=0 msg="soak tcp %d"`, seq)
}

// memSample is serve's memory at one moment, from /proc/PID/status.
type memSample struct {
	rssKB, hwmKB int64
}

// statusRead is one `kizuki status --json` run during the load.
type statusRead struct {
	took     time.Duration
	received int64
	err      error
}

// TestSoakMillionSources sends lines from a million distinct internet
// addresses (KIZUKI_SOAK=1; a few thousand otherwise) over TCP, as fast
// as the real `kizuki serve` takes them (back-pressure, nothing dropped),
// and checks that its memory stays bounded — the detector's per-subject
// state, the store's hourly aggregates and the listener's per-source
// counters do not grow with the number of addresses — that `kizuki
// status` answers throughout, and that every line is archived once and
// stored (in full or in an aggregate) with its own address.
func TestSoakMillionSources(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary under load")
	}
	n := sourcesPlanFromEnv(t)
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "kizuki.db")
	cmd, addrs, exited, out := startServe(t, bin, db)
	pid := cmd.Process.Pid

	// Memory every 250 ms until the senders are done.
	stop := make(chan struct{})
	var samplers sync.WaitGroup
	var mem []memSample
	samplers.Go(every(stop, 250*time.Millisecond, func() {
		mem = append(mem, memSample{procStatusKB(pid, "VmRSS"), procStatusKB(pid, "VmHWM")})
	}))
	// `kizuki status` every second, as the tray app or an owner would.
	var reads []statusRead
	samplers.Go(every(stop, time.Second, func() {
		reads = append(reads, readStatus(bin, db))
	}))

	start := time.Now()
	conn, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)
	w := bufio.NewWriterSize(conn, 64<<10)
	var line []byte
	for seq := range n {
		line = sourcesLine(line[:0], seq, time.Now())
		if _, err := fmt.Fprintf(w, "%d ", len(line)); err != nil {
			t.Fatalf("sending line %d: %v", seq, err)
		}
		if _, err := w.Write(line); err != nil {
			t.Fatalf("sending line %d: %v", seq, err)
		}
	}
	must(t, w.Flush())
	must(t, conn.Close())
	sent := time.Since(start)
	// Wait until serve has stored every line (its health counts them),
	// still reading status as the owner would.
	deadline := time.Now().Add(5 * time.Minute)
	for {
		r := readStatus(bin, db)
		if r.err == nil && r.received >= int64(n) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("serve has %d of %d lines 5 minutes after the sender stopped (%v)", r.received, n, r.err)
		}
		time.Sleep(250 * time.Millisecond)
	}
	took := time.Since(start)
	close(stop)
	samplers.Wait()
	mem = append(mem, memSample{procStatusKB(pid, "VmRSS"), procStatusKB(pid, "VmHWM")})
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("serve did not exit cleanly: %v\n%s", err, out.String())
		}
	case <-time.After(time.Minute):
		t.Fatal("serve still running a minute after SIGTERM")
	}
	// Only /proc's VmHWM counts as serve's peak: the rusage ru_maxrss of
	// a child started by Go's fork (CLONE_VM) and exec carries the parent's
	// high-water mark over the exec, i.e. this test binary's own RSS.
	var cpu time.Duration
	if u, ok := cmd.ProcessState.SysUsage().(*syscall.Rusage); ok {
		cpu = time.Duration(u.Utime.Nano() + u.Stime.Nano())
	}

	var peakHWM int64
	rss := make([]int64, 0, len(mem))
	for _, m := range mem {
		peakHWM = max(peakHWM, m.hwmKB)
		rss = append(rss, m.rssKB)
	}
	slices.Sort(rss)
	var slowest time.Duration
	for _, r := range reads {
		slowest = max(slowest, r.took)
	}
	t.Logf("%d lines from %d distinct addresses over one TCP connection: sent in %v, all stored after %v (%.0f lines/s)",
		n, n, sent.Round(time.Millisecond), took.Round(time.Millisecond), float64(n)/took.Seconds())
	t.Logf("serve: peak RSS (VmHWM) %.1f MiB, median VmRSS %.1f MiB over %d samples every 250 ms; CPU %v (user+system, %.1f µs a line)",
		float64(peakHWM)/1024, float64(rss[len(rss)/2])/1024, len(mem), cpu.Round(time.Millisecond),
		float64(cpu.Microseconds())/float64(n))
	t.Logf("status: %d reads during the load, slowest %v", len(reads), slowest.Round(time.Millisecond))

	if peakHWM > sourcesRSSLimitMiB<<10 {
		t.Errorf("serve's peak RSS %.1f MiB is over %d MiB", float64(peakHWM)/1024, sourcesRSSLimitMiB)
	}
	if len(reads) == 0 {
		t.Error("no status read during the load")
	}
	var last int64
	for i, r := range reads {
		if r.err != nil {
			t.Errorf("status read %d: %v", i, r.err)
			continue
		}
		if r.took > 10*time.Second {
			t.Errorf("status read %d took %v", i, r.took)
		}
		if r.received < last {
			t.Errorf("status read %d: received went back from %d to %d", i, last, r.received)
		}
		last = r.received
	}

	acc := readSoakAccounting(t, db, filepath.Join(dir, "data", ingest.ArchiveDirName), 0, n)
	if acc.archivedTCP != n || acc.duplicates > 0 || acc.foreign > 0 {
		t.Errorf("archive: %d of %d lines, %d duplicates, %d unknown", acc.archivedTCP, n, acc.duplicates, acc.foreign)
	}
	if acc.received != int64(n) || acc.full+acc.aggregated != int64(n) || acc.dropTotal() != 0 {
		t.Errorf("%d sent, %d received, %d stored (%d full + %d aggregated), dropped %v: all must be %d and nothing dropped",
			n, acc.received, acc.full+acc.aggregated, acc.full, acc.aggregated, acc.drops, n)
	}
	raw, err := sql.Open("sqlite", db)
	must(t, err)
	defer raw.Close()
	var distinct int64
	must(t, raw.QueryRow(`SELECT count(*) FROM (SELECT src_ip FROM events UNION SELECT src_ip FROM traffic_hourly)`).Scan(&distinct))
	if distinct != int64(n) {
		t.Errorf("the database holds %d distinct source addresses, want %d", distinct, n)
	}
}

// every returns a loop that calls f every d until stop is closed: a
// sampler to run beside a load.
func every(stop <-chan struct{}, d time.Duration, f func()) func() {
	return func() {
		tick := time.NewTicker(d)
		defer tick.Stop()
		for {
			select {
			case <-stop:
				return
			case <-tick.C:
				f()
			}
		}
	}
}

// readStatus runs `kizuki status --json` against db and sums what the
// sources received.
func readStatus(bin, db string) statusRead {
	start := time.Now()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	b, err := exec.CommandContext(ctx, bin, "status", "--json", "--db", db, "--lang", "en").Output()
	r := statusRead{took: time.Since(start)}
	if err != nil {
		r.err = fmt.Errorf("kizuki status: %w", err)
		return r
	}
	var s status.Status
	if err := json.Unmarshal(b, &s); err != nil {
		r.err = fmt.Errorf("kizuki status: %w: %s", err, b)
		return r
	}
	for _, src := range s.Sources {
		r.received += src.Received
	}
	return r
}
