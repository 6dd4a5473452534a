package fortios

import (
	"encoding/json"
	"strings"
	"testing"
)

// FuzzEntryFrom feeds any bytes as one result of the FortiOS log API, which
// Kizuki fetches over the network: a result is either refused or becomes
// one syslog-like line without line breaks, with a key.
func FuzzEntryFrom(f *testing.F) {
	for _, seed := range []string{
		`{"date":"2026-11-23","time":"09:41:07","eventtime":1795394467000000000,"logid":"0101039426","type":"event","remip":"203.0.113.45","user":"admin"}`,
		`{"msg":"a\nb\r\u0000c","obj":{"a":[1,{"b":null}]},"odd key":"x","n":-1e400}`,
		`{"eventtime":"99999999999999999999999","_metadata":{"timestamp":-5}}`,
		`{"date":"1970-01-01","time":"00:00:00"}`,
		`[]`, `"x"`, `null`, `{`, `{"a":"\ud800"}`,
	} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		e, err := entryFrom(json.RawMessage(raw))
		if err != nil {
			return
		}
		if strings.ContainsAny(e.line, "\n\r") {
			t.Errorf("line break in %q", e.line)
		}
		if e.key == "" {
			t.Errorf("no key for %q", raw)
		}
	})
}

// FuzzParseCursor reads any stored cursor text: refused, or read back
// into a cursor that writes itself the same way again.
func FuzzParseCursor(f *testing.F) {
	f.Add(``)
	f.Add(newCursor().String())
	f.Add(`{"v":1,"high":1795394467000000000,"seen":{"abc":1}}`)
	f.Add(`{"v":2}`)
	f.Add(`{"v":1,"seen":null}`)
	f.Fuzz(func(t *testing.T, s string) {
		c, err := parseCursor(s)
		if err != nil {
			return
		}
		again, err := parseCursor(c.String())
		if err != nil || again.String() != c.String() {
			t.Errorf("cursor %q does not read back: %v", c.String(), err)
		}
	})
}
