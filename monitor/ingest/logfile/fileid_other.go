//go:build !unix

package logfile

import "os"

// fileID is empty where the OS gives no portable file id through
// os.FileInfo (Windows): the identity then rests on the hash of the
// file's first bytes alone.
func fileID(os.FileInfo) string { return "-" }
