package iptables

import (
	"strings"

	"github.com/kizuki-app/kizuki/monitor/parse/internal/sshd"
)

// isSSHD reports whether s is an sshd line ("sshd[42]: …" or "sshd: …")
// that sshd.Parse reads.
func isSSHD(s string) bool {
	m, ok := cutSSHDTag(s)
	return ok && sshd.Known(m)
}

// cutSSHDTag returns the message after an "sshd[pid]:" or "sshd:" tag.
func cutSSHDTag(s string) (string, bool) {
	tag, msg, ok := strings.Cut(s, ": ")
	if !ok || (tag != "sshd" && !(strings.HasPrefix(tag, "sshd[") && strings.HasSuffix(tag, "]"))) {
		return "", false
	}
	return msg, true
}
