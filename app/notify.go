package app

import (
	"sync"
	"time"

	"fyne.io/fyne/v2"
)

// Notifier sends desktop notifications, at most one per key within the
// cooldown, so that a flapping condition or a long attack does not bury
// the owner in pop-ups. It is safe for concurrent use.
type Notifier struct {
	send     func(*fyne.Notification)
	cooldown time.Duration
	now      func() time.Time

	mu   sync.Mutex
	last map[string]time.Time
}

// NewNotifier returns a Notifier that sends through send (normally
// fyne.App.SendNotification).
func NewNotifier(send func(*fyne.Notification), cooldown time.Duration, now func() time.Time) *Notifier {
	return &Notifier{send: send, cooldown: cooldown, now: now, last: map[string]time.Time{}}
}

// Notify sends title and body unless a notification with the same key went
// out less than the cooldown ago. It reports whether it sent.
func (n *Notifier) Notify(key, title, body string) bool {
	n.mu.Lock()
	now := n.now()
	if t, ok := n.last[key]; ok && now.Sub(t) < n.cooldown {
		n.mu.Unlock()
		return false
	}
	n.last[key] = now
	n.mu.Unlock()
	n.send(fyne.NewNotification(title, body))
	return true
}
