package endpoint

import (
	"net/netip"
	"slices"
	"strings"
	"time"

	"golang.org/x/net/publicsuffix"
)

// Why a site allowed to send notifications looks suspicious. The UI
// explains each; beaconing is the one that makes a finding.
const (
	flagBeaconing = "beaconing"    // the office UTM saw this PC call it at regular intervals
	flagPunycode  = "punycode"     // an internationalized name (xn--), a classic disguise
	flagLookalike = "lookalike"    // a well-known brand's name on someone else's domain
	flagSpam      = "spam_pattern" // words notification-spam networks use in their names
	flagRiskyTLD  = "risky_tld"    // a top-level domain mostly used for throwaway sites
	flagNew       = "new"          // allowed within the last two weeks
	flagAddress   = "ip_address"   // a bare public IP address instead of a name
)

// newGrantWindow is how recent a permission must be to count as new.
const newGrantWindow = 14 * 24 * time.Hour

// brands maps a brand's name, as it shows up in a lookalike domain, to
// the registrable domains that really belong to it. Chosen for Japanese
// offices: banks, carriers, delivery, shops, and the software whose fake
// warnings notification spam imitates.
var brands = map[string][]string{
	"google":    {"google.com", "google.co.jp", "googleusercontent.com", "googleapis.com", "youtube.com"},
	"microsoft": {"microsoft.com", "live.com", "office.com", "microsoftonline.com", "windows.com"},
	"windows":   {"microsoft.com", "windows.com"},
	"outlook":   {"outlook.com", "live.com", "office.com"},
	"apple":     {"apple.com", "icloud.com"},
	"icloud":    {"icloud.com", "apple.com"},
	"amazon":    {"amazon.co.jp", "amazon.com", "amazonaws.com"},
	"rakuten":   {"rakuten.co.jp", "rakuten.com", "rakuten-bank.co.jp", "rakuten-card.co.jp"},
	"yahoo":     {"yahoo.co.jp", "yahoo.com"},
	"paypay":    {"paypay.ne.jp", "paypay-bank.co.jp"},
	"paypal":    {"paypal.com"},
	"docomo":    {"docomo.ne.jp", "nttdocomo.co.jp"},
	"softbank":  {"softbank.jp", "softbank.co.jp"},
	"mufg":      {"mufg.jp"},
	"smbc":      {"smbc.co.jp", "smbc-card.com"},
	"mizuho":    {"mizuhobank.co.jp", "mizuho-fg.co.jp"},
	"japanpost": {"japanpost.jp"},
	"sagawa":    {"sagawa-exp.co.jp"},
	"yamato":    {"kuronekoyamato.co.jp", "yamato-hd.co.jp"},
	"mercari":   {"mercari.com"},
	"aeon":      {"aeon.co.jp", "aeon.com"},
	"facebook":  {"facebook.com"},
	"instagram": {"instagram.com"},
	"netflix":   {"netflix.com"},
	"norton":    {"norton.com"},
	"mcafee":    {"mcafee.com"},
}

// spamWords appear in the domain names of notification-spam networks
// ("click Allow to prove you are not a robot", fake virus alerts, prizes).
var spamWords = []string{
	"push", "notif", "captcha", "robot", "allow", "verif", "prize", "winner", "giveaway",
	"virus", "alert", "cleaner", "bonus", "lucky", "reward",
}

// riskyTLDs are top-level domains where most new names are throwaway.
var riskyTLDs = []string{
	"top", "xyz", "icu", "buzz", "click", "online", "site", "live", "monster", "cfd", "sbs",
	"rest", "quest", "bond", "cyou", "space", "fun", "work",
}

// deLeet undoes the character swaps lookalike domains use.
var deLeet = strings.NewReplacer("0", "o", "1", "l", "3", "e", "4", "a", "5", "s", "7", "t", "rn", "m", "vv", "w")

// siteHost returns the host name of an origin or Chromium pattern
// ("https://[*.]example.com:443" → "example.com").
func siteHost(origin string) string {
	h := origin
	if _, rest, ok := strings.Cut(h, "://"); ok {
		h = rest
	}
	h = strings.TrimPrefix(h, "[*.]")
	if i := strings.IndexAny(h, "/?#"); i >= 0 {
		h = h[:i]
	}
	if strings.HasPrefix(h, "[") { // [::1]:8080
		if i := strings.Index(h, "]"); i >= 0 {
			return h[1:i]
		}
	}
	if i := strings.LastIndex(h, ":"); i >= 0 {
		h = h[:i]
	}
	return strings.ToLower(strings.TrimSuffix(h, "."))
}

// registrable returns the part of host a registrant owns (example.co.jp
// for a.b.example.co.jp), or host itself for addresses and single labels.
func registrable(host string) string {
	if d, err := publicsuffix.EffectiveTLDPlusOne(host); err == nil {
		return d
	}
	return host
}

// flagSite says why origin looks suspicious. beacons are destinations of
// beaconing findings; granted is when the permission was given (zero when
// unknown).
func flagSite(origin string, granted, now time.Time, beacons []string) []string {
	host := siteHost(origin)
	if host == "" {
		return nil
	}
	var flags []string
	reg := registrable(host)
	for _, b := range beacons {
		b = siteHost(b)
		if b != "" && (b == host || strings.HasSuffix(host, "."+b) || strings.HasSuffix(b, "."+host) || registrable(b) == reg) {
			flags = append(flags, flagBeaconing)
			break
		}
	}
	if addr, err := netip.ParseAddr(host); err == nil {
		if !addr.IsLoopback() && !addr.IsPrivate() && !addr.IsLinkLocalUnicast() {
			flags = append(flags, flagAddress)
		}
	} else if host != "localhost" {
		flags = append(flags, nameFlags(host, reg)...)
	}
	if !granted.IsZero() && now.Sub(granted) < newGrantWindow {
		flags = append(flags, flagNew)
	}
	return flags
}

// nameFlags judges a host name: punycode, lookalike, spam words, TLD.
func nameFlags(host, reg string) []string {
	var flags []string
	if strings.HasPrefix(host, "xn--") || strings.Contains(host, ".xn--") {
		flags = append(flags, flagPunycode)
	}
	plain := deLeet.Replace(host)
	for brand, owned := range brands {
		if strings.Contains(plain, brand) && !slices.Contains(owned, reg) {
			flags = append(flags, flagLookalike)
			break
		}
	}
	// Words are looked for in what the site's owner chose: the registrable
	// name and its subdomains, without the public suffix.
	suffix, _ := publicsuffix.PublicSuffix(host)
	name := strings.TrimSuffix(host, "."+suffix)
	for _, w := range spamWords {
		if strings.Contains(name, w) {
			flags = append(flags, flagSpam)
			break
		}
	}
	if slices.Contains(riskyTLDs, suffix) {
		flags = append(flags, flagRiskyTLD)
	}
	return flags
}
