// Package syslog splits a received log line into its syslog header (RFC
// 5424, RFC 3164 and the loose variants real gear sends) and the message
// a vendor parser reads. Lines without a header — FortiGate's bare
// key=value, Yamaha RTX's "<13> [INSPECT] …" with only a priority — come
// back with an empty header and the whole text as the message.
//
// It never fails: anything it cannot read as a header is message.
package syslog

import (
	"strconv"
	"strings"
	"time"
)

// Header is what the syslog header said about a line.
type Header struct {
	// Priority is facility*8+severity, or -1 when the line had none.
	Priority int
	// Time is the header's timestamp; zero when absent. With HasZone
	// false it was read in the location passed to Split; with HasYear false
	// (RFC 3164) the year was guessed as the one that puts it nearest to now.
	Time    time.Time
	HasYear bool
	HasZone bool
	// Host is the sender's host name as the header gave it ("" if none).
	Host string
	// App is the RFC 5424 APP-NAME or the RFC 3164 tag without its [pid]
	// and colon ("" if none).
	App string
	// ProcID is the RFC 5424 PROCID or the RFC 3164 tag's [pid].
	ProcID string
	// MsgID is the RFC 5424 MSGID.
	MsgID string
	// Format says which header form was found.
	Format Format
}

// Format names a header form.
type Format int

// Header forms.
const (
	FormatNone    Format = iota // no header, or only a priority
	FormatRFC3164               // "<PRI>Mmm dd hh:mm:ss host tag: msg"
	FormatRFC5424               // "<PRI>1 TIMESTAMP HOST APP PROCID MSGID SD MSG"
)

// Split reads the header of line. loc is the source's time zone for
// timestamps without an offset; now anchors the year of RFC 3164 dates.
func Split(line string, loc *time.Location, now time.Time) (Header, string) {
	h := Header{Priority: -1}
	rest := line
	// TrimLeft with a cutset costs a set built per call: most lines start
	// with neither blanks nor a byte order mark.
	if rest != "" && (rest[0] == ' ' || rest[0] == '\t') {
		rest = strings.TrimLeft(rest, " \t")
	}
	if strings.HasPrefix(rest, "\ufeff") {
		rest = strings.TrimLeft(rest, "\ufeff")
	}
	if pri, after, ok := priority(rest); ok {
		h.Priority = pri
		rest = after
	}
	if msg, ok := rfc5424(rest, &h); ok {
		return h, msg
	}
	if msg, ok := rfc3164(rest, loc, now, &h); ok {
		return h, msg
	}
	return h, trimSpaces(rest)
}

// trimSpaces is strings.TrimLeft(s, " ") without its cutset.
func trimSpaces(s string) string {
	for s != "" && s[0] == ' ' {
		s = s[1:]
	}
	return s
}

// priority reads "<NNN>" (0–191).
func priority(s string) (int, string, bool) {
	if len(s) < 3 || s[0] != '<' {
		return 0, s, false
	}
	end := strings.IndexByte(s[:min(len(s), 5)], '>')
	if end < 2 {
		return 0, s, false
	}
	n, err := strconv.Atoi(s[1:end])
	if err != nil || n < 0 || n > 191 {
		return 0, s, false
	}
	return n, s[end+1:], true
}

// rfc5424 reads "1 TIMESTAMP HOST APP PROCID MSGID SD [MSG]".
func rfc5424(s string, h *Header) (string, bool) {
	if !strings.HasPrefix(s, "1 ") {
		return "", false
	}
	fields := make([]string, 0, 5)
	rest := s[2:]
	for range 5 {
		f, r, ok := strings.Cut(rest, " ")
		if !ok {
			return "", false
		}
		fields = append(fields, f)
		rest = r
	}
	if fields[0] != "-" {
		t, err := time.Parse(time.RFC3339Nano, fields[0])
		if err != nil {
			return "", false
		}
		h.Time, h.HasYear, h.HasZone = t, true, true
	}
	h.Host, h.App, h.ProcID, h.MsgID = nilValue(fields[1]), nilValue(fields[2]), nilValue(fields[3]), nilValue(fields[4])
	msg, ok := skipStructuredData(rest)
	if !ok {
		return "", false
	}
	h.Format = FormatRFC5424
	return strings.TrimPrefix(msg, "\ufeff"), true
}

func nilValue(s string) string {
	if s == "-" {
		return ""
	}
	return s
}

// skipStructuredData skips "-" or "[id k="v" …][…]" and the space after.
func skipStructuredData(s string) (string, bool) {
	if s == "-" || strings.HasPrefix(s, "- ") {
		return strings.TrimPrefix(strings.TrimPrefix(s, "-"), " "), true
	}
	i := 0
	for i < len(s) && s[i] == '[' {
		inQuote := false
		j := i + 1
		for ; j < len(s); j++ {
			switch c := s[j]; {
			case c == '\\' && inQuote:
				j++
			case c == '"':
				inQuote = !inQuote
			case c == ']' && !inQuote:
				goto closed
			}
		}
		return "", false
	closed:
		i = j + 1
	}
	if i == 0 {
		return "", false
	}
	return strings.TrimPrefix(s[i:], " "), true
}

var months = map[string]time.Month{
	"Jan": 1, "Feb": 2, "Mar": 3, "Apr": 4, "May": 5, "Jun": 6,
	"Jul": 7, "Aug": 8, "Sep": 9, "Oct": 10, "Nov": 11, "Dec": 12,
}

// rfc3164 reads "Mmm dd hh:mm:ss[.frac] [YYYY] HOST TAG[pid]: MSG", and the
// variants with an ISO 8601 timestamp ("2025-11-06T11:32:42+09:00 host …").
func rfc3164(s string, loc *time.Location, now time.Time, h *Header) (string, bool) {
	rest, ok := timestamp3164(s, loc, now, h)
	if !ok {
		return "", false
	}
	rest = strings.TrimLeft(rest, " ")
	// HOST, unless the next word is already the tag ("kernel:", "sshd[12]:").
	word, after, _ := strings.Cut(rest, " ")
	if word != "" && !isTag(word) {
		h.Host = word
		rest = after
	}
	word, after, _ = strings.Cut(rest, " ")
	if isTag(word) {
		tag := strings.TrimSuffix(word, ":")
		if i := strings.IndexByte(tag, '['); i > 0 && strings.HasSuffix(tag, "]") {
			h.ProcID = tag[i+1 : len(tag)-1]
			tag = tag[:i]
		}
		h.App = tag
		rest = after
	}
	h.Format = FormatRFC3164
	return strings.TrimLeft(rest, " "), true
}

// isTag reports whether word is an RFC 3164 tag: "name:" or "name[pid]:".
func isTag(word string) bool {
	if len(word) < 2 || !strings.HasSuffix(word, ":") {
		return false
	}
	for _, c := range word[:len(word)-1] {
		if !(c == '-' || c == '_' || c == '.' || c == '/' || c == '[' || c == ']' ||
			c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
			return false
		}
	}
	return true
}

func timestamp3164(s string, loc *time.Location, now time.Time, h *Header) (string, bool) {
	// ISO 8601 variant (rsyslog's RFC3339 template).
	if len(s) >= 19 && s[4] == '-' && s[7] == '-' && s[10] == 'T' {
		f, rest, _ := strings.Cut(s, " ")
		if t, err := time.Parse(time.RFC3339Nano, f); err == nil {
			h.Time, h.HasYear, h.HasZone = t, true, true
			return rest, true
		}
		if t, err := time.ParseInLocation("2006-01-02T15:04:05.999999999", f, loc); err == nil {
			h.Time, h.HasYear = t, true
			return rest, true
		}
		return "", false
	}
	// "Mmm dd hh:mm:ss" (day space-padded or not).
	if len(s) < 15 {
		return "", false
	}
	mon, ok := months[s[:3]]
	if !ok || s[3] != ' ' {
		return "", false
	}
	rest := strings.TrimLeft(s[4:], " ")
	dayStr, rest, ok := strings.Cut(rest, " ")
	day, err := strconv.Atoi(dayStr)
	if !ok || err != nil || day < 1 || day > 31 {
		return "", false
	}
	clock, rest, _ := strings.Cut(rest, " ")
	var hh, mm, ss, nsec int
	if len(clock) < 8 || clock[2] != ':' || clock[5] != ':' {
		return "", false
	}
	if hh, err = strconv.Atoi(clock[0:2]); err != nil || hh > 23 {
		return "", false
	}
	if mm, err = strconv.Atoi(clock[3:5]); err != nil || mm > 59 {
		return "", false
	}
	if ss, err = strconv.Atoi(clock[6:8]); err != nil || ss > 60 {
		return "", false
	}
	if len(clock) > 9 && clock[8] == '.' {
		frac := clock[9:]
		if f, err := strconv.Atoi(frac); err == nil && len(frac) <= 9 {
			nsec = f
			for range 9 - len(frac) {
				nsec *= 10
			}
		}
	}
	// Some gear adds the year after the time ("Jun  8 14:34:33 2025 host").
	year := 0
	if y, r, ok := strings.Cut(rest, " "); ok && len(y) == 4 {
		if n, err := strconv.Atoi(y); err == nil && n > 1990 && n < 2200 {
			year, rest = n, r
			h.HasYear = true
		}
	}
	if year == 0 {
		year = nearestYear(mon, day, loc, now)
	}
	h.Time = time.Date(year, mon, day, hh, mm, ss, nsec, loc)
	return rest, true
}

// nearestYear picks the year that puts month/day closest to now: a
// December line read in January is last year's.
func nearestYear(mon time.Month, day int, loc *time.Location, now time.Time) int {
	now = now.In(loc)
	y := now.Year()
	t := time.Date(y, mon, day, 0, 0, 0, 0, loc)
	switch {
	case t.Sub(now) > 31*24*time.Hour:
		return y - 1
	case now.Sub(t) > 335*24*time.Hour:
		return y + 1
	}
	return y
}
