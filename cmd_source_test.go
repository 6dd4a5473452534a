package main

import (
	"bytes"
	"path/filepath"
	"strings"
	"testing"
)

func TestSourceCommand(t *testing.T) {
	t.Parallel()
	db := filepath.Join(t.TempDir(), "k.db")
	steps := []struct {
		args []string
		code int
		out  string
	}{
		{[]string{"source", "list"}, 0, "No sources are set up yet"},
		{[]string{"source", "add", "FGT60F", "--allow", "192.168.1.1, 192.168.1.2", "--vendor", "fortigate"}, 0, `Source "FGT60F" is set up: logs from 192.168.1.1, 192.168.1.2`},
		{[]string{"source", "add", "RTX", "--allow", "10.0.0.0/24", "--tz", "Asia/Tokyo", "--quiet-after", "30m"}, 0, `Source "RTX"`},
		{[]string{"source", "list"}, 0, "FGT60F: device fortigate, senders 192.168.1.1, 192.168.1.2, time zone Asia/Tokyo, last received never\nRTX: device auto"},
		{[]string{"source", "remove", "RTX"}, 0, `Source "RTX" is removed`},
		{[]string{"source", "remove", "RTX"}, 1, `There is no source "RTX"`},
		{[]string{"source", "add", "X"}, 2, "Give the address this device sends its logs from"},
		{[]string{"source", "add", "X", "--allow", "not-an-ip"}, 2, "Cannot read the --allow addresses"},
		{[]string{"source", "add", "X", "--allow", "10.0.0.1", "--vendor", "netgear"}, 2, "Device type netgear is not supported"},
		{[]string{"source", "add", "X", "--allow", "10.0.0.1", "--tz", "Mars/Base"}, 2, "Time zone Mars/Base was not found"},
		{[]string{"source", "add", "X", "--allow", "10.0.0.1", "--quiet-after", "10s"}, 2, "at least one minute"},
		{[]string{"source", "frobnicate"}, 2, "Usage: kizuki source"},
	}
	for _, s := range steps {
		var stdout, stderr bytes.Buffer
		args := append(s.args, "--db", db, "--lang", "en")
		code := run(args, docEnv(&stdout, &stderr))
		out := stdout.String() + stderr.String()
		if code != s.code || !strings.Contains(out, s.out) {
			t.Errorf("kizuki %q: exit %d, output %q; want exit %d containing %q", s.args, code, out, s.code, s.out)
		}
	}
}
