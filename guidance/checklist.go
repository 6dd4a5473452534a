package guidance

import (
	"fmt"
	"slices"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

// Answer is an answer to a checklist item.
type Answer string

// Answers, scored as IPA's self-diagnosis does: yes 4, partial 2, no 0,
// unknown −1 ("don't know" is worse than "no": nobody is looking).
const (
	AnswerYes     Answer = "yes"
	AnswerPartial Answer = "partial"
	AnswerNo      Answer = "no"
	AnswerUnknown Answer = "unknown"
)

// Answers lists the answers in the order they are offered.
var Answers = []Answer{AnswerYes, AnswerPartial, AnswerNo, AnswerUnknown}

// ParseAnswer reads an answer name.
func ParseAnswer(s string) (Answer, error) {
	if a := Answer(s); slices.Contains(Answers, a) {
		return a, nil
	}
	return "", fmt.Errorf("unknown answer %q: want yes, partial, no or unknown", s)
}

// Points returns the answer's points: 4, 2, 0 or −1.
func (a Answer) Points() int {
	switch a {
	case AnswerYes:
		return 4
	case AnswerPartial:
		return 2
	case AnswerUnknown:
		return -1
	}
	return 0
}

// Checklist is a self-assessment: items in parts, scored 0–100.
type Checklist struct {
	ID    string `toml:"id" json:"id"`
	Order int    `toml:"order" json:"-"`
	Title Text   `toml:"title" json:"title"`
	Intro Text   `toml:"intro" json:"intro"`
	// Source cites where the items come from (written in our own words).
	Source    Text   `toml:"source" json:"source"`
	SourceURL string `toml:"source_url" json:"source_url,omitempty"`
	// AnsweredOnly scores only the answered items (a checklist whose parts
	// apply only to services the company uses); otherwise an unanswered
	// item scores 0.
	AnsweredOnly bool `toml:"answered_only" json:"answered_only,omitempty"`
	// Bands are the score bands, highest Min first.
	Bands []Band `toml:"bands" json:"bands"`
	// Template is a document the owner fills in (the basic policy of
	// SECURITY ACTION ★★).
	Template Text   `toml:"template" json:"template,omitzero"`
	Parts    []Part `toml:"parts" json:"parts"`
}

// Band is a score range and what it means.
type Band struct {
	ID    string `toml:"id" json:"id"`
	Min   int    `toml:"min" json:"min"`
	Label Text   `toml:"label" json:"label"`
	Next  Text   `toml:"next" json:"next"`
}

// Part groups items.
type Part struct {
	ID    string `toml:"id" json:"id"`
	Title Text   `toml:"title" json:"title"`
	Items []Item `toml:"items" json:"items"`
}

// Item is one question.
type Item struct {
	ID     string `toml:"id" json:"id"`
	Text   Text   `toml:"text" json:"text"`
	Advice Text   `toml:"advice" json:"advice"`
	// Fact names the live data that answers the item (see Facts); "" when
	// only the owner can answer.
	Fact string `toml:"fact" json:"fact,omitempty"`
	// Playbook is the hardening playbook that fixes a "no".
	Playbook string `toml:"playbook" json:"playbook,omitempty"`
}

// Items returns the checklist's items across its parts.
func (c *Checklist) Items() []Item {
	var out []Item
	for _, p := range c.Parts {
		out = append(out, p.Items...)
	}
	return out
}

// facts are the names an item's Fact may use.
var facts = []string{
	FactLogRetention, FactNoOpenCritical, FactMSSConnected, FactLogsWatched, FactSelfDiagnosis,
	"check:antivirus", "check:os_updates", "check:firewall", "check:disk_encryption",
	"check:screen_lock", "check:admin_rights", "check:browser_notifications",
}

func (c *Checklist) validate(lib *Library) []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if c.ID == "" {
		bad("no id")
	}
	for what, t := range map[string]Text{"title": c.Title, "intro": c.Intro, "source": c.Source} {
		if !t.complete() {
			bad("%s: needs both ja and en", what)
		}
	}
	if !c.Template.empty() && !c.Template.complete() {
		bad("template: needs both ja and en")
	}
	if len(c.Bands) == 0 {
		bad("no bands")
	}
	for i, b := range c.Bands {
		if !b.Label.complete() || !b.Next.complete() {
			bad("band %s: label and next need both ja and en", b.ID)
		}
		if i > 0 && b.Min >= c.Bands[i-1].Min {
			bad("band %s: bands must go from the highest min down", b.ID)
		}
	}
	if n := len(c.Bands); n > 0 && c.Bands[n-1].Min > 0 {
		bad("the last band must start at 0 or below")
	}
	seen := map[string]bool{}
	for _, p := range c.Parts {
		if !p.Title.complete() {
			bad("part %s: title needs both ja and en", p.ID)
		}
		for _, it := range p.Items {
			if it.ID == "" || seen[it.ID] {
				bad("item %q: empty or repeated id", it.ID)
			}
			seen[it.ID] = true
			if !it.Text.complete() || !it.Advice.complete() {
				bad("item %s: text and advice need both ja and en", it.ID)
			}
			if it.Fact != "" && !slices.Contains(facts, it.Fact) {
				bad("item %s: unknown fact %q", it.ID, it.Fact)
			}
			if it.Playbook != "" {
				if _, ok := lib.Playbook(it.Playbook); !ok {
					bad("item %s: unknown playbook %q", it.ID, it.Playbook)
				}
			}
		}
	}
	if len(seen) == 0 {
		bad("no items")
	}
	return errs
}

// Checklists returns the checklists in their display order.
func (l *Library) Checklists() []*Checklist { return l.checklists }

// Checklist returns the checklist with the given id.
func (l *Library) Checklist(id string) (*Checklist, bool) {
	for _, c := range l.checklists {
		if c.ID == id {
			return c, true
		}
	}
	return nil, false
}

// Names of facts items can be pre-filled from. Endpoint checks are
// "check:" + the local check's id.
const (
	FactLogRetention   = "log_retention"
	FactNoOpenCritical = "no_open_critical"
	FactMSSConnected   = "mss_connected"
	FactLogsWatched    = "logs_watched"
	FactSelfDiagnosis  = "self_diagnosis_done"
)

// CheckStatus is the result of one of this PC's checks.
type CheckStatus = monitor.CheckStatus

// Check results, as the local-checks package reports them.
const (
	CheckOK      = monitor.CheckOK
	CheckWarn    = monitor.CheckWarn
	CheckBad     = monitor.CheckBad
	CheckUnknown = monitor.CheckUnknown
)

// Facts is what Kizuki knows from live data; the caller fills it from the
// store, the archive and this PC's checks.
type Facts struct {
	// Known is false when nothing is set up yet (no log source): then the
	// log facts say nothing.
	Known bool
	// LogRetentionDays is how many days of logs are kept.
	LogRetentionDays int
	// LogSources is how many log sources are configured; LogsFlowing
	// whether all of them sent something recently.
	LogSources  int
	LogsFlowing bool
	// OpenSerious counts active high and critical findings.
	OpenSerious int
	// MSSConnected reports that an MSS provider is set up and reachable.
	MSSConnected bool
	// MSSName is the provider's name.
	MSSName string
	// Checks are this PC's check results by check id (antivirus,
	// os_updates, firewall, disk_encryption, screen_lock, admin_rights,
	// browser_notifications).
	Checks map[string]CheckStatus
	// SelfDiagnosisDone reports that IPA's self-diagnosis is fully
	// answered (set by Evaluate callers from the ipa_5min result).
	SelfDiagnosisDone bool
}

// Prefill is an answer Kizuki gives an item from live data, with the
// evidence for it in both languages.
type Prefill struct {
	Answer   Answer
	Evidence Text
}

// prefill answers fact from f, if f says anything about it.
func prefill(fact string, f Facts) (Prefill, bool) {
	if check, ok := cutPrefix(fact, "check:"); ok {
		st, known := f.Checks[check]
		if !known || st == CheckUnknown || st == "" {
			return Prefill{}, false
		}
		a := map[CheckStatus]Answer{CheckOK: AnswerYes, CheckWarn: AnswerPartial, CheckBad: AnswerNo}[st]
		if a == "" {
			return Prefill{}, false
		}
		return Prefill{Answer: a, Evidence: Text{
			Ja: fmt.Sprintf("この PC の点検結果（%s）: %s", checkNames[check].Ja, statusNames[st].Ja),
			En: fmt.Sprintf("This PC's check (%s): %s", checkNames[check].En, statusNames[st].En),
		}}, true
	}
	switch fact {
	case FactSelfDiagnosis:
		if !f.SelfDiagnosisDone {
			return Prefill{}, false
		}
		return Prefill{Answer: AnswerYes, Evidence: Text{
			Ja: "Kizuki で「5分でできる！情報セキュリティ自社診断」の全 25 問に回答済み",
			En: "All 25 questions of IPA's 5-minute self-diagnosis are answered in Kizuki",
		}}, true
	case FactMSSConnected:
		if f.MSSConnected {
			return Prefill{Answer: AnswerYes, Evidence: Text{
				Ja: "監視サービス（MSS）" + f.MSSName + " と接続中",
				En: "Connected to the monitoring service (MSS) " + f.MSSName,
			}}, true
		}
		return Prefill{}, false
	}
	if !f.Known {
		return Prefill{}, false
	}
	switch fact {
	case FactLogRetention:
		d := f.LogRetentionDays
		if d <= 0 {
			return Prefill{}, false // nothing stored yet: no evidence either way
		}
		a := AnswerNo
		switch {
		case d >= 90:
			a = AnswerYes
		case d >= 30:
			a = AnswerPartial
		}
		return Prefill{Answer: a, Evidence: Text{
			Ja: fmt.Sprintf("UTM のログを %d 日分保存しています（目安は 90 日以上）", d),
			En: fmt.Sprintf("UTM logs are kept for %d days (90 or more is the usual ask)", d),
		}}, true
	case FactNoOpenCritical:
		if f.OpenSerious == 0 {
			return Prefill{Answer: AnswerYes, Evidence: Text{
				Ja: "対応中の重大な検知（深刻度 高・緊急）はありません",
				En: "No open findings of high or critical severity",
			}}, true
		}
		return Prefill{Answer: AnswerNo, Evidence: Text{
			Ja: fmt.Sprintf("対応中の重大な検知が %d 件あります", f.OpenSerious),
			En: fmt.Sprintf("%d findings of high or critical severity are open", f.OpenSerious),
		}}, true
	case FactLogsWatched:
		a := AnswerPartial
		ja, en := "UTM のログを Kizuki が監視していますが、届いていない機器があります", "Kizuki watches the UTM logs, but a device is not sending"
		if f.LogsFlowing {
			a = AnswerYes
			ja, en = fmt.Sprintf("UTM・ルーター %d 台のログを Kizuki が毎日監視しています", f.LogSources), fmt.Sprintf("Kizuki watches the logs of %d UTM or router devices every day", f.LogSources)
		}
		return Prefill{Answer: a, Evidence: Text{Ja: ja, En: en}}, true
	}
	return Prefill{}, false
}

func cutPrefix(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && s[:len(prefix)] == prefix {
		return s[len(prefix):], true
	}
	return s, false
}

var checkNames = map[string]Text{
	"antivirus":             {Ja: "ウイルス対策", En: "antivirus"},
	"os_updates":            {Ja: "OS の更新", En: "OS updates"},
	"firewall":              {Ja: "ファイアウォール", En: "firewall"},
	"disk_encryption":       {Ja: "ディスクの暗号化", En: "disk encryption"},
	"screen_lock":           {Ja: "画面ロック", En: "screen lock"},
	"admin_rights":          {Ja: "管理者権限", En: "administrator rights"},
	"browser_notifications": {Ja: "ブラウザの通知許可", En: "browser notification permissions"},
}

var statusNames = map[CheckStatus]Text{
	CheckOK:   {Ja: "問題なし", En: "ok"},
	CheckWarn: {Ja: "要注意", En: "needs attention"},
	CheckBad:  {Ja: "危険", En: "dangerous"},
}

// ItemResult is one item with its current answer and the evidence for it.
type ItemResult struct {
	Item   Item   `json:"-"`
	Answer Answer `json:"answer"`
	// Prefilled is true when the answer comes from Kizuki's live data,
	// not from the owner.
	Prefilled bool `json:"prefilled"`
	// Evidence is Kizuki's evidence, or the owner's note.
	Evidence Text      `json:"evidence"`
	At       time.Time `json:"at,omitzero"`
}

// Result is a checklist scored.
type Result struct {
	Checklist *Checklist   `json:"-"`
	Items     []ItemResult `json:"items"`
	// Answered counts items with an answer (the owner's or Kizuki's).
	Answered int `json:"answered"`
	// Score is 0–100: the points over the maximum of the items scored.
	Score int  `json:"score"`
	Band  Band `json:"band"`
}

// Assessed reports whether any item has an answer.
func (r Result) Assessed() bool { return r.Answered > 0 }

// Complete reports whether every item has an answer.
func (r Result) Complete() bool { return r.Answered == len(r.Items) }

// Evaluate scores c from the owner's answer history (any order; the latest
// per item counts) and the live facts. The owner's answer wins over a
// pre-filled one; Kizuki's evidence is kept beside it.
func Evaluate(c *Checklist, history []monitor.ChecklistAnswer, f Facts) Result {
	latest := map[string]monitor.ChecklistAnswer{}
	for _, a := range history {
		if a.Checklist != c.ID {
			continue
		}
		if old, ok := latest[a.Item]; !ok || !a.At.Before(old.At) {
			latest[a.Item] = a
		}
	}
	r := Result{Checklist: c}
	points, scored := 0, 0
	for _, it := range c.Items() {
		ir := ItemResult{Item: it}
		pre, hasPre := Prefill{}, false
		if it.Fact != "" {
			pre, hasPre = prefill(it.Fact, f)
		}
		if a, ok := latest[it.ID]; ok {
			ir.Answer, ir.At = Answer(a.Answer), a.At
			ir.Evidence = Text{Ja: a.Note, En: a.Note}
			if hasPre {
				ir.Evidence = pre.Evidence
			}
		} else if hasPre {
			ir.Answer, ir.Prefilled, ir.Evidence = pre.Answer, true, pre.Evidence
		}
		if ir.Answer != "" {
			r.Answered++
		}
		if ir.Answer != "" || !c.AnsweredOnly {
			points += ir.Answer.Points()
			scored++
		}
		r.Items = append(r.Items, ir)
	}
	if scored > 0 {
		r.Score = max(0, (points*100+scored*2)/(scored*4))
	}
	r.Band = c.Bands[len(c.Bands)-1]
	for _, b := range c.Bands {
		if r.Score >= b.Min {
			r.Band = b
			break
		}
	}
	return r
}

// SelfDiagnosisID is the checklist of IPA's 5-minute self-diagnosis, the
// first one an owner is offered.
const SelfDiagnosisID = "ipa_5min"

// EvaluateAll scores every checklist, in display order, from the owner's
// answer history and the live facts. The self-diagnosis is scored first:
// SECURITY ACTION ★★ asks whether it is complete.
func (l *Library) EvaluateAll(history []monitor.ChecklistAnswer, f Facts) []Result {
	if ipa, ok := l.Checklist(SelfDiagnosisID); ok {
		f.SelfDiagnosisDone = Evaluate(ipa, history, f).Complete()
	}
	out := make([]Result, 0, len(l.checklists))
	for _, c := range l.checklists {
		out = append(out, Evaluate(c, history, f))
	}
	return out
}
