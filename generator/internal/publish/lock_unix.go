//go:build darwin || dragonfly || freebsd || linux || netbsd || openbsd

package publish

import (
	"os"

	"golang.org/x/sys/unix"
)

// lock takes an exclusive advisory lock on the folder dir, so that two builds
// (a build and the preview server, say) never swap the same output folder, or
// clean up each other's stage, at the same time. It waits for the lock.
func lock(dir string) (unlock func(), err error) {
	f, err := os.Open(dir)
	if err != nil {
		return nil, err
	}
	for {
		err = unix.Flock(int(f.Fd()), unix.LOCK_EX)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	return func() {
		// Closing the descriptor releases the lock.
		f.Close()
	}, nil
}
