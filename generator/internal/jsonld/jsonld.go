// Package jsonld describes events and the edition in schema.org JSON-LD, for
// search engines and the apps that read structured data from pages.
//
// API:
//
//	jsonld.Event(p, e, lang, base) ([]byte, error)  // for an event's page
//	jsonld.Edition(p, lang, base) ([]byte, error)   // for the home page: the Festival
//
// lang is the page's language, base the site's absolute base URL. The bytes
// go unchanged between <script type="application/ld+json"> and </script>
// (in html/template, as a template.JS): <, > and & are written as \u003c,
// \u003e and \u0026, and U+2028 and U+2029 escaped too, so that no text an
// editor types can close the element or start another.
//
// One Event per session, not one Event with an eventSchedule: sessions of a
// festival event are not a regular recurrence (a ball on Saturday night and
// a matinée on Sunday), each has its own start and end, and search engines
// show Event dates but ignore eventSchedule. A `daily` exhibition is the one
// case that is a recurrence; it is one Event spanning the opening days, with
// an eventSchedule giving the opening hours and days. Several Events go in
// an @graph.
//
// Cancelled and postponed events keep their original dates
// (EventCancelled, EventPostponed); rescheduled ones carry
// previousStartDate. A full event's offer is SoldOut; its url is the
// booking link when that is https, the event's page otherwise. Every Event names the
// edition as its superEvent, a Festival. Pictures are addressed at their
// path under content/ from the site root, where the site publishes them,
// percent-encoded.
package jsonld

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

const context = "https://schema.org"

type event struct {
	Context             string        `json:"@context,omitempty"`
	Type                string        `json:"@type"`
	Name                string        `json:"name"`
	Description         string        `json:"description,omitempty"`
	URL                 string        `json:"url"`
	StartDate           string        `json:"startDate"`
	EndDate             string        `json:"endDate,omitempty"`
	PreviousStartDate   string        `json:"previousStartDate,omitempty"`
	EventSchedule       *schedule     `json:"eventSchedule,omitempty"`
	EventStatus         string        `json:"eventStatus"`
	EventAttendanceMode string        `json:"eventAttendanceMode"`
	Location            place         `json:"location"`
	Offers              *offer        `json:"offers,omitempty"`
	Organizer           *organization `json:"organizer,omitempty"`
	Image               string        `json:"image,omitempty"`
	InLanguage          string        `json:"inLanguage"`
	IsAccessibleForFree *bool         `json:"isAccessibleForFree,omitempty"`
	TypicalAgeRange     string        `json:"typicalAgeRange,omitempty"`
	SuperEvent          *festivalRef  `json:"superEvent,omitempty"`
	Keywords            string        `json:"keywords,omitempty"`
}

type graph struct {
	Context string  `json:"@context"`
	Graph   []event `json:"@graph"`
}

type schedule struct {
	Type             string   `json:"@type"`
	StartDate        string   `json:"startDate"`
	EndDate          string   `json:"endDate"`
	RepeatFrequency  string   `json:"repeatFrequency"`
	ByDay            []string `json:"byDay,omitempty"`
	StartTime        string   `json:"startTime"`
	EndTime          string   `json:"endTime"`
	ScheduleTimezone string   `json:"scheduleTimezone"`
}

type place struct {
	Type    string  `json:"@type"`
	Name    string  `json:"name"`
	URL     string  `json:"url"`
	Address address `json:"address"`
	Geo     geo     `json:"geo"`
}

type address struct {
	Type            string `json:"@type"`
	StreetAddress   string `json:"streetAddress"`
	PostalCode      string `json:"postalCode"`
	AddressLocality string `json:"addressLocality"`
	AddressCountry  string `json:"addressCountry"`
}

type geo struct {
	Type      string  `json:"@type"`
	Latitude  float64 `json:"latitude"`
	Longitude float64 `json:"longitude"`
}

type offer struct {
	Type          string   `json:"@type"`
	Price         *float64 `json:"price,omitempty"`
	LowPrice      *float64 `json:"lowPrice,omitempty"`
	HighPrice     *float64 `json:"highPrice,omitempty"`
	PriceCurrency string   `json:"priceCurrency"`
	Description   string   `json:"description,omitempty"`
	Availability  string   `json:"availability"`
	URL           string   `json:"url"`
}

type organization struct {
	Type string `json:"@type"`
	Name string `json:"name"`
	URL  string `json:"url,omitempty"`
}

type festivalRef struct {
	Type      string `json:"@type"`
	ID        string `json:"@id"`
	Name      string `json:"name"`
	URL       string `json:"url"`
	StartDate string `json:"startDate"`
	EndDate   string `json:"endDate"`
}

type festival struct {
	Context             string        `json:"@context"`
	Type                string        `json:"@type"`
	ID                  string        `json:"@id"`
	Name                string        `json:"name"`
	Description         string        `json:"description,omitempty"`
	URL                 string        `json:"url"`
	StartDate           string        `json:"startDate"`
	EndDate             string        `json:"endDate"`
	EventStatus         string        `json:"eventStatus"`
	EventAttendanceMode string        `json:"eventAttendanceMode"`
	Location            []place       `json:"location"`
	Organizer           *organization `json:"organizer"`
	InLanguage          string        `json:"inLanguage"`
}

// site is what every description needs to know about the site.
type site struct {
	p      *programme.Programme
	lang   string
	base   string
	router route.Router
	image  func(path string) string
}

func newSite(p *programme.Programme, lang, base string) site {
	return site{p: p, lang: lang, base: strings.TrimSuffix(base, "/"), router: route.Router{Default: p.Site.Languages[0]}}
}

// Options adjust a description.
type Options struct {
	// ImageURL gives the absolute address at which the site publishes a
	// picture of content/ (its largest resized variant), or "" when it
	// publishes none: the Event then names no image. Without ImageURL a
	// picture is addressed at its path under content/ from the site root.
	ImageURL func(path string) string
}

// Event describes an event for its page in lang.
func Event(p *programme.Programme, e *programme.Event, lang, base string) ([]byte, error) {
	return Options{}.Event(p, e, lang, base)
}

// Event describes an event for its page in lang, with o's image addresses.
func (o Options) Event(p *programme.Programme, e *programme.Event, lang, base string) ([]byte, error) {
	s := newSite(p, lang, base)
	s.image = o.ImageURL
	var events []event
	if e.Daily != nil && len(e.Sessions) > 0 {
		ev := s.event(e, e.Sessions[0])
		last := e.Sessions[len(e.Sessions)-1]
		ev.EndDate = s.instant(last.End, last.AllDay)
		ev.EventSchedule = s.schedule(e.Daily)
		events = append(events, ev)
	} else {
		for _, ses := range e.Sessions {
			events = append(events, s.event(e, ses))
		}
	}
	if len(events) == 1 {
		events[0].Context = context
		return marshal(events[0])
	}
	return marshal(graph{Context: context, Graph: events})
}

func (s site) event(e *programme.Event, ses *programme.Session) event {
	title, titleLang := e.Title.In(s.lang)
	summary, _ := e.Summary.In(s.lang)
	page := s.base + s.router.Event(s.lang, e.Year, e.Slug)
	ev := event{
		Type:                "Event",
		Name:                title,
		Description:         summary,
		URL:                 page,
		StartDate:           s.instant(ses.Start, ses.AllDay),
		EventStatus:         context + "/" + eventStatus(e.Status),
		EventAttendanceMode: context + "/OfflineEventAttendanceMode",
		Location:            s.place(e.Venue),
		Offers:              s.offer(e, page),
		Organizer:           s.organizer(e.Organiser),
		InLanguage:          titleLang,
		TypicalAgeRange:     ageRange(e.Age),
		SuperEvent:          s.festivalRef(),
	}
	if ses.End.After(ses.Start) || ses.AllDay {
		ev.EndDate = s.instant(ses.End, ses.AllDay)
	}
	if e.Status == programme.Rescheduled && !e.PrevStart.IsZero() {
		ev.PreviousStartDate = s.instant(e.PrevStart, false)
	}
	if e.Image != nil {
		// Editors' file names may hold spaces, accents or #.
		ev.Image = s.base + (&url.URL{Path: "/" + e.Image.Path}).EscapedPath()
		if s.image != nil {
			ev.Image = s.image(e.Image.Path)
		}
	}
	if e.Price.Given {
		free := e.Price.Free
		ev.IsAccessibleForFree = &free
	}
	var labels []string
	for _, t := range e.Categories {
		l, _ := t.Label.In(s.lang)
		labels = append(labels, l)
	}
	ev.Keywords = strings.Join(labels, ", ")
	return ev
}

func eventStatus(st programme.Status) string {
	switch st {
	case programme.Cancelled:
		return "EventCancelled"
	case programme.Postponed:
		return "EventPostponed"
	case programme.Rescheduled:
		return "EventRescheduled"
	}
	return "EventScheduled"
}

// instant formats a time with its offset, or a date alone for all-day
// sessions (schema.org end dates are inclusive, as in content).
func (s site) instant(t time.Time, allDay bool) string {
	if allDay {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}

func (s site) schedule(d *programme.Daily) *schedule {
	sch := &schedule{
		Type:             "Schedule",
		StartDate:        d.From.Format(time.DateOnly),
		EndDate:          d.To.Format(time.DateOnly),
		RepeatFrequency:  "P1D",
		StartTime:        d.Open + ":00",
		EndTime:          d.Close + ":00",
		ScheduleTimezone: s.p.Location.String(),
	}
	if len(d.ClosedOn) > 0 {
		closed := map[time.Weekday]bool{}
		for _, w := range d.ClosedOn {
			closed[w] = true
		}
		for i := 1; i <= 7; i++ {
			w := time.Weekday(i % 7) // Monday first
			if !closed[w] {
				sch.ByDay = append(sch.ByDay, context+"/"+w.String())
			}
		}
	}
	return sch
}

func (s site) place(v *programme.Venue) place {
	name, _ := v.Name.In(s.lang)
	return place{
		Type: "Place",
		Name: name,
		URL:  s.base + s.router.Venue(s.lang, v.Slug),
		Address: address{
			Type:            "PostalAddress",
			StreetAddress:   v.Address,
			PostalCode:      v.Postcode,
			AddressLocality: v.Commune.Name,
			AddressCountry:  "FR",
		},
		Geo: geo{Type: "GeoCoordinates", Latitude: v.Lat, Longitude: v.Lon},
	}
}

func (s site) offer(e *programme.Event, page string) *offer {
	pr := e.Price
	if !pr.Given && e.Booking == "" && e.Status != programme.Full {
		return nil
	}
	o := &offer{Type: "Offer", PriceCurrency: "EUR", Availability: context + "/InStock", URL: page}
	// Search engines want a secure ticket address; the page links to an
	// http booking page for readers who follow it.
	if strings.HasPrefix(e.Booking, "https://") {
		o.URL = e.Booking
	}
	switch e.Status {
	case programme.Full:
		o.Availability = context + "/SoldOut"
	case programme.Cancelled:
		// The offer is withdrawn: no ticket is on sale any more.
		o.Availability = context + "/Discontinued"
	}
	switch {
	case pr.Free:
		zero := 0.0
		o.Price = &zero
	case pr.Max > pr.Min:
		o.Type = "AggregateOffer"
		low, high := pr.Min, pr.Max
		o.LowPrice, o.HighPrice = &low, &high
	case pr.Min > 0:
		v := pr.Min
		o.Price = &v
	}
	o.Description = pr.Text
	return o
}

func (s site) organizer(name string) *organization {
	if name != "" {
		return &organization{Type: "Organization", Name: name}
	}
	title, _ := s.p.Site.Title.In(s.lang)
	return &organization{Type: "Organization", Name: title, URL: s.base + s.router.Home(s.lang)}
}

func ageRange(a programme.Age) string {
	switch {
	case a.Min > 0 && a.Max > 0:
		return strconv.Itoa(a.Min) + "-" + strconv.Itoa(a.Max)
	case a.Min > 0:
		return strconv.Itoa(a.Min) + "-"
	case a.Max > 0:
		return "0-" + strconv.Itoa(a.Max)
	}
	return ""
}

func (s site) festivalID() string { return s.base + s.router.Home(s.lang) + "#festival" }

func (s site) festivalRef() *festivalRef {
	title, _ := s.p.Site.Title.In(s.lang)
	return &festivalRef{
		Type:      "Festival",
		ID:        s.festivalID(),
		Name:      title,
		URL:       s.base + s.router.Home(s.lang),
		StartDate: s.p.Edition.Start.Format(time.DateOnly),
		EndDate:   s.p.Edition.End.Format(time.DateOnly),
	}
}

// Edition describes the current edition as a Festival, for the home page in
// lang. Its places are the grand sites, or every venue when the programme
// marks none: every venue made the home page grow with the programme, to
// 106 KB of JSON-LD for 300 venues, past the 60 KB a page may weigh.
func Edition(p *programme.Programme, lang, base string) ([]byte, error) {
	s := newSite(p, lang, base)
	title, titleLang := p.Site.Title.In(lang)
	desc, _ := p.Site.Description.In(lang)
	f := festival{
		Context:             context,
		Type:                "Festival",
		ID:                  s.festivalID(),
		Name:                title,
		Description:         desc,
		URL:                 s.base + s.router.Home(lang),
		StartDate:           p.Edition.Start.Format(time.DateOnly),
		EndDate:             p.Edition.End.Format(time.DateOnly),
		EventStatus:         context + "/EventScheduled",
		EventAttendanceMode: context + "/OfflineEventAttendanceMode",
		Location:            []place{},
		Organizer:           s.organizer(""),
		InLanguage:          titleLang,
	}
	places := p.GrandSites
	if len(places) == 0 {
		places = p.Venues
	}
	for _, v := range places {
		f.Location = append(f.Location, s.place(v))
	}
	return marshal(f)
}

// marshal writes v as JSON safe inside a <script> element: encoding/json
// escapes <, >, & and the JavaScript line terminators. Compact, not
// indented: its readers are programs, and the indentation cost every event
// page about 0.5 KB and a few percent of a build's CPU.
func marshal(v any) ([]byte, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("encode json-ld: %w", err)
	}
	return b, nil
}
