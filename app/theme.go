// Package app is Kizuki's desktop face: the Fyne window, the tray icon and
// menu, the theme with the bundled Japanese font, and desktop
// notifications. It is the only package that imports fyne.io; it reads the
// core (monitor, guidance) and never the other way round.
//
// The package itself needs no display or cgo: main hands it a fyne.App
// from the real driver, tests hand it one from fyne.io/fyne/v2/test.
package app

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"github.com/kizuki-app/kizuki/assets"
)

var (
	fontRegular = fyne.NewStaticResource("BIZUDPGothic-Regular.ttf", assets.FontRegular)
	fontBold    = fyne.NewStaticResource("BIZUDPGothic-Bold.ttf", assets.FontBold)
)

// Theme is Fyne's default theme with Kizuki's Japanese font: Fyne's own
// font has no Japanese glyphs and would show replacement marks.
type Theme struct {
	fyne.Theme
}

var _ fyne.Theme = (*Theme)(nil)

// NewTheme returns Kizuki's theme.
func NewTheme() *Theme { return &Theme{Theme: theme.DefaultTheme()} }

// Font returns BIZ UDPGothic for every style but monospace (log lines keep
// Fyne's monospace face, which lines columns up; it has Latin only, which
// is what raw log lines mostly are).
func (t *Theme) Font(style fyne.TextStyle) fyne.Resource {
	switch {
	case style.Monospace || style.Symbol:
		return t.Theme.Font(style)
	case style.Bold:
		return fontBold
	default:
		return fontRegular
	}
}

// levelColor is the colour of a traffic-light level, matching its icon.
func levelColor(level string) color.Color {
	switch level {
	case "green":
		return color.NRGBA{0x1e, 0x8e, 0x3e, 0xff}
	case "red":
		return color.NRGBA{0xc6, 0x28, 0x28, 0xff}
	default:
		return color.NRGBA{0xb0, 0x84, 0x00, 0xff} // darker than the icon's yellow, readable on white
	}
}

// lightIcon is the traffic-light icon of a level as a Fyne resource.
func lightIcon(level string) fyne.Resource {
	return fyne.NewStaticResource("kizuki-"+level+".png", assets.LightIcon(level))
}

// AppIcon is the application icon.
var AppIcon = fyne.NewStaticResource("kizuki.png", assets.AppIcon)
