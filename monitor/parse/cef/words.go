package cef

// concept is something an event's words say: that it is about a login,
// that something failed or was blocked. One pass over the words finds
// them all; classify then decides on the set.
type concept uint32

const (
	cLogout concept = 1 << iota
	cLogin
	cAuthn // "authentication": a login only when it also says how it went
	cFail
	cSuccess
	cBlock
	cAllow
	cThreat
	cVPN
	cTunnel
	cDown
	cUp
	cURL    // "url", "web filter"
	cWeb    // "web"
	cLogged // "alert", "log", "monitor", "detect": seen and let through
	cConfig
)

// concepts reads the words of each part (name, act, cat, outcome) in any
// case. Words are runs of letters; a phrase ("log in") never spans two
// parts.
func concepts(parts ...string) concept {
	var c concept
	for _, p := range parts {
		var prev, cur word
		for i := 0; i <= len(p); i++ {
			if i < len(p) && isLetter(p[i]) {
				cur.add(p[i])
				continue
			}
			if cur.n == 0 {
				continue
			}
			c |= cur.concepts(&prev)
			prev, cur = cur, word{}
		}
	}
	return c
}

// word is one lowercased word; longer words keep their first 24 letters,
// enough for every prefix looked for.
type word struct {
	b [24]byte
	n int
}

func (w *word) add(c byte) {
	if w.n < len(w.b) {
		w.b[w.n] = c | 0x20 // ASCII letters only: lowercase
		w.n++
	}
}

func (w *word) is(s string) bool     { return string(w.b[:w.n]) == s }
func (w *word) prefix(s string) bool { return w.n >= len(s) && string(w.b[:len(s)]) == s }

func (w *word) contains(s string) bool {
	for i := 0; i+len(s) <= w.n; i++ {
		if string(w.b[i:i+len(s)]) == s {
			return true
		}
	}
	return false
}

// concepts returns what the word says, given the one before it.
func (w *word) concepts(prev *word) concept {
	var c concept
	if first := w.b[0]; first < 128 {
		for _, v := range vocabulary[first] {
			if v.exact && w.is(v.s) || !v.exact && w.prefix(v.s) {
				c |= v.c
			}
		}
	}
	if w.contains("vpn") { // "sslvpn", "vpn-login"
		c |= cVPN
	}
	switch {
	case (w.is("out") || w.is("off")) && (prev.is("log") || prev.is("sign")):
		c |= cLogout
	case (w.is("in") || w.is("on")) && (prev.is("log") || prev.is("logged") || prev.is("sign")):
		c |= cLogin
	case w.is("filter") && prev.is("web"):
		c |= cURL
	case w.is("site") && prev.is("cross"), w.is("control") && prev.is("and"):
		c |= cThreat // cross-site scripting, command and control
	case w.is("change") && prev.is("policy"):
		c |= cConfig
	}
	return c
}

// term is a word (exact) or the start of words (a prefix: "block" for
// "blocked") and what it says.
type term struct {
	s     string
	exact bool
	c     concept
}

// vocabulary holds the terms by their first letter, so a word is checked
// only against the few that can match it.
var vocabulary = [128][]term{
	'a': {{"accept", false, cAllow}, {"accepted", false, cSuccess}, {"allow", false, cAllow},
		{"alert", false, cLogged}, {"attack", false, cThreat}, {"anomal", false, cThreat},
		{"authenticat", false, cAuthn}},
	'b': {{"block", false, cBlock}, {"botnet", false, cThreat}, {"brute", false, cThreat}, {"bad", true, cFail}},
	'c': {{"config", false, cConfig}, {"changed", true, cConfig}, {"connected", false, cUp}, {"closed", false, cDown}},
	'd': {{"drop", false, cBlock}, {"deny", false, cBlock}, {"denied", false, cBlock | cFail},
		{"detect", false, cLogged}, {"disconnect", false, cDown}, {"deleted", false, cDown}, {"down", true, cDown},
		{"dos", true, cThreat}, {"ddos", true, cThreat}},
	'e': {{"exploit", false, cThreat}, {"established", false, cUp}},
	'f': {{"fail", false, cFail}, {"flood", false, cThreat}},
	'i': {{"invalid", false, cFail}, {"incorrect", false, cFail}, {"intrusion", false, cThreat},
		{"infected", false, cThreat}, {"injection", false, cThreat}, {"ips", true, cThreat}, {"ids", true, cThreat},
		{"ipsec", false, cVPN}},
	'l': {{"login", false, cLogin}, {"logon", false, cLogin}, {"logout", false, cLogout},
		{"logoff", false, cLogout}, {"locked", false, cFail}, {"log", true, cLogged}, {"logged", true, cLogged}},
	'm': {{"malware", false, cThreat}, {"monitor", false, cLogged}, {"modified", true, cConfig}},
	'p': {{"permit", false, cAllow}, {"prevent", false, cBlock}, {"pass", true, cAllow}, {"passed", true, cAllow},
		{"phish", false, cThreat}},
	'q': {{"quarantin", false, cBlock}},
	'r': {{"reject", false, cBlock | cFail}, {"reset", false, cBlock}, {"ransom", false, cThreat}},
	's': {{"success", false, cSuccess}, {"succeeded", true, cSuccess}, {"stopped", true, cBlock},
		{"scan", false, cThreat}, {"spyware", false, cThreat}, {"suspicious", false, cThreat},
		{"signin", false, cLogin}, {"signout", false, cLogout}},
	't': {{"terminat", false, cBlock | cDown}, {"threat", false, cThreat}, {"trojan", false, cThreat},
		{"tunnel", true, cTunnel}},
	'u': {{"up", true, cUp}, {"url", true, cURL}},
	'v': {{"virus", false, cThreat}, {"vulnerab", false, cThreat}, {"violation", false, cThreat}},
	'w': {{"worm", false, cThreat}, {"wrong", false, cFail}, {"web", true, cWeb}, {"webfilter", true, cURL}},
	'x': {{"xss", true, cThreat}},
}

func isLetter(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' }
