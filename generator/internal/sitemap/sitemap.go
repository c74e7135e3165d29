// Package sitemap writes sitemap.xml, with each page's language alternates,
// and the robots.txt that points to it, so that search engines find every
// page at its canonical address.
//
// API:
//
//	sitemap.Pages(p) []Page                  // the pages the programme implies
//	sitemap.Encode(w, base, pages) error     // sitemap.xml, at Path
//	sitemap.Robots(w, base) error            // robots.txt, at RobotsPath
//
// Pages lists the home page, every event, venue, festival day, category,
// audience, commune and content page, each in every language of the site
// (the site renders every page in every language, falling back to the
// default language's text). The site plan appends the section indexes it
// renders before calling Encode. Addresses are canonical: base (from
// site.yaml `base_url`) followed by the route address.
//
// No <lastmod>: the content carries no modification times, and search
// engines ignore dates that are not reliable.
package sitemap

import (
	"bufio"
	"encoding/xml"
	"fmt"
	"io"
	"strings"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// Where the files are published.
const (
	Path       = "/sitemap.xml"
	RobotsPath = "/robots.txt"
)

// Page is one page in each language it exists in.
type Page struct {
	// Addresses in the site's language order: the first is the default
	// language's, the x-default alternate.
	Addresses []Address
}

// Address is a page's address in one language, as route gives it.
type Address struct {
	Lang string
	Path string
}

// Pages returns the pages that the programme implies, in a stable order.
func Pages(p *programme.Programme) []Page {
	r := route.Router{Default: p.Site.Languages[0]}
	page := func(addr func(lang string) string) Page {
		var pg Page
		for _, l := range p.Site.Languages {
			pg.Addresses = append(pg.Addresses, Address{Lang: l, Path: addr(l)})
		}
		return pg
	}
	pages := []Page{page(r.Home)}
	for _, e := range p.Events {
		pages = append(pages, page(func(l string) string { return r.Event(l, e.Year, e.Slug) }))
	}
	for _, v := range p.Venues {
		pages = append(pages, page(func(l string) string { return r.Venue(l, v.Slug) }))
	}
	for _, d := range p.Days {
		if d.InEdition || len(d.Sessions) > 0 {
			pages = append(pages, page(func(l string) string { return r.Day(l, d.Key()) }))
		}
	}
	for _, t := range p.Categories {
		pages = append(pages, page(func(l string) string { return r.Theme(l, t.Key) }))
	}
	for _, t := range p.Audiences {
		pages = append(pages, page(func(l string) string { return r.Audience(l, t.Key) }))
	}
	for _, c := range p.Communes {
		pages = append(pages, page(func(l string) string { return r.Commune(l, c.Slug) }))
	}
	for _, pg := range p.Pages {
		pages = append(pages, page(func(l string) string { return r.Page(l, pg.Slug) }))
	}
	return pages
}

// Encode writes sitemap.xml: one <url> per page and language, each listing
// every language's address as an xhtml:link alternate, and x-default.
func Encode(w io.Writer, base string, pages []Page) error {
	base = strings.TrimSuffix(base, "/")
	bw := bufio.NewWriter(w)
	bw.WriteString(xml.Header)
	bw.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">` + "\n")
	for _, pg := range pages {
		for _, a := range pg.Addresses {
			bw.WriteString(" <url>\n  <loc>")
			xml.EscapeText(bw, []byte(base+a.Path))
			bw.WriteString("</loc>\n")
			if len(pg.Addresses) > 1 {
				for _, alt := range pg.Addresses {
					link(bw, alt.Lang, base+alt.Path)
				}
				link(bw, "x-default", base+pg.Addresses[0].Path)
			}
			bw.WriteString(" </url>\n")
		}
	}
	bw.WriteString("</urlset>\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write sitemap: %w", err)
	}
	return nil
}

func link(bw *bufio.Writer, lang, href string) {
	bw.WriteString(`  <xhtml:link rel="alternate" hreflang="`)
	xml.EscapeText(bw, []byte(lang))
	bw.WriteString(`" href="`)
	xml.EscapeText(bw, []byte(href))
	bw.WriteString("\"/>\n")
}

// Robots writes robots.txt: everything may be crawled, and the sitemap is
// at its canonical address.
func Robots(w io.Writer, base string) error {
	_, err := fmt.Fprintf(w, "User-agent: *\nAllow: /\n\nSitemap: %s%s\n", strings.TrimSuffix(base, "/"), Path)
	if err != nil {
		return fmt.Errorf("write robots.txt: %w", err)
	}
	return nil
}
