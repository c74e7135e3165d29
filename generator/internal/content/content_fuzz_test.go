package content

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"quinzaine/generator/internal/diag"
)

// fuzzSite is a valid site.yaml, written beside the fuzzed venue and event
// files so that only the fuzzed file can have problems.
const fuzzSite = `title: "Quinzaine festive"
base_url: "https://quinzaine.example.org/"
timezone: Europe/Paris
languages: [fr, en]
edition: {year: 2026, start: 2026-06-20, end: 2026-07-05}
categories:
  concert: {fr: "Concert", en: "Concert"}
`

// fuzzDir makes the content folder a fuzz target loads, holding a valid
// site.yaml (unless the target fuzzes site.yaml itself) and one picture.
// It lives in memory under /dev/shm where there is one: rewriting a file
// on a journalled disk costs milliseconds, a hundred times the load.
func fuzzDir(f *testing.F, withSite bool) string {
	base := f.TempDir()
	if info, err := os.Stat("/dev/shm"); err == nil && info.IsDir() {
		if d, err := os.MkdirTemp("/dev/shm", "quinzaine-fuzz-"); err == nil {
			f.Cleanup(func() { os.RemoveAll(d) })
			base = d
		}
	}
	dir := filepath.Join(base, "content")
	files := map[string]string{"images/bal.jpg": jpegHeader(1200, 800)}
	if withSite {
		files["site.yaml"] = fuzzSite
	}
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			f.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			f.Fatal(err)
		}
	}
	return dir
}

// fuzzLoad writes data as the file rel of the content folder dir, loads the
// folder and checks what holds for any input: loading ends, every
// diagnostic is about that file at a position inside it, and a file that
// could not be read says why. It returns the tree and the number of
// errors.
func fuzzLoad(t *testing.T, dir, rel string, data []byte) (*Tree, int) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	type result struct {
		tree  *Tree
		diags diag.List
	}
	done := make(chan result, 1)
	go func() {
		tree, diags := Load(dir, Options{MaxFileSize: 64 << 10})
		done <- result{tree, diags}
	}()
	var r result
	select {
	case r = <-done:
	case <-time.After(20 * time.Second):
		t.Fatalf("loading %q did not end within 20 s", data)
	}
	file := filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel)))
	text := strings.TrimPrefix(string(data), "\xef\xbb\xbf")
	lines := lineBreak.Split(text, -1)
	for _, d := range r.diags.Sorted() {
		if d.Pos.File != file {
			t.Errorf("diagnostic about another file than %s: %s", rel, d)
			continue
		}
		if d.Pos.Line < 0 || d.Pos.Line > len(lines) {
			t.Errorf("%q: line %d is outside the file's %d lines: %s", data, d.Pos.Line, len(lines), d)
			continue
		}
		if d.Pos.Line > 0 && utf8.ValidString(text) {
			if n := utf8.RuneCountInString(lines[d.Pos.Line-1]); d.Pos.Col < 0 || d.Pos.Col > n+1 {
				t.Errorf("%q: column %d is outside line %d, %d characters long: %s", data, d.Pos.Col, d.Pos.Line, n, d)
			}
		}
		if d.Message == "" {
			t.Errorf("%q: empty message at %s", data, d.Pos)
		}
	}
	return r.tree, r.diags.Count(diag.Error)
}

// lineBreak matches what YAML counts as the end of a line, and so do
// most editors: a lone carriage return starts a new line too.
var lineBreak = regexp.MustCompile("\r\n|\r|\n|\u0085|\u2028|\u2029")

func fuzzSeeds(f *testing.F, seeds ...string) {
	for _, s := range seeds {
		f.Add([]byte(s))
	}
}

// FuzzVenue loads any bytes as a venue file: a venue without errors has
// every required field; one that could not be read has an error.
func FuzzVenue(f *testing.F) {
	fuzzSeeds(f, "name: Fosse 9-9bis\ncommune: Oignies\naddress: Rue Alain Bashung\npostcode: 62590\ngeo: {lat: 50.46, lon: 2.99}\n")
	dir := fuzzDir(f, true)
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, errs := fuzzLoad(t, dir, "venues/fosse.yaml", data)
		if len(tree.Venues) != 1 {
			t.Fatalf("%q: %d venues; want 1", data, len(tree.Venues))
		}
		v := tree.Venues[0]
		if v.Broken && errs == 0 {
			t.Fatalf("%q: the venue could not be read, yet no error says why", data)
		}
		if errs == 0 && !(v.Name.Given() && v.Commune.Given() && v.Address.Given() && v.Postcode.Given() && v.Lat.Given() && v.Lon.Given()) {
			t.Fatalf("%q: no error, yet a required field is missing: %+v", data, v)
		}
	})
}

// FuzzEvent loads any bytes as an event file: an event without errors has
// a title, a venue, a category and at least one session or a daily
// opening, each session ending after it starts.
func FuzzEvent(f *testing.F) {
	fuzzSeeds(f, "title: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T20:30\n")
	dir := fuzzDir(f, true)
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, errs := fuzzLoad(t, dir, "events/2026/bal.yaml", data)
		if len(tree.Events) != 1 {
			t.Fatalf("%q: %d events; want 1", data, len(tree.Events))
		}
		e := tree.Events[0]
		if e.Broken && errs == 0 {
			t.Fatalf("%q: the event could not be read, yet no error says why", data)
		}
		if errs > 0 {
			return
		}
		if !e.Title.Given() || !e.Venue.Given() || len(e.Categories) == 0 || (len(e.Sessions) == 0 && e.Daily == nil) {
			t.Fatalf("%q: no error, yet a required field is missing: %+v", data, e)
		}
		for _, s := range e.Sessions {
			if s.End.Given() && s.End.Wall().Before(s.Start.Wall()) {
				t.Fatalf("%q: no error, yet a session ends %s before it starts %s", data, s.End.Raw, s.Start.Raw)
			}
		}
	})
}

// FuzzSite loads any bytes as site.yaml: a site without errors has its
// title, base URL, a language and the edition's dates.
func FuzzSite(f *testing.F) {
	fuzzSeeds(f, fuzzSite)
	dir := fuzzDir(f, false)
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, errs := fuzzLoad(t, dir, "site.yaml", data)
		s := tree.Site
		if errs > 0 {
			return
		}
		if s == nil || !s.Title.Given() || !s.BaseURL.Given() || len(s.Languages) == 0 || !s.Edition.Start.Given() || !s.Edition.End.Given() {
			t.Fatalf("%q: no error, yet a required field is missing: %+v", data, s)
		}
	})
}

// FuzzPage loads any bytes as a Markdown page: a page without errors has a
// title and a body that starts inside the file.
func FuzzPage(f *testing.F) {
	fuzzSeeds(f, "---\ntitle: À propos\n---\nLe festival.\n")
	dir := fuzzDir(f, true)
	f.Fuzz(func(t *testing.T, data []byte) {
		tree, errs := fuzzLoad(t, dir, "pages/a-propos.md", data)
		if len(tree.Pages) != 1 {
			t.Fatalf("%q: %d pages; want 1", data, len(tree.Pages))
		}
		p := tree.Pages[0]
		if p.Broken && errs == 0 {
			t.Fatalf("%q: the page could not be read, yet no error says why", data)
		}
		if errs == 0 && (!p.Title.Given() || p.Body.Pos.Line < 1 || p.Body.Pos.Line > strings.Count(string(data), "\n")+2) {
			t.Fatalf("%q: no error, yet the title is missing or the body is at line %d", data, p.Body.Pos.Line)
		}
	})
}
