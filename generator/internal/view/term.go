package view

import (
	"fmt"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// Terms is the index of the categories ("themes") or of the audiences.
type Terms struct {
	Layout
	Heading string
	Terms   []TermItem
}

// TermItem is a category or audience in its index.
type TermItem struct {
	Link   Link
	Events string // « 5 événements »
}

// Term is a page of a category's or an audience's events.
type Term struct {
	Layout
	Name     Text
	Kind     string // « Thème », « Public »
	Calendar string // a category's iCalendar file; empty for an audience
	Events   []EventItem
	Pager    Pager

	// Subscribe offers a category's calendar, on its first page; nil for
	// an audience.
	Subscribe *Calendar
}

// termSection tells categories ("themes") from audiences ("audiences").
func (s *Site) termList(section string) []*programme.Term {
	if section == "audiences" {
		return s.P.Audiences
	}
	return s.P.Categories
}

// Terms builds the index of categories (section "themes") or audiences
// (section "audiences").
func (s *Site) Terms(section string) (*Terms, error) {
	l, heading, err := s.sectionIndex(section)
	if err != nil {
		return nil, err
	}
	out := &Terms{Layout: l, Heading: heading}
	for _, t := range s.termList(section) {
		n, err := s.Strings.N(s.Lang, "events", len(s.current(t.Events)))
		if err != nil {
			return nil, err
		}
		out.Terms = append(out.Terms, TermItem{Link: s.termLink(t, section), Events: n})
	}
	return out, nil
}

// TermPages splits the events of t that the current edition has into the
// pages of its list.
func (s *Site) TermPages(t *programme.Term) [][]*programme.Event {
	return Paginate(s.current(t.Events))
}

// Term builds the n-th page (from 1) of a category (section "themes") or
// an audience (section "audiences").
func (s *Site) Term(t *programme.Term, section string, n int) (*Term, error) {
	at := s.Router.Theme
	kind := "theme.kind"
	if section == "audiences" {
		at, kind = s.Router.Audience, "audience.kind"
	}
	all := s.TermPages(t)
	g := paging{pages: len(all), address: func(i int) string { return route.Paged(at(s.Lang, t.Key), i) }}
	if n < 1 || n > g.pages {
		return nil, fmt.Errorf("%s page %d: there are %d", t.Key, n, g.pages)
	}
	name := s.text(t.Label)
	title, err := s.pagedTitle(name.Value, n, g.pages)
	if err != nil {
		return nil, err
	}
	addr := func(lang string) string { return route.Paged(at(lang, t.Key), n) }
	l, err := s.layout(title, addr, s.Router.Section(s.Lang, section))
	if err != nil {
		return nil, err
	}
	out := &Term{Layout: l, Name: name}
	if out.Kind, err = s.t(kind); err != nil {
		return nil, err
	}
	if section == "themes" {
		out.Calendar = s.URL(s.Router.ThemeCalendar(t.Key))
		if n == 1 {
			if out.Subscribe, err = s.ThemeCalendar(t); err != nil {
				return nil, err
			}
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
