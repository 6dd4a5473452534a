// Package assets holds the files Kizuki ships inside its binary: the
// traffic-light icons (a different shape for each colour), the app icon
// and the Japanese font (BIZ UDPGothic, SIL Open Font License 1.1, see
// fonts/OFL.txt). It has no dependencies; package app wraps these bytes
// as Fyne resources.
package assets

import (
	_ "embed"
)

//go:generate go run ./internal/iconsgen icons

// FontRegular is BIZ UDPGothic Regular (TrueType).
//
//go:embed fonts/BIZUDPGothic_400Regular.ttf
var FontRegular []byte

// FontBold is BIZ UDPGothic Bold (TrueType).
//
//go:embed fonts/BIZUDPGothic_700Bold.ttf
var FontBold []byte

// FontLicense is the font's licence text, shipped beside it.
//
//go:embed fonts/OFL.txt
var FontLicense string

// AppIcon is the application icon, 512×512 PNG.
//
//go:embed icons/app.png
var AppIcon []byte

//go:embed icons/green.png
var greenIcon []byte

//go:embed icons/yellow.png
var yellowIcon []byte

//go:embed icons/red.png
var redIcon []byte

// LightIcon returns the 256×256 PNG icon for a traffic-light level
// ("green", "yellow" or "red"); any other name gets the yellow one, the
// "cannot tell" colour.
func LightIcon(level string) []byte {
	switch level {
	case "green":
		return greenIcon
	case "red":
		return redIcon
	default:
		return yellowIcon
	}
}
