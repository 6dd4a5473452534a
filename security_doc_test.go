package main

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestSecurityDocNamesRealTests keeps docs/security.md honest: every test
// or fuzz target it cites as backing a claim exists in the module.
func TestSecurityDocNamesRealTests(t *testing.T) {
	t.Parallel()
	doc, err := os.ReadFile("docs/security.md")
	must(t, err)
	var sources strings.Builder
	must(t, filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == "testdata" || strings.HasPrefix(d.Name(), ".")) && path != "." {
			return filepath.SkipDir
		}
		if strings.HasSuffix(path, "_test.go") {
			b, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sources.Write(b)
		}
		return nil
	}))
	cited := regexp.MustCompile("`((?:Test|Fuzz)[A-Za-z0-9_]+)`").FindAllStringSubmatch(string(doc), -1)
	if len(cited) < 10 {
		t.Fatalf("docs/security.md cites %d tests; its claims should point at their tests", len(cited))
	}
	for _, m := range cited {
		if !strings.Contains(sources.String(), "func "+m[1]+"(") {
			t.Errorf("docs/security.md cites %s, which no test file defines", m[1])
		}
	}
}
