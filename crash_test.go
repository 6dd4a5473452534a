package main

import (
	"bufio"
	"database/sql"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/ingest"
)

// crashLine is a deny (stored in full, raw line included) carrying its
// sequence number, so duplicates and gaps can be counted in the database.
func crashLine(tag string, seq int) string {
	return fmt.Sprintf(`date=2026-11-23 time=09:%02d:%02d devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=198.51.%d.%d srcport=40000 srcintf="wan1" dstip=192.168.1.10 dstport=3389 dstintf="internal" proto=6 action="deny" policyid=0 msg="%s %d"`,
		seq/60%60, seq%60, seq>>8&0xff, seq&0xff, tag, seq)
}

// integrityCheck runs PRAGMA integrity_check on a database file.
func integrityCheck(t *testing.T, db string) {
	t.Helper()
	raw, err := sql.Open("sqlite", db)
	must(t, err)
	defer raw.Close()
	var res string
	must(t, raw.QueryRow(`PRAGMA integrity_check`).Scan(&res))
	if res != "ok" {
		t.Fatalf("integrity_check after kill -9: %s", res)
	}
}

// queryInt runs a one-number query against a database file that another
// process may be writing (WAL lets readers in).
func queryInt(t *testing.T, db, query string, args ...any) int64 {
	t.Helper()
	raw, err := sql.Open("sqlite", db+"?_pragma=busy_timeout(5000)")
	must(t, err)
	defer raw.Close()
	var n sql.NullInt64
	if err := raw.QueryRow(query, args...).Scan(&n); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return 0
		}
		t.Fatalf("%s: %v", query, err)
	}
	return n.Int64
}

// TestCrashDuringImport kills `kizuki import` with SIGKILL once it has
// committed a batch and while it is still reading, then imports again:
// the database must pass integrity_check, the committed events and offset
// must agree, and the second import must resume at the offset so every
// line is stored exactly once.
func TestCrashDuringImport(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	lines := 60_000
	if os.Getenv("KIZUKI_SOAK") != "" {
		lines = 1_000_000
	}
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db, log := filepath.Join(dir, "data", "kizuki.db"), filepath.Join(dir, "utm.log")
	f, err := os.Create(log)
	must(t, err)
	w := bufio.NewWriter(f)
	for i := range lines {
		fmt.Fprintln(w, crashLine("import", i))
	}
	must(t, w.Flush())
	must(t, f.Close())

	cmd := exec.Command(bin, "import", log, "--db", db, "--lang", "en")
	must(t, cmd.Start())
	t.Cleanup(func() { _ = cmd.Process.Kill() })
	var committed int64
	deadline := time.Now().Add(2 * time.Minute)
	for committed == 0 {
		if time.Now().After(deadline) {
			t.Fatal("import committed nothing in 2 minutes")
		}
		time.Sleep(5 * time.Millisecond)
		if _, err := os.Stat(db); err != nil {
			continue
		}
		if queryInt(t, db, `SELECT count(*) FROM sqlite_schema WHERE name = 'imports'`) == 0 {
			continue // not migrated yet
		}
		committed = queryInt(t, db, `SELECT lines FROM imports WHERE path = ?`, log)
	}
	must(t, cmd.Process.Signal(syscall.SIGKILL))
	err = cmd.Wait()
	if ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus); !ok || !ws.Signaled() {
		t.Fatalf("import ended before the kill (%v): make the file larger", err)
	}

	integrityCheck(t, db)
	mark := queryInt(t, db, `SELECT lines FROM imports WHERE path = ?`, log)
	stored := queryInt(t, db, `SELECT count(*) FROM events`)
	if mark < committed || stored != mark {
		t.Fatalf("after the kill: offset mark %d lines (seen %d committed), %d events: they must agree", mark, committed, stored)
	}
	if mark >= int64(lines) {
		t.Fatalf("import had finished (%d lines) before the kill", mark)
	}

	out, err := exec.Command(bin, "import", log, "--db", db, "--lang", "en").CombinedOutput()
	if err != nil {
		t.Fatalf("import after the crash: %v\n%s", err, out)
	}
	integrityCheck(t, db)
	total := queryInt(t, db, `SELECT count(*) FROM events`)
	distinct := queryInt(t, db, `SELECT count(DISTINCT raw) FROM events`)
	if total != int64(lines) || distinct != total {
		t.Errorf("after resuming: %d events, %d distinct, want each of %d lines once\n%s", total, distinct, lines, out)
	}
	t.Logf("killed after %d of %d lines were committed; resumed: %s", mark, lines, out)
}

// TestCrashDuringServe kills `kizuki serve` with SIGKILL while a TCP
// sender streams to it, then starts it again on the same data: the
// database passes integrity_check and keeps every event seen committed
// before the kill, the archive reads back without error up to its last
// complete line and holds the stream in order from its start, and the
// restarted collector cuts the torn tail so that what it appends stays
// readable.
func TestCrashDuringServe(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	run := 3 * time.Second
	if os.Getenv("KIZUKI_SOAK") != "" {
		run = 20 * time.Second
	}
	bin := buildNoGUI(t)
	dir := t.TempDir()
	db := filepath.Join(dir, "data", "kizuki.db")
	archiveDir := filepath.Join(dir, "data", ingest.ArchiveDirName)
	cmd, addrs, exited, _ := startServe(t, bin, db)

	tcp, err := net.Dial("tcp", addrs["tcp"])
	must(t, err)
	sendDone := make(chan int, 1)
	go func() {
		var b []byte
		n, _ := pace(5000, 10*run, func(seq int) error {
			line := crashLine("serve", seq)
			b = append(strconv.AppendInt(b[:0], int64(len(line)), 10), ' ')
			_, err := tcp.Write(append(b, line...))
			return err
		})
		sendDone <- n
	}()
	time.Sleep(run)
	committed := queryInt(t, db, `SELECT count(*) FROM events`)
	must(t, cmd.Process.Signal(syscall.SIGKILL))
	<-exited
	sent := <-sendDone
	tcp.Close()
	if committed == 0 {
		t.Fatal("nothing committed before the kill")
	}

	integrityCheck(t, db)
	if n := queryInt(t, db, `SELECT count(*) FROM events`); n < committed {
		t.Fatalf("%d events after the kill, %d were committed before it", n, committed)
	}
	archived, torn := readCrashArchive(t, archiveDir, "serve")
	t.Logf("sent %d, %d committed when killed, %d archived (torn tail: %v)", sent, committed, archived, torn)
	if archived == 0 || archived > sent {
		t.Errorf("%d lines archived of %d sent", archived, sent)
	}

	// Restart on the same data and send a few more lines.
	cmd, addrs, exited, out := startServe(t, bin, db)
	tcp, err = net.Dial("tcp", addrs["tcp"])
	must(t, err)
	const more = 100
	for i := range more {
		line := crashLine("after", i)
		fmt.Fprintf(tcp, "%d %s", len(line), line)
	}
	must(t, tcp.Close())
	time.Sleep(300 * time.Millisecond)
	must(t, cmd.Process.Signal(syscall.SIGTERM))
	if err := <-exited; err != nil {
		t.Fatalf("serve after the crash: %v\n%s", err, out.String())
	}
	integrityCheck(t, db)
	if again, torn := readCrashArchive(t, archiveDir, "serve"); again != archived || torn {
		t.Errorf("after the restart the archive holds %d of the first run's lines (torn %v), want %d and clean", again, torn, archived)
	}
	if after, _ := readCrashArchive(t, archiveDir, "after"); after != more {
		t.Errorf("%d of %d lines sent after the restart archived", after, more)
	}
	if n := queryInt(t, db, `SELECT count(*) FROM events WHERE raw LIKE '%msg="after %'`); n != more {
		t.Errorf("%d of %d lines sent after the restart stored", n, more)
	}
}

// readCrashArchive reads every archive file and returns how many lines
// carry tag. Those lines must be the stream's first ones in order (0, 1,
// 2…): the archive is a prefix of what was sent, never with holes.
func readCrashArchive(t *testing.T, dir, tag string) (int, bool) {
	t.Helper()
	var n int
	torn := readArchive(t, dir, "*.log.gz", func(name string, l monitor.Line) {
		if seq, ok := crashSeq(l.Text, tag); ok {
			if seq != n {
				t.Fatalf("%s: line %q where sequence %d was due", name, l.Text, n)
			}
			n++
		}
	})
	return n, torn
}

// crashSeq reads the sequence number of a crashLine with tag.
func crashSeq(text, tag string) (int, bool) {
	var seq int
	i := len(text) - 1
	if i < 0 || text[i] != '"' {
		return 0, false
	}
	j := i
	for j > 0 && text[j-1] >= '0' && text[j-1] <= '9' {
		j--
	}
	prefix := `msg="` + tag + " "
	if j < len(prefix) || text[j-len(prefix):j] != prefix {
		return 0, false
	}
	seq, err := strconv.Atoi(text[j:i])
	return seq, err == nil
}
