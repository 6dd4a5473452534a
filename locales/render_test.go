package locales

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	_ "time/tzdata" // Asia/Tokyo without the system's zone files
)

func tokyo(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation("Asia/Tokyo")
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

// localizers returns a Localizer per language, showing times in Tokyo.
func localizers(t *testing.T) map[Lang]*Localizer {
	t.Helper()
	out := map[Lang]*Localizer{}
	for _, lang := range Langs {
		out[lang] = MustNew(lang).InZone(tokyo(t))
	}
	return out
}

func TestDuration(t *testing.T) {
	t.Parallel()
	locs := localizers(t)
	tests := []struct {
		d      time.Duration
		ja, en string
	}{
		{0, "1 分", "1 min"},
		{30 * time.Second, "1 分", "1 min"},
		{59 * time.Minute, "59 分", "59 min"},
		{90 * time.Minute, "1 時間", "1 hr"},
		{47 * time.Hour, "47 時間", "47 hr"},
		{48 * time.Hour, "2 日", "2 days"},
		{49 * time.Hour, "2 日", "2 days"},
		{10 * 24 * time.Hour, "10 日", "10 days"},
	}
	for _, tt := range tests {
		for lang, want := range map[Lang]string{Japanese: tt.ja, English: tt.en} {
			if got := locs[lang].Duration(tt.d); got != want {
				t.Errorf("%s: Duration(%v) = %q, want %q", lang, tt.d, got, want)
			}
		}
	}
}

func TestTime(t *testing.T) {
	t.Parallel()
	locs := localizers(t)
	tests := []struct {
		name   string
		t      time.Time
		ja, en string
	}{
		{"utc", time.Date(2026, 3, 5, 0, 30, 0, 0, time.UTC), "3月5日 09:30", "Mar 5 09:30"},
		{"next day in Tokyo", time.Date(2026, 12, 31, 20, 5, 0, 0, time.UTC), "1月1日 05:05", "Jan 1 05:05"},
		{"other zone", time.Date(2026, 3, 5, 9, 30, 0, 0, time.FixedZone("JST", 9*3600)), "3月5日 09:30", "Mar 5 09:30"},
		{"zero", time.Time{}, "まだありません", "never"},
	}
	for _, tt := range tests {
		for lang, want := range map[Lang]string{Japanese: tt.ja, English: tt.en} {
			if got := locs[lang].Time(tt.t); got != want {
				t.Errorf("%s: %s: Time(%v) = %q, want %q", lang, tt.name, tt.t, got, want)
			}
		}
	}
}

func TestInZoneLeavesTheOriginal(t *testing.T) {
	t.Parallel()
	utc := MustNew(English).InZone(time.UTC)
	utc.InZone(tokyo(t))
	if got, want := utc.Time(time.Date(2026, 3, 5, 0, 30, 0, 0, time.UTC)), "Mar 5 00:30"; got != want {
		t.Errorf("after InZone(Tokyo) on a copy, Time = %q, want %q", got, want)
	}
}

type reasonText struct{ title, detail string }

// jsonArgs decodes s as `kizuki status --json` readers do: numbers become
// float64, times stay RFC 3339 strings.
func jsonArgs(t *testing.T, s string) map[string]any {
	t.Helper()
	var args map[string]any
	if err := json.Unmarshal([]byte(s), &args); err != nil {
		t.Fatal(err)
	}
	return args
}

func TestReason(t *testing.T) {
	t.Parallel()
	// Args as monitor/status builds them.
	silent := map[string]any{"name": "FGT60F", "last_seen": "2026-03-05T00:30:00Z", "silent_for_s": int64(3*3600 + 5)}
	finding := func(state string) map[string]any {
		return map[string]any{
			"id": int64(7), "rule": "vpn_bruteforce", "subject": "203.0.113.5", "severity": "high",
			"count": 1520, "first_seen": "2026-03-02T11:00:00Z", "last_seen": "2026-03-05T00:30:00Z",
			"origin": "local", "state": state,
		}
	}
	const (
		silentJA  = "最後に届いたのは 3月5日 09:30（3 時間前）です。機器の電源とネットワーク、ログ送信の設定を確認してください。"
		silentEN  = "The last one arrived Mar 5 09:30 (3 hr ago). Check the device's power, network and log settings."
		findingJA = "対象: 203.0.113.5 ・ 1520 件 ・ 深刻度: 高 ・ 最後: 3月5日 09:30"
		findingEN = "Target: 203.0.113.5 · events: 1520 · severity: high · last: Mar 5 09:30"
	)
	tests := []struct {
		name string
		code string
		args map[string]any
		ja   reasonText
		en   reasonText
	}{
		{
			name: "not configured",
			code: "monitoring.not_configured",
			ja:   reasonText{"まだ監視が始まっていません", "UTM やルーターのログをこの PC に送るよう設定すると、攻撃や異常に気づけるようになります。"},
			en:   reasonText{"Monitoring has not started yet", "Send your UTM or router's logs to this PC and Kizuki will notice attacks and problems."},
		},
		{
			name: "source silent, Go values",
			code: "source.silent",
			args: silent,
			ja:   reasonText{"「FGT60F」からログが届いていません", silentJA},
			en:   reasonText{`No logs arriving from "FGT60F"`, silentEN},
		},
		{
			name: "source silent, time.Time and int",
			code: "source.silent",
			args: map[string]any{"name": "FGT60F", "last_seen": time.Date(2026, 3, 5, 0, 30, 0, 0, time.UTC), "silent_for_s": 3*3600 + 5},
			ja:   reasonText{"「FGT60F」からログが届いていません", silentJA},
			en:   reasonText{`No logs arriving from "FGT60F"`, silentEN},
		},
		{
			name: "source silent, JSON",
			code: "source.silent",
			args: jsonArgs(t, `{"name":"FGT60F","last_seen":"2026-03-05T09:30:00+09:00","silent_for_s":10805}`),
			ja:   reasonText{"「FGT60F」からログが届いていません", silentJA},
			en:   reasonText{`No logs arriving from "FGT60F"`, silentEN},
		},
		{
			name: "source never sent",
			code: "source.no_data",
			args: map[string]any{"name": "RTX1300"},
			ja:   reasonText{"「RTX1300」からまだログが届いていません", "機器のログ送信先がこの PC になっているか確認してください。"},
			en:   reasonText{`No logs from "RTX1300" yet`, "Check that the device sends its logs to this PC."},
		},
		{
			name: "open finding",
			code: "finding.vpn_bruteforce",
			args: finding("open"),
			ja:   reasonText{"VPN へのパスワード総当たり攻撃", findingJA},
			en:   reasonText{"Password-guessing attack on the VPN", findingEN},
		},
		{
			name: "acknowledged finding",
			code: "finding.vpn_bruteforce",
			args: finding("acknowledged"),
			ja:   reasonText{"VPN へのパスワード総当たり攻撃", "確認済み・対策待ち ・ " + findingJA},
			en:   reasonText{"Password-guessing attack on the VPN", "Acknowledged, awaiting a fix · target: 203.0.113.5 · events: 1520 · severity: high · last: Mar 5 09:30"},
		},
		{
			name: "open finding, JSON",
			code: "finding.vpn_bruteforce",
			args: jsonArgs(t, `{"id":7,"rule":"vpn_bruteforce","subject":"203.0.113.5","severity":"high","count":1520,
				"first_seen":"2026-03-02T11:00:00Z","last_seen":"2026-03-05T00:30:00Z","origin":"local","state":"open"}`),
			ja: reasonText{"VPN へのパスワード総当たり攻撃", findingJA},
			en: reasonText{"Password-guessing attack on the VPN", findingEN},
		},
		{
			name: "finding of a rule family",
			code: "finding.endpoint_av_off",
			args: map[string]any{"subject": "this-pc", "severity": "high", "count": 2, "last_seen": "2026-03-05T00:30:00Z", "state": "open"},
			ja:   reasonText{"この PC の危険な状態", "対象: this-pc ・ 2 件 ・ 深刻度: 高 ・ 最後: 3月5日 09:30"},
			en:   reasonText{"A dangerous setting on this PC", "Target: this-pc · events: 2 · severity: high · last: Mar 5 09:30"},
		},
		{
			name: "finding of an unknown rule",
			code: "finding.some_new_rule",
			args: map[string]any{"subject": "10.0.0.8", "severity": "medium", "count": 2, "last_seen": "2026-03-05T00:30:00Z", "state": "open"},
			ja:   reasonText{"検知: some_new_rule", "対象: 10.0.0.8 ・ 2 件 ・ 深刻度: 中 ・ 最後: 3月5日 09:30"},
			en:   reasonText{"Detection: some_new_rule", "Target: 10.0.0.8 · events: 2 · severity: medium · last: Mar 5 09:30"},
		},
		{
			name: "unknown code",
			code: "disk.nearly_full",
			args: map[string]any{"free_mb": 12},
			ja:   reasonText{"確認が必要な状態: disk.nearly_full", ""},
			en:   reasonText{"Needs checking: disk.nearly_full", ""},
		},
		{
			name: "mss unreachable",
			code: "mss.unreachable",
			args: map[string]any{"provider": "SOC", "silent_for_s": float64(2 * 3600), "last_contact": "2026-03-05T00:30:00Z"},
			ja:   reasonText{"監視会社「SOC」と連絡が取れていません", "2 時間前から通知を受け取れていません。kizuki serve が動いているか、インターネットにつながっているかを確認してください。"},
			en:   reasonText{`Cannot reach your security provider "SOC"`, "No notifications could be received for 2 hr. Check that kizuki serve is running and that this PC is online."},
		},
		{
			name: "mss refused stale notifications",
			code: "mss.stale",
			args: map[string]any{"provider": "SOC", "count": int64(2), "last": "2026-03-05T00:30:00Z"},
			ja:   reasonText{"時刻の合わない通知を受け付けませんでした", "送信時刻が 5 分以上ずれた通知が 2 件ありました（最後: 3月5日 09:30）。この PC の時計が合っているか確認してください。合っていれば監視会社に連絡してください。"},
			en:   reasonText{"Refused notifications with the wrong time", "2 notifications were sent at a time more than 5 minutes off (last: Mar 5 09:30). Check this PC's clock; if it is right, call your provider."},
		},
	}
	locs := localizers(t)
	for _, tt := range tests {
		for lang, want := range map[Lang]reasonText{Japanese: tt.ja, English: tt.en} {
			title, detail := locs[lang].Reason(tt.code, tt.args)
			if got := (reasonText{title, detail}); got != want {
				t.Errorf("%s: %s: Reason(%q) =\n\t%q, %q\nwant\n\t%q, %q", lang, tt.name, tt.code, title, detail, want.title, want.detail)
			}
		}
	}
}

// The architecture's rules (ARCHITECTURE.md, "The finding") each have a
// title of their own; endpoint_* and mss_* share their family's.
func TestRuleTitle(t *testing.T) {
	t.Parallel()
	own := []string{
		"vpn_bruteforce", "vpn_spraying", "login_after_failures", "infected_pc", "beaconing",
		"port_scan", "ti_match", "admin_login_unusual", "source_silent", "mss_incident", "mss_advisory",
	}
	family := map[string]string{
		"endpoint_av_off":      "endpoint",
		"endpoint_no_firewall": "endpoint",
		"endpoint":             "endpoint",
		"mss_revised_later":    "mss",
	}
	unknown := []string{"some_new_rule", "endpointless", "mssql_login", ""}
	for lang, l := range localizers(t) {
		seen := map[string]string{}
		for _, rule := range own {
			got := l.RuleTitle(rule)
			if got == l.T(RuleOther, Args{"Rule": rule}) || got == "" || strings.Contains(got, rule) {
				t.Errorf("%s: RuleTitle(%q) = %q, the fallback for unknown rules", lang, rule, got)
			}
			if prev, ok := seen[got]; ok {
				t.Errorf("%s: %q and %q have the same title %q", lang, prev, rule, got)
			}
			seen[got] = rule
		}
		for rule, fam := range family {
			if got, want := l.RuleTitle(rule), l.T(ruleTitles[fam], nil); got != want {
				t.Errorf("%s: RuleTitle(%q) = %q, want the %s family's %q", lang, rule, got, fam, want)
			}
		}
		for _, rule := range unknown {
			if got, want := l.RuleTitle(rule), l.T(RuleOther, Args{"Rule": rule}); got != want {
				t.Errorf("%s: RuleTitle(%q) = %q, want %q", lang, rule, got, want)
			}
		}
	}
}

func TestNamesOfLevelsSeveritiesAndColours(t *testing.T) {
	t.Parallel()
	type names struct{ word, colour string }
	levels := map[Lang]map[string]names{
		Japanese: {"green": {"異常なし", "緑"}, "yellow": {"注意", "黄"}, "red": {"危険", "赤"}},
		English:  {"green": {"All clear", "green"}, "yellow": {"Caution", "yellow"}, "red": {"Danger", "red"}},
	}
	severities := map[Lang]map[string]string{
		Japanese: {"info": "情報", "low": "低", "medium": "中", "high": "高", "critical": "緊急", "extreme": "extreme"},
		English:  {"info": "info", "low": "low", "medium": "medium", "high": "high", "critical": "critical", "extreme": "extreme"},
	}
	for lang, l := range localizers(t) {
		for level, want := range levels[lang] {
			if got := l.LevelWord(level); got != want.word {
				t.Errorf("%s: LevelWord(%q) = %q, want %q", lang, level, got, want.word)
			}
			if got := l.ColorName(level); got != want.colour {
				t.Errorf("%s: ColorName(%q) = %q, want %q", lang, level, got, want.colour)
			}
			if l.LevelSummary(level) == "" {
				t.Errorf("%s: LevelSummary(%q) is empty", lang, level)
			}
		}
		// A level this build does not know is the "cannot tell" yellow.
		if got, want := l.LevelWord("purple"), levels[lang]["yellow"].word; got != want {
			t.Errorf("%s: LevelWord(unknown) = %q, want %q", lang, got, want)
		}
		if got := l.ColorName("purple"); got != "purple" {
			t.Errorf("%s: ColorName(unknown) = %q, want the level itself", lang, got)
		}
		for sev, want := range severities[lang] {
			if got := l.SeverityName(sev); got != want {
				t.Errorf("%s: SeverityName(%q) = %q, want %q", lang, sev, got, want)
			}
		}
	}
}
