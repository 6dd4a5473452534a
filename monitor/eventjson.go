package monitor

import (
	"strconv"
	"time"
	"unicode/utf8"
)

// AppendJSON appends e's JSON form — exactly what encoding/json writes for
// an Event with HTML escaping off — to b. `kizuki parse` writes one per
// input line; reflection-based encoding would cost more than the parsing.
func (e *Event) AppendJSON(b []byte) []byte {
	b = append(b, `{"time":`...)
	b = appendTime(b, e.Time)
	if e.TimeGuessed {
		b = append(b, `,"time_guessed":true`...)
	}
	b = append(b, `,"received":`...)
	b = appendTime(b, e.Received)
	b = appendStringField(b, "source", e.Source, true)
	b = appendStringField(b, "vendor", string(e.Vendor), false)
	b = appendStringField(b, "kind", string(e.Kind), false)
	b = appendStringField(b, "action", string(e.Action), true)
	b = appendStringField(b, "direction", string(e.Direction), true)
	b = appendStringField(b, "src_ip", e.SrcIP, true)
	b = appendIntField(b, "src_port", e.SrcPort)
	b = appendStringField(b, "dst_ip", e.DstIP, true)
	b = appendIntField(b, "dst_port", e.DstPort)
	b = appendStringField(b, "proto", e.Proto, true)
	b = appendStringField(b, "user", e.User, true)
	b = appendStringField(b, "service", e.Service, true)
	b = appendStringField(b, "threat", e.Threat, true)
	b = appendStringField(b, "category", e.Category, true)
	b = appendStringField(b, "url", e.URL, true)
	b = appendStringField(b, "domain", e.Domain, true)
	b = appendStringField(b, "severity", e.Severity, true)
	b = appendStringField(b, "country", e.Country, true)
	b = appendStringField(b, "vendor_id", e.VendorID, true)
	if e.Malformed {
		b = append(b, `,"malformed":true`...)
	}
	b = appendStringField(b, "raw", e.Raw, false)
	return append(b, '}')
}

func appendTime(b []byte, t time.Time) []byte {
	b = append(b, '"')
	b = t.AppendFormat(b, time.RFC3339Nano)
	return append(b, '"')
}

func appendIntField(b []byte, name string, v int) []byte {
	if v == 0 {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, name...)
	b = append(b, `":`...)
	return strconv.AppendInt(b, int64(v), 10)
}

func appendStringField(b []byte, name, v string, omitEmpty bool) []byte {
	if omitEmpty && v == "" {
		return b
	}
	b = append(b, `,"`...)
	b = append(b, name...)
	b = append(b, `":`...)
	return appendJSONString(b, v)
}

const hexDigits = "0123456789abcdef"

// safeASCII marks the ASCII bytes a JSON string holds as they are.
var safeASCII = func() (t [utf8.RuneSelf]bool) {
	for c := 0x20; c < utf8.RuneSelf; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()

// appendJSONString quotes s as encoding/json does without HTML escaping:
// control characters as \u00XX (or \n, \r, \t, \b, \f), invalid UTF-8 as
// \ufffd, U+2028 and U+2029 escaped.
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if safeASCII[c] {
				i++
				continue
			}
			b = append(b, s[start:i]...)
			switch c {
			case '"', '\\':
				b = append(b, '\\', c)
			case '\n':
				b = append(b, '\\', 'n')
			case '\r':
				b = append(b, '\\', 'r')
			case '\t':
				b = append(b, '\\', 't')
			case '\b':
				b = append(b, '\\', 'b')
			case '\f':
				b = append(b, '\\', 'f')
			default:
				b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xf])
			}
			i++
			start = i
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && size == 1 {
			b = append(b, s[start:i]...)
			b = append(b, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if r == '\u2028' || r == '\u2029' {
			b = append(b, s[start:i]...)
			b = append(b, '\\', 'u', '2', '0', '2', hexDigits[r&0xf])
			i += size
			start = i
			continue
		}
		i += size
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
