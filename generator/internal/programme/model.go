// Package programme is the validated domain model of the festival: events
// with their sessions resolved to instants in the site's time zone, venues
// with their events, festival days with their sessions in order, categories,
// audiences and communes with their events. Everything downstream (pages,
// calendars, feeds, open data) reads this model and nothing else.
//
// Every list in the model is sorted, so that two builds of the same content
// are byte-identical. Names sort in French collation (Évin-Malmaison with E).
package programme

import (
	"time"

	"quinzaine/generator/internal/diag"
)

// Programme is the whole validated programme.
type Programme struct {
	Site Site
	// Location is the site's time zone; every time.Time below is in it.
	Location *time.Location
	Edition  Edition

	Venues     []*Venue   // by name, French collation
	GrandSites []*Venue   // the venues with grand_site: true, by name
	Communes   []*Commune // by name, French collation
	Events     []*Event   // by first session start, then title, then slug
	Sessions   []*Session // every session of every event, by start, then title
	Days       []*Day     // every edition day, plus any other day with a session, in order
	Categories []*Term    // in the order of site.yaml
	Audiences  []*Term    // in the order of site.yaml
	Pages      []*Page    // by slug
	Years      []int      // the years that have events, ascending
}

// Site is the site-wide configuration from site.yaml.
type Site struct {
	Title   Text
	BaseURL string // absolute, ends with "/"
	// Languages lists the site's languages; the first is the default, the
	// language of every untranslated text.
	Languages   []string
	Description Text
	// Translations holds site-specific interface strings per language that
	// override the theme's (site.yaml `translations`).
	Translations map[string]map[string]string
	File         string
}

// Edition is the current edition's frame.
type Edition struct {
	Year       int
	Start, End time.Time // midnight of the first and last day, in Location
}

// Text is a text in the site's default language with its translations.
type Text struct {
	Value        string            // in the default language; may be empty
	Lang         string            // the default language
	Translations map[string]string // language code → text
}

// In returns the text in lang and the language it is actually in: the
// translation when there is one, else the default-language text.
func (t Text) In(lang string) (value, valueLang string) {
	if v, ok := t.Translations[lang]; ok && v != "" {
		return v, lang
	}
	return t.Value, t.Lang
}

// Markdown is Markdown source with the position of its first line, so that
// problems found while rendering point at the editor's real line.
type Markdown struct {
	Text
	Pos diag.Pos // of the default-language source
	// TranslationPos holds the position of each translation's source.
	TranslationPos map[string]diag.Pos
}

// Status is an event's publication status.
type Status string

// The statuses an event may have (`status` in an event file).
const (
	Scheduled   Status = "scheduled"
	Rescheduled Status = "rescheduled"
	Postponed   Status = "postponed"
	Full        Status = "full"
	Cancelled   Status = "cancelled"
)

// AccessibilityKeys are the accessibility keys an event or venue may list,
// in the order pages show them.
var AccessibilityKeys = []string{"moteur", "visuel", "auditif", "mental", "psychique", "lsf", "audiodescription", "boucle-magnetique"}

// Event is one event of the programme, with all its sessions.
type Event struct {
	Slug string
	Year int // the year folder it lives in: events/<year>/<slug>.yaml
	File string

	Title       Text
	Venue       *Venue
	Sessions    []*Session // by start
	Daily       *Daily     // set when the sessions were expanded from `daily`
	Categories  []*Term    // in site.yaml order
	Audiences   []*Term    // in site.yaml order
	Age         Age
	Price       Price
	Conditions  Text
	Booking     string // absolute http(s) URL, or ""
	Access      []string
	Status      Status
	PrevStart   time.Time // for Rescheduled: the session start before the change
	Organiser   string
	Image       *Image
	Summary     Text
	EasyRead    Text
	Description Markdown
	Draft       bool
}

// Daily describes an exhibition open every day between two dates.
type Daily struct {
	From, To time.Time      // midnight of the first and last day
	Open     string         // "14:00"
	Close    string         // "18:00"
	ClosedOn []time.Weekday // in week order, Monday first
}

// Session is one occurrence of an event.
type Session struct {
	// ID is stable across builds and across edits of other fields, and
	// unique in the programme: the `id` given in content under its event
	// ("<year>/<slug>/<id>"), else derived from the event and the start
	// ("<year>/<slug>/<YYYY-MM-DDTHHMM>", "<year>/<slug>/<YYYY-MM-DD>" for
	// an all-day session).
	ID     string
	Event  *Event
	Start  time.Time
	End    time.Time // equal to Start when no end was given
	AllDay bool      // given as dates alone; Start and End are midnights, End inclusive
	// Day is the festival day the session belongs to: a festival day runs
	// from 04:00 to 03:59 the next morning.
	Day *Day
}

// Day is one festival day.
type Day struct {
	Date      time.Time // midnight, in Location
	InEdition bool
	// Sessions are by start, then title. An all-day session over several
	// days is on each of them (its Day is the first).
	Sessions []*Session
}

// Key formats the day as YYYY-MM-DD, as used in addresses.
func (d *Day) Key() string { return d.Date.Format(time.DateOnly) }

// Age is an age range; zero means no bound.
type Age struct {
	Min, Max int
}

// Price is what a session costs.
type Price struct {
	Free bool
	// Text is the editor's own wording ("5 €", "gratuit pour les moins de 12 ans").
	Text     string
	Min, Max float64 // in euros; both zero when not given as a range
	Given    bool    // false when the event says nothing about price
}

// Image is a picture from content/, with its text alternative.
type Image struct {
	Path   string // relative to content/, slash-separated
	Alt    Text
	Credit string
}

// Venue is a place where events happen.
type Venue struct {
	Slug string
	File string

	Name        Text
	GrandSite   bool
	Commune     *Commune
	Address     string
	Postcode    string
	Lat, Lon    float64
	Website     string
	Access      []string
	Transport   Text
	Description Markdown
	Image       *Image
	Events      []*Event // in programme order
}

// Commune is a town of the basin that has at least one venue.
type Commune struct {
	Name   string
	Slug   string   // ASCII, for addresses: "bruay-la-buissiere"
	Venues []*Venue // by name
	Events []*Event // in programme order
}

// Term is a category or an audience from site.yaml.
type Term struct {
	Key    string
	Label  Text
	Events []*Event // in programme order
}

// Page is a content page (content/pages/<slug>.md).
type Page struct {
	Slug  string
	File  string
	Title Text
	Body  Markdown
}

// Current keeps the events of the current edition, in their order: the lists
// and counts that pages show are of this edition, while earlier years stay
// on their own pages and in the archive.
func (p *Programme) Current(events []*Event) []*Event {
	var out []*Event
	for _, e := range events {
		if e.Year == p.Edition.Year {
			out = append(out, e)
		}
	}
	return out
}
