package site

// The outputs that are not pages of the theme: what calendars, feed readers,
// search engines and partners' systems take from the site. Every address in
// them is absolute, from site.yaml `base_url` or the -base-url override.
//
//	evenements/<year>/<slug>.ics         one calendar per event, all its sessions
//	evenements/<year>.ics                the whole edition
//	lieux/<slug>.ics                     one per venue, grands sites included
//	themes/<key>.ics                     one per category
//	feed.xml, en/feed.xml                Atom: every event, per language
//	modifications/feed.xml, en/changes/feed.xml   Atom: cancellations and changes (changes.go)
//	donnees/evenements.json              open data, one record per event
//	donnees/evenements.schema.json       its JSON Schema
//	donnees/seances.csv                  one row per session
//	donnees/lieux.geojson                the venues
//	donnees/schedule.json                frab / pretalx schedule, for festival apps
//	donnees/index.html, en/open-data/index.html   the open data page, documenting them
//	sitemap.xml                          every planned page, with its language alternates
//	robots.txt                           points to the sitemap
//
// The calendars and the feeds are dated: DTSTAMP, LAST-MODIFIED and Atom
// `updated` tell when each event last changed, from the changes since the
// last publication (package changes). planChanges, which has that report,
// plans them through planDated.

import (
	"io"
	"slices"
	"strings"
	"time"

	"quinzaine/generator/internal/feed"
	"quinzaine/generator/internal/ical"
	"quinzaine/generator/internal/imaging"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/opendata"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
	"quinzaine/generator/internal/sitemap"
	"quinzaine/generator/internal/theme"
	"quinzaine/generator/internal/view"
)

// planData lists the calendars, feeds, open data files and page, sitemap and
// robots.txt of p. pictures gives the published variants of content's
// pictures (nil when the build publishes none): evenements.json names the
// largest. planned are the outputs planned so far: the sitemap lists their
// pages, with the open data pages added here.
func planData(p *programme.Programme, th *theme.Theme, base string, pictures func(string) (imaging.Picture, error), planned []Output) []Output {
	r := route.Router{Default: p.Site.Languages[0]}
	strs := locale.NewStrings(p.Site.Languages[0], th.Strings, p.Site.Translations)
	site := func(lang string) (*view.Site, error) {
		s, err := view.NewSite(p, strs, lang, base)
		if err != nil {
			return nil, err
		}
		s.Pictures = pictures
		return s, nil
	}
	var out []Output
	file := func(address string, render func(w io.Writer) error) {
		out = append(out, Output{Path: route.File(address), Render: render})
	}
	file(r.Data(opendata.EventsFile), func(w io.Writer) error {
		s, err := site(p.Site.Languages[0])
		if err != nil {
			return err
		}
		return opendata.Options{ImageURL: s.ImageURL}.EventsJSON(w, p, base)
	})
	file(r.Data(opendata.SchemaFile), func(w io.Writer) error {
		_, err := w.Write(opendata.Schema)
		return err
	})
	file(r.Data(opendata.SessionsFile), func(w io.Writer) error { return opendata.SessionsCSV(w, p, base) })
	file(r.Data(opendata.VenuesFile), func(w io.Writer) error { return opendata.VenuesGeoJSON(w, p, base) })
	file(r.Data(opendata.ScheduleFile), func(w io.Writer) error { return opendata.Schedule(w, p, base) })

	for _, lang := range p.Site.Languages {
		file(r.Section(lang, "data"), func(w io.Writer) error {
			s, err := site(lang)
			if err != nil {
				return err
			}
			v, err := s.Data()
			if err != nil {
				return err
			}
			return th.Execute(w, "data", v)
		})
	}

	// The pages are paired with their translations when the sitemap
	// renders, not here: the preview plans the site again after every save
	// and renders the sitemap only when asked for it.
	var paths []string
	inSitemap := sitemapped(p, r)
	for _, o := range slices.Concat(planned, out) {
		if inSitemap(o.Path) {
			paths = append(paths, o.Path)
		}
	}
	file(sitemap.Path, func(w io.Writer) error {
		return sitemap.Encode(w, base, sitemapPages(p.Site.Languages, r, paths))
	})
	file(sitemap.RobotsPath, func(w io.Writer) error { return sitemap.Robots(w, base) })
	return out
}

// planDated lists the calendars and the Atom feeds of every event, dated by
// modified: when each event last changed.
func planDated(p *programme.Programme, base string, modified func(*programme.Event) time.Time) []Output {
	r := route.Router{Default: p.Site.Languages[0]}
	var out []Output
	file := func(address string, render func(w io.Writer) error) {
		out = append(out, Output{Path: route.File(address), Render: render})
	}
	calendar := func(address string, cal func() ical.Calendar) {
		file(address, func(w io.Writer) error {
			c := cal()
			c.Modified = modified
			return ical.Encode(w, c)
		})
	}

	calendar(r.YearCalendar(p.Edition.Year), func() ical.Calendar { return ical.Edition(p, base) })
	for _, e := range p.Events {
		calendar(r.EventCalendar(e.Year, e.Slug), func() ical.Calendar { return ical.ForEvent(p, e, base) })
	}
	for _, v := range p.Venues {
		calendar(r.VenueCalendar(v.Slug), func() ical.Calendar { return ical.ForVenue(p, v, base) })
	}
	for _, t := range p.Categories {
		calendar(r.ThemeCalendar(t.Key), func() ical.Calendar { return ical.ForCategory(p, t, base) })
	}

	for _, lang := range p.Site.Languages {
		file(r.Feed(lang), func(w io.Writer) error { return feed.Options{Modified: modified}.Atom(w, p, lang, base) })
	}
	return out
}

// sitemapped tells whether the file at a path is a page sitemap.xml lists:
// every index.html but « Mon programme », which shows only what a reader
// chose, in the reader's browser, and asks not to be indexed.
func sitemapped(p *programme.Programme, r route.Router) func(path string) bool {
	personal := map[string]bool{}
	for _, lang := range p.Site.Languages {
		personal[route.File(r.Section(lang, "selection"))] = true
	}
	return func(path string) bool {
		return (path == "index.html" || strings.HasSuffix(path, "/index.html")) && !personal[path]
	}
}

// sectionKeys are the sections route knows (route.Router.Section).
var sectionKeys = []string{"events", "venues", "programme", "themes", "audiences", "communes",
	"grandsites", "archive", "data", "sitemap", "selection", "changes"}

// sitemapPages lists the pages whose files are at paths (every index.html:
// 404.html has no address), each with the addresses of the same page in
// the other languages that paths hold too. A page is in the first language
// it is planned in; a page planned in one language only has no alternates.
func sitemapPages(languages []string, r route.Router, paths []string) []sitemap.Page {
	planned := map[string]bool{}
	var addresses []string
	for _, p := range paths {
		a := "/" + strings.TrimSuffix(p, "index.html")
		planned[a] = true
		addresses = append(addresses, a)
	}
	slices.Sort(addresses)
	done := map[string]bool{}
	var pages []sitemap.Page
	for _, a := range addresses {
		if done[a] {
			continue
		}
		from := languageOf(languages, r, a)
		var pg sitemap.Page
		for _, l := range languages {
			alt := translate(r, a, from, l)
			if l == from || (alt != "" && planned[alt] && !done[alt]) {
				if l == from {
					alt = a
				}
				done[alt] = true
				pg.Addresses = append(pg.Addresses, sitemap.Address{Lang: l, Path: alt})
			}
		}
		pages = append(pages, pg)
	}
	return pages
}

// languageOf tells the language of a page address from its prefix.
func languageOf(languages []string, r route.Router, address string) string {
	for _, l := range languages {
		if l != r.Default && strings.HasPrefix(address, r.Home(l)) {
			return l
		}
	}
	return r.Default
}

// translate gives the address of the page at address (in language from) in
// language to: the same path under to's prefix, its section renamed.
// Addresses that name things (slugs, dates, keys) are the same in every
// language; only section names differ.
func translate(r route.Router, address, from, to string) string {
	rest := strings.TrimPrefix(address, r.Home(from))
	for _, k := range sectionKeys {
		name := strings.TrimPrefix(r.Section(from, k), r.Home(from))
		if strings.HasPrefix(rest, name) {
			return r.Section(to, k) + strings.TrimPrefix(rest, name)
		}
	}
	return r.Home(to) + rest
}
