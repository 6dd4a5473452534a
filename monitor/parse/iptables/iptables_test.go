package iptables

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

var vendor = parsetest.Vendor{
	Name:   "iptables",
	Detect: Detect,
	Parse:  Parse,
	Now:    time.Date(2026, 11, 23, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenTagged,
}

func TestCases(t *testing.T)      { parsetest.RunCases(t, vendor) }
func FuzzParse(f *testing.F)      { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B) { parsetest.Bench(b, vendor) }

// iptablesChecks maps CrowdSec's keys to Event fields. Left out on
// purpose: Meta.log_type, which is "iptables_drop" for every record
// whatever its prefix says (ARCHITECTURE.md: say deny only when the line
// does), and Meta.service, CrowdSec's own protocol grouping.
var iptablesChecks = map[string]parsetest.Check{
	"Parsed.src_ip": parsetest.CheckSrcIP, "Parsed.dst_ip": parsetest.CheckDstIP,
	"Parsed.src_port": parsetest.CheckSrcPort, "Parsed.dst_port": parsetest.CheckDstPort,
	"Parsed.proto": parsetest.CheckProto, "Meta.source_ip": parsetest.CheckSrcIP, "Parsed.sshd_client_ip": parsetest.CheckSrcIP,
	"Parsed.sshd_invalid_user": parsetest.CheckUser, "Meta.target_user": parsetest.CheckUser,
	"Parsed.action": parsetest.CheckAction(map[string]monitor.Action{
		"D": monitor.ActionDeny, "A": monitor.ActionAllow, "DROP": monitor.ActionDeny, "REJECT": monitor.ActionDeny,
		"PVEFW-reject": monitor.ActionDeny, "ACCEPT": monitor.ActionAllow,
	}),
	"Meta.action": parsetest.CheckAction(map[string]monitor.Action{"drop": monitor.ActionDeny, "accept": monitor.ActionAllow}),
	"Parsed.logdate": func(e *monitor.Event, want string) (bool, bool) {
		t, err := time.Parse("02/Jan/2006:15:04:05 -0700", want)
		return err == nil && e.Time.Equal(t), true
	},
}

func TestConformance(t *testing.T) {
	parsetest.CrowdSec(t, vendor, []parsetest.CrowdSecFile{
		// The corpus' own garbage line ("XX=enp1s0" for "IN=") still has
		// an OUT= key and a whole record, so it is read.
		{Log: "crowdsec/iptables/iptables-logs/iptables-logs.log", Assert: "crowdsec/iptables/iptables-logs/parser.assert",
			Parsers: []string{"s01-parse/crowdsecurity/iptables-logs"}},
		{Log: "crowdsec/iptables/proxmox-iptables-logs/proxmox-iptables.log", Assert: "crowdsec/iptables/proxmox-iptables-logs/parser.assert",
			Parsers: []string{"s01-parse/aderumier/proxmox-iptables-logs"}},
		{Log: "crowdsec/unifi/unifi-logs/unifi-logs.log", Assert: "crowdsec/unifi/unifi-logs/parser.assert",
			Parsers: []string{"s00-raw/crowdsecurity/unifi-logs", "s01-parse/crowdsecurity/iptables-logs", "s01-parse/crowdsecurity/sshd-logs"}},
		// crowdsec/unifi/unifi-cef holds CEF lines: the cef package reads
		// them (vendor "cef") and checks them in its own conformance test.
	}, iptablesChecks)
}
