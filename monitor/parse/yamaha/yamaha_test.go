package yamaha

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

var vendor = parsetest.Vendor{
	Name:   "yamaha-rtx",
	Detect: Detect,
	Parse:  Parse,
	// Now anchors RFC 3164 years in relayed lines.
	Now:                 time.Date(2024, 5, 20, 12, 0, 0, 0, parsetest.Tokyo),
	Golden:              parsetest.GoldenDetectParse,
	Corpus:              []string{"yamaha"},
	EveryCaseRecognized: true,
	ParsesWhatItDetects: true,
}

func TestCases(t *testing.T) {
	if n := len(parsetest.Cases(t)); n < 30 {
		t.Fatalf("%d fixture lines, want at least 30", n)
	}
	parsetest.RunCases(t, vendor)
}

// TestDetectIgnoresOtherCorpora runs Detect over every line of the other
// vendors' corpus files: none may pass for Yamaha.
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }

// otherVendors are lines of the formats Yamaha's must never be taken for.
var otherVendors = []string{
	`date=2024-05-14 time=09:12:42 devname="FGT60F" devid="FGT60FTK1234" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.168.1.5 dstip=8.8.8.8 action="deny"`,
	`<189>date=2024-05-14 time=09:12:42 logid="0100032002" type="event" subtype="system" level="alert" logdesc="Admin login failed" user="admin" ui="https(203.0.113.5)" action="login" status="failed"`,
	`<4>May 14 09:12:42 gw kernel: [12345.678901] IN=eth0 OUT= MAC=00:11:22:33:44:55 SRC=203.0.113.5 DST=198.51.100.2 LEN=40 PROTO=TCP SPT=51234 DPT=23 SYN`,
	`May 14 09:12:42 gw kernel: DROP IN=ppp0 OUT=eth1 SRC=203.0.113.5 DST=192.168.1.5 PROTO=UDP SPT=53 DPT=1024`,
	`<166>%ASA-6-302013: Built inbound TCP connection 123 for outside:203.0.113.5/51234 (203.0.113.5/51234) to inside:192.168.1.5/443 (198.51.100.2/443)`,
	`<164>May 14 2024 09:12:42: %ASA-4-106023: Deny tcp src outside:203.0.113.5/51234 dst inside:192.168.1.5/23 by access-group "outside_in"`,
	`CEF:0|Security|threatmanager|1.0|100|worm successfully stopped|10|src=10.0.0.1 dst=2.1.2.2 spt=1232`,
	`<134>1 2024-05-14T09:12:42+09:00 fw filterlog 123 - - 5,,,1000000103,igb0,match,block,in,4,0x0,,64,0,0,DF,6,tcp,60,203.0.113.5,198.51.100.2,51234,23,0,S`,
	`May 14 09:12:42 vpn charon: 05[IKE] initiating IKE_SA home[1] to 203.0.113.2`,
	`May 14 09:12:42 host app[123]: [INFO] Login succeeded for user bob`,
	`[ERROR] connection refused`,
	`[NTP] clock synchronized`,
	`Login succeeded for user admin from 203.0.113.5`,
	`2024-05-14 09:12:42: something else entirely`,
	`Configuration saved`,
	`LAN: link up`,
	``,
}

// TestDetectRejectsOtherVendors holds lines of the formats Yamaha's must
// never be taken for; the conformance test adds every non-Yamaha corpus
// line.
func TestDetectRejectsOtherVendors(t *testing.T) {
	parsetest.NotClaimed(t, vendor, otherVendors...)
}

// BenchmarkDetectOthers measures what Yamaha's Detect costs the lines of
// other vendors, which every line pays while the vendor is being found.
func BenchmarkDetectOthers(b *testing.B) {
	type split struct {
		h   syslog.Header
		msg string
	}
	msgs := make([]split, len(otherVendors))
	for i, line := range otherVendors {
		msgs[i].h, msgs[i].msg = syslog.Split(line, parsetest.Tokyo, vendor.Now)
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		m := msgs[i%len(msgs)]
		if Detect(m.h, m.msg) {
			b.Fatalf("claimed %q", m.msg)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "lines/s")
}
