package detect_test

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/kizuki-app/kizuki/monitor/detect"
)

func TestDefaultSpecsLoad(t *testing.T) {
	t.Parallel()
	specs, err := detect.DefaultSpecs()
	if err != nil {
		t.Fatal(err)
	}
	rules := map[string]bool{}
	for _, s := range specs {
		rules[s.Rule] = true
	}
	for _, want := range []string{"infected_pc", "beaconing", "vpn_bruteforce", "vpn_spraying", "admin_bruteforce",
		"login_after_failures", "admin_login_unusual", "port_scan", "ti_match", "source_silent"} {
		if !rules[want] {
			t.Errorf("no default rule raises %s", want)
		}
	}
}

// TestSpecErrorsNameFileAndField checks that a broken spec says where.
func TestSpecErrorsNameFileAndField(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		name, yaml, field, msg string
	}{
		{"unknown field", "id: x\ntype: threshold\nseverity: low\nsubjet: src_ip\n", "", "field subjet not found"},
		{"bad type", "id: x\ntype: bucket\nseverity: low\n", "type", `"bucket"`},
		{"bad severity", "id: x\ntype: silence\nseverity: urgent\nafter: 1h\n", "severity", `"urgent"`},
		{"bad id", "id: X-1\ntype: silence\nseverity: low\nafter: 1h\n", "id", "lowercase"},
		{"missing window", "id: x\ntype: threshold\nseverity: low\nsubject: src_ip\nmin_count: 3\n", "window", "required"},
		{"bad duration", "id: x\ntype: silence\nseverity: low\nafter: soon\n", "", "invalid duration"},
		{"field of another type", "id: x\ntype: silence\nseverity: low\nafter: 1h\nmin_count: 3\n", "min_count", "not used by rules of type silence"},
		{"bad subject", "id: x\ntype: threshold\nseverity: low\nsubject: mac\nwindow: 1m\nmin_count: 3\n", "subject", `"mac"`},
		{"bad distinct", "id: x\ntype: threshold\nseverity: low\nsubject: src_ip\nwindow: 1m\nmin_count: 3\nmin_distinct:\n  url: 3\n", "min_distinct.url", "no such field"},
		{"bad action", "id: x\ntype: silence\nseverity: low\nafter: 1h\nmatch:\n  action: [denied]\n", "match.action", `"denied"`},
		{"bad exclude port", "id: x\ntype: silence\nseverity: low\nafter: 1h\nexclude:\n  - dst_port: [70000]\n", "exclude[0].dst_port", "70000"},
		{"bad beacon domain", "id: x\ntype: beacon\nseverity: low\nwindow: 20h\nmin_connections: 24\nmin_score: 0.8\nmax_prevalence: 4\nignore_domains: [\"Bad Domain\"]\n", "ignore_domains[0]", "not a domain"},
		{"two documents", "id: x\ntype: silence\nseverity: low\nafter: 1h\n---\nid: y\n", "", "one rule per file"},
		{"empty", "", "", "empty file"},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			_, err := detect.ParseSpec("rules/mine.yaml", []byte(c.yaml))
			var se *detect.SpecError
			if !errors.As(err, &se) {
				t.Fatalf("ParseSpec() error = %v, want a *SpecError", err)
			}
			if se.File != "rules/mine.yaml" || se.Field != c.field || !strings.Contains(err.Error(), c.msg) {
				t.Errorf("error = %q (file %q, field %q); want file rules/mine.yaml, field %q, containing %q", err, se.File, se.Field, c.field, c.msg)
			}
		})
	}
}

func TestUserRulesReplaceDefaults(t *testing.T) {
	t.Parallel()
	base, err := detect.DefaultSpecs()
	if err != nil {
		t.Fatal(err)
	}
	user, err := detect.LoadSpecs(fstest.MapFS{
		"vpn_bruteforce.yaml": {Data: []byte("id: vpn_bruteforce\ntype: threshold\nseverity: high\nsubject: src_ip\nwindow: 2h\nmin_count: 50\nmatch:\n  action: [login_failure]\n")},
		"mine.yaml":           {Data: []byte("id: rdp_from_outside\ntype: threshold\nseverity: high\nsubject: src_ip\nwindow: 1h\nmin_count: 1\nmatch:\n  direction: [inbound]\n  action: [allow]\n  dst_port: [3389]\n")},
	}, ".")
	if err != nil {
		t.Fatal(err)
	}
	merged := detect.MergeSpecs(base, user)
	if len(merged) != len(base)+1 {
		t.Errorf("merged %d specs, want %d", len(merged), len(base)+1)
	}
	for _, s := range merged {
		if s.ID == "vpn_bruteforce" && (s.MinCount != 50 || time.Duration(s.Window) != 2*time.Hour || s.Severity != "high") {
			t.Errorf("vpn_bruteforce not replaced: %+v", s)
		}
	}
	if _, err := detect.LoadSpecs(fstest.MapFS{
		"a.yaml": {Data: []byte("id: same\ntype: silence\nseverity: low\nafter: 1h\n")},
		"b.yaml": {Data: []byte("id: same\ntype: silence\nseverity: low\nafter: 2h\n")},
	}, "."); err == nil || !strings.Contains(err.Error(), "b.yaml") {
		t.Errorf("duplicate ids: error %v, want one naming b.yaml", err)
	}
}

func TestParseSettings(t *testing.T) {
	t.Parallel()
	s, err := detect.ParseSettings("detect.yaml", []byte("business_hours: {from: \"09:00\", to: \"18:00\", days: [mon, tue, wed, thu, fri, sat]}\nquiet_period: 3d\nallow: [192.168.1.20, 10.0.0.0/8, backup.example.jp]\n"))
	if err != nil {
		t.Fatal(err)
	}
	if s.QuietPeriod != 72*time.Hour || s.BusinessHours.Start != 9*time.Hour || !s.BusinessHours.Days[time.Saturday] || len(s.Allow) != 3 {
		t.Errorf("settings = %+v", s)
	}
	if s, err := detect.ParseSettings("detect.yaml", nil); err != nil || s.QuietPeriod != 7*24*time.Hour {
		t.Errorf("empty settings = %+v, %v; want the defaults", s, err)
	}
	for _, c := range []struct{ yaml, field string }{
		{"time_zone: Mars/Olympus\n", "time_zone"},
		{"business_hours: {from: \"25:00\", to: \"18:00\"}\n", "business_hours.from"},
		{"night: {from: \"22:00\", to: \"06:00\", days: [funday]}\n", "night.days"},
		{"allow: [\"not a host\"]\n", "allow[0]"},
		{"home_country: Japan\n", "home_country"},
	} {
		_, err := detect.ParseSettings("detect.yaml", []byte(c.yaml))
		var se *detect.SpecError
		if !errors.As(err, &se) || se.Field != c.field {
			t.Errorf("ParseSettings(%q) = %v; want an error on field %s", c.yaml, err, c.field)
		}
	}
}

func TestBlocklist(t *testing.T) {
	t.Parallel()
	b, err := detect.DefaultBlocklist()
	if err != nil || b.Len() != 28 {
		t.Fatalf("DefaultBlocklist() = %d entries, %v; want the 28 of the Feodo Tracker snapshot", b.Len(), err)
	}
	if _, err := detect.ParseBlocklist("mine.txt", []byte("# mine\n203.0.113.0/24\nevil.example\n1.2.3.4 # c2\nnot/valid/entry\n")); err == nil || !strings.Contains(err.Error(), "line 5") {
		t.Errorf("bad blocklist line: error %v, want one naming line 5", err)
	}
	if b, err := detect.ParseBlocklist("mine.txt", []byte("203.0.113.0/24\nevil.example\n1.2.3.4\n")); err != nil || b.Len() != 3 {
		t.Errorf("ParseBlocklist() = %v, %v; want 3 entries", b, err)
	}
}

// FuzzParseSpec feeds the YAML rule loader arbitrary text: it must return
// a spec or an error naming the file, never panic, and what it accepts must
// compile.
func FuzzParseSpec(f *testing.F) {
	specs, err := detect.DefaultSpecs()
	if err != nil {
		f.Fatal(err)
	}
	for _, s := range specs {
		f.Add([]byte("id: " + s.ID + "\ntype: " + s.Type + "\nseverity: " + s.Severity + "\n"))
	}
	f.Add([]byte("id: x\ntype: threshold\nseverity: low\nsubject: src_ip\nwindow: 1m\nmin_count: 3\nmin_distinct: {dst_port: 2}\nexclude:\n  - {proto: [udp], dst_port: [443]}\n"))
	f.Add([]byte("id: b\ntype: beacon\nseverity: medium\nwindow: 20h\nmin_connections: 24\nmin_score: 0.8\nmax_prevalence: 4\n"))
	f.Add([]byte("{id: [1, 2], type: {a: b}}"))
	f.Add([]byte("id: &a x\ntype: *a\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := detect.ParseSpec("fuzz.yaml", data)
		if err != nil {
			if !strings.Contains(err.Error(), "fuzz.yaml") {
				t.Fatalf("error %q does not name the file", err)
			}
			return
		}
		if _, err := detect.New([]detect.Spec{s}, detect.Settings{}); err != nil {
			t.Fatalf("accepted spec does not compile: %v", err)
		}
	})
}

// FuzzParseBlocklist reads any bytes as a threat-intelligence list (an
// owner's file or a downloaded feed): refused with an error, or a list
// whose entries can be looked up.
func FuzzParseBlocklist(f *testing.F) {
	f.Add([]byte("# comment\n203.0.113.9\n198.51.100.0/24\nevil.example\n"))
	f.Add([]byte(`"first_seen_utc","dst_ip","dst_port","c2_status","last_online","malware"` + "\n" +
		`"2024-04-01 10:00:00","203.0.113.9","443","online","2024-04-04","Pikabot"` + "\n"))
	f.Add([]byte("\xff\xfe\x00bad\n::ffff:1.2.3.4/200\n..\n"))
	f.Add([]byte(""))
	f.Fuzz(func(t *testing.T, data []byte) {
		list, err := detect.ParseBlocklist("fuzz", data)
		if err != nil {
			return
		}
		if list.Len() < 0 {
			t.Errorf("negative length %d", list.Len())
		}
	})
}
