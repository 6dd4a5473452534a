package yamaha

import (
	"bufio"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/syslog"
)

// corpusDir is the shared corpus beside the repository.
func corpusDir(t *testing.T) string {
	t.Helper()
	dir := filepath.Join("..", "..", "..", "..", "shared", "corpus")
	if _, err := os.Stat(dir); err != nil {
		t.Skip("../shared/corpus not found: conformance tests need the shared corpus beside the repo")
	}
	return dir
}

// rtxColumns are the annotated columns of yamaha/rtx-samples.tsv, in file
// order after the line, its source and the model.
var rtxColumns = []string{"kind", "action", "src_ip", "dst_ip", "src_port", "dst_port", "proto", "user"}

func eventColumn(e *monitor.Event, name string) string {
	port := func(p int) string {
		if p == 0 {
			return ""
		}
		return strconv.Itoa(p)
	}
	switch name {
	case "kind":
		return string(e.Kind)
	case "action":
		return string(e.Action)
	case "src_ip":
		return e.SrcIP
	case "dst_ip":
		return e.DstIP
	case "src_port":
		return port(e.SrcPort)
	case "dst_port":
		return port(e.DstPort)
	case "proto":
		return e.Proto
	case "user":
		return e.User
	}
	panic("unknown column " + name)
}

// TestConformanceRTXSamples runs every line of yamaha/rtx-samples.tsv:
// each must be detected and parsed, and agree with its annotation. An
// empty annotation means the field must stay empty: where the
// annotation masks an address ("xx.xx.xx.xx") the address is empty too.
// The annotations' upper-case protocols are compared in the event's lower
// case.
func TestConformanceRTXSamples(t *testing.T) {
	t.Parallel()
	path := filepath.Join(corpusDir(t), "yamaha", "rtx-samples.tsv")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	rows := strings.Split(strings.TrimRight(string(data), "\n"), "\n")[1:] // header
	var recognized int
	agree := map[string]int{}
	for n, row := range rows {
		cols := strings.Split(strings.TrimRight(row, "\r"), "\t")
		if len(cols) != 12 {
			t.Fatalf("row %d: %d columns, want 12", n+2, len(cols))
		}
		line := cols[0]
		h, msg := syslog.Split(line, tokyo, now)
		var e monitor.Event
		detected := Detect(h, msg)
		parsed := Parse(h, msg, tokyo, &e)
		if detected && parsed && e.Kind != monitor.KindUnknown && e.Kind != "" {
			recognized++
		} else {
			t.Errorf("row %d not recognized (detect %v, parse %v): %q", n+2, detected, parsed, line)
			continue
		}
		for i, name := range rtxColumns {
			want := cols[3+i]
			if name == "proto" {
				want = strings.ToLower(want)
			}
			if got := eventColumn(&e, name); got == want {
				agree[name]++
			} else {
				t.Errorf("row %d %s = %q, annotation %q: %q", n+2, name, got, want, line)
			}
		}
	}
	t.Logf("%s: recognized %d/%d lines", filepath.Base(path), recognized, len(rows))
	for _, name := range rtxColumns {
		t.Logf("  %-8s agrees on %d/%d", name, agree[name], len(rows))
	}
}

// TestConformanceNoOtherVendorClaimed runs Detect over every line of the
// other vendors' corpus files (raw logs and Cribl samples): none may pass
// for Yamaha.
func TestConformanceNoOtherVendorClaimed(t *testing.T) {
	t.Parallel()
	root := corpusDir(t)
	var checked, claimed int
	check := func(file, line string) {
		if line = strings.TrimSpace(line); line == "" {
			return
		}
		checked++
		h, msg := syslog.Split(line, tokyo, now)
		if Detect(h, msg) {
			claimed++
			t.Errorf("%s: Detect claimed %q", file, line)
		}
	}
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == "yamaha" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		switch {
		case strings.HasSuffix(path, ".log"):
			f, err := os.Open(path)
			if err != nil {
				return err
			}
			defer f.Close()
			sc := bufio.NewScanner(f)
			sc.Buffer(make([]byte, 1<<20), 1<<20)
			for sc.Scan() {
				check(rel, sc.Text())
			}
			return sc.Err()
		case strings.HasPrefix(rel, "cribl") && strings.HasSuffix(path, ".json"):
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			var samples []struct {
				Raw string `json:"_raw"`
			}
			if err := json.Unmarshal(data, &samples); err != nil {
				return err
			}
			for _, s := range samples {
				for _, line := range strings.Split(s.Raw, "\n") {
					check(rel, line)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("other vendors' lines: %d checked, %d claimed as Yamaha", checked, claimed)
}
