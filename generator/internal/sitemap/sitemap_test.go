package sitemap

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc   string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

func encode(t *testing.T, pages []Page) ([]byte, urlset) {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, programmetest.Base, pages); err != nil {
		t.Fatal(err)
	}
	var u urlset
	if err := xml.Unmarshal(buf.Bytes(), &u); err != nil {
		t.Fatalf("encoding/xml refuses the sitemap: %v\n%s", err, buf.Bytes())
	}
	return buf.Bytes(), u
}

func TestSitemapListsEveryPageInEveryLanguageWithItsAlternates(t *testing.T) {
	p := programmetest.Sample()
	p.Pages = []*programme.Page{{Slug: "a-propos"}}
	pages := Pages(p)
	// home, 5 events, 2 venues, 16 edition days, 3 categories, 1 audience,
	// 2 communes, 1 content page
	if len(pages) != 31 {
		t.Errorf("got %d pages; want 31", len(pages))
	}
	_, u := encode(t, pages)
	if len(u.URLs) != 2*len(pages) {
		t.Fatalf("got %d <url>; want one per page and language, %d", len(u.URLs), 2*len(pages))
	}
	locs := map[string]bool{}
	for _, x := range u.URLs {
		if locs[x.Loc] {
			t.Errorf("%s listed twice", x.Loc)
		}
		locs[x.Loc] = true
		if !strings.HasPrefix(x.Loc, "https://quinzaine.example.org/") {
			t.Errorf("loc %q is not under base_url", x.Loc)
		}
		if len(x.Links) != 3 || x.Links[2].Hreflang != "x-default" {
			t.Errorf("%s: alternates %+v; want fr, en and x-default", x.Loc, x.Links)
		}
		self := false
		for _, l := range x.Links {
			self = self || l.Href == x.Loc
			if l.Rel != "alternate" {
				t.Errorf("%s: link rel %q", x.Loc, l.Rel)
			}
		}
		if !self {
			t.Errorf("%s is not among its own alternates", x.Loc)
		}
	}
	for _, want := range []string{
		"https://quinzaine.example.org/",
		"https://quinzaine.example.org/en/",
		"https://quinzaine.example.org/evenements/2026/bal/",
		"https://quinzaine.example.org/en/events/2026/bal/",
		"https://quinzaine.example.org/lieux/fosse-9-9bis/",
		"https://quinzaine.example.org/programme/2026-06-27/",
		"https://quinzaine.example.org/themes/concert/",
		"https://quinzaine.example.org/publics/famille/",
		"https://quinzaine.example.org/communes/oignies/",
		"https://quinzaine.example.org/en/a-propos/",
	} {
		if !locs[want] {
			t.Errorf("sitemap lacks %s", want)
		}
	}
	en := u.URLs[3] // the English address of the first event
	if en.Loc != "https://quinzaine.example.org/en/events/2026/expo/" || en.Links[0].Href != "https://quinzaine.example.org/evenements/2026/expo/" || en.Links[2].Href != en.Links[0].Href {
		t.Errorf("English event: %+v", en)
	}
}

func TestAddressesAreEscapedForXML(t *testing.T) {
	data, u := encode(t, []Page{{Addresses: []Address{{Lang: "fr", Path: "/a?b=1&c=2"}}}})
	if !bytes.Contains(data, []byte("&amp;c=2")) || u.URLs[0].Loc != "https://quinzaine.example.org/a?b=1&c=2" {
		t.Errorf("loc %q read back from\n%s", u.URLs[0].Loc, data)
	}
	if len(u.URLs[0].Links) != 0 {
		t.Error("a page in one language lists alternates")
	}
}

func TestRobotsPointsToTheSitemap(t *testing.T) {
	var buf bytes.Buffer
	if err := Robots(&buf, programmetest.Base); err != nil {
		t.Fatal(err)
	}
	want := "User-agent: *\nAllow: /\n\nSitemap: https://quinzaine.example.org/sitemap.xml\n"
	if buf.String() != want {
		t.Errorf("robots.txt = %q; want %q", buf.String(), want)
	}
}

func TestSitemapEncodesTheSameTwice(t *testing.T) {
	a, _ := encode(t, Pages(programmetest.Sample()))
	b, _ := encode(t, Pages(programmetest.Sample()))
	if !bytes.Equal(a, b) {
		t.Error("two encodings differ")
	}
}
