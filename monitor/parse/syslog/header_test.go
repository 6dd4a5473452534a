package syslog

import (
	"testing"
	"time"
	_ "time/tzdata"
)

var (
	tokyo, _ = time.LoadLocation("Asia/Tokyo")
	now      = time.Date(2026, 1, 3, 12, 0, 0, 0, tokyo)
)

func TestSplit(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		line string
		want Header
		msg  string
	}{
		{
			name: "FortiGate bare key=value",
			line: `date=2026-11-23 time=09:41:07 devname="FGT60F" logid="0101039426"`,
			want: Header{Priority: -1},
			msg:  `date=2026-11-23 time=09:41:07 devname="FGT60F" logid="0101039426"`,
		},
		{
			name: "Yamaha RTX: priority only, space after it",
			line: `<13> [INSPECT] LAN2[out][101100] TCP 192.168.20.3:54874 > 172.217.25.193:443 (2020/01/23 14:12:42)`,
			want: Header{Priority: 13},
			msg:  `[INSPECT] LAN2[out][101100] TCP 192.168.20.3:54874 > 172.217.25.193:443 (2020/01/23 14:12:42)`,
		},
		{
			name: "RFC 3164 with host and tag[pid]",
			line: `<38>Jan  2 23:59:01 gw sshd[4120]: Failed password for root from 203.0.113.9 port 22 ssh2`,
			want: Header{Priority: 38, Time: time.Date(2026, 1, 2, 23, 59, 1, 0, tokyo), Host: "gw", App: "sshd", ProcID: "4120", Format: FormatRFC3164},
			msg:  `Failed password for root from 203.0.113.9 port 22 ssh2`,
		},
		{
			name: "RFC 3164 December line read in January is last year's",
			line: `Dec 31 23:00:00 gw kernel: [123.4] IN=eth0 OUT=`,
			want: Header{Priority: -1, Time: time.Date(2025, 12, 31, 23, 0, 0, 0, tokyo), Host: "gw", App: "kernel", Format: FormatRFC3164},
			msg:  `[123.4] IN=eth0 OUT=`,
		},
		{
			name: "RFC 3164 without host",
			line: `<134>Jan  3 10:00:00 filterlog: 5,,,1000000103,igb1,match,block,in,4`,
			want: Header{Priority: 134, Time: time.Date(2026, 1, 3, 10, 0, 0, 0, tokyo), App: "filterlog", Format: FormatRFC3164},
			msg:  `5,,,1000000103,igb1,match,block,in,4`,
		},
		{
			name: "RFC 3164 with year and fraction",
			line: `Jan  3 10:00:00.250 2026 fw01 %ASA-4-106023: Deny tcp`,
			want: Header{Priority: -1, Time: time.Date(2026, 1, 3, 10, 0, 0, 250e6, tokyo), HasYear: true, Host: "fw01", Format: FormatRFC3164},
			msg:  `%ASA-4-106023: Deny tcp`,
		},
		{
			name: "RFC 3339 timestamp in a BSD-style header",
			line: `<190>2026-01-03T10:00:00+09:00 router firewall,info input: in:ether1`,
			want: Header{Priority: 190, Time: time.Date(2026, 1, 3, 10, 0, 0, 0, tokyo), HasYear: true, HasZone: true, Host: "router", Format: FormatRFC3164},
			msg:  `firewall,info input: in:ether1`,
		},
		{
			name: "RFC 5424 with nil structured data",
			line: `<134>1 2025-11-06T11:32:42.868451+00:00 firewall.lan filterlog 92653 - - 7,,,1000000102,vtnet0.5,match,block,in,4`,
			want: Header{Priority: 134, Time: time.Date(2025, 11, 6, 11, 32, 42, 868451000, time.UTC), HasYear: true, HasZone: true,
				Host: "firewall.lan", App: "filterlog", ProcID: "92653", Format: FormatRFC5424},
			msg: `7,,,1000000102,vtnet0.5,match,block,in,4`,
		},
		{
			name: "RFC 5424 with structured data containing ] and quotes",
			line: `<165>1 2026-01-03T01:00:00Z host app - ID47 [ex@32473 iut="3" note="a \"]\" b"][x@1 y="z"] BOMless message`,
			want: Header{Priority: 165, Time: time.Date(2026, 1, 3, 1, 0, 0, 0, time.UTC), HasYear: true, HasZone: true,
				Host: "host", App: "app", MsgID: "ID47", Format: FormatRFC5424},
			msg: `BOMless message`,
		},
		{
			name: "not a priority: out of range",
			line: `<999>hello`,
			want: Header{Priority: -1},
			msg:  `<999>hello`,
		},
		{
			name: "garbage stays message",
			line: `Jxn 99 99:99:99 nonsense`,
			want: Header{Priority: -1},
			msg:  `Jxn 99 99:99:99 nonsense`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h, msg := Split(tt.line, tokyo, now)
			if msg != tt.msg {
				t.Errorf("msg = %q, want %q", msg, tt.msg)
			}
			if !h.Time.Equal(tt.want.Time) {
				t.Errorf("time = %v, want %v", h.Time, tt.want.Time)
			}
			h.Time, tt.want.Time = time.Time{}, time.Time{}
			if h != tt.want {
				t.Errorf("header = %+v, want %+v", h, tt.want)
			}
		})
	}
}

func FuzzSplit(f *testing.F) {
	for _, s := range []string{
		`<13> [INSPECT] LAN2[out][101100] TCP 192.168.20.3:54874 > 172.217.25.193:443`,
		`<38>Jan  2 23:59:01 gw sshd[4120]: Failed password`,
		`<134>1 2025-11-06T11:32:42.868451+00:00 firewall.lan filterlog 92653 - - 7,,,`,
		`<165>1 2026-01-03T01:00:00Z host app - ID47 [ex@32473 iut="3"] m`,
		`date=2026-11-23 time=09:41:07`, `<`, `<1`, `Jan  1 00:00:00`, "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, line string) {
		h, msg := Split(line, tokyo, now)
		if len(msg) > len(line) {
			t.Fatalf("message longer than the line: %q from %q", msg, line)
		}
		if h.Priority < -1 || h.Priority > 191 {
			t.Fatalf("priority %d out of range", h.Priority)
		}
	})
}

func BenchmarkSplit(b *testing.B) {
	lines := []string{
		`date=2026-11-23 time=09:41:07 devname="FGT60F" logid="0101039426" type="event"`,
		`<38>Jan  2 23:59:01 gw sshd[4120]: Failed password for root from 203.0.113.9 port 22 ssh2`,
		`<134>1 2025-11-06T11:32:42.868451+00:00 firewall.lan filterlog 92653 - - 7,,,1000000102`,
	}
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		Split(lines[i%len(lines)], tokyo, now)
	}
}
