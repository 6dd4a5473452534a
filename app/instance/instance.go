// Package instance keeps one Kizuki tray app per user: the first launch
// listens on a Unix socket in the private data directory; a second launch
// finds it there, asks it to show its window, and exits.
//
// Unix sockets exist on Linux, macOS and Windows 10 (1803) and later. The
// socket lives in the 0700 data directory, so only its owner can reach it;
// what arrives on it is never trusted beyond "show yourself".
package instance

import (
	"bufio"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"
)

// SocketName is the socket's file name in the data directory.
const SocketName = "kizuki.sock"

// ErrRunning is returned by Acquire when another instance runs; it has
// been asked to show its window.
var ErrRunning = errors.New("kizuki is already running")

// showRequest is the one line a second launch sends.
const showRequest = "show\n"

// dialTimeout bounds the wait for a running instance to answer.
const dialTimeout = 2 * time.Second

// Instance is the running first instance.
type Instance struct {
	ln   net.Listener
	path string
	show chan struct{}
	once sync.Once
	done chan struct{}
}

// Acquire makes this process the instance for dir, or returns ErrRunning
// after asking the running one to show itself. A socket file left behind
// by a crashed instance is removed.
func Acquire(dir string) (*Instance, error) {
	path := filepath.Join(dir, SocketName)
	for attempt := 0; attempt < 2; attempt++ {
		ln, err := net.Listen("unix", path)
		if err == nil {
			in := &Instance{ln: ln, path: path, show: make(chan struct{}, 1), done: make(chan struct{})}
			go in.serve()
			return in, nil
		}
		if err := askToShow(path); err == nil {
			return nil, ErrRunning
		}
		// Nobody answers: a stale socket from a crash. Remove it, once.
		if rerr := os.Remove(path); rerr != nil && !errors.Is(rerr, os.ErrNotExist) {
			return nil, fmt.Errorf("single instance: %w", errors.Join(err, rerr))
		}
	}
	return nil, fmt.Errorf("single instance: could not listen on %s", path)
}

func askToShow(path string) error {
	c, err := net.DialTimeout("unix", path, dialTimeout)
	if err != nil {
		return err
	}
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(dialTimeout))
	if _, err := c.Write([]byte(showRequest)); err != nil {
		return err
	}
	// Wait for the answer, so the first instance has the request before
	// this process exits.
	line, err := bufio.NewReader(c).ReadString('\n')
	if err != nil || line != "ok\n" {
		return fmt.Errorf("running instance did not answer: %q, %w", line, err)
	}
	return nil
}

func (in *Instance) serve() {
	defer close(in.done)
	for {
		c, err := in.ln.Accept()
		if err != nil {
			return
		}
		go in.handle(c)
	}
}

func (in *Instance) handle(c net.Conn) {
	defer c.Close()
	_ = c.SetDeadline(time.Now().Add(dialTimeout))
	line, err := bufio.NewReader(&limitedReader{r: c, n: 64}).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != strings.TrimSpace(showRequest) {
		return
	}
	select {
	case in.show <- struct{}{}:
	default: // a request is already pending: one is enough
	}
	_, _ = c.Write([]byte("ok\n"))
}

// Show delivers a value each time another launch asks this instance to
// show its window.
func (in *Instance) Show() <-chan struct{} { return in.show }

// Close stops listening and removes the socket.
func (in *Instance) Close() error {
	var err error
	in.once.Do(func() {
		err = in.ln.Close()
		<-in.done
		// net.UnixListener removes the file on Close; this covers
		// platforms where it does not.
		_ = os.Remove(in.path)
	})
	return err
}

// limitedReader stops after n bytes, so a peer cannot make the reader
// buffer without end.
type limitedReader struct {
	r interface{ Read([]byte) (int, error) }
	n int
}

func (l *limitedReader) Read(p []byte) (int, error) {
	if l.n <= 0 {
		return 0, errors.New("request too long")
	}
	if len(p) > l.n {
		p = p[:l.n]
	}
	n, err := l.r.Read(p)
	l.n -= n
	return n, err
}
