package paloalto

import "strings"

// maxFields is how many fields of a line are read: THREAT's threat
// category, the last one used, is field 69. Later fields are not split.
const maxFields = 72

// fields holds a line's CSV fields as substrings of it.
type fields struct {
	f [maxFields]string
	n int
}

// split reads s as PAN-OS writes CSV: fields holding a comma or a quote
// are double-quoted, with quotes inside doubled. Only fields with doubled
// quotes cost an allocation.
func (f *fields) split(s string) {
	f.n = 0
	for i := 0; f.n < maxFields; {
		var v string
		if i < len(s) && s[i] == '"' {
			v, i = quotedField(s, i+1)
			// Anything between the closing quote and the comma is dropped.
			if j := strings.IndexByte(s[i:], ','); j >= 0 {
				i += j
			} else {
				i = len(s)
			}
		} else {
			end := strings.IndexByte(s[i:], ',')
			if end < 0 {
				end = len(s) - i
			}
			v, i = s[i:i+end], i+end
		}
		f.f[f.n] = v
		f.n++
		if i >= len(s) {
			return
		}
		i++ // the comma
	}
}

// quotedField reads a quoted field whose content starts at s[i] and
// returns it and the index just past its closing quote.
func quotedField(s string, i int) (string, int) {
	start, escaped := i, false
	for {
		k := strings.IndexByte(s[i:], '"')
		if k < 0 {
			// Unterminated: the rest of the line is the field.
			return s[start:], len(s)
		}
		i += k
		if i+1 < len(s) && s[i+1] == '"' {
			escaped = true
			i += 2
			continue
		}
		v := s[start:i]
		if escaped {
			v = strings.ReplaceAll(v, `""`, `"`)
		}
		return v, i + 1
	}
}

// at returns field i, or "" when the line is shorter.
func (f *fields) at(i int) string {
	if i < f.n {
		return f.f[i]
	}
	return ""
}
