package content

import (
	"path"
	"strconv"
	"strings"
	"time"

	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/diag"
)

// Event is content/events/<year>/<slug>.yaml.
type Event struct {
	Doc
	Year int // of the folder it lives in

	Title String
	Venue String
	// Sessions come from `sessions` or from a top-level `start` and `end`;
	// they are empty when the times are given by Daily.
	Sessions      []Session
	Daily         *Daily
	Categories    []String
	Audiences     []String
	Age           Age
	Price         Price
	Conditions    String
	Booking       String
	Accessibility []String
	// Status is one of the statuses below, or left out (scheduled).
	Status        String
	PreviousStart Time
	Organiser     String
	Image         Image
	Summary       String
	EasyRead      String
	Description   String // Markdown
	Draft         Bool
	// Translations hold title, summary, easy_read, description,
	// conditions and image_alt.
	Translations []Translation
}

// MaxSessions is the most sessions an event may have, however written. A
// festival event has a few; a thousand is a mistake in the dates or a
// file that would make every page and calendar that lists it enormous.
const MaxSessions = 1000

// Statuses an event may have.
var Statuses = []string{"scheduled", "rescheduled", "postponed", "full", "cancelled"}

// frenchStatuses are what French editors type for a status.
var frenchStatuses = map[string]string{
	"prévu": "scheduled", "prevu": "scheduled", "confirmé": "scheduled", "confirme": "scheduled",
	"reprogrammé": "rescheduled", "reprogramme": "rescheduled", "déplacé": "rescheduled", "deplace": "rescheduled",
	"reporté": "postponed", "reporte": "postponed", "reportée": "postponed", "reportee": "postponed",
	"complet": "full", "complète": "full", "complete": "full",
	"annulé": "cancelled", "annule": "cancelled", "annulée": "cancelled", "annulee": "cancelled",
	"canceled": "cancelled",
}

// Session is one occurrence as written: `start`, optional `end` and `id`.
type Session struct {
	ID    String
	Start Time
	End   Time // not given: the end is unknown
	Pos   diag.Pos
}

// Daily is an exhibition open every day from From to To.
type Daily struct {
	From, To Time
	Hours    Hours
	ClosedOn []Weekday
	Pos      diag.Pos
}

// Weekday is a day of `closed_on`.
type Weekday struct {
	Day time.Weekday
	Pos diag.Pos
}

// Age is an age range; bounds not given are zero.
type Age struct {
	Min, Max Int
}

// Price is what an event costs: `free`, a text, a number or a range.
type Price struct {
	Free     bool
	Text     String
	Min, Max Number // a single number sets both
	Pos      diag.Pos
}

// Given reports whether the event says anything about its price.
func (p Price) Given() bool { return p.Pos.Line > 0 }

func (l *loader) loadEvent(rel string) *Event {
	e := &Event{Doc: l.doc(rel)}
	e.Year, _ = strconv.Atoi(path.Base(path.Dir(rel)))
	d, root := l.decode(rel)
	if root == nil {
		e.Broken = true
		return e
	}
	m := d.fields(root, "event", "a mapping", names(EventFields))
	d.required(m, root, EventFields)
	e.Title = d.line(m, "title")
	d.lengthWarning(e.Title, "title", 140, "partners' listings")
	e.Venue = d.text(m, "venue")
	d.eventTimes(e, m, root)
	if items, ok := d.list(m, "categories"); ok {
		e.Categories = items
		if len(items) == 0 {
			d.errorf(m["categories"].value, "`categories` must list at least one category")
		}
	}
	e.Audiences, _ = d.list(m, "audiences")
	if f, ok := m["age"]; ok {
		e.Age = d.age(f.value)
	}
	if f, ok := m["price"]; ok {
		e.Price = d.price(f.value)
	}
	e.Conditions = d.text(m, "conditions")
	e.Booking = d.url(m, "booking")
	if items, ok := d.list(m, "accessibility"); ok {
		e.Accessibility = d.keys(items, "accessibility key", AccessibilityKeys)
	}
	e.Status = d.status(m)
	e.PreviousStart = d.time(m, "previous_start", false)
	e.Organiser = d.text(m, "organiser")
	e.Image = l.image(d, m)
	e.Summary = d.text(m, "summary")
	d.lengthWarning(e.Summary, "summary", 200, "partners' listings")
	e.EasyRead = d.text(m, "easy_read")
	e.Description = d.markdown(m, "description")
	e.Draft = d.boolean(m, "draft")
	e.Translations = d.translations(m, lookup(EventFields, "translations").Fields)
	return e
}

// TimeForms are the fields that give an event's times: exactly one of them.
var TimeForms = []string{"sessions", "start", "daily"}

// eventTimes reads the one time form the event uses.
func (d *decoder) eventTimes(e *Event, m map[string]field, root *yaml.Node) {
	var forms []string
	for _, name := range TimeForms {
		if _, ok := m[name]; ok {
			forms = append(forms, name)
		}
	}
	if _, ok := m["start"]; !ok {
		if f, ok := m["end"]; ok {
			if len(forms) == 0 {
				d.errorf(f.key, "`end` needs a `start`")
				return
			}
			forms = append(forms, "end")
		}
	}
	switch len(forms) {
	case 0:
		d.errorf(root, "the event has no time; give `start`, `sessions` or `daily`")
		return
	case 1:
	default:
		second := m[forms[1]].key
		d.errorf(second, "the times are given two ways at once, `%s` and `%s`; keep one", forms[0], forms[1])
		return
	}
	switch forms[0] {
	case "start":
		if s, ok := d.session(m, m["start"].key); ok {
			e.Sessions = append(e.Sessions, s)
		}
	case "sessions":
		n := m["sessions"].value
		if n.Kind != yaml.SequenceNode {
			d.errorf(n, "`sessions` must be a list of `start` and `end`, found %s", kindName(n))
			return
		}
		if len(n.Content) == 0 {
			d.errorf(n, "`sessions` is empty; give at least one session")
		}
		if len(n.Content) > MaxSessions {
			d.errorf(n, "`sessions` lists %d sessions; an event has at most %d, split it into several events", len(n.Content), MaxSessions)
			return
		}
		for _, item := range n.Content {
			sm := d.fields(item, "each session", "a mapping with `start` and `end`", names(sessionFields))
			if sm == nil {
				continue
			}
			d.required(sm, resolve(item), sessionFields)
			if s, ok := d.session(sm, resolve(item)); ok {
				e.Sessions = append(e.Sessions, s)
			}
		}
	case "daily":
		e.Daily = d.daily(m["daily"].value)
	}
}

// session reads `start`, `end` and `id` from m.
func (d *decoder) session(m map[string]field, at *yaml.Node) (Session, bool) {
	s := Session{Start: d.time(m, "start", false), End: d.time(m, "end", false), Pos: d.pos(at)}
	s.ID = d.text(m, "id")
	if s.ID.Given() && !ValidSlug(s.ID.Value) {
		d.diags.Errorf(s.ID.Pos, "session `id` must be lowercase letters without accents, digits and hyphens, found `%s`", s.ID.Value)
		s.ID = String{}
	}
	if !s.Start.Given() {
		return s, false
	}
	if !s.End.Given() {
		return s, true
	}
	if s.Start.DateOnly != s.End.DateOnly {
		if s.Start.DateOnly {
			d.diags.Errorf(s.End.Pos, "`end` must be a date alone, like `start`, found `%s`", s.End.Raw)
		} else {
			d.diags.Errorf(s.End.Pos, "`end` must be a date and time, like `start`, found `%s`", s.End.Raw)
		}
		return s, false
	}
	if s.End.Wall().Before(s.Start.Wall()) {
		d.diags.Errorf(s.End.Pos, "`end` %s is before `start` %s", s.End.Raw, s.Start.Raw)
		return s, false
	}
	length := s.End.Wall().Sub(s.Start.Wall())
	if s.Start.DateOnly {
		length += 24 * time.Hour // the end date is included
	}
	if length > 24*time.Hour {
		d.diags.Warnf(s.Start.Pos, "this session lasts more than 24 hours; an exhibition open every day is written with `daily`")
	}
	return s, true
}

func (d *decoder) daily(n *yaml.Node) *Daily {
	m := d.fields(n, "daily", "a mapping with `from`, `to` and `hours`", names(dailyFields))
	if m == nil {
		return nil
	}
	d.required(m, n, dailyFields)
	dl := &Daily{From: d.time(m, "from", true), To: d.time(m, "to", true), Hours: d.hours(m, "hours"), Pos: d.pos(n)}
	if dl.From.Given() && dl.To.Given() && dl.To.Wall().Before(dl.From.Wall()) {
		d.diags.Errorf(dl.To.Pos, "`to` %s is before `from` %s", dl.To.Raw, dl.From.Raw)
		return nil
	}
	if dl.From.Given() && dl.To.Given() {
		// Every day is a session until closed_on removes some: count the
		// days, so that a mistyped year fails before any is made.
		if days := int(dl.To.Wall().Sub(dl.From.Wall()).Hours()/24) + 1; days > MaxSessions {
			d.diags.Errorf(dl.To.Pos, "`daily` runs for %d days, from %s to %s; an event has at most %d sessions, check the dates", days, dl.From.Raw, dl.To.Raw, MaxSessions)
			return nil
		}
	}
	days, _ := d.list(m, "closed_on")
	for _, day := range days {
		wd, ok := weekdays[strings.ToLower(day.Value)]
		if !ok {
			d.diags.Errorf(day.Pos, "unknown weekday `%s`%s", day.Value, suggestOrList(strings.ToLower(day.Value), weekdayNames))
			continue
		}
		dl.ClosedOn = append(dl.ClosedOn, Weekday{Day: wd, Pos: day.Pos})
	}
	if !dl.From.Given() || !dl.To.Given() || dl.Hours.Open == "" {
		return nil
	}
	return dl
}

func (d *decoder) age(n *yaml.Node) Age {
	m := d.fields(n, "age", "a mapping with `min` and/or `max`, such as `{min: 6}`", names(ageFields))
	a := Age{Min: d.integer(m, "min", "6"), Max: d.integer(m, "max", "12")}
	for _, b := range []Int{a.Min, a.Max} {
		if b.Given() && b.Value < 0 {
			d.diags.Errorf(b.Pos, "an age cannot be negative, found `%d`", b.Value)
			return Age{}
		}
	}
	if a.Min.Given() && a.Max.Given() && a.Max.Value < a.Min.Value {
		d.diags.Errorf(a.Max.Pos, "`max` %d is less than `min` %d", a.Max.Value, a.Min.Value)
		return Age{}
	}
	return a
}

// price reads `free`, a number of euros, `{min, max}` or a text.
func (d *decoder) price(n *yaml.Node) Price {
	p := Price{Pos: d.pos(n)}
	switch {
	case n.Kind == yaml.MappingNode:
		m := d.fields(n, "price", "a mapping with `min` and `max`", names(priceRangeFields))
		d.required(m, n, priceRangeFields)
		p.Min, p.Max = d.number(m, "min", "5"), d.number(m, "max", "12")
		if !d.nonNegative(p.Min) || !d.nonNegative(p.Max) {
			return Price{}
		}
		if p.Min.Given() && p.Max.Given() && p.Max.Value < p.Min.Value {
			d.diags.Errorf(p.Max.Pos, "`max` %g is less than `min` %g", p.Max.Value, p.Min.Value)
			return Price{}
		}
	case n.Kind != yaml.ScalarNode:
		d.errorf(n, "`price` must be `free`, a number of euros, `{min: 5, max: 12}` or a text, found %s", kindName(n))
		return Price{}
	case n.ShortTag() == "!!int" || n.ShortTag() == "!!float":
		m := map[string]field{"price": {value: n}}
		p.Min = d.number(m, "price", "5")
		p.Max = p.Min
		if !d.nonNegative(p.Min) {
			return Price{}
		}
	case n.Value == "free":
		p.Free = true
	default:
		p.Text = String{Value: n.Value, Pos: d.pos(n)}
		if strings.EqualFold(strings.TrimSpace(n.Value), "gratuit") {
			d.warnf(n, "price `%s` is shown as written; did you mean `free`?", n.Value)
		}
		if strings.HasPrefix(strings.TrimSpace(n.Value), "-") {
			d.errorf(n, "a price cannot be negative, found `%s`", n.Value)
			return Price{}
		}
	}
	return p
}

func (d *decoder) nonNegative(n Number) bool {
	if n.Given() && n.Value < 0 {
		d.diags.Errorf(n.Pos, "a price cannot be negative, found `%g`", n.Value)
		return false
	}
	return true
}

// status reads `status`, understanding the French words editors type.
func (d *decoder) status(m map[string]field) String {
	s := d.text(m, "status")
	if !s.Given() || contains(Statuses, s.Value) {
		return s
	}
	if en, ok := frenchStatuses[strings.ToLower(strings.TrimSpace(s.Value))]; ok {
		d.diags.Errorf(s.Pos, "unknown status `%s`; did you mean `%s`?", s.Value, en)
	} else {
		d.diags.Errorf(s.Pos, "unknown status `%s`%s", s.Value, suggestOrList(s.Value, Statuses))
	}
	return String{}
}
