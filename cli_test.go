package main

import (
	"reflect"
	"testing"

	"github.com/kizuki-app/kizuki/locales"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		args    []string
		cmd     string
		flags   map[string]string
		rest    []string
		wantErr string // message ID of the usage error
	}{
		{name: "no arguments is the tray app", args: nil, cmd: "", flags: map[string]string{}},
		{name: "globals before command", args: []string{"--db", "x.db", "--lang=en", "status"}, cmd: "status",
			flags: map[string]string{"db": "x.db", "lang": "en"}},
		{name: "globals after command and its flags", args: []string{"status", "--json", "--db=x.db", "--lang", "ja"}, cmd: "status",
			flags: map[string]string{"db": "x.db", "lang": "ja", "json": ""}},
		{name: "command flag before command", args: []string{"--json", "status"}, cmd: "status",
			flags: map[string]string{"json": ""}},
		{name: "db for the tray app", args: []string{"--db", "a b.db"}, cmd: "", flags: map[string]string{"db": "a b.db"}},
		{name: "short help", args: []string{"-h"}, cmd: "", flags: map[string]string{"help": ""}},
		{name: "version anywhere", args: []string{"status", "--version"}, cmd: "status", flags: map[string]string{"version": ""}},
		{name: "unknown command", args: []string{"stats"}, wantErr: locales.CLIUnknownCommand.ID},
		{name: "unknown flag", args: []string{"status", "--jsn"}, wantErr: locales.CLIUnknownFlag.ID},
		{name: "unknown short flag", args: []string{"-x"}, wantErr: locales.CLIUnknownFlag.ID},
		{name: "flag of another command", args: []string{"--json"}, wantErr: locales.CLIUnknownFlag.ID},
		{name: "missing value at end", args: []string{"status", "--db"}, wantErr: locales.CLIFlagNeedsValue.ID},
		{name: "missing value before flag", args: []string{"--db", "--json", "status"}, wantErr: locales.CLIFlagNeedsValue.ID},
		{name: "value on a switch", args: []string{"status", "--json=yes"}, wantErr: locales.CLIFlagNoValue.ID},
		{name: "extra argument", args: []string{"status", "now"}, wantErr: locales.CLIUnexpectedArg.ID},
		{name: "double dash ends options", args: []string{"--", "--db"}, wantErr: locales.CLIUnknownCommand.ID},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			inv, err := parseArgs(tt.args, cmds)
			if tt.wantErr != "" {
				if err == nil || err.msg.ID != tt.wantErr {
					t.Fatalf("parseArgs(%q) error = %v, want %s", tt.args, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("parseArgs(%q): %v", tt.args, err)
			}
			if inv.cmd.name != tt.cmd {
				t.Errorf("command = %q, want %q", inv.cmd.name, tt.cmd)
			}
			if !reflect.DeepEqual(inv.flags, tt.flags) {
				t.Errorf("flags = %v, want %v", inv.flags, tt.flags)
			}
			if len(inv.args)+len(tt.rest) > 0 && !reflect.DeepEqual(inv.args, tt.rest) {
				t.Errorf("args = %q, want %q", inv.args, tt.rest)
			}
		})
	}
}

func TestLangFromArgs(t *testing.T) {
	t.Parallel()
	tests := []struct {
		args  []string
		want  string
		found bool
	}{
		{[]string{"status", "--lang", "en"}, "en", true},
		{[]string{"--lang=ja", "status"}, "ja", true},
		{[]string{"status"}, "", false},
		{[]string{"--", "--lang=en"}, "", false},
		{[]string{"--lang"}, "", false},
	}
	for _, tt := range tests {
		got, found := langFromArgs(tt.args)
		if got != tt.want || found != tt.found {
			t.Errorf("langFromArgs(%q) = %q, %v; want %q, %v", tt.args, got, found, tt.want, tt.found)
		}
	}
}

func TestDefaultDBPath(t *testing.T) {
	t.Parallel()
	env := func(m map[string]string) func(string) string { return func(k string) string { return m[k] } }
	tests := []struct {
		goos string
		vars map[string]string
		want string
	}{
		{"linux", map[string]string{"HOME": "/home/a"}, "/home/a/.local/share/kizuki/kizuki.db"},
		{"linux", map[string]string{"HOME": "/home/a", "XDG_DATA_HOME": "/data"}, "/data/kizuki/kizuki.db"},
		{"linux", map[string]string{"HOME": "/home/a", "XDG_DATA_HOME": "relative"}, "/home/a/.local/share/kizuki/kizuki.db"},
		{"darwin", map[string]string{"HOME": "/Users/a"}, "/Users/a/Library/Application Support/Kizuki/kizuki.db"},
		{"windows", map[string]string{"LocalAppData": "/c/Users/a/AppData/Local"}, "/c/Users/a/AppData/Local/Kizuki/kizuki.db"},
		{"windows", map[string]string{"UserProfile": "/c/Users/a"}, "/c/Users/a/AppData/Local/Kizuki/kizuki.db"},
	}
	for _, tt := range tests {
		if got := defaultDBPath(env(tt.vars), tt.goos); got != tt.want {
			t.Errorf("defaultDBPath(%v, %s) = %q, want %q", tt.vars, tt.goos, got, tt.want)
		}
	}
}
