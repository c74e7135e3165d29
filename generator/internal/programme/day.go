package programme

import (
	"cmp"
	"slices"
	"time"
)

// dayStart is when a festival day begins: the night's ball that ends at
// 02:00 stays on the previous day's programme.
const dayStart = 4

// festivalDate is the midnight of the festival day a session belongs to.
func festivalDate(s *Session) time.Time {
	if s.AllDay {
		return midnight(s.Start)
	}
	return FestivalDay(s.Start)
}

// FestivalDay is the midnight of the festival day instant t falls in, in
// t's location: until 04:00 it is still the day before.
func FestivalDay(t time.Time) time.Time {
	if t.Hour() < dayStart {
		t = t.AddDate(0, 0, -1)
	}
	return midnight(t)
}

// DayStart is the instant the festival day holding t began: 04:00 of
// FestivalDay(t). A build reads its clock through it, so that what the
// pages say of "today" and of past sessions changes once a festival day
// and two builds of the same content on the same day are byte-identical.
func DayStart(t time.Time) time.Time {
	// A wall-clock 04:00, not midnight plus four hours: on the nights the
	// clocks change, those differ by an hour.
	y, m, d := FestivalDay(t).Date()
	return time.Date(y, m, d, dayStart, 0, 0, 0, t.Location())
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// assemble links what refers to what, keeps drafts out unless asked, and
// sorts every list. A day's sessions are taken in the order of all the
// sessions, sorted once, rather than each day sorted again.
func (b *builder) assemble() {
	p := b.p
	var events []keyed[*Event]
	for _, e := range b.all {
		if e.Draft && !b.opts.Drafts {
			continue
		}
		events = append(events, keyed[*Event]{e, b.order.key(e.Title.Value)})
	}
	slices.SortFunc(events, compareEvents)

	days := map[string]*Day{}
	day := func(date time.Time) *Day {
		key := date.Format(time.DateOnly)
		d, ok := days[key]
		if !ok {
			d = &Day{Date: date}
			days[key] = d
			p.Days = append(p.Days, d)
		}
		return d
	}
	if !p.Edition.Start.IsZero() {
		for d := p.Edition.Start; !d.After(p.Edition.End); d = d.AddDate(0, 0, 1) {
			day(d).InEdition = true
		}
	}

	years := map[int]bool{}
	var sessions []keyed[*Session]
	for _, ke := range events {
		e := ke.item
		p.Events = append(p.Events, e)
		years[e.Year] = true
		e.Venue.Events = append(e.Venue.Events, e)
		if c := e.Venue.Commune; c != nil {
			c.Events = append(c.Events, e)
		}
		for _, t := range e.Categories {
			t.Events = append(t.Events, e)
		}
		for _, t := range e.Audiences {
			t.Events = append(t.Events, e)
		}
		for _, s := range e.Sessions {
			sessions = append(sessions, keyed[*Session]{s, ke.key})
			s.Day = day(festivalDate(s))
		}
	}
	for y := range years {
		p.Years = append(p.Years, y)
	}
	slices.Sort(p.Years)

	slices.SortFunc(sessions, compareSessions)
	for _, ks := range sessions {
		s := ks.item
		p.Sessions = append(p.Sessions, s)
		s.Day.Sessions = append(s.Day.Sessions, s)
		// An all-day session over several days is on each day's page.
		if s.AllDay {
			for d := s.Day.Date.AddDate(0, 0, 1); !d.After(s.End); d = d.AddDate(0, 0, 1) {
				other := day(d)
				other.Sessions = append(other.Sessions, s)
			}
		}
	}
	slices.SortFunc(p.Days, func(x, y *Day) int { return x.Date.Compare(y.Date) })

	bySlug := func(x, y *Venue) int { return cmp.Compare(x.Slug, y.Slug) }
	venueName := func(v *Venue) string { return v.Name.Value }
	sortByName(b.order, p.Venues, venueName, bySlug)
	for _, v := range p.Venues {
		if v.GrandSite {
			p.GrandSites = append(p.GrandSites, v)
		}
	}
	sortByName(b.order, p.Communes, func(c *Commune) string { return c.Name }, func(x, y *Commune) int { return cmp.Compare(x.Slug, y.Slug) })
	for _, c := range p.Communes {
		sortByName(b.order, c.Venues, venueName, bySlug)
	}
	slices.SortFunc(p.Pages, func(x, y *Page) int { return cmp.Compare(x.Slug, y.Slug) })
}
