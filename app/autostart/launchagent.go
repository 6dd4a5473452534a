package autostart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
)

// LaunchAgent is macOS's per-user start at login: a property list in
// ~/Library/LaunchAgents that launchd reads when the user logs in.
type LaunchAgent struct {
	// Dir is ~/Library/LaunchAgents.
	Dir string
}

var _ Starter = LaunchAgent{}

// Label is the LaunchAgent's label, Kizuki's application id.
const Label = "app.kizuki.desktop"

func (l LaunchAgent) path() string { return filepath.Join(l.Dir, Label+".plist") }

// Enabled reports whether the agent's property list is there.
func (l LaunchAgent) Enabled() (bool, error) {
	_, err := os.Stat(l.path())
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, fs.ErrNotExist):
		return false, nil
	}
	return false, fmt.Errorf("reading %s: %w", l.path(), err)
}

// Enable writes the property list; launchd starts Kizuki at the next login.
func (l LaunchAgent) Enable(exe string, args ...string) error {
	if !filepath.IsAbs(exe) {
		return fmt.Errorf("enable start at login: %q is not an absolute path", exe)
	}
	return writeFileAtomic(l.path(), launchAgentPlist(exe, args), 0o644)
}

// Disable removes the property list.
func (l LaunchAgent) Disable() error {
	if err := os.Remove(l.path()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("disable start at login: %w", err)
	}
	return nil
}

func launchAgentPlist(exe string, args []string) []byte {
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString(`<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">` + "\n")
	b.WriteString("<plist version=\"1.0\">\n<dict>\n\t<key>Label</key>\n\t<string>" + Label + "</string>\n")
	b.WriteString("\t<key>ProgramArguments</key>\n\t<array>\n")
	for _, a := range append([]string{exe}, args...) {
		b.WriteString("\t\t<string>")
		_ = xml.EscapeText(&b, []byte(a)) // writing to a bytes.Buffer cannot fail
		b.WriteString("</string>\n")
	}
	b.WriteString("\t</array>\n\t<key>RunAtLoad</key>\n\t<true/>\n\t<key>ProcessType</key>\n\t<string>Interactive</string>\n</dict>\n</plist>\n")
	return b.Bytes()
}
