package ciscoasa_test

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/ciscoasa"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

// vendor has no corpus of its own: the shared corpus holds no ASA or FTD
// lines (the ASA fixtures are Kizuki's own).
var vendor = parsetest.Vendor{
	Name:                "cisco-asa",
	Detect:              ciscoasa.Detect,
	Parse:               ciscoasa.Parse,
	Now:                 time.Date(2024, 6, 1, 12, 0, 0, 0, parsetest.Tokyo),
	Golden:              parsetest.GoldenEvents,
	EveryCaseRecognized: true,
}

func TestCases(t *testing.T)                     { parsetest.RunCases(t, vendor) }
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }
