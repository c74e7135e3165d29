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
	// The site's title is on every page, so that nearly every file of the
	// new site differs from the old one: the build cannot link unchanged
	// files from the old site and must write the whole site again.
	edit(filepath.Join(changed, "site.yaml"), "title: \"", "title: \"Édition revue — ")
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

// onlyOutput reports whether the names in the output's folder are those a
// build leaves: public, and the spare tree the next build reuses (package
// publish), but no stage or old tree.
func onlyOutput(names []string) bool {
	return slices.Equal(names, []string{"public"}) || slices.Equal(names, []string{".public.spare", "public"})
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

// timing is how long a build of the new content over the old site takes,
// and when, from its start, the output folder was replaced.
type timing struct{ total, swap time.Duration }

// timeBuild measures a build of the new content over the old site, with
// its picture cache emptied first (cold) or kept. It watches the output
// folder's inode to find the moment of the swap, the moment a
// non-atomic publication would be caught half done.
func (s *faultSites) timeBuild(t *testing.T, out string, cold bool) timing {
	t.Helper()
	if cold {
		s.dropPictureCache(t)
	}
	s.restoreOld(t, out)
	inode := func() uint64 {
		info, err := os.Stat(out)
		if err != nil {
			return 0
		}
		return info.Sys().(*syscall.Stat_t).Ino
	}
	before := inode()
	cmd := buildCommand(t, s.newContent, s.theme, out)
	start := time.Now()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	var tm timing
	for tm.total == 0 {
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("build of the new content: %v", err)
			}
			tm.total = time.Since(start)
		default:
			if tm.swap == 0 && inode() != before {
				tm.swap = time.Since(start)
			}
			time.Sleep(200 * time.Microsecond)
		}
	}
	if tm.swap == 0 {
		tm.swap = tm.total
	}
	if got := outcome(hashTree(t, out), s.oldTree, s.newTree); got != "new" {
		t.Fatalf("a whole build over the old site left %s", got)
	}
	return tm
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

// killPoints returns n deterministic delays: half spread over the whole
// build, one drawn at random in each of n/2 equal slices, and half in the
// 30 ms before the swap and the 10 ms after, where publishing happens.
func killPoints(n int, tm timing, seed uint64) []time.Duration {
	rng := rand.New(rand.NewPCG(seed, seed))
	points := make([]time.Duration, n)
	spread := func(i, of int, from, span time.Duration) time.Duration {
		return from + time.Duration((float64(i)+rng.Float64())/float64(of)*float64(span))
	}
	half := n / 2
	for i := range half {
		points[i] = spread(i, half, 0, tm.total*11/10)
	}
	near := max(0, tm.swap-30*time.Millisecond)
	for i := half; i < n; i++ {
		points[i] = spread(i-half, n-half, near, tm.swap+10*time.Millisecond-near)
	}
	return points
}

func TestKilledBuildLeavesTheOldSiteOrTheNewOneNeverAMix(t *testing.T) {
	s := prepareFaultSites(t)
	out := filepath.Join(t.TempDir(), "public")
	// Cold builds encode the pictures again, so kills land while the
	// picture cache is written too.
	cold, warm := s.timeBuild(t, out, true), s.timeBuild(t, out, false)
	coldPoints, warmPoints := killPoints(12, cold, 7), killPoints(12, warm, 8)
	tally := map[string]int{}
	kills := 0
	// kill starts a build of the new content over the old site, kills it
	// after delay, checks what public/ holds, then checks that the next
	// build repairs what the killed one left and publishes.
	kill := func(delay time.Duration, coldCache bool) string {
		i := kills
		kills++
		s.restoreOld(t, out)
		if coldCache {
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
		cmd = buildCommand(t, s.newContent, s.theme, out)
		if msg, err := cmd.CombinedOutput(); err != nil {
			t.Fatalf("build after kill %d: %v\n%s", i, err, msg)
		}
		if got := outcome(hashTree(t, out), s.oldTree, s.newTree); got != "new" {
			t.Errorf("build after kill %d left %s; want the new site", i, got)
		}
		if names := entries(t, filepath.Dir(out)); !onlyOutput(names) {
			t.Errorf("after the build that followed kill %d, the output's folder holds %v; want public and its spare", i, names)
		}
		return got
	}
	deadline := time.Now().Add(60 * time.Second)
	for i := range 24 {
		if time.Now().After(deadline) {
			t.Logf("stopped after %d kills, out of time", i)
			break
		}
		if i%2 == 0 {
			kill(coldPoints[i/2], true)
		} else {
			kill(warmPoints[i/2], false)
		}
	}
	// The builds killed run slower than the ones timed when the machine is
	// busy (under -race in CI, above all), so the planned points may all
	// fall before the swap, or after it on a faster run. Then the test
	// goes on, a few kills at most, with delays doubled (or halved) until
	// one lands on the other side: that the kills straddle the swap is
	// what makes "never a mix" mean something.
	for delay, n := warm.total*2, 0; tally["new"] == 0 && n < 6; delay, n = delay*2, n+1 {
		kill(delay, false)
	}
	for delay, n := warm.swap/2, 0; tally["old"] == 0 && n < 6; delay, n = delay/2, n+1 {
		kill(delay, false)
	}
	t.Logf("%d kills over cold builds %+v and warm builds %+v: %v", kills, cold, warm, tally)
	if tally["old"] == 0 || tally["new"] == 0 {
		t.Errorf("kills left %v; want some before the swap and some after, or the kill points miss the build", tally)
	}
}

func TestInterruptedBuildExits130AndLeavesTheOldSite(t *testing.T) {
	s := prepareFaultSites(t)
	out := filepath.Join(t.TempDir(), "public")
	// The first build encodes the pictures (0.3 s, against 0.07 s for the
	// builds interrupted below, which find them in the cache): interrupt
	// points spread over it missed every build that followed.
	s.timeBuild(t, out, false)
	tm := s.timeBuild(t, out, false)
	tally := map[string]int{}
	for i, delay := range killPoints(10, tm, 11) {
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
			// The signal came while the program did not listen for it:
			// before it installed its handler (the old site stays), or
			// after the build released it on the way out (the new site is
			// in place). Either way public/ is one whole site.
			if tree != "old" && tree != "new" {
				t.Errorf("interrupt %d after %v: killed by the signal and public/ is %s; want the old site or the new one", i, delay, tree)
			}
			tally["unhandled, "+tree]++
		default:
			t.Errorf("interrupt %d after %v: %v, stderr:\n%s", i, delay, err, stderr.String())
		}
		// An interrupted build throws its stage away itself, or leaves the
		// spare it was refilling for the next build.
		if names := entries(t, filepath.Dir(out)); !onlyOutput(names) {
			t.Errorf("interrupt %d after %v: the output's folder holds %v; want public and its spare", i, delay, names)
		}
	}
	t.Logf("interrupts over builds of %+v: %v", tm, tally)
	if tally["130"] == 0 {
		t.Errorf("no interrupt ended with exit 130 (%v): the build no longer stops on SIGINT, or the interrupt points miss it", tally)
	}
}
