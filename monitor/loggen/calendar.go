package loggen

import "time"

// Kizuki's users are in Japan, where the clock has not changed for summer
// since 1951: a fixed offset is Asia/Tokyo, without needing zoneinfo.
const jstOffset = 9 * 60 * 60

// JST is the zone of every generated time stamp.
var JST = time.FixedZone("JST", jstOffset)

const (
	second = int64(time.Second)
	minute = int64(time.Minute)
	hour   = int64(time.Hour)
	day    = 24 * hour
)

// closedDays are the days a Japanese office is closed although they fall
// on a weekday: national holidays (with substitute holidays) of 2025–2027,
// the year-end break (29 Dec – 3 Jan) and Obon (13–15 Aug), as most small
// companies observe them. Outside these years only weekends are closed.
var closedDays = map[int]bool{
	20250101: true, 20250113: true, 20250211: true, 20250224: true, 20250320: true,
	20250429: true, 20250505: true, 20250506: true, 20250721: true, 20250811: true,
	20250915: true, 20250923: true, 20251013: true, 20251103: true, 20251124: true,
	20260101: true, 20260112: true, 20260211: true, 20260223: true, 20260320: true,
	20260429: true, 20260504: true, 20260505: true, 20260506: true, 20260720: true,
	20260811: true, 20260921: true, 20260922: true, 20260923: true, 20261012: true,
	20261103: true, 20261123: true,
	20270101: true, 20270111: true, 20270211: true, 20270223: true, 20270322: true,
	20270429: true, 20270503: true, 20270504: true, 20270505: true, 20270719: true,
	20270811: true, 20270920: true, 20270923: true, 20271011: true, 20271103: true,
	20271123: true,
}

// calendar maps the run onto Japanese calendar days: day 0 is the JST date
// on which the run starts.
type calendar struct {
	start, end int64 // the run, unix nanoseconds
	day0       int64 // JST midnight of day 0, unix nanoseconds
	days       int   // calendar days touched by the run
	business   []bool
}

func newCalendar(start time.Time, days int) *calendar {
	c := &calendar{start: start.UnixNano()}
	c.end = c.start + int64(days)*day
	local := c.start + jstOffset*second
	c.day0 = local - mod(local, day) - jstOffset*second
	c.days = int((c.end - c.day0 + day - 1) / day)
	c.business = make([]bool, c.days)
	for d := range c.business {
		y, m, dd := civil(c.dayStart(d))
		wd := time.Date(y, time.Month(m), dd, 12, 0, 0, 0, time.UTC).Weekday()
		c.business[d] = wd != time.Saturday && wd != time.Sunday && !closedDays[y*10000+m*100+dd] &&
			!(m == 12 && dd >= 29) && !(m == 1 && dd <= 3) && !(m == 8 && dd >= 13 && dd <= 15)
	}
	return c
}

func mod(a, b int64) int64 {
	m := a % b
	if m < 0 {
		m += b
	}
	return m
}

// dayStart is JST midnight of calendar day d.
func (c *calendar) dayStart(d int) int64 { return c.day0 + int64(d)*day }

// dayOf returns the calendar day holding t.
func (c *calendar) dayOf(t int64) int { return int((t - c.day0) / day) }

// at is the instant of a JST wall-clock time of day d ("9:30" = at(d, 9, 30)).
func (c *calendar) at(d, h, m int) int64 {
	return c.dayStart(d) + int64(h)*hour + int64(m)*minute
}

// isBusiness reports whether day d is a working day.
func (c *calendar) isBusiness(d int) bool { return d >= 0 && d < c.days && c.business[d] }

// inBusinessHours reports whether t falls on a working day between 8:30
// and 19:00 JST, the window the brief and the seed talks call 業務時間.
func (c *calendar) inBusinessHours(t int64) bool {
	d := c.dayOf(t)
	return c.isBusiness(d) && t >= c.at(d, 8, 30) && t < c.at(d, 19, 0)
}

// civil returns the JST date of t (unix nanoseconds).
func civil(t int64) (year, month, dayOfMonth int) {
	days := floorDiv(t/second+jstOffset, 86400)
	// Howard Hinnant's days-to-civil algorithm.
	z := days + 719468
	era := floorDiv(z, 146097)
	doe := z - era*146097
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100)
	mp := (5*doy + 2) / 153
	d := doy - (153*mp+2)/5 + 1
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return int(y), int(m), int(d)
}

func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

// stamp caches the text forms of the current second: most seconds hold
// several lines, and formatting dates is a good share of the work.
type stamp struct {
	sec int64
	// ymd is "2006-01-02", hms "15:04:05", bsd "Jan  2" (RFC 3164).
	ymd, hms [10]byte
	bsd      [6]byte
}

var monthAbbr = [...]string{"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"}

func (s *stamp) set(t int64) {
	sec := floorDiv(t, second)
	if sec == s.sec && s.ymd[0] != 0 {
		return
	}
	s.sec = sec
	y, m, d := civil(t)
	put4(s.ymd[0:], y)
	s.ymd[4] = '-'
	put2(s.ymd[5:], m)
	s.ymd[7] = '-'
	put2(s.ymd[8:], d)
	secOfDay := mod(sec+jstOffset, 86400)
	put2(s.hms[0:], int(secOfDay/3600))
	s.hms[2] = ':'
	put2(s.hms[3:], int(secOfDay/60%60))
	s.hms[5] = ':'
	put2(s.hms[6:], int(secOfDay%60))
	copy(s.bsd[:3], monthAbbr[m-1])
	s.bsd[3] = ' '
	s.bsd[4] = ' '
	if d >= 10 {
		s.bsd[4] = byte('0' + d/10)
	}
	s.bsd[5] = byte('0' + d%10)
}

func put2(b []byte, v int) { b[0], b[1] = byte('0'+v/10), byte('0'+v%10) }

func put4(b []byte, v int) {
	put2(b, v/100)
	put2(b[2:], v%100)
}

// date is "2006-01-02".
func (s *stamp) date() []byte { return s.ymd[:10] }

// clock is "15:04:05".
func (s *stamp) clock() []byte { return s.hms[:8] }

// rtx appends "2006/01/02 15:04:05", the only date form Yamaha RTX writes.
func (s *stamp) rtx(b []byte) []byte {
	b = append(b, s.ymd[0:4]...)
	b = append(b, '/')
	b = append(b, s.ymd[5:7]...)
	b = append(b, '/')
	b = append(b, s.ymd[8:10]...)
	b = append(b, ' ')
	return append(b, s.hms[:8]...)
}

// rfc3164 appends "Jan  2 15:04:05".
func (s *stamp) rfc3164(b []byte) []byte {
	b = append(b, s.bsd[:]...)
	b = append(b, ' ')
	return append(b, s.hms[:8]...)
}
