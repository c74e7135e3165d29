package view

import (
	"html/template"
	"sync"

	"quinzaine/generator/internal/programme"
)

// An event is listed on about ten pages of a language: the programme, its
// venue's and commune's pages, each of its categories and audiences, and
// other events' pages as a related event. Each list drew it again, with the
// same view and the same HTML. So a Site keeps each event's EventItem, and
// the HTML that the theme's partials draw of it (Layout.Keep), and every
// list reuses them. A day's programme has a row for each session, and an
// event's part of the row (RowEvent) is kept the same way (Row.Keep). The layout's menus are kept the same way, once per
// entry marked as the reader's place.
//
// A Site serves one plan, in one language, at one build time (Now), and an
// EventItem or a RowEvent is a function of its event and of these alone, Menus of the
// place alone: nothing kept can be stale while the Site lives. The preview makes a new plan, hence new
// Sites, after every save.

// cardKey names the HTML of one event, or of the menus at one place, drawn
// by one partial.
type cardKey struct {
	partial string
	event   *programme.Event
	row     bool // the event's RowEvent rather than its EventItem
	place   string
}

// cards is what a Site keeps of each event for its lists; pages render in
// parallel, so it is guarded. Two pages drawing the same event at the same
// moment both draw it and keep the same bytes.
type cards struct {
	mu    sync.Mutex
	items map[*programme.Event]EventItem
	rows  map[*programme.Event]RowEvent
	menus map[string]Menus // by the address marked current
	html  map[cardKey]template.HTML
}

// Keep gives the HTML of a list item drawn by a partial of the theme,
// calling draw only the first time the Site meets the item: templates
// write {{card "event-item" . $}} (see package theme), and each event is
// drawn once per language however many lists show it. Menus are drawn
// once per place; anything else each time.
func (l Layout) Keep(partial string, item any, draw func() (template.HTML, error)) (template.HTML, error) {
	if l.site == nil {
		return draw()
	}
	return l.site.keep(partial, item, draw)
}

func (s *Site) keep(partial string, item any, draw func() (template.HTML, error)) (template.HTML, error) {
	var key cardKey
	switch it := item.(type) {
	case EventItem:
		if it.event != nil {
			key = cardKey{partial: partial, event: it.event}
		}
	case RowEvent:
		if it.event != nil {
			key = cardKey{partial: partial, event: it.event, row: true}
		}
	case Menus:
		if it.strings != nil {
			key = cardKey{partial: partial, place: it.current}
		}
	}
	if key.partial == "" {
		// Not made by a Site: nothing says what it shows.
		return draw()
	}
	s.cards.mu.Lock()
	h, ok := s.cards.html[key]
	s.cards.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := draw()
	if err != nil {
		return "", err
	}
	s.cards.mu.Lock()
	s.cards.html[key] = h
	s.cards.mu.Unlock()
	return h, nil
}
