package sophosxg

// pairs calls fn for every key=value pair of s. It reads values as
// field.KV does, with one difference SFOS needs: an unquoted value runs on
// over the following words that hold no '=', because SFOS writes some
// values unquoted with spaces inside ("threatname=C2 /Generic-A",
// "device_id=C44313350024- P29PUA", "branch_name=Gaurav Patel").
func pairs(s string, fn func(key, value string)) {
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
			if i > vs {
				i = continuation(s, i)
			}
			value = s[vs:i]
		}
		if key != "" {
			fn(key, value)
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
