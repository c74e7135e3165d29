package serve

import (
	"bytes"
	"fmt"
	"html"
	"io/fs"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"quinzaine/generator/internal/site"
)

// shipped copies the repository's content and default theme into a
// temporary folder, so that tests can edit them.
func shipped(t testing.TB) (contentDir, themeDir string) {
	t.Helper()
	dir := t.TempDir()
	contentDir, themeDir = filepath.Join(dir, "content"), filepath.Join(dir, "theme")
	copyTree(t, filepath.Join("..", "..", "..", "content"), contentDir)
	copyTree(t, filepath.Join("..", "..", "..", "themes", "default"), themeDir)
	return contentDir, themeDir
}

func copyTree(t testing.TB, from, to string) {
	t.Helper()
	err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(from, p)
		dst := filepath.Join(to, rel)
		if d.IsDir() {
			return os.MkdirAll(dst, 0o755)
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		return os.WriteFile(dst, data, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeFile(t testing.TB, dir, rel, data string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
		t.Fatal(err)
	}
}

func readFile(t testing.TB, dir, rel string) string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

func newServer(t testing.TB, contentDir, themeDir string) *Server {
	t.Helper()
	s, r, err := New(Options{Content: contentDir, Theme: themeDir, Drafts: true})
	if err != nil {
		t.Fatal(err)
	}
	if !r.OK() {
		t.Fatalf("first build failed: %v %v", r.Err, r.Problems.Sorted())
	}
	t.Cleanup(s.Close)
	return s
}

// body renders f if it was not yet.
func body(t testing.TB, f *file) []byte {
	t.Helper()
	b, err := f.get()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// sameAsFullBuild checks that the site s serves after its rebuilds is, byte
// for byte, the site a new server builds from the same folders: no output
// was missed.
func sameAsFullBuild(t *testing.T, s *Server, contentDir, themeDir string) {
	t.Helper()
	fresh := newServer(t, contentDir, themeDir).state.Load()
	got := s.state.Load()
	for _, f := range fresh.files {
		g := got.file(f.path)
		switch {
		case g == nil:
			t.Errorf("%s is missing after the rebuild", f.path)
		case !bytes.Equal(body(t, g), body(t, f)):
			t.Errorf("%s is stale after the rebuild", f.path)
		}
	}
	for _, g := range got.files {
		if fresh.file(g.path) == nil {
			t.Errorf("%s is still served after the rebuild", g.path)
		}
	}
}

const edited = "events/2026/atelier-dessine-ton-chevalement.yaml"

func TestEditingAnEventRerendersWhatShowsItAndNothingElse(t *testing.T) {
	contentDir, themeDir := shipped(t)
	s := newServer(t, contentDir, themeDir)
	before := s.state.Load()

	src := readFile(t, contentDir, edited)
	const title = "Atelier des chevalements imaginaires"
	firstLine := src[:strings.Index(src, "\n")]
	writeFile(t, contentDir, edited, strings.Replace(src, firstLine, `title: "`+title+`"`, 1))
	r := s.Rebuild([]string{edited}, false)
	if !r.OK() {
		t.Fatalf("rebuild failed: %v %v", r.Err, r.Problems.Sorted())
	}
	if !slices.Equal(r.Read, []string{edited}) {
		t.Errorf("read again %v, want only %s", r.Read, edited)
	}
	after := s.state.Load()

	// Its own page in both languages, its calendar, its venue, its
	// commune, its two days, its category and audience, with their
	// calendars, and the lists of the whole programme.
	for _, want := range []string{
		"evenements/2026/atelier-dessine-ton-chevalement/index.html",
		"en/events/2026/atelier-dessine-ton-chevalement/index.html",
		"evenements/2026/atelier-dessine-ton-chevalement.ics",
		"lieux/cite-des-electriciens/index.html",
		"lieux/cite-des-electriciens.ics",
		"programme/2026-06-23/index.html",
		"programme/2026-06-30/index.html",
		"en/programme/2026-06-30/index.html",
		"themes/atelier.ics",
		"programme/index.html",
		"evenements/2026.ics",
		"donnees/evenements.json",
		"feed.xml",
	} {
		if !slices.Contains(r.Rendered, want) {
			t.Errorf("%s was not rendered again", want)
		}
	}
	// Every output that shows the new title was rendered again; every
	// other one rendered again lists the whole programme.
	for _, o := range r.Rendered {
		if !bytes.Contains(body(t, after.file(o)), []byte(title)) && !bytes.Contains(body(t, before.file(o)), []byte("chevalement")) &&
			!slices.Equal(after.file(o).deps, []string{site.AllContent}) {
			t.Errorf("%s was rendered again, but does not show the event", o)
		}
	}
	for _, f := range after.files {
		if bytes.Contains(body(t, f), []byte(title)) && !slices.Contains(r.Rendered, f.path) {
			t.Errorf("%s shows the event but was not rendered again", f.path)
		}
	}
	if len(r.Rendered) > len(before.files)/4 {
		t.Errorf("rendered %d of %d outputs again for one event", len(r.Rendered), len(before.files))
	}
	t.Logf("rendered %d of %d outputs: %v", len(r.Rendered), len(before.files), r.Rendered)
	sameAsFullBuild(t, s, contentDir, themeDir)
}

// editStep is one edit of the shipped content and the files it changes.
type editStep struct {
	name    string
	changed []string
	do      func()
}

// editSteps each change what the programme looks like in a different way.
func editSteps(t *testing.T, contentDir string) []editStep {
	src := readFile(t, contentDir, edited)
	venue := readFile(t, contentDir, "venues/cite-des-electriciens.yaml")
	page := readFile(t, contentDir, "pages/a-propos.md")
	siteYAML := readFile(t, contentDir, "site.yaml")
	const venueFile, pageFile, added = "venues/cite-des-electriciens.yaml", "pages/a-propos.md", "events/2026/atelier-bis.yaml"
	return []editStep{
		{"a new summary", []string{edited}, func() {
			writeFile(t, contentDir, edited, strings.Replace(src, `summary: "`, `summary: "Nouveau : `, 1))
		}},
		{"retitled, to sort first", []string{edited}, func() {
			writeFile(t, contentDir, edited, strings.Replace(src, `title: "`, `title: "À l’aube, `, 1))
		}},
		{"moved to another day", []string{edited}, func() {
			writeFile(t, contentDir, edited, strings.ReplaceAll(src, "2026-06-30T", "2026-07-02T"))
		}},
		{"moved to another venue", []string{edited}, func() {
			writeFile(t, contentDir, edited, strings.Replace(src, "venue: cite-des-electriciens", "venue: louvre-lens", 1))
		}},
		{"another category", []string{edited}, func() {
			writeFile(t, contentDir, edited, strings.Replace(src, "categories: [atelier]", "categories: [visite, atelier]", 1))
		}},
		{"cancelled", []string{edited}, func() {
			writeFile(t, contentDir, edited, src+"status: cancelled\n")
		}},
		{"a day outside the edition", []string{edited}, func() {
			writeFile(t, contentDir, edited, strings.ReplaceAll(src, "2026-06-30T", "2026-07-12T"))
		}},
		{"a new event", []string{added}, func() {
			writeFile(t, contentDir, added, strings.Replace(src, "dessine ton", "dessine encore ton", 1))
		}},
		{"an event deleted", []string{edited}, func() {
			if err := os.Remove(filepath.Join(contentDir, filepath.FromSlash(edited))); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}},
		{"a venue renamed", []string{venueFile}, func() {
			writeFile(t, contentDir, venueFile, strings.Replace(venue, "name: ", "name: Nouvelle ", 1))
		}},
		{"a page retitled", []string{pageFile}, func() {
			writeFile(t, contentDir, pageFile, strings.Replace(page, "title: ", "title: Tout ", 1))
		}},
		{"the site retitled", []string{"site.yaml"}, func() {
			writeFile(t, contentDir, "site.yaml", strings.Replace(siteYAML, "title: ", "title: Encore ", 1))
		}},
	}
}

// After each edit, the site must be what a full build gives, whether the
// preview is told which files changed (Update, as from the watcher) or not
// (Rebuild with nil, which looks at every file).
func TestRebuildsAfterAnyEditMatchAFullBuild(t *testing.T) {
	for _, told := range []bool{false, true} {
		t.Run(fmt.Sprint("told=", told), func(t *testing.T) {
			contentDir, themeDir := shipped(t)
			s := newServer(t, contentDir, themeDir)
			for _, step := range editSteps(t, contentDir) {
				step.do()
				var r Result
				if told {
					r = s.Update(step.changed, false)
				} else {
					r = s.Rebuild(nil, false)
				}
				if !r.OK() {
					t.Fatalf("%s: rebuild failed: %v %v", step.name, r.Err, r.Problems.Sorted())
				}
				t.Logf("%s: rendered %d of %d, removed %d", step.name, len(r.Rendered), r.Planned, len(r.Removed))
				sameAsFullBuild(t, s, contentDir, themeDir)
				if t.Failed() {
					t.Fatalf("after %s", step.name)
				}
			}
		})
	}
}

// TestUpdatesThroughRandomEditsMatchAFullBuild applies the edits above in a
// random order, with repeats (seeded), each followed by an Update told of
// the files it changed.
func TestUpdatesThroughRandomEditsMatchAFullBuild(t *testing.T) {
	contentDir, themeDir := shipped(t)
	s := newServer(t, contentDir, themeDir)
	steps := editSteps(t, contentDir)
	rnd := rand.New(rand.NewPCG(5, 6))
	for i := range 12 {
		step := steps[rnd.IntN(len(steps))]
		step.do()
		if r := s.Update(step.changed, false); !r.OK() {
			t.Fatalf("edit %d, %s: rebuild failed: %v %v", i, step.name, r.Err, r.Problems.Sorted())
		}
		sameAsFullBuild(t, s, contentDir, themeDir)
		if t.Failed() {
			t.Fatalf("after edit %d, %s", i, step.name)
		}
	}
}

func TestBrokenContentKeepsTheLastGoodSite(t *testing.T) {
	contentDir, themeDir := shipped(t)
	var log bytes.Buffer
	s, _, err := New(Options{Content: contentDir, Theme: themeDir, Log: &log})
	if err != nil {
		t.Fatal(err)
	}
	good := s.state.Load()
	src := readFile(t, contentDir, edited)
	writeFile(t, contentDir, edited, strings.Replace(src, "venue: cite-des-electriciens", "venue: cite-des-electricien", 1))
	r := s.Rebuild([]string{edited}, false)
	if r.OK() {
		t.Fatal("a rebuild of broken content succeeded")
	}
	st := s.state.Load()
	want := []string{filepath.ToSlash(contentDir) + "/" + edited + ":2:8: unknown venue `cite-des-electricien`; did you mean `cite-des-electriciens`?"}
	if !slices.Equal(st.problems, want) {
		t.Errorf("problems:\n%q\nwant:\n%q", st.problems, want)
	}
	if st.version != good.version || !slices.Equal(st.files, good.files) {
		t.Error("the site changed after a broken save")
	}
	if !strings.Contains(log.String(), want[0]+"\n") || !strings.Contains(log.String(), "1 error in 1 file; the preview still shows the last good site.\n") {
		t.Errorf("terminal:\n%s", log.String())
	}
	writeFile(t, contentDir, edited, src)
	if r := s.Rebuild([]string{edited}, false); !r.OK() {
		t.Fatalf("the fixed content did not rebuild: %v", r.Problems.Sorted())
	}
	if st := s.state.Load(); st.problems != nil {
		t.Errorf("problems still shown after the fix: %q", st.problems)
	}
}

func TestAPanicInTheGeneratorIsReportedNotFatal(t *testing.T) {
	contentDir, themeDir := shipped(t)
	s := newServer(t, contentDir, themeDir)
	s.cache = nil // Rebuild dereferences it
	r := s.Rebuild(nil, false)
	if r.Err == nil || !strings.HasPrefix(r.Err.Error(), "the generator failed: ") {
		t.Fatalf("Err = %v", r.Err)
	}
	if st := s.state.Load(); len(st.problems) != 1 || st.summary != "the site could not be built" {
		t.Errorf("problems %q, summary %q", st.problems, st.summary)
	}
}

func TestDraftsAreShownMarkedAsDrafts(t *testing.T) {
	contentDir, themeDir := shipped(t)
	st := newServer(t, contentDir, themeDir).state.Load()
	for path, badge := range map[string]string{
		"evenements/2026/feu-d-artifice-haillicourt/index.html": `<strong class="status status-draft">Brouillon</strong>`,
		"en/events/2026/feu-d-artifice-haillicourt/index.html":  `<strong class="status status-draft">Draft</strong>`,
	} {
		f := st.file(path)
		if f == nil || !bytes.Contains(body(t, f), []byte(badge)) {
			t.Errorf("%s: the draft is not shown marked %s", path, badge)
		}
	}
	if f := st.file("evenements/2026/atelier-dessine-ton-chevalement/index.html"); bytes.Contains(body(t, f), []byte("status-draft")) {
		t.Error("a published event is marked as a draft")
	}
}

func TestContentBrokenFromTheStartShowsItsErrorsAndRecovers(t *testing.T) {
	contentDir, themeDir := shipped(t)
	src := readFile(t, contentDir, "site.yaml")
	writeFile(t, contentDir, "site.yaml", strings.Replace(src, "title:", "titel:", 1))
	s, r, err := New(Options{Content: contentDir, Theme: themeDir})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if r.OK() {
		t.Fatal("broken content built")
	}
	rec := httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	want := html.EscapeString(filepath.ToSlash(contentDir) + "/site.yaml:2:1: unknown field `titel`; did you mean `title`?")
	if rec.Code != 404 || !strings.Contains(rec.Body.String(), `id="`+OverlayID+`"`) || !strings.Contains(rec.Body.String(), want) {
		t.Errorf("GET /: %d\n%s", rec.Code, rec.Body.String())
	}
	writeFile(t, contentDir, "site.yaml", src)
	if r := s.Rebuild([]string{"site.yaml"}, false); !r.OK() {
		t.Fatalf("the fixed content did not build: %v", r.Problems.Sorted())
	}
	rec = httptest.NewRecorder()
	s.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if rec.Code != 200 || strings.Contains(rec.Body.String(), OverlayID) {
		t.Errorf("GET / after the fix: %d", rec.Code)
	}
}

// A save that another file's error keeps from the site shows once that
// error is fixed, though the fix touches only the other file.
func TestAnEditHeldBackByAnErrorElsewhereShowsAfterTheFix(t *testing.T) {
	contentDir, themeDir := shipped(t)
	s := newServer(t, contentDir, themeDir)
	for _, f := range s.state.Load().files {
		body(t, f)
	}
	const other = "venues/base-11-19.yaml"
	src, otherSrc := readFile(t, contentDir, edited), readFile(t, contentDir, other)
	writeFile(t, contentDir, edited, strings.Replace(src, `title: "`, `title: "Retenu, `, 1))
	writeFile(t, contentDir, other, strings.Replace(otherSrc, "name: ", "nom: ", 1))
	if r := s.Update([]string{edited, other}, false); r.OK() {
		t.Fatal("a rebuild of broken content succeeded")
	}
	writeFile(t, contentDir, other, otherSrc)
	if r := s.Update([]string{other}, false); !r.OK() {
		t.Fatalf("the fixed content did not rebuild: %v %v", r.Err, r.Problems.Sorted())
	}
	sameAsFullBuild(t, s, contentDir, themeDir)
}
