package field

import (
	"net/netip"
	"strings"
)

// IsDigits reports whether s is a non-empty run of ASCII digits.
func IsDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// Digits reads s, a short non-empty run of ASCII digits, as a number; ok
// is false for anything else.
func Digits(s string) (n int, ok bool) {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, len(s) > 0
}

// IsAddr reports whether s is an IP address, exactly as netip.ParseAddr
// would. The quick look first spares netip the error value it allocates
// for each of the many words that are not one.
func IsAddr(s string) bool {
	if len(s) < 2 || strings.IndexByte(s, ':') < 0 && (s[0] < '0' || s[0] > '9' || strings.IndexByte(s, '.') < 0) {
		return false
	}
	_, err := netip.ParseAddr(s)
	return err == nil
}

// Proto returns a protocol name in lower case, exactly as strings.ToLower
// does, without allocating for the upper-case names firewalls print.
func Proto(p string) string {
	switch p {
	case "TCP":
		return "tcp"
	case "UDP":
		return "udp"
	case "ICMP":
		return "icmp"
	case "ICMPv6", "ICMPV6":
		return "icmpv6"
	case "ICMP6":
		return "icmp6"
	case "GRE":
		return "gre"
	case "ESP":
		return "esp"
	case "AH":
		return "ah"
	case "SCTP":
		return "sctp"
	case "UDPLITE":
		return "udplite"
	}
	return strings.ToLower(p)
}

// Lower returns s in lower case without allocating when it already is:
// s itself unless it holds an upper-case ASCII letter, else as Proto
// gives it. Unlike strings.ToLower, it leaves text without an ASCII
// upper-case letter as it is, non-ASCII letters and invalid UTF-8
// included.
func Lower(s string) string {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 'A' && c <= 'Z' {
			return Proto(s)
		}
	}
	return s
}

// ProtoNumber returns the lower-case name of a common IP protocol by its
// IANA number: icmp (1), igmp (2), tcp (6), udp (17), gre (47), esp (50),
// ah (51) and icmpv6 (58); "" for any other s.
func ProtoNumber(s string) string {
	switch s {
	case "6":
		return "tcp"
	case "17":
		return "udp"
	case "1":
		return "icmp"
	case "58":
		return "icmpv6"
	case "2":
		return "igmp"
	case "47":
		return "gre"
	case "50":
		return "esp"
	case "51":
		return "ah"
	}
	return ""
}

// Word splits the first word off s, after any spaces that lead it: the
// word ends at the next space, which rest does not hold.
func Word(s string) (word, rest string) {
	s = strings.TrimLeft(s, " ")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		return s[:i], s[i+1:]
	}
	return s, ""
}

// WordAfter returns the word that follows the first key in s, without
// the '.', ',' or ';' that end a sentence or a list (not ':', which ends
// "2001:db8::"); "" when s holds no key.
func WordAfter(s, key string) string {
	_, rest, ok := strings.Cut(s, key)
	if !ok {
		return ""
	}
	w, _ := Word(rest)
	return strings.TrimRight(w, ".,;")
}
