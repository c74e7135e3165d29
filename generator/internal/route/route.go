// Package route holds the published addresses of the site. Once published an
// address does not change: partners, calendar apps and search engines keep
// them, so this table is an interface, extended and never renamed.
//
// The default language lives at the root ("/evenements/2026/bal/"), every
// other language under its code ("/en/events/2026/bal/"). Every page address
// ends with a slash and is written to "<address>index.html".
package route

import (
	"net/url"
	"strconv"
	"strings"
)

// Section names, per language. Languages without an entry use English names.
var sections = map[string]map[string]string{
	"fr": {
		"events":     "evenements",
		"venues":     "lieux",
		"programme":  "programme",
		"themes":     "themes",
		"audiences":  "publics",
		"communes":   "communes",
		"grandsites": "grands-sites",
		"archive":    "archives",
		"data":       "donnees",
		"sitemap":    "plan-du-site",
		"selection":  "mon-programme",
		"changes":    "modifications",
	},
	"en": {
		"events":     "events",
		"venues":     "venues",
		"programme":  "programme",
		"themes":     "themes",
		"audiences":  "audiences",
		"communes":   "communes",
		"grandsites": "major-sites",
		"archive":    "archive",
		"data":       "open-data",
		"sitemap":    "sitemap",
		"selection":  "my-programme",
		"changes":    "changes",
	},
}

// Reserved reports whether a top-level content page slug would collide with a
// section of the site, in any language, or with a language prefix.
func Reserved(slug string, languages []string) bool {
	for _, l := range languages {
		if slug == l {
			return true
		}
	}
	for _, names := range sections {
		for _, n := range names {
			if n == slug {
				return true
			}
		}
	}
	switch slug {
	case "404", "assets", "images", "index", "feed", "sitemap", "robots":
		return true
	}
	return false
}

// Router builds addresses for one site: its default language decides which
// language sits at the root.
type Router struct {
	Default string
}

func (r Router) prefix(lang string) string {
	if lang == r.Default {
		return "/"
	}
	return "/" + lang + "/"
}

func section(lang, key string) string {
	if s, ok := sections[lang]; ok {
		return s[key]
	}
	return sections["en"][key]
}

// Home is the language's home page.
func (r Router) Home(lang string) string { return r.prefix(lang) }

// Section is the index of a section ("events", "venues", "programme",
// "themes", "audiences", "communes", "grandsites", "archive", "data",
// "sitemap", "selection", "changes").
func (r Router) Section(lang, key string) string {
	return r.prefix(lang) + section(lang, key) + "/"
}

// Event is an event's page: /evenements/2026/<slug>/.
func (r Router) Event(lang string, year int, slug string) string {
	return r.prefix(lang) + section(lang, "events") + "/" + strconv.Itoa(year) + "/" + slug + "/"
}

// EventCalendar is an event's iCalendar file, the same for every language:
// /evenements/2026/<slug>.ics.
func (r Router) EventCalendar(year int, slug string) string {
	return "/" + section(r.Default, "events") + "/" + strconv.Itoa(year) + "/" + slug + ".ics"
}

// Year is the index of one edition's events: /evenements/2026/.
func (r Router) Year(lang string, year int) string {
	return r.prefix(lang) + section(lang, "events") + "/" + strconv.Itoa(year) + "/"
}

// Venue is a venue's page: /lieux/<slug>/.
func (r Router) Venue(lang, slug string) string {
	return r.prefix(lang) + section(lang, "venues") + "/" + slug + "/"
}

// ProgrammePage is the n-th page (from 1) of the programme's list of
// events: /programme/ for the first, then /programme/page/2/ and so on.
func (r Router) ProgrammePage(lang string, n int) string {
	if n <= 1 {
		return r.Section(lang, "programme")
	}
	return r.Section(lang, "programme") + "page/" + strconv.Itoa(n) + "/"
}

// Day is a festival day's programme: /programme/2026-06-27/. date is
// formatted YYYY-MM-DD.
func (r Router) Day(lang, date string) string {
	return r.prefix(lang) + section(lang, "programme") + "/" + date + "/"
}

// Theme is a category's page: /themes/<key>/.
func (r Router) Theme(lang, key string) string {
	return r.prefix(lang) + section(lang, "themes") + "/" + key + "/"
}

// Audience is an audience's page: /publics/<key>/.
func (r Router) Audience(lang, key string) string {
	return r.prefix(lang) + section(lang, "audiences") + "/" + key + "/"
}

// Commune is a commune's page: /communes/<slug>/.
func (r Router) Commune(lang, slug string) string {
	return r.prefix(lang) + section(lang, "communes") + "/" + slug + "/"
}

// Page is a content page: /a-propos/.
func (r Router) Page(lang, slug string) string {
	return r.prefix(lang) + slug + "/"
}

// File returns the file an address is written to, relative to the output
// folder and without a leading slash: "lieux/x/" becomes "lieux/x/index.html".
func File(address string) string {
	p := strings.TrimPrefix(address, "/")
	if p == "" || strings.HasSuffix(p, "/") {
		return p + "index.html"
	}
	return p
}

// The files below are the same for every language; they sit in the default
// language's sections, beside the page of what they describe.

// YearCalendar is the iCalendar file of a whole edition: /evenements/2026.ics.
func (r Router) YearCalendar(year int) string {
	return "/" + section(r.Default, "events") + "/" + strconv.Itoa(year) + ".ics"
}

// VenueCalendar is a venue's iCalendar file (grands sites included):
// /lieux/<slug>.ics.
func (r Router) VenueCalendar(slug string) string {
	return "/" + section(r.Default, "venues") + "/" + slug + ".ics"
}

// ThemeCalendar is a category's iCalendar file: /themes/<key>.ics.
func (r Router) ThemeCalendar(key string) string {
	return "/" + section(r.Default, "themes") + "/" + key + ".ics"
}

// Data is an open data file: /donnees/evenements.json.
func (r Router) Data(file string) string {
	return "/" + section(r.Default, "data") + "/" + file
}

// Feed is the language's Atom feed of events: /feed.xml, /en/feed.xml.
func (r Router) Feed(lang string) string { return r.prefix(lang) + "feed.xml" }

// ChangesFeed is the language's Atom feed of cancellations and changes:
// /modifications/feed.xml, /en/changes/feed.xml.
func (r Router) ChangesFeed(lang string) string { return r.Section(lang, "changes") + "feed.xml" }

// Host is the host name of a base URL, which names the site's calendar UIDs
// ("2026/bal/bal-dimanche@quinzaine.example.org"): every file that carries
// a session's UID (calendars, the schedule export, the browser's « Mon
// programme ») takes it from here, so that importing one after another
// updates the same entries. A base URL without a host gives "quinzaine".
func Host(base string) string {
	u, err := url.Parse(base)
	if err != nil || u.Host == "" {
		return "quinzaine"
	}
	return u.Hostname()
}
