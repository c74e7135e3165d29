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
// list reuses them. The layout's menus are kept the same way, once per
// entry marked as the reader's place, and so are an event page's tags and
// pictograms, once per list: thousands of events share the same few. A
// day's programme has a row for each session, and an event's part of the
// row (RowEvent) is kept until its event's last row is drawn (Row.Keep).
//
// A Site serves one plan, in one language, at one build time (Now), and an
// EventItem or a RowEvent is a function of its event and of these alone,
// Menus of the place alone, Tags and AccessList of what they hold:
// nothing kept can be stale while the Site lives.
// The preview makes a new plan, hence new Sites, after every save.

// cardKey names the HTML of one event, of the menus at one place, or of
// one list of tags or pictograms, drawn by one partial.
type cardKey struct {
	partial string
	event   *programme.Event
	row     bool // the event's RowEvent rather than its EventItem
	place   string
	list    string // a Tags' or an AccessList's key
}

// cards is what a Site keeps of each event for its lists; pages render in
// parallel, so it is guarded. Two pages drawing the same event at the same
// moment both draw it and keep the same bytes.
type cards struct {
	mu    sync.Mutex
	items map[*programme.Event]EventItem
	menus map[string]Menus // by the address marked current
	html  map[cardKey]template.HTML
	used  map[cardKey]int // uses of HTML needed a known number of times
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
	uses := 0 // how many times the HTML is asked for, when known
	switch it := item.(type) {
	case EventItem:
		if it.event != nil {
			key = cardKey{partial: partial, event: it.event}
		}
	case RowEvent:
		if it.event != nil {
			key = cardKey{partial: partial, event: it.event, row: true}
			uses = it.rows
		}
	case Menus:
		if it.strings != nil {
			key = cardKey{partial: partial, place: it.current}
		}
	case Tags:
		key = cardKey{partial: partial, list: "tags " + it.key()}
	case AccessList:
		key = cardKey{partial: partial, list: "access " + it.key()}
	}
	if key.partial == "" {
		// Not made by a Site: nothing says what it shows.
		return draw()
	}
	s.cards.mu.Lock()
	h, ok := s.cards.html[key]
	if ok {
		s.cards.spend(key, uses)
	}
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
	s.cards.spend(key, uses)
	s.cards.mu.Unlock()
	return h, nil
}

// spend counts a use of the HTML kept under key and, when it is needed a
// known number of times (uses, 0 when unknown), forgets it after the last:
// the rows of 10,000 events, 40 MB of HTML, are done with once the days'
// pages are, and the build's peak memory comes later. Asked for again, it
// is drawn again. c.mu is held.
func (c *cards) spend(key cardKey, uses int) {
	if uses == 0 {
		return
	}
	c.used[key]++
	if c.used[key] >= uses {
		delete(c.html, key)
		delete(c.used, key)
	}
}
