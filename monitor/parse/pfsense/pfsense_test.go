package pfsense

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

var vendor = parsetest.Vendor{
	Name:   "pfsense",
	Detect: Detect,
	Parse:  Parse,
	Now:    time.Date(2026, 11, 23, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenTagged,
}

func TestCases(t *testing.T)      { parsetest.RunCases(t, vendor) }
func FuzzParse(f *testing.F)      { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B) { parsetest.Bench(b, vendor) }

// pfChecks maps CrowdSec's keys to Event fields. Left out on purpose:
// Parsed.direction, which is the packet's way through the interface, not
// the network's, and Meta.service, CrowdSec's own grouping.
var pfChecks = map[string]parsetest.Check{
	"Parsed.src_ip": parsetest.CheckSrcIP, "Parsed.dst_ip": parsetest.CheckDstIP,
	"Parsed.src_port": parsetest.CheckSrcPort, "Parsed.dst_port": parsetest.CheckDstPort,
	"Parsed.ip4_proto": parsetest.CheckProto, "Parsed.ip6_proto": parsetest.CheckProto, "Meta.source_ip": parsetest.CheckSrcIP,
	"Parsed.action": parsetest.CheckAction(map[string]monitor.Action{"block": monitor.ActionDeny, "pass": monitor.ActionAllow}),
	"Parsed.rule":   func(e *monitor.Event, want string) (bool, bool) { return e.VendorID == want, true },
}

func TestConformance(t *testing.T) {
	parsetest.CrowdSec(t, vendor, []parsetest.CrowdSecFile{
		{Log: "crowdsec/pf/pf-logs/pf-logs.log", Assert: "crowdsec/pf/pf-logs/parser.assert",
			Parsers: []string{"s01-parse/firewallservices/pf-logs"}},
		// CrowdSec's test runs only the syslog parser over these lines, so
		// they are checked for recognition alone.
		{Log: "crowdsec/pfsense/pfsense-rfc5424-filterlog/pfsense-rfc5424-filterlog.log",
			Assert: "crowdsec/pfsense/pfsense-rfc5424-filterlog/parser.assert"},
		// crowdsec/opnsense/opnsense-sshd is left out: OPNsense's sshd
		// lines are out of this package's scope (the brief). Parse reads
		// that wording all the same, through the shared sshd reader.
	}, pfChecks)
}
