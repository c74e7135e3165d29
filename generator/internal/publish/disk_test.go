package publish

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

func TestDiskFailuresUnderTheOutputAreOneLine(t *testing.T) {
	parent := filepath.FromSlash("/srv/site")
	stageFile := func(name string, errno syscall.Errno) error {
		return &fs.PathError{Op: "write", Path: filepath.Join(parent, ".public.stage-42", name), Err: errno}
	}
	cache := &fs.PathError{Op: "open", Path: filepath.FromSlash("/home/ed/.cache/images/x.jpg"), Err: syscall.ENOSPC}
	tests := []struct {
		name string
		err  error
		want string
	}{
		{"every page on a full disk", errors.Join(stageFile("index.html", syscall.ENOSPC), stageFile("feed.xml", syscall.ENOSPC)),
			"the disk holding public is full"},
		{"quota", stageFile("index.html", syscall.EDQUOT), "the disk holding public is full"},
		{"read-only", &fs.PathError{Op: "mkdirtemp", Path: filepath.Join(parent, ".public.stage-*"), Err: syscall.EROFS},
			"public is on a read-only disk"},
		{"permission", &os.LinkError{Op: "rename", Old: filepath.Join(parent, "public"), New: filepath.Join(parent, ".public.old-1"), Err: syscall.EACCES},
			"public cannot be replaced: no permission to write in its folder"},
		{"the cache's disk is not the output's", cache, cache.Error()},
		{"a page's error is kept", errors.Join(errors.New("template day.html: boom"), cache), "template day.html: boom\n" + cache.Error()},
	}
	for _, tt := range tests {
		got := explainDisk(tt.err, "public/", parent)
		if got.Error() != tt.want {
			t.Errorf("%s: %q; want %q", tt.name, got, tt.want)
		}
		var errno syscall.Errno
		if !errors.As(tt.err, &errno) || !errors.Is(got, errno) {
			t.Errorf("%s: the reworded error no longer wraps %v", tt.name, errno)
		}
	}
}

func TestUnwritableOutputFolderIsOneLine(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes in any folder; the read-only and full-disk cases run in the generator's fault tests")
	}
	parent, out := oldSite(t)
	before := hashTree(t, out)
	if err := os.Chmod(parent, 0o555); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(parent, 0o755) })
	err := Swap(out, fillWith(map[string]string{"index.html": "<h1>new</h1>"}))
	want := filepath.Clean(out) + " cannot be replaced: no permission to write in its folder"
	if err == nil || err.Error() != want {
		t.Errorf("Swap into a folder without write permission: %v; want %q", err, want)
	}
	if after := hashTree(t, out); len(after) != len(before) || after["index.html"] != before["index.html"] {
		t.Errorf("output changed after a refused build")
	}
}
