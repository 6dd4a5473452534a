package monitor

import "time"

// Rules of the findings an MSS provider raises (ARCHITECTURE.md: mss_*).
// An incident is something happening to this office; an advisory is
// something the owner should do (update the UTM's firmware, say).
const (
	RuleMSSIncident = "mss_incident"
	RuleMSSAdvisory = "mss_advisory"
)

// MSSActivity is what a notification does to the provider's finding: the
// OCSF activity_id of a Detection Finding.
type MSSActivity int

// Activities of an MSS notification.
const (
	MSSCreate MSSActivity = 1
	MSSUpdate MSSActivity = 2
	MSSClose  MSSActivity = 3
)

// MSSText is one text in the two languages Kizuki speaks. En may be empty
// (the Japanese is then shown); Ja never is.
type MSSText struct {
	Ja string `json:"ja"`
	En string `json:"en,omitempty"`
}

// MSSNotice is a notification from the MSS provider, checked (signature,
// time, payload) and read into Kizuki's terms. Finding is the finding it
// creates or changes: Rule mss_incident or mss_advisory, Subject the
// provider's finding uid, Origin the provider's name.
type MSSNotice struct {
	// ID is the provider's notification id, unique per provider: a notice
	// whose id was seen before is never applied again.
	ID string
	// Cursor is where the provider's notification feed stands after this
	// notice; Kizuki resumes after it.
	Cursor string
	// Activity creates, updates or closes the finding.
	Activity MSSActivity
	// Finding is the finding as the provider now describes it.
	Finding Finding
	// Title, Desc and Remediation are the provider's texts.
	Title, Desc, Remediation MSSText
	// Payload is the OCSF Detection Finding as received, kept as evidence.
	Payload []byte
	// Received is when Kizuki accepted it.
	Received time.Time
}

// MSSChange is what applying a notice did, for the desktop notification:
// the finding as stored now and the provider's texts.
type MSSChange struct {
	Notice MSSNotice
	// Finding is the stored finding (with its id) after the notice.
	Finding Finding
	// New is true when the notice created the finding.
	New bool
}

// MSSAck is a finding whose state the owner changed, to be reported back
// to the provider (POST /v1/notifications/{id}/ack).
type MSSAck struct {
	Provider   string
	FindingUID string
	// Notification is the id of the last notice about the finding; the
	// ack is posted to it.
	Notification string
	State        FindingState
}

// MSSReject counts one kind of input refused from the provider.
type MSSReject struct {
	Count int64     `json:"count"`
	Last  time.Time `json:"last"`
}

// MSS reject reasons: why a response, event or notification from the
// provider was refused. They are the suffixes of the status codes mss.*.
const (
	RejectBadSignature = "bad_signature" // missing, unreadable or wrong signature
	RejectStale        = "stale"         // signed more than five minutes away from now
	RejectUnknownKey   = "unknown_key"   // signed with a key id Kizuki was not given
	RejectOversize     = "oversize"      // larger than Kizuki reads
	RejectMalformed    = "malformed"     // not the JSON the protocol describes
	RejectInvalidOCSF  = "invalid_ocsf"  // not a valid OCSF Detection Finding
	// RejectSenderNotAllowed counts posts to the local webhook receiver
	// from an address off its allow-list: refused unread.
	RejectSenderNotAllowed = "sender_not_allowed"
)

// RejectReasons lists every reject reason.
var RejectReasons = []string{
	RejectBadSignature, RejectStale, RejectUnknownKey, RejectOversize, RejectMalformed, RejectInvalidOCSF,
	RejectSenderNotAllowed,
}

// MSSHealth is what the traffic light knows of the MSS connection. A
// database without a provider has none (nil).
type MSSHealth struct {
	Provider string
	// Enrolled is when the device was enrolled.
	Enrolled time.Time
	// LastContact is when the provider last answered with a valid,
	// signed response (or a keep-alive on the stream); zero if never.
	LastContact time.Time
	// Rejects counts refused input by reason.
	Rejects map[string]MSSReject
}
