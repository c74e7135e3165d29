package view

import (
	"strconv"
	"strings"

	"quinzaine/generator/internal/programme"
)

// PageSize is how many events a page of a list of events shows: the
// programme's index, and the pages of a theme, an audience or a commune.
// On one page, a list grows with the programme, past the 60 KB a page may
// weigh with a few dozen events and to megabytes with thousands; the days'
// pages and the filter show every session.
const PageSize = 24

// Paginate splits events into the pages of a list, in their order: one
// page at least, empty when there is no event.
func Paginate(events []*programme.Event) [][]*programme.Event {
	pages := [][]*programme.Event{events[:min(PageSize, len(events))]}
	for i := PageSize; i < len(events); i += PageSize {
		pages = append(pages, events[i:min(i+PageSize, len(events))])
	}
	return pages
}

// Pager tells which page of a list of events a page is, and links to the
// pages before and after it.
type Pager struct {
	Page       string // « Page 2 sur 5 »; empty when the list takes one page
	Label      string // « Autres pages de cette liste », naming the links
	Prev, Next *Link  // their text is the page they lead to, « Page 1 sur 5 »
	PrevLabel  string // « Événements précédents »
	NextLabel  string // « Événements suivants »
}

// paging is what the pages of one list share: how many there are and
// where each is.
type paging struct {
	pages   int
	address func(n int) string // route address of the n-th page, from 1
}

// pageOf gives the interface string key with {page} and {pages} filled in.
func (s *Site) pageOf(key string, n, pages int) (string, error) {
	f, err := s.t(key)
	if err != nil {
		return "", err
	}
	return strings.NewReplacer("{page}", strconv.Itoa(n), "{pages}", strconv.Itoa(pages)).Replace(f), nil
}

// pagedTitle is the title of the n-th page of a list named name: name on the
// first page, « Concert, page 2 sur 5 » on the others.
func (s *Site) pagedTitle(name string, n, pages int) (string, error) {
	if n <= 1 {
		return name, nil
	}
	t, err := s.pageOf("pages.title", n, pages)
	return strings.ReplaceAll(t, "{title}", name), err
}

// pager builds the Pager of the n-th page of g.
func (s *Site) pager(g paging, n int) (Pager, error) {
	var out Pager
	if g.pages <= 1 {
		return out, nil
	}
	var err error
	if out.Page, err = s.pageOf("pages.page", n, g.pages); err != nil {
		return out, err
	}
	link := func(i int) (*Link, error) {
		text, err := s.pageOf("pages.page", i, g.pages)
		return &Link{URL: s.URL(g.address(i)), Text: text}, err
	}
	if n > 1 {
		if out.Prev, err = link(n - 1); err != nil {
			return out, err
		}
	}
	if n < g.pages {
		if out.Next, err = link(n + 1); err != nil {
			return out, err
		}
	}
	for _, l := range []struct {
		key string
		to  *string
	}{{"pages.nav", &out.Label}, {"pages.prev", &out.PrevLabel}, {"pages.next", &out.NextLabel}} {
		if *l.to, err = s.t(l.key); err != nil {
			return out, err
		}
	}
	return out, nil
}
