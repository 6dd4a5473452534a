package endpoint

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// ExecRunner runs real programs, in the C locale so that their output
// reads the same on a Japanese system, each within Timeout.
type ExecRunner struct {
	// Timeout bounds one command; zero means 30 seconds.
	Timeout time.Duration
}

// Run implements Runner. A command that exits non-zero returns its output
// and an error holding the start of its standard error.
func (r ExecRunner) Run(ctx context.Context, name string, args ...string) ([]byte, error) {
	timeout := r.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, name, args...)
	cmd.Env = append(os.Environ(), "LC_ALL=C", "LANG=C")
	hideWindow(cmd)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		msg := strings.TrimSpace(stderr.String())
		if len(msg) > 200 {
			msg = msg[:200]
		}
		return stdout.Bytes(), fmt.Errorf("run %s: %w (%s)", name, err, msg)
	}
	return stdout.Bytes(), nil
}

// Local is this PC as the checks see it, with browser profiles searched
// under home ("" means the user's own home directory).
func Local(home string) System {
	if home == "" {
		home, _ = os.UserHomeDir()
	}
	host, _ := os.Hostname()
	return System{
		GOOS: runtime.GOOS, Home: home, Root: string(os.PathSeparator), Hostname: host,
		Run: ExecRunner{}, Now: time.Now,
	}
}
