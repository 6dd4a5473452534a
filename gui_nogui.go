//go:build nogui

package main

import "github.com/kizuki-app/kizuki/locales"

// buildKind names this build in --version.
const buildKind = "nogui"

// runGUI explains that this build has no tray app.
func runGUI(e *env) int {
	return e.fail(locales.CLINoGUI, nil)
}
