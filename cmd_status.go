package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/status"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// runStatus prints the traffic light and its reasons. It exits 0 whatever
// the colour: the colour is the output, not an error.
func runStatus(e *env) int {
	ctx := context.Background()
	path := e.dbPath()
	st, err := store.Open(ctx, path)
	if err != nil {
		return e.fail(locales.CLIOpenDBFailed, locales.Args{"Path": path, "Err": err})
	}
	defer st.Close()
	s, err := loadStatus(ctx, st, path, e.now())
	if err != nil {
		return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
	}
	// Tokens kept in the fallback file rather than the OS keyring are worth
	// knowing about; looking for the file does not wake the keyring.
	secretsFile := filepath.Join(filepath.Dir(path), secrets.FileName)
	_, statErr := os.Stat(secretsFile)
	inFile := statErr == nil
	if e.inv.has("json") {
		out := struct {
			status.Status
			SecretsFile string `json:"secrets_file,omitempty"`
		}{Status: s}
		if inFile {
			out.SecretsFile = secretsFile
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return e.fail(locales.CLIReadStatusFailed, locales.Args{"Err": err})
		}
		return 0
	}
	printStatus(e, s)
	if inFile {
		fmt.Fprintln(e.stdout, e.loc.T(locales.CLISecretsInFile, locales.Args{"Path": secretsFile}))
	}
	return 0
}

func printStatus(e *env, s status.Status) {
	l := e.loc
	level := s.Level.String()
	fmt.Fprintln(e.stdout, l.T(locales.CLIStatusLine, locales.Args{
		"Word": l.LevelWord(level), "Color": l.ColorName(level), "Summary": l.LevelSummary(level),
	}))
	for _, r := range s.Reasons {
		title, detail := l.Reason(r.Code, r.Args)
		fmt.Fprintf(e.stdout, "- %s\n", title)
		if detail != "" {
			fmt.Fprintf(e.stdout, "  %s\n", detail)
		}
	}
	if line := l.DropList(s.Dropped); line != "" {
		fmt.Fprintln(e.stdout, l.T(locales.CLIDroppedLine, locales.Args{"List": line}))
	}
	if s.Readiness.Assessed {
		fmt.Fprintln(e.stdout, l.T(locales.CLIStatusReadiness, locales.Args{
			"Score": strconv.Itoa(s.Readiness.Score), "Count": strconv.Itoa(len(s.Readiness.Checklists)),
		}))
	}
	if len(s.Sources) == 0 {
		return
	}
	fmt.Fprintln(e.stdout, l.T(locales.CLISourcesHeader, nil))
	for _, src := range s.Sources {
		last := l.Time(zeroIfNil(src.LastSeen))
		fmt.Fprintf(e.stdout, "  %s\n", l.T(locales.CLISourceLine, locales.Args{
			"Name": src.Name, "LastSeen": last, "Received": strconv.FormatInt(src.Received, 10),
		}))
		if src.Rate > 0 {
			fmt.Fprintf(e.stdout, "    %s\n", l.T(locales.CLISourceRate, locales.Args{"Rate": strconv.FormatFloat(src.Rate, 'f', -1, 64)}))
		}
		if line := l.DropList(src.Dropped); line != "" {
			fmt.Fprintf(e.stdout, "    %s\n", l.T(locales.CLIDroppedLine, locales.Args{"List": line}))
		}
	}
}

func zeroIfNil(t *time.Time) time.Time {
	if t == nil {
		return time.Time{}
	}
	return *t
}
