package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A link the pages cannot publish (javascript:, data:, file:…) is left out
// of the HTML, and the editor is told where it is: the build still succeeds,
// with one warning per link at its line in the file.
func TestUnsafeLinksInDescriptionsAreWarnedAtTheirLine(t *testing.T) {
	dir, theme := project(t, "small")
	event := filepath.Join(dir, "content", "events", "2026", "bal-des-gueules-noires.yaml")
	data, err := os.ReadFile(event)
	if err != nil {
		t.Fatal(err)
	}
	// Lines 10 to 13 of the file.
	writeFile(t, event, string(data)+"description: |\n  Un grand bal.\n\n  [Réserver](javascript:alert(1)) ou [écrire](mailto:bal@example.org).\n")
	code, stdout, stderr := invoke(t, dir, "build", "-theme", theme)
	want := "content/events/2026/bal-des-gueules-noires.yaml:13: warning: link to `javascript:alert(1)` is not published; links may only go to http, https, mailto or tel addresses\n"
	if code != 0 || stderr != want {
		t.Errorf("build: exit %d, stderr:\n%s\nwant exit 0 and:\n%s", code, stderr, want)
	}
	if !strings.HasPrefix(stdout, "built ") {
		t.Errorf("build printed %q; want its summary line", stdout)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "evenements", "2026", "bal-des-gueules-noires", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(page), "javascript:") || !strings.Contains(string(page), `href="mailto:bal@example.org"`) {
		t.Error("the page should keep the mailto link and publish no javascript: address")
	}
}
