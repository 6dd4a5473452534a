package fortios

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"time"
)

// headerKeys are the fields FortiOS writes first in a syslog line, in its
// order (FortiOS 6.2–7.x: "date=… time=… devname=… devid=… eventtime=…
// tz=… logid=… type=… subtype=… level=… vd=…"). The REST API returns
// the same fields as a JSON object; the rest follow in the order the
// FortiGate sent them, which is its log order as far as the JSON shows.
var headerKeys = []string{"date", "time", "devname", "devid", "eventtime", "tz", "logid", "type", "subtype", "level", "vd"}

// bareKeys are string fields FortiOS's syslog writes without quotes.
// Numbers and IP addresses are bare too (the Log Message Reference types
// them uint*/ip); every other string is quoted.
var bareKeys = map[string]bool{"date": true, "time": true}

// metadataKey is the REST API's own annotation of each result, not a log
// field: {"#": row, "timestamp": epoch seconds, "logid": …} (assumed from
// answers seen, not documented).
const metadataKey = "_metadata"

var errNotObject = errors.New("result is not a JSON object")

// entry is one log line rebuilt from a result.
type entry struct {
	line string
	// time orders entries: the log's eventtime, else the metadata
	// timestamp, else its date and time read as UTC, in Unix nanoseconds.
	time int64
	// key identifies the line across polls: a hash of its text.
	key string
}

type pair struct {
	key   string
	value string // already quoted when it needs to be
}

type metadata struct {
	Timestamp json.Number `json:"timestamp"`
}

// entryFrom rebuilds the FortiGate key=value line of one result object.
func entryFrom(raw json.RawMessage) (entry, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return entry{}, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return entry{}, errNotObject
	}
	var (
		pairs []pair
		meta  metadata
	)
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return entry{}, err
		}
		key, _ := tok.(string)
		var value json.RawMessage
		if err := dec.Decode(&value); err != nil {
			return entry{}, err
		}
		if key == metadataKey {
			// A metadata object we cannot read only costs its fallback time.
			_ = json.Unmarshal(value, &meta)
			continue
		}
		if !validKey(key) {
			continue
		}
		if v, ok := formatValue(key, value); ok {
			pairs = append(pairs, pair{key, v})
		}
	}
	if _, err := dec.Token(); err != nil { // the closing brace
		return entry{}, err
	}
	if len(pairs) == 0 {
		return entry{}, errors.New("result holds no log fields")
	}
	line := render(pairs)
	t, ok := entryTime(pairs, meta)
	if !ok {
		return entry{}, errors.New("result has no date, time or eventtime")
	}
	sum := sha256.Sum256([]byte(line))
	return entry{line: line, time: t, key: hex.EncodeToString(sum[:8])}, nil
}

// validKey accepts the field names FortiOS uses; anything else would break
// the key=value syntax and is left out.
func validKey(k string) bool {
	if k == "" {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// formatValue writes one JSON value as FortiOS's syslog would: numbers,
// booleans, IP addresses, date and time bare; other strings quoted; null
// left out (absent); objects and arrays, which FortiOS logs do not have,
// as their JSON text, quoted.
func formatValue(key string, raw json.RawMessage) (string, bool) {
	raw = bytes.TrimSpace(raw)
	if len(raw) == 0 {
		return "", false
	}
	switch raw[0] {
	case 'n':
		return "", false
	case 't', 'f':
		return string(raw), true
	case '"':
		var s string
		if err := json.Unmarshal(raw, &s); err != nil {
			return "", false
		}
		s = oneLine(s)
		if s != "" && !strings.ContainsAny(s, " \"\\=") {
			if bareKeys[key] {
				return s, true
			}
			if _, err := netip.ParseAddr(s); err == nil {
				return s, true
			}
		}
		return quote(s), true
	case '{', '[':
		var b bytes.Buffer
		if err := json.Compact(&b, raw); err != nil {
			return "", false
		}
		return quote(oneLine(b.String())), true
	}
	return string(raw), true // a number, as FortiOS wrote it
}

// oneLine replaces control characters, which would split the line.
func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}

// quote writes s in double quotes with " and \ escaped, the form the
// FortiGate parser reads back.
func quote(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte('"')
	for i := 0; i < len(s); i++ {
		if s[i] == '"' || s[i] == '\\' {
			b.WriteByte('\\')
		}
		b.WriteByte(s[i])
	}
	b.WriteByte('"')
	return b.String()
}

// render writes the header fields in FortiOS's order, then the others as
// received.
func render(pairs []pair) string {
	var b strings.Builder
	write := func(p pair) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(p.key)
		b.WriteByte('=')
		b.WriteString(p.value)
	}
	used := make([]bool, len(pairs))
	for _, k := range headerKeys {
		for i, p := range pairs {
			if !used[i] && p.key == k {
				write(p)
				used[i] = true
				break
			}
		}
	}
	for i, p := range pairs {
		if !used[i] {
			write(p)
		}
	}
	return b.String()
}

// entryTime reads when the log was written, for ordering only.
func entryTime(pairs []pair, meta metadata) (int64, bool) {
	var date, clock string
	for _, p := range pairs {
		switch p.key {
		case "eventtime":
			if ns, ok := epochNanos(strings.Trim(p.value, `"`)); ok {
				return ns, true
			}
		case "date":
			date = strings.Trim(p.value, `"`)
		case "time":
			clock = strings.Trim(p.value, `"`)
		}
	}
	if s, err := meta.Timestamp.Int64(); err == nil && s > 0 {
		return s * int64(time.Second), true
	}
	if t, err := time.Parse("2006-01-02 15:04:05", date+" "+clock); err == nil {
		return t.UnixNano(), true
	}
	return 0, false
}

// epochNanos reads eventtime, whose unit FortiOS changed over versions
// (seconds in 6.0, nanoseconds from 6.2, microseconds on some models):
// the magnitude tells which.
func epochNanos(s string) (int64, bool) {
	if len(s) < 9 || len(s) > 19 {
		return 0, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, false
	}
	switch {
	case n >= 1e17:
		return n, true
	case n >= 1e14:
		return n * 1e3, true
	case n >= 1e11:
		return n * 1e6, true
	}
	return n * 1e9, true
}
