package mss

import (
	"bytes"
	"strings"
	"testing"
)

func TestEventReader(t *testing.T) {
	t.Parallel()
	in := ": keep-alive\n\nid: 7\r\nevent: notification\nsignature: t=1,kid=k,v1=00\ndata: {\"a\":\ndata: 1}\nfuture: ignored\n\n" +
		"data:no space\n\n"
	r := newEventReader(strings.NewReader(in))
	want := []sseEvent{
		{keepalive: true},
		{id: "7", event: "notification", signature: "t=1,kid=k,v1=00", data: []byte("{\"a\":\n1}")},
		{event: "message", data: []byte("no space")},
	}
	for i, w := range want {
		got, err := r.next()
		if err != nil {
			t.Fatalf("event %d: %v", i, err)
		}
		if got.id != w.id || got.event != w.event || got.signature != w.signature || !bytes.Equal(got.data, w.data) || got.keepalive != w.keepalive {
			t.Errorf("event %d = %+v, want %+v", i, got, w)
		}
	}
	if _, err := r.next(); err == nil {
		t.Error("no error at the end of the stream")
	}
}

// FuzzEventReader: any stream gives events within the size bound or an
// error; never a panic or an endless loop.
func FuzzEventReader(f *testing.F) {
	f.Add([]byte("id: 1\nevent: notification\nsignature: t=1,kid=k,v1=00\ndata: {}\n\n"))
	f.Add([]byte(": ping\n\n\n\ndata: a\r\ndata: b\r\n\r\n"))
	f.Add([]byte("data"))
	f.Fuzz(func(t *testing.T, stream []byte) {
		r := newEventReader(bytes.NewReader(stream))
		for i := 0; ; i++ {
			ev, err := r.next()
			if err != nil {
				return
			}
			if len(ev.data) > MaxEvent || i > len(stream) {
				t.Fatalf("event %d of %d bytes from a stream of %d", i, len(ev.data), len(stream))
			}
		}
	})
}
