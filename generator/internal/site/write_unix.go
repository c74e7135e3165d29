//go:build unix

package site

import (
	"io/fs"
	"os"
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

// openFile is os.OpenFile for the files a build writes and compares.
// os.OpenFile readies each file for the runtime's network poller, which a
// regular file refuses: four fcntl and an epoll_ctl per file, or five of
// the nine system calls of writing one, wasted on every output. A file
// made by os.NewFile from a descriptor opened here is not offered to the
// poller.
func openFile(name string, flag int, perm fs.FileMode) (*os.File, error) {
	for {
		fd, err := syscall.Open(name, flag|syscall.O_CLOEXEC, uint32(perm))
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return os.NewFile(uintptr(fd), name), nil
	}
}
