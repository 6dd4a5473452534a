package paloalto

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

var vendor = parsetest.Vendor{
	Name:   "paloalto",
	Detect: Detect,
	Parse:  Parse,
	Now:    time.Date(2026, 11, 23, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenTagged,
}

func TestCases(t *testing.T)      { parsetest.RunCases(t, vendor) }
func FuzzParse(f *testing.F)      { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B) { parsetest.Bench(b, vendor) }

// panChecks maps CrowdSec's keys to Event fields. CrowdSec keeps the
// threat as PAN-OS writes it, "Name(ID)"; Kizuki splits it into threat
// and vendor_id.
var panChecks = map[string]parsetest.Check{
	"Parsed.src_ip": parsetest.CheckSrcIP, "Parsed.dst_ip": parsetest.CheckDstIP,
	"Parsed.src_port": parsetest.CheckSrcPort, "Parsed.dst_port": parsetest.CheckDstPort,
	"Parsed.ip_proto": parsetest.CheckProto, "Meta.source_ip": parsetest.CheckSrcIP,
	"Parsed.action": parsetest.CheckAction(map[string]monitor.Action{"reset-both": monitor.ActionBlock,
		"alert": monitor.ActionAlert}),
	"Parsed.severity": func(e *monitor.Event, want string) (bool, bool) { return e.Severity == want, true },
	"Meta.severity":   func(e *monitor.Event, want string) (bool, bool) { return e.Severity == want, true },
	"Meta.threat_id": func(e *monitor.Event, want string) (bool, bool) {
		return e.Threat+"("+e.VendorID+")" == want, true
	},
	"Parsed.url_or_filename": func(e *monitor.Event, want string) (bool, bool) { return e.URL == want, true },
	"Parsed.rule":            func(e *monitor.Event, want string) (bool, bool) { return true, false },
}

func TestConformance(t *testing.T) {
	files := []parsetest.CrowdSecFile{
		{Log: "crowdsec/paloalto/palo-alto-threat/palo-alto-threat.log", Assert: "crowdsec/paloalto/palo-alto-threat/parser.assert",
			Parsers: []string{"s01-parse/crowdsecurity/palo-alto-threat-log"}},
	}
	samples, err := filepath.Glob(filepath.Join(parsetest.CorpusDir(t), "cribl", "paloalto", "*.json"))
	if err != nil || len(samples) == 0 {
		t.Fatalf("no Cribl samples: %v", err)
	}
	for _, p := range samples {
		// Cribl's samples come without expected fields: recognition only.
		files = append(files, parsetest.CrowdSecFile{Log: filepath.Base(p), Lines: parsetest.CriblRaw(t, p)})
	}
	parsetest.CrowdSec(t, vendor, files, panChecks)
}

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want []string
	}{
		{`a,,b`, []string{"a", "", "b"}},
		{`a,"b,c",d`, []string{"a", "b,c", "d"}},
		{`"say ""hi""",x`, []string{`say "hi"`, "x"}},
		{`"unterminated,x`, []string{"unterminated,x"}},
		{`"q"junk,y`, []string{"q", "y"}},
		{`trailing,`, []string{"trailing", ""}},
	}
	for _, tt := range tests {
		var f fields
		f.split(tt.in)
		got := f.f[:f.n]
		if strings.Join(got, "|") != strings.Join(tt.want, "|") || len(got) != len(tt.want) {
			t.Errorf("split(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
