// Package searchindex builds the small JSON index of every published session
// that the browser reads to filter the programme, list a visitor's own
// selection ("Mon programme") and redraw the home page's "today".
//
// One index is written per language (route.Router.Section(lang,
// "programme") + "index.json": /programme/index.json, /en/programme/index.json).
// To stay small it is normalised into tables that sessions point into by
// position, with short keys:
//
//	{
//	  "lang": "fr",                 the language of the texts
//	  "host": "quinzaine.example.org", names the sessions' calendar UIDs
//	  "days":     [{"d": YYYY-MM-DD, "n": « samedi 27 juin », "u": page, "ed": 1 when in the edition}],
//	  "communes": [{"n": name, "s": slug, "u": page, "q": search text}],
//	  "venues":   [{"n": name, "nl": its language when not the index's, "s": slug,
//	                "u": page, "c": commune index, "g": 1 for a grand site, "q": search text}],
//	  "cats":     [{"k": key, "n": label, "u": page, "q": search text}],   categories, in site.yaml order
//	  "auds":     [{"k": key, "n": label, "u": page, "q": search text}],   audiences, in site.yaml order
//	  "events":   [{"t": title, "tl": its language when not the index's,
//	                "s": summary, "sl": its language, "u": page, "v": venue index,
//	                "c": [category indexes], "a": [audience indexes], "f": 1 when free,
//	                "x": [accessibility keys], "st": status when not scheduled,
//	                "q": folded search text}],
//	  "sessions": [{"i": id, "e": event index, "d": festival day, "d2": last
//	                day of an all-day session over several days, "b": start,
//	                "n": end (absent when unknown), "ad": 1 for an all-day session,
//	                "h": hours as the day pages write them}]
//	}
//
// Starts and ends are ISO 8601 with their offset ("2026-06-27T20:30+02:00"),
// or dates alone for an all-day session (its end then inclusive); days are
// YYYY-MM-DD. A session's calendar UID is "<id>@<host>", the UID the
// site's own .ics files give it (package ical), so that a selection
// downloaded from the browser updates the same calendar entries.
//
// Search texts "q" are folded (see Fold) into distinct words: the browser
// folds the visitor's query the same way and keeps a session when each word
// of the query is found in its event's words, its venue's, its commune's,
// or its categories' and audiences'. Names shared by many events sit once in
// their table. The shipped programme (47 events, 89 sessions) makes about
// 44 KB per language; 1,000 events with two sessions each about 0.85 MB
// before the web server compresses it (TestIndexSizePerThousandEvents).
//
// Every list follows the programme's order, so two builds of the same content
// write the same bytes. encoding/json escapes <, > and & in strings, so the
// index is safe to serve whatever editors type.
package searchindex

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// File is the index's name inside the language's programme section.
const File = "index.json"

// Address returns the index's address for lang: /programme/index.json.
func Address(router route.Router, lang string) string {
	return router.Section(lang, "programme") + File
}

// Index is the index of one language.
type Index struct {
	Lang string `json:"lang"`
	// Host names the calendar UIDs. Build takes it from the site's base URL;
	// a build that publishes under another base URL sets it to that URL's
	// host, as it does for the .ics files.
	Host       string    `json:"host"`
	Days       []Day     `json:"days"`
	Communes   []Commune `json:"communes"`
	Venues     []Venue   `json:"venues"`
	Categories []Term    `json:"cats"`
	Audiences  []Term    `json:"auds"`
	Events     []Event   `json:"events"`
	Sessions   []Session `json:"sessions"`
}

// Day is a festival day that has sessions or is in the edition.
type Day struct {
	Date      string `json:"d"` // YYYY-MM-DD
	Name      string `json:"n"` // « samedi 27 juin »
	URL       string `json:"u"`
	InEdition flag   `json:"ed,omitempty"`
}

// Commune is a commune of the basin.
type Commune struct {
	Name   string `json:"n"`
	Slug   string `json:"s"`
	URL    string `json:"u"`
	Search string `json:"q"`
}

// Venue is a venue, with its commune's index in Communes.
type Venue struct {
	Name      string `json:"n"`
	NameLang  string `json:"nl,omitempty"`
	Slug      string `json:"s"`
	URL       string `json:"u"`
	Commune   int    `json:"c"`
	GrandSite flag   `json:"g,omitempty"`
	Search    string `json:"q"`
}

// Term is a category or an audience.
type Term struct {
	Key    string `json:"k"`
	Label  string `json:"n"`
	URL    string `json:"u"`
	Search string `json:"q"`
}

// Event is what the sessions of one event share.
type Event struct {
	Title       string   `json:"t"`
	TitleLang   string   `json:"tl,omitempty"`
	Summary     string   `json:"s,omitempty"`
	SummaryLang string   `json:"sl,omitempty"`
	URL         string   `json:"u"`
	Venue       int      `json:"v"`
	Categories  []int    `json:"c"`
	Audiences   []int    `json:"a,omitempty"`
	Free        flag     `json:"f,omitempty"`
	Access      []string `json:"x,omitempty"`
	Status      string   `json:"st,omitempty"`
	Search      string   `json:"q"`
}

// Session is one session, with its event's index in Events.
type Session struct {
	ID      string `json:"i"`
	Event   int    `json:"e"`
	Day     string `json:"d"`
	LastDay string `json:"d2,omitempty"`
	Start   string `json:"b"`
	End     string `json:"n,omitempty"`
	AllDay  flag   `json:"ad,omitempty"`
	// Hours says when in the day it happens, as the day pages write it
	// (« de 20 h 30 à 1 h », « du samedi 4 au dimanche 5 juillet »); empty
	// for an all-day session of one day, which the browser labels itself.
	Hours string `json:"h,omitempty"`
}

// flag is a boolean written as 1, or left out when false: half the bytes of
// "true" in every row.
type flag bool

func (f flag) MarshalJSON() ([]byte, error) {
	if f {
		return []byte("1"), nil
	}
	return []byte("0"), nil
}

func (f *flag) UnmarshalJSON(b []byte) error {
	*f = string(b) == "1"
	return nil
}

// Build indexes every session of p in lang. Addresses are route addresses
// ("/evenements/2026/bal/"); the browser resolves them against the site.
func Build(p *programme.Programme, lang string, router route.Router) Index {
	ix := Index{Lang: lang, Host: route.Host(p.Site.BaseURL)}
	text := func(t programme.Text) (string, string) {
		v, l := t.In(lang)
		if l == "fr" {
			v = locale.French(v)
		}
		if l == lang {
			l = ""
		}
		return v, l
	}
	for _, d := range p.Days {
		ix.Days = append(ix.Days, Day{Date: d.Key(), Name: locale.DayMonth(lang, d.Date), URL: router.Day(lang, d.Key()), InEdition: flag(d.InEdition)})
	}
	communes := map[*programme.Commune]int{}
	for i, c := range p.Communes {
		communes[c] = i
		ix.Communes = append(ix.Communes, Commune{Name: c.Name, Slug: c.Slug, URL: router.Commune(lang, c.Slug), Search: words(c.Name)})
	}
	venues := map[*programme.Venue]int{}
	for i, v := range p.Venues {
		venues[v] = i
		name, nameLang := text(v.Name)
		ix.Venues = append(ix.Venues, Venue{
			Name: name, NameLang: nameLang, Slug: v.Slug, URL: router.Venue(lang, v.Slug),
			Commune: communes[v.Commune], GrandSite: flag(v.GrandSite), Search: words(name),
		})
	}
	terms := func(ts []*programme.Term, address func(lang, key string) string) ([]Term, map[*programme.Term]int) {
		out, at := []Term{}, map[*programme.Term]int{}
		for i, t := range ts {
			at[t] = i
			label, _ := text(t.Label)
			out = append(out, Term{Key: t.Key, Label: label, URL: address(lang, t.Key), Search: words(label)})
		}
		return out, at
	}
	var cats, auds map[*programme.Term]int
	ix.Categories, cats = terms(p.Categories, router.Theme)
	ix.Audiences, auds = terms(p.Audiences, router.Audience)
	events := map[*programme.Event]int{}
	ix.Events = []Event{}
	for _, e := range p.Events {
		events[e] = len(ix.Events)
		ix.Events = append(ix.Events, event(p, e, lang, router, text, venues, cats, auds))
	}
	ix.Sessions = []Session{}
	for _, s := range p.Sessions {
		i, ok := events[s.Event]
		if !ok {
			continue
		}
		ix.Sessions = append(ix.Sessions, session(s, i, lang))
	}
	return ix
}

func event(p *programme.Programme, e *programme.Event, lang string, router route.Router,
	text func(programme.Text) (string, string), venues map[*programme.Venue]int, cats, auds map[*programme.Term]int) Event {
	title, titleLang := text(e.Title)
	summary, summaryLang := text(e.Summary)
	out := Event{
		Title: title, TitleLang: titleLang, Summary: summary, SummaryLang: summaryLang,
		URL: router.Event(lang, e.Year, e.Slug), Venue: venues[e.Venue],
		Categories: []int{}, Free: flag(e.Price.Given && e.Price.Free),
	}
	if e.Status != programme.Scheduled && e.Status != "" {
		out.Status = string(e.Status)
	}
	// A visitor may search in the site's default language from any
	// language's page ("fete" on the English site finds « Fête »).
	search := []string{title, summary, e.Organiser}
	if def, _ := e.Title.In(p.Site.Languages[0]); def != title {
		search = append(search, def)
	}
	for _, c := range e.Categories {
		out.Categories = append(out.Categories, cats[c])
	}
	for _, a := range e.Audiences {
		out.Audiences = append(out.Audiences, auds[a])
	}
	for _, k := range programme.AccessibilityKeys {
		for _, have := range e.Access {
			if have == k {
				out.Access = append(out.Access, k)
			}
		}
	}
	out.Search = words(search...)
	return out
}

func session(s *programme.Session, event int, lang string) Session {
	out := Session{ID: s.ID, Event: event, Day: s.Day.Key(), AllDay: flag(s.AllDay)}
	if s.AllDay {
		out.Start = s.Start.Format(time.DateOnly)
		out.End = s.End.Format(time.DateOnly)
		if last := s.End.Format(time.DateOnly); last != out.Day {
			out.LastDay = last
			out.Hours = locale.Span(lang, s.Start, s.End)
		}
		return out
	}
	out.Start = s.Start.Format(isoMinute)
	out.Hours = locale.Time(lang, s.Start)
	if s.End.After(s.Start) {
		out.End = s.End.Format(isoMinute)
		out.Hours = locale.Hours(lang, s.Start, s.End)
	}
	return out
}

const isoMinute = "2006-01-02T15:04-07:00"

// Encode writes the index as compact JSON followed by a newline: the bytes
// json.Marshal gives of ix, written an event and a session at a time. At
// 10,000 events the index is 6 MB of text, and encoding it at once held
// that twice over, with the slices growing, on top of the build's live
// memory.
func (ix Index) Encode(w io.Writer) error {
	events, sessions := ix.Events, ix.Sessions
	ix.Events, ix.Sessions = nil, nil
	head, err := json.Marshal(ix)
	if err != nil {
		return fmt.Errorf("encode search index: %w", err)
	}
	const tail = `"events":null,"sessions":null}`
	if !bytes.HasSuffix(head, []byte(tail)) {
		return fmt.Errorf("encode search index: %s does not end the index", tail)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:len(head)-len(tail)])
	bw.WriteString(`"events":`)
	if err := writeList(bw, events); err != nil {
		return err
	}
	bw.WriteString(`,"sessions":`)
	if err := writeList(bw, sessions); err != nil {
		return err
	}
	bw.WriteString("}\n")
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("write search index: %w", err)
	}
	return nil
}

// writeList writes items as json.Marshal would, null for a nil slice.
func writeList[T any](bw *bufio.Writer, items []T) error {
	if items == nil {
		bw.WriteString("null")
		return nil
	}
	bw.WriteByte('[')
	for i, it := range items {
		if i > 0 {
			bw.WriteByte(',')
		}
		b, err := json.Marshal(it)
		if err != nil {
			return fmt.Errorf("encode search index: %w", err)
		}
		bw.Write(b)
	}
	bw.WriteByte(']')
	return nil
}

// words folds texts into their distinct words, in order of first use, with
// the punctuation around them trimmed. The browser looks for each word of a
// query inside one word of the text, so repeats would only add bytes.
func words(texts ...string) string {
	seen := map[string]bool{}
	var out []string
	for _, w := range strings.Fields(Fold(strings.Join(texts, " "))) {
		w = strings.Trim(w, trimmed)
		if w == "" || seen[w] {
			continue
		}
		seen[w] = true
		out = append(out, w)
	}
	return strings.Join(out, " ")
}

// trimmed is the punctuation around words that no one searches for.
const trimmed = ".,;:!?«»\"“”()[]…"
