package parse

import (
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/kizuki-app/kizuki/monitor"
)

// FuzzParser feeds any bytes to the registry as a collector would: vendor
// detection over every parser, Shift_JIS decoding, direction and country.
// Whatever arrives, the event keeps the raw text as valid UTF-8, names a
// vendor, kind and action of the closed vocabularies, and has a time.
func FuzzParser(f *testing.F) {
	for _, seed := range []string{
		`<189>date=2026-11-23 time=09:00:00 devname="FGT60F" logid="0000000013" type="traffic" subtype="forward" srcip=203.0.113.9 dstip=192.168.1.10 dstport=3389 proto=6 action="deny"`,
		"2026/11/23 09:00:00: [INSPECT] LAN2[in][101080] TCP 203.0.113.9:40000 > 192.168.1.10:3389 (2026/11/23 09:00:00)",
		"<134>Nov 23 09:00:00 fw filterlog[1]: 5,,,1000,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,203.0.113.9,192.168.1.10,40000,3389,0,S,1,,64240,,mss",
		"CEF:0|Vendor|Product|1.0|100|name|5|src=203.0.113.9 dst=192.168.1.10",
		"\x82\xb1\x82\xea\x82\xcd Shift_JIS \x82\xc5\x82\xb7", // これは Shift_JIS です
		"invalid \xff\xfe utf-8 \xc3",
		"NUL\x00inside\x00",
		"<13>Jan  1 00:00:00 host date=1970-01-01 time=00:00:00 action=deny",
		"<13>1 2099-12-31T23:59:59Z host app - - - future",
		strings.Repeat("A", 70000),
		"",
	} {
		f.Add(seed)
	}
	received := time.Date(2026, 11, 23, 9, 0, 0, 0, time.UTC)
	f.Fuzz(func(t *testing.T, text string) {
		p := New()
		ev := p.Parse(monitor.Line{Received: received, Source: "FGT60F", Sender: "192.168.1.1", Text: text})
		if !utf8.ValidString(ev.Raw) {
			t.Errorf("raw is not valid UTF-8: %q", ev.Raw)
		}
		if text != "" && ev.Raw == "" {
			t.Errorf("raw lost: %q", text)
		}
		if ev.Vendor == "" || !slices.Contains(Supported(), ev.Vendor) && ev.Vendor != monitor.VendorUnknown {
			t.Errorf("vendor %q: %q", ev.Vendor, text)
		}
		if !slices.Contains(monitor.Kinds, ev.Kind) {
			t.Errorf("kind %q outside the vocabulary: %q", ev.Kind, text)
		}
		if ev.Action != "" && !slices.Contains(monitor.Actions, ev.Action) {
			t.Errorf("action %q outside the vocabulary: %q", ev.Action, text)
		}
		if ev.Time.IsZero() || ev.Received != received {
			t.Errorf("time %v, received %v: %q", ev.Time, ev.Received, text)
		}
	})
}
