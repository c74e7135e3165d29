package sitecheck

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

type vnuMessage struct {
	Type      string `json:"type"`
	SubType   string `json:"subType"`
	URL       string `json:"url"`
	LastLine  int    `json:"lastLine"`
	FirstCol  int    `json:"firstColumn"`
	LastCol   int    `json:"lastColumn"`
	Message   string `json:"message"`
	Extract   string `json:"extract"`
	HiliteLen int    `json:"hiliteLength"`
}

// vnu runs the Nu HTML Checker over every HTML file under dir and returns
// its errors, sorted by file and position, or skips the test when the
// checker or Java is missing.
func vnu(t *testing.T, dir string) []string {
	t.Helper()
	jar := filepath.Join(npmModules, "vnu-jar", "build", "dist", "vnu.jar")
	if _, err := os.Stat(jar); err != nil {
		required(t, "vnu.jar", "npm install --prefix .cache/npm --ignore-scripts vnu-jar, as .ci/run does")
	}
	java, err := exec.LookPath("java")
	if err != nil {
		required(t, "java", "apt-get install default-jre-headless, as .ci/run does")
	}
	var stdout, stderr bytes.Buffer
	cmd := exec.Command(java, "-jar", jar, "--errors-only", "--format", "json", "--skip-non-html", dir)
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err = cmd.Run()
	// The checker exits 1 when it reports errors; its JSON report goes to
	// standard error.
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		t.Fatalf("running the Nu HTML Checker: %v", err)
	}
	var report struct {
		Messages []vnuMessage `json:"messages"`
	}
	if jerr := json.Unmarshal(stderr.Bytes(), &report); jerr != nil {
		t.Fatalf("the Nu HTML Checker's report is not JSON (%v; exit %v):\n%s%s", jerr, err, stderr.String(), stdout.String())
	}
	ms := report.Messages
	for i := range ms {
		ms[i].URL = siteFile(ms[i].URL, dir)
		if ms[i].FirstCol == 0 {
			ms[i].FirstCol = ms[i].LastCol
		}
	}
	slices.SortStableFunc(ms, func(a, b vnuMessage) int {
		return cmp.Or(cmp.Compare(a.URL, b.URL), cmp.Compare(a.LastLine, b.LastLine), cmp.Compare(a.FirstCol, b.FirstCol))
	})
	// --errors-only leaves errors and fatal messages; "non-document
	// errors" (a file that cannot be read) are failures too.
	var msgs []string
	for _, m := range ms {
		msgs = append(msgs, fmt.Sprintf("%s:%d:%d: %s: %s\n\t%s", m.URL, m.LastLine, m.FirstCol, m.Type, m.Message,
			strings.ReplaceAll(clip(m.Extract, 160), "\n", "↵")))
	}
	if len(msgs) == 0 && err != nil {
		t.Errorf("the Nu HTML Checker failed without a message: %v\n%s", err, stderr.String())
	}
	return msgs
}

// The Nu HTML Checker, the W3C's validator, finds no error in any HTML
// file of the built site, every language and page included.
func TestNuHTMLCheckerFindsNoErrorInTheWholeSite(t *testing.T) {
	s := shippedSite(t)
	msgs := vnu(t, s.dir)
	for _, m := range msgs {
		t.Error(m)
	}
	t.Logf("Nu HTML Checker: %d HTML files checked, %d errors", len(s.pages), len(msgs))
}

// The check sees what it is meant to see: a misnested page is reported
// with its file and line, and a file that is not HTML is left alone.
func TestNuHTMLCheckerReportsTheErrorsOfABadPage(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"lieux/x/index.html": "<!doctype html>\n<html lang=\"fr\"><title>x</title>\n<p><div>x</p>\n",
		"donnees/lieux.json": `{"not": "html"}`,
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	msgs := vnu(t, dir)
	want := "lieux/x/index.html:3:10: error: No “p” element in scope but a “p” end tag seen.\n"
	if !slices.ContainsFunc(msgs, func(m string) bool { return strings.HasPrefix(m, want) }) {
		t.Errorf("messages %q; want one starting with %q", msgs, want)
	}
	for _, m := range msgs {
		if strings.Contains(m, "lieux.json") {
			t.Errorf("a JSON file was checked as HTML: %s", m)
		}
	}
}

// siteFile turns the checker's file: address into a path in the site.
func siteFile(u, dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return u
	}
	p := strings.TrimPrefix(u, "file:")
	if rel, err := filepath.Rel(abs, filepath.FromSlash(p)); err == nil && !strings.HasPrefix(rel, "..") {
		return filepath.ToSlash(rel)
	}
	return u
}
