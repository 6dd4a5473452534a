// Package monitor holds Kizuki's domain types: the normalized log Event,
// the Finding a rule raises, and the closed vocabularies both use.
//
// The package is the contract between parsers, rules, the store, the
// traffic light and the UI. It imports only the standard library; every
// other package of the core talks to its neighbours through these types.
package monitor

import (
	"encoding"
	"fmt"
	"time"
)

// Severity ranks how bad a finding is. The zero value is SeverityInfo.
type Severity int

// Severities, in increasing order. Their JSON and database form is the
// lowercase name (see ParseSeverity).
const (
	SeverityInfo Severity = iota
	SeverityLow
	SeverityMedium
	SeverityHigh
	SeverityCritical
)

var severityNames = [...]string{"info", "low", "medium", "high", "critical"}

// String returns the stable lowercase name used in JSON and the database.
func (s Severity) String() string {
	if s < 0 || int(s) >= len(severityNames) {
		return fmt.Sprintf("severity(%d)", int(s))
	}
	return severityNames[s]
}

// ParseSeverity reads a severity name as written by String.
func ParseSeverity(name string) (Severity, error) {
	for i, n := range severityNames {
		if n == name {
			return Severity(i), nil
		}
	}
	return 0, fmt.Errorf("unknown severity %q", name)
}

// MarshalText implements encoding.TextMarshaler.
func (s Severity) MarshalText() ([]byte, error) {
	if s < 0 || int(s) >= len(severityNames) {
		return nil, fmt.Errorf("marshal severity: invalid value %d", int(s))
	}
	return []byte(s.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (s *Severity) UnmarshalText(b []byte) error {
	v, err := ParseSeverity(string(b))
	if err != nil {
		return err
	}
	*s = v
	return nil
}

// Level is the colour of the traffic light. Higher is worse; the zero
// value is LevelGreen.
type Level int

// Levels of the traffic light.
const (
	LevelGreen Level = iota
	LevelYellow
	LevelRed
)

var levelNames = [...]string{"green", "yellow", "red"}

// String returns "green", "yellow" or "red".
func (l Level) String() string {
	if l < 0 || int(l) >= len(levelNames) {
		return fmt.Sprintf("level(%d)", int(l))
	}
	return levelNames[l]
}

// ParseLevel reads a level name as written by String.
func ParseLevel(name string) (Level, error) {
	for i, n := range levelNames {
		if n == name {
			return Level(i), nil
		}
	}
	return 0, fmt.Errorf("unknown level %q", name)
}

// MarshalText implements encoding.TextMarshaler.
func (l Level) MarshalText() ([]byte, error) {
	if l < 0 || int(l) >= len(levelNames) {
		return nil, fmt.Errorf("marshal level: invalid value %d", int(l))
	}
	return []byte(l.String()), nil
}

// UnmarshalText implements encoding.TextUnmarshaler.
func (l *Level) UnmarshalText(b []byte) error {
	v, err := ParseLevel(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// Vendor names the device family that wrote a log line.
type Vendor string

// Vendors: the closed list of ARCHITECTURE.md.
const (
	VendorFortiGate  Vendor = "fortigate"
	VendorYamahaRTX  Vendor = "yamaha-rtx"
	VendorSonicWall  Vendor = "sonicwall"
	VendorSophosXG   Vendor = "sophos-xg"
	VendorSophosUTM  Vendor = "sophos-utm"
	VendorWatchGuard Vendor = "watchguard"
	VendorPaloAlto   Vendor = "paloalto"
	VendorPfSense    Vendor = "pfsense"
	VendorCiscoASA   Vendor = "cisco-asa"
	VendorMikroTik   Vendor = "mikrotik"
	VendorIPTables   Vendor = "iptables"
	VendorCEF        Vendor = "cef"
	VendorUnknown    Vendor = "unknown"
)

// Vendors lists every Vendor value, in the order of ARCHITECTURE.md.
var Vendors = []Vendor{
	VendorFortiGate, VendorYamahaRTX, VendorSonicWall, VendorSophosXG, VendorSophosUTM,
	VendorWatchGuard, VendorPaloAlto, VendorPfSense, VendorCiscoASA, VendorMikroTik,
	VendorIPTables, VendorCEF, VendorUnknown,
}

// Kind says what sort of activity an event records.
type Kind string

// Kinds of event.
const (
	KindTraffic Kind = "traffic"
	KindAuth    Kind = "auth"
	KindVPN     Kind = "vpn"
	KindThreat  Kind = "threat"
	KindWeb     Kind = "web"
	KindSystem  Kind = "system"
	KindUnknown Kind = "unknown"
)

// Kinds lists every Kind value.
var Kinds = []Kind{KindTraffic, KindAuth, KindVPN, KindThreat, KindWeb, KindSystem, KindUnknown}

// Action says what the device did.
type Action string

// Actions. Deny is a policy refusal; Block is a security engine (AV, IPS,
// web filter) stopping something; Alert was seen but not stopped.
const (
	ActionAllow        Action = "allow"
	ActionDeny         Action = "deny"
	ActionBlock        Action = "block"
	ActionAlert        Action = "alert"
	ActionLoginSuccess Action = "login_success"
	ActionLoginFailure Action = "login_failure"
	ActionLogout       Action = "logout"
	ActionTunnelUp     Action = "tunnel_up"
	ActionTunnelDown   Action = "tunnel_down"
	ActionConfigChange Action = "config_change"
	ActionOther        Action = "other"
)

// Actions lists every Action value.
var Actions = []Action{
	ActionAllow, ActionDeny, ActionBlock, ActionAlert, ActionLoginSuccess, ActionLoginFailure,
	ActionLogout, ActionTunnelUp, ActionTunnelDown, ActionConfigChange, ActionOther,
}

// Direction says which way traffic crossed the device.
type Direction string

// Directions of traffic.
const (
	DirectionInbound  Direction = "inbound"
	DirectionOutbound Direction = "outbound"
	DirectionInternal Direction = "internal"
)

// Line is one raw log line as received, before parsing.
type Line struct {
	// Received is when Kizuki got the line.
	Received time.Time
	// Source is the configured source name, or the file name for imports.
	Source string
	// Sender is the remote address that sent it ("" for files).
	Sender string
	// Text is the line without its transport framing.
	Text string
}

// Event is one normalized log line. JSON names follow ARCHITECTURE.md;
// absent fields are omitted, never invented.
type Event struct {
	Time        time.Time `json:"time"`
	TimeGuessed bool      `json:"time_guessed,omitempty"`
	Received    time.Time `json:"received"`
	Source      string    `json:"source,omitempty"`
	Vendor      Vendor    `json:"vendor"`
	Kind        Kind      `json:"kind"`
	Action      Action    `json:"action,omitempty"`
	Direction   Direction `json:"direction,omitempty"`
	SrcIP       string    `json:"src_ip,omitempty"`
	SrcPort     int       `json:"src_port,omitempty"`
	DstIP       string    `json:"dst_ip,omitempty"`
	DstPort     int       `json:"dst_port,omitempty"`
	Proto       string    `json:"proto,omitempty"`
	User        string    `json:"user,omitempty"`
	Service     string    `json:"service,omitempty"`
	Threat      string    `json:"threat,omitempty"`
	Category    string    `json:"category,omitempty"`
	URL         string    `json:"url,omitempty"`
	Domain      string    `json:"domain,omitempty"`
	Severity    string    `json:"severity,omitempty"`
	Country     string    `json:"country,omitempty"`
	VendorID    string    `json:"vendor_id,omitempty"`
	Malformed   bool      `json:"malformed,omitempty"`
	Raw         string    `json:"raw"`
}

// FindingState is where a finding is in its life.
type FindingState string

// Finding states.
const (
	StateOpen          FindingState = "open"
	StateAcknowledged  FindingState = "acknowledged"
	StateResolved      FindingState = "resolved"
	StateFalsePositive FindingState = "false_positive"
)

// Active reports whether a finding in this state still counts towards the
// traffic light (open or acknowledged).
func (s FindingState) Active() bool {
	return s == StateOpen || s == StateAcknowledged
}

// OriginLocal is the Origin of findings raised by Kizuki's own rules; MSS
// findings carry the provider's name instead.
const OriginLocal = "local"

// Evidence is what a finding rests on. Every source of a distributed attack
// is listed in Sources.
type Evidence struct {
	Sources      []string       `json:"sources,omitempty"`
	Users        []string       `json:"users,omitempty"`
	Destinations []string       `json:"destinations,omitempty"`
	Samples      []string       `json:"samples,omitempty"`
	Counts       map[string]int `json:"counts,omitempty"`
}

// Finding is something a rule (or the MSS) says needs attention. Findings
// are deduplicated by Rule and Subject while active.
type Finding struct {
	ID        int64        `json:"id"`
	Rule      string       `json:"rule"`
	Severity  Severity     `json:"severity"`
	Subject   string       `json:"subject"`
	FirstSeen time.Time    `json:"first_seen"`
	LastSeen  time.Time    `json:"last_seen"`
	Count     int          `json:"count"`
	Evidence  Evidence     `json:"evidence"`
	Origin    string       `json:"origin"`
	State     FindingState `json:"state"`
	Playbook  string       `json:"playbook,omitempty"`
}

// Source is a configured log source (a UTM or router) and what has been
// seen of it.
type Source struct {
	// Name is the user's name for the source; unique.
	Name string `json:"name"`
	// Vendor is the configured vendor, or "" for auto-detection.
	Vendor Vendor `json:"vendor,omitempty"`
	// AllowedSenders are the addresses allowed to send this source's logs.
	AllowedSenders []string `json:"allowed_senders,omitempty"`
	// TimeZone is the IANA zone used for logs without an offset.
	TimeZone string `json:"time_zone,omitempty"`
	// ExpectedInterval is how long the source may stay quiet before the
	// light turns yellow; zero means the default.
	ExpectedInterval time.Duration `json:"-"`
	// LastSeen is when the last line arrived; zero if never.
	LastSeen time.Time `json:"last_seen,omitzero"`
	// Received counts the lines received so far.
	Received int64 `json:"received"`
	// Dropped counts lines lost, by reason.
	Dropped map[string]int64 `json:"dropped,omitempty"`
	// RatePerMin is the lines per minute the source sent over the last
	// minutes, as the collector measured it at RateAt.
	RatePerMin float64   `json:"rate_per_min,omitempty"`
	RateAt     time.Time `json:"rate_at,omitzero"`
}

// The enums travel as their names in JSON and in the database.
var (
	_ encoding.TextMarshaler   = Severity(0)
	_ encoding.TextUnmarshaler = (*Severity)(nil)
	_ encoding.TextMarshaler   = Level(0)
	_ encoding.TextUnmarshaler = (*Level)(nil)
)

// StorageHealth is what the traffic light knows of where Kizuki keeps its
// data: the database's size against its cap, and the free space left on
// the disk that holds it.
type StorageHealth struct {
	// DBBytes is the space the database's live pages take (its file may
	// be larger: freed pages are reused, not returned).
	DBBytes int64
	// LimitBytes is the database's size cap; 0 for none.
	LimitBytes int64
	// FreeBytes is what the data directory's disk has left for Kizuki;
	// negative when unknown.
	FreeBytes int64
}
