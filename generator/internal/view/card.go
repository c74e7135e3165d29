package view

import (
	"errors"
	"fmt"
	"html/template"
	"sync"

	"quinzaine/generator/internal/programme"
)

// An event is listed on about ten pages of a language: the programme, its
// venue's and commune's pages, each of its categories and audiences, and
// other events' pages as a related event. Each list drew it again, with the
// same view and the same HTML. So a Site keeps each event's EventItem, and
// the HTML that the theme's partials draw of it (Layout.Card), and every
// list reuses them.
//
// A Site serves one plan, in one language, at one build time (Now), and an
// EventItem is a function of its event and of these alone: nothing kept can
// be stale while the Site lives. The preview makes a new plan, hence new
// Sites, after every save.

// cardKey names the HTML of one event drawn by one partial.
type cardKey struct {
	partial string
	event   *programme.Event
}

// cards is what a Site keeps of each event for its lists; pages render in
// parallel, so it is guarded. Two pages drawing the same event at the same
// moment both draw it and keep the same bytes.
type cards struct {
	mu    sync.Mutex
	items map[*programme.Event]EventItem
	html  map[cardKey]template.HTML
}

// Card draws a list item with the theme's partial of that name, for
// templates: {{$.Card "event-item" .}} writes the same bytes as
// {{template "event-item" .}}, drawn once per event and language however
// many lists show it. Items other than an EventItem are drawn each time.
func (l Layout) Card(partial string, item any) (template.HTML, error) {
	if l.site == nil {
		return "", fmt.Errorf("card %s: the page has no site to draw it", partial)
	}
	return l.site.card(partial, item)
}

func (s *Site) card(partial string, item any) (template.HTML, error) {
	if s.Partial == nil {
		return "", errors.New("card " + partial + ": no theme to draw it")
	}
	it, ok := item.(EventItem)
	if !ok || it.event == nil {
		return s.Partial(partial, item)
	}
	key := cardKey{partial, it.event}
	s.cards.mu.Lock()
	h, ok := s.cards.html[key]
	s.cards.mu.Unlock()
	if ok {
		return h, nil
	}
	h, err := s.Partial(partial, item)
	if err != nil {
		return "", err
	}
	s.cards.mu.Lock()
	s.cards.html[key] = h
	s.cards.mu.Unlock()
	return h, nil
}
