package instance

import (
	"errors"
	"net"
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestSecondLaunchAsksTheFirstToShow(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	first, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer first.Close()
	for range 2 {
		if _, err := Acquire(dir); !errors.Is(err, ErrRunning) {
			t.Fatalf("second Acquire: %v, want ErrRunning", err)
		}
		select {
		case <-first.Show():
		case <-time.After(5 * time.Second):
			t.Fatal("the first instance was not asked to show itself")
		}
	}
}

func TestStaleSocketIsReplaced(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	// A crashed instance leaves its socket file behind: a listener whose
	// file survives its close.
	ln, err := net.Listen("unix", filepath.Join(dir, SocketName))
	if err != nil {
		t.Fatal(err)
	}
	ln.(*net.UnixListener).SetUnlinkOnClose(false)
	ln.Close()
	if _, err := os.Stat(filepath.Join(dir, SocketName)); err != nil {
		t.Fatalf("no stale socket to test with: %v", err)
	}
	in, err := Acquire(dir)
	if err != nil {
		t.Fatalf("Acquire over a stale socket: %v", err)
	}
	if err := in.Close(); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(dir, SocketName)); !os.IsNotExist(err) {
		t.Errorf("socket left after Close: %v", err)
	}
	// And the next launch is the first again.
	again, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	again.Close()
}

func TestGarbageOnTheSocketIsIgnored(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	in, err := Acquire(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	for _, msg := range []string{"quit\n", string(make([]byte, 4096)), ""} {
		c, err := net.Dial("unix", filepath.Join(dir, SocketName))
		if err != nil {
			t.Fatal(err)
		}
		_, _ = c.Write([]byte(msg))
		c.Close()
	}
	select {
	case <-in.Show():
		t.Error("a request other than show made the window show")
	case <-time.After(200 * time.Millisecond):
	}
}
