package view

import (
	"encoding/json"
	"html/template"
	"path"
	"strings"

	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/searchindex"
)

// The views below serve the features that need JavaScript: the programme's
// filter, the stars of « Mon programme », the selection page and the home
// page's "today" redrawn from the visitor's own date. The scripts
// (static/assets/site.js and the modules it loads) read the language's
// search index (package searchindex) and the Client every page carries
// (Layout.Client, placed by _base.html).

// Client is what the scripts read from a page: where the index is, how to
// resolve its addresses, and the interface strings they write. Templates
// place it with {{template "client" .Client}}, once per page.
type Client struct {
	// JSON is the object the scripts read: {"Lang", "Index" (the
	// language's index, /programme/index.json), "Base" (the site's path,
	// "/" or "/quinzaine/"), "Script", "Strings"}. It is the same on every
	// page of a language, so it is encoded once: encoding it on each of
	// tens of thousands of pages was a measurable share of a build.
	// json.Marshal escapes <, > and &, so it cannot close the script
	// element that holds it. Empty on the pages without a feature of the
	// scripts (see scriptData).
	JSON   template.JS
	Script string // site.js
}

// scriptData gives l the JSON of the page's Client. Only the pages that
// hold a feature of the scripts carry it: the home page ("today"), the
// programme's first page (the filter) and « Mon programme ». On the others
// site.js only shows the stars, whose words are in their own markup, and
// the 2 KB of JSON, mostly interface strings, would weigh on every page.
func (s *Site) scriptData(l *Layout) error {
	c, err := s.client()
	if err != nil {
		return err
	}
	l.Client = c
	return nil
}

// clientData is Client.JSON before encoding; its field names are the ones
// the scripts read.
type clientData struct {
	Lang    string
	Index   string
	Base    string
	Script  string
	Strings map[string]string
}

// clientKeys are the interface strings the scripts write, beside the finder.*
// and selection.* ones.
var clientKeys = []string{
	"status.cancelled", "status.postponed", "status.full", "status.rescheduled",
	"price.free", "period.allday", "today.today",
	"access.moteur", "access.visuel", "access.auditif", "access.mental",
	"access.psychique", "access.lsf", "access.audiodescription", "access.boucle-magnetique",
	"finder.count.one", "finder.count.other", "finder.more",
	"finder.none", "finder.all",
	"selection.count.one", "selection.count.other", "selection.calendar",
	"star.add", "star.remove",
	"today.more.one", "today.more.other", "today.empty", "home.dayall",
}

// Client gathers what the scripts need on a page of this language.
func (s *Site) Client() (Client, error) {
	c := clientData{
		Lang:    s.Lang,
		Index:   s.URL(searchindex.Address(s.Router, s.Lang)),
		Base:    s.URL("/"),
		Script:  s.URL("/assets/site.js"),
		Strings: map[string]string{},
	}
	for _, k := range clientKeys {
		v, err := s.t(k)
		if err != nil {
			return Client{}, err
		}
		c.Strings[k] = v
	}
	b, err := json.Marshal(c)
	if err != nil {
		return Client{}, err
	}
	return Client{JSON: template.JS(b), Script: c.Script}, nil
}

// Star is the « Mon programme » toggle of one session. Its labels say which
// session it stars, for readers who reach it out of its row.
type Star struct {
	ID      string // as in the index: "2026/bal/2026-06-27T2030"
	Add     string // « Ajouter à mon programme »
	Remove  string // « Retirer de mon programme »
	Context string // « Bal des gueules noires, samedi 27 juin, 20 h 30 », visually hidden
}

// Star builds the toggle of a session.
func (s *Site) Star(se *programme.Session) (Star, error) {
	add, err := s.t("star.add")
	if err != nil {
		return Star{}, err
	}
	remove, err := s.t("star.remove")
	if err != nil {
		return Star{}, err
	}
	title := s.text(se.Event.Title)
	when := locale.DayMonth(s.Lang, se.Day.Date)
	if !se.AllDay {
		when += ", " + locale.Time(s.Lang, se.Start)
	}
	return Star{ID: se.ID, Add: add, Remove: remove, Context: title.Value + ", " + when}, nil
}

// Finder is the programme's combined filter. Its form is hidden until the
// script runs, since a static site cannot answer it; its fields are GET
// parameters, so a filtered address reads as what it shows.
type Finder struct {
	Action     string // the programme page
	Days       []Option
	GrandSites []Option // value "site:<slug>"
	Communes   []Option // value "commune:<slug>"
	Categories []Option
	Audiences  []Option
	Access     []Option
	Labels     map[string]string // the form's interface strings, finder.* keys without the prefix
}

// Option is one choice of a filter field.
type Option struct {
	Value string
	Text  string
	Lang  string // set when the text is not in the page's language
}

// finderLabels are the form's own strings (finder.<key>).
var finderLabels = []string{
	"title", "text", "text.hint", "day", "day.any", "place", "place.any",
	"place.grandsites", "place.communes", "category", "audience", "any",
	"free", "access", "reset", "results",
}

// Finder builds the programme's filter.
func (s *Site) Finder() (*Finder, error) {
	var err error
	f := &Finder{Action: s.URL(s.Router.Section(s.Lang, "programme")), Labels: map[string]string{}}
	for _, k := range finderLabels {
		if f.Labels[k], err = s.t("finder." + k); err != nil {
			return nil, err
		}
	}
	for _, d := range s.P.Days {
		f.Days = append(f.Days, Option{Value: d.Key(), Text: upperFirst(locale.DayMonth(s.Lang, d.Date))})
	}
	for _, v := range s.P.GrandSites {
		t := s.text(v.Name)
		f.GrandSites = append(f.GrandSites, Option{Value: "site:" + v.Slug, Text: t.Value, Lang: t.Lang})
	}
	for _, cm := range s.P.Communes {
		f.Communes = append(f.Communes, Option{Value: "commune:" + cm.Slug, Text: cm.Name})
	}
	for _, t := range s.P.Categories {
		l := s.text(t.Label)
		f.Categories = append(f.Categories, Option{Value: t.Key, Text: l.Value, Lang: l.Lang})
	}
	for _, t := range s.P.Audiences {
		l := s.text(t.Label)
		f.Audiences = append(f.Audiences, Option{Value: t.Key, Text: l.Value, Lang: l.Lang})
	}
	if f.Access, err = s.accessOptions(); err != nil {
		return nil, err
	}
	return f, nil
}

// accessOptions lists every accessibility provision, in words.
func (s *Site) accessOptions() ([]Option, error) {
	access, err := s.access(programme.AccessibilityKeys)
	if err != nil {
		return nil, err
	}
	var out []Option
	for _, a := range access {
		out = append(out, Option{Value: a.Key, Text: a.Label})
	}
	return out, nil
}

// Selection is the « Mon programme » page: the sessions a visitor starred,
// kept in their browser, listed by the script from the index.
type Selection struct {
	Layout
	Heading   string
	Intro     string
	NoScript  string // why the page is empty without JavaScript
	Empty     string // what to do while nothing is starred
	Programme Link
	File      string   // the download's name: mon-programme.ics
	Download  string   // its link's text
	Access    []Option // for the pictograms of the rows the script draws
}

// Selection builds the « Mon programme » page.
func (s *Site) Selection() (*Selection, error) {
	v := &Selection{}
	for key, dst := range map[string]*string{
		"selection.title": &v.Heading, "selection.intro": &v.Intro,
		"selection.noscript": &v.NoScript, "selection.empty": &v.Empty,
		"selection.calendar": &v.Download,
	} {
		var err error
		if *dst, err = s.t(key); err != nil {
			return nil, err
		}
	}
	addr := func(lang string) string { return s.Router.Section(lang, "selection") }
	l, err := s.layout(v.Heading, addr, addr(s.Lang))
	if err != nil {
		return nil, err
	}
	if err := s.scriptData(&l); err != nil {
		return nil, err
	}
	v.Layout = l
	v.NoIndex = true
	v.File = path.Base(strings.TrimSuffix(addr(s.Lang), "/")) + ".ics"
	text, err := s.t("selection.programme")
	if err != nil {
		return nil, err
	}
	if v.Access, err = s.accessOptions(); err != nil {
		return nil, err
	}
	v.Programme = Link{URL: s.URL(s.Router.Section(s.Lang, "programme")), Text: text}
	return v, nil
}
