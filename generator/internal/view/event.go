package view

import (
	"quinzaine/generator/internal/programme"
)

// Event is an event's page: everything an attendee needs.
type Event struct {
	Layout
	Name        Text
	Status      Status
	Summary     Text
	EasyRead    Text
	Description HTML
	When        Time // the summary of its dates
	Sessions    []Session
	Venue       Link
	Commune     Link
	Address     string // street, postcode and commune on one line
	MapURL      string // OpenStreetMap, centred on the venue
	Categories  Tags
	Audiences   Tags
	Age         string
	Price       string
	Conditions  Text
	Booking     string // absolute URL, or ""
	Access      AccessList
	Organiser   string
	Image       *Image
	Calendar    string // the event's iCalendar file
	Subscribe   *Calendar
	Related     []EventItem
	// Draft marks an event not yet published (draft: true), shown only in
	// the preview or a build with -drafts.
	Draft bool
}

// Session is one occurrence of an event.
type Session struct {
	Star Star // the reader's selection (« Mon programme »), with the session's stable id
	When Time
	// Past is set for a session that ended before the build: shown, marked,
	// never hidden.
	Past bool
}

// Event builds the page of e.
func (s *Site) Event(e *programme.Event) (*Event, error) {
	name := s.text(e.Title)
	addr := func(lang string) string { return s.Router.Event(lang, e.Year, e.Slug) }
	l, err := s.layout(name.Value, addr, "")
	if err != nil {
		return nil, err
	}
	v := &Event{
		Layout:     l,
		Name:       name,
		Summary:    s.text(e.Summary),
		EasyRead:   s.text(e.EasyRead),
		Venue:      s.venueLink(e.Venue),
		Commune:    s.communeLink(e.Venue.Commune),
		Address:    e.Venue.Address + ", " + e.Venue.Postcode + " " + e.Venue.Commune.Name,
		MapURL:     mapURL(e.Venue),
		Categories: s.termLinks(e.Categories, "themes"),
		Audiences:  s.termLinks(e.Audiences, "audiences"),
		Conditions: s.text(e.Conditions),
		Booking:    e.Booking,
		Organiser:  e.Organiser,
		Calendar:   s.URL(s.Router.EventCalendar(e.Year, e.Slug)),
		Draft:      e.Draft,
	}
	if v.Subscribe, err = s.EventCalendar(e); err != nil {
		return nil, err
	}
	if v.StructuredData, err = s.EventData(e); err != nil {
		return nil, err
	}
	if v.Summary.Value != "" {
		v.MetaDescription = v.Summary.Value
	}
	if v.Description, err = s.html(e.Description); err != nil {
		return nil, err
	}
	if v.When, err = s.eventWhen(e); err != nil {
		return nil, err
	}
	for _, se := range e.Sessions {
		star, err := s.Star(se)
		if err != nil {
			return nil, err
		}
		v.Sessions = append(v.Sessions, Session{Star: star, When: s.when(se), Past: s.past(se)})
	}
	if v.Status, err = s.status(e); err != nil {
		return nil, err
	}
	if v.Age, err = s.age(e.Age); err != nil {
		return nil, err
	}
	if v.Price, err = s.price(e.Price); err != nil {
		return nil, err
	}
	if v.Access, err = s.access(e.Access); err != nil {
		return nil, err
	}
	if v.Image, err = s.image(e.Image, "event"); err != nil {
		return nil, err
	}
	if e.Status == programme.Cancelled || e.Status == programme.Full {
		// Nothing left to book: the link would only lead to a refusal.
		v.Booking = ""
	}
	if v.Related, err = s.eventItems(s.related().Of(e)); err != nil {
		return nil, err
	}
	return v, nil
}

// past reports whether a session ended before the build. An all-day
// session's End is the midnight starting its last day.
func (s *Site) past(se *programme.Session) bool {
	if s.Now.IsZero() {
		return false
	}
	end := se.End
	if se.AllDay {
		end = end.AddDate(0, 0, 1)
	}
	return !end.After(s.Now)
}

// EventItem is an event in a list.
type EventItem struct {
	Link    Link
	When    Time
	Venue   Link
	Commune string
	Status  Status
	Price   string
	// Past is set for an event whose every session ended before the build.
	Past bool

	event *programme.Event // what Keep keeps its HTML under
}

// eventItem gives e's item, made once per Site (see cards).
func (s *Site) eventItem(e *programme.Event) (EventItem, error) {
	s.cards.mu.Lock()
	it, ok := s.cards.items[e]
	s.cards.mu.Unlock()
	if ok {
		return it, nil
	}
	it = EventItem{Link: s.eventLink(e), Venue: s.venueLink(e.Venue), Commune: e.Venue.Commune.Name, event: e}
	it.Past = s.past(e.Sessions[len(e.Sessions)-1])
	var err error
	if it.When, err = s.eventWhen(e); err != nil {
		return EventItem{}, err
	}
	if it.Status, err = s.status(e); err != nil {
		return EventItem{}, err
	}
	if it.Price, err = s.price(e.Price); err != nil {
		return EventItem{}, err
	}
	s.cards.mu.Lock()
	s.cards.items[e] = it
	s.cards.mu.Unlock()
	return it, nil
}

func (s *Site) eventItems(events []*programme.Event) ([]EventItem, error) {
	out := make([]EventItem, 0, len(events))
	for _, e := range events {
		it, err := s.eventItem(e)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}

// current keeps the events of the edition in progress; earlier years are in
// the archive.
func (s *Site) current(events []*programme.Event) []*programme.Event {
	return s.P.Current(events)
}
