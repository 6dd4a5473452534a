package guidance

import (
	"testing"
	"time"

	"github.com/kizuki-app/kizuki/monitor"
)

func TestPrioritize(t *testing.T) {
	t.Parallel()
	lib := mustDefault(t)
	ipa, _ := lib.Checklist("ipa_5min")
	results := []Result{Evaluate(ipa, answerAll(ipa, AnswerYes, map[string]Answer{
		"backup": AnswerNo, "incident_plan": AnswerUnknown, "web_sns": AnswerPartial,
	}), Facts{})}
	findings := []monitor.Finding{
		{ID: 1, Rule: "port_scan", Severity: monitor.SeverityLow, State: monitor.StateOpen, LastSeen: t0},
		{ID: 2, Rule: "vpn_bruteforce", Severity: monitor.SeverityHigh, State: monitor.StateOpen, LastSeen: t0},
		{ID: 3, Rule: "infected_pc", Severity: monitor.SeverityHigh, State: monitor.StateAcknowledged, LastSeen: t0.Add(time.Hour)},
		{ID: 4, Rule: "beaconing", Severity: monitor.SeverityMedium, State: monitor.StateResolved, LastSeen: t0},
		{ID: 5, Rule: "mss_unheard_of", Severity: monitor.SeverityHigh, State: monitor.StateOpen, LastSeen: t0},
	}
	tasks := lib.Prioritize(findings, results)
	// vpn_bruteforce 4×5×4=80, infected_pc (acknowledged) 3×5×4=60,
	// harden_backup_offline 3×5×3=45, incident_response 3×5×4=60,
	// browser_notifications 2×3×5=30, port_scan 2×2×5=20.
	want := []struct {
		playbook string
		score    int
	}{
		{"vpn_bruteforce", 80}, {"infected_pc", 60}, {"incident_response", 60},
		{"harden_backup_offline", 45}, {"browser_notifications", 30}, {"port_scan", 20},
	}
	if len(tasks) != len(want) {
		t.Fatalf("%d tasks, want %d: %+v", len(tasks), len(want), tasks)
	}
	for i, w := range want {
		if tasks[i].Playbook != w.playbook || tasks[i].Score != w.score {
			t.Errorf("task %d = %s (%d), want %s (%d)", i, tasks[i].Playbook, tasks[i].Score, w.playbook, w.score)
		}
		if tasks[i].Reason.Ja == "" || tasks[i].Reason.En == "" {
			t.Errorf("task %s has no reason in both languages", tasks[i].Playbook)
		}
	}
	if tasks[0].Reason.Ja != "VPN がいま攻撃されており、成功すると社内全体に入られるため" {
		t.Errorf("top reason %q", tasks[0].Reason.Ja)
	}
	if got := tasks[2].Items; len(got) != 1 || got[0] != "ipa_5min/incident_plan" {
		t.Errorf("incident_response items %v, want the checklist item that asked for it", got)
	}
}
