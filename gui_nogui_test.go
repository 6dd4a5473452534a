//go:build nogui

package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestNoGUIBuildRefusesTrayApp(t *testing.T) {
	var stdout, stderr bytes.Buffer
	code := run([]string{"--lang", "en"}, docEnv(&stdout, &stderr))
	if code != 1 || !strings.Contains(stderr.String(), "nogui") {
		t.Errorf("kizuki in the nogui build: exit %d, stderr %q; want exit 1 naming the nogui build", code, stderr.String())
	}
}
