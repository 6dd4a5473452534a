//go:build nogui

package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestNoGUIBuildRefusesTrayApp(t *testing.T) {
	for _, args := range [][]string{{"--lang", "en"}, {"demo", "--lang", "en"}} {
		var stdout, stderr bytes.Buffer
		code := run(args, docEnv(&stdout, &stderr))
		if code != 1 || !strings.Contains(stderr.String(), "nogui") {
			t.Errorf("kizuki %v in the nogui build: exit %d, stderr %q; want exit 1 naming the nogui build", args, code, stderr.String())
		}
	}
}
