package app

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// retentionChoices are the data retention periods offered, in days.
var retentionChoices = []int{30, 90, 180, 365, 730}

// capChoices are the database size caps offered, in MiB.
var capChoices = []int{1024, 2048, 4096, 8192, 16384}

// languageChoices are the language settings offered: the system's, then
// each language.
var languageChoices = []string{"", string(locales.Japanese), string(locales.English)}

// SettingsView is the 設定 screen: log sources (and adding a UTM),
// notifications, language, start at login, data retention and the
// database's size cap (with what it uses now). Changes are saved as they
// are made.
type SettingsView struct {
	u       *UI
	page    *fyne.Container // the settings, or the add-a-UTM flow
	form    *container.Scroll
	sources *fyne.Container

	quietOn             *widget.Check
	quietFrom, quietTo  *widget.Select
	language, retention *widget.Select
	dbCap               *widget.Select
	usage               *widget.Label // what the database uses, and the disk's free space
	autostart           *widget.Check
	note                *widget.Label
	mss                 *mssSection // nil without an MSS connection

	days    []int // the retention choices, with a stored odd value added
	caps    []int // the size cap choices in MiB, likewise
	prefs   store.Settings
	showing bool // set while show fills the widgets: no saving then
	content fyne.CanvasObject
}

func newSettingsView(u *UI) *SettingsView {
	l := u.loc
	v := &SettingsView{u: u, sources: container.NewVBox(), prefs: store.DefaultSettings()}
	hours := make([]string, 24)
	for h := range hours {
		hours[h] = fmt.Sprintf("%02d:00", h)
	}
	var quietRow fyne.CanvasObject
	v.quietOn, quietRow = wrappedCheck(l, l.T(locales.SettingsQuietOn, nil), func(bool) { v.save() })
	v.quietFrom = widget.NewSelect(hours, func(string) { v.save() })
	v.quietTo = widget.NewSelect(hours, func(string) { v.save() })
	langs := []string{l.T(locales.SettingsLangSystem, nil), "日本語", "English"}
	v.language = widget.NewSelect(langs, func(string) { v.save() })
	v.days = slices.Clone(retentionChoices)
	days := make([]string, len(v.days))
	for i, d := range v.days {
		days[i] = l.T(locales.SettingsRetentionDays, locales.Args{"N": d})
	}
	v.retention = widget.NewSelect(days, func(string) { v.save() })
	v.caps = slices.Clone(capChoices)
	caps := make([]string, len(v.caps))
	for i, mb := range v.caps {
		caps[i] = capLabel(l, mb)
	}
	v.dbCap = widget.NewSelect(caps, func(string) { v.save() })
	v.usage = widget.NewLabel("")
	v.usage.Wrapping = fyne.TextWrapWord
	v.note = widget.NewLabel("")
	v.note.Importance = widget.LowImportance

	add := widget.NewButton(l.T(locales.SettingsAddSource, nil), v.openAddSource)
	add.Importance = widget.HighImportance
	bold := fyne.TextStyle{Bold: true}
	sections := []fyne.CanvasObject{
		widget.NewLabelWithStyle(l.T(locales.SettingsSources, nil), fyne.TextAlignLeading, bold),
		v.sources,
		container.NewHBox(add),
		widget.NewSeparator(),
	}
	if u.cfg.MSS != nil {
		v.mss = newMSSSection(u)
		sections = append(sections,
			widget.NewLabelWithStyle(l.T(locales.SettingsMSS, nil), fyne.TextAlignLeading, bold),
			v.mss.box,
			widget.NewSeparator())
	}
	sections = append(sections, []fyne.CanvasObject{
		widget.NewLabelWithStyle(l.T(locales.SettingsNotifications, nil), fyne.TextAlignLeading, bold),
		quietRow,
		container.NewHBox(v.quietFrom, widget.NewLabel(l.T(locales.SettingsQuietTo, nil)), v.quietTo),
		widget.NewSeparator(),
		widget.NewForm(
			widget.NewFormItem(l.T(locales.SettingsLanguage, nil), v.language),
			widget.NewFormItem(l.T(locales.SettingsRetention, nil), v.retention),
			widget.NewFormItem(l.T(locales.SettingsDBCap, nil), v.dbCap),
		),
		wrappedLabel(l, l.T(locales.SettingsLanguageNote, nil), fyne.TextStyle{}),
		wrappedLabel(l, l.T(locales.SettingsRetentionNote, nil), fyne.TextStyle{}),
		wrappedLabel(l, l.T(locales.SettingsDBCapNote, nil), fyne.TextStyle{}),
		v.usage,
	}...)
	if u.cfg.Autostart != nil {
		var row fyne.CanvasObject
		v.autostart, row = wrappedCheck(l, l.T(locales.SettingsAutostart, nil), v.setAutostart)
		sections = append(sections, row)
	}
	sections = append(sections, v.note)
	v.form = container.NewVScroll(container.NewPadded(container.NewVBox(sections...)))
	if v.mss != nil {
		v.mss.relayout = v.form.Refresh
	}
	v.page = container.NewStack(v.form)
	v.content = v.page
	return v
}

// show puts the stored settings in the widgets.
func (v *SettingsView) show(s store.Settings) {
	v.showing = true
	defer func() { v.showing = false }()
	v.prefs = s
	v.quietOn.SetChecked(s.Quiet.On)
	v.quietFrom.SetSelectedIndex(s.Quiet.From / 60)
	v.quietTo.SetSelectedIndex(s.Quiet.To / 60)
	for i, lang := range languageChoices {
		if lang == s.Language {
			v.language.SetSelectedIndex(i)
		}
	}
	v.retention.ClearSelected()
	for i, d := range v.days {
		if d == s.RetentionDays {
			v.retention.SetSelectedIndex(i)
		}
	}
	if v.retention.SelectedIndex() < 0 {
		v.retention.Options = append(v.retention.Options, v.u.loc.T(locales.SettingsRetentionDays, locales.Args{"N": s.RetentionDays}))
		v.days = append(v.days, s.RetentionDays)
		v.retention.SetSelectedIndex(len(v.retention.Options) - 1)
	}
	v.dbCap.ClearSelected()
	if i := slices.Index(v.caps, s.MaxDBMB); i >= 0 {
		v.dbCap.SetSelectedIndex(i)
	} else { // set with `kizuki serve --max-db-mb`: offered as it is
		v.dbCap.Options = append(v.dbCap.Options, capLabel(v.u.loc, s.MaxDBMB))
		v.caps = append(v.caps, s.MaxDBMB)
		v.dbCap.SetSelectedIndex(len(v.dbCap.Options) - 1)
	}
}

// capLabel names a size cap of mb MiB: whole gigabytes as such.
func capLabel(l *locales.Localizer, mb int) string {
	if mb%1024 == 0 {
		return l.T(locales.SettingsDBCapGB, locales.Args{"N": mb / 1024})
	}
	return l.T(locales.SettingsDBCapMB, locales.Args{"N": mb})
}

// showUsage tells what the database takes of its cap and what the disk
// has left.
func (v *SettingsView) showUsage() {
	load(v.u, v.u.cfg.Store.StorageHealth, func(h *monitor.StorageHealth, err error) {
		l := v.u.loc
		switch {
		case err != nil:
			v.usage.SetText(l.T(locales.SettingsUsageError, locales.Args{"Err": err}))
		case h.LimitBytes <= 0:
			v.usage.SetText("")
		default:
			// Whole megabytes, rounded up: a fresh database reads 1 MB, not 0.
			args := locales.Args{"Used": (h.DBBytes + 1<<20 - 1) >> 20, "Percent": 100 * h.DBBytes / h.LimitBytes}
			msg := locales.SettingsUsage
			if h.FreeBytes >= 0 {
				args["Free"], msg = h.FreeBytes>>20, locales.SettingsUsageFree
			}
			v.usage.SetText(l.T(msg, args))
		}
		v.form.Refresh()
	})
}

// reload re-reads the settings (`kizuki serve --max-db-mb` may have
// changed them), the sources, the database's use and, where wired, the
// autostart state.
func (v *SettingsView) reload() {
	load(v.u, v.u.cfg.Store.Settings, func(s store.Settings, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.SettingsLoadError, locales.Args{"Err": err}))
			return
		}
		v.u.prefs = s
		v.show(s)
	})
	load(v.u, v.u.cfg.Store.Sources, func(srcs []monitor.Source, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.SettingsLoadError, locales.Args{"Err": err}))
			return
		}
		v.showSources(srcs)
	})
	v.showUsage()
	if v.mss != nil {
		v.mss.reload()
	}
	if v.autostart != nil {
		load(v.u, func(context.Context) (bool, error) { return v.u.cfg.Autostart.Enabled() }, func(on bool, err error) {
			if err == nil {
				v.showing = true
				v.autostart.SetChecked(on)
				v.showing = false
			}
		})
	}
}

func (v *SettingsView) showSources(srcs []monitor.Source) {
	l := v.u.loc
	defer v.form.Refresh() // wrapped labels know their height once laid out
	v.sources.RemoveAll()
	if len(srcs) == 0 {
		v.sources.Add(wrappedLabel(l, l.T(locales.SettingsNoSources, nil), fyne.TextStyle{}))
	}
	for _, src := range srcs {
		vendor := l.T(locales.SettingsVendorAuto, nil)
		if src.Vendor != "" {
			vendor = l.VendorName(string(src.Vendor))
		}
		allow := strings.Join(src.AllowedSenders, l.T(locales.ListSeparator, nil))
		if allow == "" {
			allow = l.T(locales.SettingsAnyPrivate, nil)
		}
		text := l.T(locales.SettingsSourceLine, locales.Args{"Name": src.Name, "Vendor": vendor, "Allow": allow, "LastSeen": l.Time(src.LastSeen)})
		remove := widget.NewButton(l.T(locales.SettingsRemoveSource, nil), func() { v.removeSource(src.Name) })
		v.sources.Add(container.NewBorder(nil, nil, nil, remove, wrappedLabel(l, text, fyne.TextStyle{})))
	}
}

func (v *SettingsView) removeSource(name string) {
	load(v.u, func(ctx context.Context) (struct{}, error) {
		if err := v.u.cfg.Store.DeleteSource(ctx, name); err != nil {
			return struct{}{}, err
		}
		if c := v.u.cfg.Collector; c != nil {
			return struct{}{}, c.Reload(ctx)
		}
		return struct{}{}, nil
	}, func(_ struct{}, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.SettingsSaveError, locales.Args{"Err": err}))
		}
		v.reload()
		v.u.refresh()
	})
}

// openAddSource replaces the settings with the add-a-UTM flow.
func (v *SettingsView) openAddSource() {
	back := func() {
		v.page.Objects = []fyne.CanvasObject{v.form}
		v.page.Refresh()
		v.reload()
		v.u.refresh()
	}
	a := newAddSource(v.u, v.prefs.Gear, nil, back)
	scroll := container.NewVScroll(container.NewPadded(a.content))
	a.relayout = scroll.Refresh
	v.page.Objects = []fyne.CanvasObject{scroll}
	v.page.Refresh()
	scroll.Refresh()
}

// save stores the settings as the widgets show them.
func (v *SettingsView) save() {
	if v.showing {
		return
	}
	s := v.prefs
	s.Quiet.On = v.quietOn.Checked
	s.Quiet.From = max(v.quietFrom.SelectedIndex(), 0) * 60
	s.Quiet.To = max(v.quietTo.SelectedIndex(), 0) * 60
	if i := v.language.SelectedIndex(); i >= 0 {
		s.Language = languageChoices[i]
	}
	if i := v.retention.SelectedIndex(); i >= 0 {
		s.RetentionDays = v.days[i]
	}
	if i := v.dbCap.SelectedIndex(); i >= 0 {
		s.MaxDBMB = v.caps[i]
	}
	v.prefs = s
	load(v.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, v.u.cfg.Store.SaveSettings(ctx, s)
	}, func(_ struct{}, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.SettingsSaveError, locales.Args{"Err": err}))
			return
		}
		v.u.prefs = s
		v.note.SetText(v.u.loc.T(locales.SettingsSaved, nil))
		v.showUsage()
	})
}

func (v *SettingsView) setAutostart(on bool) {
	if v.showing {
		return
	}
	load(v.u, func(context.Context) (struct{}, error) {
		if on {
			return struct{}{}, v.u.cfg.Autostart.Enable()
		}
		return struct{}{}, v.u.cfg.Autostart.Disable()
	}, func(_ struct{}, err error) {
		if err != nil {
			v.note.SetText(v.u.loc.T(locales.SettingsSaveError, locales.Args{"Err": err}))
			return
		}
		v.note.SetText(v.u.loc.T(locales.SettingsSaved, nil))
	})
}
