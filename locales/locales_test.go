package locales

import (
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
)

func TestParseLang(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in      string
		want    Lang
		wantErr bool
	}{
		{in: "ja", want: Japanese},
		{in: "en", want: English},
		{in: "ja_JP.UTF-8", want: Japanese},
		{in: "en-US", want: English},
		{in: "EN", want: English},
		{in: " ja ", want: Japanese},
		{in: "ja-Jpan-JP", want: Japanese},
		{in: "en_GB.ISO-8859-1", want: English},
		{in: "fr", wantErr: true},
		{in: "", wantErr: true},
		{in: "zh_CN", wantErr: true},
		{in: "C.UTF-8", wantErr: true},
		{in: "jav", wantErr: true}, // Javanese, not Japanese
		{in: "english", wantErr: true},
		{in: "FR.UTF-8", wantErr: true},
	}
	for _, tt := range tests {
		got, err := ParseLang(tt.in)
		switch {
		case tt.wantErr && !errors.Is(err, ErrUnsupportedLang):
			t.Errorf("ParseLang(%q) = %q, %v; want ErrUnsupportedLang", tt.in, got, err)
		case tt.wantErr && !strings.Contains(err.Error(), strconv.Quote(tt.in)):
			t.Errorf("ParseLang(%q) error %q does not quote the input", tt.in, err)
		case !tt.wantErr && (err != nil || got != tt.want):
			t.Errorf("ParseLang(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestPickLang(t *testing.T) {
	t.Parallel()
	tests := []struct {
		locales []string
		want    Lang
	}{
		{nil, Japanese},
		{[]string{}, Japanese},
		{[]string{"ja-JP"}, Japanese},
		{[]string{"en-US"}, English},
		{[]string{"fr-FR", "en-GB", "ja-JP"}, English},
		{[]string{"ja_JP.UTF-8", "en_US.UTF-8"}, Japanese},
		{[]string{"zh-Hans-CN", "de-DE"}, Japanese},
		{[]string{"C"}, Japanese},
		{[]string{"", "en"}, English},
	}
	for _, tt := range tests {
		if got := pickLang(tt.locales); got != tt.want {
			t.Errorf("pickLang(%q) = %q, want %q", tt.locales, got, tt.want)
		}
	}
}

func TestDetectLangIsSupported(t *testing.T) {
	t.Parallel()
	if got := DetectLang(); !slices.Contains(Langs, got) {
		t.Errorf("DetectLang() = %q, not one of %q", got, Langs)
	}
}

func TestNewSpeaksItsLanguage(t *testing.T) {
	t.Parallel()
	tests := []struct {
		lang Lang
		want string
	}{
		{Japanese, "終了"},
		{English, "Quit"},
	}
	for _, tt := range tests {
		l, err := New(tt.lang)
		if err != nil {
			t.Fatalf("New(%q): %v", tt.lang, err)
		}
		if l.Lang() != tt.lang {
			t.Errorf("New(%q).Lang() = %q", tt.lang, l.Lang())
		}
		if got := l.T(TrayQuit, nil); got != tt.want {
			t.Errorf("New(%q).T(TrayQuit) = %q, want %q", tt.lang, got, tt.want)
		}
	}
}
