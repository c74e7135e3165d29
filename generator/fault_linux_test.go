package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"

	"golang.org/x/sys/unix"
)

// mountTmpfs mounts a new tmpfs of size bytes on a new folder and returns
// the folder; it is unmounted when the test ends. Mounting needs root (CI
// runs as root); elsewhere the test is skipped, except under CI=true, where
// a skipped fault test would be a green run that tested nothing.
func mountTmpfs(t *testing.T, size int64) string {
	t.Helper()
	dir := t.TempDir()
	err := unix.Mount("tmpfs", dir, "tmpfs", unix.MS_NOSUID|unix.MS_NODEV, fmt.Sprintf("size=%d,mode=0755", size))
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("mount a tmpfs on %s: %v; CI runs as root and must be able to", dir, err)
		}
		t.Skipf("cannot mount a tmpfs here (%v): the full-disk and read-only tests need root", err)
	}
	// Registered after TempDir's own cleanup, so it runs before it.
	t.Cleanup(func() {
		if err := unix.Unmount(dir, unix.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// remount changes the options of the tmpfs at dir.
func remount(t *testing.T, dir string, flags uintptr, data string) {
	t.Helper()
	if err := unix.Mount("", dir, "", unix.MS_REMOUNT|flags, data); err != nil {
		t.Fatalf("remount %s with %q: %v", dir, data, err)
	}
}

// used returns the bytes in use on the file system holding dir.
func used(t *testing.T, dir string) int64 {
	t.Helper()
	var st unix.Statfs_t
	if err := unix.Statfs(dir, &st); err != nil {
		t.Fatal(err)
	}
	return int64(st.Blocks-st.Bfree) * st.Bsize
}

// failedBuild runs a build expected to fail and returns its exit code and
// output.
func failedBuild(t *testing.T, cmd *exec.Cmd) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	var exit *exec.ExitError
	if !errors.As(err, &exit) {
		t.Fatalf("build: %v; want it to fail\nstdout:\n%s", err, out.String())
	}
	return exit.ExitCode(), out.String(), errOut.String()
}

func TestFullDiskFailsClearlyAndKeepsTheOldSite(t *testing.T) {
	s := prepareFaultSites(t)
	disk := mountTmpfs(t, 64<<20)
	out := filepath.Join(disk, "public")
	copyTree(t, s.oldSite, out)
	// Room for the old site and half a new one: the new site's stage fills
	// the disk.
	size := used(t, disk) * 3 / 2
	remount(t, disk, 0, fmt.Sprintf("size=%d", size))

	code, _, stderr := failedBuild(t, buildCommand(t, s.newContent, s.theme, out))
	want := "build failed: the disk holding public is full; public/ was not changed.\n"
	if code != exitContent || stderr != want {
		t.Errorf("build on a full disk: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	sameTree(t, "public/ after a build on a full disk", s.oldTree, hashTree(t, out))
	if names := entries(t, disk); !slices.Equal(names, []string{"public"}) {
		t.Errorf("the disk holds %v after a failed build; want only public, the stage removed", names)
	}

	// Once space is freed, the same command publishes, and keeps the tree
	// it replaced as the next build's spare.
	remount(t, disk, 0, fmt.Sprintf("size=%d", 64<<20))
	buildTo(t, s.newContent, s.theme, out)
	sameTree(t, "public/ after a build with room", s.newTree, hashTree(t, out))
	if names := entries(t, disk); !slices.Equal(names, []string{".public.spare", "public"}) {
		t.Fatalf("the disk holds %v after a build; want public and its spare", names)
	}

	// A build that fills the disk while refilling the spare gives its
	// space back.
	remount(t, disk, 0, fmt.Sprintf("size=%d", used(t, disk)+4096))
	code, _, stderr = failedBuild(t, buildCommand(t, s.oldContent, s.theme, out))
	if code != exitContent || stderr != want {
		t.Errorf("build refilling the spare on a full disk: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	sameTree(t, "public/ after a build that filled the disk", s.newTree, hashTree(t, out))
	if names := entries(t, disk); !slices.Equal(names, []string{"public"}) {
		t.Errorf("the disk holds %v after a failed build; want only public, the spare removed", names)
	}
}

func TestReadOnlyOutputFailsClearlyAndKeepsTheOldSite(t *testing.T) {
	s := prepareFaultSites(t)
	disk := mountTmpfs(t, 64<<20)
	out := filepath.Join(disk, "public")
	copyTree(t, s.oldSite, out)
	// Leftovers of a killed build cannot be removed either: the message must
	// still be about the disk, not about them.
	writeFile(t, filepath.Join(disk, ".public.stage-123", "index.html"), "half")
	remount(t, disk, unix.MS_RDONLY, "")

	code, _, stderr := failedBuild(t, buildCommand(t, s.newContent, s.theme, out))
	want := "build failed: public is on a read-only disk; public/ was not changed.\n"
	if code != exitContent || stderr != want {
		t.Errorf("build on a read-only disk: exit %d, stderr:\n%s\nwant exit 1 and:\n%s", code, stderr, want)
	}
	sameTree(t, "public/ after a build on a read-only disk", s.oldTree, hashTree(t, out))

	remount(t, disk, 0, "")
	buildTo(t, s.newContent, s.theme, out)
	sameTree(t, "public/ after a build on a writable disk", s.newTree, hashTree(t, out))
	if names := entries(t, disk); !slices.Equal(names, []string{".public.spare", "public"}) {
		t.Errorf("the disk holds %v; want public and its spare, the leftover removed", names)
	}
}
