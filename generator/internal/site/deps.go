package site

// What each output shows of the content, so that the preview re-renders
// after a save only the outputs the saved file appears in. Each output's
// Deps lists the content files (paths inside the content folder) whose
// content it shows:
//
//	every page and data file    site.yaml (title, languages, labels)
//	every HTML page             pages/*.md (the menu and footer name them)
//	event page                  the event, its venue, its image, and its related
//	                            events with their venues
//	event calendar              the event, its venue
//	day page                    the events of its sessions with their venues
//	venue page                  every venue (nearest venues), its events
//	venue calendar              the venue, its events
//	category or audience page   its events with their venues
//	programme index, page 2 on  its events with their venues
//	category calendar           the same
//	commune page                its venues and their events
//	content page                the page (and the layout's)
//
// Lists of the whole programme (home, programme, search index, feeds, open
// data, sitemap page, edition calendar) and outputs not listed here depend
// on AllContent. What a page shows of the programme's shape rather than of
// one file — a day's neighbours, a count of events — is a key in Deps that
// is not a file name ("days:2026-06-19 2026-06-21"), so that the set of
// Deps changes when the shape does. The theme is not in Deps: every output
// but resized pictures depends on it. Pictures have their source's hash in
// their name, so they depend on nothing: a changed picture is a new output.
//
// The preview re-renders an output when a file of its Deps changed, when
// its Deps changed (compared as lists: a file may appear twice), or when it
// is new.

import (
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
	"quinzaine/generator/internal/theme"
	"quinzaine/generator/internal/view"
)

// AllContent in an output's Deps means that it depends on every content
// file.
const AllContent = "*"

// setDeps fills the Deps of outputs, a plan of p, sorted. eventPages,
// when not nil, receives the Deps of each event's page by the event's file.
func setDeps(p *programme.Programme, th *theme.Theme, outputs []Output, eventPages map[string][]string) {
	deps := depsOf(p, outputs, nil, eventPages)
	static := map[string]bool{}
	for _, name := range th.StaticFiles() {
		static[name] = true
	}
	all := []string{AllContent}
	for i := range outputs {
		o := &outputs[i]
		d, ok := deps[o.Path]
		switch {
		case ok:
			// Left in the order the output shows them, not sorted: the same
			// content gives the same list, and a new order, which changes
			// the list, is one the page shows too.
			o.Deps = d
		case static[o.Path]:
			o.Deps = nil
		case strings.HasPrefix(o.Path, "images/"):
			o.Deps = nil
		default:
			o.Deps = all
		}
	}
}

// keepDeps gives outputs, in the order of prev, a previous plan with the
// same paths (pos gives their index by path), prev's Deps but for those
// in deps.
func keepDeps(outputs, prev []Output, pos map[string]int, deps map[string][]string) {
	for i := range outputs {
		outputs[i].Deps = prev[i].Deps
	}
	for path, d := range deps {
		if i, ok := pos[path]; ok {
			outputs[i].Deps = d
		}
	}
}

// depsOf gives, by path, the Deps of the outputs of p that depend on
// some content files, as the package's doc above tells them; the others
// depend on all (AllContent) or, pictures and the theme's files, on none.
// outputs are p's, sorted: the sitemap depends on the list of its pages.
//
// With sv, after a save of event files that kept the outputs of the
// previous plan, it gives only the Deps that may have changed: those of
// the events, venues, communes, terms and days that sv names, and the
// counts of the lists; of an event that sv names but did not save, only
// when its page's Deps differ from the previous plan's, and eventPages
// must hold those. outputs is then not looked at. eventPages, when not
// nil, receives the Deps of each event's page worked out.
func depsOf(p *programme.Programme, outputs []Output, sv *saved, eventPages map[string][]string) map[string][]string {
	fast := sv != nil
	if sv == nil {
		sv = &saved{all: true}
	}
	r := route.Router{Default: p.Site.Languages[0]}
	// Files in the model are named as editors see them, under the content
	// folder, where site.yaml is.
	dir := path.Dir(p.Site.File) + "/"
	rel := func(file string) string { return strings.TrimPrefix(file, dir) }
	var deps map[string][]string
	if fast {
		deps = map[string][]string{}
	} else {
		deps = make(map[string][]string, len(outputs))
	}
	site := rel(p.Site.File)
	var layout []string
	layout = append(layout, site)
	for _, pg := range p.Pages {
		layout = append(layout, rel(pg.File))
	}
	// The lists are the same in every language: each is made once, and
	// the languages' pages share it.
	langs := p.Site.Languages
	pages := func(address func(lang string) string, more ...string) []string {
		d := append(slices.Clone(layout), more...)
		for _, lang := range langs {
			deps[route.File(address(lang))] = d
		}
		return d
	}
	data := func(address string, more ...string) {
		deps[route.File(address)] = append([]string{site}, more...)
	}
	withVenues := func(events []*programme.Event) []string {
		var out []string
		for _, e := range events {
			out = append(out, rel(e.File), rel(e.Venue.File))
		}
		return out
	}
	// The same in every language: worked out once per event, on every
	// core. An event left out keeps its outputs' previous Deps.
	var stale []int
	for i, e := range p.Events {
		if sv.event(e) {
			stale = append(stale, i)
		}
	}
	eventDeps := make([][]string, len(p.Events))
	if len(stale) > 0 {
		related := view.NewRelated(p).Of
		var wg sync.WaitGroup
		workers := min(runtime.GOMAXPROCS(0), len(stale))
		for w := range workers {
			wg.Go(func() {
				for j := w; j < len(stale); j += workers {
					e := p.Events[stale[j]]
					more := []string{rel(e.File), rel(e.Venue.File)}
					if e.Image != nil {
						more = append(more, e.Image.Path)
					}
					eventDeps[stale[j]] = append(more, withVenues(related(e))...)
				}
			})
		}
		wg.Wait()
	}
	venueFiles := make([]string, 0, len(p.Venues))
	for _, v := range p.Venues {
		venueFiles = append(venueFiles, rel(v.File))
	}
	counts := func(name string, terms []*programme.Term) string {
		var b strings.Builder
		b.WriteString(name + ":")
		for _, t := range terms {
			fmt.Fprintf(&b, " %s=%d", t.Key, len(p.Current(t.Events)))
		}
		return b.String()
	}
	var venueCounts strings.Builder
	venueCounts.WriteString("venue events:")
	for _, v := range p.Venues {
		fmt.Fprintf(&venueCounts, " %s=%d", v.Slug, len(p.Current(v.Events)))
	}

	for i, d := range p.Days {
		if !sv.has(sv.days, d.Key()) {
			continue
		}
		var prev, next string
		if i > 0 {
			prev = p.Days[i-1].Key()
		}
		if i+1 < len(p.Days) {
			next = p.Days[i+1].Key()
		}
		var events []*programme.Event
		for _, se := range d.Sessions {
			events = append(events, se.Event)
		}
		pages(func(lang string) string { return r.Day(lang, d.Key()) }, append(withVenues(events), "days: "+prev+" "+next)...)
	}
	// The pages of the programme's index after the first show their
	// events, with their venues, and the number of pages; the first shows
	// the days and the filter too, which read every file. Worked out again
	// after every save: an event whose date moved changes the pages
	// between its old place and its new one.
	programmePages := view.ProgrammeIndexPages(p)
	count := fmt.Sprintf("programme pages: %d", len(programmePages))
	for i, events := range programmePages[1:] {
		pages(func(lang string) string { return r.ProgrammePage(lang, i+2) }, append(withVenues(events), count)...)
	}
	for i, e := range p.Events {
		if eventDeps[i] == nil {
			continue
		}
		if before := eventPages[e.File]; fast && !sv.file(e.File) &&
			slices.Equal(before[:min(len(layout), len(before))], layout) && slices.Equal(before[min(len(layout), len(before)):], eventDeps[i]) {
			eventDeps[i] = nil // and its calendar's are the same too
			continue
		}
		d := pages(func(lang string) string { return r.Event(lang, e.Year, e.Slug) }, eventDeps[i]...)
		if eventPages != nil {
			eventPages[e.File] = d
		}
	}
	pages(func(lang string) string { return r.Section(lang, "venues") }, append(slices.Clone(venueFiles), venueCounts.String())...)
	for _, v := range p.Venues {
		if !sv.has(sv.venues, v.Slug) {
			continue
		}
		more := append(slices.Clone(venueFiles), withVenues(v.Events)...)
		if v.Image != nil {
			more = append(more, v.Image.Path)
		}
		pages(func(lang string) string { return r.Venue(lang, v.Slug) }, more...)
	}
	for _, c := range p.Communes {
		if !sv.has(sv.communes, c.Slug) {
			continue
		}
		var more []string
		for _, v := range c.Venues {
			more = append(more, rel(v.File))
		}
		pages(func(lang string) string { return r.Commune(lang, c.Slug) }, append(more, withVenues(c.Events)...)...)
	}
	pages(func(lang string) string { return r.Section(lang, "themes") }, counts("categories", p.Categories))
	pages(func(lang string) string { return r.Section(lang, "audiences") }, counts("audiences", p.Audiences))
	for _, t := range p.Categories {
		if sv.has(sv.categories, t.Key) {
			pages(func(lang string) string { return r.Theme(lang, t.Key) }, withVenues(t.Events)...)
		}
	}
	for _, t := range p.Audiences {
		if sv.has(sv.audiences, t.Key) {
			pages(func(lang string) string { return r.Audience(lang, t.Key) }, withVenues(t.Events)...)
		}
	}
	for _, pg := range p.Pages {
		pages(func(lang string) string { return r.Page(lang, pg.Slug) })
	}
	pages(func(lang string) string { return r.Section(lang, "selection") })
	pages(func(lang string) string { return r.Home(lang) + "404.html" })
	for i, e := range p.Events {
		if eventDeps[i] != nil {
			data(r.EventCalendar(e.Year, e.Slug), rel(e.File), rel(e.Venue.File))
		}
	}
	for _, v := range p.Venues {
		if sv.has(sv.venues, v.Slug) {
			data(r.VenueCalendar(v.Slug), append([]string{rel(v.File)}, withVenues(v.Events)...)...)
		}
	}
	for _, t := range p.Categories {
		if sv.has(sv.categories, t.Key) {
			data(r.ThemeCalendar(t.Key), withVenues(t.Events)...)
		}
	}
	if !fast {
		var htmlPages []string
		inSitemap := sitemapped(p, r)
		for _, o := range outputs {
			if inSitemap(o.Path) {
				htmlPages = append(htmlPages, o.Path)
			}
		}
		data("/sitemap.xml", "pages: "+strings.Join(htmlPages, " "))
	}
	data("/robots.txt")
	return deps
}

// saved is what a save of event files alone can change in the Deps of a
// plan: the events, venues, communes, terms (by key) and days whose
// outputs' Deps must be worked out again. A nil *saved is every one.
type saved struct {
	all                                           bool
	file                                          func(string) bool // whether a file of the model was saved
	events                                        func(*programme.Event) bool
	venues, communes, categories, audiences, days map[string]bool
}

func (sv *saved) event(e *programme.Event) bool { return sv.all || sv.events(e) }

// has tells whether the subject key of one of sv's sets is to be worked
// out.
func (sv *saved) has(set map[string]bool, key string) bool { return sv.all || set[key] }

// affected tells what may have other Deps in p than in the previous plan
// when the files changed are event files, nothing else that p shows: the
// saved events, before and after the save, with their venues, communes,
// terms and days; and the events that may show them as related events,
// which view.Related picks among the events of the same year that share
// a venue or a category. The order of the other events among
// themselves, all Related's choice depends on besides, did not change.
// ok is false when more may differ: another file changed, or the theme,
// or nothing is known.
func (pl *Planner) affected(p *programme.Programme, th *theme.Theme, changed []string) (sv *saved, ok bool) {
	if pl.p == nil || th != pl.th || changed == nil {
		return nil, false
	}
	prev := pl.p
	dir := path.Dir(p.Site.File) + "/"
	if path.Dir(prev.Site.File)+"/" != dir {
		return nil, false
	}
	// The model names files under the content folder, pictures inside it.
	// A save names a file or two, which are looked for among every event's
	// and session's.
	var full []string
	for _, f := range changed {
		full = append(full, dir+f)
	}
	isSaved := func(file string) bool { return slices.Contains(full, file) }
	isPicture := func(name string) bool { return slices.Contains(changed, name) }
	if len(changed) > 8 {
		files, pictures := map[string]bool{}, map[string]bool{}
		for i, f := range changed {
			files[full[i]], pictures[f] = true, true
		}
		isSaved = func(file string) bool { return files[file] }
		isPicture = func(name string) bool { return pictures[name] }
	}
	type group struct {
		year  int
		venue bool
		key   string
	}
	var groups []group // a handful: looked at for every event
	sv = &saved{venues: map[string]bool{}, communes: map[string]bool{}, categories: map[string]bool{},
		audiences: map[string]bool{}, days: map[string]bool{}}
	for _, q := range []*programme.Programme{prev, p} {
		if isSaved(q.Site.File) {
			return nil, false
		}
		for _, v := range q.Venues {
			if isSaved(v.File) || v.Image != nil && isPicture(v.Image.Path) {
				return nil, false
			}
		}
		for _, pg := range q.Pages {
			if isSaved(pg.File) {
				return nil, false
			}
		}
		for _, e := range q.Events {
			if e.Image != nil && isPicture(e.Image.Path) {
				return nil, false
			}
			if !isSaved(e.File) {
				continue
			}
			groups = append(groups, group{e.Year, true, e.Venue.Slug})
			sv.venues[e.Venue.Slug] = true
			if e.Venue.Commune != nil {
				sv.communes[e.Venue.Commune.Slug] = true
			}
			for _, c := range e.Categories {
				groups = append(groups, group{e.Year, false, c.Key})
				sv.categories[c.Key] = true
			}
			for _, a := range e.Audiences {
				sv.audiences[a.Key] = true
			}
		}
		// An all-day session is on each of its days.
		for _, d := range q.Days {
			for _, s := range d.Sessions {
				if isSaved(s.Event.File) {
					sv.days[d.Key()] = true
					break
				}
			}
		}
	}
	sv.file = isSaved
	sv.events = func(e *programme.Event) bool {
		if isSaved(e.File) || slices.Contains(groups, group{e.Year, true, e.Venue.Slug}) {
			return true
		}
		for _, c := range e.Categories {
			if slices.Contains(groups, group{e.Year, false, c.Key}) {
				return true
			}
		}
		return false
	}
	return sv, true
}
