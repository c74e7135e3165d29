package view

import (
	"quinzaine/generator/internal/locale"
)

// SiteMap is the page that lists every page of the site in its language: the
// second way to navigate that RGAA asks for, beside the menu.
type SiteMap struct {
	Layout
	Heading string
	Groups  []Group
}

// Group is a section of the site map: its index (or a plain heading when
// the section has none) and its pages.
type Group struct {
	Heading Link
	Links   []Link
}

// SiteMap builds the site map.
func (s *Site) SiteMap() (*SiteMap, error) {
	l, heading, err := s.sectionIndex("sitemap")
	if err != nil {
		return nil, err
	}
	out := &SiteMap{Layout: l, Heading: heading}
	section := func(key, section string) (Link, error) {
		text, err := s.t(key)
		if err != nil {
			return Link{}, err
		}
		lk := Link{Text: text}
		if section != "" {
			lk.URL = s.URL(s.Router.Section(s.Lang, section))
		}
		return lk, nil
	}
	add := func(key, sec string, links []Link) error {
		h, err := section(key, sec)
		if err != nil {
			return err
		}
		out.Groups = append(out.Groups, Group{Heading: h, Links: links})
		return nil
	}
	home, err := s.t("home.title")
	if err != nil {
		return nil, err
	}
	var pages []Link
	for _, pg := range s.P.Pages {
		t := s.text(pg.Title)
		pages = append(pages, Link{URL: s.URL(s.Router.Page(s.Lang, pg.Slug)), Text: t.Value, Lang: t.Lang})
	}
	out.Groups = append(out.Groups, Group{Heading: Link{URL: s.URL(s.Router.Home(s.Lang)), Text: home}, Links: pages})

	var days, events, venues, grands, communes, archive []Link
	for _, d := range s.P.Days {
		lk := s.dayLink(d)
		lk.Text = locale.Date(s.Lang, d.Date)
		days = append(days, lk)
	}
	for _, e := range s.P.Events {
		if e.Year == s.P.Edition.Year {
			events = append(events, s.eventLink(e))
		} else {
			archive = append(archive, s.eventLink(e))
		}
	}
	for _, v := range s.P.Venues {
		if v.GrandSite {
			grands = append(grands, s.venueLink(v))
		} else {
			venues = append(venues, s.venueLink(v))
		}
	}
	for _, c := range s.P.Communes {
		communes = append(communes, s.communeLink(c))
	}
	steps := []struct {
		key, section string
		links        []Link
	}{
		{"nav.programme", "programme", days},
		{"programme.events", "", events},
		{"nav.grandsites", "grandsites", grands},
		{"nav.venues", "venues", venues},
		{"nav.communes", "communes", communes},
		{"nav.themes", "themes", s.termLinks(s.P.Categories, "themes")},
		{"nav.audiences", "audiences", s.termLinks(s.P.Audiences, "audiences")},
	}
	if s.HasArchive() {
		steps = append(steps, struct {
			key, section string
			links        []Link
		}{"archive.title", "archive", archive})
	}
	for _, st := range steps {
		if err := add(st.key, st.section, st.links); err != nil {
			return nil, err
		}
	}
	return out, nil
}
