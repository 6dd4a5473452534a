package endpoint

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// file is the path of a system-wide file (written with slashes) under Root.
func (s System) file(p string) string {
	return filepath.Join(s.Root, filepath.FromSlash(p))
}

// readFile reads a system-wide file under Root.
func (s System) readFile(p string) ([]byte, error) {
	return os.ReadFile(s.file(p))
}

// utf8Output makes PowerShell write UTF-8 rather than the console's code
// page (932 on Japanese Windows), so that a product's Japanese name
// ("ウイルスバスター") arrives intact.
const utf8Output = "[Console]::OutputEncoding = [System.Text.Encoding]::UTF8; "

// powershell runs a PowerShell script and returns its output.
func (s System) powershell(ctx context.Context, script string) ([]byte, error) {
	return s.Run.Run(ctx, "powershell", "-NoProfile", "-NonInteractive", "-Command", utf8Output+script)
}

// notInstalled reports whether err says the program does not exist.
func notInstalled(err error) bool {
	return errors.Is(err, exec.ErrNotFound)
}

// keyValues reads "Key : Value" lines, as PowerShell's Format-List and
// many tools print them; sep is the separator. Keys are kept as written.
func keyValues(out []byte, sep string) map[string]string {
	kv := map[string]string{}
	sc := bufio.NewScanner(strings.NewReader(string(out)))
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), sep)
		if !ok {
			continue
		}
		if k = strings.TrimSpace(k); k != "" {
			kv[k] = strings.TrimSpace(v)
		}
	}
	return kv
}

// lines splits output into trimmed, non-empty lines.
func lines(out []byte) []string {
	var ls []string
	for _, l := range strings.Split(strings.ReplaceAll(string(out), "\r\n", "\n"), "\n") {
		if l = strings.TrimSpace(l); l != "" {
			ls = append(ls, l)
		}
	}
	return ls
}

// daysSince is how many whole days have passed from t to now.
func daysSince(now, t time.Time) int { return int(now.Sub(t) / (24 * time.Hour)) }
