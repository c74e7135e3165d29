package view

import (
	"fmt"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// Communes is the index of the communes, in French alphabetical order, each
// with its venues and events.
type Communes struct {
	Layout
	Heading  string
	Communes []CommuneItem
}

// CommuneItem is a commune in the index.
type CommuneItem struct {
	Link   Link
	Venues []VenueItem
	Events []Link
}

// Commune is a page of a commune's events, after its venues on the first.
type Commune struct {
	Layout
	Name   string
	Venues []VenueItem
	Events []EventItem
	Pager  Pager
}

// Communes builds the index of communes.
func (s *Site) Communes() (*Communes, error) {
	l, heading, err := s.sectionIndex("communes")
	if err != nil {
		return nil, err
	}
	out := &Communes{Layout: l, Heading: heading}
	for _, c := range s.P.Communes {
		it := CommuneItem{Link: s.communeLink(c)}
		if it.Venues, err = s.venueItems(c.Venues); err != nil {
			return nil, err
		}
		for _, e := range s.current(c.Events) {
			it.Events = append(it.Events, s.eventLink(e))
		}
		out.Communes = append(out.Communes, it)
	}
	return out, nil
}

// CommunePages splits the events of c that the current edition has into
// the pages of its list.
func (s *Site) CommunePages(c *programme.Commune) [][]*programme.Event {
	return Paginate(s.current(c.Events))
}

// Commune builds the n-th page (from 1) of c.
func (s *Site) Commune(c *programme.Commune, n int) (*Commune, error) {
	all := s.CommunePages(c)
	g := paging{pages: len(all), address: func(i int) string { return route.Paged(s.Router.Commune(s.Lang, c.Slug), i) }}
	if n < 1 || n > g.pages {
		return nil, fmt.Errorf("%s page %d: there are %d", c.Slug, n, g.pages)
	}
	title, err := s.pagedTitle(c.Name, n, g.pages)
	if err != nil {
		return nil, err
	}
	addr := func(lang string) string { return route.Paged(s.Router.Commune(lang, c.Slug), n) }
	l, err := s.layout(title, addr, s.Router.Section(s.Lang, "communes"))
	if err != nil {
		return nil, err
	}
	out := &Commune{Layout: l, Name: c.Name}
	if n == 1 {
		if out.Venues, err = s.venueItems(c.Venues); err != nil {
			return nil, err
		}
	}
	if out.Events, err = s.eventItems(all[n-1]); err != nil {
		return nil, err
	}
	if out.Pager, err = s.pager(g, n); err != nil {
		return nil, err
	}
	return out, nil
}

func (s *Site) venueItems(vs []*programme.Venue) ([]VenueItem, error) {
	var out []VenueItem
	for _, v := range vs {
		it, err := s.venueItem(v)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}
