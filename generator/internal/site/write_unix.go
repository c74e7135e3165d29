//go:build unix

package site

import (
	"io/fs"
	"syscall"
)

// syscallNoFollow makes opening a symbolic link fail, so that a file is
// never written through one.
const syscallNoFollow = syscall.O_NOFOLLOW

// ownFile reports whether the file has no other link than this one: only
// then may it be written in place, since a second link may be a file of the
// published site.
func ownFile(info fs.FileInfo) bool {
	st, ok := info.Sys().(*syscall.Stat_t)
	return ok && st.Nlink == 1
}
