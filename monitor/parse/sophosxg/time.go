package sophosxg

import "time"

// eventTime reads when the event happened. SFOS 19.5+ writes
// timestamp="2021-11-15T18:25:00-0600"; earlier versions write date, time
// and the zone's abbreviation (timezone="CEST"), which is read only when
// it names one offset the world over, else the source's zone (loc) is used.
func (r *record) eventTime(loc *time.Location) (time.Time, bool) {
	if t, ok := isoTime(r.timestamp); ok {
		return t, true
	}
	zone, ok := zoneByAbbreviation(r.timezone)
	if !ok {
		zone = loc
	}
	return wallClock(r.date, r.clock, zone)
}

// isoTime reads "2021-11-15T18:25:00-0600", "…+09:00" or "…Z".
func isoTime(s string) (time.Time, bool) {
	if len(s) < 20 || s[10] != 'T' {
		return time.Time{}, false
	}
	var off int
	switch zone := s[19:]; {
	case zone == "Z":
	case len(zone) == 5 || (len(zone) == 6 && zone[3] == ':'):
		h, ok1 := digits(zone[1:3])
		m, ok2 := digits(zone[len(zone)-2:])
		if !ok1 || !ok2 || h > 14 || m > 59 || (zone[0] != '+' && zone[0] != '-') {
			return time.Time{}, false
		}
		off = (h*60 + m) * 60
		if zone[0] == '-' {
			off = -off
		}
	default:
		return time.Time{}, false
	}
	return wallClock(s[:10], s[11:19], time.FixedZone("", off))
}

// wallClock reads "2016-12-02" and "18:48:18".
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

// zoneByAbbreviation knows the abbreviations SFOS prints that mean one
// offset only. IST (India, Ireland, Israel), BST (Britain, Bangladesh)
// CST and CDT (China, the Americas, Cuba) are ambiguous and left to the source's
// configured zone.
func zoneByAbbreviation(name string) (*time.Location, bool) {
	var hours int
	switch name {
	case "UTC", "GMT", "WET":
	case "CET", "WEST":
		hours = 1
	case "CEST", "EET":
		hours = 2
	case "EEST", "MSK":
		hours = 3
	case "SGT", "HKT", "AWST":
		hours = 8
	case "JST", "KST":
		hours = 9
	case "AEST":
		hours = 10
	case "AEDT":
		hours = 11
	case "EDT":
		hours = -4
	case "EST":
		hours = -5
	case "MDT":
		hours = -6
	case "MST", "PDT":
		hours = -7
	case "PST":
		hours = -8
	default:
		return nil, false
	}
	return time.FixedZone("", hours*60*60), true
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
