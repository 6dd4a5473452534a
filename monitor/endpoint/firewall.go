package endpoint

import (
	"context"
	"slices"
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

func checkFirewall(ctx context.Context, sys System) outcome {
	switch sys.GOOS {
	case "windows":
		return firewallWindows(ctx, sys)
	case "darwin":
		return firewallDarwin(ctx, sys)
	case "linux":
		return firewallLinux(ctx, sys)
	}
	return unsupported(CheckFirewall)
}

const firewallScript = "Get-NetFirewallProfile | ForEach-Object { $_.Name + '=' + $_.Enabled }"

// parseFirewallProfiles reads "Domain=True" lines into the names of the
// profiles that are on and off.
func parseFirewallProfiles(out []byte) (on, off []string) {
	for _, l := range lines(out) {
		name, state, ok := strings.Cut(l, "=")
		if !ok {
			continue
		}
		if strings.EqualFold(strings.TrimSpace(state), "True") {
			on = append(on, strings.TrimSpace(name))
		} else {
			off = append(off, strings.TrimSpace(name))
		}
	}
	return on, off
}

func firewallWindows(ctx context.Context, sys System) outcome {
	out, err := sys.powershell(ctx, firewallScript)
	on, off := parseFirewallProfiles(out)
	if err != nil || len(on)+len(off) == 0 {
		return result(monitor.CheckUnknown, "firewall.unreadable", nil)
	}
	details := map[string]any{"on": on, "off": off}
	var o outcome
	switch {
	case len(off) == 0:
		o = result(monitor.CheckOK, "firewall.on", map[string]any{"product": "Windows Defender Firewall"})
	case len(on) == 0:
		o = result(monitor.CheckBad, "firewall.off", nil)
	default:
		// The Public profile guards the PC on café and hotel networks.
		o = result(monitor.CheckWarn, "firewall.partly_off", map[string]any{"profiles": strings.Join(off, ", ")})
	}
	o.details = details
	return o
}

func firewallDarwin(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "/usr/libexec/ApplicationFirewall/socketfilterfw", "--getglobalstate")
	if err != nil {
		return result(monitor.CheckUnknown, "firewall.unreadable", nil)
	}
	s := strings.ToLower(string(out))
	switch {
	case strings.Contains(s, "enabled") || strings.Contains(s, "state = 1") || strings.Contains(s, "state = 2"):
		return result(monitor.CheckOK, "firewall.on", map[string]any{"product": "macOS"})
	case strings.Contains(s, "disabled") || strings.Contains(s, "state = 0"):
		// macOS ships with it off; the office router still stands in front.
		return result(monitor.CheckWarn, "firewall.off", nil)
	}
	return result(monitor.CheckUnknown, "firewall.unreadable", nil)
}

// ufwEnabled reads ENABLED=yes from /etc/ufw/ufw.conf, which anyone may
// read (ufw status needs root).
func ufwEnabled(conf []byte) bool {
	for _, l := range lines(conf) {
		if v, ok := strings.CutPrefix(l, "ENABLED="); ok {
			return strings.Trim(v, `"'`) == "yes"
		}
	}
	return false
}

func firewallLinux(ctx context.Context, sys System) outcome {
	if conf, err := sys.readFile("/etc/ufw/ufw.conf"); err == nil && ufwEnabled(conf) {
		return result(monitor.CheckOK, "firewall.on", map[string]any{"product": "ufw"})
	}
	for _, unit := range []string{"firewalld", "nftables"} {
		out, err := sys.Run.Run(ctx, "systemctl", "is-active", unit)
		if slices.Contains(lines(out), "active") && err == nil {
			return result(monitor.CheckOK, "firewall.on", map[string]any{"product": unit})
		}
	}
	return result(monitor.CheckWarn, "firewall.none_linux", nil)
}
