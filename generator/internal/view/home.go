package view

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
)

// Home is the home page: the edition, what is on around the build, the
// highlights, the grands sites and the ways into the programme.
type Home struct {
	Layout
	Edition    Time // « du samedi 20 juin au dimanche 5 juillet 2026 »
	Intro      Text
	Events     string // « 42 événements »
	OnNow      *OnNow // nil once the edition is over
	Highlights []EventItem
	GrandSites []GrandSite
	Days       []DayItem
	Themes     []Link
	Audiences  []Link
	Programme  Link
	Venues     Link
	Communes   Link
}

// OnNow is what is on today or this weekend, as of the build. Browsers
// refresh it from the reader's own date (the script reads the data-*
// attributes the template puts on it), since a static page's "today" goes
// stale.
type OnNow struct {
	Built string // the build's instant, RFC 3339
	Days  []OnDay
}

// OnDay is one day of the block, with its sessions (a few).
type OnDay struct {
	Heading string // « Aujourd'hui, samedi 27 juin », « Samedi 27 juin »
	Key     string // YYYY-MM-DD
	Day     Link   // the day's full programme
	Rows    []Row
	More    string // « et 4 autres séances », empty when all are shown
}

// onDayMax is how many sessions a day shows on the home page.
const onDayMax = 6

// highlightsMax is how many events the home page puts forward.
const highlightsMax = 6

// Home builds the home page.
func (s *Site) Home() (*Home, error) {
	addr := s.Router.Home
	l, err := s.layout("", addr, addr(s.Lang))
	if err != nil {
		return nil, err
	}
	if err := s.scriptData(&l); err != nil {
		return nil, err
	}
	ed := s.P.Edition
	if l.StructuredData, err = s.EditionData(); err != nil {
		return nil, err
	}
	h := &Home{
		Layout:    l,
		Edition:   Time{Datetime: date(ed.Start), Text: locale.Span(s.Lang, ed.Start, ed.End)},
		Intro:     s.text(s.P.Site.Description),
		Themes:    s.termLinks(s.P.Categories, "themes"),
		Audiences: s.termLinks(s.P.Audiences, "audiences"),
	}
	for key, dst := range map[string]*Link{"nav.programme": &h.Programme, "nav.venues": &h.Venues, "nav.communes": &h.Communes} {
		text, err := s.t(key)
		if err != nil {
			return nil, err
		}
		section := map[string]string{"nav.programme": "programme", "nav.venues": "venues", "nav.communes": "communes"}[key]
		*dst = Link{URL: s.URL(s.Router.Section(s.Lang, section)), Text: text}
	}
	if h.OnNow, err = s.onNow(); err != nil {
		return nil, err
	}
	for _, v := range s.P.GrandSites {
		it, err := s.venueItem(v)
		if err != nil {
			return nil, err
		}
		g := GrandSite{VenueItem: it}
		if g.Image, err = s.image(v.Image, "card"); err != nil {
			return nil, err
		}
		h.GrandSites = append(h.GrandSites, g)
	}
	if h.Highlights, err = s.eventItems(s.highlights(highlightsMax)); err != nil {
		return nil, err
	}
	if h.Days, err = s.days(); err != nil {
		return nil, err
	}
	events := s.current(s.P.Events)
	if h.Events, err = s.Strings.N(s.Lang, "events", len(events)); err != nil {
		return nil, err
	}
	return h, nil
}

// onNow picks the days to show: today when the build falls in the edition,
// then the days of the coming weekend; before the edition, its first
// weekend (or first two days).
func (s *Site) onNow() (*OnNow, error) {
	var edition []*programme.Day
	for _, d := range s.P.Days {
		if d.InEdition {
			edition = append(edition, d)
		}
	}
	if len(edition) == 0 {
		return nil, nil
	}
	now := s.Now
	if now.IsZero() {
		now = s.P.Edition.Start.Add(-time.Hour)
	}
	today := programme.FestivalDay(now)
	if today.After(edition[len(edition)-1].Date) {
		return nil, nil
	}
	var picked []*programme.Day
	var todayDay *programme.Day
	for _, d := range edition {
		if d.Date.Before(today) {
			continue
		}
		if d.Date.Equal(today) {
			todayDay = d
			picked = append(picked, d)
			continue
		}
		wd := d.Date.Weekday()
		weekend := wd == time.Saturday || wd == time.Sunday
		if weekend && d.Date.Sub(today) < 7*24*time.Hour {
			picked = append(picked, d)
		}
	}
	if todayDay == nil && len(picked) == 0 {
		picked = edition[:min(2, len(edition))]
	}
	on := &OnNow{Built: now.Format(time.RFC3339)}
	for _, d := range picked {
		od := OnDay{Key: d.Key(), Day: s.dayLink(d), Heading: upperFirst(locale.DayMonth(s.Lang, d.Date))}
		if d == todayDay {
			today, err := s.t("home.today")
			if err != nil {
				return nil, err
			}
			od.Heading = today + ", " + locale.DayMonth(s.Lang, d.Date)
		}
		for _, se := range d.Sessions[:min(onDayMax, len(d.Sessions))] {
			r, err := s.row(se)
			if err != nil {
				return nil, err
			}
			od.Rows = append(od.Rows, r)
		}
		if rest := len(d.Sessions) - onDayMax; rest > 0 {
			more, err := s.Strings.N(s.Lang, "home.more", rest)
			if err != nil {
				return nil, err
			}
			od.More = more
		}
		on.Days = append(on.Days, od)
	}
	return on, nil
}

// highlights puts forward up to n events of the edition still to come: those
// with a picture first, then in programme order, one per main category so
// that the selection shows the festival's range.
func (s *Site) highlights(n int) []*programme.Event {
	var cands []*programme.Event
	for _, e := range s.current(s.P.Events) {
		if e.Status != programme.Cancelled && !s.past(e.Sessions[len(e.Sessions)-1]) {
			cands = append(cands, e)
		}
	}
	slices.SortStableFunc(cands, func(a, b *programme.Event) int {
		switch {
		case a.Image != nil && b.Image == nil:
			return -1
		case a.Image == nil && b.Image != nil:
			return 1
		}
		return 0
	})
	seen := map[*programme.Term]bool{}
	var out []*programme.Event
	for _, e := range cands {
		if len(out) == n {
			break
		}
		if seen[e.Categories[0]] {
			continue
		}
		seen[e.Categories[0]] = true
		out = append(out, e)
	}
	return out
}

func upperFirst(s string) string {
	for i, r := range s {
		if i == 0 && r >= 'a' && r <= 'z' {
			return string(r-'a'+'A') + s[1:]
		}
		break
	}
	return s
}

// DayItem is a day in a list of days, with how many sessions it has.
type DayItem struct {
	Link     Link
	Datetime string
	Sessions string
}

// days lists the edition's days.
func (s *Site) days() ([]DayItem, error) {
	var out []DayItem
	for _, d := range s.P.Days {
		if !d.InEdition {
			continue
		}
		n, err := s.Strings.N(s.Lang, "sessions", len(d.Sessions))
		if err != nil {
			return nil, err
		}
		out = append(out, DayItem{Link: s.dayLink(d), Datetime: date(d.Date), Sessions: n})
	}
	return out, nil
}

// ProgrammePageSize is how many events a page of the programme's index
// lists. The index would otherwise grow with the programme, past the 60 KB
// a page may weigh with a few dozen events and to megabytes with
// thousands; the days' pages and the filter show every session.
const ProgrammePageSize = 24

// Programme is a page of the programme's index: a page of the events, after
// the edition's calendar, the days and the filter on the first page. The
// pages after it start with their events, not with a screenful of days.
type Programme struct {
	Layout
	Heading string
	Filter  *Finder // the combined filter, which the script shows
	Days    []DayItem
	Events  []EventItem
	// Page is « Page 2 sur 5 » when the events take several pages; Pager
	// links to the pages around this one.
	Page  string
	Pager *Pager

	// Subscribe offers the whole edition's calendar.
	Subscribe *Calendar
}

// ProgrammePages is how many pages the programme's index takes: one at
// least.
func (s *Site) ProgrammePages() int { return len(s.programmePages()) }

// ProgrammeIndexPages splits the events of p's edition, in the programme's
// order, into the pages of the programme's index: one page at least, empty
// when the edition has no event.
func ProgrammeIndexPages(p *programme.Programme) [][]*programme.Event {
	events := p.Current(p.Events)
	pages := [][]*programme.Event{events[:min(ProgrammePageSize, len(events))]}
	for i := ProgrammePageSize; i < len(events); i += ProgrammePageSize {
		pages = append(pages, events[i:min(i+ProgrammePageSize, len(events))])
	}
	return pages
}

// Programme builds the n-th page (from 1) of the programme's index.
func (s *Site) Programme(n int) (*Programme, error) {
	all := s.programmePages()
	pages := len(all)
	if n < 1 || n > pages {
		return nil, fmt.Errorf("programme page %d: there are %d", n, pages)
	}
	events := all[n-1]
	heading, err := s.t("programme.title")
	if err != nil {
		return nil, err
	}
	// « Page 2 sur 5 », and the title of pages after the first.
	pageOf := func(key string, i int) (string, error) {
		f, err := s.t(key)
		if err != nil {
			return "", err
		}
		return strings.NewReplacer("{page}", strconv.Itoa(i), "{pages}", strconv.Itoa(pages)).Replace(f), nil
	}
	title := heading
	out := &Programme{Heading: heading}
	if pages > 1 {
		if out.Page, err = pageOf("programme.page", n); err != nil {
			return nil, err
		}
	}
	if n > 1 {
		if title, err = pageOf("programme.page.title", n); err != nil {
			return nil, err
		}
	}
	addr := func(lang string) string { return s.Router.ProgrammePage(lang, n) }
	if out.Layout, err = s.layout(title, addr, s.Router.Section(s.Lang, "programme")); err != nil {
		return nil, err
	}
	if n == 1 {
		if err := s.scriptData(&out.Layout); err != nil {
			return nil, err
		}
		if out.Subscribe, err = s.EditionCalendar(); err != nil {
			return nil, err
		}
		if out.Filter, err = s.Finder(); err != nil {
			return nil, err
		}
		if out.Days, err = s.days(); err != nil {
			return nil, err
		}
	}
	if out.Events, err = s.eventItems(events); err != nil {
		return nil, err
	}
	link := func(i int) (*Link, error) {
		text, err := pageOf("programme.page", i)
		return &Link{URL: s.URL(s.Router.ProgrammePage(s.Lang, i)), Text: text}, err
	}
	var prev, next *Link
	if n > 1 {
		if prev, err = link(n - 1); err != nil {
			return nil, err
		}
	}
	if n < pages {
		if next, err = link(n + 1); err != nil {
			return nil, err
		}
	}
	if out.Pager, err = s.pager("programme", prev, next); err != nil {
		return nil, err
	}
	return out, nil
}
