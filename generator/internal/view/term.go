package view

import (
	"quinzaine/generator/internal/programme"
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

// Term is a category's or an audience's page, with its events.
type Term struct {
	Layout
	Name     Text
	Kind     string // « Thème », « Public »
	Calendar string // a category's iCalendar file; empty for an audience
	Events   []EventItem

	// Subscribe offers a category's calendar; nil for an audience.
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

// Term builds the page of a category (section "themes") or an audience
// (section "audiences").
func (s *Site) Term(t *programme.Term, section string) (*Term, error) {
	name := s.text(t.Label)
	addr := func(lang string) string { return s.Router.Theme(lang, t.Key) }
	kind := "theme.kind"
	if section == "audiences" {
		addr = func(lang string) string { return s.Router.Audience(lang, t.Key) }
		kind = "audience.kind"
	}
	l, err := s.layout(name.Value, addr, s.Router.Section(s.Lang, section))
	if err != nil {
		return nil, err
	}
	out := &Term{Layout: l, Name: name}
	if out.Kind, err = s.t(kind); err != nil {
		return nil, err
	}
	if section == "themes" {
		out.Calendar = s.URL(s.Router.ThemeCalendar(t.Key))
		if out.Subscribe, err = s.ThemeCalendar(t); err != nil {
			return nil, err
		}
	}
	if out.Events, err = s.eventItems(s.current(t.Events)); err != nil {
		return nil, err
	}
	return out, nil
}
