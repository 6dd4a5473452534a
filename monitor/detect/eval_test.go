package detect_test

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/detect"
	"github.com/kizuki-app/kizuki/monitor/loggen"
)

// TestEval replays generated scenarios (both vendors, several seeds, with
// and without attacks) and scores the findings against the generator's
// ground truth: an incident is found when a finding of its expected rule
// names its subject (or, for a campaign, lists its sources); a finding
// that matches no incident is a false positive. Recall and precision are
// printed (go test -run Eval -v) and must stay at 1.
func TestEval(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("generates and replays several multi-day logs")
	}
	type score struct{ incidents, found, findings, correct int }
	var total score
	perRule := map[string]*score{}
	var lines []string
	for _, vendor := range []monitor.Vendor{monitor.VendorFortiGate, monitor.VendorYamahaRTX} {
		for _, seed := range []int64{1, 2, 3, 4} {
			for _, benign := range []bool{false, true} {
				cfg := loggen.Config{Vendor: vendor, Days: 5, Lines: 20000, Seed: seed}
				if benign {
					cfg.Attacks = []string{}
				}
				var log bytes.Buffer
				truth, err := loggen.Generate(cfg, &log)
				if err != nil {
					t.Fatal(err)
				}
				engine, err := detect.NewDefault(detect.Settings{})
				if err != nil {
					t.Fatal(err)
				}
				findings := run(t, engine, log.Bytes())
				matched := make([]bool, len(findings))
				var missed []string
				for _, inc := range truth.Incidents {
					s := perRule[inc.ExpectedRule]
					if s == nil {
						s = &score{}
						perRule[inc.ExpectedRule] = s
					}
					s.incidents++
					total.incidents++
					i := slices.IndexFunc(findings, func(f monitor.Finding) bool { return matches(f, inc) })
					if i < 0 {
						missed = append(missed, inc.ExpectedRule+" "+inc.Subject)
						continue
					}
					s.found++
					total.found++
					for j, f := range findings {
						if matches(f, inc) {
							matched[j] = true
						}
					}
				}
				var spurious []string
				for i, f := range findings {
					total.findings++
					if matched[i] {
						total.correct++
					} else {
						spurious = append(spurious, fmt.Sprintf("%s %s (%s)", f.Rule, f.Subject, f.Severity))
					}
				}
				name := fmt.Sprintf("%s seed %d", vendor, seed)
				if benign {
					name += " benign"
				}
				lines = append(lines, fmt.Sprintf("%-28s lines %6d incidents %d findings %d missed %v false %v",
					name, truth.Lines, len(truth.Incidents), len(findings), missed, spurious))
				if len(missed) > 0 || len(spurious) > 0 {
					t.Errorf("%s: missed %v, false positives %v", name, missed, spurious)
				}
			}
		}
	}
	for _, l := range lines {
		t.Log(l)
	}
	for _, rule := range slices.Sorted(mapKeys(perRule)) {
		s := perRule[rule]
		t.Logf("%-22s recall %d/%d", rule, s.found, s.incidents)
	}
	recall := float64(total.found) / float64(max(total.incidents, 1))
	precision := float64(total.correct) / float64(max(total.findings, 1))
	t.Logf("recall %.3f (%d/%d incidents), precision %.3f (%d/%d findings)",
		recall, total.found, total.incidents, precision, total.correct, total.findings)
}

// matches reports whether finding f is the detection of incident inc.
func matches(f monitor.Finding, inc loggen.Incident) bool {
	if f.Rule != inc.ExpectedRule {
		return false
	}
	switch inc.ExpectedRule {
	case "vpn_spraying":
		// The subject names the service at the source (the file here);
		// the campaign is the same when it lists the incident's sources.
		return strings.Contains(f.Subject, "@") && len(inc.Sources) > 0 && slices.Contains(f.Evidence.Sources, inc.Sources[0])
	case "source_silent":
		return !f.FirstSeen.After(inc.First) && !f.LastSeen.Before(inc.Last)
	}
	return f.Subject == inc.Subject
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}
