package endpoint

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// Firefox's permission values (nsIPermissionManager).
const (
	firefoxAllow        = 1
	firefoxExpireNever  = 0
	firefoxExpireTimed  = 2
	firefoxNotification = "desktop-notification"
)

// readOnlyURI is the SQLite URI that opens path without ever writing:
// read-only and immutable, so SQLite neither takes locks nor creates a
// -wal or -shm file beside a profile the browser may have open.
func readOnlyURI(path string) string {
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	p := filepath.ToSlash(path)
	if !strings.HasPrefix(p, "/") {
		p = "/" + p // C:/Users/… on Windows
	}
	u := url.URL{Scheme: "file", Path: p, RawQuery: "mode=ro&immutable=1"}
	return u.String()
}

// readFirefoxPermissions returns the sites a Firefox profile's
// permissions.sqlite allows to send notifications, sorted by origin.
func readFirefoxPermissions(ctx context.Context, path string, now time.Time) ([]NotificationSite, error) {
	db, err := sql.Open("sqlite", readOnlyURI(path))
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", path, err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `SELECT origin, expireType, expireTime, modificationTime
		FROM moz_perms WHERE type = ? AND permission = ?`, firefoxNotification, firefoxAllow)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	defer rows.Close()
	var sites []NotificationSite
	for rows.Next() {
		var (
			origin                 string
			expireType             int
			expireTime, modifiedMs int64
		)
		if err := rows.Scan(&origin, &expireType, &expireTime, &modifiedMs); err != nil {
			return nil, fmt.Errorf("read %s: %w", path, err)
		}
		if expireType == firefoxExpireTimed && expireTime <= now.UnixMilli() {
			continue
		}
		// Origin attributes (^userContextId=1 for a container tab) follow
		// a caret.
		origin, _, _ = strings.Cut(origin, "^")
		s := NotificationSite{Origin: origin, Source: sourceUser}
		if modifiedMs > 0 {
			s.Granted = time.UnixMilli(modifiedMs).UTC()
		}
		sites = append(sites, s)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	slices.SortFunc(sites, func(a, b NotificationSite) int { return strings.Compare(a.Origin, b.Origin) })
	return sites, nil
}

// firefoxProfiles reads every Firefox profile under one profiles folder:
// each subdirectory with a permissions.sqlite.
func firefoxProfiles(ctx context.Context, sys System, bd browserDir) []NotificationProfile {
	root := filepath.Join(sys.Home, filepath.FromSlash(bd.dir))
	entries, err := os.ReadDir(root)
	if err != nil {
		return nil
	}
	var out []NotificationProfile
	for _, e := range entries {
		db := filepath.Join(root, e.Name(), "permissions.sqlite")
		if !e.IsDir() {
			continue
		}
		if _, err := os.Stat(db); err != nil {
			continue
		}
		ps := NotificationProfile{Browser: bd.browser, Profile: e.Name(), Path: relPath(sys.Home, db)}
		ps.Sites, err = readFirefoxPermissions(ctx, db, sys.Now())
		if err != nil {
			ps.Error = err.Error()
		}
		out = append(out, ps)
	}
	return out
}

// firefoxPolicy is the part of Firefox's policies.json this check reads.
type firefoxPolicy struct {
	Policies struct {
		Permissions struct {
			Notifications struct {
				Allow []string `json:"Allow"`
			} `json:"Notifications"`
		} `json:"Permissions"`
	} `json:"policies"`
}

// firefoxPolicySites reads the system-wide Firefox policy of Linux
// distributions (/etc/firefox/policies/policies.json).
func firefoxPolicySites(sys System) []NotificationProfile {
	const where = "/etc/firefox/policies/policies.json"
	if sys.GOOS != "linux" {
		return nil
	}
	data, err := sys.readFile(where)
	if err != nil {
		return nil
	}
	var p firefoxPolicy
	if json.Unmarshal(data, &p) != nil || len(p.Policies.Permissions.Notifications.Allow) == 0 {
		return nil
	}
	ps := NotificationProfile{Browser: "firefox", Profile: ProfilePolicy, Path: where}
	for _, a := range p.Policies.Permissions.Notifications.Allow {
		ps.Sites = append(ps.Sites, NotificationSite{Origin: strings.TrimSuffix(a, "/"), Source: sourcePolicy})
	}
	return []NotificationProfile{ps}
}
