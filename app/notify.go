package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Notifier sends desktop notifications, at most one per key within the
// cooldown, so that a flapping condition or a long attack does not bury
// the owner in pop-ups; none in the owner's quiet hours or while paused
// from the tray. It is safe for concurrent use.
type Notifier struct {
	send     func(*fyne.Notification)
	cooldown time.Duration
	now      func() time.Time

	mu     sync.Mutex
	last   map[string]time.Time
	quiet  func(time.Time) bool
	paused time.Time
}

// NewNotifier returns a Notifier that sends through send (normally
// fyne.App.SendNotification).
func NewNotifier(send func(*fyne.Notification), cooldown time.Duration, now func() time.Time) *Notifier {
	return &Notifier{send: send, cooldown: cooldown, now: now, last: map[string]time.Time{}}
}

// SetQuiet sets the quiet hours: no notification while quiet(now).
func (n *Notifier) SetQuiet(quiet func(time.Time) bool) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.quiet = quiet
}

// Pause holds notifications back until t; the zero time lifts a pause.
func (n *Notifier) Pause(t time.Time) {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.paused = t
}

// PausedUntil is when a pause ends; zero or past when not paused.
func (n *Notifier) PausedUntil() time.Time {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.paused
}

// Notify sends title and body unless a notification with the same key went
// out less than the cooldown ago, the quiet hours hold, or notifications
// are paused. It reports whether it sent. What is held back is not sent
// later: the window and the tray icon show the state all along.
func (n *Notifier) Notify(key, title, body string) bool {
	n.mu.Lock()
	now := n.now()
	if now.Before(n.paused) || (n.quiet != nil && n.quiet(now)) {
		n.mu.Unlock()
		return false
	}
	if t, ok := n.last[key]; ok && now.Sub(t) < n.cooldown {
		n.mu.Unlock()
		return false
	}
	n.last[key] = now
	n.mu.Unlock()
	n.send(fyne.NewNotification(title, body))
	return true
}
