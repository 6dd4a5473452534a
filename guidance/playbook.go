// Package guidance turns what Kizuki knows into action for an owner who is
// not an IT person: playbooks (one per finding rule and per hardening
// task) run as step-by-step wizards, checklists with scores and evidence,
// a priority order with a one-sentence reason, and the model of the
// monthly and insurance reports.
//
// The texts are data (package content, Japanese and English side by
// side). The package imports only monitor's types; persistence and the
// checks Kizuki runs itself are interfaces the caller implements
// (ProgressStore, AnswerStore, Verifier).
package guidance

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/BurntSushi/toml"

	"github.com/kizuki-app/kizuki/guidance/content"
	"github.com/kizuki-app/kizuki/monitor"
)

// Kind says what a playbook is for.
type Kind string

// Playbook kinds.
const (
	// KindFinding answers a finding: its id is the finding's rule.
	KindFinding Kind = "finding"
	// KindHardening is a preventive task, reached from checklists and the
	// priority list.
	KindHardening Kind = "hardening"
	// KindIncident is the red-light wizard (「有事の際」).
	KindIncident Kind = "incident"
)

// Who says who can do a step.
type Who string

// Who can do a step: the owner or the person in charge of IT, every
// employee, the IT vendor or dealer of the device, or the MSS provider.
const (
	WhoOwner  Who = "owner"
	WhoStaff  Who = "staff"
	WhoVendor Who = "vendor"
	WhoMSS    Who = "mss"
)

// VariantBy says what a playbook's per-step variants are keyed by.
type VariantBy string

// Variant keys: the log source's device (monitor.Vendor values) or the
// browser.
const (
	ByVendor  VariantBy = "vendor"
	ByBrowser VariantBy = "browser"
)

// Browsers are the browsers browser playbooks have variants for.
var Browsers = []string{"chrome", "edge", "firefox", "brave"}

// Playbook ids of the finding rules of ARCHITECTURE.md (a finding's
// playbook is its rule) and of the endpoint and MSS families.
const (
	PlaybookVPNBruteforce        = "vpn_bruteforce"
	PlaybookVPNSpraying          = "vpn_spraying"
	PlaybookLoginAfterFailures   = "login_after_failures"
	PlaybookInfectedPC           = "infected_pc"
	PlaybookBeaconing            = "beaconing"
	PlaybookPortScan             = "port_scan"
	PlaybookTIMatch              = "ti_match"
	PlaybookAdminLoginUnusual    = "admin_login_unusual"
	PlaybookAdminBruteforce      = "admin_bruteforce"
	PlaybookSourceSilent         = "source_silent"
	PlaybookEndpointAntivirus    = "endpoint_antivirus"
	PlaybookEndpointNotification = "endpoint_notification"
	PlaybookMSSIncident          = "mss_incident"
	PlaybookMSSAdvisory          = "mss_advisory"
)

// Hardening and incident playbook ids.
const (
	PlaybookHardenVPNMFA         = "harden_vpn_mfa"
	PlaybookHardenEmailMFA       = "harden_email_mfa"
	PlaybookHardenUTMFirmware    = "harden_utm_firmware"
	PlaybookHardenBackupOffline  = "harden_backup_offline"
	PlaybookHardenAVDefinitions  = "harden_av_definitions"
	PlaybookHardenOSUpdates      = "harden_os_updates"
	PlaybookHardenAdminAccounts  = "harden_admin_accounts"
	PlaybookHardenVPNGeorestrict = "harden_vpn_georestrict"
	PlaybookBrowserNotifications = "browser_notifications"
	PlaybookIncidentResponse     = "incident_response"
)

// FindingPlaybookIDs are the playbooks findings point at.
var FindingPlaybookIDs = []string{
	PlaybookVPNBruteforce, PlaybookVPNSpraying, PlaybookLoginAfterFailures, PlaybookInfectedPC,
	PlaybookBeaconing, PlaybookPortScan, PlaybookTIMatch, PlaybookAdminLoginUnusual, PlaybookAdminBruteforce,
	PlaybookSourceSilent, PlaybookEndpointAntivirus, PlaybookEndpointNotification,
	PlaybookMSSIncident, PlaybookMSSAdvisory,
}

// HardeningPlaybookIDs are the preventive playbooks and the incident
// wizard.
var HardeningPlaybookIDs = []string{
	PlaybookHardenVPNMFA, PlaybookHardenEmailMFA, PlaybookHardenUTMFirmware, PlaybookHardenBackupOffline,
	PlaybookHardenAVDefinitions, PlaybookHardenOSUpdates, PlaybookHardenAdminAccounts,
	PlaybookHardenVPNGeorestrict, PlaybookBrowserNotifications, PlaybookIncidentResponse,
}

// PlaybookIDs returns every playbook id, findings first.
func PlaybookIDs() []string {
	return slices.Concat(FindingPlaybookIDs, HardeningPlaybookIDs)
}

// PlaybookFor returns the playbook id for a finding rule: the rule itself
// when a playbook has that id, else "" (a rule this build does not know).
func PlaybookFor(rule string) string {
	if slices.Contains(FindingPlaybookIDs, rule) {
		return rule
	}
	return ""
}

// CheckKind names a verification Kizuki runs itself.
type CheckKind string

// Verification checks. The Verifier gets the finding the wizard is for.
const (
	// CheckNoFailures: no login failures from the finding's sources.
	CheckNoFailures CheckKind = "no_failures_from_sources"
	// CheckNoThreats: no blocked or alerted traffic from the finding's
	// subject (a PC).
	CheckNoThreats CheckKind = "no_threats_from_host"
	// CheckNoContact: no traffic between the subject and the finding's
	// destinations, allowed (hourly totals) or not (stored events).
	CheckNoContact CheckKind = "no_contact_with_destinations"
	// CheckSourceReceiving: logs arrive again from the subject (a source).
	CheckSourceReceiving CheckKind = "source_receiving"
	// CheckEndpoint: this PC's check named by Param is ok.
	CheckEndpoint CheckKind = "endpoint_check_ok"
)

var checkKinds = []CheckKind{CheckNoFailures, CheckNoThreats, CheckNoContact, CheckSourceReceiving, CheckEndpoint}

// Check is a verification step's check: what to look at and over how long
// a window before now.
type Check struct {
	Kind   CheckKind `toml:"kind" json:"kind"`
	Window Duration  `toml:"window" json:"window"`
	// Param is the check's argument (the endpoint check id).
	Param string `toml:"param" json:"param,omitempty"`
}

// Duration is a time.Duration written as "1h" in the content.
type Duration struct{ time.Duration }

// UnmarshalText implements encoding.TextUnmarshaler.
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	d.Duration = v
	return err
}

// MarshalText implements encoding.TextMarshaler.
func (d Duration) MarshalText() ([]byte, error) { return []byte(d.String()), nil }

// Step is one thing to do in a wizard.
type Step struct {
	ID string `toml:"id" json:"id"`
	// What to do, in a sentence.
	What Text `toml:"what" json:"what"`
	// Why it matters, in plain words.
	Why Text `toml:"why" json:"why"`
	// How to do it when no variant applies.
	How Text `toml:"how" json:"how"`
	// Variants say how on one device or browser, keyed by the playbook's
	// VariantBy.
	Variants map[string]Text `toml:"variants" json:"variants,omitempty"`
	// Minutes is about how long it takes.
	Minutes int `toml:"minutes" json:"minutes"`
	Who     Who `toml:"who" json:"who"`
	// Verify, when set, is checked by Kizuki itself once the step is done.
	Verify *Check `toml:"verify" json:"verify,omitempty"`
}

// HowFor returns how to do the step on variant, or the generic text.
func (s Step) HowFor(variant string) Text {
	if t, ok := s.Variants[variant]; ok {
		return t
	}
	return s.How
}

// Playbook is what to do about one finding rule or one hardening task.
type Playbook struct {
	ID   string `toml:"id" json:"id"`
	Kind Kind   `toml:"kind" json:"kind"`
	// Title names it; Summary says in two or three sentences what is
	// happening or why it matters.
	Title   Text `toml:"title" json:"title"`
	Summary Text `toml:"summary" json:"summary"`
	// Reason is the one sentence the priority list shows.
	Reason Text `toml:"reason" json:"reason"`
	// Impact (1–5) is the harm to the business if it goes wrong; Ease
	// (1–5) how light the fix is, 5 the lightest.
	Impact    int       `toml:"impact" json:"impact"`
	Ease      int       `toml:"ease" json:"ease"`
	VariantBy VariantBy `toml:"variant_by" json:"variant_by,omitempty"`
	// DoNot lists what not to do (the incident wizard).
	DoNot []Text `toml:"do_not" json:"do_not,omitempty"`
	// Contacts are who to call (the incident wizard).
	Contacts []Contact `toml:"contacts" json:"contacts,omitempty"`
	Steps    []Step    `toml:"steps" json:"steps"`
}

// Contact is someone to call when the light is red.
type Contact struct {
	ID   string `toml:"id" json:"id"`
	Name Text   `toml:"name" json:"name"`
	When Text   `toml:"when" json:"when"`
	// Phone and URL are public numbers and pages; empty when the owner
	// fills them in (their MSS, their insurer).
	Phone string `toml:"phone" json:"phone,omitempty"`
	URL   string `toml:"url" json:"url,omitempty"`
}

// Step returns the step with the given id.
func (p *Playbook) Step(id string) (Step, bool) {
	for _, s := range p.Steps {
		if s.ID == id {
			return s, true
		}
	}
	return Step{}, false
}

// Library is every playbook and checklist, loaded and validated.
type Library struct {
	playbooks  map[string]*Playbook
	checklists []*Checklist
}

var (
	defaultOnce sync.Once
	defaultLib  *Library
	defaultErr  error
)

// Default returns the library embedded in package content.
func Default() (*Library, error) {
	defaultOnce.Do(func() { defaultLib, defaultErr = Load(content.FS) })
	return defaultLib, defaultErr
}

// Load reads playbooks/*.toml and checklists/*.toml from fsys and checks
// them: every known playbook id present, both languages everywhere, valid
// kinds, variants and checks. Errors name the file.
func Load(fsys fs.FS) (*Library, error) {
	lib := &Library{playbooks: map[string]*Playbook{}}
	var errs []error
	files, err := fs.Glob(fsys, "playbooks/*.toml")
	if err != nil {
		return nil, fmt.Errorf("load playbooks: %w", err)
	}
	for _, name := range files {
		var p Playbook
		if err := decodeStrict(fsys, name, &p); err != nil {
			errs = append(errs, err)
			continue
		}
		if want := strings.TrimSuffix(path.Base(name), ".toml"); p.ID != want {
			errs = append(errs, fmt.Errorf("%s: id %q, want %q (the file's name)", name, p.ID, want))
			continue
		}
		for _, e := range p.validate() {
			errs = append(errs, fmt.Errorf("%s: %w", name, e))
		}
		lib.playbooks[p.ID] = &p
	}
	for _, id := range PlaybookIDs() {
		if _, ok := lib.playbooks[id]; !ok {
			errs = append(errs, fmt.Errorf("playbook %s: missing (playbooks/%s.toml)", id, id))
		}
	}
	files, err = fs.Glob(fsys, "checklists/*.toml")
	if err != nil {
		return nil, fmt.Errorf("load checklists: %w", err)
	}
	for _, name := range files {
		var c Checklist
		if err := decodeStrict(fsys, name, &c); err != nil {
			errs = append(errs, err)
			continue
		}
		for _, e := range c.validate(lib) {
			errs = append(errs, fmt.Errorf("%s: %w", name, e))
		}
		lib.checklists = append(lib.checklists, &c)
	}
	slices.SortStableFunc(lib.checklists, func(a, b *Checklist) int { return a.Order - b.Order })
	if len(errs) > 0 {
		return nil, errors.Join(errs...)
	}
	return lib, nil
}

func decodeStrict(fsys fs.FS, name string, v any) error {
	b, err := fs.ReadFile(fsys, name)
	if err != nil {
		return fmt.Errorf("read %s: %w", name, err)
	}
	md, err := toml.Decode(string(b), v)
	if err != nil {
		return fmt.Errorf("%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return fmt.Errorf("%s: unknown keys %v", name, und)
	}
	return nil
}

func (p *Playbook) validate() []error {
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	text := func(what string, t Text) {
		if !t.complete() {
			bad("%s: needs both ja and en", what)
		}
	}
	switch p.Kind {
	case KindFinding, KindHardening, KindIncident:
	default:
		bad("kind %q: want finding, hardening or incident", p.Kind)
	}
	text("title", p.Title)
	text("summary", p.Summary)
	text("reason", p.Reason)
	if p.Impact < 1 || p.Impact > 5 || p.Ease < 1 || p.Ease > 5 {
		bad("impact %d and ease %d must be 1 to 5", p.Impact, p.Ease)
	}
	for i, t := range p.DoNot {
		text(fmt.Sprintf("do_not[%d]", i), t)
	}
	for _, c := range p.Contacts {
		text("contact "+c.ID+" name", c.Name)
		text("contact "+c.ID+" when", c.When)
	}
	if len(p.Steps) == 0 {
		bad("no steps")
	}
	seen := map[string]bool{}
	for _, s := range p.Steps {
		where := "step " + s.ID
		if s.ID == "" || seen[s.ID] {
			bad("%s: empty or repeated step id", where)
		}
		seen[s.ID] = true
		text(where+" what", s.What)
		text(where+" why", s.Why)
		if s.How.empty() && len(s.Variants) == 0 {
			bad("%s: no how", where)
		} else if !s.How.empty() {
			text(where+" how", s.How)
		}
		if s.Minutes <= 0 {
			bad("%s: minutes must be positive", where)
		}
		switch s.Who {
		case WhoOwner, WhoStaff, WhoVendor, WhoMSS:
		default:
			bad("%s: who %q: want owner, staff, vendor or mss", where, s.Who)
		}
		for key, t := range s.Variants {
			text(where+" variant "+key, t)
			if !p.validVariant(key) {
				bad("%s: variant %q is not a %s", where, key, cmpOr(string(p.VariantBy), "variant_by (unset)"))
			}
		}
		if s.Verify != nil {
			if !slices.Contains(checkKinds, s.Verify.Kind) {
				bad("%s: unknown check %q", where, s.Verify.Kind)
			}
			if s.Verify.Window.Duration <= 0 {
				bad("%s: check window must be positive", where)
			}
		}
	}
	return errs
}

func (p *Playbook) validVariant(key string) bool {
	switch p.VariantBy {
	case ByVendor:
		return slices.Contains(monitor.Vendors, monitor.Vendor(key)) && key != string(monitor.VendorUnknown)
	case ByBrowser:
		return slices.Contains(Browsers, key)
	}
	return false
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// Playbook returns the playbook with the given id.
func (l *Library) Playbook(id string) (*Playbook, bool) {
	p, ok := l.playbooks[id]
	return p, ok
}

// Playbooks returns every playbook in the order of PlaybookIDs, then any
// others by id.
func (l *Library) Playbooks() []*Playbook {
	var out []*Playbook
	known := PlaybookIDs()
	for _, id := range known {
		if p, ok := l.playbooks[id]; ok {
			out = append(out, p)
		}
	}
	var extra []string
	for id := range l.playbooks {
		if !slices.Contains(known, id) {
			extra = append(extra, id)
		}
	}
	slices.Sort(extra)
	for _, id := range extra {
		out = append(out, l.playbooks[id])
	}
	return out
}
