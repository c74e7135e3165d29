package view

import (
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
	name := s.text(pg.Title)
	addr := func(lang string) string { return s.Router.Page(lang, pg.Slug) }
	l, err := s.layout(name.Value, addr, addr(s.Lang))
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
	SiteMap   Link
}

// NotFound builds the 404 page. It has no canonical address: servers show it
// at any address.
func (s *Site) NotFound() (*NotFound, error) {
	heading, err := s.t("notfound.title")
	if err != nil {
		return nil, err
	}
	l, err := s.layout(heading, nil, "")
	if err != nil {
		return nil, err
	}
	prog, err := s.t("nav.programme")
	if err != nil {
		return nil, err
	}
	plan, err := s.t("sitemap.title")
	if err != nil {
		return nil, err
	}
	return &NotFound{
		Layout: l, Heading: heading,
		Programme: Link{URL: s.URL(s.Router.Section(s.Lang, "programme")), Text: prog},
		SiteMap:   Link{URL: s.URL(s.Router.Section(s.Lang, "sitemap")), Text: plan},
	}, nil
}
