//go:build unix

package logfile

import (
	"os"
	"strconv"
	"syscall"
)

// fileID is the device and inode of a file: a renamed file keeps it, a
// new file at the same path gets another.
func fileID(fi os.FileInfo) string {
	if st, ok := fi.Sys().(*syscall.Stat_t); ok {
		return strconv.FormatUint(uint64(st.Dev), 16) + "-" + strconv.FormatUint(uint64(st.Ino), 16)
	}
	return "-"
}
