package fortios

import (
	"encoding/json"
	"fmt"
	"sort"
	"time"
)

// reorderWindow is how far out of time order FortiOS may write a log
// (daemons log on their own, a session's traffic log is written when it
// closes): lines up to this much older than the newest one seen are told
// apart by their hash, older ones are taken as already delivered.
const reorderWindow = 10 * time.Second

// maxSeen bounds the hashes a cursor keeps, should thousands of lines
// share the reorder window; the oldest go first, and the window then
// starts after them (Floor).
const maxSeen = 4096

// cursorVersion is the format of a cursor's text.
const cursorVersion = 1

// cursor is where a poller stands in one log: the newest log time
// delivered and the hashes of the lines delivered within reorderWindow of
// it. The REST API numbers results by their row in the answer ("#" in
// _metadata), which moves as new lines arrive, so the position is kept by
// content instead.
type cursor struct {
	V     int              `json:"v"`
	High  int64            `json:"high"`            // Unix nanoseconds
	Floor int64            `json:"floor,omitempty"` // lines at or before it count as delivered
	Seen  map[string]int64 `json:"seen"`            // line hash → its time
}

func newCursor() *cursor { return &cursor{V: cursorVersion, Seen: map[string]int64{}} }

// parseCursor reads a cursor's text; "" is a fresh start.
func parseCursor(s string) (*cursor, error) {
	c := newCursor()
	if s == "" {
		return c, nil
	}
	if err := json.Unmarshal([]byte(s), c); err != nil {
		return nil, fmt.Errorf("read cursor: %w", err)
	}
	if c.V != cursorVersion {
		return nil, fmt.Errorf("read cursor: version %d, this build reads version %d", c.V, cursorVersion)
	}
	if c.Seen == nil {
		c.Seen = map[string]int64{}
	}
	return c, nil
}

// String returns the cursor's text, stable for equal cursors.
func (c *cursor) String() string {
	b, err := json.Marshal(c) // map keys are written sorted
	if err != nil {
		panic(err) // a struct of ints and strings always marshals
	}
	return string(b)
}

// fresh reports whether nothing has been delivered yet.
func (c *cursor) fresh() bool { return c.High == 0 }

// behind reports whether t is older than anything that can still be new.
func (c *cursor) behind(t int64) bool {
	return !c.fresh() && (t < c.High-int64(reorderWindow) || t <= c.Floor)
}

// delivered reports whether e was delivered already.
func (c *cursor) delivered(e entry) bool {
	if c.behind(e.time) {
		return true
	}
	_, ok := c.Seen[e.key]
	return ok
}

// advance returns the cursor after delivering entries.
func (c *cursor) advance(entries []entry) *cursor {
	next := &cursor{V: cursorVersion, High: c.High, Floor: c.Floor, Seen: make(map[string]int64, len(c.Seen)+len(entries))}
	for k, t := range c.Seen {
		next.Seen[k] = t
	}
	for _, e := range entries {
		next.Seen[e.key] = e.time
		next.High = max(next.High, e.time)
	}
	for k, t := range next.Seen {
		if next.behind(t) {
			delete(next.Seen, k)
		}
	}
	if len(next.Seen) > maxSeen {
		keys := make([]string, 0, len(next.Seen))
		for k := range next.Seen {
			keys = append(keys, k)
		}
		sort.Slice(keys, func(i, j int) bool {
			ti, tj := next.Seen[keys[i]], next.Seen[keys[j]]
			return ti < tj || ti == tj && keys[i] < keys[j]
		})
		for _, k := range keys[:len(keys)-maxSeen] {
			next.Floor = max(next.Floor, next.Seen[k])
			delete(next.Seen, k)
		}
		for k, t := range next.Seen {
			if t <= next.Floor {
				delete(next.Seen, k)
			}
		}
	}
	return next
}
