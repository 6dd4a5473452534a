package field

import (
	"strings"
	"testing"
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
