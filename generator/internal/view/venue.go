package view

import (
	"fmt"
	"strconv"

	"quinzaine/generator/internal/programme"
)

// Venue is a venue's page, with its events.
type Venue struct {
	Layout
	Name        Text
	GrandSite   bool
	Commune     string
	Address     string
	Postcode    string
	MapURL      string // OpenStreetMap, centred on the venue
	Website     string
	Transport   Text
	Access      []Access
	Description HTML
	Events      []EventItem
}

// Venue builds the page of v.
func (s *Site) Venue(v *programme.Venue) (*Venue, error) {
	address := s.Router.Venue(s.Lang, v.Slug)
	name := s.text(v.Name)
	l, err := s.layout(name.Value, address, "")
	if err != nil {
		return nil, err
	}
	lat, lon := strconv.FormatFloat(v.Lat, 'f', -1, 64), strconv.FormatFloat(v.Lon, 'f', -1, 64)
	out := &Venue{
		Layout:    l,
		Name:      name,
		GrandSite: v.GrandSite,
		Commune:   v.Commune.Name,
		Address:   v.Address,
		Postcode:  v.Postcode,
		MapURL:    fmt.Sprintf("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=17/%s/%s", lat, lon, lat, lon),
		Website:   v.Website,
		Transport: s.text(v.Transport),
	}
	if out.Access, err = s.access(v.Access); err != nil {
		return nil, err
	}
	if out.Description, err = s.html(v.Description); err != nil {
		return nil, err
	}
	if out.Events, err = s.eventItems(v.Events); err != nil {
		return nil, err
	}
	return out, nil
}

// Venues is the index of venues, by commune.
type Venues struct {
	Layout
	Heading    string
	GrandSites []Link
	Communes   []CommuneVenues
}

// CommuneVenues is a commune with its venues.
type CommuneVenues struct {
	Name   string
	Venues []VenueItem
}

// VenueItem is a venue in a list.
type VenueItem struct {
	Link      Link
	GrandSite bool
	Events    string // « 3 événements »
}

// Venues builds the index of venues.
func (s *Site) Venues() (*Venues, error) {
	address := s.Router.Section(s.Lang, "venues")
	heading, err := s.t("venues.title")
	if err != nil {
		return nil, err
	}
	l, err := s.layout(heading, address, address)
	if err != nil {
		return nil, err
	}
	out := &Venues{Layout: l, Heading: heading}
	for _, v := range s.P.GrandSites {
		out.GrandSites = append(out.GrandSites, s.venueLink(v))
	}
	for _, c := range s.P.Communes {
		cv := CommuneVenues{Name: c.Name}
		for _, v := range c.Venues {
			n, err := s.Strings.N(s.Lang, "events", len(v.Events))
			if err != nil {
				return nil, err
			}
			cv.Venues = append(cv.Venues, VenueItem{Link: s.venueLink(v), GrandSite: v.GrandSite, Events: n})
		}
		out.Communes = append(out.Communes, cv)
	}
	return out, nil
}
