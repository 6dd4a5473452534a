package watchguard_test

import (
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
	"github.com/kizuki-app/kizuki/monitor/parse/watchguard"
)

var vendor = parsetest.Vendor{
	Name:                "watchguard",
	Detect:              watchguard.Detect,
	Parse:               watchguard.Parse,
	Now:                 time.Date(2024, 6, 1, 12, 0, 0, 0, parsetest.Tokyo),
	Golden:              parsetest.GoldenEvents,
	Corpus:              []string{"elastic/watchguard_firebox"},
	EveryCaseRecognized: true,
}

func TestCases(t *testing.T)                     { parsetest.RunCases(t, vendor) }
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }

// The corpus has no expected outputs for WatchGuard, so agreement is
// checked against what the line itself says, read here by regexps
// independent of the parser: the two addresses and ports of traffic lines,
// their Allow/Deny disposition, and the two ends of "X attack against A
// from B" alarms.
var (
	trafficRe = regexp.MustCompile(`msg_id="[^"]+" (Allow|Deny) .*? (\d+\.\d+\.\d+\.\d+) (\d+\.\d+\.\d+\.\d+)(?: (\d+) (\d+))?`)
	attackRe  = regexp.MustCompile(` against (\S+) from (\S+) detected`)
)

func TestConformance(t *testing.T) {
	parsetest.Agreement(t, vendor, "elastic/watchguard_firebox/*.log", agreement)
}

func agreement(line string, e *monitor.Event, check func(name, got, want string)) {
	if m := trafficRe.FindStringSubmatch(line); m != nil {
		check("src_ip", e.SrcIP, m[2])
		check("dst_ip", e.DstIP, m[3])
		// A proxy that strips or locks a virus lets the connection through
		// (Allow) but stops the threat, so only non-threat events must
		// follow the disposition.
		if e.Kind != monitor.KindThreat {
			stopped := e.Action == monitor.ActionDeny || e.Action == monitor.ActionBlock
			check("stopped", strconv.FormatBool(stopped), strconv.FormatBool(m[1] == "Deny"))
		}
		if m[4] != "" && e.Proto != "icmp" {
			check("src_port", parsetest.PortString(e.SrcPort), parsetest.LinePort(m[4]))
			check("dst_port", parsetest.PortString(e.DstPort), parsetest.LinePort(m[5]))
		}
	}
	if m := attackRe.FindStringSubmatch(line); m != nil {
		check("dst_ip", e.DstIP, m[1])
		check("src_ip", e.SrcIP, m[2])
	}
}
