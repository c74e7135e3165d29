package opendata

import (
	"crypto/sha1"
	"encoding/binary"
	"fmt"
	"io"
	"net/url"
	"strconv"
	"time"

	"quinzaine/generator/internal/programme"
)

// The frab / pretalx schedule.json format, as the C3VOC schema describes it
// (https://c3voc.de/schedule/schema.json) and schedule apps (Giggity,
// ConfClerk, the c3 Fahrplan apps) read it: days, rooms and events.
type scheduleFile struct {
	Schema    string       `json:"$schema"`
	Generator generator    `json:"generator"`
	Schedule  scheduleBody `json:"schedule"`
}

type generator struct {
	Name string `json:"name"`
}

type scheduleBody struct {
	Version    string     `json:"version"`
	BaseURL    string     `json:"base_url"`
	Conference conference `json:"conference"`
}

type conference struct {
	Acronym          string            `json:"acronym"`
	Title            string            `json:"title"`
	Description      string            `json:"description,omitempty"`
	Start            string            `json:"start"`
	End              string            `json:"end"`
	DaysCount        int               `json:"daysCount"`
	TimeslotDuration string            `json:"timeslot_duration"`
	TimeZoneName     string            `json:"time_zone_name"`
	URL              string            `json:"url"`
	Meta             map[string]string `json:"meta"`
	Rooms            []room            `json:"rooms"`
	Days             []day             `json:"days"`
}

type room struct {
	Name        string `json:"name"`
	GUID        string `json:"guid"`
	Description string `json:"description"`
}

type day struct {
	Index    int               `json:"index"`
	Date     string            `json:"date"`
	DayStart string            `json:"day_start"`
	DayEnd   string            `json:"day_end"`
	Rooms    map[string][]talk `json:"rooms"`
}

type talk struct {
	ID               int      `json:"id"`
	GUID             string   `json:"guid"`
	Date             string   `json:"date"`
	Start            string   `json:"start"`
	Duration         string   `json:"duration"`
	Room             string   `json:"room"`
	Slug             string   `json:"slug"`
	URL              string   `json:"url"`
	Title            string   `json:"title"`
	Subtitle         string   `json:"subtitle"`
	Track            *string  `json:"track"`
	Type             string   `json:"type"`
	Language         string   `json:"language"`
	Abstract         string   `json:"abstract"`
	Description      string   `json:"description"`
	RecordingLicense string   `json:"recording_license"`
	DoNotRecord      *string  `json:"do_not_record"`
	Persons          []person `json:"persons"`
	Links            []link   `json:"links"`
	Attachments      []link   `json:"attachments"`
}

type person struct {
	Name string `json:"name"`
}

type link struct {
	URL   string `json:"url"`
	Title string `json:"title"`
}

// Schedule writes schedule.json in the frab / pretalx format. Rooms are
// venues (named "venue, commune", unique in the basin); days are festival
// days, 04:00 to 03:59 the next morning, as pretalx has them; each session
// is an event whose guid is a UUID v5 of its iCalendar UID, and whose id is
// a number derived from it, so both stay put when other sessions change.
// Cancelled sessions stay, their title saying so, so that an app that
// already holds them shows the cancellation.
//
// The days are encoded one at a time, each built when its turn comes: at
// 10,000 events the whole document, built then indented at once, held some
// 40 MB more than the build's live memory while it was written. The bytes
// are those json.Encoder with SetIndent("", " ") writes for the whole
// document.
func Schedule(w io.Writer, p *programme.Programme, base string) error {
	f, n, day := scheduleHead(p, base)
	if err := encodeWithItems(w, f, n, func(i int) any { return day(i) }); err != nil {
		return fmt.Errorf("write %s: %w", ScheduleFile, err)
	}
	return nil
}

// scheduleHead gives schedule.json without its days, how many days it
// has, and day, which builds the i-th. day must be called in order, from
// 0: a talk's id depends on the ids given before it.
func scheduleHead(p *programme.Programme, base string) (scheduleFile, int, func(i int) day) {
	s := newSite(p, base)
	host := "quinzaine"
	if u, err := url.Parse(s.base); err == nil && u.Host != "" {
		host = u.Hostname()
	}
	title, _ := p.Site.Title.In(s.lang)
	desc, _ := p.Site.Description.In(s.lang)
	c := conference{
		Acronym:          "quinzaine" + strconv.Itoa(p.Edition.Year),
		Title:            title,
		Description:      desc,
		Start:            p.Edition.Start.Format(time.DateOnly),
		End:              p.Edition.End.Format(time.DateOnly),
		TimeslotDuration: "00:15",
		TimeZoneName:     p.Location.String(),
		URL:              s.base + s.router.Home(s.lang),
		Meta:             map[string]string{"licence": Licence, "licence_url": LicenceURL},
		Rooms:            []room{},
		Days:             []day{},
	}
	rooms := map[*programme.Venue]string{}
	for _, v := range p.Venues {
		name, _ := v.Name.In(s.lang)
		rooms[v] = name + ", " + v.Commune.Name
		c.Rooms = append(c.Rooms, room{Name: rooms[v], GUID: uuid5("venue:" + v.Slug + "@" + host), Description: v.Address + ", " + v.Postcode + " " + v.Commune.Name})
	}
	var days []*programme.Day
	for _, d := range p.Days {
		if d.InEdition || len(d.Sessions) > 0 {
			days = append(days, d)
		}
	}
	c.DaysCount = len(days)
	ids := map[int]bool{}
	build := func(i int) day {
		d := days[i]
		start := time.Date(d.Date.Year(), d.Date.Month(), d.Date.Day(), 4, 0, 0, 0, p.Location)
		end := time.Date(d.Date.Year(), d.Date.Month(), d.Date.Day()+1, 3, 59, 0, 0, p.Location)
		dd := day{Index: i + 1, Date: d.Key(), DayStart: start.Format(time.RFC3339), DayEnd: end.Format(time.RFC3339), Rooms: map[string][]talk{}}
		for _, ses := range d.Sessions {
			r := rooms[ses.Event.Venue]
			dd.Rooms[r] = append(dd.Rooms[r], s.talk(ses, r, host, ids))
		}
		return dd
	}
	f := scheduleFile{
		Schema:    "https://c3voc.de/schedule/schema.json",
		Generator: generator{Name: "quinzaine"},
		Schedule:  scheduleBody{Version: Version, BaseURL: s.base + "/", Conference: c},
	}
	return f, len(days), build
}

func (s site) talk(ses *programme.Session, roomName, host string, ids map[int]bool) talk {
	e := ses.Event
	title, lang := e.Title.In(s.lang)
	if e.Status == programme.Cancelled {
		title = cancelledWord(s.lang) + " — " + title
	}
	summary, _ := e.Summary.In(s.lang)
	uid := sessionUID(ses, host)
	id := talkID(uid, ids)
	start, dur := ses.Start, ses.End.Sub(ses.Start)
	if ses.AllDay {
		dur = ses.End.AddDate(0, 0, 1).Sub(ses.Start)
	}
	t := talk{
		ID:          id,
		GUID:        uuid5(uid),
		Date:        start.Format(time.RFC3339),
		Start:       start.Format("15:04"),
		Duration:    fmt.Sprintf("%02d:%02d", int(dur.Hours()), int(dur.Minutes())%60),
		Room:        roomName,
		Slug:        fmt.Sprintf("quinzaine%d-%d-%s", e.Year, id, e.Slug),
		URL:         s.base + s.router.Event(s.lang, e.Year, e.Slug),
		Title:       title,
		Language:    lang,
		Abstract:    summary,
		Description: summary,
		Persons:     []person{},
		Links:       []link{},
		Attachments: []link{},
	}
	if len(e.Categories) > 0 {
		label, _ := e.Categories[0].Label.In(s.lang)
		t.Track = &label
		t.Type = e.Categories[0].Key
	}
	if e.Organiser != "" {
		t.Persons = append(t.Persons, person{Name: e.Organiser})
	}
	if e.Booking != "" {
		t.Links = append(t.Links, link{URL: e.Booking, Title: "Réservation / Booking"})
	}
	return t
}

func cancelledWord(lang string) string {
	if lang == "fr" {
		return "ANNULÉ"
	}
	return "CANCELLED"
}

// sessionUID is the session's iCalendar UID, the same as in the .ics files
// (ical.UID, which encoders may not import): its scoped id at the host.
func sessionUID(s *programme.Session, host string) string {
	return s.ID + "@" + host
}

// talkID derives a positive integer from uid; on a collision the next free
// number is taken, deterministically since sessions come in programme order.
func talkID(uid string, taken map[int]bool) int {
	h := sha1.Sum([]byte(uid))
	id := int(binary.BigEndian.Uint32(h[:4])&0x7fffffff) | 1
	for taken[id] {
		id++
	}
	taken[id] = true
	return id
}

// uuid5 is the RFC 4122 name-based UUID of name in the URL namespace.
func uuid5(name string) string {
	ns := []byte{0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8}
	h := sha1.New()
	h.Write(ns)
	h.Write([]byte(name))
	u := h.Sum(nil)[:16]
	u[6] = u[6]&0x0f | 0x50
	u[8] = u[8]&0x3f | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", u[0:4], u[4:6], u[6:8], u[8:10], u[10:16])
}
