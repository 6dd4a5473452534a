package cef

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

var vendor = parsetest.Vendor{
	Name:   "cef",
	Detect: Detect,
	Parse:  Parse,
	Now:    time.Date(2026, 11, 23, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenTagged,
}

func TestCases(t *testing.T)      { parsetest.RunCases(t, vendor) }
func FuzzParse(f *testing.F)      { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B) { parsetest.Bench(b, vendor) }

// cefChecks maps CrowdSec's keys to Event fields. Left out on purpose:
// Meta.service ("unifi"), CrowdSec's own grouping, and the header fields
// CrowdSec copies verbatim that Kizuki keeps only as severity and
// vendor_id.
var cefChecks = map[string]parsetest.Check{
	"Meta.source_ip": parsetest.CheckSrcIP, "Meta.destination_ip": parsetest.CheckDstIP,
	"Meta.source_port": parsetest.CheckSrcPort, "Meta.destination_port": parsetest.CheckDstPort,
	"Meta.protocol": parsetest.CheckProto, "Meta.admin_user": parsetest.CheckUser,
	"Parsed.cef_severity":     func(e *monitor.Event, want string) (bool, bool) { return e.Severity == want, true },
	"Parsed.cef_signature_id": func(e *monitor.Event, want string) (bool, bool) { return e.VendorID == want, true },
	"Meta.ips_signature":      func(e *monitor.Event, want string) (bool, bool) { return e.Threat == want, true },
	"Meta.action":             parsetest.CheckAction(map[string]monitor.Action{"blocked": monitor.ActionBlock}),
	"Meta.direction": func(e *monitor.Event, want string) (bool, bool) {
		return e.Direction == monitor.DirectionInbound, want == "incoming"
	},
}

func TestConformance(t *testing.T) {
	parsetest.CrowdSec(t, vendor, []parsetest.CrowdSecFile{
		// Two of these lines are malformed on purpose ("CEF: 0|…" and a
		// record without "CEF:"); CrowdSec's parser reads them, and so
		// does this one.
		{Log: "crowdsec/cef/cef-logs/cef-logs.log", Assert: "crowdsec/cef/cef-logs/parser.assert",
			Parsers: []string{"s00-raw/crowdsecurity/cef-logs"}},
		// UniFi's CEF lines, checked against CrowdSec's UniFi parser.
		{Log: "crowdsec/unifi/unifi-cef/cef-logs.log", Assert: "crowdsec/unifi/unifi-cef/parser.assert",
			Parsers: []string{"s01-parse/crowdsecurity/unifi-cef"}},
	}, cefChecks)
}
