package publish

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
)

// hashTree returns, for every file and folder under dir, its content's
// SHA-256 (files), "dir" (folders) or the link target (symbolic links), with
// the permission bits.
func hashTree(t *testing.T, dir string) map[string]string {
	t.Helper()
	sums := map[string]string{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		info, err := d.Info()
		if err != nil {
			return err
		}
		switch {
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(path)
			if err != nil {
				return err
			}
			sums[rel] = "link " + target
		case d.IsDir():
			sums[rel] = "dir " + info.Mode().Perm().String()
		default:
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			sum := sha256.Sum256(data)
			sums[rel] = hex.EncodeToString(sum[:]) + " " + info.Mode().Perm().String()
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		path := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func fillWith(files map[string]string) func(string) error {
	return func(stage string) error {
		for name, body := range files {
			path := filepath.Join(stage, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				return err
			}
			if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
				return err
			}
		}
		return nil
	}
}

// names lists the entries of dir.
func names(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		out = append(out, e.Name())
	}
	return out
}

func oldSite(t *testing.T) (parent, out string) {
	parent = t.TempDir()
	out = filepath.Join(parent, "public")
	writeTree(t, out, map[string]string{
		".gitignore":                     "*\n!.gitignore\n",
		"index.html":                     "<h1>old</h1>",
		"evenements/2026/bal/index.html": "<h1>bal</h1>",
	})
	return parent, out
}

func TestFailingFillLeavesTheOldOutputIdentical(t *testing.T) {
	parent, out := oldSite(t)
	before := hashTree(t, out)
	boom := errors.New("template exploded")
	err := Swap(out, func(stage string) error {
		if err := fillWith(map[string]string{"index.html": "<h1>half</h1>"})(stage); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Swap error = %v; want the fill's error", err)
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Errorf("output changed after a failed fill:\nbefore %v\nafter  %v", before, after)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v after a failed fill; want only public", got)
	}
}

func TestInterruptedBuildIsNotPublished(t *testing.T) {
	parent, out := oldSite(t)
	before := hashTree(t, out)
	ctx, cancel := context.WithCancel(context.Background())
	err := SwapContext(ctx, out, func(stage string) error {
		// The signal arrives while the pages are being written.
		cancel()
		return fillWith(map[string]string{"index.html": "<h1>new</h1>"})(stage)
	})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SwapContext error = %v; want context.Canceled", err)
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Errorf("output changed after an interrupted build:\nbefore %v\nafter  %v", before, after)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v after an interrupted build; want only public", got)
	}
}

func TestSwapReplacesTheWholeTree(t *testing.T) {
	parent, out := oldSite(t)
	if err := Swap(out, fillWith(map[string]string{
		"index.html":            "<h1>new</h1>",
		"lieux/lens/index.html": "<h1>Lens</h1>",
	})); err != nil {
		t.Fatal(err)
	}
	got := hashTree(t, out)
	want := []string{".", ".gitignore", "index.html", "lieux", "lieux/lens", "lieux/lens/index.html"}
	if keys := slices.Sorted(maps.Keys(got)); !slices.Equal(keys, want) {
		t.Errorf("new tree = %v; want %v (the old event page must be gone)", keys, want)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "<h1>new</h1>" {
		t.Errorf("index.html = %q; want the new page", data)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v after a swap; want only public", got)
	}
}

func TestSwapFallsBackToRenamingAside(t *testing.T) {
	parent, out := oldSite(t)
	stage := filepath.Join(parent, stagePrefix("public")+"test")
	writeTree(t, stage, map[string]string{"index.html": "<h1>new</h1>"})
	aside, err := replaceAside(stage, out)
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(aside, "index.html")); string(data) != "<h1>old</h1>" {
		t.Errorf("the old tree's index.html = %q; want the old page", data)
	}
	if err := os.RemoveAll(aside); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "<h1>new</h1>" {
		t.Errorf("index.html = %q; want the new page", data)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v after a swap; want only public", got)
	}
}

func TestGitignoreIsCarriedOver(t *testing.T) {
	_, out := oldSite(t)
	want, _ := os.ReadFile(filepath.Join(out, ".gitignore"))
	for i := range 2 {
		if err := Swap(out, fillWith(map[string]string{"index.html": "<h1>new</h1>"})); err != nil {
			t.Fatal(err)
		}
		got, err := os.ReadFile(filepath.Join(out, ".gitignore"))
		if err != nil || string(got) != string(want) {
			t.Fatalf("after build %d, .gitignore = %q, %v; want %q", i+1, got, err, want)
		}
	}
}

func TestLeftoversOfKilledBuildsAreCleanedUp(t *testing.T) {
	parent, out := oldSite(t)
	writeTree(t, filepath.Join(parent, ".public.stage-123"), map[string]string{"index.html": "half"})
	writeTree(t, filepath.Join(parent, ".public.old-456"), map[string]string{"index.html": "older"})
	writeTree(t, filepath.Join(parent, ".other.stage-789"), map[string]string{"keep": "not ours"})
	if err := Swap(out, fillWith(map[string]string{"index.html": "<h1>new</h1>"})); err != nil {
		t.Fatal(err)
	}
	if got, want := names(t, parent), []string{".other.stage-789", "public"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v; want %v", got, want)
	}
}

func TestOutputMovedAsideByAKilledBuildIsRestored(t *testing.T) {
	parent, out := oldSite(t)
	before := hashTree(t, out)
	aside := filepath.Join(parent, ".public.old-123")
	if err := os.Rename(out, aside); err != nil {
		t.Fatal(err)
	}
	writeTree(t, filepath.Join(parent, ".public.stage-456"), map[string]string{"index.html": "new, maybe half"})
	boom := errors.New("content error")
	if err := Swap(out, func(string) error { return boom }); !errors.Is(err, boom) {
		t.Fatalf("Swap error = %v; want the fill's error", err)
	}
	if after := hashTree(t, out); !maps.Equal(before, after) {
		t.Errorf("restored output differs from the one moved aside:\nbefore %v\nafter  %v", before, after)
	}
	if got := names(t, parent); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v; want only public", got)
	}
}

func TestSwapCreatesAMissingOutputFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "site", "public")
	if err := Swap(out, fillWith(map[string]string{"index.html": "<h1>first</h1>"})); err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "<h1>first</h1>" {
		t.Errorf("index.html = %q; want the first page", data)
	}
	info, err := os.Stat(out)
	if err != nil || info.Mode().Perm() != 0o755 {
		t.Errorf("output folder mode = %v, %v; want drwxr-xr-x", info.Mode(), err)
	}
	if got := names(t, filepath.Dir(out)); !slices.Equal(got, []string{"public"}) {
		t.Errorf("parent holds %v; want only public", got)
	}
}

func TestFailingFirstBuildCreatesNoOutputFolder(t *testing.T) {
	parent := t.TempDir()
	out := filepath.Join(parent, "public")
	if err := Swap(out, func(string) error { return errors.New("no") }); err == nil {
		t.Fatal("Swap succeeded; want the fill's error")
	}
	if got := names(t, parent); len(got) != 0 {
		t.Errorf("parent holds %v; want nothing", got)
	}
}

func TestSwapRefusesAFileAndTheCurrentFolder(t *testing.T) {
	parent := t.TempDir()
	file := filepath.Join(parent, "public")
	writeTree(t, parent, map[string]string{"public": "a file"})
	fill := fillWith(map[string]string{"index.html": "x"})
	if err := Swap(file, fill); err == nil || !strings.Contains(err.Error(), "is a file, not a folder") {
		t.Errorf("Swap over a file: error = %v; want a refusal", err)
	}
	t.Chdir(parent)
	for _, dir := range []string{".", parent, filepath.Dir(parent)} {
		if err := Swap(dir, fill); err == nil || !strings.Contains(err.Error(), "holds the current folder") {
			t.Errorf("Swap(%q): error = %v; want a refusal", dir, err)
		}
	}
}

func TestSwapFollowsASymbolicLink(t *testing.T) {
	parent, out := oldSite(t)
	link := filepath.Join(parent, "www")
	if err := os.Symlink("public", link); err != nil {
		t.Skip("symbolic links unavailable:", err)
	}
	if err := Swap(link, fillWith(map[string]string{"index.html": "<h1>new</h1>"})); err != nil {
		t.Fatal(err)
	}
	if target, err := os.Readlink(link); err != nil || target != "public" {
		t.Errorf("link now points at %q, %v; want it kept", target, err)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "<h1>new</h1>" {
		t.Errorf("index.html = %q; want the new page", data)
	}
}

// replaceWith is a fill for SwapReusing: it empties the stage it is given,
// then writes files, and records what the stage held.
func replaceWith(files map[string]string, given *map[string]string) func(string) error {
	return func(stage string) error {
		*given = map[string]string{}
		err := filepath.WalkDir(stage, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(path)
			rel, _ := filepath.Rel(stage, path)
			(*given)[filepath.ToSlash(rel)] = string(data)
			return err
		})
		if err != nil {
			return err
		}
		entries, err := os.ReadDir(stage)
		if err != nil {
			return err
		}
		for _, e := range entries {
			if err := os.RemoveAll(filepath.Join(stage, e.Name())); err != nil {
				return err
			}
		}
		return fillWith(files)(stage)
	}
}

func TestSwapReusingGivesTheReplacedTreeToTheNextBuild(t *testing.T) {
	parent, out := oldSite(t)
	var given map[string]string
	if err := SwapReusing(context.Background(), out, replaceWith(map[string]string{"index.html": "<h1>one</h1>"}, &given)); err != nil {
		t.Fatal(err)
	}
	if len(given) != 0 {
		t.Errorf("the first build was given %v; want an empty stage", given)
	}
	if got, want := names(t, parent), []string{".public.spare", "public"}; !slices.Equal(got, want) {
		t.Errorf("parent holds %v; want %v", got, want)
	}
	if err := SwapReusing(context.Background(), out, replaceWith(map[string]string{"index.html": "<h1>two</h1>"}, &given)); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{".gitignore": "*\n!.gitignore\n", "index.html": "<h1>old</h1>", "evenements/2026/bal/index.html": "<h1>bal</h1>"}
	if !maps.Equal(given, want) {
		t.Errorf("the second build was given %v; want the tree the first one replaced, %v", given, want)
	}
	if data, _ := os.ReadFile(filepath.Join(out, "index.html")); string(data) != "<h1>two</h1>" {
		t.Errorf("index.html = %q; want the second build's", data)
	}
	if data, _ := os.ReadFile(filepath.Join(parent, ".public.spare", "index.html")); string(data) != "<h1>one</h1>" {
		t.Errorf("the spare's index.html = %q; want the first build's, which the second replaced", data)
	}
	if data, _ := os.ReadFile(filepath.Join(out, ".gitignore")); string(data) != want[".gitignore"] {
		t.Errorf(".gitignore = %q; want it carried over", data)
	}
}

func TestSwapReusingKeepsTheSpareOfAFailedBuildUnlessTheDiskIsFull(t *testing.T) {
	for _, tt := range []struct {
		name      string
		err       error
		wantSpare bool
	}{
		{"content error", errors.New("content error"), true},
		{"full disk", &fs.PathError{Op: "write", Path: "x", Err: syscall.ENOSPC}, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			parent, out := oldSite(t)
			spare := filepath.Join(parent, ".public.spare")
			writeTree(t, spare, map[string]string{"index.html": "older"})
			before := hashTree(t, out)
			err := SwapReusing(context.Background(), out, func(stage string) error {
				if stage != spare {
					t.Errorf("stage %s; want the spare %s", stage, spare)
				}
				if err := os.WriteFile(filepath.Join(stage, "index.html"), []byte("half"), 0o644); err != nil {
					return err
				}
				return tt.err
			})
			if !errors.Is(err, tt.err) {
				t.Fatalf("SwapReusing error = %v; want the fill's", err)
			}
			if after := hashTree(t, out); !maps.Equal(before, after) {
				t.Errorf("output changed after a failed fill:\nbefore %v\nafter  %v", before, after)
			}
			want := []string{"public"}
			if tt.wantSpare {
				want = []string{".public.spare", "public"}
			}
			if got := names(t, parent); !slices.Equal(got, want) {
				t.Errorf("parent holds %v; want %v", got, want)
			}
		})
	}
}

func TestSwapReusingNeverWritesThroughALinkNamedLikeTheSpare(t *testing.T) {
	parent, out := oldSite(t)
	elsewhere := t.TempDir()
	writeTree(t, elsewhere, map[string]string{"keep.txt": "not ours"})
	if err := os.Symlink(elsewhere, filepath.Join(parent, ".public.spare")); err != nil {
		t.Fatal(err)
	}
	var given map[string]string
	if err := SwapReusing(context.Background(), out, replaceWith(map[string]string{"index.html": "<h1>new</h1>"}, &given)); err != nil {
		t.Fatal(err)
	}
	if len(given) != 0 {
		t.Errorf("the build was given %v; want an empty stage, not the link's target", given)
	}
	if data, err := os.ReadFile(filepath.Join(elsewhere, "keep.txt")); err != nil || string(data) != "not ours" {
		t.Errorf("the link's target changed: keep.txt = %q, %v", data, err)
	}
	if info, err := os.Lstat(filepath.Join(parent, ".public.spare")); err != nil || !info.IsDir() {
		t.Errorf("the spare is %v, %v; want the replaced tree, a folder", info, err)
	}
}
