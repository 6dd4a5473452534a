package mss_test

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
)

// ocsfDir holds the OCSF schema definitions (read-only, outside the
// repository; see its SOURCE.md).
const ocsfDir = "../../../shared/ocsf-schema"

// ocsfSchema validates events against the OCSF definitions: a class with
// its parents and profiles, attributes typed through the dictionary,
// objects with theirs, enums, requirements and constraints. It covers what
// Detection Findings use; it is a test's validator, not a general one.
type ocsfSchema struct {
	dir         string
	dict        map[string]map[string]any // attribute name → dictionary entry
	types       map[string]map[string]any // type name → definition
	observables map[string]bool           // valid observable type_ids
	objects     map[string]map[string]map[string]any
}

func loadJSON(path string) (map[string]any, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return m, nil
}

func openOCSF(t *testing.T) *ocsfSchema {
	t.Helper()
	if _, err := os.Stat(filepath.Join(ocsfDir, "dictionary.json")); err != nil {
		t.Skipf("the OCSF schema is not at %s (it is shared, outside the repository): %v", ocsfDir, err)
	}
	d, err := loadJSON(filepath.Join(ocsfDir, "dictionary.json"))
	if err != nil {
		t.Fatal(err)
	}
	s := &ocsfSchema{dir: ocsfDir, dict: map[string]map[string]any{}, types: map[string]map[string]any{},
		observables: map[string]bool{"0": true, "99": true}, objects: map[string]map[string]map[string]any{}}
	for name, a := range d["attributes"].(map[string]any) {
		s.dict[name] = a.(map[string]any)
		if o, ok := s.dict[name]["observable"].(float64); ok {
			s.observables[strconv.Itoa(int(o))] = true
		}
	}
	for name, a := range d["types"].(map[string]any)["attributes"].(map[string]any) {
		s.types[name] = a.(map[string]any)
		if o, ok := s.types[name]["observable"].(float64); ok {
			s.observables[strconv.Itoa(int(o))] = true
		}
	}
	objs, err := filepath.Glob(filepath.Join(ocsfDir, "objects", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, path := range objs {
		o, err := loadJSON(path)
		if err != nil {
			t.Fatal(err)
		}
		if id, ok := o["observable"].(float64); ok {
			s.observables[strconv.Itoa(int(id))] = true
		}
	}
	return s
}

// definition loads a class or object file with its parents ("extends") and
// included profiles merged: attributes by name, the child's fields over the
// parent's, enums united. Profile attributes are optional.
func (s *ocsfSchema) definition(path string) (attrs map[string]map[string]any, def map[string]any, err error) {
	def, err = loadJSON(path)
	if err != nil {
		return nil, nil, err
	}
	attrs = map[string]map[string]any{}
	if parent, ok := def["extends"].(string); ok {
		var parentPath string
		for _, dir := range []string{filepath.Dir(path), filepath.Join(s.dir, "events"), filepath.Join(s.dir, "objects")} {
			if _, err := os.Stat(filepath.Join(dir, parent+".json")); err == nil {
				parentPath = filepath.Join(dir, parent+".json")
				break
			}
		}
		if parentPath == "" {
			return nil, nil, fmt.Errorf("%s extends %s: not found", path, parent)
		}
		var parentDef map[string]any
		if attrs, parentDef, err = s.definition(parentPath); err != nil {
			return nil, nil, err
		}
		if _, ok := def["category"]; !ok {
			def["category"] = parentDef["category"]
		}
	}
	own, _ := def["attributes"].(map[string]any)
	if inc, ok := own["$include"].([]any); ok {
		for _, p := range inc {
			prof, err := loadJSON(filepath.Join(s.dir, p.(string)))
			if err != nil {
				return nil, nil, err
			}
			for name, a := range prof["attributes"].(map[string]any) {
				if _, ok := attrs[name]; !ok {
					m := clone(a.(map[string]any))
					m["requirement"] = "optional"
					attrs[name] = m
				}
			}
		}
	}
	for name, a := range own {
		if name == "$include" {
			continue
		}
		merged := clone(attrs[name])
		for k, v := range a.(map[string]any) {
			if k == "enum" {
				e := clone(asMap(merged["enum"]))
				for ek, ev := range v.(map[string]any) {
					e[ek] = ev
				}
				merged["enum"] = e
				continue
			}
			merged[k] = v
		}
		attrs[name] = merged
	}
	return attrs, def, nil
}

func clone(m map[string]any) map[string]any {
	out := map[string]any{}
	for k, v := range m {
		out[k] = v
	}
	return out
}

func asMap(v any) map[string]any {
	m, _ := v.(map[string]any)
	return m
}

// validateEvent checks ev against the class at classPath.
func (s *ocsfSchema) validateEvent(classPath string, ev map[string]any) []string {
	attrs, def, err := s.definition(classPath)
	if err != nil {
		return []string{err.Error()}
	}
	errs := s.validateObject("", attrs, def, ev)
	cats, err := loadJSON(filepath.Join(s.dir, "categories.json"))
	if err != nil {
		return append(errs, err.Error())
	}
	catUID := asMap(asMap(cats["attributes"])[def["category"].(string)])["uid"].(float64)
	classUID := catUID*1000 + def["uid"].(float64)
	if ev["class_uid"] != classUID || ev["category_uid"] != catUID {
		errs = append(errs, fmt.Sprintf("class_uid %v, category_uid %v: want %v, %v", ev["class_uid"], ev["category_uid"], classUID, catUID))
	}
	if act, ok := ev["activity_id"].(float64); ok && ev["type_uid"] != classUID*100+act {
		errs = append(errs, fmt.Sprintf("type_uid %v: want %v", ev["type_uid"], classUID*100+act))
	}
	return errs
}

func (s *ocsfSchema) validateObject(at string, attrs map[string]map[string]any, def map[string]any, obj map[string]any) []string {
	var errs []string
	for name, a := range attrs {
		if _, ok := obj[name]; !ok && a["requirement"] == "required" {
			errs = append(errs, fmt.Sprintf("%s%s: required", at, name))
		}
	}
	for name, v := range obj {
		a, ok := attrs[name]
		if !ok {
			errs = append(errs, fmt.Sprintf("%s%s: not an attribute of %v", at, name, def["name"]))
			continue
		}
		errs = append(errs, s.validateValue(at+name, name, a, def, v)...)
	}
	if c := asMap(def["constraints"]); c != nil {
		for kind, list := range c {
			n := 0
			for _, name := range list.([]any) {
				if _, ok := obj[name.(string)]; ok {
					n++
				}
			}
			if (kind == "at_least_one" && n == 0) || (kind == "just_one" && n != 1) {
				errs = append(errs, fmt.Sprintf("%s: constraint %s of %v", strings.TrimSuffix(at, "."), kind, list))
			}
		}
	}
	return errs
}

func (s *ocsfSchema) validateValue(path, name string, a, owner map[string]any, v any) []string {
	d := s.dict[name]
	if d == nil {
		return []string{path + ": not in the dictionary"}
	}
	if d["is_array"] == true {
		list, ok := v.([]any)
		if !ok {
			return []string{path + ": want an array"}
		}
		var errs []string
		for i, item := range list {
			errs = append(errs, s.validateScalar(fmt.Sprintf("%s[%d]", path, i), name, a, d, owner, item)...)
		}
		return errs
	}
	return s.validateScalar(path, name, a, d, owner, v)
}

func (s *ocsfSchema) validateScalar(path, name string, a, d, owner map[string]any, v any) []string {
	typ, _ := d["type"].(string)
	enum := clone(asMap(d["enum"]))
	for k, e := range asMap(a["enum"]) {
		enum[k] = e
	}
	switch name {
	case "class_uid", "category_uid", "type_uid":
		// Their enums are made from the class itself; validateEvent
		// computes and checks them.
		enum = nil
	}
	if name == "type_id" && owner["name"] == "observable" {
		enum = map[string]any{}
		for id := range s.observables {
			enum[id] = true
		}
	}
	if len(enum) > 0 {
		n, ok := v.(float64)
		if !ok || enum[strconv.Itoa(int(n))] == nil || n != math.Trunc(n) {
			return []string{fmt.Sprintf("%s: %v is not one of the enum values", path, v)}
		}
	}
	if strings.HasSuffix(typ, "_t") {
		return s.validatePrimitive(path, typ, v)
	}
	obj, ok := v.(map[string]any)
	if !ok {
		return []string{path + ": want an object"}
	}
	if typ == "object" {
		return nil
	}
	attrs, def, err := s.definition(filepath.Join(s.dir, "objects", typ+".json"))
	if err != nil {
		return []string{path + ": " + err.Error()}
	}
	return s.validateObject(path+".", attrs, def, obj)
}

func (s *ocsfSchema) validatePrimitive(path, typ string, v any) []string {
	t := s.types[typ]
	base := typ
	for base != "" && s.types[base]["type"] != nil {
		base = s.types[base]["type"].(string)
	}
	bad := false
	switch base {
	case "string_t":
		str, ok := v.(string)
		bad = !ok
		if re, has := t["regex"].(string); ok && has {
			if rx, err := regexp.Compile(re); err == nil && !rx.MatchString(str) {
				return []string{fmt.Sprintf("%s: %q does not match %s's pattern", path, str, typ)}
			}
		}
	case "integer_t", "long_t":
		n, ok := v.(float64)
		bad = !ok || n != math.Trunc(n)
	case "float_t":
		_, ok := v.(float64)
		bad = !ok
	case "boolean_t":
		_, ok := v.(bool)
		bad = !ok
	case "json_t":
	default:
		return []string{fmt.Sprintf("%s: unknown type %s", path, typ)}
	}
	if bad {
		return []string{fmt.Sprintf("%s: %v is not a %s", path, v, typ)}
	}
	return nil
}

// detectionFinding is the class every MSS payload must be.
var detectionFinding = filepath.Join(ocsfDir, "events", "findings", "detection_finding.json")

// specFindings returns every object with a class_uid inside the examples
// of docs/mss-api.yaml, by where it is.
func specFindings(t *testing.T) map[string]map[string]any {
	t.Helper()
	b, err := os.ReadFile("../../docs/mss-api.yaml")
	if err != nil {
		t.Fatal(err)
	}
	var doc any
	if err := yaml.Unmarshal(b, &doc); err != nil {
		t.Fatalf("docs/mss-api.yaml: %v", err)
	}
	found := map[string]map[string]any{}
	var walk func(path string, v any, inExample bool)
	walk = func(path string, v any, inExample bool) {
		switch v := v.(type) {
		case map[string]any:
			if _, ok := v["class_uid"]; ok && inExample {
				// Through JSON, so numbers are float64 as in a payload.
				j, err := json.Marshal(v)
				if err != nil {
					t.Fatalf("%s: %v", path, err)
				}
				var m map[string]any
				if err := json.Unmarshal(j, &m); err != nil {
					t.Fatal(err)
				}
				found[path] = m
			}
			for k, c := range v {
				walk(path+"/"+k, c, inExample || k == "example" || k == "examples")
			}
		case []any:
			for i, c := range v {
				walk(fmt.Sprintf("%s/%d", path, i), c, inExample)
			}
		}
	}
	walk("", doc, false)
	return found
}

// TestSpecExamplesAreOCSF validates every finding in the examples of
// docs/mss-api.yaml against the OCSF definitions, and checks that Kizuki's
// own decoder accepts them too.
func TestSpecExamplesAreOCSF(t *testing.T) {
	t.Parallel()
	s := openOCSF(t)
	found := specFindings(t)
	if len(found) < 5 {
		t.Fatalf("only %d findings in the examples of docs/mss-api.yaml", len(found))
	}
	paths := make([]string, 0, len(found))
	for p := range found {
		paths = append(paths, p)
	}
	slices.Sort(paths)
	for _, p := range paths {
		if errs := s.validateEvent(detectionFinding, found[p]); len(errs) > 0 {
			slices.Sort(errs)
			t.Errorf("docs/mss-api.yaml %s is not a valid OCSF Detection Finding:\n  %s", p, strings.Join(errs, "\n  "))
		}
		b, _ := json.Marshal(found[p])
		if _, err := mss.DecodeFinding(b); err != nil {
			t.Errorf("docs/mss-api.yaml %s: Kizuki refuses it: %v", p, err)
		}
	}
}

// TestGeneratedFindingsAreOCSF: what the reference provider sends and what
// Kizuki attaches to a question are valid OCSF too.
func TestGeneratedFindingsAreOCSF(t *testing.T) {
	t.Parallel()
	s := openOCSF(t)
	at := time.Date(2026, 11, 23, 1, 0, 0, 0, time.UTC)
	local := monitor.Finding{
		ID: 1, Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, Subject: "ssl-vpn@FGT60F", Count: 1843,
		FirstSeen: at.Add(-50 * time.Hour), LastSeen: at, State: monitor.StateOpen, Playbook: "vpn_bruteforce",
		Evidence: monitor.Evidence{Sources: []string{"203.0.113.45"}, Users: []string{"admin"}, Destinations: []string{"192.0.2.10", "vpn.example.jp"}},
	}
	cases := map[string]mss.DetectionFinding{
		"msstest create":   msstest.Finding("INC-1", 1, 4, "", at),
		"msstest update":   msstest.Finding("INC-1", 2, 2, "incident", at),
		"msstest advisory": msstest.Finding("ADV-1", 3, 1, "advisory", at),
		"local attached":   mss.FindingToOCSF(local, "0.1.0", "VPN へのパスワード総当たり攻撃"),
	}
	for name, f := range cases {
		b, _ := json.Marshal(f)
		var m map[string]any
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		if errs := s.validateEvent(detectionFinding, m); len(errs) > 0 {
			t.Errorf("%s is not a valid OCSF Detection Finding:\n  %s", name, strings.Join(errs, "\n  "))
		}
	}
	// The validator does refuse: a finding without finding_info, with an
	// unknown attribute and a wrong type_uid.
	bad := map[string]any{"activity_id": 1.0, "category_uid": 2.0, "class_uid": 2004.0, "type_uid": 200402.0,
		"time": 1.0, "severity_id": 4.0, "metadata": map[string]any{"product": map[string]any{"name": "x"}, "version": "1.8.0"},
		"colour": "red"}
	if errs := s.validateEvent(detectionFinding, bad); len(errs) < 3 {
		t.Errorf("the validator let a bad finding through: %q", errs)
	}
}
