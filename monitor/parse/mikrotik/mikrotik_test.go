package mikrotik

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

var vendor = parsetest.Vendor{
	Name:   "mikrotik",
	Detect: Detect,
	Parse:  Parse,
	Now:    time.Date(2026, 11, 23, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenTagged,
}

func TestCases(t *testing.T)      { parsetest.RunCases(t, vendor) }
func FuzzParse(f *testing.F)      { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B) { parsetest.Bench(b, vendor) }

// mikrotikChecks maps CrowdSec's keys to Event fields. Left out on
// purpose: Meta.log_type, "mikrotik_drop" for every firewall record
// whatever the rule did (ARCHITECTURE.md: say deny only when the line
// does; here only a log-prefix can), and Meta.service, CrowdSec's own
// grouping ("tcp_udp", "mikrotik").
var mikrotikChecks = map[string]parsetest.Check{
	"Parsed.source_ip": parsetest.CheckSrcIP, "Parsed.dst_ip": parsetest.CheckDstIP,
	"Parsed.src_port": parsetest.CheckSrcPort, "Parsed.dst_port": parsetest.CheckDstPort,
	"Parsed.proto": parsetest.CheckProto, "Meta.source_ip": parsetest.CheckSrcIP,
	"Meta.dst_port": parsetest.CheckDstPort, "Meta.user": parsetest.CheckUser,
	"Parsed.invalid_user": parsetest.CheckUser,
	"Parsed.tag":          func(e *monitor.Event, want string) (bool, bool) { return e.VendorID == want, true },
	"Meta.log_type": func(e *monitor.Event, want string) (bool, bool) {
		return e.Action == monitor.ActionLoginFailure, want == "mikrotik_failed_auth"
	},
}

func TestConformance(t *testing.T) {
	parsetest.CrowdSec(t, vendor, []parsetest.CrowdSecFile{
		{Log: "crowdsec/mikrotik/mikrotik-logs/mikrotik-logs.log", Assert: "crowdsec/mikrotik/mikrotik-logs/parser.assert",
			Parsers: []string{"s01-parse/a1ad/mikrotik-logs"}},
	}, mikrotikChecks)
}
