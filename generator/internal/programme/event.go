package programme

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
)

func termIndex(ts []*Term) map[string]*Term {
	m := map[string]*Term{}
	for _, t := range ts {
		m[t.Key] = t
	}
	return m
}

// event resolves one event. It reports false when the event cannot take
// its place in the programme (no venue, no session); the reasons have been
// reported.
func (b *builder) event(ce *content.Event, venueSlugs []string, cats, auds map[string]*Term) (*Event, bool) {
	trs := b.translations(ce.Translations, false)
	e := &Event{
		Slug:        ce.Slug,
		Year:        ce.Year,
		File:        ce.File,
		Title:       b.text(ce.Title, trs, "title"),
		Conditions:  b.text(ce.Conditions, trs, "conditions"),
		Booking:     ce.Booking.Value,
		Access:      values(ce.Accessibility),
		Status:      Scheduled,
		Organiser:   strings.TrimSpace(ce.Organiser.Value),
		Image:       b.image(ce.Image, trs),
		Summary:     b.text(ce.Summary, trs, "summary"),
		EasyRead:    b.text(ce.EasyRead, trs, "easy_read"),
		Description: b.markdown(ce.Description, trs, "description"),
		Draft:       ce.Draft.Value,
		Age:         Age{Min: ce.Age.Min.Value, Max: ce.Age.Max.Value},
		Price: Price{Free: ce.Price.Free, Text: strings.TrimSpace(ce.Price.Text.Value),
			Min: ce.Price.Min.Value, Max: ce.Price.Max.Value, Given: ce.Price.Given()},
	}
	ok := true
	if ce.Venue.Given() {
		switch v, found := b.venueBySlug[ce.Venue.Value]; {
		case found:
			e.Venue = v
		case b.brokenVenue[ce.Venue.Value]:
			ok = false
		default:
			b.diags.Errorf(ce.Venue.Pos, "unknown venue `%s`%s", ce.Venue.Value, diag.DidYouMean(ce.Venue.Value, venueSlugs))
			ok = false
		}
	} else {
		ok = false
	}
	e.Categories = b.resolveTerms(ce.Categories, cats, b.p.Categories, "category")
	e.Audiences = b.resolveTerms(ce.Audiences, auds, b.p.Audiences, "audience")
	if ce.Status.Given() {
		e.Status = Status(ce.Status.Value)
	}
	switch {
	case ce.PreviousStart.Given() && e.Status != Rescheduled:
		b.diags.Errorf(ce.PreviousStart.Pos, "`previous_start` is only for `status: rescheduled`")
	case e.Status == Rescheduled && !ce.PreviousStart.Given():
		b.diags.Errorf(ce.Status.Pos, "`status: rescheduled` needs `previous_start`, the start before the change")
	case ce.PreviousStart.Given():
		e.PrevStart = ce.PreviousStart.In(b.p.Location)
	}
	b.sessions(e, ce)
	if len(e.Sessions) == 0 {
		ok = false
	}
	return e, ok
}

// resolveTerms finds the site's categories or audiences an event lists,
// keeping site.yaml's order.
func (b *builder) resolveTerms(keys []content.String, index map[string]*Term, all []*Term, what string) []*Term {
	var wanted []*Term
	for _, k := range keys {
		t, ok := index[k.Value]
		if !ok {
			var known []string
			for _, t := range all {
				known = append(known, t.Key)
			}
			b.diags.Errorf(k.Pos, "unknown %s `%s`%s", what, k.Value, b.suggest(k.Value, known))
			continue
		}
		wanted = append(wanted, t)
	}
	var out []*Term
	for _, t := range all {
		if slices.Contains(wanted, t) {
			out = append(out, t)
		}
	}
	return out
}

// sessions resolves an event's sessions in the site's time zone, expanding
// `daily` into one session per open day.
func (b *builder) sessions(e *Event, ce *content.Event) {
	loc := b.p.Location
	seen := map[string]diag.Pos{}
	add := func(s *Session, given bool, pos diag.Pos, start string) {
		if first, dup := seen[s.ID]; dup {
			if given {
				b.diags.Errorf(pos, "session id `%s` is used twice in this event (first on line %d)", strings.TrimPrefix(s.ID, e.idPrefix()), first.Line)
			} else {
				b.diags.Errorf(pos, "two sessions start at %s (first on line %d); remove one or give each an `id`", start, first.Line)
			}
			return
		}
		seen[s.ID] = pos
		e.Sessions = append(e.Sessions, s)
	}
	for _, cs := range ce.Sessions {
		if cs.Start.Year != ce.Year {
			b.diags.Warnf(cs.Start.Pos, "this session is in %d but the event is in the folder `events/%d/`", cs.Start.Year, ce.Year)
		}
		s := &Session{Event: e, Start: cs.Start.In(loc), AllDay: cs.Start.DateOnly}
		s.End = s.Start
		if cs.End.Given() {
			s.End = cs.End.In(loc)
		}
		if cs.ID.Given() {
			s.ID = e.idPrefix() + cs.ID.Value
			add(s, true, cs.ID.Pos, cs.Start.Raw)
		} else {
			s.ID = e.derivedID(s)
			add(s, false, cs.Start.Pos, cs.Start.Raw)
		}
	}
	if d := ce.Daily; d != nil {
		if d.From.Year != ce.Year {
			b.diags.Warnf(d.From.Pos, "this opening is in %d but the event is in the folder `events/%d/`", d.From.Year, ce.Year)
		}
		e.Daily = &Daily{From: d.From.In(loc), To: d.To.In(loc), Open: d.Hours.Open, Close: d.Hours.Close}
		closed := map[time.Weekday]bool{}
		for _, w := range d.ClosedOn {
			closed[w.Day] = true
		}
		for _, w := range []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday, time.Saturday, time.Sunday} {
			if closed[w] {
				e.Daily.ClosedOn = append(e.Daily.ClosedOn, w)
			}
		}
		var oh, om, ch, cm int
		fmt.Sscanf(d.Hours.Open, "%d:%d", &oh, &om)
		fmt.Sscanf(d.Hours.Close, "%d:%d", &ch, &cm)
		for day := e.Daily.From; !day.After(e.Daily.To); day = day.AddDate(0, 0, 1) {
			if closed[day.Weekday()] {
				continue
			}
			y, m, dd := day.Date()
			s := &Session{Event: e, Start: time.Date(y, m, dd, oh, om, 0, 0, loc), End: time.Date(y, m, dd, ch, cm, 0, 0, loc)}
			s.ID = e.derivedID(s)
			e.Sessions = append(e.Sessions, s)
		}
		if len(e.Sessions) == 0 {
			b.diags.Errorf(d.Pos, "`daily` opens on no day: every day from %s to %s is in `closed_on`", d.From.Raw, d.To.Raw)
		}
	}
	slices.SortStableFunc(e.Sessions, func(a, b *Session) int { return a.Start.Compare(b.Start) })
}

func (e *Event) idPrefix() string { return strconv.Itoa(e.Year) + "/" + e.Slug + "/" }

// derivedID names a session by its event and start: stable as long as the
// session does not move.
func (e *Event) derivedID(s *Session) string {
	if s.AllDay {
		return e.idPrefix() + s.Start.Format("2006-01-02")
	}
	return e.idPrefix() + s.Start.Format("2006-01-02T1504")
}
