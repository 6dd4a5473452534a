package guidance

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/kizuki-app/kizuki/assets"
	"github.com/kizuki-app/kizuki/guidance/content"
)

func mustDefault(t testing.TB) *Library {
	t.Helper()
	lib, err := Default()
	if err != nil {
		t.Fatalf("embedded guidance content: %v", err)
	}
	return lib
}

// ruleDocs are the documents that list the finding rules: the design
// (beside the repository, as CI has it) and the schema page.
var ruleDocs = []string{"../../shared/design/ARCHITECTURE.md", "../docs/schema.md"}

// ruleList finds the rule names of "`rule` (snake_case, stable: `a`, `b`, …)".
var ruleList = regexp.MustCompile("`rule`[^\n]*?stable[^:\n]*: ([^)|]*)")

var ruleName = regexp.MustCompile("`([a-z_]+\\*?)`")

// TestEveryFindingRuleHasAPlaybook fails when a rule of the documented
// finding list has no playbook (a family such as endpoint_* needs one
// playbook of that family at least).
func TestEveryFindingRuleHasAPlaybook(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	read := 0
	for _, doc := range ruleDocs {
		b, err := os.ReadFile(doc)
		if os.IsNotExist(err) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		read++
		m := ruleList.FindSubmatch(b)
		if m == nil {
			t.Fatalf("%s: no finding rule list found", doc)
		}
		rules := ruleName.FindAllSubmatch(m[1], -1)
		if len(rules) < 9 {
			t.Fatalf("%s: only %d rules found in %q", doc, len(rules), m[1])
		}
		for _, r := range rules {
			rule := string(r[1])
			if family, ok := strings.CutSuffix(rule, "*"); ok {
				if !slices.ContainsFunc(FindingPlaybookIDs, func(id string) bool { return strings.HasPrefix(id, family) }) {
					t.Errorf("%s: no playbook for the %s family", filepath.Base(doc), rule)
				}
				continue
			}
			if PlaybookFor(rule) != rule {
				t.Errorf("%s: rule %s has no playbook id", filepath.Base(doc), rule)
			}
			if _, ok := lib.Playbook(rule); !ok {
				t.Errorf("%s: rule %s has no playbook", filepath.Base(doc), rule)
			}
		}
	}
	if read == 0 {
		t.Fatalf("none of %v found", ruleDocs)
	}
}

func TestPlaybookKinds(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	if got, want := len(lib.Playbooks()), len(PlaybookIDs()); got != want {
		t.Errorf("%d playbooks, want %d", got, want)
	}
	for _, id := range FindingPlaybookIDs {
		if p, _ := lib.Playbook(id); p.Kind != KindFinding {
			t.Errorf("%s: kind %s, want finding", id, p.Kind)
		}
	}
	ir, _ := lib.Playbook(PlaybookIncidentResponse)
	if ir.Kind != KindIncident || len(ir.DoNot) == 0 || len(ir.Contacts) < 4 {
		t.Errorf("incident_response: kind %s, %d don'ts, %d contacts; want incident with both lists", ir.Kind, len(ir.DoNot), len(ir.Contacts))
	}
	bn, _ := lib.Playbook(PlaybookBrowserNotifications)
	for _, b := range Browsers {
		if _, ok := bn.Steps[0].Variants[b]; !ok {
			t.Errorf("browser_notifications: no %s variant", b)
		}
	}
}

// TestLoadRejects checks that broken content is refused with a message
// naming the file and the problem.
func TestLoadRejects(t *testing.T) {
	t.Parallel()
	good, err := content.FS.ReadFile("playbooks/vpn_bruteforce.toml")
	if err != nil {
		t.Fatal(err)
	}
	base := fstest.MapFS{}
	for _, id := range PlaybookIDs() {
		b, err := content.FS.ReadFile("playbooks/" + id + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		base["playbooks/"+id+".toml"] = &fstest.MapFile{Data: b}
	}
	tests := []struct {
		name    string
		edit    func(fs fstest.MapFS)
		wantErr string
	}{
		{"missing English", func(fs fstest.MapFS) {
			fs["playbooks/vpn_bruteforce.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good),
				"en = \"Password brute force against the VPN\"", "", 1))}
		}, "vpn_bruteforce.toml: title: needs both ja and en"},
		{"missing playbook", func(fs fstest.MapFS) { delete(fs, "playbooks/port_scan.toml") }, "playbook port_scan: missing"},
		{"unknown vendor", func(fs fstest.MapFS) {
			fs["playbooks/vpn_bruteforce.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good),
				"[steps.variants.sonicwall]", "[steps.variants.sonicwal]", 1))}
		}, `variant "sonicwal" is not a vendor`},
		{"unknown check", func(fs fstest.MapFS) {
			fs["playbooks/vpn_bruteforce.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good),
				`kind = "no_failures_from_sources"`, `kind = "no_failures"`, 1))}
		}, `unknown check "no_failures"`},
		{"unknown key", func(fs fstest.MapFS) {
			fs["playbooks/vpn_bruteforce.toml"] = &fstest.MapFile{Data: append(slices.Clone(good), "\nsevrity = 3\n"...)}
		}, "unknown keys"},
		{"id not the file name", func(fs fstest.MapFS) {
			fs["playbooks/vpn_bruteforce.toml"] = &fstest.MapFile{Data: []byte(strings.Replace(string(good),
				`id = "vpn_bruteforce"`, `id = "vpn_brute"`, 1))}
		}, `id "vpn_brute", want "vpn_bruteforce"`},
		{"checklist item without English advice", func(fs fstest.MapFS) {
			fs["checklists/x.toml"] = &fstest.MapFile{Data: []byte(`id = "x"
[title]
ja = "t"
en = "t"
[intro]
ja = "i"
en = "i"
[source]
ja = "s"
en = "s"
[[bands]]
id = "all"
min = 0
label = {ja = "l", en = "l"}
next = {ja = "n", en = "n"}
[[parts]]
id = "p"
title = {ja = "p", en = "p"}
[[parts.items]]
id = "a"
playbook = "nope"
text = {ja = "q", en = "q"}
advice = {ja = "a"}
`)}
		}, "item a: text and advice need both ja and en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			fs := fstest.MapFS{}
			for k, v := range base {
				fs[k] = v
			}
			tt.edit(fs)
			_, err := Load(fs)
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("Load: %v; want an error containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestContentHasGlyphs: every character of the guidance texts is in the
// bundled font, or the wizard and the PDF show empty boxes.
func TestContentHasGlyphs(t *testing.T) {
	t.Parallel()
	f, err := sfnt.Parse(assets.FontRegular)
	if err != nil {
		t.Fatal(err)
	}
	var buf sfnt.Buffer
	missing := map[rune]string{}
	for _, dir := range []string{"playbooks", "checklists"} {
		entries, err := content.FS.ReadDir(dir)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			b, err := content.FS.ReadFile(dir + "/" + e.Name())
			if err != nil {
				t.Fatal(err)
			}
			for _, r := range string(b) {
				if unicode.IsSpace(r) || unicode.IsControl(r) {
					continue
				}
				g, err := f.GlyphIndex(&buf, r)
				if err != nil {
					t.Fatal(err)
				}
				if g == 0 {
					missing[r] = e.Name()
				}
			}
		}
	}
	for r, file := range missing {
		t.Errorf("the bundled font has no glyph for %q (%U), used in %s", r, r, file)
	}
}
