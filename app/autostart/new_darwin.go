//go:build darwin

package autostart

import (
	"fmt"
	"os"
	"path/filepath"
)

// New returns the mechanism of this OS.
func New() (Starter, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("start at login: %w", err)
	}
	return LaunchAgent{Dir: filepath.Join(home, "Library", "LaunchAgents")}, nil
}
