package sophosxg

import (
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

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
	// date "2016-12-02" and time "18:48:18".
	return field.DateTime(r.date, r.clock, '-', zone)
}

// isoTime reads "2021-11-15T18:25:00-0600", "…+09:00" or "…Z".
func isoTime(s string) (time.Time, bool) {
	if len(s) < 20 || s[10] != 'T' {
		return time.Time{}, false
	}
	var off int
	if zone := s[19:]; zone != "Z" {
		var ok bool
		if off, ok = field.Offset(zone); !ok {
			return time.Time{}, false
		}
	}
	return field.DateTime(s[:10], s[11:19], '-', time.FixedZone("", off))
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
