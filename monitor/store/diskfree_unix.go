//go:build unix

package store

import "golang.org/x/sys/unix"

// freeBytes is the space an unprivileged process may still use on the
// file system holding dir.
func freeBytes(dir string) (int64, error) {
	var fs unix.Statfs_t
	if err := unix.Statfs(dir, &fs); err != nil {
		return 0, err
	}
	return int64(fs.Bavail) * int64(fs.Bsize), nil
}
