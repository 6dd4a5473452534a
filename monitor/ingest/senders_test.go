package ingest

import (
	"net/netip"
	"testing"
)

func TestSenderPolicy(t *testing.T) {
	t.Parallel()
	mustParse := func(entries ...string) []netip.Prefix {
		p, err := ParseAllowedSenders(entries)
		if err != nil {
			t.Fatal(err)
		}
		return p
	}
	configured := []SourceConfig{
		{Name: "office", AllowedSenders: mustParse("192.168.1.0/24", "fd00::/8")},
		{Name: "utm", AllowedSenders: mustParse("192.168.1.1")},
		{Name: "branch", AllowedSenders: mustParse("::ffff:10.1.0.0/112")},
	}
	tests := []struct {
		name    string
		sources []SourceConfig
		sender  string
		want    string // "" for refused
	}{
		{"default loopback v4", nil, "127.0.0.1", DefaultSourceName},
		{"default loopback v6", nil, "::1", DefaultSourceName},
		{"default RFC 1918 10/8", nil, "10.20.30.40", DefaultSourceName},
		{"default RFC 1918 172.16/12", nil, "172.31.255.1", DefaultSourceName},
		{"default RFC 1918 192.168/16", nil, "192.168.0.10", DefaultSourceName},
		{"default ULA", nil, "fd12:3456::1", DefaultSourceName},
		{"default link-local v4", nil, "169.254.1.1", DefaultSourceName},
		{"default link-local v6", nil, "fe80::1", DefaultSourceName},
		{"default v4-mapped private", nil, "::ffff:192.168.0.10", DefaultSourceName},
		{"default refuses public v4", nil, "203.0.113.5", ""},
		{"default refuses just outside 172.16/12", nil, "172.32.0.1", ""},
		{"default refuses public v6", nil, "2001:db8::1", ""},
		{"configured network", configured, "192.168.1.77", "office"},
		{"most specific wins", configured, "192.168.1.1", "utm"},
		{"configured v6", configured, "fd00::5", "office"},
		{"configured v4-mapped network", configured, "10.1.0.9", "branch"},
		{"configured refuses loopback", configured, "127.0.0.1", ""},
		{"configured refuses other private", configured, "192.168.2.1", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p, _, err := newSenderPolicy(tt.sources)
			if err != nil {
				t.Fatal(err)
			}
			got := ""
			if src := p.match(netip.MustParseAddr(tt.sender)); src != nil {
				got = src.name
			}
			if got != tt.want {
				t.Errorf("sender %s: source %q, want %q", tt.sender, got, tt.want)
			}
		})
	}
}

func TestParseAllowedSenders(t *testing.T) {
	t.Parallel()
	got, err := ParseAllowedSenders([]string{" 192.0.2.1 ", "2001:db8::/32", "fe80::1"})
	if err != nil {
		t.Fatal(err)
	}
	want := []netip.Prefix{
		netip.MustParsePrefix("192.0.2.1/32"),
		netip.MustParsePrefix("2001:db8::/32"),
		netip.MustParsePrefix("fe80::1/128"),
	}
	if len(got) != len(want) {
		t.Fatalf("got %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("entry %d: got %v, want %v", i, got[i], want[i])
		}
	}
	for _, bad := range []string{"utm.local", "192.0.2.0/33", ""} {
		if _, err := ParseAllowedSenders([]string{bad}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}
