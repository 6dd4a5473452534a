package guidance

// Lang is a language the guidance content is written in.
type Lang string

// The content's languages; Japanese is the source.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Text is one text in both languages.
type Text struct {
	Ja string `toml:"ja" json:"ja"`
	En string `toml:"en" json:"en"`
}

// In returns the text in lang; Japanese for any other language.
func (t Text) In(lang Lang) string {
	if lang == English {
		return t.En
	}
	return t.Ja
}

// complete reports whether both languages are present.
func (t Text) complete() bool { return t.Ja != "" && t.En != "" }

// empty reports whether neither language is present.
func (t Text) empty() bool { return t.Ja == "" && t.En == "" }
