package endpoint

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// contentSettingAllow is Chromium's ContentSetting value for "allow".
const contentSettingAllow = 1

// chromiumPrefs is the part of a Chromium profile's Preferences file that
// says which sites may send notifications.
type chromiumPrefs struct {
	Profile struct {
		ContentSettings struct {
			Exceptions struct {
				Notifications map[string]chromiumException `json:"notifications"`
			} `json:"exceptions"`
		} `json:"content_settings"`
		Defaults struct {
			Notifications json.Number `json:"notifications"`
		} `json:"default_content_setting_values"`
	} `json:"profile"`
}

// chromiumException is one entry of content_settings.exceptions.
type chromiumException struct {
	Setting      json.Number `json:"setting"`
	LastModified string      `json:"last_modified"`
}

// chromeEpochOffset is 1601-01-01 (Chromium's time zero) to 1970-01-01,
// in microseconds.
const chromeEpochOffset = 11644473600 * 1000000

// chromeTime converts Chromium's "microseconds since 1601" text.
func chromeTime(s string) time.Time {
	us, err := strconv.ParseInt(s, 10, 64)
	if err != nil || us <= chromeEpochOffset {
		return time.Time{}
	}
	return time.UnixMicro(us - chromeEpochOffset).UTC()
}

// patternOrigin turns the primary pattern of a content-setting key
// ("https://example.com:443,*") into the origin a person recognizes
// ("https://example.com").
func patternOrigin(key string) string {
	primary, _, _ := strings.Cut(key, ",")
	primary = strings.TrimSpace(primary)
	for scheme, port := range map[string]string{"https://": ":443", "http://": ":80"} {
		if strings.HasPrefix(primary, scheme) {
			primary = strings.TrimSuffix(primary, port)
		}
	}
	return strings.TrimSuffix(primary, "/")
}

// parseChromiumPrefs reads a Preferences file: the sites allowed to send
// notifications, sorted by origin, and whether the profile allows every
// site by default.
func parseChromiumPrefs(data []byte) (sites []NotificationSite, allowAll bool, err error) {
	var p chromiumPrefs
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, false, fmt.Errorf("read Preferences: %w", err)
	}
	for key, ex := range p.Profile.ContentSettings.Exceptions.Notifications {
		if n, err := ex.Setting.Int64(); err != nil || n != contentSettingAllow {
			continue
		}
		origin := patternOrigin(key)
		if origin == "" || origin == "*" {
			continue
		}
		sites = append(sites, NotificationSite{Origin: origin, Source: sourceUser, Granted: chromeTime(ex.LastModified)})
	}
	slices.SortFunc(sites, func(a, b NotificationSite) int { return strings.Compare(a.Origin, b.Origin) })
	d, err := p.Profile.Defaults.Notifications.Int64()
	return sites, err == nil && d == contentSettingAllow, nil
}

// chromiumProfileNames reads the names people gave their profiles from
// "Local State" (profile.info_cache), keyed by profile directory.
func chromiumProfileNames(userData string) map[string]string {
	b, err := os.ReadFile(filepath.Join(userData, "Local State"))
	if err != nil {
		return nil
	}
	var ls struct {
		Profile struct {
			InfoCache map[string]struct {
				Name string `json:"name"`
			} `json:"info_cache"`
		} `json:"profile"`
	}
	if json.Unmarshal(b, &ls) != nil {
		return nil
	}
	names := map[string]string{}
	for dir, info := range ls.Profile.InfoCache {
		names[dir] = info.Name
	}
	return names
}

// chromiumProfiles reads every profile of one Chromium-family browser's
// user data directory. A profile is a subdirectory with a Preferences
// file; the guest and system profiles keep no permissions.
func chromiumProfiles(sys System, bd browserDir) []NotificationProfile {
	userData := filepath.Join(sys.Home, filepath.FromSlash(bd.dir))
	entries, err := os.ReadDir(userData)
	if err != nil {
		return nil
	}
	names := chromiumProfileNames(userData)
	var out []NotificationProfile
	for _, e := range entries {
		if !e.IsDir() || e.Name() == "System Profile" || e.Name() == "Guest Profile" {
			continue
		}
		prefs := filepath.Join(userData, e.Name(), "Preferences")
		data, err := os.ReadFile(prefs)
		if os.IsNotExist(err) {
			continue
		}
		ps := NotificationProfile{Browser: bd.browser, Profile: e.Name(), Name: names[e.Name()], Path: relPath(sys.Home, prefs)}
		if err == nil {
			ps.Sites, ps.AllowAll, err = parseChromiumPrefs(data)
		}
		if err != nil {
			ps.Error = err.Error()
		}
		out = append(out, ps)
	}
	return out
}

// relPath shows p relative to home when it is inside it, with slashes.
func relPath(home, p string) string {
	if r, err := filepath.Rel(home, p); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return p
}

// chromiumPolicyJSON is the part of a policy file this check reads.
type chromiumPolicyJSON struct {
	Allowed []string    `json:"NotificationsAllowedForUrls"`
	Default json.Number `json:"DefaultNotificationsSetting"`
}

// parsePolicyJSON reads one Linux policy file.
func parsePolicyJSON(data []byte) (allowed []string, allowAll bool, err error) {
	var p chromiumPolicyJSON
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, false, fmt.Errorf("read policy: %w", err)
	}
	d, err := p.Default.Int64()
	return p.Allowed, err == nil && d == contentSettingAllow, nil
}

// regListValues reads the values of a `reg query` of a list policy key:
// "    1    REG_SZ    https://example.com".
func regListValues(out []byte) []string {
	var vs []string
	for _, l := range lines(out) {
		f := strings.Fields(l)
		if len(f) >= 3 && f[1] == "REG_SZ" {
			vs = append(vs, strings.Join(f[2:], " "))
		}
	}
	return vs
}

// defaultsArray matches the quoted or bare items of a `defaults read`
// array: ( "https://a.example", "[*.]b.example" ).
var defaultsArray = regexp.MustCompile(`(?m)^\s+"?([^",()]+?)"?,?$`)

// parseDefaultsArray reads an array printed by `defaults read`.
func parseDefaultsArray(out []byte) []string {
	out = bytes.TrimSpace(out)
	if !bytes.HasPrefix(out, []byte("(")) {
		return nil
	}
	var vs []string
	for _, m := range defaultsArray.FindAllSubmatch(out, -1) {
		vs = append(vs, string(m[1]))
	}
	return vs
}

// chromiumPolicySites returns, per browser with any, the sites an
// administrator's policy allows to send notifications.
func chromiumPolicySites(ctx context.Context, sys System) []NotificationProfile {
	var out []NotificationProfile
	for _, pol := range chromiumPolicies {
		var allowed []string
		allowAll := false
		where := ""
		switch sys.GOOS {
		case "linux":
			for _, dir := range pol.linuxDirs {
				files, _ := filepath.Glob(filepath.Join(sys.file(dir), "*.json"))
				for _, f := range files {
					data, err := os.ReadFile(f)
					if err != nil {
						continue
					}
					a, all, err := parsePolicyJSON(data)
					if err != nil {
						continue
					}
					allowed, allowAll = append(allowed, a...), allowAll || all
					where = dir
				}
			}
		case "windows":
			for _, hive := range []string{"HKLM", "HKCU"} {
				key := hive + `\SOFTWARE\Policies\` + pol.windowsKey
				if o, err := sys.Run.Run(ctx, "reg", "query", key+`\NotificationsAllowedForUrls`); err == nil {
					allowed, where = append(allowed, regListValues(o)...), key
				}
				if o, err := sys.Run.Run(ctx, "reg", "query", key, "/v", "DefaultNotificationsSetting"); err == nil {
					if n, ok := regInt(regValues(o)["DefaultNotificationsSetting"]); ok && n == contentSettingAllow {
						allowAll, where = true, key
					}
				}
			}
		case "darwin":
			domain := "/Library/Managed Preferences/" + pol.macDomain
			if o, err := sys.Run.Run(ctx, "defaults", "read", domain, "NotificationsAllowedForUrls"); err == nil {
				allowed, where = parseDefaultsArray(o), domain
			}
			if o, err := sys.Run.Run(ctx, "defaults", "read", domain, "DefaultNotificationsSetting"); err == nil && strings.TrimSpace(string(o)) == "1" {
				allowAll, where = true, domain
			}
		}
		if len(allowed) == 0 && !allowAll {
			continue
		}
		ps := NotificationProfile{Browser: pol.browser, Profile: ProfilePolicy, Path: where, AllowAll: allowAll}
		for _, a := range allowed {
			ps.Sites = append(ps.Sites, NotificationSite{Origin: patternOrigin(a), Source: sourcePolicy})
		}
		out = append(out, ps)
	}
	return out
}
