package yamaha

import (
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/field"
)

// stampLen is the length of "YYYY/MM/DD hh:mm:ss", the only date form RTX
// firmware writes: at the start of `show log` lines and exported log files
// ("2022/12/14 13:05:10: …"), and in parentheses at the end of [INSPECT]
// lines.
const stampLen = len("2006/01/02 15:04:05")

// isStamp reports whether s begins with "YYYY/MM/DD hh:mm:ss".
func isStamp(s string) bool {
	if len(s) < stampLen {
		return false
	}
	for i := range stampLen {
		c := s[i]
		switch i {
		case 4, 7:
			if c != '/' {
				return false
			}
		case 10:
			if c != ' ' {
				return false
			}
		case 13, 16:
			if c != ':' {
				return false
			}
		default:
			if c < '0' || c > '9' {
				return false
			}
		}
	}
	return true
}

// cutLeadingStamp splits "YYYY/MM/DD hh:mm:ss: rest" into the stamp and
// rest.
func cutLeadingStamp(s string) (stamp, rest string, ok bool) {
	if !isStamp(s) || len(s) < stampLen+1 || s[stampLen] != ':' {
		return "", s, false
	}
	return s[:stampLen], strings.TrimLeft(s[stampLen+1:], " "), true
}

// stampTime reads "YYYY/MM/DD hh:mm:ss" (already checked by isStamp) in
// loc. Routers whose clock was never set count from 1980/01/01 after each
// boot; those dates are not the event's time, so they come back zero and
// the caller falls back to the header or receive time.
func stampTime(s string, loc *time.Location) time.Time {
	// The year's digits are checked when ok.
	if t, ok := field.DateTime(s[:10], s[11:stampLen], '/', loc); ok && s[:4] >= "2000" {
		return t
	}
	return time.Time{}
}

// cutTrailingStamp splits "body (YYYY/MM/DD hh:mm:ss)" into body and
// stamp.
func cutTrailingStamp(s string) (body, stamp string, ok bool) {
	n := len(s)
	if n < stampLen+2 || s[n-1] != ')' || s[n-stampLen-2] != '(' || !isStamp(s[n-stampLen-1:]) {
		return s, "", false
	}
	return strings.TrimRight(s[:n-stampLen-2], " "), s[n-stampLen-1 : n-1], true
}

// cutTag splits "[TAG] rest" into TAG and rest. Brackets nest, so that
// "[NAT(1000):PP[01]] …" gives "NAT(1000):PP[01]".
func cutTag(s string) (tag, rest string, ok bool) {
	if s == "" || s[0] != '[' {
		return "", s, false
	}
	depth := 0
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '[':
			depth++
		case ']':
			depth--
			if depth == 0 {
				return s[1:i], strings.TrimLeft(s[i+1:], " "), true
			}
		}
	}
	return "", s, false
}

// word splits s at its first space, dropping the spaces after it.
func word(s string) (w, rest string) {
	w, rest, _ = strings.Cut(s, " ")
	return w, strings.TrimLeft(rest, " ")
}

// after returns what follows the first occurrence of marker in s.
func after(s, marker string) (string, bool) {
	i := strings.Index(s, marker)
	if i < 0 {
		return "", false
	}
	return s[i+len(marker):], true
}

// ipAfter returns the address in the word that follows marker ("to ",
// "from ", "Local: "), with trailing punctuation removed; "" when the word
// is not an address (masked, "None").
func ipAfter(s, marker string) string {
	rest, ok := after(s, marker)
	if !ok {
		return ""
	}
	w, _ := word(rest)
	return field.IP(strings.TrimRight(w, ",;:)]"))
}

// containsFold reports whether s contains sub, ignoring ASCII case. sub
// must be lowercase.
func containsFold(s, sub string) bool {
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		j := 0
		for ; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				break
			}
		}
		if j == n {
			return true
		}
	}
	return false
}

// quoted returns the text of the first '…' in s.
func quoted(s string) string {
	_, rest, ok := strings.Cut(s, "'")
	if !ok {
		return ""
	}
	q, _, ok := strings.Cut(rest, "'")
	if !ok {
		return ""
	}
	return q
}

// userIn finds the user name in the free text of PP and L2TP messages:
// "user 'taro'", "user: taro", "user taro", "(taro)".
func userIn(s string) string {
	rest, ok := after(s, "user")
	if !ok {
		return ""
	}
	rest = strings.TrimLeft(rest, ": ")
	if strings.HasPrefix(rest, "'") {
		return quoted(rest)
	}
	w, _ := word(rest)
	return strings.Trim(w, "\",;()[]")
}

// proto returns Yamaha's upper-case protocol name in the lower case of the
// event vocabulary, or "" when s is not a protocol name (a MAC address, a
// masked word). The common names come back as constants so that the hot
// path does not allocate.
func proto(s string) string {
	switch s {
	case "TCP":
		return "tcp"
	case "UDP":
		return "udp"
	case "ICMP":
		return "icmp"
	case "ICMP6", "ICMPV6", "ICMPv6", "IPV6-ICMP":
		return "icmp6"
	case "GRE":
		return "gre"
	case "ESP":
		return "esp"
	case "AH":
		return "ah"
	}
	if s == "" || len(s) > 12 {
		return ""
	}
	for _, c := range []byte(s) {
		if !('A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-') {
			return ""
		}
	}
	if s[0] < 'A' || s[0] > 'Z' {
		return ""
	}
	return strings.ToLower(s)
}
