package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestNewEventIsADraftThatChecksCleanAndShowsWithDrafts(t *testing.T) {
	dir, theme := project(t, "small")
	code, stdout, stderr := invoke(t, dir, "new", "event", "fete-de-la-sainte-barbe")
	want := "created content/events/2026/fete-de-la-sainte-barbe.yaml, a draft: fill it in, check it with \"go run ./generator check\", then remove `draft: true` to publish it\n"
	if code != 0 || stdout != want || stderr != "" {
		t.Fatalf("new event: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "content", "events", "2026", "fete-de-la-sainte-barbe.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{
		"# yaml-language-server: $schema=../../../schemas/event.schema.json\n",
		"venue: fosse-9-9bis\n", "# Lieux possibles : fosse-9-9bis\n",
		"categories: [bal]\n", "# Thèmes possibles : bal, visite\n",
		"  - start: 2026-06-20T20:00\n", "draft: true\n",
	} {
		if !strings.Contains(string(data), s) {
			t.Errorf("the new event does not contain %q:\n%s", s, data)
		}
	}
	code, stdout, stderr = invoke(t, "", "check")
	if code != 0 || stderr != "" || stdout != "content is valid: 3 events (2 drafts), 4 sessions, 1 venue\n" {
		t.Errorf("check after new event: exit %d, stdout %q, stderr %q; want a clean check counting the new draft", code, stdout, stderr)
	}
	code, _, stderr = invoke(t, "", "build", "-theme", theme, "-drafts")
	if code != 0 {
		t.Fatalf("build -drafts: exit %d:\n%s", code, stderr)
	}
	page, err := os.ReadFile(filepath.Join(dir, "public", "evenements", "2026", "fete-de-la-sainte-barbe", "index.html"))
	if err != nil || !strings.Contains(string(page), "Fete de la sainte barbe") {
		t.Errorf("build -drafts has no page with the new event's title (%v)", err)
	}
	if code, _, stderr = invoke(t, "", "build", "-theme", theme); code != 0 {
		t.Fatalf("build: exit %d:\n%s", code, stderr)
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "evenements", "2026", "fete-de-la-sainte-barbe")); err == nil {
		t.Errorf("build without -drafts published the new draft")
	}
}

func TestNewVenueAsksForWhatOnlyTheEditorKnows(t *testing.T) {
	dir, _ := project(t, "small")
	code, stdout, stderr := invoke(t, dir, "new", "venue", "stade-bollaert")
	want := "created content/venues/stade-bollaert.yaml: fill in `commune`, `address`, `postcode` and `geo`, then check it with \"go run ./generator check\"\n"
	if code != 0 || stdout != want || stderr != "" {
		t.Fatalf("new venue: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, want)
	}
	data, _ := os.ReadFile(filepath.Join(dir, "content", "venues", "stade-bollaert.yaml"))
	if !strings.HasPrefix(string(data), "# yaml-language-server: $schema=../../schemas/venue.schema.json\n") {
		t.Errorf("the new venue does not start with the schema line:\n%s", data)
	}
	code, stdout, stderr = invoke(t, "", "check")
	// Each blank the editor has to fill in is named at its own line.
	wantErr := "content/venues/stade-bollaert.yaml:12:9: `commune` is empty; write the commune's name\n" +
		"content/venues/stade-bollaert.yaml:13:9: `address` is empty; write the number and street, without the commune\n" +
		"content/venues/stade-bollaert.yaml:14:10: `postcode` is empty; write the postcode, such as `62590`\n" +
		"content/venues/stade-bollaert.yaml:21:7: `lat` is empty; write the latitude, such as `50.4347`\n" +
		"content/venues/stade-bollaert.yaml:22:7: `lon` is empty; write the longitude, such as `2.8239`\n" +
		"5 errors in 1 file.\n"
	if code != 1 || stdout != "" || stderr != wantErr {
		t.Errorf("check after new venue: exit %d, stdout %q, stderr:\n%s\nwant exit 1 and:\n%s", code, stdout, stderr, wantErr)
	}
}

func TestNewRefusesToOverwrite(t *testing.T) {
	dir, _ := project(t, "small")
	path := filepath.Join(dir, "content", "venues", "fosse-9-9bis.yaml")
	before, _ := os.ReadFile(path)
	code, stdout, stderr := invoke(t, dir, "new", "venue", "fosse-9-9bis")
	want := "content/venues/fosse-9-9bis.yaml already exists and was left as it is; choose another name, or edit that file\n"
	if code != 1 || stdout != "" || stderr != want {
		t.Errorf("new venue over an existing one: exit %d, stdout %q, stderr %q; want exit 1 and %q", code, stdout, stderr, want)
	}
	if after, _ := os.ReadFile(path); string(after) != string(before) {
		t.Errorf("the existing venue was changed")
	}
}

func TestNewExplainsItsCommandLine(t *testing.T) {
	dir, _ := project(t, "small")
	tests := []struct {
		args  []string
		code  int
		first string // the first line on stderr
	}{
		{[]string{"new"}, 2, `missing what to create: "event" or "venue"`},
		{[]string{"new", "event"}, 2, `missing the name of the new event, such as "bal-des-gueules-noires"`},
		{[]string{"new", "lieu", "x"}, 2, `cannot create "lieu"; create an "event" or a "venue"`},
		{[]string{"new", "evnt", "x"}, 2, `cannot create "evnt"; did you mean "event"?`},
		{[]string{"new", "event", "Bal des Mineurs"}, 2, "`Bal des Mineurs` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `bal-des-mineurs`"},
		{[]string{"new", "event", "bal", "des", "mineurs"}, 2, `unexpected argument "des"; a name has no spaces, such as "bal-des"`},
		{[]string{"new", "event", "-contnt", "x", "bal"}, 2, `unknown flag "-contnt"; did you mean "-content"?`},
	}
	for _, tt := range tests {
		code, stdout, stderr := invoke(t, dir, tt.args...)
		first, _, _ := strings.Cut(stderr, "\n")
		if code != tt.code || stdout != "" || first != tt.first {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit %d and first line %q", tt.args, code, stdout, stderr, tt.code, tt.first)
		}
		if tt.code == 2 && !strings.HasPrefix(tt.first, "`") && !strings.HasSuffix(stderr, newUsage) {
			t.Errorf("%q: stderr does not end with the usage of new", tt.args)
		}
	}
	if entries, _ := os.ReadDir(filepath.Join(dir, "content", "events", "2026")); len(entries) != 2 {
		t.Errorf("wrong command lines created files: events/2026 holds %d files", len(entries))
	}
}

func TestNewStillScaffoldsWhenTheContentHasErrors(t *testing.T) {
	dir, _ := project(t, "small")
	writeFile(t, filepath.Join(dir, "content", "venues", "lens.yaml"), brokenVenue)
	code, stdout, stderr := invoke(t, dir, "new", "event", "bal")
	wantErr := "note: the content has 1 error already (run \"go run ./generator check\" to see them); the new file uses what site.yaml gives\n"
	if code != 0 || !strings.HasPrefix(stdout, "created content/events/2026/bal.yaml") || stderr != wantErr {
		t.Errorf("new event beside a broken venue: exit %d, stdout %q, stderr %q; want exit 0 and %q", code, stdout, stderr, wantErr)
	}
}
