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
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"
	"sync"
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
	var sessions []*programme.Session
	for _, s := range p.Sessions {
		if keep(s) {
			sessions = append(sessions, s)
		}
	}
	return calendarOf(p, base, name, sessions)
}

func calendarOf(p *programme.Programme, base, name string, sessions []*programme.Session) Calendar {
	lang := p.Site.Languages[0]
	return Calendar{
		Name:     name,
		Base:     base,
		Lang:     lang,
		Location: p.Location,
		Router:   route.Router{Default: lang},
		Sessions: sessions,
	}
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
	// The event's own sessions in the programme's order (p.Sessions: by
	// start, then event, then id), without reading the whole programme
	// for each of its events.
	sessions := slices.Clone(e.Sessions)
	slices.SortStableFunc(sessions, func(a, b *programme.Session) int {
		return cmp.Or(a.Start.Compare(b.Start), cmp.Compare(a.ID, b.ID))
	})
	return calendarOf(p, base, title+" · "+siteTitle(p), sessions)
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

// writers keeps the writers of finished calendars, with their buffers: a
// build encodes one calendar per event.
var writers = sync.Pool{New: func() any { return &writer{w: bufio.NewWriter(nil)} }}

// Encode writes cal as an iCalendar stream.
func Encode(w io.Writer, cal Calendar) error {
	out := writers.Get().(*writer)
	out.w.Reset(w)
	out.err = nil
	out.about = out.about[:0]
	defer func() {
		out.w.Reset(nil)
		writers.Put(out)
	}()
	local := cal.Location != nil && cal.Location.String() == paris
	out.line("BEGIN:VCALENDAR")
	out.line("VERSION:2.0")
	out.line("PRODID:-//Quinzaine festive//quinzaine//" + strings.ToUpper(cal.Lang))
	out.line("CALSCALE:GREGORIAN")
	out.line("METHOD:PUBLISH")
	out.text("X-WR-CALNAME:", cal.Name)
	if local {
		out.line("X-WR-TIMEZONE:" + paris)
		for _, l := range vtimezone {
			out.line(l)
		}
	}
	host := route.Host(cal.Base)
	var last *programme.Event
	for _, s := range cal.Sessions {
		writeSession(out, cal, host, local, s)
		if s.Event != last {
			// The lines after the dates are the event's: an event's
			// sessions often follow one another (in its own calendar,
			// always), and they are the longest to write.
			out.about = out.about[:0]
			writeAbout(out, cal, s.Event)
			last = s.Event
		}
		out.raw(out.about)
		out.line("END:VEVENT")
	}
	out.line("END:VCALENDAR")
	if out.err != nil {
		return fmt.Errorf("write calendar: %w", out.err)
	}
	if err := out.w.Flush(); err != nil {
		return fmt.Errorf("write calendar: %w", err)
	}
	return nil
}

// writeSession writes the start of a session's VEVENT, up to its dates: what
// differs between the sessions of an event.
func writeSession(out *writer, cal Calendar, host string, local bool, s *programme.Session) {
	e := s.Event
	var modified time.Time
	if cal.Modified != nil {
		modified = cal.Modified(e)
	}
	modified = modified.UTC()
	out.line("BEGIN:VEVENT")
	out.begin("DTSTAMP:")
	out.end(modified.AppendFormat(out.buf, "20060102T150405Z"))
	out.begin("UID:")
	out.end(appendEscape(appendEscape(out.buf, s.ID), "@"+host))
	out.begin("SEQUENCE:")
	out.end(strconv.AppendInt(out.buf, int64(Sequence(e.Status)), 10))
	out.begin("LAST-MODIFIED:")
	out.end(modified.AppendFormat(out.buf, "20060102T150405Z"))
	switch {
	case s.AllDay:
		out.begin("DTSTART;VALUE=DATE:")
		out.end(s.Start.AppendFormat(out.buf, "20060102"))
		out.begin("DTEND;VALUE=DATE:")
		out.end(s.End.AddDate(0, 0, 1).AppendFormat(out.buf, "20060102"))
	case local:
		out.begin("DTSTART;TZID=" + paris + ":")
		out.end(s.Start.AppendFormat(out.buf, "20060102T150405"))
		if s.End.After(s.Start) {
			out.begin("DTEND;TZID=" + paris + ":")
			out.end(s.End.AppendFormat(out.buf, "20060102T150405"))
		}
	default:
		out.begin("DTSTART:")
		out.end(s.Start.UTC().AppendFormat(out.buf, "20060102T150405Z"))
		if s.End.After(s.Start) {
			out.begin("DTEND:")
			out.end(s.End.UTC().AppendFormat(out.buf, "20060102T150405Z"))
		}
	}
}

// writeAbout writes, into out.about, the lines of a VEVENT that describe
// its event, from SUMMARY to TRANSP: the same for each of its sessions.
func writeAbout(out *writer, cal Calendar, e *programme.Event) {
	title, _ := e.Title.In(cal.Lang)
	out.begin("SUMMARY:")
	if e.Status == programme.Cancelled {
		out.buf = appendEscape(out.buf, word(cal.Lang, "cancelled")+" — ")
	}
	out.endAbout(appendEscape(out.buf, title))
	page := absolute(cal.Base, cal.Router.Event(cal.Lang, e.Year, e.Slug))
	out.begin("DESCRIPTION:")
	// Escaped whole, as one text: a CR ending a part and the LF joining
	// it to the next are one line break.
	out.raw2 = appendDescription(out.raw2[:0], cal.Lang, e, page)
	out.endAbout(appendEscape(out.buf, string(out.raw2)))
	v := e.Venue
	name, _ := v.Name.In(cal.Lang)
	out.begin("LOCATION:")
	out.raw2 = append(append(out.raw2[:0], name...), ", "...)
	out.raw2 = append(append(out.raw2, v.Address...), ", "...)
	out.raw2 = append(append(append(out.raw2, v.Postcode...), ' '), v.Commune.Name...)
	out.endAbout(appendEscape(out.buf, string(out.raw2)))
	out.begin("GEO:")
	out.buf = strconv.AppendFloat(out.buf, v.Lat, 'f', 6, 64)
	out.buf = append(out.buf, ';')
	out.endAbout(strconv.AppendFloat(out.buf, v.Lon, 'f', 6, 64))
	out.begin("URL:")
	out.endAbout(append(out.buf, page...))
	if len(e.Categories) > 0 {
		out.begin("CATEGORIES:")
		for i, t := range e.Categories {
			if i > 0 {
				out.buf = append(out.buf, ',')
			}
			l, _ := t.Label.In(cal.Lang)
			out.buf = appendEscape(out.buf, l)
		}
		out.endAbout(out.buf)
	}
	out.begin("STATUS:")
	out.endAbout(append(out.buf, status(e.Status)...))
	out.begin("TRANSP:")
	out.endAbout(append(out.buf, "OPAQUE"...))
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

// appendDescription appends the plain text of an event's DESCRIPTION, its
// parts on lines of their own.
func appendDescription(b []byte, lang string, e *programme.Event, page string) []byte {
	parts := 0
	part := func(b []byte) []byte {
		if parts++; parts > 1 {
			b = append(b, '\n')
		}
		return b
	}
	switch e.Status {
	case programme.Cancelled, programme.Postponed, programme.Full:
		b = append(append(part(b), word(lang, string(e.Status))...), '.')
	case programme.Rescheduled:
		if !e.PrevStart.IsZero() {
			b = append(append(part(b), word(lang, "rescheduled")...), ' ')
			b = append(e.PrevStart.AppendFormat(b, "02/01/2006 15:04"), '.')
		}
	}
	if s, _ := e.Summary.In(lang); s != "" {
		b = append(part(b), s...)
	}
	if pr := price(lang, e.Price); pr != "" {
		b = append(append(part(b), word(lang, "price")...), pr...)
	}
	if c, _ := e.Conditions.In(lang); c != "" {
		b = append(part(b), c...)
	}
	if e.Booking != "" {
		b = append(append(part(b), word(lang, "booking")...), e.Booking...)
	}
	return append(part(b), page...)
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

// appendEscape appends s escaped as a TEXT value (RFC 5545 3.3.11): a
// backslash, semicolon or comma is escaped, and each line break (CRLF, LF
// or a lone CR) becomes \n.
func appendEscape(b []byte, s string) []byte {
	for i := 0; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\', ';', ',':
			b = append(b, '\\', c)
		case '\r':
			if i+1 < len(s) && s[i+1] == '\n' {
				i++
			}
			b = append(b, '\\', 'n')
		case '\n':
			b = append(b, '\\', 'n')
		default:
			b = append(b, c)
		}
	}
	return b
}

// writer writes content lines, folded at 75 octets with CRLF, and keeps the
// first error. A line is made in buf (begin, then appends, then end), so
// that writing a calendar allocates next to nothing.
type writer struct {
	w      *bufio.Writer
	err    error
	buf    []byte // the line being made
	raw2   []byte // a value before it is escaped
	folded []byte
	about  []byte // the folded lines of the current event (writeAbout)
}

func (o *writer) line(s string) {
	o.begin(s)
	o.end(o.buf)
}

// text writes a property with a TEXT value.
func (o *writer) text(name, value string) {
	o.begin(name)
	o.end(appendEscape(o.buf, value))
}

// begin starts a line with the property's name and parameters.
func (o *writer) begin(name string) { o.buf = append(o.buf[:0], name...) }

// end writes the line made from buf, folded.
func (o *writer) end(line []byte) {
	o.buf = line
	o.folded = appendFold(o.folded[:0], line)
	o.raw(o.folded)
}

// endAbout adds the line made from buf, folded, to the event's lines.
func (o *writer) endAbout(line []byte) {
	o.buf = line
	o.about = appendFold(o.about, line)
}

func (o *writer) raw(b []byte) {
	if o.err != nil {
		return
	}
	_, o.err = o.w.Write(b)
}

// appendFold appends a content line split into lines of at most 75 octets,
// continuation lines starting with a space, never inside a UTF-8 sequence
// (RFC 5545 3.1) nor inside a TEXT escape.
func appendFold(b, s []byte) []byte {
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
		b = append(b, s[:cut]...)
		b = append(b, "\r\n "...)
		s = s[cut:]
		limit = 74 // the leading space counts
	}
	b = append(b, s...)
	return append(b, "\r\n"...)
}
