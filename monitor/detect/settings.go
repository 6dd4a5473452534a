package detect

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/netip"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Settings are what a user may tune besides the rules themselves. The zero
// value of each field means its default (DefaultSettings).
type Settings struct {
	// Location is the office's time zone, for business hours and nights.
	Location *time.Location
	// BusinessHours is when the office works.
	BusinessHours Hours
	// Night is when nobody should administer the device.
	Night Hours
	// QuietPeriod is how long a finding may go without new evidence
	// before it resolves itself.
	QuietPeriod time.Duration
	// HomeCountry is the office's country (ISO 3166 alpha-2); other
	// countries are "overseas" in campaign evidence.
	HomeCountry string
	// Learning is how long after the first event destinations and admin
	// sources count as already known rather than new.
	Learning time.Duration
	// MaxSubjects bounds the state each rule keeps (subjects, pairs),
	// evicting the stalest when full: memory stays bounded whatever the
	// Internet sends.
	MaxSubjects int
	// Allow lists addresses (IP or CIDR), host or domain names (a name
	// also allows its sub-domains) and exact subjects (a user name) that
	// never raise a finding.
	Allow []string
	// Suppressed are the rule+subject pairs a user marked as false
	// positives: they never come back.
	Suppressed []Key
	// Blocklist is what ti_match looks for; nil means the embedded list.
	Blocklist *Blocklist
}

// Key names an active finding: its rule and subject.
type Key struct {
	Rule    string
	Subject string
}

// Hours is a span of the day (Start to End, End may be past midnight) on
// some weekdays.
type Hours struct {
	Start, End time.Duration // since midnight
	Days       [7]bool       // indexed by time.Weekday
}

// Contains reports whether t (in its own location) is inside h. A span
// past midnight belongs to the day it starts on.
func (h Hours) Contains(t time.Time) bool {
	since := time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute + time.Duration(t.Second())*time.Second
	day := t.Weekday()
	if h.Start <= h.End {
		return h.Days[day] && since >= h.Start && since < h.End
	}
	if since >= h.Start {
		return h.Days[day]
	}
	return since < h.End && h.Days[(day+6)%7]
}

// DefaultSettings are the settings when the user sets nothing: business
// hours 8:00–19:00 Monday to Friday, nights 22:00–6:00, findings resolve
// after 7 quiet days, Japan is home.
func DefaultSettings() Settings {
	return Settings{
		Location:      mustLoad("Asia/Tokyo"),
		BusinessHours: Hours{Start: 8 * time.Hour, End: 19 * time.Hour, Days: weekdays("mon", "tue", "wed", "thu", "fri")},
		Night:         Hours{Start: 22 * time.Hour, End: 6 * time.Hour, Days: weekdays("sun", "mon", "tue", "wed", "thu", "fri", "sat")},
		QuietPeriod:   7 * 24 * time.Hour,
		HomeCountry:   "JP",
		Learning:      24 * time.Hour,
		MaxSubjects:   100_000,
	}
}

func mustLoad(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.FixedZone("JST", 9*60*60)
	}
	return loc
}

var dayNames = []string{"sun", "mon", "tue", "wed", "thu", "fri", "sat"}

func weekdays(names ...string) (d [7]bool) {
	for _, n := range names {
		for i, dn := range dayNames {
			if dn == n {
				d[i] = true
			}
		}
	}
	return d
}

// withDefaults fills zero fields from DefaultSettings.
func (s Settings) withDefaults() Settings {
	d := DefaultSettings()
	if s.Location == nil {
		s.Location = d.Location
	}
	if s.BusinessHours == (Hours{}) {
		s.BusinessHours = d.BusinessHours
	}
	if s.Night == (Hours{}) {
		s.Night = d.Night
	}
	if s.QuietPeriod <= 0 {
		s.QuietPeriod = d.QuietPeriod
	}
	if s.HomeCountry == "" {
		s.HomeCountry = d.HomeCountry
	}
	if s.Learning <= 0 {
		s.Learning = d.Learning
	}
	if s.MaxSubjects <= 0 {
		s.MaxSubjects = d.MaxSubjects
	}
	return s
}

// settingsFile is the YAML form of Settings (detect.yaml in the data
// directory).
type settingsFile struct {
	TimeZone      string    `yaml:"time_zone"`
	BusinessHours *hoursYML `yaml:"business_hours"`
	Night         *hoursYML `yaml:"night"`
	QuietPeriod   Duration  `yaml:"quiet_period"`
	HomeCountry   string    `yaml:"home_country"`
	Learning      Duration  `yaml:"learning"`
	MaxSubjects   int       `yaml:"max_subjects"`
	Allow         []string  `yaml:"allow"`
}

type hoursYML struct {
	From string   `yaml:"from"`
	To   string   `yaml:"to"`
	Days []string `yaml:"days"`
}

// ParseSettings reads the settings file (file names it in errors); fields
// left out keep their defaults.
func ParseSettings(file string, data []byte) (Settings, error) {
	s := DefaultSettings()
	var f settingsFile
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, io.EOF) {
		return s, &SpecError{File: file, Err: yamlError(err)}
	}
	bad := func(field string, err error) error { return &SpecError{File: file, Field: field, Err: err} }
	if f.TimeZone != "" {
		loc, err := time.LoadLocation(f.TimeZone)
		if err != nil {
			return s, bad("time_zone", fmt.Errorf("unknown time zone %q", f.TimeZone))
		}
		s.Location = loc
	}
	for _, h := range []struct {
		field string
		in    *hoursYML
		out   *Hours
	}{{"business_hours", f.BusinessHours, &s.BusinessHours}, {"night", f.Night, &s.Night}} {
		if h.in == nil {
			continue
		}
		v, field, err := h.in.hours()
		if err != nil {
			return s, bad(h.field+"."+field, err)
		}
		*h.out = v
	}
	if f.QuietPeriod != 0 {
		if time.Duration(f.QuietPeriod) < time.Hour {
			return s, bad("quiet_period", errors.New("at least 1h"))
		}
		s.QuietPeriod = time.Duration(f.QuietPeriod)
	}
	if f.HomeCountry != "" {
		if len(f.HomeCountry) != 2 || strings.ToUpper(f.HomeCountry) != f.HomeCountry {
			return s, bad("home_country", fmt.Errorf("%q: want an ISO 3166 code such as JP", f.HomeCountry))
		}
		s.HomeCountry = f.HomeCountry
	}
	if f.Learning != 0 {
		s.Learning = time.Duration(f.Learning)
	}
	if f.MaxSubjects != 0 {
		if f.MaxSubjects < 1000 || f.MaxSubjects > 10_000_000 {
			return s, bad("max_subjects", fmt.Errorf("%d: want 1000–10000000", f.MaxSubjects))
		}
		s.MaxSubjects = f.MaxSubjects
	}
	for i, a := range f.Allow {
		if _, err := parseAllowEntry(a); err != nil {
			return s, bad(fmt.Sprintf("allow[%d]", i), err)
		}
	}
	s.Allow = f.Allow
	return s, nil
}

func (h *hoursYML) hours() (Hours, string, error) {
	var out Hours
	var err error
	if out.Start, err = clock(h.From); err != nil {
		return out, "from", err
	}
	if out.End, err = clock(h.To); err != nil {
		return out, "to", err
	}
	if out.Start == out.End {
		return out, "to", errors.New("must differ from from")
	}
	days := h.Days
	if len(days) == 0 {
		days = []string{"mon", "tue", "wed", "thu", "fri"}
	}
	for _, d := range days {
		known := false
		for i, n := range dayNames {
			if n == d {
				out.Days[i], known = true, true
			}
		}
		if !known {
			return out, "days", fmt.Errorf("%q: want sun, mon, tue, wed, thu, fri or sat", d)
		}
	}
	return out, "", nil
}

// clock reads "HH:MM".
func clock(s string) (time.Duration, error) {
	t, err := time.Parse("15:04", s)
	if err != nil {
		return 0, fmt.Errorf("%q: want a time of day such as 08:30", s)
	}
	return time.Duration(t.Hour())*time.Hour + time.Duration(t.Minute())*time.Minute, nil
}

// allowList answers whether an event or subject is allow-listed.
type allowList struct {
	addrs    map[string]bool
	prefixes []netip.Prefix
	names    map[string]bool // domains, host names, subjects
}

func parseAllowEntry(s string) (any, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty entry")
	}
	if a, err := netip.ParseAddr(s); err == nil {
		return a, nil
	}
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	if strings.ContainsAny(s, " \t/") {
		return nil, fmt.Errorf("%q is neither an address, a network nor a name", s)
	}
	return strings.ToLower(s), nil
}

func newAllowList(entries []string) (allowList, error) {
	al := allowList{addrs: map[string]bool{}, names: map[string]bool{}}
	for _, e := range entries {
		v, err := parseAllowEntry(e)
		if err != nil {
			return al, fmt.Errorf("allow list: %w", err)
		}
		switch v := v.(type) {
		case netip.Addr:
			al.addrs[v.Unmap().String()] = true
		case netip.Prefix:
			al.prefixes = append(al.prefixes, v)
		case string:
			al.names[v] = true
		}
	}
	return al, nil
}

func (al *allowList) empty() bool {
	return len(al.addrs) == 0 && len(al.prefixes) == 0 && len(al.names) == 0
}

// addr reports whether the address s is allow-listed.
func (al *allowList) addr(s string) bool {
	if s == "" {
		return false
	}
	if al.addrs[s] {
		return true
	}
	if len(al.prefixes) == 0 {
		return false
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return false
	}
	for _, p := range al.prefixes {
		if p.Contains(a.Unmap()) {
			return true
		}
	}
	return false
}

// name reports whether a host or domain name, or one of its parent
// domains, is allow-listed.
func (al *allowList) name(s string) bool {
	if s == "" || len(al.names) == 0 {
		return false
	}
	s = strings.ToLower(s)
	for {
		if al.names[s] {
			return true
		}
		i := strings.IndexByte(s, '.')
		if i < 0 {
			return false
		}
		s = s[i+1:]
	}
}
