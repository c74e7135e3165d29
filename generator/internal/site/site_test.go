package site

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
	"quinzaine/generator/internal/route"
	"quinzaine/generator/internal/theme"
	"quinzaine/generator/internal/view"
)

var update = flag.Bool("update", false, "rewrite the golden pages in testdata/")

// sample is programmetest's programme with the content pages every site
// has, one of them with Markdown that tries raw HTML and a site link.
func sample() *programme.Programme {
	p := programmetest.Sample()
	md := func(s string) programme.Markdown {
		return programme.Markdown{Text: programme.Text{Value: s, Lang: "fr"}, Pos: diag.Pos{File: "content/pages/x.md", Line: 4}}
	}
	p.Pages = []*programme.Page{
		{Slug: "a-propos", Title: programme.Text{Value: "À propos", Lang: "fr"},
			Body: md("# La Quinzaine\n\nDeux semaines de fêtes ! Voir [la fosse](/lieux/fosse-9-9bis/).\n\n<script>alert(1)</script>\n")},
		{Slug: "accessibilite", Title: programme.Text{Value: "Déclaration d'accessibilité", Lang: "fr"}, Body: md("Le site est en cours d'audit.\n")},
		{Slug: "mentions-legales", Title: programme.Text{Value: "Mentions légales", Lang: "fr"}, Body: md("Éditeur : la Mission Bassin minier.\n")},
	}
	return p
}

func defaultTheme(t *testing.T) *theme.Theme {
	t.Helper()
	th, err := theme.Load(os.DirFS("../../../themes/default"))
	if err != nil {
		t.Fatal(err)
	}
	return th
}

// build plans and writes p into a new folder and returns it.
func build(t *testing.T, p *programme.Programme, opts Options) (string, []Output) {
	t.Helper()
	outs, err := Plan(p, defaultTheme(t), opts)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(dir, outs); err != nil {
		t.Fatal(err)
	}
	return dir, outs
}

func TestPlanHasEveryPageInEveryLanguage(t *testing.T) {
	outs, err := Plan(sample(), defaultTheme(t), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var paths []string
	for _, o := range outs {
		paths = append(paths, o.Path)
	}
	for _, want := range []string{
		"404.html",
		"a-propos/index.html",
		"accessibilite/index.html",
		"assets/style.css",
		"communes/index.html",
		"communes/oignies/index.html",
		"evenements/2026/bal/index.html",
		"evenements/2026/expo/index.html",
		"grands-sites/index.html",
		"index.html",
		"lieux/fosse-9-9bis/index.html",
		"lieux/index.html",
		"mentions-legales/index.html",
		"plan-du-site/index.html",
		"programme/2026-06-20/index.html",
		"programme/2026-07-05/index.html",
		"programme/index.html",
		"publics/famille/index.html",
		"publics/index.html",
		"themes/concert/index.html",
		"themes/index.html",
		"en/404.html",
		"en/a-propos/index.html",
		"en/audiences/famille/index.html",
		"en/audiences/index.html",
		"en/communes/oignies/index.html",
		"en/events/2026/bal/index.html",
		"en/index.html",
		"en/major-sites/index.html",
		"en/programme/2026-06-27/index.html",
		"en/sitemap/index.html",
		"en/themes/visite/index.html",
		"en/venues/fosse-9-9bis/index.html",
	} {
		if !slices.Contains(paths, want) {
			t.Errorf("plan lacks %s", want)
		}
	}
	if slices.Contains(paths, "archives/index.html") {
		t.Error("plan has an archive with no past edition")
	}
	if !slices.IsSorted(paths) {
		t.Errorf("plan is not sorted by path: %q", paths)
	}
	var fr, en int
	for _, p := range paths {
		switch {
		case !strings.HasSuffix(p, ".html"):
		case strings.HasPrefix(p, "en/"):
			en++
		default:
			fr++
		}
	}
	if fr != en || fr < 41 {
		t.Errorf("%d French pages and %d English ones; want the same number, at least 41", fr, en)
	}
}

func TestGoldenPages(t *testing.T) {
	dir, _ := build(t, sample(), Options{})
	for _, page := range []string{
		"index.html",
		"evenements/2026/bal/index.html",
		"evenements/2026/concert-annule/index.html",
		"programme/2026-06-27/index.html",
		"lieux/fosse-9-9bis/index.html",
		"a-propos/index.html",
	} {
		got, err := os.ReadFile(filepath.Join(dir, page))
		if err != nil {
			t.Fatal(err)
		}
		golden := filepath.Join("testdata", "golden", filepath.FromSlash(page))
		if *update {
			if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(golden, got, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(golden)
		if err != nil {
			t.Fatalf("%v (run go test -update to create it)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from %s (run go test -update and review the diff):\n%s", page, golden, firstDiff(got, want))
		}
	}
}

func firstDiff(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range min(len(g), len(w)) {
		if g[i] != w[i] {
			return fmt.Sprintf("line %d:\n got: %s\nwant: %s", i+1, g[i], w[i])
		}
	}
	return "lengths differ"
}

// crawl checks every HTML file of dir: the lang of its folder's language, a
// title, one h1, every internal link or stylesheet leading to a file of the
// site, and for every page with an address, its alternates in each language
// of langs (the first is the default, at the root) and x-default.
func crawl(t *testing.T, dir, basePath string, langs ...string) {
	t.Helper()
	if len(langs) == 0 {
		langs = []string{"fr", "en"}
	}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		for _, twice := range []string{"&amp;lt;", "&amp;gt;", "&amp;amp;", "&amp;#"} {
			if bytes.Contains(data, []byte(twice)) {
				t.Errorf("%s: text escaped twice (%s)", rel, twice)
			}
		}
		doc, err := html.Parse(bytes.NewReader(data))
		if err != nil {
			return err
		}
		var h1, titles int
		var lang string
		wantLang := langs[0]
		if first, _, ok := strings.Cut(filepath.ToSlash(rel), "/"); ok && slices.Contains(langs[1:], first) {
			wantLang = first
		}
		hreflangs := map[string]bool{}
		canonical := false
		for n := range doc.Descendants() {
			if n.Type != html.ElementNode {
				continue
			}
			switch n.Data {
			case "html":
				lang = attr(n, "lang")
			case "h1":
				h1++
			case "title":
				if n.Namespace == "" { // an SVG's <title> names the drawing
					titles++
				}
			case "a", "link":
				if !hasAttr(n, "href") {
					continue // a script gives it its address
				}
				href := attr(n, "href")
				if h := attr(n, "hreflang"); n.Data == "link" && h != "" {
					hreflangs[h] = true
					href = strings.TrimPrefix(href, "https://quinzaine.example.org")
					href = strings.TrimPrefix(href, "https://x.org")
				}
				canonical = canonical || attr(n, "rel") == "canonical"
				checkLink(t, dir, basePath, rel, href)
			}
		}
		if lang != wantLang || titles != 1 || h1 != 1 {
			t.Errorf("%s: lang %q, %d <title>, %d <h1>; want %s, 1, 1", rel, lang, titles, h1, wantLang)
		}
		if canonical {
			for _, l := range append(langs, "x-default") {
				if !hreflangs[l] {
					t.Errorf("%s: no alternate with hreflang %s", rel, l)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func checkLink(t *testing.T, dir, basePath, from, href string) {
	t.Helper()
	u, err := url.Parse(href)
	if err != nil {
		t.Errorf("%s: bad link %q", from, href)
		return
	}
	if u.IsAbs() || strings.HasPrefix(href, "#") || u.Host != "" {
		return
	}
	if !strings.HasPrefix(u.Path, basePath) {
		t.Errorf("%s: link %q is outside the site's path %s", from, href, basePath)
		return
	}
	file := strings.TrimPrefix(u.Path, basePath)
	if file == "" || strings.HasSuffix(file, "/") {
		file += "index.html"
	}
	if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(path.Clean(file)))); err != nil {
		t.Errorf("%s: link %q leads nowhere", from, href)
	}
}

func hasAttr(n *html.Node, name string) bool {
	for _, a := range n.Attr {
		if a.Key == name {
			return true
		}
	}
	return false
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func TestEveryInternalLinkLeadsToAPage(t *testing.T) {
	dir, _ := build(t, sample(), Options{})
	crawl(t, dir, "/")
}

func TestASiteUnderASubPathLinksUnderIt(t *testing.T) {
	dir, _ := build(t, sample(), Options{BaseURL: "https://x.org/quinzaine/"})
	crawl(t, dir, "/quinzaine/")
	page, err := os.ReadFile(filepath.Join(dir, "a-propos", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<link rel="canonical" href="https://x.org/quinzaine/a-propos/">`,
		`<a href="/quinzaine/lieux/fosse-9-9bis/">la fosse</a>`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("a-propos lacks %s", want)
		}
	}
}

func TestTwoBuildsAreByteIdentical(t *testing.T) {
	a, _ := build(t, sample(), Options{})
	b, outs := build(t, sample(), Options{})
	sameOutputs(t, a, b, outs)
}

// sameOutputs reports every planned output whose bytes differ between the
// builds in folders a and b.
func sameOutputs(t *testing.T, a, b string, outs []Output) {
	t.Helper()
	for _, o := range outs {
		x, errA := os.ReadFile(filepath.Join(a, o.Path))
		y, errB := os.ReadFile(filepath.Join(b, o.Path))
		if errA != nil || errB != nil || !bytes.Equal(x, y) {
			t.Errorf("%s differs between two builds (%v, %v)", o.Path, errA, errB)
		}
	}
}

func TestEditorsTextNeverBecomesMarkup(t *testing.T) {
	p := sample()
	p.Events[0].Title.Value = `<script>alert("titre")</script>`
	p.Events[0].Venue.Name.Value = `Fosse <b>9</b>`
	dir, _ := build(t, p, Options{})
	ev := p.Events[0]
	page, err := os.ReadFile(filepath.Join(dir, "evenements", "2026", ev.Slug, "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`<h1>&lt;script&gt;alert(&#34;titre&#34;)&lt;/script&gt;</h1>`,
		`Fosse &lt;b&gt;9&lt;/b&gt;</a>`,
	} {
		if !bytes.Contains(page, []byte(want)) {
			t.Errorf("event page lacks %s", want)
		}
	}
	if bytes.Contains(page, []byte("<script>alert")) {
		t.Error("the editor's title became a script element")
	}
	crawl(t, dir, "/")
	about, err := os.ReadFile(filepath.Join(dir, "a-propos", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Contains(about, []byte("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>")) {
		t.Error("raw HTML in a page's Markdown is not shown as text")
	}
}

func TestTwoOutputsAtOneAddressAreRefused(t *testing.T) {
	p := sample()
	p.Pages = append(p.Pages, &programme.Page{Slug: "a-propos", Title: programme.Text{Value: "Encore", Lang: "fr"}})
	_, err := Plan(p, defaultTheme(t), Options{})
	if err == nil || err.Error() != "plan site: two outputs write a-propos/index.html" {
		t.Errorf("got %v", err)
	}
}

func TestWriteReportsEveryFailedOutput(t *testing.T) {
	fail := func(io.Writer) error { return os.ErrInvalid }
	outs := []Output{{Path: "a.html", Render: fail}, {Path: "b/c.html", Render: fail}}
	err := Write(t.TempDir(), outs)
	want := "render a.html: invalid argument\nrender b/c.html: invalid argument"
	if err == nil || err.Error() != want {
		t.Errorf("got %v; want %q", err, want)
	}
}

// Following « Événements suivants » from the programme's first page, as a
// reader without JavaScript would, reaches every event of the edition once,
// in each language.
func TestTheProgrammesPagesListEveryEventOnce(t *testing.T) {
	p := sample()
	model := p.Current(p.Events)[0]
	for i := len(p.Current(p.Events)); i < view.ProgrammePageSize+6; i++ {
		e := *model
		e.Slug = fmt.Sprint("copie-", i)
		p.Events = append(p.Events, &e)
	}
	dir, _ := build(t, p, Options{})
	crawl(t, dir, "/")
	for _, lang := range []string{"fr", "en"} {
		r := route.Router{Default: "fr"}
		want := map[string]bool{}
		for _, e := range p.Current(p.Events) {
			want[r.Event(lang, e.Year, e.Slug)] = true
		}
		listed := map[string]int{}
		var pages []string
		for page := r.Section(lang, "programme"); page != ""; {
			pages = append(pages, page)
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(route.File(page))))
			if err != nil {
				t.Fatal(err)
			}
			doc, err := html.Parse(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			page = ""
			var walk func(n *html.Node, inList bool)
			walk = func(n *html.Node, inList bool) {
				if n.Type == html.ElementNode && n.Data == "section" && attr(n, "id") == "resultats" {
					inList = true
				}
				if n.Type == html.ElementNode && n.Data == "a" && inList {
					switch {
					case attr(n, "rel") == "next":
						page = attr(n, "href")
					case want[attr(n, "href")]:
						listed[attr(n, "href")]++
					}
				}
				for c := n.FirstChild; c != nil; c = c.NextSibling {
					walk(c, inList)
				}
			}
			walk(doc, false)
		}
		if len(pages) != 2 {
			t.Errorf("%s: the programme's pages are %q; want 2", lang, pages)
		}
		for u := range want {
			if listed[u] != 1 {
				t.Errorf("%s: the programme's pages list %s %d times; want once", lang, u, listed[u])
			}
		}
	}
}
