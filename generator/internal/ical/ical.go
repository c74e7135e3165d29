// Package ical writes the programme as iCalendar files (RFC 5545) that phone
// and desktop calendars can import or subscribe to.
//
// A Calendar is a named selection of sessions; the constructors select them:
//
//	ical.Edition(p, base)        every session of the programme
//	ical.ForEvent(p, e, base)    the sessions of one event (/evenements/2026/<slug>.ics)
//	ical.ForVenue(p, v, base)    the sessions at one venue (grands sites included)
//	ical.ForCategory(p, t, base) the sessions of the events of one category
//
// and Encode(w, cal) writes it, after the caller sets cal.Modified. base is the site's absolute base URL
// ("https://quinzaine.example.org/"); its host names the UIDs. Texts are in
// the site's default language: one file serves every language, as its
// address does (route.Router.EventCalendar).
//
// What each VEVENT says, and why:
//
//   - UID is "<session id>@<host>". Session.ID is stable across builds and
//     across edits of other fields; an id given by the editor (`bal-dimanche`)
//     is prefixed with "<year>/<slug>/" so that two events may reuse it.
//   - DTSTART/DTEND carry TZID=Europe/Paris and the file holds the matching
//     VTIMEZONE, so that a session stays at 20:30 local time whatever the
//     reader's zone. A programme in another zone is written in UTC instead.
//     A session without an end has no DTEND (it ends when it starts, RFC 5545
//     3.6.1). All-day sessions are VALUE=DATE with an exclusive DTEND, the day
//     after the inclusive last day given in content.
//   - SEQUENCE cannot count revisions: the content keeps no history, and the
//     build must not depend on one. It is derived from the status, in the
//     order an event's life takes in practice: 0 scheduled or full, 1
//     postponed, 2 rescheduled, 3 cancelled. A change of time is always
//     published as `rescheduled` (with `previous_start`), so moving a session
//     raises its SEQUENCE, and cancelling raises it again. Going back (an
//     event cancelled then reinstated) lowers it; DTSTAMP still changes then,
//     and subscribed calendars replace the whole file on each refresh.
//   - DTSTAMP and LAST-MODIFIED are both the date the event last changed as
//     partners see it (Calendar.Modified: the date, to the minute, of the
//     build that first published it as it is now; see package changes), in
//     UTC as RFC 5545 requires of DTSTAMP. A build time would make two builds
//     of the same content differ; this date does not, and it changes when
//     the event does, which is what a client comparing two copies needs.
//   - STATUS is CANCELLED for cancelled events (and their SUMMARY says so,
//     since some calendars show cancelled events like any other), TENTATIVE
//     for postponed ones (their date is no longer sure), CONFIRMED otherwise.
//   - DESCRIPTION is plain text: status, summary, price, conditions, booking
//     link and the event page; the Markdown description stays on the page.
package ical

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// Calendar is a named selection of sessions, ready to encode.
type Calendar struct {
	Name     string // X-WR-CALNAME
	Base     string // the site's absolute base URL
	Lang     string // the language of the texts
	Location *time.Location
	Router   route.Router
	Sessions []*programme.Session // in the order they are written
	// Modified tells when an event last changed (changes.Report.Modified),
	// for DTSTAMP and LAST-MODIFIED; nil dates every session at the zero
	// time, 00010101T000000Z.
	Modified func(*programme.Event) time.Time
}

func newCalendar(p *programme.Programme, base, name string, keep func(*programme.Session) bool) Calendar {
	lang := p.Site.Languages[0]
	cal := Calendar{
		Name:     name,
		Base:     base,
		Lang:     lang,
		Location: p.Location,
		Router:   route.Router{Default: lang},
	}
	for _, s := range p.Sessions {
		if keep(s) {
			cal.Sessions = append(cal.Sessions, s)
		}
	}
	return cal
}

func siteTitle(p *programme.Programme) string {
	t, _ := p.Site.Title.In(p.Site.Languages[0])
	return t
}

// Edition selects every session of the programme.
func Edition(p *programme.Programme, base string) Calendar {
	return newCalendar(p, base, siteTitle(p), func(*programme.Session) bool { return true })
}

// ForEvent selects the sessions of one event.
func ForEvent(p *programme.Programme, e *programme.Event, base string) Calendar {
	title, _ := e.Title.In(p.Site.Languages[0])
	return newCalendar(p, base, title+" · "+siteTitle(p), func(s *programme.Session) bool { return s.Event == e })
}

// ForVenue selects the sessions held at one venue.
func ForVenue(p *programme.Programme, v *programme.Venue, base string) Calendar {
	name, _ := v.Name.In(p.Site.Languages[0])
	return newCalendar(p, base, name+" · "+siteTitle(p), func(s *programme.Session) bool { return s.Event.Venue == v })
}

// ForCategory selects the sessions of the events of one category.
func ForCategory(p *programme.Programme, t *programme.Term, base string) Calendar {
	label, _ := t.Label.In(p.Site.Languages[0])
	return newCalendar(p, base, label+" · "+siteTitle(p), func(s *programme.Session) bool {
		for _, c := range s.Event.Categories {
			if c == t {
				return true
			}
		}
		return false
	})
}

// paris is the only zone whose VTIMEZONE this package writes.
const paris = "Europe/Paris"

// vtimezone describes Europe/Paris by its rules since 1996 (EU summer time:
// last Sunday of March 02:00 to last Sunday of October 03:00).
var vtimezone = []string{
	"BEGIN:VTIMEZONE",
	"TZID:Europe/Paris",
	"X-LIC-LOCATION:Europe/Paris",
	"BEGIN:DAYLIGHT",
	"TZOFFSETFROM:+0100",
	"TZOFFSETTO:+0200",
	"TZNAME:CEST",
	"DTSTART:19700329T020000",
	"RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
	"END:DAYLIGHT",
	"BEGIN:STANDARD",
	"TZOFFSETFROM:+0200",
	"TZOFFSETTO:+0100",
	"TZNAME:CET",
	"DTSTART:19701025T030000",
	"RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
	"END:STANDARD",
	"END:VTIMEZONE",
}

// Encode writes cal as an iCalendar stream.
func Encode(w io.Writer, cal Calendar) error {
	bw := bufio.NewWriter(w)
	out := &writer{w: bw}
	local := cal.Location != nil && cal.Location.String() == paris
	out.line("BEGIN:VCALENDAR")
	out.line("VERSION:2.0")
	out.line("PRODID:-//Quinzaine festive//quinzaine//" + strings.ToUpper(cal.Lang))
	out.line("CALSCALE:GREGORIAN")
	out.line("METHOD:PUBLISH")
	out.line("X-WR-CALNAME:" + escape(cal.Name))
	if local {
		out.line("X-WR-TIMEZONE:" + paris)
		for _, l := range vtimezone {
			out.line(l)
		}
	}
	host := route.Host(cal.Base)
	for _, s := range cal.Sessions {
		writeEvent(out, cal, host, local, s)
	}
	out.line("END:VCALENDAR")
	if out.err != nil {
		return fmt.Errorf("write calendar: %w", out.err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

func writeEvent(out *writer, cal Calendar, host string, local bool, s *programme.Session) {
	e := s.Event
	props := []string{"UID:" + escape(UID(s, host))}
	var modified time.Time
	if cal.Modified != nil {
		modified = cal.Modified(e)
	}
	stamp := modified.UTC().Format("20060102T150405Z")
	props = append(props, "SEQUENCE:"+strconv.Itoa(Sequence(e.Status)), "LAST-MODIFIED:"+stamp)
	switch {
	case s.AllDay:
		props = append(props,
			"DTSTART;VALUE=DATE:"+s.Start.Format("20060102"),
			"DTEND;VALUE=DATE:"+s.End.AddDate(0, 0, 1).Format("20060102"))
	case local:
		props = append(props, "DTSTART;TZID="+paris+":"+s.Start.Format("20060102T150405"))
		if s.End.After(s.Start) {
			props = append(props, "DTEND;TZID="+paris+":"+s.End.Format("20060102T150405"))
		}
	default:
		props = append(props, "DTSTART:"+s.Start.UTC().Format("20060102T150405Z"))
		if s.End.After(s.Start) {
			props = append(props, "DTEND:"+s.End.UTC().Format("20060102T150405Z"))
		}
	}
	title, _ := e.Title.In(cal.Lang)
	if e.Status == programme.Cancelled {
		title = word(cal.Lang, "cancelled") + " — " + title
	}
	props = append(props, "SUMMARY:"+escape(title))
	page := absolute(cal.Base, cal.Router.Event(cal.Lang, e.Year, e.Slug))
	props = append(props, "DESCRIPTION:"+escape(description(cal.Lang, e, page)))
	v := e.Venue
	name, _ := v.Name.In(cal.Lang)
	props = append(props,
		"LOCATION:"+escape(name+", "+v.Address+", "+v.Postcode+" "+v.Commune.Name),
		"GEO:"+coord(v.Lat)+";"+coord(v.Lon),
		"URL:"+page)
	if len(e.Categories) > 0 {
		labels := make([]string, len(e.Categories))
		for i, t := range e.Categories {
			l, _ := t.Label.In(cal.Lang)
			labels[i] = escape(l)
		}
		props = append(props, "CATEGORIES:"+strings.Join(labels, ","))
	}
	props = append(props, "STATUS:"+status(e.Status), "TRANSP:OPAQUE")

	out.line("BEGIN:VEVENT")
	out.line("DTSTAMP:" + stamp)
	for _, p := range props {
		out.line(p)
	}
	out.line("END:VEVENT")
}

// UID returns the session's iCalendar UID on the site whose host is given
// (route.Host): its id, already scoped by its event, at the host.
func UID(s *programme.Session, host string) string {
	return s.ID + "@" + host
}

// Sequence returns the SEQUENCE of the sessions of an event with the given
// status; see the package documentation for the scheme.
func Sequence(st programme.Status) int {
	switch st {
	case programme.Postponed:
		return 1
	case programme.Rescheduled:
		return 2
	case programme.Cancelled:
		return 3
	}
	return 0
}

func status(st programme.Status) string {
	switch st {
	case programme.Cancelled:
		return "CANCELLED"
	case programme.Postponed:
		return "TENTATIVE"
	}
	return "CONFIRMED"
}

func description(lang string, e *programme.Event, page string) string {
	var parts []string
	switch e.Status {
	case programme.Cancelled, programme.Postponed, programme.Full:
		parts = append(parts, word(lang, string(e.Status))+".")
	case programme.Rescheduled:
		if !e.PrevStart.IsZero() {
			parts = append(parts, word(lang, "rescheduled")+" "+e.PrevStart.Format("02/01/2006 15:04")+".")
		}
	}
	if s, _ := e.Summary.In(lang); s != "" {
		parts = append(parts, s)
	}
	if pr := price(lang, e.Price); pr != "" {
		parts = append(parts, word(lang, "price")+pr)
	}
	if c, _ := e.Conditions.In(lang); c != "" {
		parts = append(parts, c)
	}
	if e.Booking != "" {
		parts = append(parts, word(lang, "booking")+e.Booking)
	}
	parts = append(parts, page)
	return strings.Join(parts, "\n")
}

func price(lang string, p programme.Price) string {
	switch {
	case p.Free:
		return word(lang, "free")
	case p.Text != "":
		return p.Text
	case p.Max > p.Min:
		return euros(p.Min) + "–" + euros(p.Max)
	case p.Min > 0:
		return euros(p.Min)
	}
	return ""
}

func euros(v float64) string {
	return strings.Replace(strconv.FormatFloat(v, 'f', -1, 64), ".", ",", 1) + " €"
}

// words are the few words a calendar entry needs; other languages than
// French read English.
var words = map[string]map[string]string{
	"fr": {"cancelled": "ANNULÉ", "postponed": "Reporté à une date ultérieure", "full": "Complet", "rescheduled": "Nouvelle date ; initialement prévu le", "price": "Tarif : ", "free": "Gratuit", "booking": "Réservation : "},
	"en": {"cancelled": "CANCELLED", "postponed": "Postponed to a later date", "full": "Fully booked", "rescheduled": "New date; first planned for", "price": "Price: ", "free": "Free", "booking": "Booking: "},
}

func word(lang, key string) string {
	if w, ok := words[lang]; ok {
		return w[key]
	}
	return words["en"][key]
}

func coord(v float64) string { return strconv.FormatFloat(v, 'f', 6, 64) }

func absolute(base, address string) string {
	return strings.TrimSuffix(base, "/") + address
}

// escape escapes a TEXT value (RFC 5545 3.3.11).
var textEscaper = strings.NewReplacer(`\`, `\\`, ";", `\;`, ",", `\,`, "\r\n", `\n`, "\n", `\n`, "\r", `\n`)

func escape(s string) string { return textEscaper.Replace(s) }

// writer writes content lines, folded at 75 octets with CRLF, and keeps the
// first error.
type writer struct {
	w   *bufio.Writer
	err error
}

func (o *writer) line(s string) {
	if o.err != nil {
		return
	}
	_, o.err = o.w.WriteString(fold(s))
}

// fold splits a content line into lines of at most 75 octets, continuation
// lines starting with a space, never inside a UTF-8 sequence (RFC 5545 3.1)
// nor inside a TEXT escape.
func fold(s string) string {
	var b strings.Builder
	limit := 75
	for len(s) > limit {
		cut := limit
		// Back up to the first byte of a character.
		for cut > 0 && s[cut]&0xC0 == 0x80 {
			cut--
		}
		// Keep an escape such as \n on one line: legal either way, but
		// some readers unescape before they unfold.
		n := 0
		for n < cut && s[cut-1-n] == '\\' {
			n++
		}
		if n%2 == 1 {
			cut--
		}
		b.WriteString(s[:cut])
		b.WriteString("\r\n ")
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b.WriteString(s)
	b.WriteString("\r\n")
	return b.String()
}
