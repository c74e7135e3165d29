//go:build unix

package main

import (
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/tools/txtar"
)

// tmpfsMagic is the f_type statfs reports for a tmpfs, whose folders list
// their entries newest first: two copies written in opposite orders are
// read back in opposite orders. On ext4 the order follows a hash of the
// names, the same for both copies.
const tmpfsMagic = 0x01021994

// orderedCopy copies the content folder from into a new folder on a tmpfs
// when there is one, creating the files in sorted order (reverse false) or
// in reverse order with scattered modification times (reverse true).
func orderedCopy(t *testing.T, from string, reverse bool) string {
	t.Helper()
	var files, dirs []string
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		if d.IsDir() {
			dirs = append(dirs, rel)
		} else {
			files = append(files, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	base := t.TempDir()
	var st syscall.Statfs_t
	if err := syscall.Statfs("/dev/shm", &st); err == nil && st.Type == tmpfsMagic {
		if base, err = os.MkdirTemp("/dev/shm", "quinzaine-order-"); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(base) })
	}
	to := filepath.Join(base, "content")
	slices.Sort(files)
	slices.Sort(dirs)
	if reverse {
		slices.Reverse(files)
		slices.Reverse(dirs)
	}
	for _, d := range dirs {
		if err := os.MkdirAll(filepath.Join(to, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for i, f := range files {
		data, err := os.ReadFile(filepath.Join(from, f))
		if err != nil {
			t.Fatal(err)
		}
		// Written under another name, then renamed, as editors' tools save.
		tmp := filepath.Join(to, filepath.Dir(f), ".tmp-"+filepath.Base(f))
		if err := os.WriteFile(tmp, data, 0o644); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, filepath.Join(to, f)); err != nil {
			t.Fatal(err)
		}
		if reverse {
			mtime := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(i*7919%1000) * time.Hour)
			if err := os.Chtimes(filepath.Join(to, f), mtime, mtime); err != nil {
				t.Fatal(err)
			}
		}
	}
	return to
}

// rawOrder lists dir's entries in the order the file system gives them.
func rawOrder(t *testing.T, dir string) []string {
	t.Helper()
	f, err := os.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	names, err := f.Readdirnames(-1)
	if err != nil {
		t.Fatal(err)
	}
	return names
}

// synthProgramme writes a small programme made to tempt an unstable order:
// sessions at the same minute, titles equal or equal but for accents and
// case, venues of one commune with names equal but for accents.
func synthProgramme(t *testing.T) string {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "small.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "content")
	for _, f := range ar.Files {
		if name, ok := strings.CutPrefix(f.Name, "content/"); ok && (name == "site.yaml" || strings.HasPrefix(name, "pages/")) {
			writeFile(t, filepath.Join(dir, name), string(f.Data))
		}
	}
	titles := []string{"École", "Ecole", "école", "Éclat", "eclat", "Bal", "bal", "Œuvre", "Oeuvre", "Zèbre"}
	for v := range 6 {
		writeFile(t, filepath.Join(dir, "venues", fmt.Sprintf("lieu-%d.yaml", v)), fmt.Sprintf(
			"name: %q\ncommune: \"Lens\"\naddress: \"Rue %d\"\npostcode: \"62300\"\ngeo: {lat: 50.43%d, lon: 2.81%d}\n",
			titles[v%len(titles)], v, v%3, v%2))
	}
	for e := range 40 {
		// Events e and e+20 share their title and start: only their slugs
		// order them.
		start := fmt.Sprintf("2026-06-%02dT%02d:30", 20+e%4, 14+e%2)
		body := fmt.Sprintf("title: %q\nvenue: lieu-%d\nstart: %s\ncategories: [%s]\n",
			titles[e%len(titles)], e%6, start, []string{"bal", "visite"}[e%2])
		if e%5 == 0 {
			body += "audiences: [famille]\n"
		}
		writeFile(t, filepath.Join(dir, "events", "2026", fmt.Sprintf("e-%02d.yaml", e)), body)
	}
	return dir
}

func TestBuildsAreByteIdenticalAcrossGOMAXPROCSAndFileOrder(t *testing.T) {
	if testing.Short() {
		t.Skip("builds two programmes eight times; skipped with -short")
	}
	contentDir, themeDir := shippedCopy(t)
	for _, tc := range []struct{ name, content string }{{"shipped", contentDir}, {"synthetic", synthProgramme(t)}} {
		content := tc.content
		t.Run(tc.name, func(t *testing.T) {
			sorted, reversed := orderedCopy(t, content, false), orderedCopy(t, content, true)
			events := filepath.Join("events", "2026")
			if a, b := rawOrder(t, filepath.Join(sorted, events)), rawOrder(t, filepath.Join(reversed, events)); slices.Equal(a, b) {
				t.Logf("the two copies list their events in the same order here (no tmpfs at /dev/shm); only creation order and times differ")
			}
			// Separate programs, so that GOMAXPROCS is read at start as on
			// a user's machine.
			var first map[string]string
			var firstName string
			for _, dir := range []string{sorted, reversed} {
				for _, procs := range []string{"1", "2", "4"} {
					out := filepath.Join(t.TempDir(), "public")
					cmd := buildCommand(t, dir, themeDir, out)
					cmd.Env = append(cmd.Env, "GOMAXPROCS="+procs)
					if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
						t.Fatal(err)
					}
					if msg, err := cmd.CombinedOutput(); err != nil {
						t.Fatalf("build: %v\n%s", err, msg)
					}
					run := fmt.Sprintf("%s copy, GOMAXPROCS=%s", map[bool]string{true: "reversed", false: "sorted"}[dir == reversed], procs)
					tree := hashTree(t, out)
					if first == nil {
						first, firstName = tree, run
						if len(tree) < 20 {
							t.Fatalf("the build wrote only %d files", len(tree))
						}
						continue
					}
					if !maps.Equal(first, tree) {
						sameTree(t, run+" against "+firstName, first, tree)
					}
				}
			}
		})
	}
}
