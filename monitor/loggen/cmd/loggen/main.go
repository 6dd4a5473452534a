// Command loggen writes a seeded, realistic multi-day UTM/router log with
// attacks mixed in, and the ground truth of the attacks as JSON.
//
//	loggen -vendor fortigate -days 7 -lines 1000000 -seed 1 -out fgt.log -truth fgt.truth.json
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/loggen"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

func run(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("loggen", flag.ContinueOnError)
	fs.SetOutput(stderr)
	vendor := fs.String("vendor", string(monitor.VendorFortiGate), "fortigate or yamaha-rtx")
	days := fs.Int("days", 7, "days of log, 1–366")
	lines := fs.Int("lines", 100000, "approximate number of lines")
	seed := fs.Int64("seed", 1, "seed: the same seed writes the same bytes")
	start := fs.String("start", "2026-11-16", "first day (Asia/Tokyo), YYYY-MM-DD or RFC 3339")
	hosts := fs.Int("hosts", 30, "machines on the LAN, 1–100")
	attacks := fs.String("attacks", "all", `comma-separated attack kinds, "all" or "none"`)
	framing := fs.String("framing", string(loggen.FramingNative), "native, rfc3164 or priority")
	out := fs.String("out", "-", "log file (- for standard output)")
	truth := fs.String("truth", "", "ground-truth JSON file (none if empty)")
	if err := fs.Parse(args); err != nil {
		return 2
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "loggen: unexpected argument %q\n", fs.Arg(0))
		return 2
	}
	cfg := loggen.Config{
		Vendor: monitor.Vendor(*vendor), Days: *days, Lines: *lines, Seed: *seed, Hosts: *hosts,
		Framing: loggen.Framing(*framing),
	}
	t, err := parseStart(*start)
	if err != nil {
		fmt.Fprintf(stderr, "loggen: -start: %v\n", err)
		return 2
	}
	cfg.Start = t
	switch *attacks {
	case "all":
	case "none", "":
		cfg.Attacks = []string{}
	default:
		cfg.Attacks = strings.Split(*attacks, ",")
	}

	if err := cfg.Validate(); err != nil {
		fmt.Fprintln(stderr, err)
		return 2
	}
	if err := generate(cfg, *out, *truth, stdout); err != nil {
		fmt.Fprintln(stderr, err)
		return 1
	}
	return 0
}

func parseStart(s string) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", s, loggen.JST); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, s)
}

func generate(cfg loggen.Config, out, truthFile string, stdout io.Writer) error {
	w := stdout
	var f *os.File
	if out != "-" {
		var err error
		if f, err = os.Create(out); err != nil {
			return fmt.Errorf("loggen: %w", err)
		}
		defer f.Close()
		w = f
	}
	tr, err := loggen.Generate(cfg, w)
	if err != nil {
		return err
	}
	if f != nil {
		if err := f.Close(); err != nil {
			return fmt.Errorf("loggen: writing %s: %w", out, err)
		}
	}
	if truthFile == "" {
		return nil
	}
	b, err := json.MarshalIndent(tr, "", "  ")
	if err != nil {
		return fmt.Errorf("loggen: truth: %w", err)
	}
	if err := os.WriteFile(truthFile, append(b, '\n'), 0o644); err != nil {
		return fmt.Errorf("loggen: %w", err)
	}
	return nil
}
