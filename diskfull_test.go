//go:build linux

package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/status"
)

// mountTmpfs mounts a tmpfs of size MiB on a fresh folder, or skips the
// test where mounting is not allowed (not root, or no CAP_SYS_ADMIN in a
// container).
func mountTmpfs(t *testing.T, size int) string {
	t.Helper()
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, fmt.Sprintf("size=%dm,mode=0700", size)); err != nil {
		t.Skipf("cannot mount a tmpfs to fill (%v): run as root to test a full disk", err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, syscall.MNT_DETACH) })
	return dir
}

// fill writes a file until the disk is full.
func fill(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	must(t, err)
	defer f.Close()
	chunk := make([]byte, 1<<20)
	for {
		if _, err := f.Write(chunk); err != nil {
			if errors.Is(err, syscall.ENOSPC) {
				return
			}
			t.Fatal(err)
		}
	}
}

// statusCodes runs `kizuki status --json` and returns its reason codes.
func statusCodes(t *testing.T, bin, db string) []string {
	t.Helper()
	out, err := exec.Command(bin, "status", "--json", "--db", db).Output()
	if err != nil {
		t.Fatalf("status: %v\n%s", err, out)
	}
	var st status.Status
	must(t, json.Unmarshal(out, &st))
	var codes []string
	for _, r := range st.Reasons {
		codes = append(codes, r.Code)
	}
	return codes
}

// TestServeDiskFull runs `kizuki serve` on a small tmpfs, fills the disk
// while lines arrive, then frees it: serve must keep running and say why it
// cannot store, the light must show storage.disk_full, and once space
// returns every line received meanwhile must be stored and the reason gone.
func TestServeDiskFull(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	data := mountTmpfs(t, 160)
	bin := buildNoGUI(t)
	db := filepath.Join(data, "kizuki.db")
	cmd, addrs, exited, out := startServe(t, bin, db)
	if codes := statusCodes(t, bin, db); slices.Contains(codes, status.CodeDiskFull) {
		t.Fatalf("disk full before filling it: %v", codes)
	}

	filler := filepath.Join(data, "filler")
	fill(t, filler)
	tcp, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)
	const lines = 3000
	for i := range lines {
		line := crashLine("full", i)
		fmt.Fprintf(tcp, "%d %s", len(line), line)
	}
	must(t, tcp.Close())
	waitFor(t, 30*time.Second, "serve to report that it cannot store", func() bool {
		return strings.Contains(out.String(), "Cannot save received logs")
	})
	if codes := statusCodes(t, bin, db); !slices.Contains(codes, status.CodeDiskFull) {
		t.Errorf("disk full, but the light's reasons are %v", codes)
	}
	select {
	case err := <-exited:
		t.Fatalf("serve ended on a full disk: %v\n%s", err, out.String())
	default:
	}

	must(t, os.Remove(filler))
	waitFor(t, 30*time.Second, "the lines to be stored once space returned", func() bool {
		return queryInt(t, db, `SELECT count(*) FROM events WHERE raw LIKE '%msg="full %'`) == lines
	})
	waitFor(t, 10*time.Second, "serve to report that it stores again", func() bool {
		return strings.Contains(out.String(), "Saving to the database has resumed")
	})
	if codes := statusCodes(t, bin, db); slices.Contains(codes, status.CodeDiskFull) {
		t.Errorf("space is back, but the light still says %v", codes)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	if err := <-exited; err != nil {
		t.Fatalf("serve after the disk filled: %v\n%s", err, out.String())
	}
	integrityCheck(t, db)
	// What the archive could not take while the disk was full is counted.
	archived := countArchived(t, filepath.Join(data, "archive"), "full")
	lost := queryInt(t, db, `SELECT coalesce(sum(count), 0) FROM collector_drops WHERE reason = 'archive_failed'`)
	t.Logf("%d lines: all stored; %d archived, %d counted as archive_failed", lines, archived, lost)
	if int64(archived)+lost < lines {
		t.Errorf("%d archived + %d counted as archive_failed < %d received", archived, lost, lines)
	}
}

// waitFor polls ok until it holds or d has passed.
func waitFor(t *testing.T, d time.Duration, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %v for %s", d, what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// countArchived counts the archived lines with tag, in any order.
func countArchived(t *testing.T, dir, tag string) int {
	t.Helper()
	n := 0
	readArchive(t, dir, "*.log.gz", func(_ string, l monitor.Line) {
		if _, ok := crashSeq(l.Text, tag); ok {
			n++
		}
	})
	return n
}
