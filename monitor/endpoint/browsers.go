package endpoint

// browserDir is where one browser keeps its profiles, relative to the
// home directory (with slashes).
type browserDir struct {
	browser string // chrome, chromium, edge, brave, firefox
	dir     string
}

// isFirefox reports whether profiles under d are Firefox's.
func (d browserDir) isFirefox() bool { return d.browser == "firefox" }

// browserDirs lists, per OS, where Chrome, Chromium, Edge, Brave and
// Firefox keep their profiles, including the beta and preview channels and
// the snap and Flatpak packages of Linux distributions. A channel shares
// its browser's id: the revoke steps are the same.
var browserDirs = map[string][]browserDir{
	"linux": {
		{"chrome", ".config/google-chrome"},
		{"chrome", ".var/app/com.google.Chrome/config/google-chrome"},
		{"chrome", ".config/google-chrome-beta"},
		{"chrome", ".config/google-chrome-unstable"},
		{"chromium", ".config/chromium"},
		{"chromium", "snap/chromium/common/chromium"},
		{"chromium", ".var/app/org.chromium.Chromium/config/chromium"},
		{"edge", ".config/microsoft-edge"},
		{"edge", ".config/microsoft-edge-beta"},
		{"edge", ".config/microsoft-edge-dev"},
		{"edge", ".var/app/com.microsoft.Edge/config/microsoft-edge"},
		{"brave", ".config/BraveSoftware/Brave-Browser"},
		{"brave", ".var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser"},
		{"firefox", ".mozilla/firefox"},
		{"firefox", ".config/mozilla/firefox"}, // Firefox 147 and later follow XDG
		{"firefox", "snap/firefox/common/.mozilla/firefox"},
		{"firefox", ".var/app/org.mozilla.firefox/.mozilla/firefox"},
	},
	"darwin": {
		{"chrome", "Library/Application Support/Google/Chrome"},
		{"chrome", "Library/Application Support/Google/Chrome Beta"},
		{"chrome", "Library/Application Support/Google/Chrome Canary"},
		{"chromium", "Library/Application Support/Chromium"},
		{"edge", "Library/Application Support/Microsoft Edge"},
		{"edge", "Library/Application Support/Microsoft Edge Beta"},
		{"brave", "Library/Application Support/BraveSoftware/Brave-Browser"},
		{"firefox", "Library/Application Support/Firefox/Profiles"},
	},
	"windows": {
		{"chrome", "AppData/Local/Google/Chrome/User Data"},
		{"chrome", "AppData/Local/Google/Chrome Beta/User Data"},
		{"chrome", "AppData/Local/Google/Chrome SxS/User Data"}, // Canary
		{"chromium", "AppData/Local/Chromium/User Data"},
		{"edge", "AppData/Local/Microsoft/Edge/User Data"},
		{"edge", "AppData/Local/Microsoft/Edge Beta/User Data"},
		{"brave", "AppData/Local/BraveSoftware/Brave-Browser/User Data"},
		{"firefox", "AppData/Roaming/Mozilla/Firefox/Profiles"},
	},
}

// chromiumPolicy names where an administrator's policies for one
// Chromium-family browser live on each OS.
type chromiumPolicy struct {
	browser string
	// linuxDirs hold *.json policy files (managed, then recommended).
	linuxDirs []string
	// windowsKey is the key under HKLM\ and HKCU\SOFTWARE\Policies.
	windowsKey string
	// macDomain is the preferences domain under /Library/Managed Preferences.
	macDomain string
}

var chromiumPolicies = []chromiumPolicy{
	{"chrome", []string{"/etc/opt/chrome/policies/managed", "/etc/opt/chrome/policies/recommended"}, `Google\Chrome`, "com.google.Chrome"},
	{"chromium", []string{"/etc/chromium/policies/managed", "/etc/chromium/policies/recommended"}, `Chromium`, "org.chromium.Chromium"},
	{"edge", []string{"/etc/opt/edge/policies/managed", "/etc/opt/edge/policies/recommended"}, `Microsoft\Edge`, "com.microsoft.Edge"},
	{"brave", []string{"/etc/brave/policies/managed", "/etc/brave/policies/recommended"}, `BraveSoftware\Brave`, "com.brave.Browser"},
}
