//go:build !linux

package publish

// exchange reports that only Linux offers a portable way to swap two folders
// in one step; the caller falls back to two renames.
func exchange(a, b string) error { return errExchangeUnsupported }
