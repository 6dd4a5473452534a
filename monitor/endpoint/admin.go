package endpoint

import (
	"context"
	"regexp"
	"slices"
	"strings"

	"github.com/kizuki-app/kizuki/monitor"
)

func checkAdminRights(ctx context.Context, sys System) outcome {
	switch sys.GOOS {
	case "windows":
		return adminWindows(ctx, sys)
	case "darwin", "linux":
		return adminUnix(ctx, sys)
	}
	return unsupported(CheckAdminRights)
}

// administratorsSID is the built-in Administrators group, the same in
// every Windows language. whoami /groups lists it for an administrator
// even while UAC runs programs without its rights ("deny only").
const administratorsSID = "S-1-5-32-544"

func adminWindows(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "whoami", "/groups", "/fo", "csv", "/nh")
	if err != nil || len(lines(out)) == 0 {
		return result(monitor.CheckUnknown, "admin_rights.unreadable", nil)
	}
	if strings.Contains(string(out), `"`+administratorsSID+`"`) {
		return result(monitor.CheckWarn, "admin_rights.admin", map[string]any{"group": "Administrators"})
	}
	return result(monitor.CheckOK, "admin_rights.standard", nil)
}

// idGroups matches one "27(sudo)" of `id` output.
var idGroups = regexp.MustCompile(`\d+\(([^)]+)\)`)

// parseID reads `id`: "uid=1000(owner) gid=1000(owner) groups=1000(owner),27(sudo)".
func parseID(out []byte) (uid string, groups []string) {
	for _, field := range strings.Fields(string(out)) {
		k, v, _ := strings.Cut(field, "=")
		switch k {
		case "uid":
			uid, _, _ = strings.Cut(v, "(")
		case "groups":
			for _, m := range idGroups.FindAllStringSubmatch(v, -1) {
				groups = append(groups, m[1])
			}
		}
	}
	return uid, groups
}

func adminUnix(ctx context.Context, sys System) outcome {
	out, err := sys.Run.Run(ctx, "id")
	if err != nil {
		return result(monitor.CheckUnknown, "admin_rights.unreadable", nil)
	}
	uid, groups := parseID(out)
	if uid == "" {
		return result(monitor.CheckUnknown, "admin_rights.unreadable", nil)
	}
	if uid == "0" {
		return result(monitor.CheckWarn, "admin_rights.root", nil)
	}
	// Members of these groups may become root with their own password.
	adminGroups := []string{"sudo", "wheel", "admin"}
	if sys.GOOS == "darwin" {
		adminGroups = []string{"admin"}
	}
	for _, g := range groups {
		if slices.Contains(adminGroups, g) {
			return result(monitor.CheckWarn, "admin_rights.admin", map[string]any{"group": g})
		}
	}
	return result(monitor.CheckOK, "admin_rights.standard", nil)
}
