package hostile

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/feed"
	"quinzaine/generator/internal/ical"
	"quinzaine/generator/internal/jsonld"
	"quinzaine/generator/internal/opendata"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/site"
	"quinzaine/generator/internal/sitemap"
	"quinzaine/generator/internal/theme"
)

// themeDir is the shipped theme, from this package's folder.
var themeDir = filepath.Join("..", "..", "..", "themes", "default")

// build is what TestHostileContent* share: testdata/hostile.txtar written
// as a content folder, loaded, planned with the default theme and written
// into site/, and every encoder run into encoders/. It returns the two
// folders and the theme.
func build(t *testing.T) (siteDir, encDir string, th *theme.Theme) {
	t.Helper()
	root := t.TempDir()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "hostile.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range ar.Files {
		writeFile(t, filepath.Join(root, filepath.FromSlash(f.Name)), f.Data)
	}
	writeFile(t, filepath.Join(root, "content", "images", "hostile.jpg"), picture(t))

	contentDir := filepath.Join(root, "content")
	p, diags := programme.Load(contentDir, content.Options{}, programme.Options{})
	if diags.HasErrors(false) {
		var b bytes.Buffer
		diag.WriteText(&b, diags)
		t.Fatalf("the hostile content does not load:\n%s", b.String())
	}
	th, err = theme.Load(os.DirFS(themeDir))
	if err != nil {
		t.Fatal(err)
	}
	outputs, err := site.Plan(p, th, site.Options{ContentDir: contentDir, CacheDir: filepath.Join(root, "cache")})
	if err != nil {
		t.Fatal(err)
	}
	siteDir = filepath.Join(root, "site")
	if err := site.Write(siteDir, outputs); err != nil {
		t.Fatal(err)
	}
	encDir = filepath.Join(root, "encoders")
	encode(t, encDir, p)
	return siteDir, encDir, th
}

// encode runs every encoder of the model directly, whether or not the
// site's plan uses it yet, so that none escapes the scan.
func encode(t *testing.T, dir string, p *programme.Programme) {
	t.Helper()
	base := p.Site.BaseURL
	out := func(name string, render func(w io.Writer) error) {
		var b bytes.Buffer
		if err := render(&b); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		writeFile(t, filepath.Join(dir, name), b.Bytes())
	}
	out("edition.ics", func(w io.Writer) error { return ical.Encode(w, ical.Edition(p, base)) })
	for _, e := range p.Events {
		out("event-"+e.Slug+".ics", func(w io.Writer) error { return ical.Encode(w, ical.ForEvent(p, e, base)) })
	}
	for _, v := range p.Venues {
		out("venue-"+v.Slug+".ics", func(w io.Writer) error { return ical.Encode(w, ical.ForVenue(p, v, base)) })
	}
	for _, c := range p.Categories {
		out("category-"+c.Key+".ics", func(w io.Writer) error { return ical.Encode(w, ical.ForCategory(p, c, base)) })
	}
	for _, lang := range p.Site.Languages {
		out("feed-"+lang+".xml", func(w io.Writer) error { return feed.Atom(w, p, lang, base) })
		out("changes-"+lang+".xml", func(w io.Writer) error { return feed.Changes(w, p, lang, base) })
		for _, e := range p.Events {
			out(fmt.Sprintf("event-%s-%s.jsonld", e.Slug, lang), func(w io.Writer) error {
				b, err := jsonld.Event(p, e, lang, base)
				w.Write(b)
				return err
			})
		}
		out("edition-"+lang+".jsonld", func(w io.Writer) error {
			b, err := jsonld.Edition(p, lang, base)
			w.Write(b)
			return err
		})
	}
	out(opendata.EventsFile, func(w io.Writer) error { return opendata.EventsJSON(w, p, base) })
	out(opendata.SessionsFile, func(w io.Writer) error { return opendata.SessionsCSV(w, p, base) })
	out(opendata.VenuesFile, func(w io.Writer) error { return opendata.VenuesGeoJSON(w, p, base) })
	out(opendata.ScheduleFile, func(w io.Writer) error { return opendata.Schedule(w, p, base) })
	out("sitemap.xml", func(w io.Writer) error { return sitemap.Encode(w, base, sitemap.Pages(p)) })
	out("robots.txt", func(w io.Writer) error { return sitemap.Robots(w, base) })
}

func writeFile(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

// picture is a small real JPEG, since the site decodes pictures to resize
// them.
func picture(t *testing.T) []byte {
	t.Helper()
	img := image.NewRGBA(image.Rect(0, 0, 64, 48))
	for x := range 64 {
		for y := range 48 {
			img.Set(x, y, color.RGBA{uint8(x * 4), uint8(y * 5), 80, 255})
		}
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, img, nil); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// files lists the files under dir, slash-separated and relative to it.
func files(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out = append(out, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func hasSuffix(name string, exts ...string) bool {
	for _, e := range exts {
		if strings.HasSuffix(name, e) {
			return true
		}
	}
	return false
}
