// Package endpointtest replays a PC for the endpoint checks: command
// output captured on a real system, a home directory with browser
// profiles, and the system files the checks read, all from one folder.
package endpointtest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor/endpoint"
)

// Replay answers commands from a transcript. In the transcript a line
// "$ command args…" starts the output of that command, which runs to the
// next "$ " line; a line "! exit N" right after the command makes it
// fail. Commands not in the transcript are not installed.
type Replay struct {
	outputs map[string]string
	fails   map[string]string
}

// ReadReplay reads a transcript file.
func ReadReplay(path string) (*Replay, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read transcript: %w", err)
	}
	defer f.Close()
	r := &Replay{outputs: map[string]string{}, fails: map[string]string{}}
	var cmd string
	var out strings.Builder
	flush := func() {
		if cmd != "" {
			r.outputs[cmd] = out.String()
		}
		out.Reset()
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if c, ok := strings.CutPrefix(line, "$ "); ok {
			flush()
			cmd = c
			continue
		}
		if fail, ok := strings.CutPrefix(line, "! "); ok && out.Len() == 0 && cmd != "" {
			r.fails[cmd] = fail
			continue
		}
		if cmd != "" {
			out.WriteString(line)
			out.WriteByte('\n')
		}
	}
	flush()
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read transcript %s: %w", path, err)
	}
	return r, nil
}

// Run implements endpoint.Runner.
func (r *Replay) Run(_ context.Context, name string, args ...string) ([]byte, error) {
	line := strings.Join(append([]string{name}, args...), " ")
	out, ok := r.outputs[line]
	if !ok {
		return nil, fmt.Errorf("replay %q: %w", line, exec.ErrNotFound)
	}
	if fail, ok := r.fails[line]; ok {
		return []byte(out), fmt.Errorf("replay %q: %s", line, fail)
	}
	return []byte(out), nil
}

// Case is one recorded PC: dir/commands.txt (the transcript), dir/home
// and dir/root, on the OS named by the first part of the folder's name
// ("windows-defender-off" is a Windows PC).
func Case(dir string, now time.Time) (endpoint.System, error) {
	r, err := ReadReplay(filepath.Join(dir, "commands.txt"))
	if err != nil {
		return endpoint.System{}, err
	}
	goos, _, _ := strings.Cut(filepath.Base(dir), "-")
	return endpoint.System{
		GOOS: goos, Home: filepath.Join(dir, "home"), Root: filepath.Join(dir, "root"),
		Hostname: "PC-" + strings.ToUpper(goos), Run: r, Now: func() time.Time { return now },
	}, nil
}
