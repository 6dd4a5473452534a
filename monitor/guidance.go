package monitor

import "time"

// ChecklistAnswer is one answer the owner gave to a checklist item. Answers
// are kept as history: the latest per item is the current one.
type ChecklistAnswer struct {
	Checklist string `json:"checklist"`
	Item      string `json:"item"`
	// Answer is "yes", "partial", "no" or "unknown".
	Answer string `json:"answer"`
	// Note is the owner's own evidence or remark, if any.
	Note string    `json:"note,omitempty"`
	At   time.Time `json:"at"`
}

// ScoreSnapshot is a checklist's score at one moment, so that progress can
// be shown over time.
type ScoreSnapshot struct {
	Checklist string    `json:"checklist"`
	Score     int       `json:"score"`
	Band      string    `json:"band"`
	At        time.Time `json:"at"`
}

// WizardProgress is where the owner stands in one playbook's wizard, for
// one subject (a finding id, or "" for a hardening task), so that the
// wizard can be left and resumed.
type WizardProgress struct {
	Playbook string `json:"playbook"`
	Subject  string `json:"subject"`
	// Variant is the device or browser the steps are shown for
	// (a Vendor value, or a browser name), "" for the generic text.
	Variant string `json:"variant,omitempty"`
	// Outcomes maps a step id to what happened at that step.
	Outcomes map[string]string `json:"outcomes"`
	Started  time.Time         `json:"started"`
	Updated  time.Time         `json:"updated"`
}
