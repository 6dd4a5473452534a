package main

import (
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n"

	"github.com/kizuki-app/kizuki/locales"
)

// flagSpec declares one --name option. Options with a value take it as
// --name=value or --name value.
type flagSpec struct {
	name    string
	value   bool   // takes a value
	example string // shown in the "needs a value" message
}

// command is one sub-command. The tray app is the command with no name.
type command struct {
	name    string
	flags   []flagSpec
	maxArgs int // positional arguments allowed; -1 for any number
	run     func(e *env) int
}

// globalFlags are accepted by every command, anywhere on the line.
var globalFlags = []flagSpec{
	{name: "db", value: true, example: "kizuki.db"},
	{name: "lang", value: true, example: "en"},
	{name: "version"},
	{name: "help"},
}

// invocation is a parsed command line.
type invocation struct {
	cmd   *command
	flags map[string]string // option name → value ("" for switches)
	args  []string
}

func (inv invocation) has(name string) bool {
	_, ok := inv.flags[name]
	return ok
}

// usageError is a command line that cannot run; its text is localized.
type usageError struct {
	msg  *i18n.Message
	args locales.Args
}

func (e *usageError) Error() string { return e.msg.ID }

// parseArgs reads args against cmds. Global and command options may come
// before or after the command and its arguments; "--" ends the options.
func parseArgs(args []string, cmds []*command) (invocation, *usageError) {
	inv := invocation{flags: map[string]string{}}
	var positional []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		if a == "--" {
			positional = append(positional, args[i+1:]...)
			break
		}
		if a == "-h" {
			a = "--help"
		}
		if !strings.HasPrefix(a, "--") || a == "-" {
			if len(a) > 1 && a[0] == '-' {
				return inv, &usageError{msg: locales.CLIUnknownFlag, args: locales.Args{"Name": a}}
			}
			positional = append(positional, a)
			continue
		}
		name, value, hasValue := strings.Cut(a[2:], "=")
		// The command may come later on the line: accept any command's
		// option here and check it against the command once known.
		spec, ok := anyCommandFlag(name, cmds)
		if !ok {
			return inv, &usageError{msg: locales.CLIUnknownFlag, args: locales.Args{"Name": "--" + name}}
		}
		switch {
		case spec.value && !hasValue:
			if i+1 >= len(args) || strings.HasPrefix(args[i+1], "--") {
				return inv, &usageError{msg: locales.CLIFlagNeedsValue, args: locales.Args{"Name": "--" + name, "Example": spec.example}}
			}
			i++
			value = args[i]
		case !spec.value && hasValue:
			return inv, &usageError{msg: locales.CLIFlagNoValue, args: locales.Args{"Name": "--" + name}}
		}
		inv.flags[name] = value
	}

	// The first positional argument names the command; none means the tray app.
	inv.cmd = cmds[0]
	if len(positional) > 0 {
		found := false
		for _, c := range cmds[1:] {
			if c.name == positional[0] {
				inv.cmd, found = c, true
				break
			}
		}
		if !found {
			return inv, &usageError{msg: locales.CLIUnknownCommand, args: locales.Args{"Name": positional[0]}}
		}
		positional = positional[1:]
	}
	for name := range inv.flags {
		if _, ok := findFlag(name, inv.cmd); !ok {
			return inv, &usageError{msg: locales.CLIUnknownFlag, args: locales.Args{"Name": "--" + name}}
		}
	}
	if inv.cmd.maxArgs >= 0 && len(positional) > inv.cmd.maxArgs {
		return inv, &usageError{msg: locales.CLIUnexpectedArg, args: locales.Args{"Arg": positional[inv.cmd.maxArgs]}}
	}
	inv.args = positional
	return inv, nil
}

// findFlag looks name up among the global options and cmd's own.
func findFlag(name string, cmd *command) (flagSpec, bool) {
	for _, f := range globalFlags {
		if f.name == name {
			return f, true
		}
	}
	if cmd != nil {
		for _, f := range cmd.flags {
			if f.name == name {
				return f, true
			}
		}
	}
	return flagSpec{}, false
}

func anyCommandFlag(name string, cmds []*command) (flagSpec, bool) {
	for _, c := range cmds {
		if f, ok := findFlag(name, c); ok {
			return f, true
		}
	}
	return flagSpec{}, false
}

// langFromArgs finds --lang on the line before it is parsed, so that even
// usage errors speak the chosen language.
func langFromArgs(args []string) (value string, found bool) {
	for i, a := range args {
		if a == "--" {
			break
		}
		if v, ok := strings.CutPrefix(a, "--lang="); ok {
			return v, true
		}
		if a == "--lang" && i+1 < len(args) {
			return args[i+1], true
		}
	}
	return "", false
}
