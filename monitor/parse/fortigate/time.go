package fortigate

import (
	"time"
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
	if t, ok := wallClock(r.date, r.clock, zone); ok {
		return t, true
	}
	if t, ok := epoch(r.eventtime); ok {
		return t.In(zone), true
	}
	return time.Time{}, false
}

// wallClock reads "2019-05-10" and "11:37:47".
func wallClock(date, clock string, loc *time.Location) (time.Time, bool) {
	if len(date) != 10 || date[4] != '-' || date[7] != '-' || len(clock) != 8 || clock[2] != ':' || clock[5] != ':' {
		return time.Time{}, false
	}
	y, ok1 := digits(date[0:4])
	mo, ok2 := digits(date[5:7])
	d, ok3 := digits(date[8:10])
	hh, ok4 := digits(clock[0:2])
	mm, ok5 := digits(clock[3:5])
	ss, ok6 := digits(clock[6:8])
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6) || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, false
	}
	return time.Date(y, time.Month(mo), d, hh, mm, ss, 0, loc), true
}

// offsetZone reads "+0900", "-0800" or "+09:00".
func offsetZone(tz string) (*time.Location, bool) {
	var hours, minutes string
	switch {
	case len(tz) == 5:
		hours, minutes = tz[1:3], tz[3:5]
	case len(tz) == 6 && tz[3] == ':':
		hours, minutes = tz[1:3], tz[4:6]
	default:
		return nil, false
	}
	if tz[0] != '+' && tz[0] != '-' {
		return nil, false
	}
	h, ok1 := digits(hours)
	m, ok2 := digits(minutes)
	if !ok1 || !ok2 || h > 14 || m > 59 {
		return nil, false
	}
	off := (h*60 + m) * 60
	if tz[0] == '-' {
		off = -off
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

// digits reads a short run of ASCII digits.
func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}
