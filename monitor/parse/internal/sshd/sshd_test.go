package sshd

import (
	"testing"

	"github.com/kizuki-app/kizuki/monitor"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		m      string
		want   monitor.Event // zero when Parse rejects m
		parsed bool
	}{
		{"Failed password for invalid user admin from 203.0.113.5 port 51234 ssh2",
			monitor.Event{Kind: monitor.KindAuth, Action: monitor.ActionLoginFailure, SrcIP: "203.0.113.5", SrcPort: 51234, User: "admin", Service: "admin-ssh"}, true},
		{"Accepted publickey for root from 2001:db8::5 port 22 ssh2",
			monitor.Event{Kind: monitor.KindAuth, Action: monitor.ActionLoginSuccess, SrcIP: "2001:db8::5", SrcPort: 22, User: "root", Service: "admin-ssh"}, true},
		{"Invalid user oracle from 198.51.100.7 port 4022",
			monitor.Event{Kind: monitor.KindAuth, Action: monitor.ActionLoginFailure, SrcIP: "198.51.100.7", SrcPort: 4022, User: "oracle", Service: "admin-ssh"}, true},
		{"Disconnected from user bob 192.0.2.8 port 60000",
			monitor.Event{Kind: monitor.KindAuth, Action: monitor.ActionLogout, SrcIP: "192.0.2.8", SrcPort: 60000, User: "bob", Service: "admin-ssh"}, true},
		{"Failed password for root from nowhere port 22 ssh2", monitor.Event{}, false},
		{"Connection closed by 192.0.2.8 port 60000", monitor.Event{}, false},
	}
	for _, tt := range tests {
		if Known(tt.m) != (tt.m[0] != 'C') {
			t.Errorf("Known(%q) = %v", tt.m, !(tt.m[0] != 'C'))
		}
		var e monitor.Event
		parsed := Parse(tt.m, &e)
		if parsed != tt.parsed || parsed && e != tt.want {
			t.Errorf("Parse(%q) = %v, %+v; want %v, %+v", tt.m, parsed, e, tt.parsed, tt.want)
		}
	}
}
