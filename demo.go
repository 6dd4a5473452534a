package main

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/kizuki-app/kizuki/guidance"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/loggen"
	"github.com/kizuki-app/kizuki/monitor/mss"
	"github.com/kizuki-app/kizuki/monitor/mss/msstest"
	"github.com/kizuki-app/kizuki/monitor/parse"
	"github.com/kizuki-app/kizuki/monitor/secrets"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// The demo's office: a FortiGate whose last four days of logs hold the
// three incidents of the seed talks (a PC with stale antivirus sending
// infected zips, a browser notification permission calling a shady site,
// days of distributed SSL-VPN brute force), and an MSS provider.
const (
	demoSource   = "FGT60F"
	demoDays     = 7
	demoLines    = 40_000
	demoSeed     = 20261116
	demoProvider = "デモ監視センター"
	demoCode     = "DEMO-2026"
	demoCompany  = "デモ商事"
)

// demoAttacks are the seed incidents replayed: the VPN attack both as the
// fast burst and as the slow spraying the talks describe.
var demoAttacks = []string{loggen.AttackInfectedPC, loggen.AttackBeaconing, loggen.AttackVPNBruteforce, loggen.AttackVPNSpraying}

// demoData is a demo database ready for the app, and the provider it is
// enrolled with; Close stops the provider.
type demoData struct {
	dbPath   string
	provider *msstest.Provider
	// openSecrets opens the demo's own secret file: never the keyring,
	// which would replace the real enrolment's token.
	openSecrets func() (*secrets.Secrets, error)
	lines       int64
}

// Close stops the demo's provider.
func (d *demoData) Close() { d.provider.Close() }

// buildDemo makes a demo database in dir (a fresh temporary folder): the
// seed incidents generated as FortiGate logs and imported as `kizuki
// import` does (parse, detect, store), the FortiGate registered as a
// source, onboarding marked done, and an enrolment over loopback with an
// in-process reference provider that has an incident notification
// waiting, so that the app's MSS client catches it up at start.
func buildDemo(ctx context.Context, dir string, now func() time.Time) (*demoData, error) {
	d := &demoData{dbPath: filepath.Join(dir, "kizuki.db")}
	st, err := store.Open(ctx, d.dbPath)
	if err != nil {
		return nil, err
	}
	defer st.Close()

	lines, err := importDemoLogs(ctx, st, dir, now)
	if err != nil {
		return nil, err
	}
	d.lines = lines
	if err := st.PutSource(ctx, monitor.Source{Name: demoSource, Vendor: monitor.VendorFortiGate, AllowedSenders: []string{"192.168.1.99"}}); err != nil {
		return nil, err
	}
	if err := st.MarkReceived(ctx, demoSource, d.lines, now()); err != nil {
		return nil, err
	}
	prefs := store.DefaultSettings()
	prefs.Onboarded, prefs.CompanyName, prefs.Gear = true, demoCompany, monitor.VendorFortiGate
	if err := st.SaveSettings(ctx, prefs); err != nil {
		return nil, err
	}

	d.provider = msstest.New(msstest.Options{Name: demoProvider})
	d.provider.AddCode(demoCode)
	d.openSecrets = func() (*secrets.Secrets, error) { return secrets.OpenFile(dir) }
	svc := &mssService{st: st, now: now, openSecrets: d.openSecrets}
	if _, _, err := svc.enroll(ctx, d.provider.URL(), demoCode, false, nil); err != nil {
		d.Close()
		return nil, fmt.Errorf("demo: enrol with the reference provider: %w", err)
	}
	d.provider.Publish(demoAdvisory(now()))
	return d, nil
}

// importDemoLogs generates the demo's log, ending at now, imports it with
// the rules as `kizuki import` does, and removes it.
func importDemoLogs(ctx context.Context, st *store.Store, dir string, now func() time.Time) (int64, error) {
	end := now().Truncate(time.Hour)
	logPath := filepath.Join(dir, demoSource)
	if err := writeDemoLogs(logPath, end.Add(-demoDays*24*time.Hour)); err != nil {
		return 0, err
	}
	engine, err := storeDetector(ctx, st)
	if err != nil {
		return 0, fmt.Errorf("demo: detection rules: %w", err)
	}
	res, err := importFile(ctx, st, parse.New(), engine, logPath, now)
	if err != nil {
		return 0, fmt.Errorf("demo: import: %w", err)
	}
	if err := os.Remove(logPath); err != nil {
		return 0, fmt.Errorf("demo: %w", err)
	}
	return res.lines, nil
}

// writeDemoLogs writes demoDays of the office's FortiGate log from start,
// with the seed incidents, to path.
func writeDemoLogs(path string, start time.Time) error {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("demo: %w", err)
	}
	w := bufio.NewWriter(f)
	_, genErr := loggen.Generate(loggen.Config{
		Vendor: monitor.VendorFortiGate, Start: start, Days: demoDays, Lines: demoLines, Seed: demoSeed, Attacks: demoAttacks,
	}, w)
	flushErr := w.Flush()
	closeErr := f.Close()
	for _, err := range []error{genErr, flushErr, closeErr} {
		if err != nil {
			return fmt.Errorf("demo: generate logs: %w", err)
		}
	}
	return nil
}

// demoAdvisory is the provider's notification in the demo: an advisory to
// update the FortiGate's firmware, the kind of thing an MSS tells its
// customers.
func demoAdvisory(at time.Time) mss.DetectionFinding {
	f := msstest.Finding("ADV-2026-0117", int(monitor.MSSCreate), 3, mss.KindAdvisory, at)
	f.Unmapped.Kizuki.Playbook = guidance.PlaybookHardenUTMFirmware
	f.FindingInfo.Title = "FortiGate のファームウェア更新のお願い"
	f.FindingInfo.Desc = "お使いの FortiGate の SSL-VPN に、外から乗っ取られるおそれのある弱点が公表されました。"
	f.Remediation = &mss.Remediation{Desc: "今週中にファームウェアを最新版に更新してください。手順が分からなければ、この画面から相談してください。"}
	f.Unmapped.Kizuki.Title = monitor.MSSText{Ja: f.FindingInfo.Title, En: "Please update the FortiGate firmware"}
	f.Unmapped.Kizuki.Desc = monitor.MSSText{Ja: f.FindingInfo.Desc, En: "A weakness that lets outsiders take over the SSL-VPN of your FortiGate model has been published."}
	f.Unmapped.Kizuki.Remediation = monitor.MSSText{Ja: f.Remediation.Desc, En: "Update the firmware to the latest version this week. If you are unsure how, ask us from this screen."}
	return f
}
