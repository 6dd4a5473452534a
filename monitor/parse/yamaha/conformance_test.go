package yamaha

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/parse/internal/parsetest"
)

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
	path := filepath.Join(parsetest.CorpusDir(t), "yamaha", "rtx-samples.tsv")
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
		o := vendor.Run(line)
		if o.Recognized() {
			recognized++
		} else {
			t.Errorf("row %d not recognized (detect %v, parse %v): %q", n+2, o.Detected, o.Parsed, line)
			continue
		}
		for i, name := range rtxColumns {
			want := cols[3+i]
			if name == "proto" {
				want = strings.ToLower(want)
			}
			if got := eventColumn(&o.Event, name); got == want {
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
