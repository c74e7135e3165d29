package view

import (
	"quinzaine/generator/internal/programme"
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

// Commune is a commune's page: its venues and its events.
type Commune struct {
	Layout
	Name   string
	Venues []VenueItem
	Events []EventItem
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

// Commune builds the page of c.
func (s *Site) Commune(c *programme.Commune) (*Commune, error) {
	addr := func(lang string) string { return s.Router.Commune(lang, c.Slug) }
	l, err := s.layout(c.Name, addr, s.Router.Section(s.Lang, "communes"))
	if err != nil {
		return nil, err
	}
	out := &Commune{Layout: l, Name: c.Name}
	if out.Venues, err = s.venueItems(c.Venues); err != nil {
		return nil, err
	}
	if out.Events, err = s.eventItems(s.current(c.Events)); err != nil {
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
