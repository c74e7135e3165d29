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
	t := s.Start
	if !s.AllDay && t.Hour() < dayStart {
		t = t.AddDate(0, 0, -1)
	}
	return midnight(t)
}

func midnight(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, t.Location())
}

// assemble links what refers to what, keeps drafts out unless asked, and
// sorts every list.
func (b *builder) assemble() {
	p := b.p
	for _, e := range b.all {
		if e.Draft && !b.opts.Drafts {
			continue
		}
		p.Events = append(p.Events, e)
	}
	slices.SortFunc(p.Events, func(x, y *Event) int {
		return cmp.Or(x.Sessions[0].Start.Compare(y.Sessions[0].Start), b.coll.CompareString(x.Title.Value, y.Title.Value), cmp.Compare(x.Year, y.Year), cmp.Compare(x.Slug, y.Slug))
	})

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
	for _, e := range p.Events {
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
			p.Sessions = append(p.Sessions, s)
			s.Day = day(festivalDate(s))
			s.Day.Sessions = append(s.Day.Sessions, s)
			// An all-day session over several days is on each day's page.
			if s.AllDay {
				for d := s.Day.Date.AddDate(0, 0, 1); !d.After(s.End); d = d.AddDate(0, 0, 1) {
					other := day(d)
					other.Sessions = append(other.Sessions, s)
				}
			}
		}
	}
	for y := range years {
		p.Years = append(p.Years, y)
	}
	slices.Sort(p.Years)

	bySession := func(x, y *Session) int {
		return cmp.Or(x.Start.Compare(y.Start), b.coll.CompareString(x.Event.Title.Value, y.Event.Title.Value), cmp.Compare(x.ID, y.ID))
	}
	slices.SortFunc(p.Sessions, bySession)
	slices.SortFunc(p.Days, func(x, y *Day) int { return x.Date.Compare(y.Date) })
	for _, d := range p.Days {
		slices.SortFunc(d.Sessions, bySession)
	}

	byName := func(x, y *Venue) int {
		return cmp.Or(b.coll.CompareString(x.Name.Value, y.Name.Value), cmp.Compare(x.Slug, y.Slug))
	}
	slices.SortFunc(p.Venues, byName)
	for _, v := range p.Venues {
		if v.GrandSite {
			p.GrandSites = append(p.GrandSites, v)
		}
	}
	slices.SortFunc(p.Communes, func(x, y *Commune) int {
		return cmp.Or(b.coll.CompareString(x.Name, y.Name), cmp.Compare(x.Slug, y.Slug))
	})
	for _, c := range p.Communes {
		slices.SortFunc(c.Venues, byName)
	}
	slices.SortFunc(p.Pages, func(x, y *Page) int { return cmp.Compare(x.Slug, y.Slug) })
}
