//go:build windows

package endpoint

import (
	"os/exec"
	"syscall"
)

// createNoWindow keeps a console window from flashing up while the tray
// app runs PowerShell.
const createNoWindow = 0x08000000

func hideWindow(cmd *exec.Cmd) {
	cmd.SysProcAttr = &syscall.SysProcAttr{HideWindow: true, CreationFlags: createNoWindow}
}
