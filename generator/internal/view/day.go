package view

import (
	"html/template"

	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
)

// Day is one festival day's programme, in time order, grouped into parts of
// the day.
type Day struct {
	Layout
	Heading Time   // « samedi 27 juin 2026 »
	Pager   *Pager // the days before and after
	Periods []Period
	Count   string // « 5 séances »
}

// Period is a part of the day: all day, morning, afternoon, evening (the
// evening runs until the festival day ends, at 04:00).
type Period struct {
	Key  string // "allday", "morning", "afternoon", "evening"
	Name string
	Rows []Row
}

// Row is one session in a day's programme: its own time, state and star,
// and what it says of its event (RowEvent), which is the same for every
// session of the event.
type Row struct {
	ID   string // the session's stable id (data-session), for « Mon programme »
	Star Star
	When Time // the hours only: « de 14 h à 18 h »
	Past bool // ended before the build
	RowEvent

	site *Site // for Keep
}

// RowEvent is what a row of a day's programme says of its event: its
// title, place, themes, price, status and accessibility. An event has a row
// for each of its sessions, and the theme's row partial draws this part
// once, through {{card "row-event" .RowEvent .}} (Row.Keep): the day pages
// of the 10,000-event programme show 20,000 rows of 10,000 events.
type RowEvent struct {
	Event      Link
	Venue      Link
	Commune    Link
	Categories []Link
	Price      string
	Status     Status
	Access     []Access

	event *programme.Event // what Keep keeps its HTML under
	rows  int              // the event's rows in the days' pages: Keep forgets the HTML after the last
}

// Keep gives the HTML of the row's RowEvent drawn by a partial, drawn the
// first time only (see Layout.Keep).
func (r Row) Keep(partial string, item any, draw func() (template.HTML, error)) (template.HTML, error) {
	if r.site == nil {
		return draw()
	}
	return r.site.keep(partial, item, draw)
}

func period(se *programme.Session) string {
	h := se.Start.Hour()
	switch {
	case se.AllDay:
		return "allday"
	case h >= locale.NightEnd && h < 12:
		return "morning"
	case h >= 12 && h < 18:
		return "afternoon"
	}
	return "evening"
}

// Day builds the programme of the i-th day of the programme.
func (s *Site) Day(i int) (*Day, error) {
	d := s.P.Days[i]
	heading := Time{Datetime: date(d.Date), Text: locale.Date(s.Lang, d.Date)}
	addr := func(lang string) string { return s.Router.Day(lang, d.Key()) }
	l, err := s.layout(heading.Text, addr, s.Router.Section(s.Lang, "programme"))
	if err != nil {
		return nil, err
	}
	v := &Day{Layout: l, Heading: heading}
	var prev, next *Link
	if i > 0 {
		p := s.dayLink(s.P.Days[i-1])
		prev = &p
	}
	if i+1 < len(s.P.Days) {
		n := s.dayLink(s.P.Days[i+1])
		next = &n
	}
	if v.Pager, err = s.pager("day", prev, next); err != nil {
		return nil, err
	}
	if v.Count, err = s.Strings.N(s.Lang, "sessions", len(d.Sessions)); err != nil {
		return nil, err
	}
	byKey := map[string]*Period{}
	for _, key := range []string{"allday", "morning", "afternoon", "evening"} {
		name, err := s.t("period." + key)
		if err != nil {
			return nil, err
		}
		v.Periods = append(v.Periods, Period{Key: key, Name: name})
	}
	for i := range v.Periods {
		byKey[v.Periods[i].Key] = &v.Periods[i]
	}
	for _, se := range d.Sessions {
		row, err := s.row(se)
		if err != nil {
			return nil, err
		}
		p := byKey[period(se)]
		p.Rows = append(p.Rows, row)
	}
	kept := v.Periods[:0]
	for _, p := range v.Periods {
		if len(p.Rows) > 0 {
			kept = append(kept, p)
		}
	}
	v.Periods = kept
	return v, nil
}

func (s *Site) row(se *programme.Session) (Row, error) {
	ev, err := s.rowEvent(se.Event)
	if err != nil {
		return Row{}, err
	}
	r := Row{ID: se.ID, Past: s.past(se), RowEvent: ev, site: s}
	switch {
	case se.AllDay:
		r.When = s.when(se)
		text, err := s.t("period.allday")
		if err != nil {
			return Row{}, err
		}
		if se.End.After(se.Start) {
			text = locale.Span(s.Lang, se.Start, se.End)
		}
		r.When.Text = text
	case se.End.Equal(se.Start):
		r.When = Time{Datetime: dateTime(se.Start), Text: locale.Time(s.Lang, se.Start)}
	default:
		r.When = Time{Datetime: dateTime(se.Start), Text: locale.Hours(s.Lang, se.Start, se.End)}
	}
	if r.Star, err = s.Star(se); err != nil {
		return Row{}, err
	}
	r.ID = r.Star.ID
	return r, nil
}

// rowEvent gives e's part of its rows.
func (s *Site) rowEvent(e *programme.Event) (RowEvent, error) {
	ev := RowEvent{
		Event:      s.eventLink(e),
		Venue:      s.venueLink(e.Venue),
		Commune:    s.communeLink(e.Venue.Commune),
		Categories: s.termLinks(e.Categories, "themes"),
		event:      e,
		rows:       s.dayRows()[e],
	}
	var err error
	if ev.Status, err = s.status(e); err != nil {
		return RowEvent{}, err
	}
	if ev.Price, err = s.price(e.Price); err != nil {
		return RowEvent{}, err
	}
	if ev.Access, err = s.access(e.Access); err != nil {
		return RowEvent{}, err
	}
	return ev, nil
}

// countDayRows counts each event's rows in the days' pages: one per session
// on each day it is listed.
func countDayRows(p *programme.Programme) map[*programme.Event]int {
	n := map[*programme.Event]int{}
	for _, d := range p.Days {
		for _, se := range d.Sessions {
			n[se.Event]++
		}
	}
	return n
}
