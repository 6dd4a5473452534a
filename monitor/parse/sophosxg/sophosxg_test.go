package sophosxg_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
	"github.com/kizuki-app/kizuki/monitor/parse/sophosxg"
)

var vendor = parsetest.Vendor{
	Name:   "sophos-xg",
	Detect: sophosxg.Detect,
	Parse:  sophosxg.Parse,
	Now:    time.Date(2025, 6, 1, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenResults,
	Corpus: []string{"elastic/sophos_xg"},
}

func TestCases(t *testing.T)                     { parsetest.RunCases(t, vendor) }
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }

// TestDetectRejectsOtherVendors keeps Detect from claiming look-alikes.
func TestDetectRejectsOtherVendors(t *testing.T) {
	parsetest.NotClaimed(t, vendor,
		`date=2025-05-30 time=09:15:02 devname="FGT60F" devid="FGT60FTK21000001" logid="0000000013" type="traffic" subtype="forward" level="notice" srcip=192.168.10.23 dstip=203.0.113.80 action="close"`,
		`<30>2024:01:02-10:11:12 utm ulogd[1234]: id="2001" severity="info" sys="SecureNet" sub="packetfilter" name="Packet dropped" action="drop"`,
		`<13>Jan  2 10:11:12 host app: device="printer" log_type="x"`,
	)
}

// expected is the part of an Elastic expected document the test compares.
type expected struct {
	Source struct {
		IP   string `json:"ip"`
		Port int    `json:"port"`
		User struct {
			Name string `json:"name"`
		} `json:"user"`
	} `json:"source"`
	Destination struct {
		IP   string `json:"ip"`
		Port int    `json:"port"`
	} `json:"destination"`
	Event struct {
		Action string `json:"action"`
	} `json:"event"`
	Network struct {
		Transport string `json:"transport"`
	} `json:"network"`
	URL struct {
		Original string `json:"original"`
	} `json:"url"`
	Sophos struct {
		XG struct {
			Virus      string `json:"virus"`
			Threatname string `json:"threatname"`
		} `json:"xg"`
	} `json:"sophos"`
}

// elasticActions translates Elastic's event.action, which is SFOS's
// log_subtype, into Kizuki's vocabulary (ARCHITECTURE.md): SFOS logs a
// virus only when it stopped the file, and an ATP "drop" is a security
// engine stopping a connection, so both are "block", not a policy "deny".
var elasticActions = map[string]monitor.Action{
	"Virus": monitor.ActionBlock,
	"alert": monitor.ActionAlert,
	"drop":  monitor.ActionBlock,
}

// TestConformance reads every line of the Elastic Sophos XG samples and
// compares the fields Elastic's expected outputs share with Kizuki's
// event.
func TestConformance(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(parsetest.CorpusDir(t), "elastic", "sophos_xg")
	logs, err := filepath.Glob(filepath.Join(dir, "*.log"))
	if err != nil || len(logs) == 0 {
		t.Fatalf("no Sophos XG samples in %s (%v)", dir, err)
	}
	for _, name := range logs {
		lines := parsetest.ReadLines(t, name)
		var want struct {
			Expected []expected `json:"expected"`
		}
		if data, err := os.ReadFile(name + "-expected.json"); err == nil {
			if err := json.Unmarshal(data, &want); err != nil {
				t.Fatalf("%s-expected.json: %v", name, err)
			}
			if len(want.Expected) != len(lines) {
				t.Fatalf("%s: %d lines, %d expected documents", name, len(lines), len(want.Expected))
			}
		}
		recognized, compared, agreed := 0, 0, 0
		for i, line := range lines {
			where := fmt.Sprintf("%s:%d", filepath.Base(name), i+1)
			r := vendor.Run(line)
			if !r.Recognized() {
				t.Errorf("%s: not recognized (%+v): %s", where, r.Event, line)
				continue
			}
			recognized++
			if want.Expected == nil {
				continue
			}
			x, e := want.Expected[i], r.Event
			for _, f := range []struct {
				name      string
				got, want any
			}{
				{"source.ip", e.SrcIP, x.Source.IP},
				{"destination.ip", e.DstIP, x.Destination.IP},
				{"source.port", e.SrcPort, x.Source.Port},
				{"destination.port", e.DstPort, x.Destination.Port},
				{"user.name", e.User, x.Source.User.Name},
				{"event.action", e.Action, elasticActions[x.Event.Action]},
				// Elastic keeps SFOS's stray space (" icmp"); Kizuki trims it.
				{"network.transport", e.Proto, strings.TrimSpace(x.Network.Transport)},
				{"url.original", e.URL, x.URL.Original},
				{"threat", e.Threat, x.Sophos.XG.Virus + x.Sophos.XG.Threatname},
			} {
				compared++
				if f.got != f.want {
					t.Errorf("%s: %s = %v, Elastic says %v", where, f.name, f.got, f.want)
					continue
				}
				agreed++
			}
		}
		t.Logf("%s: %d/%d lines recognized, %d/%d fields agree with Elastic", filepath.Base(name), recognized, len(lines), agreed, compared)
	}
}
