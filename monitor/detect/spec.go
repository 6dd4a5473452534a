package detect

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"github.com/kizuki-app/kizuki/monitor"
)

//go:embed rules/*.yaml
var defaultRules embed.FS

// Rule types: what a spec compiles into.
const (
	// TypeThreshold counts matching events per subject in a window, with
	// optional minimum numbers of distinct field values.
	TypeThreshold = "threshold"
	// TypeCampaign gathers failures against one target from many sources
	// and user names: a distributed attack as one finding.
	TypeCampaign = "campaign"
	// TypeBeacon scores the regularity of a host's connections to one
	// destination.
	TypeBeacon = "beacon"
	// TypeLoginAfterFailures raises on a success after failures from the
	// same source or for the same user.
	TypeLoginAfterFailures = "login_after_failures"
	// TypeAdminUnusual looks at administrator logins: new source, night,
	// configuration changed afterwards.
	TypeAdminUnusual = "admin_unusual"
	// TypeTIMatch raises on traffic to or from a blocklisted address or
	// domain.
	TypeTIMatch = "ti_match"
	// TypeSilence raises when a log source stays quiet too long in
	// business hours.
	TypeSilence = "silence"
)

var ruleTypes = []string{
	TypeThreshold, TypeCampaign, TypeBeacon, TypeLoginAfterFailures, TypeAdminUnusual, TypeTIMatch, TypeSilence,
}

// Subjects a spec can key its counters by.
var subjectFields = []string{"src_ip", "dst_ip", "user", "source", "target", "internal_ip"}

// Fields that distinct counts can be taken over.
var distinctFields = []string{"src_ip", "dst_ip", "dst_port", "user", "country"}

// Spec is one rule as written in YAML. Every rule of Kizuki is a Spec; the
// defaults are embedded (rules/*.yaml) and a user's file with the same id
// replaces one.
type Spec struct {
	// ID names the spec; unique. A user file with a default's ID replaces it.
	ID string `yaml:"id"`
	// Rule is the finding's rule code and playbook id; default ID.
	Rule string `yaml:"rule"`
	// Type is one of the rule types (TypeThreshold…).
	Type string `yaml:"type"`
	// Severity of the findings raised.
	Severity string `yaml:"severity"`
	// Disabled turns the rule off.
	Disabled bool `yaml:"disabled"`
	// Description says what the rule finds, for whoever edits it.
	Description string `yaml:"description"`
	// Match selects the events the rule looks at; Exclude drops those
	// matching any of its entries.
	Match   Match   `yaml:"match"`
	Exclude []Match `yaml:"exclude"`
	// Subject is the field findings are keyed by: src_ip, dst_ip, user,
	// source, target (service@source) or internal_ip (the LAN side).
	Subject string `yaml:"subject"`
	// Window is how far back events count.
	Window Duration `yaml:"window"`
	// MinCount is how many matching events in Window raise a finding.
	MinCount int `yaml:"min_count"`
	// MinDistinct asks for at least this many distinct values of a field
	// in Window (dst_port: 25 for a port scan).
	MinDistinct map[string]int `yaml:"min_distinct"`
	// MinSources and MinUsers are a campaign's thresholds.
	MinSources int `yaml:"min_sources"`
	MinUsers   int `yaml:"min_users"`
	// MinFailures is how many failures from one source before a success
	// counts (login_after_failures); MinUserFailures the same for one user
	// from any source.
	MinFailures     int `yaml:"min_failures"`
	MinUserFailures int `yaml:"min_user_failures"`
	// MinConnections, MinScore, MaxPrevalence and IgnoreDomains tune the
	// beacon rule: connections (distinct minutes) before scoring, the
	// regularity score (0–1) that counts, how many internal hosts may share
	// a destination before it is a common service, and well-known
	// periodic services by domain suffix.
	MinConnections int      `yaml:"min_connections"`
	MinScore       float64  `yaml:"min_score"`
	MaxPrevalence  int      `yaml:"max_prevalence"`
	IgnoreDomains  []string `yaml:"ignore_domains"`
	// FollowUp is how long after an unusual admin login a configuration
	// change makes it worse.
	FollowUp Duration `yaml:"follow_up"`
	// After is how long a source may stay quiet in business hours.
	After Duration `yaml:"after"`
}

// Match is a set of conditions on event fields; all given must hold, and
// a field holds when the event's value is one of those listed. Service
// entries ending in "*" match by prefix.
type Match struct {
	Vendor    []string `yaml:"vendor"`
	Kind      []string `yaml:"kind"`
	Action    []string `yaml:"action"`
	Direction []string `yaml:"direction"`
	Service   []string `yaml:"service"`
	Proto     []string `yaml:"proto"`
	DstPort   []int    `yaml:"dst_port"`
	Category  []string `yaml:"category"`
	// HasUser, when set, asks for an event with (true) or without (false)
	// a user name.
	HasUser *bool `yaml:"has_user"`
}

// Duration is a time.Duration written as Go writes it ("90m", "1h30m"),
// plus whole days ("7d").
type Duration time.Duration

// UnmarshalYAML implements yaml.Unmarshaler.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return err
	}
	v, err := parseDuration(s)
	if err != nil {
		return err
	}
	*d = Duration(v)
	return nil
}

func parseDuration(s string) (time.Duration, error) {
	if days, ok := strings.CutSuffix(s, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return 0, fmt.Errorf("invalid duration %q", s)
		}
		return time.Duration(n) * 24 * time.Hour, nil
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("invalid duration %q (write e.g. 90s, 10m, 1h or 7d)", s)
	}
	if v < 0 {
		return 0, fmt.Errorf("negative duration %q", s)
	}
	return v, nil
}

// SpecError says which file and field of a rule spec is wrong.
type SpecError struct {
	File  string
	Field string
	Err   error
}

func (e *SpecError) Error() string {
	if e.Field == "" {
		return fmt.Sprintf("rule %s: %v", e.File, e.Err)
	}
	return fmt.Sprintf("rule %s: field %s: %v", e.File, e.Field, e.Err)
}

func (e *SpecError) Unwrap() error { return e.Err }

// ParseSpec reads one rule spec from YAML and validates it. file names it
// in errors. Unknown fields are errors: a typo must not silently turn a
// threshold into its default.
func ParseSpec(file string, data []byte) (Spec, error) {
	var s Spec
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&s); err != nil {
		return s, &SpecError{File: file, Err: yamlError(err)}
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); err == nil {
		return s, &SpecError{File: file, Err: errors.New("one rule per file: found a second YAML document")}
	}
	if s.Rule == "" {
		s.Rule = s.ID
	}
	if err := s.validate(); err != nil {
		var se *SpecError
		if errors.As(err, &se) {
			se.File = file
			return s, se
		}
		return s, &SpecError{File: file, Err: err}
	}
	return s, nil
}

// yamlError keeps yaml's message (it names the line) without its prefix.
func yamlError(err error) error {
	if errors.Is(err, fs.ErrNotExist) {
		return err
	}
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	if msg == "EOF" {
		msg = "empty file"
	}
	return errors.New(msg)
}

func fieldErr(field, format string, args ...any) error {
	return &SpecError{Field: field, Err: fmt.Errorf(format, args...)}
}

// validate checks that every field a type needs is there, sane, and that
// no field belongs to another type.
func (s *Spec) validate() error {
	if !validName(s.ID) {
		return fieldErr("id", "%q: want lowercase letters, digits and _", s.ID)
	}
	if !validName(s.Rule) {
		return fieldErr("rule", "%q: want lowercase letters, digits and _", s.Rule)
	}
	if !slices.Contains(ruleTypes, s.Type) {
		return fieldErr("type", "%q: want one of %s", s.Type, strings.Join(ruleTypes, ", "))
	}
	if _, err := monitor.ParseSeverity(s.Severity); err != nil {
		return fieldErr("severity", "%q: want info, low, medium, high or critical", s.Severity)
	}
	if err := s.Match.validate("match"); err != nil {
		return err
	}
	for i, m := range s.Exclude {
		if err := m.validate(fmt.Sprintf("exclude[%d]", i)); err != nil {
			return err
		}
	}
	need := func(field string, ok bool, why string) error {
		if !ok {
			return fieldErr(field, "%s", why)
		}
		return nil
	}
	// Which optional fields each type uses; any other set field is an error.
	uses := map[string][]string{
		TypeThreshold:          {"subject", "window", "min_count", "min_distinct"},
		TypeCampaign:           {"window", "min_sources", "min_users"},
		TypeBeacon:             {"window", "min_connections", "min_score", "max_prevalence", "ignore_domains"},
		TypeLoginAfterFailures: {"window", "min_failures", "min_user_failures"},
		TypeAdminUnusual:       {"follow_up"},
		TypeTIMatch:            {},
		TypeSilence:            {"after"},
	}[s.Type]
	set := map[string]bool{
		"subject": s.Subject != "", "window": s.Window != 0, "min_count": s.MinCount != 0,
		"min_distinct": len(s.MinDistinct) > 0, "min_sources": s.MinSources != 0, "min_users": s.MinUsers != 0,
		"min_failures": s.MinFailures != 0, "min_user_failures": s.MinUserFailures != 0,
		"min_connections": s.MinConnections != 0, "min_score": s.MinScore != 0,
		"max_prevalence": s.MaxPrevalence != 0, "ignore_domains": len(s.IgnoreDomains) > 0,
		"follow_up": s.FollowUp != 0, "after": s.After != 0,
	}
	names := make([]string, 0, len(set))
	for k := range set {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, k := range names {
		if set[k] && !slices.Contains(uses, k) {
			return fieldErr(k, "not used by rules of type %s", s.Type)
		}
	}
	var errs []error
	switch s.Type {
	case TypeThreshold:
		errs = append(errs,
			need("subject", slices.Contains(subjectFields, s.Subject), fmt.Sprintf("%q: want one of %s", s.Subject, strings.Join(subjectFields, ", "))),
			need("window", s.Window > 0, "required, e.g. 10m"),
			need("min_count", s.MinCount >= 1 && s.MinCount <= 1_000_000, "required, 1–1000000"))
		for _, f := range slices.Sorted(mapKeys(s.MinDistinct)) {
			n := s.MinDistinct[f]
			errs = append(errs,
				need("min_distinct."+f, slices.Contains(distinctFields, f), fmt.Sprintf("no such field; want one of %s", strings.Join(distinctFields, ", "))),
				need("min_distinct."+f, n >= 1 && n <= maxDistinct, fmt.Sprintf("%d: want 1–%d", n, maxDistinct)))
		}
	case TypeCampaign:
		errs = append(errs,
			need("window", s.Window > 0, "required, e.g. 24h"),
			need("min_sources", s.MinSources >= 2 && s.MinSources <= maxDistinct, fmt.Sprintf("required, 2–%d", maxDistinct)),
			need("min_users", s.MinUsers >= 1 && s.MinUsers <= maxDistinct, fmt.Sprintf("required, 1–%d", maxDistinct)))
	case TypeBeacon:
		errs = append(errs,
			need("window", s.Window.duration() >= time.Hour, "required, at least 1h"),
			need("min_connections", s.MinConnections >= 8 && s.MinConnections <= beaconRing, fmt.Sprintf("required, 8–%d", beaconRing)),
			need("min_score", s.MinScore > 0 && s.MinScore <= 1, "required, between 0 and 1"),
			need("max_prevalence", s.MaxPrevalence >= 1 && s.MaxPrevalence <= maxPrevalence, fmt.Sprintf("required, 1–%d", maxPrevalence)))
		for i, d := range s.IgnoreDomains {
			errs = append(errs, need(fmt.Sprintf("ignore_domains[%d]", i), validDomain(d), fmt.Sprintf("%q is not a domain name", d)))
		}
	case TypeLoginAfterFailures:
		errs = append(errs,
			need("window", s.Window > 0, "required, e.g. 24h"),
			need("min_failures", s.MinFailures >= 1, "required, at least 1"),
			need("min_user_failures", s.MinUserFailures >= 1, "required, at least 1"))
	case TypeAdminUnusual:
		errs = append(errs, need("follow_up", s.FollowUp > 0, "required, e.g. 1h"))
	case TypeSilence:
		errs = append(errs, need("after", s.After.duration() >= time.Minute, "required, at least 1m"))
	}
	return errors.Join(errs...)
}

func mapKeys[V any](m map[string]V) func(func(string) bool) {
	return func(yield func(string) bool) {
		for k := range m {
			if !yield(k) {
				return
			}
		}
	}
}

func (m *Match) validate(prefix string) error {
	check := func(field string, got []string, allowed []string) error {
		for _, v := range got {
			if !slices.Contains(allowed, v) {
				return fieldErr(prefix+"."+field, "%q: want one of %s", v, strings.Join(allowed, ", "))
			}
		}
		return nil
	}
	var vendors, kinds, actions []string
	for _, v := range monitor.Vendors {
		vendors = append(vendors, string(v))
	}
	for _, k := range monitor.Kinds {
		kinds = append(kinds, string(k))
	}
	for _, a := range monitor.Actions {
		actions = append(actions, string(a))
	}
	dirs := []string{string(monitor.DirectionInbound), string(monitor.DirectionOutbound), string(monitor.DirectionInternal)}
	for _, p := range m.DstPort {
		if p < 1 || p > 65535 {
			return fieldErr(prefix+".dst_port", "%d: want 1–65535", p)
		}
	}
	for _, sv := range m.Service {
		if sv == "" || sv == "*" {
			return fieldErr(prefix+".service", "%q: name a service or a prefix like admin-*", sv)
		}
	}
	return errors.Join(check("vendor", m.Vendor, vendors), check("kind", m.Kind, kinds),
		check("action", m.Action, actions), check("direction", m.Direction, dirs))
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

func validDomain(s string) bool {
	if s == "" || len(s) > 253 || strings.HasPrefix(s, ".") || strings.HasSuffix(s, ".") {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

// DefaultSpecs returns the embedded rules, sorted by ID.
func DefaultSpecs() ([]Spec, error) {
	return LoadSpecs(defaultRules, "rules")
}

// LoadSpecs reads every *.yaml file of dir in fsys as a Spec. Errors name
// the file and the field.
func LoadSpecs(fsys fs.FS, dir string) ([]Spec, error) {
	names, err := fs.Glob(fsys, path.Join(dir, "*.yaml"))
	if err != nil {
		return nil, fmt.Errorf("load rules: %w", err)
	}
	var specs []Spec
	seen := map[string]string{}
	for _, name := range names {
		data, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("load rules: %w", err)
		}
		s, err := ParseSpec(name, data)
		if err != nil {
			return nil, err
		}
		if prev, ok := seen[s.ID]; ok {
			return nil, &SpecError{File: name, Field: "id", Err: fmt.Errorf("%q is already used by %s", s.ID, prev)}
		}
		seen[s.ID] = name
		specs = append(specs, s)
	}
	sort.Slice(specs, func(i, j int) bool { return specs[i].ID < specs[j].ID })
	return specs, nil
}

// MergeSpecs returns base with each spec of override replacing the one
// of the same ID, or added.
func MergeSpecs(base, override []Spec) []Spec {
	out := slices.Clone(base)
	for _, o := range override {
		i := slices.IndexFunc(out, func(s Spec) bool { return s.ID == o.ID })
		if i >= 0 {
			out[i] = o
		} else {
			out = append(out, o)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out
}
