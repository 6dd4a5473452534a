package locales

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/image/font/sfnt"

	"github.com/kizuki-app/kizuki/assets"
)

// Every character Kizuki shows must be in the font it ships, or the owner
// sees tofu (empty boxes) where the text should be.
func TestMessagesHaveGlyphsInTheBundledFont(t *testing.T) {
	t.Parallel()
	fonts := []struct {
		name string
		data []byte
	}{
		{"FontRegular", assets.FontRegular},
		{"FontBold", assets.FontBold},
	}
	for _, lang := range Langs {
		msgs := loadMessages(t, lang)
		for _, fnt := range fonts {
			t.Run(string(lang)+"/"+fnt.name, func(t *testing.T) {
				t.Parallel()
				f, err := sfnt.Parse(fnt.data)
				if err != nil {
					t.Fatalf("parse %s: %v", fnt.name, err)
				}
				var buf sfnt.Buffer
				missing := map[rune]map[string]bool{} // rune → IDs using it
				for id, m := range msgs {
					for _, r := range m.Other {
						if unicode.IsSpace(r) || unicode.IsControl(r) {
							continue
						}
						g, err := f.GlyphIndex(&buf, r)
						if err != nil {
							t.Fatalf("%s: glyph of %U: %v", fnt.name, r, err)
						}
						if g == 0 {
							if missing[r] == nil {
								missing[r] = map[string]bool{}
							}
							missing[r][id] = true
						}
					}
				}
				for _, r := range slices.Sorted(maps.Keys(missing)) {
					ids := slices.Sorted(maps.Keys(missing[r]))
					t.Errorf("%s has no glyph for %q (%U), used in active.%s.toml by %s",
						fnt.name, r, r, lang, strings.Join(quoteAll(ids), ", "))
				}
			})
		}
	}
}

func quoteAll(ss []string) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = fmt.Sprintf("%q", s)
	}
	return out
}
