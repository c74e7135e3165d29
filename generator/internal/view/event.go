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
	Commune     string
	Address     string // street, postcode and commune on one line
	Categories  []Text
	Audiences   []Text
	Age         string
	Price       string
	Conditions  Text
	Booking     string // absolute URL, or ""
	Access      []Access
	Organiser   string
}

// Session is one occurrence of an event.
type Session struct {
	When Time
}

// Event builds the page of e.
func (s *Site) Event(e *programme.Event) (*Event, error) {
	address := s.Router.Event(s.Lang, e.Year, e.Slug)
	name := s.text(e.Title)
	l, err := s.layout(name.Value, address, "")
	if err != nil {
		return nil, err
	}
	v := &Event{
		Layout:     l,
		Name:       name,
		Summary:    s.text(e.Summary),
		EasyRead:   s.text(e.EasyRead),
		Venue:      s.venueLink(e.Venue),
		Commune:    e.Venue.Commune.Name,
		Address:    e.Venue.Address + ", " + e.Venue.Postcode + " " + e.Venue.Commune.Name,
		Categories: s.terms(e.Categories),
		Audiences:  s.terms(e.Audiences),
		Conditions: s.text(e.Conditions),
		Booking:    e.Booking,
		Organiser:  e.Organiser,
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
		v.Sessions = append(v.Sessions, Session{When: s.when(se)})
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
	if e.Status == programme.Cancelled || e.Status == programme.Full {
		// Nothing left to book: the link would only lead to a refusal.
		v.Booking = ""
	}
	return v, nil
}

// EventItem is an event in a list.
type EventItem struct {
	Link    Link
	When    Time
	Venue   Link
	Commune string
	Status  Status
	Price   string
}

func (s *Site) eventItem(e *programme.Event) (EventItem, error) {
	it := EventItem{Link: s.eventLink(e), Venue: s.venueLink(e.Venue), Commune: e.Venue.Commune.Name}
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
	return it, nil
}

func (s *Site) eventItems(events []*programme.Event) ([]EventItem, error) {
	var out []EventItem
	for _, e := range events {
		it, err := s.eventItem(e)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, nil
}
