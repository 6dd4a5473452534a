//go:build windows

package autostart

import (
	"errors"
	"fmt"
	"strings"

	"golang.org/x/sys/windows/registry"
)

// runKey is the per-user list of programs Windows starts at login.
const runKey = `Software\Microsoft\Windows\CurrentVersion\Run`

// RunKey is Windows' per-user start at login: a value named kizuki under
// HKEY_CURRENT_USER\Software\Microsoft\Windows\CurrentVersion\Run.
type RunKey struct{}

var _ Starter = RunKey{}

// New returns the mechanism of this OS.
func New() (Starter, error) { return RunKey{}, nil }

// Enabled reports whether the value is there.
func (RunKey) Enabled() (bool, error) {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.QUERY_VALUE)
	if err != nil {
		if errors.Is(err, registry.ErrNotExist) {
			return false, nil
		}
		return false, fmt.Errorf("reading the Run key: %w", err)
	}
	defer k.Close()
	_, _, err = k.GetStringValue(Name)
	if errors.Is(err, registry.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("reading the Run key: %w", err)
	}
	return true, nil
}

// Enable writes the command line, each part quoted.
func (RunKey) Enable(exe string, args ...string) error {
	k, _, err := registry.CreateKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if err != nil {
		return fmt.Errorf("enable start at login: %w", err)
	}
	defer k.Close()
	parts := make([]string, 0, 1+len(args))
	for _, a := range append([]string{exe}, args...) {
		parts = append(parts, `"`+strings.ReplaceAll(a, `"`, `\"`)+`"`)
	}
	if err := k.SetStringValue(Name, strings.Join(parts, " ")); err != nil {
		return fmt.Errorf("enable start at login: %w", err)
	}
	return nil
}

// Disable deletes the value.
func (RunKey) Disable() error {
	k, err := registry.OpenKey(registry.CURRENT_USER, runKey, registry.SET_VALUE)
	if errors.Is(err, registry.ErrNotExist) {
		return nil
	}
	if err != nil {
		return fmt.Errorf("disable start at login: %w", err)
	}
	defer k.Close()
	if err := k.DeleteValue(Name); err != nil && !errors.Is(err, registry.ErrNotExist) {
		return fmt.Errorf("disable start at login: %w", err)
	}
	return nil
}
