// Package publish stages a new output folder beside the old one and swaps it
// in only once it is complete, so that a failed or interrupted build leaves
// the previous output exactly as it was.
//
// The stage is a hidden folder in the same parent as the output folder
// (".public.stage-XXXX" for "public"), so that the swap is a rename within one
// file system. On Linux the two folders are exchanged in a single step
// (renameat2 with RENAME_EXCHANGE); elsewhere, or where the file system
// refuses the exchange, the old folder is renamed aside (".public.old-XXXX")
// and the stage renamed into place. A build killed between those two renames
// leaves no output folder; the next build puts the aside folder back before it
// starts. Stage folders left by killed builds are removed by the next build.
//
// With SwapReusing the replaced tree is not removed but kept as a hidden
// spare folder (".public.spare"), and the next build's stage is that spare:
// on the disks a build meets, creating a file or a folder costs far more
// than rewriting one, and removing a tree of tens of thousands of files
// takes seconds, so a rebuild that rewrites only what changed in the tree
// it is given is several times cheaper. The spare may be deleted at any
// time; the next build then starts from an empty stage.
//
// A full, read-only or unwritable disk under the output folder is reported
// in one line naming the output folder, whichever step or file met it.
package publish

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// errExchangeUnsupported says that the platform or file system cannot
// exchange two folders in one step.
var errExchangeUnsupported = errors.New("atomic exchange unsupported")

// carried lists the files of the old output folder that belong to the
// repository rather than to the build, and are copied into every new one.
var carried = []string{".gitignore"}

// Swap fills a new folder beside outDir by calling fill with its path, then
// puts it in outDir's place. If fill fails, outDir is not touched. outDir and
// its parents are created as needed.
func Swap(outDir string, fill func(stageDir string) error) error {
	return SwapContext(context.Background(), outDir, fill)
}

// SwapContext is Swap, except that once ctx is done the new folder is thrown
// away instead of being swapped in: an interrupted build must not publish.
// fill is not interrupted; it may watch ctx itself.
func SwapContext(ctx context.Context, outDir string, fill func(stageDir string) error) error {
	return swap(ctx, outDir, fill, false)
}

// SwapReusing is SwapContext for a fill that makes any tree it is given
// into the new output, removing what it does not write: the stage it gets
// is the tree the last build replaced (the spare), or an empty folder, and
// the tree it replaces becomes the next build's spare. A failed or
// interrupted fill leaves the spare for the next build to make right,
// unless the disk is full: then the spare is removed, to give the space
// back.
func SwapReusing(ctx context.Context, outDir string, fill func(stageDir string) error) error {
	return swap(ctx, outDir, fill, true)
}

func swap(ctx context.Context, outDir string, fill func(stageDir string) error, reuse bool) (err error) {
	out, err := target(outDir)
	if err != nil {
		return err
	}
	parent, base := filepath.Dir(out), filepath.Base(out)
	defer func() {
		if err != nil {
			err = explainDisk(err, outDir, parent)
		}
	}()
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return fmt.Errorf("create the parent of the output folder: %w", err)
	}
	unlock, err := lock(parent)
	if err != nil {
		return fmt.Errorf("lock %s: %w", parent, err)
	}
	defer unlock()
	if err := recoverLeftovers(parent, base); err != nil {
		return err
	}

	spare := filepath.Join(parent, spareName(base))
	stage := ""
	if reuse {
		if stage, err = takeSpare(spare); err != nil {
			return err
		}
	}
	if stage == "" {
		if stage, err = os.MkdirTemp(parent, stagePrefix(base)); err != nil {
			return fmt.Errorf("create the stage folder: %w", err)
		}
	}
	swapped := false
	defer func() {
		if swapped {
			return
		}
		// The stage is incomplete or unwanted. A spare is kept for the next
		// build to make right, unless it holds space a full disk needs. A
		// failure to remove it is repaired by the next build, and the
		// caller's error matters more.
		if stage != spare || isDiskFull(err) {
			os.RemoveAll(stage)
		}
	}()
	if err := os.Chmod(stage, folderMode(out)); err != nil {
		return fmt.Errorf("set the stage folder's permissions: %w", err)
	}
	if err := fill(stage); err != nil {
		return err
	}
	if err := carryOver(out, stage); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("publish %s: %w", outDir, err)
	}
	old, err := replace(stage, out)
	if err != nil {
		return fmt.Errorf("publish %s: %w", outDir, err)
	}
	swapped = true
	// The new output is in place whatever happens next; an old tree that
	// cannot be kept or removed now is removed by the next build.
	switch {
	case old == "" || old == spare:
	case reuse && os.Rename(old, spare) == nil:
	default:
		os.RemoveAll(old)
	}
	return nil
}

// takeSpare returns the spare folder to use as the stage, or "" when there
// is none. Anything else under its name (a file, a symbolic link, which
// must never be written through) is removed.
func takeSpare(spare string) (string, error) {
	info, err := os.Lstat(spare)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "", nil
	case err != nil:
		return "", fmt.Errorf("look at the spare folder: %w", err)
	case info.IsDir():
		return spare, nil
	}
	if err := os.Remove(spare); err != nil {
		return "", fmt.Errorf("remove %s, which is not a folder: %w", spare, err)
	}
	return "", nil
}

// target resolves outDir to the absolute folder to replace, following a
// symbolic link so that the link survives, and refuses folders whose
// replacement would pull the ground from under the build.
func target(outDir string) (string, error) {
	out, err := filepath.Abs(outDir)
	if err != nil {
		return "", fmt.Errorf("output folder %s: %w", outDir, err)
	}
	if resolved, err := filepath.EvalSymlinks(out); err == nil {
		out = resolved
	}
	if info, err := os.Stat(out); err == nil && !info.IsDir() {
		return "", fmt.Errorf("output folder %s is a file, not a folder", outDir)
	}
	if filepath.Dir(out) == out {
		return "", fmt.Errorf("refusing to replace %s: it is the root of the file system", outDir)
	}
	if wd, err := os.Getwd(); err == nil && within(wd, out) {
		return "", fmt.Errorf("refusing to replace %s: it holds the current folder", outDir)
	}
	return out, nil
}

// within reports whether path is dir or lies inside it.
func within(path, dir string) bool {
	rel, err := filepath.Rel(dir, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

func stagePrefix(base string) string { return "." + base + ".stage-" }
func asidePrefix(base string) string { return "." + base + ".old-" }
func spareName(base string) string   { return "." + base + ".spare" }

// folderMode keeps the old output folder's permissions, so that a web server
// reading it keeps reading it.
func folderMode(out string) fs.FileMode {
	if info, err := os.Stat(out); err == nil {
		return info.Mode().Perm()
	}
	return 0o755
}

// carryOver copies the repository's own files of the old output folder into
// the stage, unless the build wrote them itself.
func carryOver(out, stage string) error {
	for _, name := range carried {
		if _, err := os.Lstat(filepath.Join(stage, name)); err == nil {
			continue
		}
		src := filepath.Join(out, name)
		info, err := os.Lstat(src)
		if err != nil || !info.Mode().IsRegular() {
			continue
		}
		data, err := os.ReadFile(src)
		if err != nil {
			return fmt.Errorf("carry over %s: %w", name, err)
		}
		if err := os.WriteFile(filepath.Join(stage, name), data, info.Mode().Perm()); err != nil {
			return fmt.Errorf("carry over %s: %w", name, err)
		}
	}
	return nil
}

// replace puts the complete stage in out's place and returns where the old
// tree is now, "" when there was none.
func replace(stage, out string) (old string, err error) {
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(stage, out)
	}
	err = exchange(stage, out)
	if errors.Is(err, errExchangeUnsupported) {
		return replaceAside(stage, out)
	}
	if err != nil {
		return "", err
	}
	// The stage path now holds the old tree.
	return stage, nil
}

// replaceAside swaps in two renames, for systems without an atomic exchange,
// and returns where the old tree is. Between them out does not exist;
// recoverLeftovers repairs a build killed there.
func replaceAside(stage, out string) (string, error) {
	parent, base := filepath.Dir(out), filepath.Base(out)
	aside, err := os.MkdirTemp(parent, asidePrefix(base))
	if err != nil {
		return "", fmt.Errorf("reserve a name for the old output: %w", err)
	}
	if err := os.Remove(aside); err != nil {
		return "", fmt.Errorf("reserve a name for the old output: %w", err)
	}
	if err := os.Rename(out, aside); err != nil {
		return "", fmt.Errorf("move the old output aside: %w", err)
	}
	if err := os.Rename(stage, out); err != nil {
		if back := os.Rename(aside, out); back != nil {
			return "", fmt.Errorf("move the new output into place: %w (the old output is in %s)", err, aside)
		}
		return "", fmt.Errorf("move the new output into place: %w", err)
	}
	return aside, nil
}

// recoverLeftovers repairs what killed builds left in parent: the old output
// moved aside without a new one in its place is put back, and stage and
// aside folders are removed. The caller holds the lock, so no other build is
// using them.
func recoverLeftovers(parent, base string) error {
	entries, err := os.ReadDir(parent)
	if err != nil {
		return fmt.Errorf("look for leftovers of earlier builds: %w", err)
	}
	var stages, asides []string
	for _, e := range entries {
		switch name := e.Name(); {
		case strings.HasPrefix(name, stagePrefix(base)):
			stages = append(stages, filepath.Join(parent, name))
		case strings.HasPrefix(name, asidePrefix(base)):
			asides = append(asides, filepath.Join(parent, name))
		}
	}
	out := filepath.Join(parent, base)
	if _, err := os.Lstat(out); errors.Is(err, fs.ErrNotExist) && len(asides) > 0 {
		newest := newestFolder(asides)
		if err := os.Rename(newest, out); err != nil {
			return fmt.Errorf("restore the previous output from %s: %w", newest, err)
		}
		asides = slices.DeleteFunc(asides, func(p string) bool { return p == newest })
	}
	for _, p := range append(stages, asides...) {
		if err := os.RemoveAll(p); err != nil {
			return fmt.Errorf("remove the leftover %s: %w", p, err)
		}
	}
	return nil
}

// newestFolder returns the most recently modified of paths: with the lock
// held there is at most one aside folder, but a crash of an older version
// might have left several.
func newestFolder(paths []string) string {
	best, bestTime := paths[0], int64(-1)
	for _, p := range paths {
		if info, err := os.Stat(p); err == nil && info.ModTime().UnixNano() > bestTime {
			best, bestTime = p, info.ModTime().UnixNano()
		}
	}
	return best
}
