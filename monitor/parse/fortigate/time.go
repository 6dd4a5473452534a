package fortigate

import (
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// time reads when the event happened. date and time are the FortiGate's
// wall clock; FortiOS 6.2+ adds tz ("+0900"), older versions leave the
// zone to the reader (loc). eventtime (epoch in s, ms, µs or ns) is the
// fallback for lines that carry only it.
func (r *record) time(loc *time.Location) (time.Time, bool) {
	zone, hasZone := offsetZone(r.tz)
	if !hasZone {
		zone = loc
	}
	// date "2019-05-10" and time "11:37:47".
	if t, ok := field.DateTime(r.date, r.clock, '-', zone); ok {
		return t, true
	}
	if t, ok := epoch(r.eventtime); ok {
		return t.In(zone), true
	}
	return time.Time{}, false
}

// offsetZone reads "+0900", "-0800" or "+09:00".
func offsetZone(tz string) (*time.Location, bool) {
	off, ok := field.Offset(tz)
	if !ok {
		return nil, false
	}
	return time.FixedZone("", off), true
}

// epoch reads eventtime, whose unit FortiOS changed over versions
// (seconds in 6.0, nanoseconds in 6.2+, microseconds on some models): the
// magnitude tells which.
func epoch(s string) (time.Time, bool) {
	if len(s) < 9 || len(s) > 19 {
		return time.Time{}, false
	}
	var n int64
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return time.Time{}, false
		}
		n = n*10 + int64(c-'0')
	}
	switch {
	case n >= 1e17:
		return time.Unix(0, n), true
	case n >= 1e14:
		return time.UnixMicro(n), true
	case n >= 1e11:
		return time.UnixMilli(n), true
	}
	return time.Unix(n, 0), true
}
