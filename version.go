package main

import (
	_ "embed"
	"regexp"
	"runtime"
)

// FyneApp.toml is the single place the version is written; both builds
// read it from here and `fyne package` from the file.
//
//go:embed FyneApp.toml
var fyneAppTOML string

var versionRE = regexp.MustCompile(`(?m)^\s*Version\s*=\s*"([^"]+)"`)

// version is the release version from FyneApp.toml.
func version() string {
	if m := versionRE.FindStringSubmatch(fyneAppTOML); m != nil {
		return m[1]
	}
	return "unknown"
}

// versionLine is what `kizuki --version` prints.
func versionLine() string {
	return "kizuki " + version() + " (" + buildKind + ", " + runtime.GOOS + "/" + runtime.GOARCH + ")"
}
