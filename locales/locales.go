// Package locales holds Kizuki's user-facing text: the go-i18n message
// files (active.ja.toml, active.en.toml, embedded) and the catalog of
// message declarations that `make i18n` extracts them from.
//
// Japanese is the source language: the catalog's texts are Japanese,
// `goi18n extract` writes them to active.ja.toml and `goi18n merge` asks
// for the English of new or changed ones. Core packages return codes and
// arguments; only the UI and the command line turn them into text here.
package locales

import (
	"embed"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"
	golocale "github.com/jeandeaual/go-locale"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

//go:embed active.ja.toml active.en.toml
var files embed.FS

// Lang is a language Kizuki speaks.
type Lang string

// The languages Kizuki speaks; Japanese is the default.
const (
	Japanese Lang = "ja"
	English  Lang = "en"
)

// Langs lists the supported languages, the default first.
var Langs = []Lang{Japanese, English}

// ErrUnsupportedLang is returned by ParseLang for other languages.
var ErrUnsupportedLang = errors.New("unsupported language")

// ParseLang reads "ja" or "en" (also "ja-JP", "en_US.UTF-8" and the like).
func ParseLang(s string) (Lang, error) {
	tag := strings.ToLower(strings.TrimSpace(s))
	tag, _, _ = strings.Cut(tag, ".") // drop a POSIX codeset: en_US.UTF-8
	for _, l := range Langs {
		if tag == string(l) || strings.HasPrefix(tag, string(l)+"_") || strings.HasPrefix(tag, string(l)+"-") {
			return l, nil
		}
	}
	// Quote what was given, not the normalized form: "FR.UTF-8", not "fr".
	return "", fmt.Errorf("%w: %q", ErrUnsupportedLang, s)
}

// DetectLang picks the language from the system's preferred locales: the
// first that is Japanese or English wins; otherwise Japanese.
func DetectLang() Lang {
	locales, err := golocale.GetLocales()
	if err != nil {
		return Japanese
	}
	return pickLang(locales)
}

func pickLang(locales []string) Lang {
	for _, l := range locales {
		if lang, err := ParseLang(l); err == nil {
			return lang
		}
	}
	return Japanese
}

var (
	bundleOnce sync.Once
	bundle     *i18n.Bundle
	bundleErr  error
)

// Bundle returns the go-i18n bundle with both message files loaded.
func Bundle() (*i18n.Bundle, error) {
	bundleOnce.Do(func() {
		b := i18n.NewBundle(language.Japanese)
		b.RegisterUnmarshalFunc("toml", toml.Unmarshal)
		for _, l := range Langs {
			if _, err := b.LoadMessageFileFS(files, "active."+string(l)+".toml"); err != nil {
				bundleErr = fmt.Errorf("load messages for %s: %w", l, err)
				return
			}
		}
		bundle = b
	})
	return bundle, bundleErr
}

// Localizer turns messages into text in one language.
type Localizer struct {
	lang Lang
	l    *i18n.Localizer
	zone *time.Location
}

// New returns a Localizer for lang. It fails only if the embedded message
// files are broken, which tests rule out.
func New(lang Lang) (*Localizer, error) {
	b, err := Bundle()
	if err != nil {
		return nil, err
	}
	return &Localizer{lang: lang, l: i18n.NewLocalizer(b, string(lang)), zone: time.Local}, nil
}

// MustNew is New for callers that cannot go on without text.
func MustNew(lang Lang) *Localizer {
	l, err := New(lang)
	if err != nil {
		panic(err)
	}
	return l
}

// InZone returns a copy of l that shows times in zone instead of the
// local time zone.
func (l *Localizer) InZone(zone *time.Location) *Localizer {
	c := *l
	c.zone = zone
	return &c
}

// Lang returns the Localizer's language.
func (l *Localizer) Lang() Lang { return l.lang }

// Zone returns the time zone times are shown in.
func (l *Localizer) Zone() *time.Location { return l.zone }

// Args are a message's template data.
type Args = map[string]any

// T renders msg with data. A message missing from the files falls back to
// the catalog's Japanese text, so a user never sees a bare message id.
func (l *Localizer) T(msg *i18n.Message, data Args) string {
	s, err := l.l.Localize(&i18n.LocalizeConfig{DefaultMessage: msg, TemplateData: data})
	if err != nil && s == "" {
		return msg.Other
	}
	return s
}
