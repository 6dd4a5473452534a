package guidance

import (
	"strings"
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

var t0 = time.Date(2026, 11, 1, 9, 0, 0, 0, time.UTC)

// answerAll answers every item of c with a, except the overrides.
func answerAll(c *Checklist, a Answer, overrides map[string]Answer) []monitor.ChecklistAnswer {
	var out []monitor.ChecklistAnswer
	for _, it := range c.Items() {
		ans := a
		if o, ok := overrides[it.ID]; ok {
			ans = o
		}
		if ans != "" {
			out = append(out, monitor.ChecklistAnswer{Checklist: c.ID, Item: it.ID, Answer: string(ans), At: t0})
		}
	}
	return out
}

func TestIPAScoring(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	ipa, ok := lib.Checklist("ipa_5min")
	if !ok {
		t.Fatal("no ipa_5min checklist")
	}
	if n := len(ipa.Items()); n != 25 || len(ipa.Parts) != 3 {
		t.Fatalf("ipa_5min has %d items in %d parts, want 25 in 3", n, len(ipa.Parts))
	}
	tests := []struct {
		name      string
		history   []monitor.ChecklistAnswer
		wantScore int
		wantBand  string
		complete  bool
	}{
		{"nothing answered", nil, 0, "urgent", false},
		{"all yes", answerAll(ipa, AnswerYes, nil), 100, "complete", true},
		{"one partial", answerAll(ipa, AnswerYes, map[string]Answer{"wifi": AnswerPartial}), 98, "partial", true},
		// 17 yes (68) + 4 partial (8) + 2 no + 2 unknown (−2) = 74
		{"mixed", answerAll(ipa, AnswerYes, map[string]Answer{
			"visitors": AnswerPartial, "desk_storage": AnswerPartial, "byod": AnswerPartial, "nda": AnswerPartial,
			"backup": AnswerNo, "rules": AnswerNo, "incident_plan": AnswerUnknown, "threat_info": AnswerUnknown,
		}), 74, "partial", true},
		// 13 yes (52) and 12 unknown (−12) = 40
		{"many unknown", answerAll(ipa, AnswerYes, map[string]Answer{
			"access_control": AnswerUnknown, "threat_info": AnswerUnknown, "mail_attachments": AnswerUnknown,
			"misdelivery": AnswerUnknown, "protect_attachments": AnswerUnknown, "wifi": AnswerUnknown,
			"web_sns": AnswerUnknown, "backup": AnswerUnknown, "desk_storage": AnswerUnknown, "take_out": AnswerUnknown,
			"screen_lock": AnswerUnknown, "visitors": AnswerUnknown,
		}), 40, "urgent", true},
		{"all unknown never goes below 0", answerAll(ipa, AnswerUnknown, nil), 0, "urgent", true},
		{"half answered, 13 yes", answerAll(ipa, AnswerYes, map[string]Answer{
			"access_control": "", "threat_info": "", "mail_attachments": "", "misdelivery": "", "protect_attachments": "",
			"wifi": "", "web_sns": "", "backup": "", "desk_storage": "", "take_out": "", "screen_lock": "", "visitors": "",
		}), 52, "weak", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			r := Evaluate(ipa, tt.history, Facts{})
			if r.Score != tt.wantScore || r.Band.ID != tt.wantBand || r.Complete() != tt.complete {
				t.Errorf("score %d band %s complete %v; want %d %s %v", r.Score, r.Band.ID, r.Complete(), tt.wantScore, tt.wantBand, tt.complete)
			}
		})
	}
}

func TestLatestAnswerWins(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	ipa, _ := lib.Checklist("ipa_5min")
	history := []monitor.ChecklistAnswer{
		{Checklist: "ipa_5min", Item: "backup", Answer: "yes", Note: "後の回答", At: t0.Add(time.Hour)},
		{Checklist: "ipa_5min", Item: "backup", Answer: "no", At: t0},
		{Checklist: "insurance", Item: "backup", Answer: "no", At: t0.Add(2 * time.Hour)},
	}
	r := Evaluate(ipa, history, Facts{})
	for _, ir := range r.Items {
		if ir.Item.ID == "backup" && (ir.Answer != AnswerYes || ir.Evidence.Ja != "後の回答" || ir.Prefilled) {
			t.Errorf("backup = %+v, want the later yes with its note", ir)
		}
	}
	if r.Answered != 1 || r.Score != 4 {
		t.Errorf("answered %d score %d, want 1 and 4", r.Answered, r.Score)
	}
}

func TestInsurancePrefill(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	ins, _ := lib.Checklist("insurance")
	facts := Facts{
		Known: true, LogRetentionDays: 120, LogSources: 1, LogsFlowing: true, OpenSerious: 1,
		Checks: map[string]CheckStatus{"antivirus": CheckBad, "os_updates": CheckWarn, "disk_encryption": CheckUnknown},
	}
	// The owner says AV is fine everywhere; Kizuki's evidence stays beside it.
	history := []monitor.ChecklistAnswer{{Checklist: "insurance", Item: "av_all_pcs", Answer: "yes", At: t0}}
	r := Evaluate(ins, history, facts)
	got := map[string]ItemResult{}
	for _, ir := range r.Items {
		got[ir.Item.ID] = ir
	}
	tests := []struct {
		item      string
		answer    Answer
		prefilled bool
		evidence  string
	}{
		{"log_retention", AnswerYes, true, "120 日分"},
		{"log_monitoring", AnswerYes, true, "1 台のログ"},
		{"no_open_incidents", AnswerNo, true, "1 件"},
		{"patching", AnswerPartial, true, "OS の更新）: 要注意"},
		{"av_all_pcs", AnswerYes, false, "ウイルス対策）: 危険"},
		{"disk_encryption", "", false, ""},
		{"mss", "", false, ""},
	}
	for _, tt := range tests {
		ir := got[tt.item]
		if ir.Answer != tt.answer || ir.Prefilled != tt.prefilled || !strings.Contains(ir.Evidence.Ja, tt.evidence) {
			t.Errorf("%s = %s prefilled %v evidence %q; want %s %v containing %q", tt.item, ir.Answer, ir.Prefilled, ir.Evidence.Ja, tt.answer, tt.prefilled, tt.evidence)
		}
		if tt.evidence != "" && ir.Evidence.En == "" {
			t.Errorf("%s: no English evidence", tt.item)
		}
	}
	if short := Evaluate(ins, nil, Facts{Known: true, LogRetentionDays: 45}); short.Items[len(short.Items)-5].Answer != AnswerPartial {
		t.Errorf("45 days of logs: %s, want partial", short.Items[len(short.Items)-5].Answer)
	}
	if none := Evaluate(ins, nil, Facts{}); none.Answered != 0 {
		t.Errorf("with nothing set up, %d items were prefilled", none.Answered)
	}
}

func TestCloudScoresAnsweredOnly(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	cloud, _ := lib.Checklist("cloud")
	// A company using SaaS only: two yes, one partial, one no → 10/16.
	history := []monitor.ChecklistAnswer{
		{Checklist: "cloud", Item: "saas_mfa", Answer: "yes", At: t0},
		{Checklist: "cloud", Item: "saas_accounts", Answer: "yes", At: t0},
		{Checklist: "cloud", Item: "saas_sharing", Answer: "partial", At: t0},
		{Checklist: "cloud", Item: "saas_backup", Answer: "no", At: t0},
	}
	if r := Evaluate(cloud, history, Facts{}); r.Score != 63 || r.Band.ID != "gaps" {
		t.Errorf("cloud score %d band %s, want 63 gaps", r.Score, r.Band.ID)
	}
}

func TestSecurityActionUsesSelfDiagnosis(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	sa, _ := lib.Checklist("security_action")
	if sa.Template.Ja == "" || !strings.Contains(sa.Template.Ja, "［会社名］") {
		t.Error("security_action has no basic-policy template to fill in")
	}
	history := answerAll(sa, AnswerYes, map[string]Answer{"self_diagnosis": ""})
	if r := Evaluate(sa, history, Facts{}); r.Score >= 100 {
		t.Errorf("two stars (score %d) without the self-diagnosis", r.Score)
	}
	if r := Evaluate(sa, history, Facts{SelfDiagnosisDone: true}); r.Score != 100 || r.Band.ID != "two_stars" {
		t.Errorf("score %d band %s with the self-diagnosis done, want 100 two_stars", r.Score, r.Band.ID)
	}
}

func TestParseAnswer(t *testing.T) {
	t.Parallel()
	for _, a := range Answers {
		if got, err := ParseAnswer(string(a)); err != nil || got != a {
			t.Errorf("ParseAnswer(%s) = %s, %v", a, got, err)
		}
	}
	if _, err := ParseAnswer("maybe"); err == nil {
		t.Error("ParseAnswer(maybe): no error")
	}
}
