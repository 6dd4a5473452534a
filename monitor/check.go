package monitor

import (
	"encoding/json"
	"fmt"
	"time"
)

// CheckStatus is how a check of this PC came out.
type CheckStatus string

// Check outcomes: ok, something to improve (warn), something clearly wrong
// (bad), or the check could not tell (unknown).
const (
	CheckOK      CheckStatus = "ok"
	CheckWarn    CheckStatus = "warn"
	CheckBad     CheckStatus = "bad"
	CheckUnknown CheckStatus = "unknown"
)

// CheckStatuses lists every CheckStatus, best first.
var CheckStatuses = []CheckStatus{CheckOK, CheckWarn, CheckBad, CheckUnknown}

// ParseCheckStatus reads a status name.
func ParseCheckStatus(name string) (CheckStatus, error) {
	for _, s := range CheckStatuses {
		if string(s) == name {
			return s, nil
		}
	}
	return "", fmt.Errorf("unknown check status %q", name)
}

// CheckResult is the outcome of one check of this PC (browser
// notification permissions, antivirus, updates…). It feeds the readiness
// score and the insurance evidence; only an actively dangerous state also
// raises a Finding. Summary is a code with Args, for the UI to put into
// words; Details is the check's own JSON (for the notification check:
// every browser, profile and allowed site).
type CheckResult struct {
	Check     string          `json:"check"`
	Status    CheckStatus     `json:"status"`
	Summary   string          `json:"summary"`
	Args      map[string]any  `json:"args,omitempty"`
	Details   json.RawMessage `json:"details,omitempty"`
	CheckedAt time.Time       `json:"checked_at"`
}
