// Package secrets keeps Kizuki's secrets — the FortiGate API tokens today,
// the MSS provider's tokens later — out of the database and the command
// line: in the operating system's keyring (Secret Service over D-Bus on
// Linux, the Keychain on macOS, the Credential Manager on Windows, through
// github.com/zalando/go-keyring), or, where no keyring service runs (an
// office Linux box without a desktop session), in a JSON file readable by
// its owner only inside the 0700 data directory.
//
// Backend says which one is in use, so that `kizuki status` can tell the
// owner where the tokens are. Values never appear in errors or logs.
package secrets

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"path/filepath"
	"sync"

	"github.com/zalando/go-keyring"
)

// Store is what the commands need of a secret store; *Secrets satisfies it
// and tests may bring their own.
type Store interface {
	// Get returns the named secret, or an error wrapping ErrNotFound.
	Get(name string) (string, error)
	// Set stores value under name, replacing any previous value.
	Set(name, value string) error
	// Delete removes the named secret; an error wrapping ErrNotFound when
	// there was none.
	Delete(name string) error
}

// ErrNotFound is returned (wrapped) when a secret does not exist.
var ErrNotFound = errors.New("secret not found")

// Backend names, as Backend returns them.
const (
	BackendKeyring = "keyring"
	BackendFile    = "file"
)

// Service is the keyring service under which Kizuki's secrets are filed.
// The keyring's user name is the secret's name and the data directory it
// belongs to (see Open).
const Service = "kizuki"

// probeName is looked up once when opening: any answer from the keyring,
// "not found" included, shows a keyring service is running.
const probeName = "kizuki-keyring-probe"

// backend is one place secrets can live.
type backend interface {
	get(name string) (string, error)
	set(name, value string) error
	delete(name string) error
}

// Secrets is an open secret store. It is safe for concurrent use.
type Secrets struct {
	b    backend
	kind string
}

var _ Store = (*Secrets)(nil)

// Open returns the keyring when one answers, else the file backend in
// dataDir (created 0700 if missing). In the keyring, which is one per
// user, a secret is filed as "NAME@SCOPE", SCOPE naming dataDir, so that
// two databases (two --db) never share or overwrite each other's secrets;
// a secret filed under its bare name (before there were scopes) is still
// read and deleted.
func Open(dataDir string) (*Secrets, error) {
	if keyringWorks() {
		scope, err := scopeOf(dataDir)
		if err != nil {
			return nil, err
		}
		return &Secrets{b: &keyringBackend{service: Service, scope: scope}, kind: BackendKeyring}, nil
	}
	f, err := openFile(dataDir)
	if err != nil {
		return nil, err
	}
	return &Secrets{b: f, kind: BackendFile}, nil
}

// OpenFile returns the file backend in dataDir (created 0700 if missing),
// never the keyring. The keyring holds one secret per name for the whole
// user, so a throw-away database (`kizuki demo`) keeps its secrets in its
// own directory instead, leaving the real enrolment's untouched.
func OpenFile(dataDir string) (*Secrets, error) {
	f, err := openFile(dataDir)
	if err != nil {
		return nil, err
	}
	return &Secrets{b: f, kind: BackendFile}, nil
}

// scopeOf names a data directory in keyring user names: the first 12 hex
// digits of the SHA-256 of its absolute path.
func scopeOf(dataDir string) (string, error) {
	abs, err := filepath.Abs(dataDir)
	if err != nil {
		return "", fmt.Errorf("open secrets: %w", err)
	}
	sum := sha256.Sum256([]byte(abs)) // Abs returns a cleaned path
	return hex.EncodeToString(sum[:6]), nil
}

// keyringWorks asks the keyring for a name that does not exist: a running
// keyring answers "not found"; without one (no D-Bus session, no Secret
// Service, an unsupported OS) the call fails otherwise.
func keyringWorks() bool {
	_, err := keyring.Get(Service, probeName)
	return err == nil || errors.Is(err, keyring.ErrNotFound)
}

// Backend returns BackendKeyring or BackendFile.
func (s *Secrets) Backend() string { return s.kind }

// Get returns the named secret.
func (s *Secrets) Get(name string) (string, error) {
	if err := checkName(name); err != nil {
		return "", err
	}
	v, err := s.b.get(name)
	if err != nil {
		return "", fmt.Errorf("read secret %s from the %s: %w", name, s.kind, err)
	}
	return v, nil
}

// Set stores value under name.
func (s *Secrets) Set(name, value string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if value == "" {
		return fmt.Errorf("store secret %s: the value is empty", name)
	}
	if err := s.b.set(name, value); err != nil {
		return fmt.Errorf("store secret %s in the %s: %w", name, s.kind, err)
	}
	return nil
}

// Delete removes the named secret.
func (s *Secrets) Delete(name string) error {
	if err := checkName(name); err != nil {
		return err
	}
	if err := s.b.delete(name); err != nil {
		return fmt.Errorf("delete secret %s from the %s: %w", name, s.kind, err)
	}
	return nil
}

func checkName(name string) error {
	if name == "" {
		return errors.New("secret: empty name")
	}
	return nil
}

// keyringBackend files secrets in the OS keyring. Calls are serialized:
// the keyring services are per-user daemons, and go-keyring's test mock
// is not safe for concurrent use.
type keyringBackend struct {
	mu      sync.Mutex
	service string
	scope   string // the data directory's; "" files secrets under their bare names
}

// user is the keyring user name of the named secret.
func (k *keyringBackend) user(name string) string {
	if k.scope == "" {
		return name
	}
	return name + "@" + k.scope
}

func (k *keyringBackend) get(name string) (string, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	v, err := keyring.Get(k.service, k.user(name))
	if errors.Is(err, keyring.ErrNotFound) && k.scope != "" {
		v, err = keyring.Get(k.service, name) // filed before scopes
	}
	return v, keyringErr(err)
}

func (k *keyringBackend) set(name, value string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	return keyringErr(keyring.Set(k.service, k.user(name), value))
}

func (k *keyringBackend) delete(name string) error {
	k.mu.Lock()
	defer k.mu.Unlock()
	err := keyring.Delete(k.service, k.user(name))
	if errors.Is(err, keyring.ErrNotFound) && k.scope != "" {
		err = keyring.Delete(k.service, name) // filed before scopes
	}
	return keyringErr(err)
}

// keyringErr maps go-keyring's not-found onto ErrNotFound.
func keyringErr(err error) error {
	if errors.Is(err, keyring.ErrNotFound) {
		return ErrNotFound
	}
	return err
}
