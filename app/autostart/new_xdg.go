//go:build !windows && !darwin

package autostart

import (
	"fmt"
	"os"
)

// New returns the mechanism of this OS.
func New() (Starter, error) {
	home, err := os.UserHomeDir()
	if err != nil {
		return nil, fmt.Errorf("start at login: %w", err)
	}
	return NewXDG(os.Getenv, home), nil
}
