package sitecheck

import (
	"reflect"
	"strings"
	"testing"
)

func TestKindGroupsPagesOfOneLayout(t *testing.T) {
	prefixes := []string{"en"}
	tests := map[string]string{
		"index.html":                            "index.html",
		"404.html":                              "404.html",
		"en/404.html":                           "en/404.html",
		"programme/index.html":                  "programme/index.html",
		"programme/2026-06-27/index.html":       "programme/*/index.html",
		"evenements/2026/bal/index.html":        "evenements/*/*/index.html",
		"en/events/2026/ball/index.html":        "en/events/*/*/index.html",
		"lieux/fosse-9-9bis/index.html":         "lieux/*/index.html",
		"a-propos/index.html":                   "a-propos/index.html",
		"en/index.html":                         "en/index.html",
		"en/lieux/fosse-9-9bis/index.html":      "en/lieux/*/index.html",
		"fr/lieux/fosse-9-9bis/index.html":      "fr/*/*/index.html",
		"themes/concert/index.html":             "themes/*/index.html",
		"archives/2025/evenements/x/index.html": "archives/*/*/*/index.html",
	}
	for in, want := range tests {
		if got := Kind(in, prefixes); got != want {
			t.Errorf("Kind(%q) = %q; want %q", in, got, want)
		}
	}
}

func TestSamplePicksTheLargestPageOfEachKind(t *testing.T) {
	pages := []Page{
		{"evenements/2026/a/index.html", 10},
		{"evenements/2026/b/index.html", 30},
		{"evenements/2025/c/index.html", 20},
		{"lieux/x/index.html", 5},
		{"lieux/w/index.html", 5},
		{"index.html", 1},
		{"en/index.html", 1},
	}
	got := Sample(pages, []string{"en"})
	want := []Page{
		{"en/index.html", 1},
		{"evenements/2026/b/index.html", 30},
		{"index.html", 1},
		{"lieux/w/index.html", 5},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Sample = %v; want %v", got, want)
	}
}

func TestURLOfAPage(t *testing.T) {
	for in, want := range map[string]string{
		"index.html": "/", "404.html": "/404.html", "lieux/x/index.html": "/lieux/x/", "en/index.html": "/en/",
	} {
		if got := URL(in); got != want {
			t.Errorf("URL(%q) = %q; want %q", in, got, want)
		}
	}
}

const page = `<!doctype html><html lang="fr"><head>
<link rel="stylesheet" href="/assets/site.css">
<link rel="alternate" hreflang="en" href="https://quinzaine.example.org/en/">
<link rel="preload" as="font" href="https://fonts.example.com/f.woff2">
<script src="/assets/a.js"></script>
<script src="/assets/b.js" defer></script>
<script type="module" src="/assets/c.js"></script>
<style>body{background:url("https://cdn.example.com/bg.png")}</style>
</head><body>
<a href="https://www.chm-lewarde.com/">site</a>
<img src="//img.example.com/x.jpg" srcset="/i/480.jpg 480w, https://img.example.com/960.jpg 960w" alt="">
<div style="background-image: url('/i/bg.jpg')"></div>
<svg><use href="/assets/icons.svg#star"></use></svg>
<script src="/assets/late.js"></script>
</body></html>`

func TestRefsListWhatAPageLoadsButNotItsLinks(t *testing.T) {
	refs, err := Refs(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range refs {
		s := r.Tag + " " + r.Attr + " " + r.URL
		if r.Stylesheet {
			s += " css"
		}
		if r.Script {
			s += " js"
		}
		if r.Blocking {
			s += " blocking"
		}
		got = append(got, s)
	}
	want := []string{
		"link href /assets/site.css css",
		"link href https://quinzaine.example.org/en/",
		"link href https://fonts.example.com/f.woff2",
		"script src /assets/a.js js blocking",
		"script src /assets/b.js js",
		"script src /assets/c.js js",
		"style url() https://cdn.example.com/bg.png",
		"img src //img.example.com/x.jpg",
		"img srcset /i/480.jpg",
		"img srcset https://img.example.com/960.jpg",
		"div style /i/bg.jpg",
		"use href /assets/icons.svg#star",
		"script src /assets/late.js js",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Refs =\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestCSSRefsFindsURLsAndImports(t *testing.T) {
	css := `@import "print.css"; @import 'x.css' print; a{background:url(i.png)} b{background:URL( "j.png" )} @font-face{src:url('https://f.example/f.woff2')}`
	got := CSSRefs(css)
	want := []string{"i.png", "j.png", "https://f.example/f.woff2", "print.css", "x.css"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CSSRefs = %q; want %q", got, want)
	}
}

func TestForeignIsAnyOtherHost(t *testing.T) {
	own := "quinzaine.example.org"
	for ref, want := range map[string]bool{
		"/assets/site.css":                     false,
		"site.css":                             false,
		"#top":                                 false,
		"data:image/png;base64,AAAA":           false,
		"https://quinzaine.example.org/x.css":  false,
		"http://QUINZAINE.example.org:80/x":    false,
		"https://fonts.googleapis.com/css":     true,
		"//cdn.example.com/x.js":               true,
		"https://quinzaine.example.org.evil/x": true,
	} {
		if got := Foreign(ref, own); got != want {
			t.Errorf("Foreign(%q) = %v; want %v", ref, got, want)
		}
	}
}

func TestLocalResolvesToAFileOfTheSite(t *testing.T) {
	tests := []struct {
		ref, from, base, want string
		ok                    bool
	}{
		{"/assets/site.css", "lieux/x/index.html", "/", "assets/site.css", true},
		{"/quinzaine/assets/site.css", "index.html", "/quinzaine/", "assets/site.css", true},
		{"/other/site.css", "index.html", "/quinzaine/", "", false},
		{"../../assets/a.js?v=2", "lieux/x/index.html", "/", "assets/a.js", true},
		{"/lieux/", "index.html", "/", "lieux/index.html", true},
		{"/", "index.html", "/", "index.html", true},
		{"https://quinzaine.example.org/x.css", "index.html", "/", "", false},
		{"#top", "index.html", "/", "", false},
	}
	for _, tt := range tests {
		got, ok := Local(tt.ref, tt.from, tt.base)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Local(%q, %q, %q) = %q, %v; want %q, %v", tt.ref, tt.from, tt.base, got, ok, tt.want, tt.ok)
		}
	}
}

func TestJSImportsFindsStaticImportsOnly(t *testing.T) {
	js := `// import "./comment.js" is not code
import { count, loadIndex } from "./data.js";
import {
  star,
} from './site.js';
import "./side-effect.js";
export { x } from "./re.js";
const m = await import(module);
export function words(s) { return s.normalize("NFD"); }
export const c = { credentials: "same-origin" };
const u = import.meta.url;
const s = "import x from 'y'";
`
	got := JSImports(js)
	want := []string{"./data.js", "./site.js", "./side-effect.js", "./re.js"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("JSImports = %q; want %q", got, want)
	}
}
