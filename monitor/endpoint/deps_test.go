package endpoint

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the checks pure Go on every OS and inside the
// layering of ARCHITECTURE.md: monitor's types, SQLite (modernc, for
// Firefox's permissions) and the public suffix list; never another
// sub-package of monitor, never Fyne.
func TestDependencies(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	allowed := func(dep string) bool {
		switch {
		case dep == "github.com/kizuki-app/kizuki/monitor", dep == "github.com/kizuki-app/kizuki/monitor/endpoint",
			dep == "golang.org/x/net/publicsuffix", strings.HasPrefix(dep, "golang.org/x/sys/"):
			return true
		}
		// modernc.org/sqlite and what it brings.
		for _, p := range []string{"modernc.org/", "github.com/dustin/go-humanize", "github.com/google/uuid", "github.com/remyoudompheng/bigfft", "github.com/ncruces/go-strftime", "github.com/mattn/go-isatty"} {
			if strings.HasPrefix(dep, p) {
				return true
			}
		}
		return false
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !allowed(dep) {
				t.Errorf("%s: depends on %s", goos, dep)
			}
		}
	}
}
