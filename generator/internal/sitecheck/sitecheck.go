// Package sitecheck holds the quality checks run by `go test` over the
// whole built site of the shipped content: an axe-core audit in headless
// Chromium, the Nu HTML Checker, page weight, render-blocking scripts and
// resources from other hosts. This file has the parts that read a built
// site; the checks themselves are its tests.
package sitecheck

import (
	"cmp"
	"io"
	"net/url"
	"path"
	"regexp"
	"slices"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// Page is an HTML file of a built site.
type Page struct {
	Path string // slash-separated, relative to the site's folder: "lieux/x/index.html"
	Size int64
}

// Kind names the layout a page's address suggests: its first folder, the
// file name, and a star for every folder between, after the language
// prefix if any. "evenements/2026/bal/index.html" and
// "evenements/2025/fete/index.html" are one kind,
// "evenements/*/*/index.html"; "en/lieux/x/index.html" is
// "en/lieux/*/index.html". Pages one folder deep ("a-propos/index.html")
// are each their own kind, which checks every content page. prefixes are
// the folders of the languages other than the default ("en").
func Kind(p string, prefixes []string) string {
	segs := strings.Split(p, "/")
	lang := ""
	if len(segs) > 1 && slices.Contains(prefixes, segs[0]) {
		lang, segs = segs[0]+"/", segs[1:]
	}
	if len(segs) > 2 {
		for i := 1; i < len(segs)-1; i++ {
			segs[i] = "*"
		}
	}
	return lang + strings.Join(segs, "/")
}

// Sample picks one page of each kind, the largest, since it is likely to
// use most of its layout (an event with every field, a grand site with its
// neighbours). Ties go to the first path, so the choice is the same on every
// run; the result is sorted by path.
func Sample(pages []Page, prefixes []string) []Page {
	best := map[string]Page{}
	for _, p := range pages {
		k := Kind(p.Path, prefixes)
		b, ok := best[k]
		if !ok || p.Size > b.Size || p.Size == b.Size && p.Path < b.Path {
			best[k] = p
		}
	}
	out := make([]Page, 0, len(best))
	for _, p := range best {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b Page) int { return cmp.Compare(a.Path, b.Path) })
	return out
}

// URL is the address a page is served at: "lieux/x/index.html" → "/lieux/x/".
func URL(p string) string {
	if p == "index.html" {
		return "/"
	}
	if d, ok := strings.CutSuffix(p, "/index.html"); ok {
		return "/" + d + "/"
	}
	return "/" + p
}

// Ref is a reference from a page to something the browser fetches by
// itself while showing it: a stylesheet, a script, an image, a font.
type Ref struct {
	Tag  string // the element, "link", "script", "img", or "style" for CSS
	Attr string // the attribute, or "url()" for CSS
	URL  string
	// Stylesheet and Script tell what counts toward the page's weight.
	Stylesheet, Script bool
	// Blocking is set on a <script src> in <head> without defer, async or
	// type=module: the page is not drawn until it has run.
	Blocking bool
}

// Refs lists the resources an HTML page loads: every src, srcset, poster
// and data, every <link href> (canonical and alternate links included, so
// that they too must stay on the site's host), SVG href, and url() in style
// attributes and <style> elements. Links followed only by a click (<a>,
// <area>) are not resources.
func Refs(r io.Reader) ([]Ref, error) {
	doc, err := html.Parse(r)
	if err != nil {
		return nil, err
	}
	var refs []Ref
	var walk func(n *html.Node, inHead bool)
	walk = func(n *html.Node, inHead bool) {
		if n.Type == html.ElementNode {
			if n.DataAtom == atom.Head {
				inHead = true
			}
			refs = append(refs, elementRefs(n, inHead)...)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inHead)
		}
	}
	walk(doc, false)
	return refs, nil
}

func elementRefs(n *html.Node, inHead bool) []Ref {
	var refs []Ref
	tag := n.Data
	if tag == "style" && n.FirstChild != nil {
		for _, u := range CSSRefs(n.FirstChild.Data) {
			refs = append(refs, Ref{Tag: "style", Attr: "url()", URL: u})
		}
	}
	link := tag == "a" || tag == "area"
	for _, a := range n.Attr {
		key := a.Key
		if a.Namespace == "xlink" {
			key = "xlink:" + key
		}
		switch {
		case key == "src" || key == "poster" || key == "data" && tag == "object":
			r := Ref{Tag: tag, Attr: key, URL: a.Val}
			if tag == "script" {
				r.Script = true
				r.Blocking = inHead && !hasAttr(n, "defer") && !hasAttr(n, "async") && attr(n, "type") != "module"
			}
			refs = append(refs, r)
		case key == "srcset":
			for _, c := range strings.Split(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 {
					refs = append(refs, Ref{Tag: tag, Attr: key, URL: f[0]})
				}
			}
		case (key == "href" || key == "xlink:href") && !link:
			rels := strings.Fields(strings.ToLower(attr(n, "rel")))
			refs = append(refs, Ref{Tag: tag, Attr: key, URL: a.Val,
				Stylesheet: tag == "link" && slices.Contains(rels, "stylesheet"),
				Script:     tag == "link" && slices.Contains(rels, "modulepreload")})
		case key == "style":
			for _, u := range CSSRefs(a.Val) {
				refs = append(refs, Ref{Tag: tag, Attr: "style", URL: u})
			}
		}
	}
	return refs
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Namespace == "" && a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasAttr(n *html.Node, key string) bool {
	return slices.ContainsFunc(n.Attr, func(a html.Attribute) bool { return a.Namespace == "" && a.Key == key })
}

var (
	cssURL    = regexp.MustCompile(`(?i)url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)`)
	cssImport = regexp.MustCompile(`(?i)@import\s+(?:"([^"]*)"|'([^']*)')`)
)

// CSSRefs lists the addresses in url() and @import of a style sheet.
func CSSRefs(css string) []string {
	var out []string
	for _, re := range []*regexp.Regexp{cssURL, cssImport} {
		for _, m := range re.FindAllStringSubmatch(css, -1) {
			for _, g := range m[1:] {
				if g != "" {
					out = append(out, g)
					break
				}
			}
		}
	}
	return out
}

var jsImport = regexp.MustCompile(`(?m)^[ \t]*(?:` +
	`import[ \t]*(?:[\w$*{},\s]+?from[ \t]*)?|` +
	`export[ \t]*(?:\*(?:[ \t]+as[ \t]+[\w$]+)?|\{[^}]*\})[ \t]*from[ \t]*)` +
	`["']([^"'\n]+)["']`)

// JSImports lists the modules a JavaScript module imports statically
// (import … from "./x.js", import "./x.js", export … from "./x.js"): the
// browser loads them with it. Dynamic import() is left out: it waits for
// the reader to do something.
func JSImports(js string) []string {
	var out []string
	for _, m := range jsImport.FindAllStringSubmatch(js, -1) {
		if m[1] == "" {
			continue
		}
		out = append(out, m[1])
	}
	return out
}

// Foreign reports whether ref leads to a host other than own: an absolute
// http(s) address or one starting with "//". Paths, fragments and data:
// addresses stay on the page's host.
func Foreign(ref, own string) bool {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil {
		return true
	}
	switch strings.ToLower(u.Scheme) {
	case "", "http", "https":
	default:
		return false
	}
	return u.Host != "" && !strings.EqualFold(u.Hostname(), own)
}

// Local resolves ref, found in the file at from (slash-separated, relative
// to the site's folder), to a file of the site, under the site's base path
// (e.g. "/" or "/quinzaine/"). It returns false for addresses elsewhere.
func Local(ref, from, basePath string) (string, bool) {
	u, err := url.Parse(strings.TrimSpace(ref))
	if err != nil || u.Scheme != "" || u.Host != "" || u.Path == "" {
		return "", false
	}
	p := u.Path
	if strings.HasPrefix(p, "/") {
		rest, ok := strings.CutPrefix(p, basePath)
		if !ok {
			return "", false
		}
		p = rest
	} else {
		p = path.Join(path.Dir(from), p)
	}
	p = path.Clean("/" + p)[1:]
	if strings.HasSuffix(u.Path, "/") {
		p = path.Join(p, "index.html")
	}
	return p, p != ""
}
