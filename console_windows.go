//go:build windows

package main

import (
	"os"

	"golang.org/x/sys/windows"
)

// attachParentProcess is ATTACH_PARENT_PROCESS, (DWORD)-1.
const attachParentProcess = ^uintptr(0)

var procAttachConsole = windows.NewLazySystemDLL("kernel32.dll").NewProc("AttachConsole")

// attachParentConsole lets the GUI build print sub-command output. A
// Windows GUI-subsystem program (linked with -H windowsgui, so that the
// tray app opens no console window) starts without a console; when it is
// started from one (cmd, PowerShell) with a sub-command, it attaches to
// its parent's console and writes there. Handles the shell redirected to
// a file or a pipe are kept as they are.
func attachParentConsole(args []string) {
	if len(args) == 0 {
		return // the tray app: no console wanted
	}
	if r, _, _ := procAttachConsole.Call(attachParentProcess); r == 0 {
		return // started from Explorer, or already has a console
	}
	reopen := func(std uint32, f **os.File, name string, flag int) {
		if h, err := windows.GetStdHandle(std); err == nil && h != 0 && h != windows.InvalidHandle {
			return // redirected: keep it
		}
		c, err := os.OpenFile(name, flag, 0)
		if err != nil {
			return
		}
		*f = c
		_ = windows.SetStdHandle(std, windows.Handle(c.Fd()))
	}
	reopen(windows.STD_OUTPUT_HANDLE, &os.Stdout, "CONOUT$", os.O_WRONLY)
	reopen(windows.STD_ERROR_HANDLE, &os.Stderr, "CONOUT$", os.O_WRONLY)
	reopen(windows.STD_INPUT_HANDLE, &os.Stdin, "CONIN$", os.O_RDONLY)
}
