//go:build !unix

package site

import (
	"io/fs"
	"os"
)

const syscallNoFollow = 0

// ownFile cannot tell the links of a file here, so no file is written in
// place: each is replaced by a new one.
func ownFile(fs.FileInfo) bool { return false }

// openFile is os.OpenFile (see write_unix.go).
func openFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	return os.OpenFile(name, flag, perm)
}
