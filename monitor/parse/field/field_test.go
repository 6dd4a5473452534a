package field

import (
	"net/netip"
	"strings"
	"testing"
	"time"
)

func TestKV(t *testing.T) {
	t.Parallel()
	tests := []struct {
		in   string
		want string // k=v pairs joined by |
	}{
		{`a=1 b="two words" c=`, `a=1|b=two words|c=`},
		{`  lead=1   trail=2  `, `lead=1|trail=2`},
		{`word a=1 other`, `a=1`},
		{`msg="say \"hi\"" x=y`, `msg=say \"hi\"|x=y`},
		{`open="never closed`, `open=never closed`},
		{`=novalue k=v`, `k=v`},
		{``, ``},
	}
	for _, tt := range tests {
		var got []string
		KV(tt.in, func(k, v string) bool {
			got = append(got, k+"="+v)
			return true
		})
		if g := strings.Join(got, "|"); g != tt.want {
			t.Errorf("KV(%q) = %q, want %q", tt.in, g, tt.want)
		}
	}
	n := 0
	KV(`a=1 b=2 c=3`, func(string, string) bool { n++; return n < 2 })
	if n != 2 {
		t.Errorf("KV did not stop when told: %d calls", n)
	}
}

func TestIPAndPort(t *testing.T) {
	t.Parallel()
	ips := map[string]string{"192.0.2.1": "192.0.2.1", " 10.0.0.1 ": "10.0.0.1", "::ffff:10.1.2.3": "10.1.2.3",
		"2001:DB8::1": "2001:db8::1", "xx.xx.xx.xx": "", "": "", "300.1.1.1": ""}
	for in, want := range ips {
		if got := IP(in); got != want {
			t.Errorf("IP(%q) = %q, want %q", in, got, want)
		}
	}
	ports := map[string]int{"443": 443, "65535": 65535, "65536": 0, "0": 0, "-1": 0, "": 0, "80a": 0, "123456": 0}
	for in, want := range ports {
		if got := Port(in); got != want {
			t.Errorf("Port(%q) = %d, want %d", in, got, want)
		}
	}
}

func FuzzKV(f *testing.F) {
	f.Add(`a=1 b="two words" c=`)
	f.Add(`msg="say \"hi\"" x=y`)
	f.Fuzz(func(t *testing.T, s string) {
		KV(s, func(k, v string) bool {
			if strings.ContainsAny(k, " =") {
				t.Fatalf("key %q contains a space or '='", k)
			}
			return true
		})
	})
}

func BenchmarkKV(b *testing.B) {
	line := `date=2026-11-23 time=09:41:12 devname="FGT60F" logid="0211008192" type="utm" subtype="virus" srcip=192.168.1.23 srcport=50412 dstip=198.51.100.80 dstport=443 action="blocked" msg="File is infected."`
	b.SetBytes(int64(len(line)))
	b.ReportAllocs()
	for b.Loop() {
		KV(line, func(string, string) bool { return true })
	}
}

func TestDigits(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"0": 0, "07": 7, "2024": 2024, "": -1, "1a": -1, "-1": -1, " 1": -1} {
		n, ok := Digits(in)
		if want < 0 && (ok || n != 0) || want >= 0 && (!ok || n != want) {
			t.Errorf("Digits(%q) = %d, %v; want %d", in, n, ok, want)
		}
		if IsDigits(in) != (want >= 0) {
			t.Errorf("IsDigits(%q) = %v", in, !(want >= 0))
		}
	}
}

// textInputs are the words the text helpers are checked on, beside the
// fuzzer's.
var textInputs = []string{"", "TCP", "tcp", "Tcp", "UDP", "ICMP", "ICMPv6", "ICMPV6", "ICMP6", "icmp6", "IPv6-ICMP",
	"GRE", "ESP", "AH", "SCTP", "UDPLITE", "47", "É", "tÉ", "TÉ", "\xff", "T\xff", "192.0.2.1", "::", "::1", "1.2",
	"fe80::1%eth0", "2001:DB8::1", "1", "a:b", "::ffff:10.1.2.3", "10.0.0.01", "300.1.1.1", ":"}

func checkText(t *testing.T, s string) {
	if got, want := Proto(s), strings.ToLower(s); got != want {
		t.Errorf("Proto(%q) = %q, strings.ToLower says %q", s, got, want)
	}
	want := s
	if strings.ContainsFunc(s, func(r rune) bool { return r >= 'A' && r <= 'Z' }) {
		want = strings.ToLower(s)
	}
	if got := Lower(s); got != want {
		t.Errorf("Lower(%q) = %q, want %q", s, got, want)
	}
	_, err := netip.ParseAddr(s)
	if got := IsAddr(s); got != (err == nil) {
		t.Errorf("IsAddr(%q) = %v, netip says %v", s, got, err)
	}
}

func TestText(t *testing.T) { // not parallel: AllocsPerRun
	for _, s := range textInputs {
		checkText(t, s)
	}
	var a, b, c string
	if n := testing.AllocsPerRun(10, func() { a, b, c = Proto("TCP"), Lower("ICMPv6"), Lower("udp") }); n != 0 || a+b+c != "tcpicmpv6udp" {
		t.Errorf("Proto and Lower allocate for common names: %v allocations", n)
	}
}

func FuzzText(f *testing.F) {
	for _, s := range textInputs {
		f.Add(s)
	}
	f.Fuzz(checkText)
}

func TestDateTime(t *testing.T) {
	t.Parallel()
	tokyo := time.FixedZone("JST", 9*60*60)
	tests := []struct {
		date, clock string
		sep         byte
		want        string // RFC 3339, "" for false
	}{
		{"2019-05-10", "11:37:47", '-', "2019-05-10T11:37:47+09:00"},
		{"2021/07/20", "23:59:02", '/', "2021-07-20T23:59:02+09:00"},
		{"2024:01:02", "10:11:12", ':', "2024-01-02T10:11:12+09:00"},
		{"2016-12-31", "23:59:60", '-', "2017-01-01T00:00:00+09:00"},
		{"2019/05/10", "11:37:47", '-', ""},
		{"2019-05-10", "11-37-47", '-', ""},
		{"2019-13-10", "11:37:47", '-', ""},
		{"2019-00-10", "11:37:47", '-', ""},
		{"2019-05-00", "11:37:47", '-', ""},
		{"2019-05-32", "11:37:47", '-', ""},
		{"2019-05-10", "24:00:00", '-', ""},
		{"2019-05-10", "11:60:00", '-', ""},
		{"2019-05-10", "11:37:61", '-', ""},
		{"2019-05-1x", "11:37:47", '-', ""},
		{"2019-05-10", "11:37:4", '-', ""},
		{"19-05-10", "11:37:47", '-', ""},
	}
	for _, tt := range tests {
		got, ok := DateTime(tt.date, tt.clock, tt.sep, tokyo)
		if s := got.Format(time.RFC3339); ok != (tt.want != "") || ok && s != tt.want {
			t.Errorf("DateTime(%q, %q, %q) = %s, %v; want %q", tt.date, tt.clock, tt.sep, s, ok, tt.want)
		}
	}
}

func TestOffset(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]int{"+0900": 9 * 3600, "-0800": -8 * 3600, "+09:00": 9 * 3600, "+0530": 19800,
		"-03:30": -12600, "+1400": 14 * 3600, "+1500": -1, "+0960": -1, "0900": -1, "+09:0": -1, "+09-00": -1,
		"*0900": -1, "+0a00": -1, "": -1, "Z": -1} {
		got, ok := Offset(in)
		if ok != (want != -1) || ok && got != want {
			t.Errorf("Offset(%q) = %d, %v; want %d", in, got, ok, want)
		}
	}
}

func TestProtoNumber(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{"1": "icmp", "2": "igmp", "6": "tcp", "17": "udp", "47": "gre", "50": "esp",
		"51": "ah", "58": "icmpv6", "132": "", "0": "", "": "", "tcp": "", "06": ""} {
		if got := ProtoNumber(in); got != want {
			t.Errorf("ProtoNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestWord(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, word, rest string }{
		{"Built inbound TCP", "Built", "inbound TCP"},
		{"  lead  two", "lead", " two"},
		{"one", "one", ""},
		{"", "", ""},
	} {
		if w, rest := Word(tt.in); w != tt.word || rest != tt.rest {
			t.Errorf("Word(%q) = %q, %q; want %q, %q", tt.in, w, rest, tt.word, tt.rest)
		}
	}
	for _, tt := range []struct{ s, key, want string }{
		{"user = bob, from 192.0.2.1.", "from ", "192.0.2.1"},
		{"Local:2001:db8:: Remote:x", "Local:", "2001:db8::"},
		{"a list: x; y", "list: ", "x"},
		{"no key here", "from ", ""},
	} {
		if got := WordAfter(tt.s, tt.key); got != tt.want {
			t.Errorf("WordAfter(%q, %q) = %q, want %q", tt.s, tt.key, got, tt.want)
		}
	}
}

func TestKVRunOn(t *testing.T) {
	t.Parallel()
	collect := func(kv func(string, func(string, string) bool), s string) string {
		var out []string
		kv(s, func(k, v string) bool { out = append(out, k+"="+v); return true })
		return strings.Join(out, "|")
	}
	tests := []struct{ in, kv, runOn string }{
		{`threatname=C2 /Generic-A severity=high`, `threatname=C2|severity=high`, `threatname=C2 /Generic-A|severity=high`},
		{`branch_name=Gaurav Patel x="a b" y=1`, `branch_name=Gaurav|x=a b|y=1`, `branch_name=Gaurav Patel|x=a b|y=1`},
		{`a= b=2 word`, `a=|b=2`, `a=|b=2 word`},
	}
	for _, tt := range tests {
		if got := collect(KV, tt.in); got != tt.kv {
			t.Errorf("KV(%q) = %q, want %q", tt.in, got, tt.kv)
		}
		if got := collect(KVRunOn, tt.in); got != tt.runOn {
			t.Errorf("KVRunOn(%q) = %q, want %q", tt.in, got, tt.runOn)
		}
	}
}
