package secrets

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"

	"github.com/zalando/go-keyring"
)

// fileStore opens the file backend without asking the keyring, so these
// tests never touch the keyring of the machine they run on.
func fileStore(t *testing.T, dir string) *Secrets {
	t.Helper()
	f, err := openFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	return &Secrets{b: f, kind: BackendFile}
}

// roundTrip runs the same checks against any backend.
func roundTrip(t *testing.T, s *Secrets) {
	t.Helper()
	if _, err := s.Get("fortigate/192.0.2.1"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Get before Set: %v, want ErrNotFound", err)
	}
	if err := s.Set("fortigate/192.0.2.1", "tok-1"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("fortigate/192.0.2.2", "tok-2"); err != nil {
		t.Fatal(err)
	}
	if err := s.Set("fortigate/192.0.2.1", "tok-1b"); err != nil {
		t.Fatal(err)
	}
	for name, want := range map[string]string{"fortigate/192.0.2.1": "tok-1b", "fortigate/192.0.2.2": "tok-2"} {
		if got, err := s.Get(name); err != nil || got != want {
			t.Errorf("Get(%s) = %q, %v; want %q", name, got, err, want)
		}
	}
	if err := s.Delete("fortigate/192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("fortigate/192.0.2.1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("Get after Delete: %v, want ErrNotFound", err)
	}
	if err := s.Delete("fortigate/192.0.2.1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("second Delete: %v, want ErrNotFound", err)
	}
	if got, err := s.Get("fortigate/192.0.2.2"); err != nil || got != "tok-2" {
		t.Errorf("the other secret after Delete: %q, %v", got, err)
	}
	if err := s.Set("", "x"); err == nil {
		t.Error("Set with an empty name succeeded")
	}
	if err := s.Set("empty", ""); err == nil {
		t.Error("Set with an empty value succeeded")
	}
}

func TestFileRoundTrip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	s := fileStore(t, dir)
	if s.Backend() != BackendFile {
		t.Errorf("Backend() = %q", s.Backend())
	}
	roundTrip(t, s)
	// A second store on the same directory (another process) sees the same.
	if got, err := fileStore(t, dir).Get("fortigate/192.0.2.2"); err != nil || got != "tok-2" {
		t.Errorf("reopened: %q, %v", got, err)
	}
}

func TestFileModes(t *testing.T) {
	t.Parallel()
	if runtime.GOOS == "windows" {
		t.Skip("Windows has no Unix mode bits")
	}
	dir := filepath.Join(t.TempDir(), "data", "kizuki")
	s := fileStore(t, dir)
	if err := s.Set("a", "b"); err != nil {
		t.Fatal(err)
	}
	for path, want := range map[string]fs.FileMode{dir: 0o700, filepath.Join(dir, FileName): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s: mode %04o, want %04o", path, got, want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Errorf("data directory holds %d entries, want only %s (no temporary files left)", len(entries), FileName)
	}

	// A file someone opened to others is refused, not read.
	if err := os.Chmod(filepath.Join(dir, FileName), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Get("a"); err == nil || !strings.Contains(err.Error(), "chmod 600") {
		t.Errorf("Get from a 0644 file: %v, want a refusal saying chmod 600", err)
	}

	// So is a data directory others may write to; one they may only list
	// is accepted.
	shared := t.TempDir()
	if err := os.Chmod(shared, 0o777); err != nil {
		t.Fatal(err)
	}
	if _, err := openFile(shared); err == nil || !strings.Contains(err.Error(), "chmod 700") {
		t.Errorf("openFile on a 0777 directory: %v, want a refusal saying chmod 700", err)
	}
	if err := os.Chmod(shared, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := openFile(shared); err != nil {
		t.Errorf("openFile on a 0755 directory: %v", err)
	}
}

func TestFileConcurrentSet(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// Two stores on one file, as two goroutines of one process would have
	// one and two commands would have their own.
	stores := []*Secrets{fileStore(t, dir), fileStore(t, dir)}
	var wg sync.WaitGroup
	for i := range 40 {
		wg.Go(func() {
			if err := stores[0].Set(fmt.Sprintf("name-%d", i), fmt.Sprintf("value-%d", i)); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 40 {
		if got, err := stores[1].Get(fmt.Sprintf("name-%d", i)); err != nil || got != fmt.Sprintf("value-%d", i) {
			t.Errorf("name-%d = %q, %v", i, got, err)
		}
	}
}

func TestFileDamaged(t *testing.T) {
	t.Parallel()
	tests := map[string]string{
		"not json":      "{\"version\":1,\"secrets\":{\"a\":",
		"empty":         "",
		"wrong version": `{"version":7,"secrets":{}}`,
		"wrong shape":   `{"version":1,"secrets":["a"]}`,
	}
	for name, content := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			path := filepath.Join(dir, FileName)
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			s := fileStore(t, dir)
			_, err := s.Get("a")
			if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), path) {
				t.Errorf("Get: %v, want ErrDamaged naming %s", err, path)
			}
			// A damaged file is never overwritten: what else it held may
			// still be recovered by hand.
			if err := s.Set("b", "c"); !errors.Is(err, ErrDamaged) {
				t.Errorf("Set: %v, want ErrDamaged", err)
			}
			if b, _ := os.ReadFile(path); string(b) != content {
				t.Errorf("the damaged file was changed to %q", b)
			}
		})
	}
}

// The keyring tests replace go-keyring's provider, a package variable:
// they do not run in parallel (the parallel tests above use only the file).

func TestKeyringRoundTrip(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() != BackendKeyring {
		t.Fatalf("Backend() = %q with a working keyring", s.Backend())
	}
	roundTrip(t, s)
	if _, err := os.Stat(filepath.Join(dir, FileName)); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("the keyring backend wrote %s: %v", FileName, err)
	}
}

func TestKeyringConcurrentSet(t *testing.T) {
	keyring.MockInit()
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	var wg sync.WaitGroup
	for i := range 20 {
		wg.Go(func() {
			if err := s.Set(fmt.Sprintf("n%d", i), "v"); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	for i := range 20 {
		if _, err := s.Get(fmt.Sprintf("n%d", i)); err != nil {
			t.Error(err)
		}
	}
}

func TestOpenFallsBackToTheFile(t *testing.T) {
	keyring.MockInitWithError(errors.New("org.freedesktop.secrets was not provided by any .service files"))
	dir := t.TempDir()
	s, err := Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() != BackendFile {
		t.Fatalf("Backend() = %q without a keyring, want %q", s.Backend(), BackendFile)
	}
	roundTrip(t, s)
	if _, err := os.Stat(filepath.Join(dir, FileName)); err != nil {
		t.Errorf("file backend: %v", err)
	}
}

// OpenFile keeps a throw-away database's secrets beside it even where a
// keyring answers: the keyring's names are shared by every database.
func TestOpenFileIgnoresTheKeyring(t *testing.T) {
	keyring.MockInit()
	dir := t.TempDir()
	s, err := OpenFile(dir)
	if err != nil {
		t.Fatal(err)
	}
	if s.Backend() != BackendFile {
		t.Fatalf("Backend() = %q, want %q", s.Backend(), BackendFile)
	}
	roundTrip(t, s)
	if _, err := keyring.Get(Service, "fortigate/192.0.2.2"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("OpenFile wrote to the keyring: %v", err)
	}
}

func TestErrorsNeverHoldTheSecret(t *testing.T) {
	const secret = "s3cr3t-t0ken-value"
	keyring.MockInitWithError(errors.New("keyring is locked"))
	s := &Secrets{b: &keyringBackend{service: Service}, kind: BackendKeyring}
	err := s.Set("fortigate/192.0.2.1", secret)
	if err == nil {
		t.Fatal("Set into a failing keyring succeeded")
	}
	if strings.Contains(err.Error(), secret) {
		t.Errorf("error %q shows the secret", err)
	}
	if !strings.Contains(err.Error(), "fortigate/192.0.2.1") || !strings.Contains(err.Error(), "keyring is locked") {
		t.Errorf("error %q does not say which secret and why", err)
	}
}

// TestDependencies keeps the package pure Go on every desktop OS: it
// needs only go-keyring and what go-keyring brings (D-Bus on Linux,
// wincred on Windows, the security command on macOS).
func TestDependencies(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	allowed := map[string]bool{
		"github.com/kizuki-app/kizuki/monitor/secrets":       true,
		"github.com/zalando/go-keyring":                      true,
		"github.com/zalando/go-keyring/internal/shellescape": true,
		"github.com/zalando/go-keyring/secret_service":       true,
		"github.com/godbus/dbus/v5":                          true,
		"github.com/danieljoos/wincred":                      true,
		"golang.org/x/sys/windows":                           true,
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !allowed[dep] {
				t.Errorf("%s: depends on %s", goos, dep)
			}
		}
	}
}

// TestKeyringScopedPerDataDir: two data directories (two --db) keep their
// own secrets in the one keyring of the user; a secret filed under its
// bare name before scopes is still read and deleted.
func TestKeyringScopedPerDataDir(t *testing.T) {
	keyring.MockInit()
	dirA := t.TempDir()
	a, err := Open(dirA)
	if err != nil {
		t.Fatal(err)
	}
	b, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(a.Set("mss/secret", "a's key"))
	if _, err := b.Get("mss/secret"); !errors.Is(err, ErrNotFound) {
		t.Errorf("the other data directory reads a's secret: %v", err)
	}
	must(b.Set("mss/secret", "b's key"))
	if v, err := a.Get("mss/secret"); err != nil || v != "a's key" {
		t.Errorf("a's secret is %q, %v after b set its own", v, err)
	}
	must(b.Delete("mss/secret"))
	if v, err := a.Get("mss/secret"); err != nil || v != "a's key" {
		t.Errorf("a's secret is %q, %v after b deleted its own", v, err)
	}
	again, err := Open(dirA + "/sub/..") // the same directory, spelled otherwise
	if err != nil {
		t.Fatal(err)
	}
	if v, err := again.Get("mss/secret"); err != nil || v != "a's key" {
		t.Errorf("a's directory opened again reads %q, %v", v, err)
	}

	// Filed under its bare name by an earlier version.
	must(keyring.Set(Service, "fortigate/192.0.2.9", "old token"))
	if v, err := a.Get("fortigate/192.0.2.9"); err != nil || v != "old token" {
		t.Errorf("the secret filed before scopes reads %q, %v", v, err)
	}
	must(a.Delete("fortigate/192.0.2.9"))
	if _, err := keyring.Get(Service, "fortigate/192.0.2.9"); !errors.Is(err, keyring.ErrNotFound) {
		t.Errorf("the secret filed before scopes is still there after Delete: %v", err)
	}
}
