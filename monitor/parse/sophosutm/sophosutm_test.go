package sophosutm_test

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosutm"
)

// vendor has no corpus of its own: the shared corpus holds no UTM lines.
var vendor = parsetest.Vendor{
	Name:   "sophos-utm",
	Detect: sophosutm.Detect,
	Parse:  sophosutm.Parse,
	Now:    time.Date(2025, 6, 1, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenResults,
}

func TestCases(t *testing.T)                     { parsetest.RunCases(t, vendor) }
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }

// TestDetectRejectsOtherVendors keeps Detect from claiming look-alikes.
func TestDetectRejectsOtherVendors(t *testing.T) {
	parsetest.NotClaimed(t, vendor,
		`device="SFW" date=2020-05-18 time=14:38:48 timezone="CEST" device_name="XG230" device_id=1234567890123456 log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed"`,
		`date=2025-05-30 time=09:15:02 devname="FGT60F" devid="FGT60FTK21000001" logid="0000000013" type="traffic" subtype="forward" level="notice"`,
		`<13>Jan  2 10:11:12 host app: id="42" name="not a utm line"`,
		`2024-01-02 10:11:12 host app: something`,
	)
}
