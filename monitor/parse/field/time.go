package field

import "time"

// DateTime reads a date "YYYY-MM-DD", whose separator is sep ('-', '/'
// or ':'), and a clock "hh:mm:ss" as a time in loc. It reports false
// unless both have that shape, with digits where the layout has them, and
// the values are a month, a day of 1–31, an hour, a minute and a second
// of 0–60 (a leap second, which time.Date carries into the next minute).
func DateTime(date, clock string, sep byte, loc *time.Location) (time.Time, bool) {
	if len(date) != 10 || date[4] != sep || date[7] != sep || len(clock) != 8 || clock[2] != ':' || clock[5] != ':' {
		return time.Time{}, false
	}
	c, ok1 := digits2(date, 0)
	y, ok2 := digits2(date, 2)
	mo, ok3 := digits2(date, 5)
	d, ok4 := digits2(date, 8)
	hh, ok5 := digits2(clock, 0)
	mm, ok6 := digits2(clock, 3)
	ss, ok7 := digits2(clock, 6)
	if !(ok1 && ok2 && ok3 && ok4 && ok5 && ok6 && ok7) || mo < 1 || mo > 12 || d < 1 || d > 31 || hh > 23 || mm > 59 || ss > 60 {
		return time.Time{}, false
	}
	return time.Date(c*100+y, time.Month(mo), d, hh, mm, ss, 0, loc), true
}

// digits2 reads the two digits at s[i:i+2].
func digits2(s string, i int) (int, bool) {
	a, b := s[i]-'0', s[i+1]-'0' // a byte below '0' wraps past 9
	return int(a)*10 + int(b), a <= 9 && b <= 9
}

// Offset reads a UTC offset, "+0900", "-0800" or "+09:00", as seconds
// east of UTC.
func Offset(s string) (seconds int, ok bool) {
	var hours, minutes string
	switch {
	case len(s) == 5:
		hours, minutes = s[1:3], s[3:5]
	case len(s) == 6 && s[3] == ':':
		hours, minutes = s[1:3], s[4:6]
	default:
		return 0, false
	}
	if s[0] != '+' && s[0] != '-' {
		return 0, false
	}
	h, ok1 := Digits(hours)
	m, ok2 := Digits(minutes)
	if !ok1 || !ok2 || h > 14 || m > 59 {
		return 0, false
	}
	seconds = (h*60 + m) * 60
	if s[0] == '-' {
		seconds = -seconds
	}
	return seconds, true
}
