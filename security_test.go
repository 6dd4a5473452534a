//go:build linux

package main

import (
	"bufio"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// procSocket is one socket of a process, from /proc/net.
type procSocket struct {
	proto         string // tcp or udp
	local, remote netip.AddrPort
	listening     bool
}

// processSockets lists the inet sockets process pid holds open: its fds
// that are sockets, looked up by inode in /proc/PID/net/{tcp,udp}{,6}.
func processSockets(t *testing.T, pid int) []procSocket {
	t.Helper()
	fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid))
	if err != nil {
		t.Skipf("cannot read the process's descriptors: %v", err)
	}
	inodes := map[string]bool{}
	for _, fd := range fds {
		target, err := os.Readlink(fmt.Sprintf("/proc/%d/fd/%s", pid, fd.Name()))
		if err == nil && strings.HasPrefix(target, "socket:[") {
			inodes[strings.TrimSuffix(strings.TrimPrefix(target, "socket:["), "]")] = true
		}
	}
	var out []procSocket
	for _, table := range []string{"tcp", "tcp6", "udp", "udp6"} {
		f, err := os.Open(fmt.Sprintf("/proc/%d/net/%s", pid, table))
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(f)
		sc.Scan() // header
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			if len(fields) < 10 || !inodes[fields[9]] {
				continue
			}
			s := procSocket{proto: strings.TrimSuffix(table, "6"),
				local: procAddr(t, fields[1]), remote: procAddr(t, fields[2])}
			// TCP state 0A is LISTEN; a UDP socket with no peer is bound only.
			s.listening = fields[3] == "0A" || s.proto == "udp" && s.remote.Port() == 0
			out = append(out, s)
		}
		f.Close()
	}
	return out
}

// procAddr reads /proc/net's "0100007F:14B6" form (host-order words).
func procAddr(t *testing.T, s string) netip.AddrPort {
	t.Helper()
	ip, port, _ := strings.Cut(s, ":")
	b, err := hex.DecodeString(ip)
	must(t, err)
	for i := 0; i+4 <= len(b); i += 4 { // each 32-bit word is little-endian
		b[i], b[i+1], b[i+2], b[i+3] = b[i+3], b[i+2], b[i+1], b[i]
	}
	addr, _ := netip.AddrFromSlice(b)
	p, err := strconv.ParseUint(port, 16, 16)
	must(t, err)
	return netip.AddrPortFrom(addr.Unmap(), uint16(p))
}

// TestServeSocketsOnlyWhereConfigured runs `kizuki serve` told to listen
// on loopback, with a sender connected, and lists the sockets the process
// holds: only the configured listeners and the connection accepted on one
// of them. No other port is open and no connection goes out (no MSS is
// enrolled, so nothing may be dialled).
func TestServeSocketsOnlyWhereConfigured(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildNoGUI(t)
	db := filepath.Join(t.TempDir(), "data", "kizuki.db")
	cmd, addrs, exited, out := startServe(t, bin, db)
	conn, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)
	defer conn.Close()
	line := crashLine("security", 0)
	fmt.Fprintf(conn, "%d %s", len(line), line)
	waitFor(t, 10*time.Second, "the line to be stored", func() bool {
		return queryInt(t, db, `SELECT count(*) FROM events`) == 1
	})

	want := map[string]netip.AddrPort{
		"udp": netip.MustParseAddrPort(addrs["udp"]), "tcp": netip.MustParseAddrPort(addrs["tcp"]),
	}
	var accepted int
	for _, s := range processSockets(t, cmd.Process.Pid) {
		switch {
		case s.listening && s.local == want[s.proto]:
		case s.proto == "tcp" && !s.listening && s.local == want["tcp"] &&
			s.remote.String() == conn.LocalAddr().String():
			accepted++
		default:
			t.Errorf("serve holds a socket it was not told to: %s %v → %v (listening %v)", s.proto, s.local, s.remote, s.listening)
		}
	}
	if accepted != 1 {
		t.Errorf("%d accepted connections seen, want the test's one", accepted)
	}
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	if err := <-exited; err != nil {
		t.Fatalf("serve: %v\n%s", err, out.String())
	}
}

// TestImportOpensNoSocket follows a log file with `kizuki import
// --follow` (no network configured) and checks that the process holds no
// inet socket at all once it has imported: reading files never dials out.
func TestImportOpensNoSocket(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	t.Parallel()
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db, log := filepath.Join(dir, "data", "kizuki.db"), filepath.Join(dir, "utm.log")
	must(t, os.WriteFile(log, []byte(crashLine("import", 0)+"\n"+fgtFail+"\n"), 0o600))
	cmd := exec.Command(bin, "import", "--follow", log, "--db", db, "--lang", "en")
	must(t, cmd.Start())
	defer func() {
		_ = cmd.Process.Signal(syscall.SIGTERM)
		_ = cmd.Wait()
	}()
	waitFor(t, 30*time.Second, "the import", func() bool {
		if _, err := os.Stat(db); err != nil {
			return false
		}
		return queryInt(t, db, `SELECT count(*) FROM sqlite_schema WHERE name = 'imports'`) == 1 &&
			queryInt(t, db, `SELECT coalesce(max(lines), 0) FROM imports`) == 2
	})
	if socks := processSockets(t, cmd.Process.Pid); len(socks) != 0 {
		t.Errorf("import holds sockets: %+v", socks)
	}
}

// TestOfflineCommandsOpenNoSocket runs every command that works on local
// data alone under strace and checks that none of them creates an
// internet socket (AF_INET or AF_INET6), not even for a moment a sample of
// /proc would miss: importing, detecting, reporting and exporting never
// dial out. Skipped where strace is missing or ptrace is not allowed.
func TestOfflineCommandsOpenNoSocket(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	strace, err := exec.LookPath("strace")
	if err != nil {
		t.Skip("strace is not installed (apt install strace): cannot trace the commands' system calls")
	}
	t.Parallel()
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db, log, home := filepath.Join(dir, "data", "kizuki.db"), filepath.Join(dir, "utm.log"), filepath.Join(dir, "home")
	var lines strings.Builder
	for i := range 30 { // a brute force, so detect and the reports have a finding
		fmt.Fprintln(&lines, crashLine("offline", i))
		fmt.Fprintln(&lines, fgtFail)
	}
	must(t, os.WriteFile(log, []byte(lines.String()), 0o600))
	must(t, os.MkdirAll(home, 0o700))
	day := time.Now().Format(time.DateOnly)
	for _, args := range [][]string{
		{"parse", log},
		{"import", log},
		{"detect", log},
		{"status", "--json"},
		{"checklist", "list"},
		{"checklist", "answer", "security_action", "five_updates", "yes"},
		{"report", "--out", filepath.Join(dir, "report.pdf")},
		{"report", "--kind", "insurance", "--out", filepath.Join(dir, "insurance.html")},
		{"export-evidence", "--from", day, "--to", day, "--out", filepath.Join(dir, "evidence.zip")},
		{"source", "list"},
		{"check", "--json", "--home", home},
	} {
		trace := filepath.Join(dir, "strace-"+args[0]+".txt")
		cmdArgs := append([]string{"-f", "-qq", "-e", "signal=none", "-e", "trace=%network", "-o", trace, bin}, args...)
		cmdArgs = append(cmdArgs, "--db", db, "--lang", "en")
		out, err := exec.Command(strace, cmdArgs...).CombinedOutput()
		if strings.Contains(string(out), "ptrace") && strings.Contains(string(out), "Operation not permitted") {
			t.Skipf("ptrace is not allowed here: %s", out)
		}
		if err != nil {
			// check exits 1 when it finds something to fix; any other
			// failure is the test's own.
			var exit *exec.ExitError
			if !(args[0] == "check" && errors.As(err, &exit) && exit.ExitCode() == 1) {
				t.Fatalf("kizuki %s: %v\n%s", strings.Join(args, " "), err, out)
			}
		}
		b, err := os.ReadFile(trace)
		must(t, err)
		for _, call := range strings.Split(strings.TrimSpace(string(b)), "\n") {
			if strings.Contains(call, "AF_INET") || strings.Contains(call, "sin_port") || strings.Contains(call, "sin6_port") {
				t.Errorf("kizuki %s opened an internet socket: %s", strings.Join(args, " "), call)
			}
		}
	}
}
