// Package field holds the small, allocation-free readers that vendor
// parsers share: key=value scanning with quoted values, IP addresses,
// ports, digits, protocol names in lower case, dates and UTC offsets.
package field

import (
	"net/netip"
	"strings"
)

// KV calls fn for every key=value pair of s, in order. Values may be
// double-quoted ("a b"), with \" and \\ escapes inside kept verbatim
// (the quotes themselves are removed); unquoted values end at a space.
// Words without '=' are skipped. fn returns false to stop early.
func KV(s string, fn func(key, value string) bool) { kv(s, false, fn) }

// KVRunOn is KV for gear that writes some values unquoted with spaces
// inside (Sophos SFOS: "threatname=C2 /Generic-A", "branch_name=Gaurav
// Patel"): an unquoted value runs on over the following words that hold
// no '='.
func KVRunOn(s string, fn func(key, value string) bool) { kv(s, true, fn) }

func kv(s string, runOn bool, fn func(key, value string) bool) {
	for i := 0; i < len(s); {
		for i < len(s) && s[i] == ' ' {
			i++
		}
		start := i
		for i < len(s) && s[i] != '=' && s[i] != ' ' {
			i++
		}
		if i >= len(s) || s[i] == ' ' {
			continue // a word without '='
		}
		key := s[start:i]
		i++ // '='
		var value string
		if i < len(s) && s[i] == '"' {
			i++
			vs := i
			for i < len(s) && s[i] != '"' {
				if s[i] == '\\' && i+1 < len(s) {
					i++
				}
				i++
			}
			value = s[vs:min(i, len(s))]
			i++ // closing quote
		} else {
			vs := i
			for i < len(s) && s[i] != ' ' {
				i++
			}
			if runOn && i > vs {
				i = continuation(s, i)
			}
			value = s[vs:i]
		}
		if key != "" && !fn(key, value) {
			return
		}
	}
}

// continuation returns where an unquoted value that seemed to end at end
// really ends: after every following word that is not itself a pair.
func continuation(s string, end int) int {
	for {
		j := end
		for j < len(s) && s[j] == ' ' {
			j++
		}
		k := j
		for k < len(s) && s[k] != ' ' && s[k] != '=' && s[k] != '"' {
			k++
		}
		if k == j || (k < len(s) && s[k] != ' ') {
			return end
		}
		end = k
	}
}

// IP returns s as a canonical IP address ("192.0.2.1", "2001:db8::1"), or
// "" when s is not one. IPv4-mapped IPv6 addresses come back as IPv4.
func IP(s string) string {
	if s == "" {
		return "" // inlined: absent values cost no call
	}
	return ip(s)
}

func ip(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return ""
	}
	if a.Is4() {
		// netip accepts only the canonical dotted form (no leading zeros):
		// the input is already what String would build, without allocating.
		return s
	}
	return a.Unmap().String()
}

// Port returns s as a port number 1–65535, or 0 when it is not one.
func Port(s string) int {
	if len(s) == 0 || len(s) > 5 {
		return 0
	}
	n := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c < '0' || c > '9' {
			return 0
		}
		n = n*10 + int(c-'0')
	}
	if n > 65535 {
		return 0
	}
	return n
}
