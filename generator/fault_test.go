//go:build unix

package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// The fault tests run the generator as a separate program, so that it can be
// killed as a user's Ctrl-C, a closed terminal or an out-of-memory killer
// would kill it.

var (
	binaryOnce sync.Once
	binaryPath string
	binaryErr  error
	binaryDir  string
)

// generatorBinary builds the generator once for the whole test run.
func generatorBinary(t *testing.T) string {
	t.Helper()
	binaryOnce.Do(func() {
		binaryDir, binaryErr = os.MkdirTemp("", "quinzaine-fault-")
		if binaryErr != nil {
			return
		}
		binaryPath = filepath.Join(binaryDir, "qz")
		out, err := exec.Command("go", "build", "-o", binaryPath, ".").CombinedOutput()
		if err != nil {
			binaryErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	if binaryErr != nil {
		t.Fatal(binaryErr)
	}
	return binaryPath
}

func TestMain(m *testing.M) {
	code := m.Run()
	if binaryDir != "" {
		os.RemoveAll(binaryDir)
	}
	os.Exit(code)
}

// faultEpoch fixes the build's "now", so that two builds of one content are
// byte-identical.
const faultEpoch = "SOURCE_DATE_EPOCH=1782000000"

// buildCommand returns the command building content into out, run from out's
// parent folder so that messages name the output folder as "public".
func buildCommand(t *testing.T, content, theme, out string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(generatorBinary(t), "build", "-content", content, "-theme", theme, "-out", filepath.Base(out))
	cmd.Dir = filepath.Dir(out)
	cmd.Env = append(os.Environ(), faultEpoch)
	return cmd
}

// buildTo runs a whole build and fails the test unless it succeeds.
func buildTo(t *testing.T, content, theme, out string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
		t.Fatal(err)
	}
	cmd := buildCommand(t, content, theme, out)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build of %s into %s: %v\n%s", content, out, err, msg)
	}
}

// copyTree copies the files and folders of from into to, which must not exist.
func copyTree(t *testing.T, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		info, err := d.Info()
		if err != nil {
			return err
		}
		if d.IsDir() {
			return os.MkdirAll(filepath.Join(to, rel), info.Mode().Perm())
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(filepath.Join(to, rel), data, info.Mode().Perm())
	})
	if err != nil {
		t.Fatal(err)
	}
}

// changedContent copies the content folder and edits it the way an editor's
// day of work would: a title changed, an event removed, the site described
// anew.
func changedContent(t *testing.T, content string) string {
	t.Helper()
	changed := filepath.Join(t.TempDir(), "content")
	copyTree(t, content, changed)
	events, err := filepath.Glob(filepath.Join(changed, "events", "2026", "*.yaml"))
	if err != nil || len(events) < 3 {
		t.Fatalf("the shipped content has %d events; want at least 3", len(events))
	}
	slices.Sort(events)
	if err := os.Remove(events[0]); err != nil {
		t.Fatal(err)
	}
	edit := func(path, old, new string) {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Contains(data, []byte(old)) {
			t.Fatalf("%s holds no %q to edit", path, old)
		}
		writeFile(t, path, strings.Replace(string(data), old, new, 1))
	}
	edit(events[1], "title: \"", "title: \"Nouveau : ")
	edit(filepath.Join(changed, "site.yaml"), "description: \"", "description: \"Édition revue. ")
	return changed
}

// outcome names the reference tree that tree equals, or describes how it
// differs from both.
func outcome(tree, old, new map[string]string) string {
	switch {
	case maps.Equal(tree, old):
		return "old"
	case maps.Equal(tree, new):
		return "new"
	}
	diff := func(ref map[string]string) int {
		n := 0
		for _, k := range slices.Sorted(maps.Keys(ref)) {
			if tree[k] != ref[k] {
				n++
			}
		}
		for k := range tree {
			if _, ok := ref[k]; !ok {
				n++
			}
		}
		return n
	}
	return fmt.Sprintf("a mix (%d entries differ from the old site, %d from the new)", diff(old), diff(new))
}

// entries lists the names in dir.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	list, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range list {
		out = append(out, e.Name())
	}
	return out
}

// faultSites prepares the shipped content (old) and an edited copy (new),
// and the two sites they build into an output folder that held the old
// site: what the output folder may be after any interrupted build.
type faultSites struct {
	oldContent, newContent, theme string
	oldSite                       string // a folder holding the old site
	oldTree, newTree              map[string]string
}

func prepareFaultSites(t *testing.T) *faultSites {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the shipped site dozens of times; skipped with -short")
	}
	s := &faultSites{}
	s.oldContent, s.theme = shippedCopy(t)
	s.newContent = changedContent(t, s.oldContent)
	root := t.TempDir()
	s.oldSite = filepath.Join(root, "old", "public")
	buildTo(t, s.oldContent, s.theme, s.oldSite)
	s.oldTree = hashTree(t, s.oldSite)
	newSite := filepath.Join(root, "new", "public")
	copyTree(t, s.oldSite, newSite)
	buildTo(t, s.newContent, s.theme, newSite)
	s.newTree = hashTree(t, newSite)
	if maps.Equal(s.oldTree, s.newTree) {
		t.Fatal("the edited content builds the same site as the shipped one")
	}
	return s
}

// restoreOld puts the old site back into out.
func (s *faultSites) restoreOld(t *testing.T, out string) {
	t.Helper()
	if err := os.RemoveAll(out); err != nil {
		t.Fatal(err)
	}
	copyTree(t, s.oldSite, out)
}

// timeBuild measures a build of the new content over the old site, its
// picture cache emptied first, as the slowest build the kills will meet.
func (s *faultSites) timeBuild(t *testing.T, out string) time.Duration {
	t.Helper()
	s.dropPictureCache(t)
	s.restoreOld(t, out)
	start := time.Now()
	buildTo(t, s.newContent, s.theme, out)
	took := time.Since(start)
	if got := outcome(hashTree(t, out), s.oldTree, s.newTree); got != "new" {
		t.Fatalf("a whole build over the old site left %s", got)
	}
	return took
}

// dropPictureCache removes the resized pictures kept beside the new
// content, so that the next build encodes them again and a kill may land
// while the cache is written.
func (s *faultSites) dropPictureCache(t *testing.T) {
	t.Helper()
	if err := os.RemoveAll(filepath.Join(filepath.Dir(s.newContent), ".cache")); err != nil {
		t.Fatal(err)
	}
}

// killPoints returns n deterministic delays spread over [0, span): one drawn
// at random in each of n equal slices, so that every part of the build is
// hit, in a shuffled order, so that a run cut short still spans the build.
func killPoints(n int, span time.Duration, seed uint64) []time.Duration {
	rng := rand.New(rand.NewPCG(seed, seed))
	points := make([]time.Duration, n)
	for i := range points {
		points[i] = time.Duration((float64(i) + rng.Float64()) / float64(n) * float64(span))
	}
	rng.Shuffle(n, func(i, j int) { points[i], points[j] = points[j], points[i] })
	return points
}

func TestKilledBuildLeavesTheOldSiteOrTheNewOneNeverAMix(t *testing.T) {
	s := prepareFaultSites(t)
	out := filepath.Join(t.TempDir(), "public")
	span := s.timeBuild(t, out) * 11 / 10
	tally := map[string]int{}
	deadline := time.Now().Add(45 * time.Second)
	for i, delay := range killPoints(24, span, 7) {
		if time.Now().After(deadline) {
			t.Logf("stopped after %d kills, out of time", i)
			break
		}
		s.restoreOld(t, out)
		if i%2 == 0 {
			s.dropPictureCache(t)
		}
		cmd := buildCommand(t, s.newContent, s.theme, out)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		killed := err != nil
		got := outcome(hashTree(t, out), s.oldTree, s.newTree)
		tally[got]++
		if got != "old" && got != "new" {
			t.Errorf("kill %d after %v (killed: %t): public/ is %s", i, delay, killed, got)
		}

		// The next build repairs what the killed one left and publishes.
		cmd = buildCommand(t, s.newContent, s.theme, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build after kill %d: %v\n%s", i, err, msg)
		}
		if got := outcome(hashTree(t, out), s.oldTree, s.newTree); got != "new" {
			t.Errorf("build after kill %d left %s; want the new site", i, got)
		}
		if names := entries(t, filepath.Dir(out)); !slices.Equal(names, []string{"public"}) {
			t.Errorf("after the build that followed kill %d, the output's folder holds %v; want only public", i, names)
		}
	}
	t.Logf("kills over %v: %v", span, tally)
	if tally["old"] == 0 || tally["new"] == 0 {
		t.Errorf("kills left %v; want some before the swap and some after, or the kill points miss the build", tally)
	}
}

func TestInterruptedBuildExits130AndLeavesTheOldSite(t *testing.T) {
	s := prepareFaultSites(t)
	out := filepath.Join(t.TempDir(), "public")
	span := s.timeBuild(t, out)
	tally := map[string]int{}
	for i, delay := range killPoints(10, span, 11) {
		s.restoreOld(t, out)
		cmd := buildCommand(t, s.newContent, s.theme, out)
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(delay)
		cmd.Process.Signal(os.Interrupt)
		err := cmd.Wait()
		tree := outcome(hashTree(t, out), s.oldTree, s.newTree)
		var exit *exec.ExitError
		switch {
		case err == nil:
			// The signal came once the new site was in place.
			tally["finished"]++
			if tree != "new" {
				t.Errorf("interrupt %d after %v: the build exited 0 and left %s; want the new site", i, delay, tree)
			}
		case errors.As(err, &exit) && exit.ExitCode() == exitInterrupted:
			tally["130"]++
			if want := "build interrupted; public/ was not changed.\n"; stderr.String() != want {
				t.Errorf("interrupt %d after %v: stderr %q; want %q", i, delay, stderr.String(), want)
			}
			if tree != "old" {
				t.Errorf("interrupt %d after %v: exit 130 and public/ is %s; want the old site", i, delay, tree)
			}
		case errors.As(err, &exit) && exit.ExitCode() == -1:
			// The signal came before the program listened for it.
			tally["before the handler"]++
			if tree != "old" {
				t.Errorf("interrupt %d after %v: killed early and public/ is %s; want the old site", i, delay, tree)
			}
		default:
			t.Errorf("interrupt %d after %v: %v, stderr:\n%s", i, delay, err, stderr.String())
		}
		// An interrupted build throws its stage away itself.
		if names := entries(t, filepath.Dir(out)); !slices.Equal(names, []string{"public"}) {
			t.Errorf("interrupt %d after %v: the output's folder holds %v; want only public", i, delay, names)
		}
	}
	t.Logf("interrupts over %v: %v", span, tally)
	if tally["130"] == 0 {
		t.Errorf("no interrupt ended with exit 130 (%v); the interrupt points miss the build", tally)
	}
}
