package locales

import (
	"crypto/sha1"
	"errors"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"maps"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	texttemplate "text/template"

	"github.com/BurntSushi/toml"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

// fileMessage is one entry of an active.*.toml file as goi18n writes it.
type fileMessage struct {
	Description string
	Hash        string
	Other       string
}

// loadMessages decodes the embedded message file of lang strictly: a key
// goi18n would not write (a typo such as "othr") fails the test.
func loadMessages(t *testing.T, lang Lang) map[string]fileMessage {
	t.Helper()
	name := "active." + string(lang) + ".toml"
	b, err := files.ReadFile(name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	var msgs map[string]fileMessage
	md, err := toml.Decode(string(b), &msgs)
	if err != nil {
		t.Fatalf("parse %s: %v", name, err)
	}
	if keys := md.Undecoded(); len(keys) > 0 {
		t.Fatalf("%s: unexpected keys %v", name, keys)
	}
	if len(msgs) == 0 {
		t.Fatalf("%s holds no messages", name)
	}
	return msgs
}

func TestMessageFilesHaveTheSameIDs(t *testing.T) {
	t.Parallel()
	ja, en := loadMessages(t, Japanese), loadMessages(t, English)
	for _, id := range slices.Sorted(maps.Keys(ja)) {
		if _, ok := en[id]; !ok {
			t.Errorf("%q is in active.ja.toml but not in active.en.toml: run `make i18n` and translate it", id)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(en)) {
		if _, ok := ja[id]; !ok {
			t.Errorf("%q is in active.en.toml but not in active.ja.toml", id)
		}
	}
}

func TestMessageTextsAreNotEmpty(t *testing.T) {
	t.Parallel()
	for _, lang := range Langs {
		msgs := loadMessages(t, lang)
		for _, id := range slices.Sorted(maps.Keys(msgs)) {
			if strings.TrimSpace(msgs[id].Other) == "" {
				t.Errorf("active.%s.toml: %q has an empty text", lang, id)
			}
		}
	}
}

// catalogMessage is an i18n.Message literal found in the package's source.
type catalogMessage struct {
	pos                    token.Position
	id, description, other string
}

// catalogMessages finds the i18n.Message literals in the package's non-test
// Go files the way `goi18n extract` does: typed literals, and elided ones
// inside map and slice literals of messages.
func catalogMessages(t *testing.T) []catalogMessage {
	t.Helper()
	names, err := filepath.Glob("*.go")
	if err != nil {
		t.Fatal(err)
	}
	fset := token.NewFileSet()
	var out []catalogMessage
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, name, nil, parser.SkipObjectResolution)
		if err != nil {
			t.Fatal(err)
		}
		pkg := importName(f, "github.com/nicksnyder/go-i18n/v2/i18n")
		if pkg == "" {
			continue
		}
		isMessage := func(e ast.Expr) bool {
			if star, ok := e.(*ast.StarExpr); ok {
				e = star.X
			}
			sel, ok := e.(*ast.SelectorExpr)
			if !ok {
				return false
			}
			x, ok := sel.X.(*ast.Ident)
			return ok && x.Name == pkg && sel.Sel.Name == "Message"
		}
		add := func(cl *ast.CompositeLit) {
			m, err := messageLiteral(cl)
			if err != nil {
				t.Errorf("%s: %v: `goi18n extract` cannot read it", fset.Position(cl.Pos()), err)
				return
			}
			m.pos = fset.Position(cl.Pos())
			out = append(out, m)
		}
		elided := func(e ast.Expr) {
			if cl, ok := e.(*ast.CompositeLit); ok && cl.Type == nil {
				add(cl)
			}
		}
		ast.Inspect(f, func(n ast.Node) bool {
			cl, ok := n.(*ast.CompositeLit)
			if !ok || cl.Type == nil {
				return true
			}
			switch typ := cl.Type.(type) {
			case *ast.MapType:
				if isMessage(typ.Value) {
					for _, el := range cl.Elts {
						if kv, ok := el.(*ast.KeyValueExpr); ok {
							elided(kv.Value)
						}
					}
				}
			case *ast.ArrayType:
				if isMessage(typ.Elt) {
					for _, el := range cl.Elts {
						elided(el)
					}
				}
			default:
				if isMessage(cl.Type) {
					add(cl)
				}
			}
			return true
		})
	}
	return out
}

func importName(f *ast.File, path string) string {
	for _, imp := range f.Imports {
		if p, _ := strconv.Unquote(imp.Path.Value); p == path {
			if imp.Name != nil {
				return imp.Name.Name
			}
			return filepath.Base(path)
		}
	}
	return ""
}

// messageLiteral reads the ID, Description and Other fields of a message
// literal; they must be string literals (concatenations allowed).
func messageLiteral(cl *ast.CompositeLit) (catalogMessage, error) {
	var m catalogMessage
	for _, el := range cl.Elts {
		kv, ok := el.(*ast.KeyValueExpr)
		if !ok {
			return m, errors.New("message literal without field names")
		}
		key, ok := kv.Key.(*ast.Ident)
		if !ok {
			return m, errors.New("message literal with an odd key")
		}
		var dst *string
		switch key.Name {
		case "ID":
			dst = &m.id
		case "Description":
			dst = &m.description
		case "Other":
			dst = &m.other
		default:
			continue
		}
		s, err := stringLiteral(kv.Value)
		if err != nil {
			return m, fmt.Errorf("field %s: %w", key.Name, err)
		}
		*dst = s
	}
	if m.id == "" {
		return m, errors.New("message without an ID")
	}
	return m, nil
}

func stringLiteral(e ast.Expr) (string, error) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind == token.STRING {
			return strconv.Unquote(x.Value)
		}
	case *ast.ParenExpr:
		return stringLiteral(x.X)
	case *ast.BinaryExpr:
		if x.Op == token.ADD {
			l, err := stringLiteral(x.X)
			if err != nil {
				return "", err
			}
			r, err := stringLiteral(x.Y)
			return l + r, err
		}
	}
	return "", errors.New("not a string literal")
}

func TestCatalogIsExtracted(t *testing.T) {
	t.Parallel()
	catalog := catalogMessages(t)
	ja := loadMessages(t, Japanese)

	byID := map[string]catalogMessage{}
	for _, m := range catalog {
		if prev, ok := byID[m.id]; ok {
			t.Errorf("%s: message %q is already declared at %s", m.pos, m.id, prev.pos)
			continue
		}
		byID[m.id] = m
		got, ok := ja[m.id]
		switch {
		case !ok:
			t.Errorf("%s: %q is not in active.ja.toml: run `make i18n`", m.pos, m.id)
		case got.Other != m.other:
			t.Errorf("%s: %q: active.ja.toml has %q, the catalog %q: run `make i18n`", m.pos, m.id, got.Other, m.other)
		case got.Description != m.description:
			t.Errorf("%s: %q: active.ja.toml has description %q, the catalog %q: run `make i18n`", m.pos, m.id, got.Description, m.description)
		}
	}
	for _, id := range slices.Sorted(maps.Keys(ja)) {
		if _, ok := byID[id]; !ok {
			t.Errorf("active.ja.toml has %q, which the catalog does not declare: run `make i18n`", id)
		}
	}

	// The walk above must see what the program uses; if it misses these,
	// catalogMessages is wrong, not the files.
	used := []*i18n.Message{RuleOther, LevelGreenTitle, ReasonSourceSilentDetail, CLIUsage, NotifyLevelTitle}
	for _, set := range []map[string]*i18n.Message{severityNames, ruleTitles, colorNames} {
		for _, key := range slices.Sorted(maps.Keys(set)) {
			used = append(used, set[key])
		}
	}
	for _, m := range used {
		if c, ok := byID[m.ID]; !ok || c.other != m.Other {
			t.Errorf("the catalog walk missed %q (found %v, text %q)", m.ID, ok, c.other)
		}
	}
}

var (
	templateAction = regexp.MustCompile(`(?s)\{\{(.*?)\}\}`)
	templateField  = regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)
)

// placeholders returns the sorted, distinct fields a message template
// uses: "{{.Name}}={{.Example}}" gives [Example Name].
func placeholders(text string) []string {
	seen := map[string]bool{}
	for _, action := range templateAction.FindAllStringSubmatch(text, -1) {
		for _, field := range templateField.FindAllStringSubmatch(action[1], -1) {
			seen[field[1]] = true
		}
	}
	return slices.Sorted(maps.Keys(seen))
}

func TestPlaceholders(t *testing.T) {
	t.Parallel()
	tests := []struct {
		text string
		want []string
	}{
		{"まだありません", nil},
		{"{{.N}} 分", []string{"N"}},
		{"オプション {{.Name}} には値が必要です（例: {{.Name}}={{.Example}}）。", []string{"Example", "Name"}},
		{"{{ if .Ok }}{{.Count}}{{end}}", []string{"Count", "Ok"}},
	}
	for _, tt := range tests {
		if got := placeholders(tt.text); !slices.Equal(got, tt.want) {
			t.Errorf("placeholders(%q) = %v, want %v", tt.text, got, tt.want)
		}
	}
}

func TestEnglishHasTheJapanesePlaceholders(t *testing.T) {
	t.Parallel()
	ja, en := loadMessages(t, Japanese), loadMessages(t, English)
	for _, id := range slices.Sorted(maps.Keys(ja)) {
		e, ok := en[id]
		if !ok {
			continue // TestMessageFilesHaveTheSameIDs reports it
		}
		if want, got := placeholders(ja[id].Other), placeholders(e.Other); !slices.Equal(got, want) {
			t.Errorf("%q: English uses %v, Japanese %v", id, got, want)
		}
	}
}

// sourceHash is the hash `goi18n merge` stores with a translation: that of
// the source (Japanese) description and text it was made from.
func sourceHash(m fileMessage) string {
	return fmt.Sprintf("sha1-%x", sha1.Sum([]byte(m.Description+m.Other)))
}

func TestEnglishIsTranslatedFromTheCurrentJapanese(t *testing.T) {
	t.Parallel()
	ja, en := loadMessages(t, Japanese), loadMessages(t, English)
	for _, id := range slices.Sorted(maps.Keys(en)) {
		j, ok := ja[id]
		if !ok {
			continue
		}
		if want := sourceHash(j); en[id].Hash != want {
			t.Errorf("%q: the English was translated from another Japanese text (hash %q, want %q): run `make i18n` and translate it again",
				id, en[id].Hash, want)
		}
	}
}

// sampleArgs are plausible values for every placeholder the messages use.
var sampleArgs = Args{
	"Text":       "SSL-VPN の利用者全員のパスワードを変えてください。",
	"Reason":     "署名が合わない",
	"Arg":        "extra",
	"Addr":       "192.168.1.1",
	"Ago":        "2 分",
	"First":      "11月21日 08:00",
	"Last":       "11月23日 09:55",
	"Minutes":    5,
	"Of":         4,
	"Origin":     "気づき",
	"PC":         "192.168.1.10",
	"Port":       5514,
	"State":      "未対応",
	"Step":       "2 時間",
	"Title":      "VPN へのパスワード総当たり攻撃",
	"Total":      1843,
	"Code":       "mss.unreachable",
	"Color":      "赤",
	"Count":      1520,
	"DefaultDB":  "/home/owner/.local/share/kizuki/kizuki.db",
	"Dir":        "/home/owner/.local/share/kizuki",
	"Err":        errors.New("disk I/O error"),
	"Example":    "kizuki.db",
	"LastSeen":   "3月5日 09:30",
	"Lines":      12345,
	"Full":       1234,
	"Aggregated": 11111,
	"Events":     4821,
	"Hours":      24,
	"Seconds":    "0.4",
	"List":       "fortigate, yamaha-rtx",
	"N":          3,
	"Name":       "FGT60F",
	"Path":       "/srv/kizuki/kizuki.db",
	"Received":   "48213",
	"Dropped":    3,
	"Addrs":      "udp [::]:5514, tcp [::]:5514",
	"Allow":      "192.168.1.1",
	"Rate":       "120",
	"Zone":       "Asia/Tokyo",
	"Archive":    "/home/owner/.local/share/kizuki/archive",
	"Rule":       "some_new_rule",
	"Overseas":   42,
	"Users":      40,
	"Severity":   "高",
	"Since":      "3 時間",
	"Subject":    "203.0.113.5",
	"Summary":    "すぐに対応が必要です。",
	"Time":       "3月5日 09:31",
	"Value":      "fr",
	"Vendor":     "fortigate",
	"Word":       "危険",

	// kizuki pull
	"Host":        "192.168.1.99",
	"Fingerprint": "AB:CD:EF:01",
	"Where":       "OS の資格情報の保管庫",
	"Provider":    "例示セキュリティ監視センター",
	"URL":         "https://mss.example.jp",
	"ID":          "42",
	"Interval":    "30s",
	"Types":       "traffic/forward, event/vpn",
	"Retry":       "45s",

	// kizuki checklist, report, export-evidence
	"Item":     "バックアップを取っていますか？",
	"Answer":   "一部",
	"Score":    "74",
	"Band":     "対策はある程度できていますが、抜けがあります",
	"Answered": "25",
	"Items":    "26",
	"Evidence": "UTM のログを 120 日分保存しています",
	"Source":   "IPA「5分でできる！情報セキュリティ自社診断」",
	"Files":    "4",
	"Findings": "3",

	// kizuki check
	"AgeDays":    412,
	"Beaconing":  1,
	"Browser":    "chrome",
	"Days":       38,
	"Used":       3900,
	"Limit":      4096,
	"Percent":    95,
	"Free":       42,
	"Flag":       "--retention-days",
	"Flags":      "最近許可したもの",
	"Group":      "sudo",
	"Method":     "BitLocker",
	"Product":    "Microsoft Defender",
	"Profiles":   3,
	"Profile":    "Default",
	"Security":   2,
	"Status":     "要確認",
	"Suspicious": 2,
	"Advice":     "OS の自動更新を有効にします。",
	"Best":       80,
	"Done":       2,
	"Month":      "2026-10",
	"Outcome":    "できた",
	"Phone":      "03-5978-7509",
	"Steps":      5,
	"What":       "VPN の多要素認証を有効にする",
	"When":       "最初に連絡します。",
	"Who":        "IT 業者・販売店",
	"Window":     "1 時間",
}

func TestEveryMessageRenders(t *testing.T) {
	t.Parallel()
	b, err := Bundle()
	if err != nil {
		t.Fatal(err)
	}
	ja := loadMessages(t, Japanese)
	// Funcs makes the parser uncacheable, so that this option stays out of
	// the templates the bundle caches for T.
	strict := &template.TextParser{Option: "missingkey=error", Funcs: texttemplate.FuncMap{}}
	if _, err := i18n.NewLocalizer(b, string(English)).Localize(&i18n.LocalizeConfig{
		MessageID: DurationMinutes.ID, TemplateParser: strict,
	}); err == nil {
		t.Fatal("rendering without its {{.N}} did not fail: the check below would miss missing arguments")
	}
	for _, lang := range Langs {
		t.Run(string(lang), func(t *testing.T) {
			t.Parallel()
			loc, direct := MustNew(lang), i18n.NewLocalizer(b, string(lang))
			for _, id := range slices.Sorted(maps.Keys(ja)) {
				args := Args{}
				for _, field := range placeholders(ja[id].Other) {
					v, ok := sampleArgs[field]
					if !ok {
						t.Errorf("%q: no sample value for {{.%s}}: add one to sampleArgs", id, field)
						continue
					}
					args[field] = v
				}
				// T hides errors from its callers; ask go-i18n directly, with
				// missing fields as errors, whether the text renders.
				if _, err := direct.Localize(&i18n.LocalizeConfig{MessageID: id, TemplateData: args, TemplateParser: strict}); err != nil {
					t.Errorf("%q: %v", id, err)
				}
				got := loc.T(&i18n.Message{ID: id, Other: ja[id].Other}, args)
				if strings.Contains(got, "{{") || strings.Contains(got, "<no value>") {
					t.Errorf("%q rendered as %q", id, got)
				}
				for field, v := range args {
					if !strings.Contains(got, fmt.Sprint(v)) {
						t.Errorf("%q rendered as %q, without .%s = %q", id, got, field, fmt.Sprint(v))
					}
				}
			}
		})
	}
}

func TestTFallsBackToTheCatalogText(t *testing.T) {
	t.Parallel()
	msg := &i18n.Message{ID: "test.not_in_files", Other: "{{.Name}} はまだ訳されていません"}
	for _, lang := range Langs {
		if got, want := MustNew(lang).T(msg, Args{"Name": "FGT60F"}), "FGT60F はまだ訳されていません"; got != want {
			t.Errorf("%s: T(message missing from the files) = %q, want %q", lang, got, want)
		}
	}
}
