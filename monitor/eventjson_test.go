package monitor_test

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// stdJSON is encoding/json's form of e, the reference AppendJSON must match.
func stdJSON(t testing.TB, e *monitor.Event) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(e); err != nil {
		t.Fatal(err)
	}
	return bytes.TrimSuffix(buf.Bytes(), []byte("\n"))
}

var jst = time.FixedZone("JST", 9*60*60)

func TestAppendJSONMatchesEncodingJSON(t *testing.T) {
	t.Parallel()
	full := monitor.Event{
		Time: time.Date(2026, 11, 23, 9, 41, 7, 123456789, jst), TimeGuessed: true,
		Received: time.Date(2026, 11, 23, 0, 41, 8, 0, time.UTC), Source: "FGT60F",
		Vendor: monitor.VendorFortiGate, Kind: monitor.KindAuth, Action: monitor.ActionLoginFailure,
		Direction: monitor.DirectionInbound, SrcIP: "203.0.113.45", SrcPort: 51234, DstIP: "192.0.2.1", DstPort: 443,
		Proto: "tcp", User: "admin", Service: "ssl-vpn", Threat: "t", Category: "c", URL: "https://x/?a=1&b=<2>",
		Domain: "x", Severity: "alert", Country: "JP", VendorID: "0101039426", Malformed: true,
		Raw: "quote\" back\\ nl\n cr\r tab\t nul\x00 bell\x07 del\x7f 日本語 \u2028\u2029 bad\xff\xfe end",
	}
	tests := map[string]monitor.Event{
		"every field":  full,
		"zero event":   {},
		"unknown line": {Vendor: monitor.VendorUnknown, Kind: monitor.KindUnknown, Raw: "x", Time: time.Unix(0, 0).UTC()},
	}
	for name, e := range tests {
		got := e.AppendJSON(nil)
		if want := stdJSON(t, &e); !bytes.Equal(got, want) {
			t.Errorf("%s:\n got %s\nwant %s", name, got, want)
		}
	}
}

func FuzzAppendJSON(f *testing.F) {
	f.Add("plain", "user", 443)
	f.Add("a\"b\\c\n\x00\xff\u2028", "日本", 0)
	f.Fuzz(func(t *testing.T, raw, user string, port int) {
		e := monitor.Event{Raw: raw, User: user, SrcPort: port, Time: time.Unix(1, 0).UTC()}
		if got, want := e.AppendJSON(nil), stdJSON(t, &e); !bytes.Equal(got, want) {
			t.Fatalf("got %s\nwant %s", got, want)
		}
	})
}

func BenchmarkEventJSON(b *testing.B) {
	e := monitor.Event{
		Time: time.Date(2026, 11, 23, 9, 41, 7, 0, jst), Received: time.Date(2026, 11, 23, 9, 41, 8, 0, jst),
		Source: "FGT60F", Vendor: monitor.VendorFortiGate, Kind: monitor.KindTraffic, Action: monitor.ActionAllow,
		Direction: monitor.DirectionOutbound, SrcIP: "192.168.1.23", SrcPort: 50412, DstIP: "198.51.100.80", DstPort: 443,
		Proto: "tcp", Country: "US", VendorID: "0000000013",
		Raw: `date=2026-11-23 time=09:41:07 devname="FGT60F" devid="FGT60FTK2109XXXX" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.168.1.23 srcport=50412 dstip=198.51.100.80 dstport=443 action="accept"`,
	}
	b.Run("AppendJSON", func(b *testing.B) {
		buf := make([]byte, 0, 1024)
		for b.Loop() {
			buf = e.AppendJSON(buf[:0])
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		var buf bytes.Buffer
		enc := json.NewEncoder(&buf)
		enc.SetEscapeHTML(false)
		for b.Loop() {
			buf.Reset()
			enc.Encode(&e)
		}
	})
}
