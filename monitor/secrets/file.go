package secrets

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"
)

// FileName is the file backend's file in the data directory.
const FileName = "secrets.json"

// fileVersion is the format of the file; a newer one is refused rather
// than rewritten without the fields this build does not know.
const fileVersion = 1

// ErrDamaged is returned (wrapped) when the secrets file cannot be read as
// a secrets file.
var ErrDamaged = errors.New("secrets file is damaged")

// fileContent is the secrets file: {"version":1,"secrets":{"name":"value"}}.
type fileContent struct {
	Version int               `json:"version"`
	Secrets map[string]string `json:"secrets"`
}

// fileBackend keeps secrets in a JSON file of mode 0600 in a directory of
// mode 0700, like ~/.ssh: only the owner (and root) can read it. Every
// call reads the file afresh and every change replaces it whole (written
// to a temporary file, then renamed), so a crash never leaves half a file
// and a change made by another Kizuki process is not overwritten with a
// stale copy, except in the instant between its read and its rename.
type fileBackend struct {
	mu   sync.Mutex
	path string
}

// openFile prepares the file backend in dir, creating dir with mode 0700
// when missing. A directory others may write to is refused: they could
// replace or remove the file, however private its own mode. One they may
// only list is accepted (the store leaves a data directory the user made
// as it is); the file itself is 0600 from the moment it exists.
func openFile(dir string) (*fileBackend, error) {
	if dir == "" {
		return nil, errors.New("open secrets file: empty data directory")
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("open secrets file: create data directory: %w", err)
	}
	if err := checkMode(dir, 0o022, 0o700); err != nil {
		return nil, fmt.Errorf("open secrets file: %w", err)
	}
	return &fileBackend{path: filepath.Join(dir, FileName)}, nil
}

// checkMode fails when path has any of the forbidden mode bits, and says
// to chmod it to fix. Windows has no such mode bits (its ACLs give the
// user's profile to the user), so there the check is skipped.
func checkMode(path string, forbidden, fix fs.FileMode) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return err
	}
	if perm := fi.Mode().Perm(); perm&forbidden != 0 {
		return fmt.Errorf("%s is open to other users (mode %04o): run chmod %o %s", path, perm, fix, path)
	}
	return nil
}

// load reads the file; a missing file holds no secrets.
func (f *fileBackend) load() (map[string]string, error) {
	b, err := os.ReadFile(f.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string]string{}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", f.path, err)
	}
	if err := checkMode(f.path, 0o077, 0o600); err != nil {
		return nil, err
	}
	var c fileContent
	if err := json.Unmarshal(b, &c); err != nil {
		return nil, fmt.Errorf("%w: %s (%v): move it away and store the tokens again", ErrDamaged, f.path, err)
	}
	if c.Version != fileVersion {
		return nil, fmt.Errorf("%w: %s has version %d, this build reads version %d", ErrDamaged, f.path, c.Version, fileVersion)
	}
	if c.Secrets == nil {
		c.Secrets = map[string]string{}
	}
	return c.Secrets, nil
}

// save replaces the file with m.
func (f *fileBackend) save(m map[string]string) error {
	b, err := json.MarshalIndent(fileContent{Version: fileVersion, Secrets: m}, "", "  ")
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f.path), ".secrets-*.tmp") // mode 0600
	if err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing to remove
	if _, err := tmp.Write(append(b, '\n')); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	if err := os.Rename(tmp.Name(), f.path); err != nil {
		return fmt.Errorf("write %s: %w", f.path, err)
	}
	return nil
}

func (f *fileBackend) get(name string) (string, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return "", err
	}
	v, ok := m[name]
	if !ok {
		return "", ErrNotFound
	}
	return v, nil
}

func (f *fileBackend) set(name, value string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	m[name] = value
	return f.save(m)
}

func (f *fileBackend) delete(name string) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	m, err := f.load()
	if err != nil {
		return err
	}
	if _, ok := m[name]; !ok {
		return ErrNotFound
	}
	delete(m, name)
	return f.save(m)
}
