package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
)

// invoke runs the program in-process from dir, as if typed in a shell there.
func invoke(t *testing.T, dir string, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	if dir != "" {
		t.Chdir(dir)
	}
	var out, errOut bytes.Buffer
	code = run(args, &out, &errOut)
	return code, out.String(), errOut.String()
}

// emptyProject returns a folder with an empty content and theme folder at
// their default places, so that flags are checked past the folder checks.
func emptyProject(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for _, d := range []string{"content", "themes/default"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestHelpPrintsUsageOnStdoutAndSucceeds(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, mainUsage},
		{[]string{"--help"}, mainUsage},
		{[]string{"help"}, mainUsage},
		{[]string{"help", "build"}, buildUsage},
		{[]string{"help", "check"}, checkUsage},
		{[]string{"build", "-h"}, buildUsage},
		{[]string{"build", "-help"}, buildUsage},
		{[]string{"build", "-content", "x", "-h"}, buildUsage},
		{[]string{"check", "-h"}, checkUsage},
		{[]string{"check", "--help"}, checkUsage},
	}
	for _, tt := range tests {
		code, stdout, stderr := invoke(t, "", tt.args...)
		if code != 0 || stdout != tt.want || stderr != "" {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 0 and the usage on stdout only", tt.args, code, stdout, stderr)
		}
	}
}

func TestWrongCommandLinesExplainAndExit2(t *testing.T) {
	tests := []struct {
		args  []string
		first string // the line before the usage
		usage string
	}{
		{nil, "missing command", mainUsage},
		{[]string{"bild"}, `unknown command "bild"; did you mean "build"?`, mainUsage},
		{[]string{"chek"}, `unknown command "chek"; did you mean "check"?`, mainUsage},
		{[]string{"deploy"}, `unknown command "deploy"`, mainUsage},
		{[]string{"help", "bild"}, `unknown command "bild"; did you mean "build"?`, mainUsage},
		{[]string{"-content", "x", "build"}, `flag "-content" given before the command; the command comes first, as in "build -content ..."`, mainUsage},
		{[]string{"build", "-contnet", "x"}, `unknown flag "-contnet"; did you mean "-content"?`, buildUsage},
		{[]string{"build", "--themes", "x"}, `unknown flag "-themes"; did you mean "-theme"?`, buildUsage},
		{[]string{"build", "-draft"}, `unknown flag "-draft"; did you mean "-drafts"?`, buildUsage},
		{[]string{"build", "-strict"}, `unknown flag "-strict"`, buildUsage},
		{[]string{"build", "-out"}, `flag "-out" needs a value`, buildUsage},
		{[]string{"build", "-drafts=maybe"}, `flag "-drafts" takes no value, or true or false; got "maybe"`, buildUsage},
		{[]string{"build", "content"}, `unexpected argument "content"`, buildUsage},
		{[]string{"build", "-out", "www", "public"}, `unexpected argument "public"`, buildUsage},
		{[]string{"build", "-base-url", "quinzaine.example.org"}, `-base-url "quinzaine.example.org" is not an absolute http or https address, such as "https://quinzaine.example.org/"`, buildUsage},
		{[]string{"build", "-base-url", "ftp://quinzaine.example.org/"}, `-base-url "ftp://quinzaine.example.org/" is not an absolute http or https address, such as "https://quinzaine.example.org/"`, buildUsage},
		{[]string{"build", "-content", "contenu"}, `no folder "contenu" (given to -content)`, buildUsage},
		{[]string{"build", "-theme", "themes/sombre"}, `no folder "themes/sombre" (given to -theme)`, buildUsage},
		{[]string{"build", "-out", "."}, `-out "." would replace the folder "content" (given to -content); choose an output folder of its own`, buildUsage},
		{[]string{"build", "-out", "themes"}, `-out "themes" would replace the folder "themes/default" (given to -theme); choose an output folder of its own`, buildUsage},
		{[]string{"build", "-out", "content"}, `-out "content" would replace the folder "content" (given to -content); choose an output folder of its own`, buildUsage},
		{[]string{"check", "-strcit"}, `unknown flag "-strcit"; did you mean "-strict"?`, checkUsage},
		{[]string{"check", "-out", "public"}, `unknown flag "-out"`, checkUsage},
		{[]string{"check", "-content"}, `flag "-content" needs a value`, checkUsage},
		{[]string{"check", "extra"}, `unexpected argument "extra"`, checkUsage},
		{[]string{"check", "-content", "contenu"}, `no folder "contenu" (given to -content)`, checkUsage},
	}
	dir := emptyProject(t)
	for _, tt := range tests {
		code, stdout, stderr := invoke(t, dir, tt.args...)
		want := tt.first + "\n\n" + tt.usage
		if code != 2 || stdout != "" || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr:\n%s\nwant exit 2, nothing on stdout, and on stderr:\n%s", tt.args, code, stdout, stderr, want)
		}
	}
}

// project extracts the txtar fixture name into a new folder and returns it,
// with the absolute path of the default theme, which fixtures share.
func project(t *testing.T, name string) (dir, theme string) {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", name+".txtar"))
	if err != nil {
		t.Fatal(err)
	}
	theme, err = filepath.Abs(filepath.Join("..", "themes", "default"))
	if err != nil {
		t.Fatal(err)
	}
	dir = t.TempDir()
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(dir, f.Name), string(f.Data))
	}
	return dir, theme
}

func writeFile(t *testing.T, path, body string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

// hashTree returns, for every file and folder under dir, the SHA-256 of its
// content (files) or "dir", with its permissions.
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
		if d.IsDir() {
			sums[rel] = "dir " + info.Mode().String()
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		sums[rel] = hex.EncodeToString(sum[:]) + " " + info.Mode().String()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return sums
}

// sameTree reports the first difference between two hashed trees.
func sameTree(t *testing.T, what string, before, after map[string]string) {
	t.Helper()
	for _, name := range slices.Sorted(maps.Keys(before)) {
		if got, ok := after[name]; !ok {
			t.Errorf("%s: %s disappeared", what, name)
		} else if got != before[name] {
			t.Errorf("%s: %s changed", what, name)
		}
	}
	for _, name := range slices.Sorted(maps.Keys(after)) {
		if _, ok := before[name]; !ok {
			t.Errorf("%s: %s appeared", what, name)
		}
	}
}

var builtLine = regexp.MustCompile(`^built (\d+) events?, (\d+) sessions?, (\d+) venues?: (\d+) files? in (.+) in \d+ (ms|s)\n$`)

func TestBuildWritesTheSiteAndOneSummaryLine(t *testing.T) {
	dir, theme := project(t, "small")
	code, stdout, stderr := invoke(t, dir, "build", "-theme", theme)
	if code != 0 || stderr != "" {
		t.Fatalf("build: exit %d, stderr:\n%s", code, stderr)
	}
	m := builtLine.FindStringSubmatch(stdout)
	if m == nil {
		t.Fatalf("build printed %q; want one line like %q", stdout, "built 1 event, 2 sessions, 1 venue: 12 files in public/ in 8 ms")
	}
	if m[1] != "1" || m[2] != "2" || m[3] != "1" || m[5] != "public/" {
		t.Errorf("build printed %q; want 1 event (the draft left out), 2 sessions, 1 venue, in public/", stdout)
	}
	tree := hashTree(t, filepath.Join(dir, "public"))
	if _, ok := tree["index.html"]; !ok {
		t.Errorf("public/ has no index.html; it holds %v", slices.Sorted(maps.Keys(tree)))
	}
	if files := strconv.Itoa(countRegular(tree)); files != m[4] {
		t.Errorf("summary says %s files; public/ holds %s", m[4], files)
	}
}

func countRegular(tree map[string]string) int {
	n := 0
	for _, v := range tree {
		if !strings.HasPrefix(v, "dir ") {
			n++
		}
	}
	return n
}

func TestDraftsFlagPublishesDrafts(t *testing.T) {
	dir, theme := project(t, "small")
	code, stdout, stderr := invoke(t, dir, "build", "-theme", theme, "-drafts", "-out", "preview")
	if code != 0 || stderr != "" {
		t.Fatalf("build -drafts: exit %d, stderr:\n%s", code, stderr)
	}
	if m := builtLine.FindStringSubmatch(stdout); m == nil || m[1] != "2" || m[2] != "3" || m[5] != "preview/" {
		t.Errorf("build -drafts printed %q; want 2 events, 3 sessions, in preview/", stdout)
	}
}

// brokenVenue misspells `name`.
const brokenVenue = `nmae: "Stade Bollaert-Delelis"
commune: "Lens"
address: "Avenue Alfred Maes"
postcode: "62300"
geo: {lat: 50.4329, lon: 2.8150}
`

func TestBrokenContentLeavesThePreviousOutputByteIdentical(t *testing.T) {
	dir, theme := project(t, "small")
	if code, _, stderr := invoke(t, dir, "build", "-theme", theme); code != 0 {
		t.Fatalf("first build: exit %d:\n%s", code, stderr)
	}
	before := hashTree(t, filepath.Join(dir, "public"))
	event := filepath.Join(dir, "content", "events", "2026", "bal-des-gueules-noires.yaml")
	data, _ := os.ReadFile(event)
	writeFile(t, event, strings.Replace(string(data), "venue: fosse-9-9bis", "venue: fosse-9-9-bis", 1))
	writeFile(t, filepath.Join(dir, "content", "venues", "lens.yaml"), brokenVenue)

	code, stdout, stderr := invoke(t, dir, "build", "-theme", theme)
	if code != 1 || stdout != "" {
		t.Errorf("build of broken content: exit %d, stdout %q; want exit 1 and nothing on stdout", code, stdout)
	}
	want := "content/events/2026/bal-des-gueules-noires.yaml:2:8: unknown venue `fosse-9-9-bis`; did you mean `fosse-9-9bis`?\n" +
		"content/venues/lens.yaml:1:1: unknown field `nmae`; did you mean `name`?\n" +
		"2 errors in 2 files; public/ was not changed.\n"
	if stderr != want {
		t.Errorf("build of broken content printed on stderr:\n%s\nwant:\n%s", stderr, want)
	}
	sameTree(t, "public/ after a failed build", before, hashTree(t, filepath.Join(dir, "public")))
	if entries, _ := os.ReadDir(dir); len(entries) != 2 {
		t.Errorf("project folder holds %d entries after a failed build; want only content and public", len(entries))
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	dir, theme := project(t, "small")
	for _, out := range []string{"a", "b"} {
		if code, _, stderr := invoke(t, dir, "build", "-theme", theme, "-out", out); code != 0 {
			t.Fatalf("build -out %s: exit %d:\n%s", out, code, stderr)
		}
	}
	sameTree(t, "second build", hashTree(t, filepath.Join(dir, "a")), hashTree(t, filepath.Join(dir, "b")))
}

func TestBuildKeepsTheOutputFoldersGitignore(t *testing.T) {
	dir, theme := project(t, "small")
	ignore := filepath.Join(dir, "public", ".gitignore")
	writeFile(t, ignore, "*\n!.gitignore\n")
	for range 2 {
		if code, _, stderr := invoke(t, dir, "build", "-theme", theme); code != 0 {
			t.Fatalf("build: exit %d:\n%s", code, stderr)
		}
	}
	if data, err := os.ReadFile(ignore); err != nil || string(data) != "*\n!.gitignore\n" {
		t.Errorf("public/.gitignore = %q, %v after two builds; want it kept", data, err)
	}
}

func TestCheckReportsAndWritesNothing(t *testing.T) {
	dir, _ := project(t, "small")
	before := hashTree(t, dir)
	code, stdout, stderr := invoke(t, dir, "check")
	if code != 0 || stderr != "" || stdout != "content is valid: 2 events (1 draft), 3 sessions, 1 venue\n" {
		t.Errorf("check: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, "content is valid: 2 events (1 draft), 3 sessions, 1 venue\n")
	}
	sameTree(t, "project after check", before, hashTree(t, dir))

	writeFile(t, filepath.Join(dir, "content", "venues", "lens.yaml"), brokenVenue)
	before = hashTree(t, dir)
	code, stdout, stderr = invoke(t, dir, "check")
	want := "content/venues/lens.yaml:1:1: unknown field `nmae`; did you mean `name`?\n" +
		"1 error in 1 file.\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("check of broken content: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and on stderr:\n%s", code, stdout, stderr, want)
	}
	sameTree(t, "project after a failed check", before, hashTree(t, dir))
}

func TestWarningsFailOnlyAStrictCheck(t *testing.T) {
	dir, theme := project(t, "small")
	event := filepath.Join(dir, "content", "events", "2026", "bal-des-gueules-noires.yaml")
	data, _ := os.ReadFile(event)
	long := strings.Repeat("Bal ", 40)
	writeFile(t, event, strings.Replace(string(data), `title: "Bal des gueules noires"`, `title: "`+long+`"`, 1))

	code, stdout, stderr := invoke(t, dir, "check")
	if code != 0 || !strings.HasPrefix(stdout, "content is valid: ") || !strings.HasPrefix(stderr, "content/events/2026/bal-des-gueules-noires.yaml:1:8: warning: ") {
		t.Errorf("check with a warning: exit %d, stdout %q, stderr %q; want exit 0 and the warning listed", code, stdout, stderr)
	}
	code, _, stderr = invoke(t, dir, "build", "-theme", theme)
	if code != 0 || !strings.HasPrefix(stderr, "content/events/2026/bal-des-gueules-noires.yaml:1:8: warning: ") {
		t.Errorf("build with a warning: exit %d, stderr %q; want exit 0 and the warning listed", code, stderr)
	}
	code, stdout, stderr = invoke(t, dir, "check", "-strict")
	if code != 1 || stdout != "" || !strings.HasSuffix(stderr, "1 error in 1 file.\n") || strings.Contains(stderr, "warning: ") {
		t.Errorf("check -strict with a warning: exit %d, stdout %q, stderr %q; want exit 1 and the warning counted as an error", code, stdout, stderr)
	}
}

func TestShippedContentBuildsAndChecksClean(t *testing.T) {
	content, err := filepath.Abs(filepath.Join("..", "content"))
	if err != nil {
		t.Fatal(err)
	}
	dir, theme := project(t, "small")
	code, stdout, stderr := invoke(t, dir, "check", "-content", content)
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "content is valid: ") {
		t.Errorf("check of the shipped content: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
	}
	for _, out := range []string{"a", "b"} {
		code, stdout, stderr := invoke(t, dir, "build", "-content", content, "-theme", theme, "-out", out)
		if code != 0 || stderr != "" || builtLine.FindStringSubmatch(stdout) == nil {
			t.Fatalf("build of the shipped content: exit %d, stdout %q, stderr:\n%s", code, stdout, stderr)
		}
	}
	sameTree(t, "second build of the shipped content", hashTree(t, filepath.Join(dir, "a")), hashTree(t, filepath.Join(dir, "b")))
}

func TestInterruptedBuildLeavesTheOutputAsItWas(t *testing.T) {
	dir, theme := project(t, "small")
	if code, _, stderr := invoke(t, dir, "build", "-theme", theme); code != 0 {
		t.Fatalf("first build: exit %d:\n%s", code, stderr)
	}
	before := hashTree(t, filepath.Join(dir, "public"))
	// A signal cancels the build's context; here it came before the build
	// had written anything.
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	var stdout, stderr bytes.Buffer
	code := build(ctx, buildOptions{content: "content", theme: theme, out: "public"}, &stdout, &stderr)
	if code != 130 || stdout.String() != "" || stderr.String() != "build interrupted; public/ was not changed.\n" {
		t.Errorf("interrupted build: exit %d, stdout %q, stderr %q; want exit 130 and %q", code, stdout.String(), stderr.String(), "build interrupted; public/ was not changed.\n")
	}
	sameTree(t, "public/ after an interrupted build", before, hashTree(t, filepath.Join(dir, "public")))
}
