//go:build !nogui

package main

import (
	"context"
	"fmt"
	"os"

	"github.com/kizuki-app/kizuki/locales"
)

// runDemo is `kizuki demo`: the tray app over a fresh temporary database
// with the three seed incidents replayed and a notification from an
// in-process MSS provider, so that anyone can see every screen in a
// minute. The app does not collect syslog then (the real app may hold
// the port), and the temporary data is removed when it quits.
func runDemo(e *env) int {
	dir, err := os.MkdirTemp("", "kizuki-demo-")
	if err != nil {
		return e.fail(locales.CLIDemoFailed, locales.Args{"Err": err})
	}
	defer os.RemoveAll(dir)
	fmt.Fprintln(e.stdout, e.loc.T(locales.CLIDemoPreparing, nil))
	d, err := buildDemo(context.Background(), dir, e.now)
	if err != nil {
		return e.fail(locales.CLIDemoFailed, locales.Args{"Err": err})
	}
	defer d.Close()
	return runApp(e, d.dbPath, appRun{demo: d})
}
