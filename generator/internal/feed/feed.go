// Package feed writes the programme's Atom feeds (RFC 4287), one per
// language, so that feed readers and partners hear of new and changed events.
//
// API, each written at the address route.Router gives:
//
//	feed.Options{Modified: f}.Atom(w, p, lang, base)            every event, newest first (Router.Feed)
//	feed.Options{Modified: f}.Changes(w, p, lang, base, since...) cancellations and changes (Router.ChangesFeed)
//
// and feed.Atom, feed.Changes with the zero Options.
//
// Entry ids are tag URIs (RFC 4151) built from the site's host, the edition
// year, the language and the event's year and slug, so they survive every
// edit but a change of slug, which changes the event's address too. A
// change entry's id also names the status (and, for a rescheduled event,
// the previous start), so that a reader sees each change as a new item; so
// does the id of an entry for a change since the last publication (package
// changes), with the kind of change and the new time or venue.
//
// `updated` is when the entry last changed as partners see it: the date,
// to the minute, of the build that first published the event as it is now
// (Options.Modified; the build reads it from the previous publication's
// modifications.json, see package changes). Git or file times would make
// two builds of the same content differ; these dates do not, since a build
// of unchanged content carries every date over. An entry of the changes
// feed for a change since the last publication is dated by the build that
// found the change (changes.Change.Date); a status entry (cancelled, full…)
// by its event's date. Entries are ordered newest first, then by title,
// then by id (which holds the year and slug). The feed's `updated` is its
// newest entry's; an empty feed takes the programme's newest date.
package feed

import (
	"encoding/xml"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName  xml.Name   `xml:"http://www.w3.org/2005/Atom feed"`
	Lang     string     `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID       string     `xml:"id"`
	Title    string     `xml:"title"`
	Subtitle string     `xml:"subtitle,omitempty"`
	Updated  string     `xml:"updated"`
	Links    []atomLink `xml:"link"`
	Author   atomPerson `xml:"author"`
	Rights   string     `xml:"rights"`
	Entries  []entry    `xml:"entry"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type entry struct {
	ID         string         `xml:"id"`
	Title      string         `xml:"title"`
	Updated    string         `xml:"updated"`
	Link       atomLink       `xml:"link"`
	Summary    atomText       `xml:"summary"`
	Categories []atomCategory `xml:"category"`
	updated    time.Time
}

type atomText struct {
	Type string `xml:"type,attr"`
	Lang string `xml:"http://www.w3.org/XML/1998/namespace lang,attr,omitempty"`
	Text string `xml:",chardata"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr"`
}

// Options adjust a feed.
type Options struct {
	// Modified tells when an event last changed as partners see it
	// (changes.Report.Modified). Without it every entry is dated the zero
	// time, 0001-01-01T00:00:00Z.
	Modified func(*programme.Event) time.Time
}

func (o Options) modified(e *programme.Event) time.Time {
	if o.Modified == nil {
		return time.Time{}
	}
	return o.Modified(e)
}

type site struct {
	p        *programme.Programme
	lang     string
	base     string
	host     string
	router   route.Router
	modified func(*programme.Event) time.Time
}

func newSite(p *programme.Programme, lang, base string, o Options) site {
	host := "quinzaine"
	if u, err := url.Parse(base); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	return site{p: p, lang: lang, base: strings.TrimSuffix(base, "/"), host: host, router: route.Router{Default: p.Site.Languages[0]}, modified: o.modified}
}

// tag returns a tag URI for a name specific to this site and edition.
func (s site) tag(specific string) string {
	return "tag:" + s.host + "," + strconv.Itoa(s.p.Edition.Year) + ":" + specific
}

// Atom writes the feed of every event in lang, every entry dated the zero
// time: Options.Atom dates them.
func Atom(w io.Writer, p *programme.Programme, lang, base string) error {
	return Options{}.Atom(w, p, lang, base)
}

// Atom writes the feed of every event in lang.
func (o Options) Atom(w io.Writer, p *programme.Programme, lang, base string) error {
	s := newSite(p, lang, base, o)
	title, _ := p.Site.Title.In(lang)
	f := s.feed(title, s.router.Feed(lang), s.tag(lang+"/feed"))
	for _, e := range p.Events {
		f.Entries = append(f.Entries, s.entry(e, s.tag(fmt.Sprintf("%s/events/%d/%s", lang, e.Year, e.Slug)), ""))
	}
	return s.write(w, f)
}

// Changes writes the changes feed with the zero Options.
func Changes(w io.Writer, p *programme.Programme, lang, base string, since ...changes.Change) error {
	return Options{}.Changes(w, p, lang, base, since...)
}

// Changes writes the feed of events that are not simply scheduled:
// rescheduled, postponed, full or cancelled; and of the changes since the
// last publication that no status tells: events added, removed, moved to
// another time or venue.
func (o Options) Changes(w io.Writer, p *programme.Programme, lang, base string, since ...changes.Change) error {
	s := newSite(p, lang, base, o)
	title, _ := p.Site.Title.In(lang)
	f := s.feed(word(lang, "changes")+" · "+title, s.router.ChangesFeed(lang), s.tag(lang+"/changes"))
	for _, e := range p.Events {
		if e.Status == programme.Scheduled {
			continue
		}
		specific := fmt.Sprintf("%s/changes/%d/%s/%s", lang, e.Year, e.Slug, e.Status)
		if e.Status == programme.Rescheduled && !e.PrevStart.IsZero() {
			specific += "/" + e.PrevStart.Format("2006-01-02T1504")
		}
		f.Entries = append(f.Entries, s.entry(e, s.tag(specific), word(lang, string(e.Status))))
	}
	for _, c := range since {
		if c.Kind == changes.Cancelled || c.Kind == changes.Postponed {
			continue // the event's status entry above tells it
		}
		f.Entries = append(f.Entries, s.changeEntry(c))
	}
	return s.write(w, f)
}

// changeEntry is the entry of a change since the last publication.
func (s site) changeEntry(c changes.Change) entry {
	def := s.p.Site.Languages[0]
	label := c.Label(s.lang)
	title := strings.ToUpper(label[:1]) + label[1:] + word(s.lang, "colon") + c.TitleIn(s.lang, def)
	specific := fmt.Sprintf("%s/changes/%s/%d/%s", s.lang, c.Kind, c.Year, c.Slug)
	switch c.Kind {
	case changes.Time, changes.Added:
		specific += "/" + c.Start
	case changes.Venue:
		specific += "/" + c.Venue[def]
	}
	link := s.router.Section(s.lang, "changes")
	var event *programme.Event
	for _, e := range s.p.Events {
		if e.Year == c.Year && e.Slug == c.Slug {
			event = e
		}
	}
	if event != nil && c.Kind != changes.Removed {
		link = s.router.Event(s.lang, c.Year, c.Slug)
	}
	en := entry{
		ID:      s.tag(specific),
		Title:   title,
		Link:    atomLink{Rel: "alternate", Type: "text/html", Href: s.base + link},
		Summary: atomText{Type: "text", Text: c.Detail(s.lang, def)},
	}
	// A list written before changes were dated says nothing of when: the
	// event's own date is the nearest, if it is still in the programme.
	date := c.Date
	if date.IsZero() && event != nil {
		date = s.modified(event)
	}
	en.setUpdated(date)
	return en
}

func (en *entry) setUpdated(t time.Time) {
	en.updated = t
	en.Updated = t.Format(time.RFC3339)
}

func (s site) feed(title, self, id string) *atomFeed {
	desc, _ := s.p.Site.Description.In(s.lang)
	return &atomFeed{
		Lang:     s.lang,
		ID:       id,
		Title:    title,
		Subtitle: desc,
		Links: []atomLink{
			{Rel: "self", Type: "application/atom+xml", Href: s.base + self},
			{Rel: "alternate", Type: "text/html", Href: s.base + s.router.Home(s.lang)},
		},
		Author: atomPerson{Name: title, URI: s.base + s.router.Home(s.lang)},
		Rights: "Licence Ouverte / Etalab 2.0",
	}
}

func (s site) entry(e *programme.Event, id, status string) entry {
	title, _ := e.Title.In(s.lang)
	if status != "" {
		title = status + word(s.lang, "colon") + title
	}
	summary, summaryLang := e.Summary.In(s.lang)
	text := s.when(e) + " — " + s.where(e.Venue)
	if e.Status == programme.Rescheduled && !e.PrevStart.IsZero() {
		text += "\n" + word(s.lang, "previously") + " " + s.date(e.PrevStart, false)
	}
	if summary != "" {
		text += "\n" + summary
	}
	en := entry{
		ID:      id,
		Title:   title,
		Link:    atomLink{Rel: "alternate", Type: "text/html", Href: s.base + s.router.Event(s.lang, e.Year, e.Slug)},
		Summary: atomText{Type: "text", Text: text},
	}
	if summaryLang != s.lang && summary != "" {
		en.Summary.Lang = summaryLang
	}
	for _, t := range e.Categories {
		l, _ := t.Label.In(s.lang)
		en.Categories = append(en.Categories, atomCategory{Term: t.Key, Label: l})
	}
	en.setUpdated(s.modified(e))
	return en
}

func (s site) write(w io.Writer, f *atomFeed) error {
	sort.SliceStable(f.Entries, func(i, j int) bool {
		a, b := f.Entries[i], f.Entries[j]
		if !a.updated.Equal(b.updated) {
			return a.updated.After(b.updated)
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
	var updated time.Time
	if len(f.Entries) > 0 {
		updated = f.Entries[0].updated
	} else {
		for _, e := range s.p.Events {
			if t := s.modified(e); t.After(updated) {
				updated = t
			}
		}
	}
	f.Updated = updated.Format(time.RFC3339)
	if _, err := io.WriteString(w, xml.Header); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	enc := xml.NewEncoder(w)
	enc.Indent("", " ")
	if err := enc.Encode(f); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	if _, err := io.WriteString(w, "\n"); err != nil {
		return fmt.Errorf("write feed: %w", err)
	}
	return nil
}

// when tells the event's first session, and how many there are.
func (s site) when(e *programme.Event) string {
	if len(e.Sessions) == 0 {
		return ""
	}
	first := e.Sessions[0]
	out := s.date(first.Start, first.AllDay)
	if n := len(e.Sessions); n > 1 {
		out += " (+" + strconv.Itoa(n-1) + ")"
	}
	return out
}

func (s site) where(v *programme.Venue) string {
	name, _ := v.Name.In(s.lang)
	return name + ", " + v.Commune.Name
}

// date writes a date as the site's pages do (« samedi 27 juin 2026, 20 h 30 »).
func (s site) date(t time.Time, allDay bool) string {
	if allDay {
		return locale.Date(s.lang, t)
	}
	return locale.DateTime(s.lang, t)
}

var words = map[string]map[string]string{
	"fr": {"changes": "Annulations et changements", "cancelled": "Annulé", "postponed": "Reporté", "rescheduled": "Nouvelle date", "full": "Complet", "previously": "Initialement prévu le", "colon": " : "},
	"en": {"changes": "Cancellations and changes", "cancelled": "Cancelled", "postponed": "Postponed", "rescheduled": "New date", "full": "Fully booked", "previously": "First planned for", "colon": ": "},
}

func word(lang, key string) string {
	if w, ok := words[lang]; ok {
		return w[key]
	}
	return words["en"][key]
}
