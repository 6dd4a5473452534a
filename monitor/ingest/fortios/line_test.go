package fortios

import (
	"encoding/json"
	"testing"
	"time"
)

func TestEntryFrom(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, json, line string
		time             time.Time
	}{{
		name: "event/vpn, header fields put in FortiOS's order",
		json: `{"date":"2026-11-23","time":"09:41:07","eventtime":1795394467000000000,"tz":"+0900","logid":"0101039426",` +
			`"type":"event","subtype":"vpn","level":"alert","vd":"root","logdesc":"SSL VPN login fail","action":"ssl-login-fail",` +
			`"remip":"203.0.113.45","user":"admin","group":"N/A","msg":"SSL user failed to logged in","devname":"FGT60F",` +
			`"devid":"FGT60FTK2109XXXX","_metadata":{"#":1,"timestamp":1795394467,"logid":"0101039426"}}`,
		line: `date=2026-11-23 time=09:41:07 devname="FGT60F" devid="FGT60FTK2109XXXX" eventtime=1795394467000000000 ` +
			`tz="+0900" logid="0101039426" type="event" subtype="vpn" level="alert" vd="root" logdesc="SSL VPN login fail" ` +
			`action="ssl-login-fail" remip=203.0.113.45 user="admin" group="N/A" msg="SSL user failed to logged in"`,
		time: time.Unix(1795394467, 0),
	}, {
		name: "quoting: numbers, booleans and addresses bare, strings quoted and escaped",
		json: `{"date":"2026-11-23","time":"09:41:12","logid":"0000000013","type":"traffic","subtype":"forward",` +
			`"srcip":"192.168.1.23","dstip":"2001:db8::1","srcport":50412,"proto":6,"sentbyte":2311,"mastersrcmac":true,` +
			`"msg":"say \"hi\" \\ ok","multi":"a\nb","empty":"","gone":null,"odd key":"x","obj":{"a":1,"b":[2]}}`,
		line: `date=2026-11-23 time=09:41:12 logid="0000000013" type="traffic" subtype="forward" srcip=192.168.1.23 ` +
			`dstip=2001:db8::1 srcport=50412 proto=6 sentbyte=2311 mastersrcmac=true msg="say \"hi\" \\ ok" multi="a b" ` +
			`empty="" obj="{\"a\":1,\"b\":[2]}"`,
		time: time.Date(2026, 11, 23, 9, 41, 12, 0, time.UTC),
	}, {
		name: "FortiOS 6.0: eventtime in seconds, as a string",
		json: `{"date":"2019-05-10","time":"11:37:47","logid":"0100032001","type":"event","subtype":"system","eventtime":"1557455867"}`,
		line: `date=2019-05-10 time=11:37:47 eventtime="1557455867" logid="0100032001" type="event" subtype="system"`,
		time: time.Unix(1557455867, 0),
	}, {
		name: "no eventtime: the metadata timestamp",
		json: `{"date":"2026-11-23","time":"09:41:07","logid":"0100032001","type":"event","_metadata":{"#":7,"timestamp":1795394467}}`,
		line: `date=2026-11-23 time=09:41:07 logid="0100032001" type="event"`,
		time: time.Unix(1795394467, 0),
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			e, err := entryFrom(json.RawMessage(tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if e.line != tt.line {
				t.Errorf("line\n got %s\nwant %s", e.line, tt.line)
			}
			if e.time != tt.time.UnixNano() {
				t.Errorf("time %v, want %v", time.Unix(0, e.time).UTC(), tt.time.UTC())
			}
			if len(e.key) != 16 {
				t.Errorf("key %q", e.key)
			}
		})
	}
}

func TestEntryFromRefuses(t *testing.T) {
	t.Parallel()
	for _, in := range []string{`"a log"`, `[1,2]`, `{}`, `{"msg":"no time at all"}`, `{"date":`, `null`} {
		if e, err := entryFrom(json.RawMessage(in)); err == nil {
			t.Errorf("entryFrom(%s) = %q, want an error", in, e.line)
		}
	}
}

func TestCursorText(t *testing.T) {
	t.Parallel()
	c := newCursor()
	if !c.fresh() {
		t.Fatal("a new cursor is not fresh")
	}
	e1 := entry{key: "aaaaaaaaaaaaaaaa", time: int64(100 * time.Second)}
	e2 := entry{key: "bbbbbbbbbbbbbbbb", time: int64(130 * time.Second)}
	next := c.advance([]entry{e1, e2})
	// e1 is now more than the reorder window behind e2: only the time
	// remembers it.
	if len(next.Seen) != 1 || next.High != e2.time || !next.delivered(e1) || !next.delivered(e2) {
		t.Errorf("advanced cursor %s", next)
	}
	back, err := parseCursor(next.String())
	if err != nil || back.String() != next.String() {
		t.Errorf("parseCursor(%s) = %v, %v", next, back, err)
	}
	for _, bad := range []string{"{", `{"v":2,"high":1}`} {
		if _, err := parseCursor(bad); err == nil {
			t.Errorf("parseCursor(%q) succeeded", bad)
		}
	}
}

func TestCursorBoundsItsHashes(t *testing.T) {
	t.Parallel()
	var entries []entry
	for i := range maxSeen + 10 {
		entries = append(entries, entry{key: string(rune('a'+i%26)) + string(rune(i)), time: int64(i)})
	}
	c := newCursor().advance(entries)
	if len(c.Seen) > maxSeen {
		t.Errorf("cursor keeps %d hashes, bound %d", len(c.Seen), maxSeen)
	}
	for _, e := range entries {
		if !c.delivered(e) {
			t.Fatalf("%v forgotten", e)
		}
	}
}
