package fortigate_test

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor/parse/field"
	"github.com/kizuki-app/kizuki/monitor/parse/fortigate"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

var vendor = parsetest.Vendor{
	Name:   "fortigate",
	Detect: fortigate.Detect,
	Parse:  fortigate.Parse,
	Now:    time.Date(2025, 6, 1, 12, 0, 0, 0, parsetest.Tokyo),
	Golden: parsetest.GoldenResults,
	Corpus: []string{"elastic/fortinet_fortigate", "cribl/fortigate"},
}

func TestCases(t *testing.T)                     { parsetest.RunCases(t, vendor) }
func TestDetectIgnoresOtherCorpora(t *testing.T) { parsetest.ForeignLinesNotClaimed(t, vendor) }
func FuzzParse(f *testing.F)                     { parsetest.Fuzz(f, vendor) }
func BenchmarkParse(b *testing.B)                { parsetest.Bench(b, vendor) }

// TestDetectRejectsOtherVendors keeps Detect from claiming look-alikes.
func TestDetectRejectsOtherVendors(t *testing.T) {
	parsetest.NotClaimed(t, vendor,
		`device="SFW" date=2020-05-18 time=14:38:48 timezone="CEST" device_name="XG230" log_id=010101600001 log_type="Firewall" log_component="Firewall Rule" log_subtype="Allowed"`,
		`date=2012-08-17 time=12:26:41 device_id=FE100C3909600504 log_id=0001001623 type=event subtype=admin pri=information user=admin ui=GUI(172.20.120.26) action=login status=success`,
		`<134>2024:01:02-10:11:12 utm ulogd[1234]: id="2001" severity="info" sys="SecureNet" sub="packetfilter" name="Packet dropped" action="drop"`,
		`<13>Jan  2 10:11:12 host sshd[42]: Failed password for root from 192.0.2.9 port 2222 ssh2 mylogid=1 type=x`,
	)
}

// TestConformance reads every FortiGate line of the shared corpus: the
// Elastic sample and the raw line of every Cribl sample event. It has no
// expected outputs, so beyond recognizing each line the test checks that
// what the line plainly says (addresses, log id) reaches the event.
func TestConformance(t *testing.T) {
	t.Parallel()
	dir := parsetest.CorpusDir(t)
	elastic := filepath.Join(dir, "elastic", "fortinet_fortigate", "test-fortinet-7-4.log")
	files := map[string][]string{elastic: parsetest.ReadLines(t, elastic)}
	cribl, err := filepath.Glob(filepath.Join(dir, "cribl", "fortigate", "*.json"))
	if err != nil || len(cribl) == 0 {
		t.Fatalf("no Cribl FortiGate samples in the corpus (%v)", err)
	}
	for _, name := range cribl {
		files[name] = parsetest.CriblRaw(t, name)
	}
	for _, name := range append(cribl, elastic) {
		recognized := 0
		for i, line := range files[name] {
			o := vendor.Run(line)
			switch {
			case !o.Detected:
				t.Errorf("%s:%d: not detected: %s", filepath.Base(name), i+1, line)
				continue
			case !o.Recognized():
				t.Errorf("%s:%d: not parsed (%+v): %s", filepath.Base(name), i+1, o.Event, line)
				continue
			}
			recognized++
			e := o.Event
			if e.VendorID == "" || e.Time.IsZero() {
				t.Errorf("%s:%d: no log id or time: %+v", filepath.Base(name), i+1, e)
			}
			for _, kv := range [][2]string{{" srcip=", e.SrcIP}, {" dstip=", e.DstIP}} {
				if v := value(line, kv[0]); field.IsAddr(v) && kv[1] == "" {
					t.Errorf("%s:%d: %s%s lost", filepath.Base(name), i+1, kv[0], v)
				}
			}
		}
		t.Logf("%s: %d/%d lines recognized", filepath.Base(name), recognized, len(files[name]))
	}
}

// value returns the unquoted value after key in line.
func value(line, key string) string {
	i := strings.Index(line, key)
	if i < 0 {
		return ""
	}
	v := line[i+len(key):]
	v, _, _ = strings.Cut(v, " ")
	return strings.Trim(v, `"`)
}
