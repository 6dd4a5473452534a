package mss

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/netip"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/kizuki-app/kizuki/monitor"
)

// OCSF Detection Finding identifiers (OCSF 1.x: category Findings = 2,
// class Detection Finding = 2004, type_uid = class_uid*100 + activity_id).
const (
	CategoryFindings      = 2
	ClassDetectionFinding = 2004
)

// Limits on what a provider may send. They bound memory and keep texts
// readable on a desktop notification and in the window.
const (
	// MaxBody bounds a response body (a catch-up page) and a webhook post.
	MaxBody = 1 << 20
	// MaxEvent bounds one notification: one SSE event, one finding.
	MaxEvent = 256 << 10
	// MaxPage is the most notifications Kizuki asks for per catch-up page.
	MaxPage = 100

	maxTitle = 200  // runes
	maxText  = 4000 // runes
	maxUID   = 128  // bytes
)

// DetectionFinding is the part of an OCSF Detection Finding (class_uid
// 2004) that Kizuki reads and writes. A provider may send any other OCSF
// attribute; Kizuki keeps the whole payload as evidence but reads only
// these.
type DetectionFinding struct {
	ActivityID   int           `json:"activity_id"`
	ActivityName string        `json:"activity_name,omitempty"`
	CategoryUID  int           `json:"category_uid"`
	CategoryName string        `json:"category_name,omitempty"`
	ClassUID     int           `json:"class_uid"`
	ClassName    string        `json:"class_name,omitempty"`
	TypeUID      int64         `json:"type_uid"`
	TypeName     string        `json:"type_name,omitempty"`
	Time         int64         `json:"time"`
	SeverityID   int           `json:"severity_id"`
	Severity     string        `json:"severity,omitempty"`
	Message      string        `json:"message,omitempty"`
	Count        int           `json:"count,omitempty"`
	StartTime    int64         `json:"start_time,omitempty"`
	EndTime      int64         `json:"end_time,omitempty"`
	Metadata     Metadata      `json:"metadata"`
	FindingInfo  FindingInfo   `json:"finding_info"`
	Observables  []Observable  `json:"observables,omitempty"`
	Remediation  *Remediation  `json:"remediation,omitempty"`
	Unmapped     *UnmappedData `json:"unmapped,omitempty"`
}

// Metadata is OCSF metadata: the product that made the finding and the
// OCSF version it follows.
type Metadata struct {
	Product Product `json:"product"`
	Version string  `json:"version"`
}

// Product is an OCSF product: name or uid is required.
type Product struct {
	Name       string `json:"name,omitempty"`
	UID        string `json:"uid,omitempty"`
	VendorName string `json:"vendor_name,omitempty"`
	Version    string `json:"version,omitempty"`
}

// FindingInfo is OCSF finding_info: uid is the provider's id of the finding
// (stable across its updates), title and desc its texts in the provider's
// main language.
type FindingInfo struct {
	UID           string   `json:"uid"`
	Title         string   `json:"title,omitempty"`
	Desc          string   `json:"desc,omitempty"`
	FirstSeenTime int64    `json:"first_seen_time,omitempty"`
	LastSeenTime  int64    `json:"last_seen_time,omitempty"`
	Types         []string `json:"types,omitempty"`
}

// Observable is an OCSF observable: a named value of a typed kind.
type Observable struct {
	Name   string `json:"name"`
	TypeID int    `json:"type_id"`
	Value  string `json:"value,omitempty"`
}

// OCSF observable type ids Kizuki maps onto evidence.
const (
	ObservableHostname = 1
	ObservableIP       = 2
	ObservableUserName = 4
	ObservableEmail    = 5
	ObservableURL      = 6
)

// Remediation is OCSF remediation guidance; desc is required.
type Remediation struct {
	Desc       string   `json:"desc"`
	References []string `json:"references,omitempty"`
}

// UnmappedData is OCSF's place for data outside the schema; Kizuki's own
// fields go under "kizuki".
type UnmappedData struct {
	Kizuki *KizukiData `json:"kizuki,omitempty"`
}

// KizukiData is what a provider may add for Kizuki: the kind of
// notification, a Kizuki playbook id, and the texts in Japanese and
// English.
type KizukiData struct {
	// Kind is "incident" (the default) or "advisory".
	Kind string `json:"kind,omitempty"`
	// Playbook is the id of a Kizuki playbook that says what to do.
	Playbook    string          `json:"playbook,omitempty"`
	Title       monitor.MSSText `json:"title,omitzero"`
	Desc        monitor.MSSText `json:"desc,omitzero"`
	Remediation monitor.MSSText `json:"remediation,omitzero"`
}

// Notification kinds.
const (
	KindIncident = "incident"
	KindAdvisory = "advisory"
)

// Notification is one item of the provider's feed: its id, the cursor
// after it, and the OCSF Detection Finding.
type Notification struct {
	ID      string          `json:"id"`
	Cursor  string          `json:"cursor"`
	Finding json.RawMessage `json:"finding"`
}

// Page is a catch-up answer: notifications after the asked cursor, oldest
// first. More says there are more: ask again after the last one's cursor.
type Page struct {
	Notifications []Notification `json:"notifications"`
	More          bool           `json:"more"`
}

// PayloadError is a notification Kizuki refuses for its content, with the
// reject reason (monitor.RejectMalformed or RejectInvalidOCSF).
type PayloadError struct {
	Reason string
	Err    error
}

func (e *PayloadError) Error() string { return e.Reason + ": " + e.Err.Error() }
func (e *PayloadError) Unwrap() error { return e.Err }

func malformed(format string, a ...any) error {
	return &PayloadError{Reason: monitor.RejectMalformed, Err: fmt.Errorf(format, a...)}
}

func invalid(format string, a ...any) error {
	return &PayloadError{Reason: monitor.RejectInvalidOCSF, Err: fmt.Errorf(format, a...)}
}

// DecodeNotification reads one notification (an SSE event's data, a
// webhook body): the envelope must be a JSON object with an id and a
// cursor (malformed otherwise), and the finding a valid OCSF Detection
// Finding (invalid_ocsf otherwise).
func DecodeNotification(data []byte) (Notification, DetectionFinding, error) {
	var n Notification
	if len(data) > MaxEvent {
		return n, DetectionFinding{}, &PayloadError{Reason: monitor.RejectOversize, Err: fmt.Errorf("%d bytes", len(data))}
	}
	if err := json.Unmarshal(data, &n); err != nil {
		return n, DetectionFinding{}, malformed("notification: %v", err)
	}
	if err := checkEnvelope(n); err != nil {
		return n, DetectionFinding{}, err
	}
	f, err := DecodeFinding(n.Finding)
	return n, f, err
}

func checkEnvelope(n Notification) error {
	if n.ID == "" || len(n.ID) > maxUID || !printable(n.ID) {
		return malformed("notification id %q", n.ID)
	}
	if n.Cursor == "" || len(n.Cursor) > 1024 || !printable(n.Cursor) {
		return malformed("notification %s: cursor %q", n.ID, n.Cursor)
	}
	if len(n.Finding) == 0 || string(n.Finding) == "null" {
		return malformed("notification %s: no finding", n.ID)
	}
	return nil
}

// DecodeFinding reads and checks an OCSF Detection Finding.
func DecodeFinding(data []byte) (DetectionFinding, error) {
	var f DetectionFinding
	if !json.Valid(data) || len(bytes.TrimSpace(data)) == 0 || bytes.TrimSpace(data)[0] != '{' {
		return f, malformed("finding is not a JSON object")
	}
	if err := json.Unmarshal(data, &f); err != nil {
		return f, invalid("finding: %v", err)
	}
	return f, f.Validate()
}

// Validate checks what OCSF requires of a Detection Finding and what
// Kizuki needs of one. The examples of docs/mss-api.yaml are checked
// against the OCSF schema itself by this package's tests.
func (f *DetectionFinding) Validate() error {
	switch {
	case f.ClassUID != ClassDetectionFinding:
		return invalid("class_uid %d, want %d (Detection Finding)", f.ClassUID, ClassDetectionFinding)
	case f.CategoryUID != CategoryFindings:
		return invalid("category_uid %d, want %d (Findings)", f.CategoryUID, CategoryFindings)
	case f.ActivityID < int(monitor.MSSCreate) || f.ActivityID > int(monitor.MSSClose):
		return invalid("activity_id %d, want 1 (create), 2 (update) or 3 (close)", f.ActivityID)
	case f.TypeUID != int64(f.ClassUID)*100+int64(f.ActivityID):
		return invalid("type_uid %d, want class_uid*100+activity_id = %d", f.TypeUID, int64(f.ClassUID)*100+int64(f.ActivityID))
	case f.Time < 1e11: // before 1973 in milliseconds: seconds sent by mistake
		return invalid("time %d is not in milliseconds since 1970", f.Time)
	case !(f.SeverityID >= 0 && f.SeverityID <= 6 || f.SeverityID == 99):
		return invalid("severity_id %d", f.SeverityID)
	case f.Metadata.Version == "":
		return invalid("metadata.version is required")
	case f.Metadata.Product.Name == "" && f.Metadata.Product.UID == "":
		return invalid("metadata.product needs a name or a uid")
	case f.FindingInfo.UID == "" || len(f.FindingInfo.UID) > maxUID || !printable(f.FindingInfo.UID):
		return invalid("finding_info.uid %q", f.FindingInfo.UID)
	case f.FindingInfo.Title == "" && f.kizuki().Title.Ja == "":
		return invalid("finding_info.title is required")
	case f.Remediation != nil && f.Remediation.Desc == "":
		return invalid("remediation.desc is required")
	case f.Count < 0:
		return invalid("count %d", f.Count)
	}
	for i, o := range f.Observables {
		if o.Name == "" {
			return invalid("observables[%d].name is required", i)
		}
	}
	k := f.kizuki()
	switch k.Kind {
	case "", KindIncident, KindAdvisory:
	default:
		return invalid("unmapped.kizuki.kind %q, want incident or advisory", k.Kind)
	}
	if k.Playbook != "" && !validPlaybook(k.Playbook) {
		return invalid("unmapped.kizuki.playbook %q", k.Playbook)
	}
	texts := []struct {
		name string
		s    string
		max  int
	}{
		{"finding_info.title", f.FindingInfo.Title, maxTitle}, {"finding_info.desc", f.FindingInfo.Desc, maxText},
		{"unmapped.kizuki.title.ja", k.Title.Ja, maxTitle}, {"unmapped.kizuki.title.en", k.Title.En, maxTitle},
		{"unmapped.kizuki.desc.ja", k.Desc.Ja, maxText}, {"unmapped.kizuki.desc.en", k.Desc.En, maxText},
		{"unmapped.kizuki.remediation.ja", k.Remediation.Ja, maxText}, {"unmapped.kizuki.remediation.en", k.Remediation.En, maxText},
	}
	if f.Remediation != nil {
		texts = append(texts, struct {
			name string
			s    string
			max  int
		}{"remediation.desc", f.Remediation.Desc, maxText})
	}
	for _, t := range texts {
		if !utf8.ValidString(t.s) || utf8.RuneCountInString(t.s) > t.max {
			return invalid("%s: not UTF-8 or longer than %d characters", t.name, t.max)
		}
	}
	return nil
}

func (f *DetectionFinding) kizuki() KizukiData {
	if f.Unmapped == nil || f.Unmapped.Kizuki == nil {
		return KizukiData{}
	}
	return *f.Unmapped.Kizuki
}

// validPlaybook accepts snake_case ids: a lowercase letter, then up to 63
// lowercase letters, digits and underscores.
func validPlaybook(s string) bool {
	if s == "" || len(s) > 64 || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// printable accepts visible ASCII: ids and cursors travel in URLs and
// headers.
func printable(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] <= ' ' || s[i] > '~' {
			return false
		}
	}
	return true
}

// severityOf maps OCSF severity_id onto Kizuki's severities. Unknown (0)
// and Other (99) become medium: a provider's notification is worth a look.
func severityOf(id int) monitor.Severity {
	switch id {
	case 1:
		return monitor.SeverityInfo
	case 2:
		return monitor.SeverityLow
	case 4:
		return monitor.SeverityHigh
	case 5, 6:
		return monitor.SeverityCritical
	default:
		return monitor.SeverityMedium
	}
}

// Notice turns a checked notification into Kizuki's terms: a finding of
// rule mss_incident or mss_advisory about the provider's finding uid, with
// origin provider, and the texts in both languages (a missing language
// falls back to the OCSF text).
func Notice(provider string, n Notification, f DetectionFinding, received time.Time) monitor.MSSNotice {
	k := f.kizuki()
	rule := monitor.RuleMSSIncident
	if k.Kind == KindAdvisory {
		rule = monitor.RuleMSSAdvisory
	}
	playbook := k.Playbook
	if playbook == "" {
		playbook = rule
	}
	first, last := f.Time, f.Time
	for _, t := range []int64{f.StartTime, f.FindingInfo.FirstSeenTime} {
		if t > 0 {
			first = t
		}
	}
	for _, t := range []int64{f.EndTime, f.FindingInfo.LastSeenTime} {
		if t > 0 {
			last = t
		}
	}
	count := max(f.Count, 1)
	var ev monitor.Evidence
	for _, o := range f.Observables {
		if o.Value == "" {
			continue
		}
		switch o.TypeID {
		case ObservableIP:
			ev.Sources = append(ev.Sources, o.Value)
		case ObservableHostname, ObservableURL:
			ev.Destinations = append(ev.Destinations, o.Value)
		case ObservableUserName, ObservableEmail:
			ev.Users = append(ev.Users, o.Value)
		}
	}
	var remediation string
	if f.Remediation != nil {
		remediation = f.Remediation.Desc
	}
	return monitor.MSSNotice{
		ID: n.ID, Cursor: n.Cursor, Activity: monitor.MSSActivity(f.ActivityID),
		Finding: monitor.Finding{
			Rule: rule, Severity: severityOf(f.SeverityID), Subject: f.FindingInfo.UID,
			FirstSeen: time.UnixMilli(min(first, last)).UTC(), LastSeen: time.UnixMilli(max(first, last)).UTC(),
			Count: count, Evidence: ev, Origin: provider, Playbook: playbook,
		},
		Title:       both(k.Title, f.FindingInfo.Title),
		Desc:        both(k.Desc, f.FindingInfo.Desc),
		Remediation: both(k.Remediation, remediation),
		Payload:     n.Finding,
		Received:    received,
	}
}

// both fills the missing languages of t with the OCSF text.
func both(t monitor.MSSText, fallback string) monitor.MSSText {
	if t.Ja == "" {
		t.Ja = fallback
	}
	if t.En == "" {
		t.En = fallback
	}
	return t
}

// OCSFVersion is the OCSF version Kizuki writes and the examples follow.
const OCSFVersion = "1.8.0"

// FindingToOCSF describes a local finding as an OCSF Detection Finding,
// for the owner's question to the provider when the owner agrees to
// attach it. uid is Kizuki's finding id, prefixed so that the provider can
// tell it from its own.
func FindingToOCSF(f monitor.Finding, version string, title string) DetectionFinding {
	sev := map[monitor.Severity]int{
		monitor.SeverityInfo: 1, monitor.SeverityLow: 2, monitor.SeverityMedium: 3,
		monitor.SeverityHigh: 4, monitor.SeverityCritical: 5,
	}[f.Severity]
	activity := int(monitor.MSSCreate)
	if !f.State.Active() {
		activity = int(monitor.MSSClose)
	}
	out := DetectionFinding{
		ActivityID: activity, CategoryUID: CategoryFindings, ClassUID: ClassDetectionFinding,
		TypeUID: ClassDetectionFinding*100 + int64(activity), Time: f.FirstSeen.UnixMilli(),
		SeverityID: sev, Count: f.Count, StartTime: f.FirstSeen.UnixMilli(), EndTime: f.LastSeen.UnixMilli(),
		Metadata: Metadata{Product: Product{Name: "Kizuki", VendorName: "Kizuki", Version: version}, Version: OCSFVersion},
		FindingInfo: FindingInfo{
			UID: "kizuki-" + strconv.FormatInt(f.ID, 10), Title: title,
			FirstSeenTime: f.FirstSeen.UnixMilli(), LastSeenTime: f.LastSeen.UnixMilli(), Types: []string{f.Rule},
		},
		Unmapped: &UnmappedData{Kizuki: &KizukiData{Playbook: f.Playbook}},
	}
	if f.Playbook == "" {
		out.Unmapped = nil
	}
	add := func(values []string, typeID int, name string) {
		for _, v := range values {
			out.Observables = append(out.Observables, Observable{Name: name, TypeID: typeID, Value: v})
		}
	}
	add(f.Evidence.Sources, ObservableIP, "src_endpoint.ip")
	add(f.Evidence.Users, ObservableUserName, "user.name")
	for _, d := range f.Evidence.Destinations {
		if _, err := netip.ParseAddr(d); err == nil {
			add([]string{d}, ObservableIP, "dst_endpoint.ip")
		} else {
			add([]string{d}, ObservableHostname, "dst_endpoint.hostname")
		}
	}
	return out
}
