package app

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"github.com/kizuki-app/kizuki/locales"
	"github.com/kizuki-app/kizuki/monitor"
	"github.com/kizuki-app/kizuki/monitor/store"
)

// onboarding is the first-run wizard: the company's name, what gear it
// has, connecting the UTM through the same flow as 設定 (or skipping),
// then the main window. What was answered is stored in the database.
type onboarding struct {
	u      *UI
	finish func(store.Settings)

	step    int
	company *widget.Entry
	gear    *widget.RadioGroup
	page    *fyne.Container
	scroll  *container.Scroll
	title   *widget.Label
	back    *widget.Button
	next    *widget.Button
	skip    *widget.Button
	// diagnose finishes with IPA's self-diagnosis open: the first
	// checklist, offered on the last step when the guidance core is there.
	diagnose     *widget.Button
	thenDiagnose bool
	connect      *addSource
	content      fyne.CanvasObject
}

// onboardingSteps is how many steps the wizard has.
const onboardingSteps = 4

func newOnboarding(u *UI, finish func(store.Settings)) *onboarding {
	l := u.loc
	o := &onboarding{u: u, finish: finish, page: container.NewStack()}
	o.company = widget.NewEntry()
	o.company.SetPlaceHolder(l.T(locales.OnboardCompanyHint, nil))
	o.company.SetText(u.prefs.CompanyName)
	options := make([]string, 0, len(gearVendors)+1)
	for _, v := range gearVendors {
		options = append(options, l.VendorName(string(v)))
	}
	options = append(options, l.T(locales.OnboardGearNone, nil))
	o.gear = widget.NewRadioGroup(options, nil)
	o.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	o.back = widget.NewButton(l.T(locales.ButtonBack, nil), func() { o.goTo(o.step - 1) })
	o.next = widget.NewButton(l.T(locales.ButtonNext, nil), func() { o.goTo(o.step + 1) })
	o.next.Importance = widget.HighImportance
	o.skip = widget.NewButton(l.T(locales.OnboardSkip, nil), func() { o.goTo(onboardingSteps - 1) })
	o.diagnose = widget.NewButton(l.T(locales.OnboardDiagnose, nil), func() {
		o.thenDiagnose = true
		o.done()
	})
	o.diagnose.Importance = widget.HighImportance
	o.diagnose.Hide()
	buttons := container.NewHBox(o.back, o.skip, o.next, o.diagnose)
	o.scroll = container.NewVScroll(container.NewPadded(o.page))
	o.content = container.NewBorder(o.title, container.NewPadded(buttons), nil, nil, o.scroll)
	o.goTo(0)
	return o
}

// gearVendor is the vendor chosen, "" for none or not known.
func (o *onboarding) gearVendor() monitor.Vendor {
	for i, v := range gearVendors {
		if o.gear.Selected == o.u.loc.VendorName(string(v)) {
			return gearVendors[i]
		}
	}
	return ""
}

// go_ shows step i; past the last it stores the answers and finishes.
func (o *onboarding) goTo(i int) {
	l := o.u.loc
	if i >= onboardingSteps {
		o.done()
		return
	}
	if o.connect != nil && i != 2 {
		o.connect.stop()
	}
	o.step = max(i, 0)
	o.title.SetText(l.T(locales.OnboardStep, locales.Args{"N": o.step + 1, "Of": onboardingSteps}))
	var body []fyne.CanvasObject
	switch o.step {
	case 0:
		body = []fyne.CanvasObject{
			wrappedLabel(l, l.T(locales.OnboardWelcome, nil), fyne.TextStyle{}),
			widget.NewForm(widget.NewFormItem(l.T(locales.OnboardCompany, nil), o.company)),
		}
	case 1:
		body = []fyne.CanvasObject{wrappedLabel(l, l.T(locales.OnboardGear, nil), fyne.TextStyle{}), o.gear}
	case 2:
		if o.gearVendor() == "" {
			body = []fyne.CanvasObject{wrappedLabel(l, l.T(locales.OnboardNoGear, nil), fyne.TextStyle{})}
			break
		}
		if o.connect == nil || o.connect.vendor.Selected != l.VendorName(string(o.gearVendor())) {
			o.connect = newAddSource(o.u, o.gearVendor(), nil, nil)
			o.connect.relayout = o.scroll.Refresh
		}
		body = []fyne.CanvasObject{wrappedLabel(l, l.T(locales.OnboardConnect, nil), fyne.TextStyle{}), o.connect.content}
	case 3:
		body = []fyne.CanvasObject{wrappedLabel(l, l.T(locales.OnboardDone, nil), fyne.TextStyle{})}
		if o.u.lists != nil {
			body = append(body, wrappedLabel(l, l.T(locales.OnboardDiagnoseOffer, nil), fyne.TextStyle{}))
		}
	}
	o.page.Objects = []fyne.CanvasObject{container.NewVBox(body...)}
	o.page.Refresh()
	o.scroll.Refresh()
	if o.step == 0 {
		o.back.Disable()
	} else {
		o.back.Enable()
	}
	if o.step == 2 {
		o.skip.Show()
	} else {
		o.skip.Hide()
	}
	o.next.SetText(l.T(locales.ButtonNext, nil))
	o.next.Importance = widget.HighImportance
	o.diagnose.Hide()
	if o.step == onboardingSteps-1 {
		o.next.SetText(l.T(locales.OnboardStart, nil))
		if o.u.lists != nil {
			// The checklist is the recommended way on; starting without it
			// stays one click away.
			o.next.Importance = widget.MediumImportance
			o.diagnose.Show()
		}
	}
	o.next.Refresh()
}

// done stores the answers and leaves the wizard.
func (o *onboarding) done() {
	s := o.u.prefs
	s.CompanyName = strings.TrimSpace(o.company.Text)
	s.Gear = o.gearVendor()
	s.Onboarded = true
	o.next.Disable()
	load(o.u, func(ctx context.Context) (struct{}, error) {
		return struct{}{}, o.u.cfg.Store.SaveSettings(ctx, s)
	}, func(_ struct{}, err error) {
		o.next.Enable()
		if err != nil {
			o.page.Objects = []fyne.CanvasObject{wrappedLabel(o.u.loc, o.u.loc.T(locales.SettingsSaveError, locales.Args{"Err": err}), fyne.TextStyle{})}
			o.page.Refresh()
			return
		}
		o.finish(s)
	})
}
