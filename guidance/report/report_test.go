package report

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/kizuki-app/kizuki/assets"
	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

var (
	jst = time.FixedZone("JST", 9*60*60)
	now = time.Date(2026, 11, 23, 10, 0, 0, 0, jst)
)

// sampleMonthly is November 2026 with the seed talk's three incidents: the
// SSL-VPN brute force over three days, the PC sending virus zips, and the
// browser notification beaconing.
func sampleMonthly(t testing.TB) guidance.MonthlyReport {
	lib, err := guidance.Default()
	if err != nil {
		t.Fatal(err)
	}
	day := func(d, h int) time.Time { return time.Date(2026, 11, d, h, 0, 0, 0, jst) }
	findings := []monitor.Finding{
		{ID: 1, Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F", FirstSeen: day(20, 23), LastSeen: day(23, 9), Count: 1843, State: monitor.StateOpen},
		{ID: 2, Rule: "infected_pc", Severity: monitor.SeverityHigh, Subject: "192.168.1.23", FirstSeen: day(5, 10), LastSeen: day(6, 15), Count: 14, State: monitor.StateResolved},
		{ID: 3, Rule: "beaconing", Severity: monitor.SeverityMedium, Subject: "192.168.1.40", FirstSeen: day(12, 9), LastSeen: day(14, 18), Count: 96, State: monitor.StateAcknowledged},
	}
	wizards := []monitor.WizardProgress{{Playbook: "beaconing", Subject: "3", Variant: "chrome",
		Outcomes: map[string]string{"find_pc": "done", "revoke_notifications": "done"}, Started: day(14, 9), Updated: day(14, 10)}}
	ipa, _ := lib.Checklist("ipa_5min")
	var history []monitor.ChecklistAnswer
	for i, it := range ipa.Items() {
		a := "yes"
		switch i % 5 {
		case 3:
			a = "partial"
		case 4:
			a = "no"
		}
		history = append(history, monitor.ChecklistAnswer{Checklist: "ipa_5min", Item: it.ID, Answer: a, At: day(2, 9)})
	}
	var results []guidance.Result
	for _, c := range lib.Checklists() {
		results = append(results, guidance.Evaluate(c, history, guidance.Facts{Known: true, LogRetentionDays: 120, LogSources: 1, LogsFlowing: true, OpenSerious: 1}))
	}
	return lib.BuildMonthly(guidance.MonthlyInput{
		Month: day(1, 0), Now: now, Findings: findings, Active: []monitor.Finding{findings[0], findings[2]},
		Wizards: wizards, Results: results,
		History: []monitor.ScoreSnapshot{{Checklist: "ipa_5min", Score: 64, Band: "weak", At: day(2, 9)}},
	})
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (go test -update rewrites it)", path)
	}
}

func TestMonthlyModel(t *testing.T) {
	t.Parallel()
	m := sampleMonthly(t)
	if len(m.Days) != 30 {
		t.Fatalf("%d days in November", len(m.Days))
	}
	levels := map[int]monitor.Level{5: monitor.LevelRed, 6: monitor.LevelRed, 7: monitor.LevelGreen, 13: monitor.LevelYellow, 21: monitor.LevelRed, 23: monitor.LevelRed}
	for d, want := range levels {
		if got := m.Days[d-1].Level; got != want {
			t.Errorf("Nov %d: %s, want %s", d, got, want)
		}
	}
	if !m.Days[23].Future || m.Days[22].Future {
		t.Error("days after the report should be marked future, today not")
	}
	progress := map[string]guidance.Progress{}
	for _, f := range m.Findings {
		progress[f.Finding.Rule] = f.Progress
	}
	if progress["infected_pc"] != guidance.ProgressResolved || progress["beaconing"] != guidance.ProgressStarted || progress["vpn_bruteforce"] != guidance.ProgressNotStarted {
		t.Errorf("progress %v", progress)
	}
	if len(m.Next) != 3 || m.Next[0].Playbook != "vpn_bruteforce" {
		t.Errorf("next actions %+v, want three with the VPN brute force first", m.Next)
	}
}

func TestMonthlyHTML(t *testing.T) {
	t.Parallel()
	for _, lang := range []guidance.Lang{guidance.Japanese, guidance.English} {
		var b bytes.Buffer
		if err := Monthly(&b, HTML, sampleMonthly(t), lang); err != nil {
			t.Fatal(err)
		}
		golden(t, "monthly."+string(lang)+".html", b.Bytes())
	}
}

func TestInsuranceHTML(t *testing.T) {
	t.Parallel()
	lib, _ := guidance.Default()
	ins, _ := lib.Checklist("insurance")
	res := guidance.Evaluate(ins, []monitor.ChecklistAnswer{{Checklist: "insurance", Item: "mfa_remote", Answer: "no", At: now}},
		guidance.Facts{Known: true, LogRetentionDays: 120, LogSources: 1, LogsFlowing: true})
	var b bytes.Buffer
	if err := Insurance(&b, HTML, res, now, guidance.Japanese); err != nil {
		t.Fatal(err)
	}
	golden(t, "insurance.ja.html", b.Bytes())
	if !strings.Contains(b.String(), "はい（Kizuki が確認）") {
		t.Error("prefilled answers are not marked as checked by Kizuki")
	}
}

// TestPDFJapaneseIsText renders both reports as PDF and reads them back
// with pdftotext: the Japanese must come out as text, not as shapes.
func TestPDFJapaneseIsText(t *testing.T) {
	t.Parallel()
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (Debian poppler-utils) is not installed: cannot check that the PDF's Japanese is extractable; make deps installs it")
	}
	var b bytes.Buffer
	if err := Monthly(&b, PDF, sampleMonthly(t), guidance.Japanese); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
	path := filepath.Join(t.TempDir(), "monthly.pdf")
	if err := os.WriteFile(path, b.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(pdftotext, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	text := string(out)
	for _, want := range []string{
		"月次セキュリティレポート", "2026年11月", "赤 6 日、黄 3 日、緑 14 日でした。",
		"VPN へのパスワード総当たり攻撃", "ssl-vpn@FGT60F", "VPN がいま攻撃されており", "解決済み",
		"5分でできる！情報セキュリティ自社診断",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext output lacks %q:\n%s", want, text)
		}
	}
	if b.Len() > 400<<10 {
		t.Errorf("PDF is %d bytes: the font should be embedded as a subset", b.Len())
	}
}

// TestWordsHaveGlyphs: the report's own words are in the bundled font.
func TestWordsHaveGlyphs(t *testing.T) {
	t.Parallel()
	f, err := sfnt.Parse(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	check := func(key, s string) {
		for _, r := range s {
			if unicode.IsSpace(r) {
				continue
			}
			if g, err := f.GlyphIndex(&buf, r); err != nil || g == 0 {
				t.Errorf("%s: no glyph for %q", key, r)
			}
		}
	}
	for key, t := range words {
		check(key, t.Ja)
		check(key, t.En)
	}
	for _, m := range lightMarks {
		check("mark", m)
	}
}

func TestWordsComplete(t *testing.T) {
	t.Parallel()
	for key, w := range words {
		if w.Ja == "" || w.En == "" {
			t.Errorf("%s lacks a language", key)
		}
	}
}

func BenchmarkMonthlyPDF(b *testing.B) {
	m := sampleMonthly(b)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Monthly(&buf, PDF, m, guidance.Japanese); err != nil {
			b.Fatal(err)
		}
	}
}
