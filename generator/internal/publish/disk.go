package publish

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
)

// diskError is a failure of the disk that holds the output folder, worded
// for the editor who runs the build.
type diskError struct {
	msg   string
	errno syscall.Errno
}

func (e *diskError) Error() string { return e.msg }

// Unwrap lets callers test for the system's error, syscall.ENOSPC say.
func (e *diskError) Unwrap() error { return e.errno }

// explainDisk rewords err when it comes from the disk holding the output
// folder (outDir as the user gave it, parent the folder holding it): full,
// read-only or not writable. Without it a full disk reads as one error per
// file of the stage, each naming the stage's temporary folder. An error about
// another folder, the picture cache beside the content say, is returned
// unchanged: it is not the output's disk that is at fault.
func explainDisk(err error, outDir, parent string) error {
	errno, ok := findErrno(err, parent)
	if !ok {
		return err
	}
	name := filepath.Clean(outDir)
	var msg string
	switch errno {
	case syscall.ENOSPC, syscall.EDQUOT:
		msg = fmt.Sprintf("the disk holding %s is full", name)
	case syscall.EROFS:
		msg = fmt.Sprintf("%s is on a read-only disk", name)
	case syscall.EACCES, syscall.EPERM:
		msg = fmt.Sprintf("%s cannot be replaced: no permission to write in its folder", name)
	default:
		return err
	}
	return &diskError{msg: msg, errno: errno}
}

// findErrno returns the system error of the first file operation in err's
// tree (a fill may join one error per file) that touched a path inside
// parent.
func findErrno(err error, parent string) (syscall.Errno, bool) {
	var errno syscall.Errno
	switch e := err.(type) {
	case *fs.PathError:
		if within(e.Path, parent) && errors.As(e.Err, &errno) {
			return errno, true
		}
	case *os.LinkError:
		if (within(e.Old, parent) || within(e.New, parent)) && errors.As(e.Err, &errno) {
			return errno, true
		}
	}
	switch u := err.(type) {
	case interface{ Unwrap() error }:
		if next := u.Unwrap(); next != nil {
			return findErrno(next, parent)
		}
	case interface{ Unwrap() []error }:
		for _, next := range u.Unwrap() {
			if errno, ok := findErrno(next, parent); ok {
				return errno, true
			}
		}
	}
	return 0, false
}

// isDiskFull reports whether err comes from a full disk or quota.
func isDiskFull(err error) bool {
	return errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT)
}
