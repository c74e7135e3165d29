package publish

import (
	"errors"

	"golang.org/x/sys/unix"
)

// exchange swaps the folders at a and b in one step.
func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	// ENOSYS: a kernel older than 3.15. EINVAL, EOPNOTSUPP: a file system
	// without the flag (some network and FUSE file systems).
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) || errors.Is(err, unix.EOPNOTSUPP) {
		return errExchangeUnsupported
	}
	return err
}
