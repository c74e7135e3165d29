package view

import (
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
)

// Page is a content page (à propos, accessibility statement, legal notice).
type Page struct {
	Layout
	Name Text
	Body HTML
}

// Page builds the page of pg.
func (s *Site) Page(pg *programme.Page) (*Page, error) {
	address := s.Router.Page(s.Lang, pg.Slug)
	name := s.text(pg.Title)
	l, err := s.layout(name.Value, address, address)
	if err != nil {
		return nil, err
	}
	body, err := s.html(pg.Body)
	if err != nil {
		return nil, err
	}
	return &Page{Layout: l, Name: name, Body: body}, nil
}

// NotFound is the page served for an address that does not exist.
type NotFound struct {
	Layout
	Heading   string
	Programme Link
}

// NotFound builds the 404 page. It has no canonical address: servers show it
// at any address.
func (s *Site) NotFound() (*NotFound, error) {
	heading, err := s.t("notfound.title")
	if err != nil {
		return nil, err
	}
	l, err := s.layout(heading, "", "")
	if err != nil {
		return nil, err
	}
	prog, err := s.t("nav.programme")
	if err != nil {
		return nil, err
	}
	return &NotFound{Layout: l, Heading: heading, Programme: Link{URL: s.URL(s.Router.Section(s.Lang, "programme")), Text: prog}}, nil
}

// Home is the home page: the edition, its days and its grands sites.
type Home struct {
	Layout
	Edition    Time // « du samedi 20 juin au dimanche 5 juillet 2026 »
	Intro      Text
	Days       []DayItem
	GrandSites []Link
	Events     string // « 42 événements »
}

// DayItem is a day in a list of days, with how many sessions it has.
type DayItem struct {
	Link     Link
	Datetime string
	Sessions string
}

func (s *Site) days() ([]DayItem, error) {
	var out []DayItem
	for _, d := range s.P.Days {
		n, err := s.Strings.N(s.Lang, "sessions", len(d.Sessions))
		if err != nil {
			return nil, err
		}
		out = append(out, DayItem{Link: s.dayLink(d), Datetime: date(d.Date), Sessions: n})
	}
	return out, nil
}

// Home builds the home page.
func (s *Site) Home() (*Home, error) {
	address := s.Router.Home(s.Lang)
	l, err := s.layout("", address, address)
	if err != nil {
		return nil, err
	}
	ed := s.P.Edition
	h := &Home{
		Layout:  l,
		Edition: Time{Datetime: date(ed.Start), Text: locale.Span(s.Lang, ed.Start, ed.End)},
		Intro:   s.text(s.P.Site.Description),
	}
	for _, v := range s.P.GrandSites {
		h.GrandSites = append(h.GrandSites, s.venueLink(v))
	}
	if h.Days, err = s.days(); err != nil {
		return nil, err
	}
	if h.Events, err = s.Strings.N(s.Lang, "events", len(s.P.Events)); err != nil {
		return nil, err
	}
	return h, nil
}

// Programme is the index of the programme: every day, then every event.
type Programme struct {
	Layout
	Heading string
	Days    []DayItem
	Events  []EventItem
}

// Programme builds the index of the programme.
func (s *Site) Programme() (*Programme, error) {
	address := s.Router.Section(s.Lang, "programme")
	heading, err := s.t("programme.title")
	if err != nil {
		return nil, err
	}
	l, err := s.layout(heading, address, address)
	if err != nil {
		return nil, err
	}
	out := &Programme{Layout: l, Heading: heading}
	if out.Days, err = s.days(); err != nil {
		return nil, err
	}
	if out.Events, err = s.eventItems(s.P.Events); err != nil {
		return nil, err
	}
	return out, nil
}
