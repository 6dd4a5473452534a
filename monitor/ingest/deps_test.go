package ingest

import (
	"os"
	"os/exec"
	"strings"
	"testing"
)

// TestDependencies keeps the listener pure Go and inside the layering of
// ARCHITECTURE.md: the standard library, monitor, and x/sys for the
// Linux socket option.
func TestDependencies(t *testing.T) {
	t.Parallel()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("go command not found")
	}
	allowed := map[string]bool{
		"github.com/kizuki-app/kizuki/monitor":        true,
		"github.com/kizuki-app/kizuki/monitor/ingest": true,
		"golang.org/x/sys/unix":                       true,
	}
	for _, goos := range []string{"linux", "windows", "darwin"} {
		cmd := exec.Command(goTool, "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", ".")
		cmd.Env = append(os.Environ(), "CGO_ENABLED=0", "GOOS="+goos)
		out, err := cmd.Output()
		if err != nil {
			t.Fatalf("go list for %s: %v", goos, err)
		}
		for _, dep := range strings.Fields(string(out)) {
			if !allowed[dep] {
				t.Errorf("%s: depends on %s", goos, dep)
			}
		}
	}
}
