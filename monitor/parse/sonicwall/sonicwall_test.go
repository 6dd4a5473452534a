package sonicwall_test

import (
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
	"github.com/kizuki-app/kizuki/monitor/parse/sonicwall"
)

var vendor = parsetest.Vendor{
	Name:                "sonicwall",
	Detect:              sonicwall.Detect,
	Parse:               sonicwall.Parse,
	Now:                 time.Date(2024, 6, 1, 12, 0, 0, 0, parsetest.Tokyo),
	Golden:              parsetest.GoldenEvents,
	Corpus:              []string{"elastic/sonicwall_firewall"},
	EveryCaseRecognized: true,
}

func TestCases(t *testing.T)                     { parsetest.RunCases(t, vendor) }
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }

// The corpus has no expected outputs for SonicWall, so agreement is
// checked against the line's own src=/dst=/usr= values, read here by a
// regexp independent of the parser.
var (
	srcRe = regexp.MustCompile(`(?:^| )src=([0-9.]+):(\d*)`)
	dstRe = regexp.MustCompile(`(?:^| )dst=([0-9.]+):(\d*)`)
	usrRe = regexp.MustCompile(` usr="([^"]*)"`)
)

func TestConformance(t *testing.T) {
	parsetest.Agreement(t, vendor, "elastic/sonicwall_firewall/*.log", agreement)
}

func agreement(line string, e *monitor.Event, check func(name, got, want string)) {
	if m := srcRe.FindStringSubmatch(line); m != nil && m[1] != "" {
		check("src_ip", e.SrcIP, m[1])
		check("src_port", parsetest.PortString(e.SrcPort), parsetest.LinePort(m[2]))
	}
	if m := dstRe.FindStringSubmatch(line); m != nil && m[1] != "" {
		check("dst_ip", e.DstIP, m[1])
		check("dst_port", parsetest.PortString(e.DstPort), parsetest.LinePort(m[2]))
	}
	if m := usrRe.FindStringSubmatch(line); m != nil && !strings.HasPrefix(m[1], "Unknown") {
		check("user", e.User, m[1])
	}
}
