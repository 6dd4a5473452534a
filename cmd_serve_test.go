package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// buildNoGUI builds the headless binary once per test run.
func buildNoGUI(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "kizuki-nogui")
	cmd := exec.Command("go", "build", "-tags", "nogui", "-o", bin, ".")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build nogui: %v\n%s", err, out)
	}
	return bin
}

var listenRE = regexp.MustCompile(`(udp|tcp) ([0-9a-f.:\[\]]+:[0-9]+)`)

// startServe runs `kizuki serve` on loopback ports and returns the
// process, its addresses and a channel with its exit.
func startServe(t *testing.T, bin, db string) (*exec.Cmd, map[string]string, <-chan error, *lockedBuffer) {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--db", db, "--lang", "en",
		"--syslog-udp", "127.0.0.1:0", "--syslog-tcp", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	must(t, err)
	// stderr and what stdout says after its first line share one buffer.
	var rest lockedBuffer
	cmd.Stderr = &rest
	must(t, cmd.Start())
	t.Cleanup(func() { cmd.Process.Kill() })
	br := bufio.NewReader(stdout)
	first, err := br.ReadString('\n')
	if err != nil {
		t.Fatalf("serve printed nothing: %v; stderr: %s", err, rest.String())
	}
	addrs := map[string]string{}
	for _, m := range listenRE.FindAllStringSubmatch(first, -1) {
		addrs[m[1]] = m[2]
	}
	if addrs["udp"] == "" || addrs["tcp"] == "" {
		t.Fatalf("no addresses in %q", first)
	}
	exited := make(chan error, 1)
	go func() {
		io.Copy(&rest, br)
		exited <- cmd.Wait()
	}()
	return cmd, addrs, exited, &rest
}

const (
	fgtDeny = `date=2026-11-23 time=09:00:%02d devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=203.0.113.%d srcport=40000 srcintf="wan1" srcintfrole="wan" dstip=192.168.1.10 dstport=3389 dstintf="internal" dstintfrole="lan" proto=6 action="deny" policyid=0`
	fgtFail = `date=2026-11-23 time=09:01:00 devname="FGT60F" logid="0101039426" type="event" subtype="vpn" level="alert" action="ssl-login-fail" remip=198.51.100.9 user="admin" msg="SSL user failed to logged in"`
)

func TestServeEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "kizuki.db")
	cmd, addrs, exited, out := startServe(t, bin, db)

	udp, err := net.Dial("udp", addrs["udp"])
	must(t, err)
	for i := range 20 {
		fmt.Fprintf(udp, "<134>"+fgtDeny, i, i+1)
	}
	udp.Close()
	tcp, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)
	fmt.Fprintf(tcp, fgtDeny+"\n", 30, 99)           // newline framing
	fmt.Fprintf(tcp, "%d %s", len(fgtFail), fgtFail) // octet counting needs its own connection…
	tcp.Close()
	tcp2, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)
	fmt.Fprintf(tcp2, "%d %s%d %s", len(fgtFail), fgtFail, len(fgtFail), fgtFail)
	tcp2.Close()

	// Wait until the collector has written what it got, then stop it.
	deadline := time.Now().Add(30 * time.Second)
	for {
		s, err := store.Open(context.Background(), db)
		must(t, err)
		srcs, err := s.Sources(context.Background())
		s.Close()
		must(t, err)
		if len(srcs) == 1 && srcs[0].Received >= 22 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("collector stored too little: %+v", srcs)
		}
		time.Sleep(100 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	select {
	case err := <-exited:
		if err != nil {
			t.Fatalf("serve did not exit cleanly on SIGTERM: %v\n%s", err, out.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve still running 30 s after SIGTERM")
	}

	s, err := store.Open(context.Background(), db)
	must(t, err)
	defer s.Close()
	srcs, err := s.Sources(context.Background())
	must(t, err)
	if len(srcs) != 1 || srcs[0].Name != "default" || srcs[0].LastSeen.IsZero() {
		t.Errorf("sources = %+v, want the default source seen", srcs)
	}
	n, err := s.CountEvents(context.Background())
	must(t, err)
	if n < 22 || int64(n) != srcs[0].Received {
		t.Errorf("%d events stored, %d lines received: every received line is stored", n, srcs[0].Received)
	}
	archives, _ := filepath.Glob(filepath.Join(dir, "data", "archive", "*.log.gz"))
	if len(archives) != 1 {
		t.Errorf("archive files %v, want one for today", archives)
	}
}

func TestServeRefusesUnlistedSenders(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildNoGUI(t)
	db := filepath.Join(t.TempDir(), "kizuki.db")
	s, err := store.Open(context.Background(), db)
	must(t, err)
	must(t, s.PutSource(context.Background(), monitor.Source{Name: "FGT60F", AllowedSenders: []string{"192.0.2.1"}}))
	must(t, s.Close())

	cmd, addrs, exited, out := startServe(t, bin, db)
	udp, err := net.Dial("udp", addrs["udp"])
	must(t, err)
	for i := range 5 {
		fmt.Fprintf(udp, fgtDeny, i, i)
	}
	udp.Close()
	deadline := time.Now().Add(30 * time.Second)
	for {
		s, err := store.Open(context.Background(), db)
		must(t, err)
		drops, err := s.CollectorDrops(context.Background())
		s.Close()
		must(t, err)
		if drops["sender_not_allowed"] == 5 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("refused datagrams not counted: %v", drops)
		}
		time.Sleep(100 * time.Millisecond)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	if err := <-exited; err != nil {
		t.Fatalf("serve: %v\n%s", err, out.String())
	}
	if n := countEvents(t, db); n != 0 {
		t.Errorf("%d events stored from a sender that is not allowed", n)
	}
}

// lockedBuffer is a bytes.Buffer safe for one writer and one reader.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestHealthWriterRate(t *testing.T) {
	t.Parallel()
	h := newHealthWriter(nil, time.Now)
	t0 := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	if r := h.rate("a", 0, t0); r != 0 {
		t.Errorf("first sample: rate %v, want 0", r)
	}
	if r := h.rate("a", 120, t0.Add(time.Minute)); r != 120 {
		t.Errorf("120 lines in a minute: rate %v", r)
	}
	// Ten minutes later only the last five count.
	for m := 2; m <= 10; m++ {
		h.rate("a", 120+int64(m-1)*60, t0.Add(time.Duration(m)*time.Minute))
	}
	if r := h.rate("a", 120+10*60, t0.Add(11*time.Minute)); r != 60 {
		t.Errorf("steady 60 lines a minute: rate %v", r)
	}
}

// TestServeRestartKeepsAttackCounts stops serve in the middle of a VPN
// brute force — nineteen failures, one short of the rule — and starts it
// again: it says it carried the counts over, and the twentieth failure
// after the restart raises vpn_bruteforce with all twenty.
func TestServeRestartKeepsAttackCounts(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildNoGUI(t)
	db := filepath.Join(t.TempDir(), "data", "kizuki.db")
	start := time.Now().Add(-10 * time.Minute)
	send := func(addrs map[string]string, from, to int) {
		t.Helper()
		conn, err := net.Dial("tcp", addrs["tcp"])
		must(t, err)
		defer conn.Close()
		for i := from; i < to; i++ {
			line := start.Add(time.Duration(i)*10*time.Second).In(tokyo).Format("date=2006-01-02 time=15:04:05") +
				` devname="FGT60F" logid="0101039426" type="event" subtype="vpn" level="alert" action="ssl-login-fail" remip=198.51.100.77 user="admin" msg="SSL user failed to logged in"`
			fmt.Fprintf(conn, "%d %s", len(line), line)
		}
	}
	stop := func(cmd *exec.Cmd, exited <-chan error, out *lockedBuffer) {
		t.Helper()
		must(t, cmd.Process.Signal(syscall.SIGTERM))
		if err := <-exited; err != nil {
			t.Fatalf("serve: %v\n%s", err, out.String())
		}
	}
	findings := func() int64 {
		return queryInt(t, db, `SELECT count(*) FROM findings WHERE rule = 'vpn_bruteforce'`)
	}

	cmd, addrs, exited, out := startServe(t, bin, db)
	send(addrs, 0, 19)
	waitFor(t, 10*time.Second, "19 failures stored", func() bool {
		return queryInt(t, db, `SELECT count(*) FROM events WHERE action = 'login_failure'`) == 19
	})
	stop(cmd, exited, out)
	if n := findings(); n != 0 {
		t.Fatalf("%d findings from 19 failures", n)
	}

	cmd, addrs, exited, out = startServe(t, bin, db)
	send(addrs, 19, 20)
	waitFor(t, 10*time.Second, "the finding", func() bool { return findings() == 1 })
	stop(cmd, exited, out)
	if !strings.Contains(out.String(), "Detection carries on from the 19 events stored in the last 24 hours") {
		t.Errorf("serve did not say it carried the counts over:\n%s", out.String())
	}
	if n := queryInt(t, db, `SELECT count FROM findings WHERE rule = 'vpn_bruteforce' AND subject = '198.51.100.77'`); n != 20 {
		t.Errorf("finding counts %d failures, want all 20", n)
	}
}
