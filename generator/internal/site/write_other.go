//go:build !unix

package site

import "io/fs"

const syscallNoFollow = 0

// ownFile cannot tell the links of a file here, so no file is written in
// place: each is replaced by a new one.
func ownFile(fs.FileInfo) bool { return false }
