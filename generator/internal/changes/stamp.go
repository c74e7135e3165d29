package changes

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"quinzaine/generator/internal/programme"
)

// Stamp is what a publication records of one event in modifications.json:
// when it last changed as partners see it, and the fingerprint that tells
// the next build whether it changed since.
type Stamp struct {
	// Modified is the build's date, to the minute, of the publication in
	// which the event last changed or first appeared (RFC 3339 with the
	// site's offset: 2026-06-02T14:05:00+02:00).
	Modified    time.Time `json:"modifie_le"`
	Fingerprint string    `json:"empreinte"`
}

// Unpublished is the report of a programme with no previous publication to
// compare against: every event is new, dated now.
func Unpublished(now time.Time) *Report {
	return &Report{First: true, Now: minute(now)}
}

// minute truncates a build's time to the minute: the dates it gives are
// read by people and feed readers, and a finer one says nothing more.
func minute(t time.Time) time.Time { return t.Truncate(time.Minute) }

// For returns a copy of r with the stamps of p's events: an event whose
// fingerprint is the one the previous publication recorded keeps that
// publication's date; a new or changed event, or any event when the
// previous publication recorded no stamps, is dated r.Now. So a rebuild of
// the same content finds every fingerprint equal and writes the same dates
// whatever the clock says.
func (r *Report) For(p *programme.Programme) *Report {
	out := Report{}
	if r != nil {
		out = *r
	}
	now := out.Now
	if !now.IsZero() && p.Location != nil {
		now = now.In(p.Location)
	}
	out.Events = make(map[string]Stamp, len(p.Events))
	for _, e := range p.Events {
		id := key(e.Year, e.Slug)
		fp := Fingerprint(e)
		if s, ok := out.previous[id]; ok && s.Fingerprint == fp && !s.Modified.IsZero() {
			out.Events[id] = s
			continue
		}
		out.Events[id] = Stamp{Modified: now, Fingerprint: fp}
	}
	return &out
}

// Modified tells when e last changed, from the stamps For gave r; an event
// r has no stamp of is dated r.Now.
func (r *Report) Modified(e *programme.Event) time.Time {
	if s, ok := r.Events[key(e.Year, e.Slug)]; ok {
		return s.Modified
	}
	return r.Now
}

func key(year int, slug string) string { return fmt.Sprintf("%d/%s", year, slug) }

// Fingerprint is 32 hexadecimal digits of a SHA-256 hash of what partners
// see of e: its title, summary, easy-to-read summary, description and
// conditions in every language, status and previous start, venue (slug,
// name, address, coordinates), categories, audiences, accessibility, age,
// price, booking link, organiser, picture (path, text alternative, credit)
// and sessions (id, start, end, all day). It changes exactly when one of
// them does; not when the description moves in its file, nor when the
// event only becomes a draft or stops being one.
func Fingerprint(e *programme.Event) string {
	// Every value is written quoted or as a number, after its name, so
	// that no two events hash the same bytes. One buffer, no fmt: the
	// preview fingerprints every event after each save.
	b := make([]byte, 0, 1024)
	field := func(name, v string) {
		b = append(b, name...)
		b = append(b, '=')
		b = appendQuote(b, v)
		b = append(b, '\n')
	}
	number := func(name string, v float64) {
		b = append(b, name...)
		b = append(b, '=')
		b = strconv.AppendFloat(b, v, 'g', -1, 64)
		b = append(b, '\n')
	}
	flag := func(name string, v bool) {
		b = append(b, name...)
		b = append(b, '=')
		b = strconv.AppendBool(b, v)
		b = append(b, '\n')
	}
	instant := func(name string, t time.Time) {
		b = append(b, name...)
		b = append(b, '=')
		b = t.AppendFormat(b, time.RFC3339)
		b = append(b, '\n')
	}
	text := func(name string, t programme.Text) {
		field(name, t.Value)
		if len(t.Translations) == 0 {
			return
		}
		for _, l := range slices.Sorted(maps.Keys(t.Translations)) {
			field(name+"."+l, t.Translations[l])
		}
	}
	text("title", e.Title)
	text("summary", e.Summary)
	text("easy_read", e.EasyRead)
	text("description", e.Description.Text)
	text("conditions", e.Conditions)
	field("status", string(e.Status))
	instant("previous_start", e.PrevStart)
	if v := e.Venue; v != nil {
		field("venue", v.Slug)
		text("venue.name", v.Name)
		field("venue.address", v.Address)
		field("venue.postcode", v.Postcode)
		if v.Commune != nil {
			field("venue.commune", v.Commune.Name)
		}
		number("venue.lat", v.Lat)
		number("venue.lon", v.Lon)
	}
	for _, t := range e.Categories {
		field("category", t.Key)
	}
	for _, t := range e.Audiences {
		field("audience", t.Key)
	}
	for _, a := range e.Access {
		field("accessibility", a)
	}
	number("age.min", float64(e.Age.Min))
	number("age.max", float64(e.Age.Max))
	flag("price.given", e.Price.Given)
	flag("price.free", e.Price.Free)
	field("price.text", e.Price.Text)
	number("price.min", e.Price.Min)
	number("price.max", e.Price.Max)
	field("booking", e.Booking)
	field("organiser", e.Organiser)
	if im := e.Image; im != nil {
		field("image", im.Path)
		text("image.alt", im.Alt)
		field("image.credit", im.Credit)
	}
	for _, s := range e.Sessions {
		field("session", s.ID)
		instant("session.start", s.Start)
		instant("session.end", s.End)
		flag("session.all_day", s.AllDay)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:16])
}

// appendQuote appends what strconv.AppendQuote appends, byte for byte, as
// published fingerprints hash it; but it copies runs of plain ASCII and
// printable letters whole, where strconv looks at every rune's escape.
// Quoting was most of Fingerprint's cost, descriptions being long.
func appendQuote(b []byte, s string) []byte {
	b = append(b, '"')
	for i := 0; i < len(s); {
		if j := plainRun(s, i); j > i {
			b = append(b, s[i:j]...)
			i = j
			continue
		}
		r, w := utf8.DecodeRuneInString(s[i:])
		if r >= utf8.RuneSelf && r != utf8.RuneError && strconv.IsPrint(r) {
			b = append(b, s[i:i+w]...)
		} else {
			// strconv escapes each rune on its own: quoting the rune alone
			// and dropping its quotes gives the same escape.
			n := len(b)
			b = strconv.AppendQuote(b, s[i:i+w])
			b = append(b[:n], b[n+1:len(b)-1]...)
		}
		i += w
	}
	return append(b, '"')
}

// plainRun returns the end of the run of ASCII bytes from i that strconv
// writes as they are: printable, neither a quote nor a backslash.
func plainRun(s string, i int) int {
	for i < len(s) && plain[s[i]] {
		i++
	}
	return i
}

var plain = func() (t [256]bool) {
	for c := ' '; c < utf8.RuneSelf-1; c++ {
		t[c] = c != '"' && c != '\\'
	}
	return t
}()
