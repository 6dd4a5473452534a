//go:build nogui

package main

import "github.com/kizuki-app/kizuki/locales"

// runDemo explains that this build has no tray app to show the demo in.
func runDemo(e *env) int {
	return e.fail(locales.CLINoGUI, nil)
}
