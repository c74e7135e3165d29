// Package view turns the programme into one typed view model per page kind,
// in one language: every date, price, label, address and piece of Markdown is
// formatted here, so that templates only place what they are given.
package view

import (
	"fmt"
	"html/template"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/imaging"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/markdown"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// Pages the layout links to from every page when content has them.
const (
	AboutSlug         = "a-propos"
	AccessibilitySlug = "accessibilite"
	LegalSlug         = "mentions-legales"
)

// Site builds the view models of one language of the site.
type Site struct {
	P       *programme.Programme
	Lang    string
	Strings *locale.Strings
	Router  route.Router
	// Now is the build's time: sessions that ended before it are marked
	// past, and the home page shows what is on around it. A build at a given
	// Now is byte-identical to any other at the same Now.
	Now time.Time
	// Pictures gives the resized variants of a content image (a path
	// relative to content/); nil when the build makes none, and pages then
	// show no pictures.
	Pictures func(path string) (imaging.Picture, error)
	// Warn, when set, is told of problems in the editors' text that the
	// pages work around, such as a link to a `javascript:` address left out
	// of the HTML; pages render in parallel, so it must be safe for
	// concurrent use.
	Warn    func(diag.Diagnostic)
	base    *url.URL // the site's absolute address, path ending with "/"
	md      *markdown.Renderer
	mdLangs map[string]*markdown.Renderer
	shared  *sharedMarkdown // with the other languages' Sites (markdown.go)
	pages   map[string]*programme.Page
	related func() *Related                 // built on first use, by one of the pages rendering at once
	dayRows func() map[*programme.Event]int // each event's rows in the days' pages, counted on first use
	client  func() (Client, error)          // the same on every page: made once
	cards   cards

	// programmePages are the events of each page of the programme's index.
	programmePages func() [][]*programme.Event
}

// NewSite prepares the views of p in lang. baseURL is the site's absolute
// address; it may have a path ("https://x.org/quinzaine/").
func NewSite(p *programme.Programme, strs *locale.Strings, lang, baseURL string) (*Site, error) {
	u, err := url.Parse(baseURL)
	if err != nil || !u.IsAbs() {
		return nil, fmt.Errorf("base URL %q is not an absolute address", baseURL)
	}
	if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	s := &Site{
		P: p, Lang: lang, Strings: strs,
		Router:  route.Router{Default: p.Site.Languages[0]},
		base:    u,
		mdLangs: map[string]*markdown.Renderer{},
		pages:   map[string]*programme.Page{},
		related: sync.OnceValue(func() *Related { return NewRelated(p) }),
		dayRows: sync.OnceValue(func() map[*programme.Event]int { return countDayRows(p) }),
		cards:   cards{items: map[*programme.Event]EventItem{}, used: map[cardKey]int{}, menus: map[string]Menus{}, html: map[cardKey]template.HTML{}},
		shared:  markdownShared(p),
	}
	s.client = sync.OnceValues(s.Client)
	s.programmePages = sync.OnceValue(func() [][]*programme.Event { return ProgrammeIndexPages(p) })
	for _, l := range p.Site.Languages {
		opts := markdown.Options{LinkPrefix: u.Path}
		if l == "fr" {
			opts.Typography = locale.French
		}
		s.mdLangs[l] = markdown.New(opts)
	}
	for _, pg := range p.Pages {
		s.pages[pg.Slug] = pg
	}
	return s, nil
}

// URL turns a route address ("/lieux/x/") into the link to put in a page:
// the same path under the site's own ("/quinzaine/lieux/x/").
func (s *Site) URL(address string) string {
	return s.base.Path + strings.TrimPrefix(address, "/")
}

// AbsURL turns a route address into an absolute URL.
func (s *Site) AbsURL(address string) string {
	u := *s.base
	u.Path = s.URL(address)
	return u.String()
}

// Link is a link with its text; Current marks the page the reader is on.
type Link struct {
	URL     string
	Text    string
	Lang    string // set when the text is not in the page's language
	Current bool
}

// Text is a text with the language it is in, set only when that differs from
// the page's: content not yet translated keeps the right lang attribute.
type Text struct {
	Value string
	Lang  string
}

// HTML is rendered Markdown with its language, as Text.
type HTML struct {
	Value template.HTML
	Lang  string
}

// Layout is what every page shares: the frame around its main content.
type Layout struct {
	Lang            string
	Title           string // the <title>, page name first
	MetaDescription string
	Canonical       string // absolute; empty for pages with no address (404)
	SiteTitle       Text
	HomeURL         string
	StyleURL        string
	// NoIndex asks search engines not to index the page: « Mon programme »
	// shows only what a reader chose, in the reader's browser.
	NoIndex bool
	Menus
	// Alternates are the page's addresses in every language, for
	// <link rel="alternate" hreflang>; the default language's is also the
	// x-default. Empty for pages with no address.
	Alternates []Alternate
	// Languages links to the same page in each other language.
	Languages []Link
	// Feeds are the Atom feeds of the page's language, for
	// <link rel="alternate" type="application/atom+xml">.
	Feeds []Link
	// StructuredData is the page's schema.org JSON-LD, or empty.
	StructuredData template.JS
	// Client is what the page's script reads. Its Script is on every page,
	// for the stars of « Mon programme » on every page that lists
	// sessions; its JSON only on the pages that hold a feature of the
	// scripts (see scriptData).
	Client Client

	strings *locale.Strings
	site    *Site // for Keep
}

// Menus are the layout's menus. They are the same on every page of a
// language but for the entry marked as the reader's place, so templates
// draw them with {{card "site-nav" .Menus $}} (Layout.Keep), once per
// place: on tens of thousands of pages, the menus were a tenth of the CPU
// of a build.
type Menus struct {
	Nav    []Link
	Footer []Link
	// Accessibility is the conformity statement the law asks for on every
	// page, linked to the accessibility statement page when there is one.
	Accessibility Link

	lang    string
	current string // the address the entries marked Current lead to; what Keep keeps the HTML under
	strings *locale.Strings
}

// T returns an interface string, as Layout.T.
func (m Menus) T(key string) (string, error) { return m.strings.T(m.lang, key) }

// Alternate is a page's absolute address in one language.
type Alternate struct {
	Hreflang string // "fr", "en", or "x-default"
	URL      string
}

// T returns an interface string; a missing key fails the render.
func (l Layout) T(key string) (string, error) { return l.strings.T(l.Lang, key) }

// Address gives a page's route address in a language. Pages exist in every
// language of the site, so one function names all their versions.
type Address func(lang string) string

// text picks t in the page's language, with French typography for French.
func (s *Site) text(t programme.Text) Text {
	v, l := t.In(s.Lang)
	if l == "fr" {
		v = locale.French(v)
	}
	if l == s.Lang {
		l = ""
	}
	return Text{Value: v, Lang: l}
}

func (s *Site) html(m programme.Markdown) (HTML, error) {
	v, l := m.In(s.Lang)
	if strings.TrimSpace(v) == "" {
		return HTML{}, nil
	}
	rl := l
	r := s.mdLangs[rl]
	if r == nil {
		rl = s.P.Site.Languages[0]
		r = s.mdLangs[rl]
	}
	pos := m.Pos
	if p, ok := m.TranslationPos[l]; ok {
		pos = p
	}
	uses := 0
	for _, lang := range s.P.Site.Languages {
		if v2, l2 := m.In(lang); l2 == l && v2 == v {
			uses++
		}
	}
	h, unsafe, err := s.shared.render(r, markdownKey{src: v, lang: rl, prefix: s.base.Path}, uses)
	if err != nil {
		return HTML{}, fmt.Errorf("%s: %w", pos, err)
	}
	if s.Warn != nil {
		for _, u := range unsafe {
			at := diag.Pos{File: pos.File}
			if pos.Line > 0 {
				at.Line = pos.Line + u.Line - 1
			}
			s.Warn(diag.Diagnostic{Pos: at, Severity: diag.Warning, Message: fmt.Sprintf(
				"link to `%s` is not published; links may only go to http, https, mailto or tel addresses", u.URL)})
		}
	}
	if l == s.Lang {
		l = ""
	}
	return HTML{Value: h, Lang: l}, nil
}

// t looks up an interface string for formatting done here; a missing key is
// returned as an error by the view's constructor.
func (s *Site) t(key string) (string, error) { return s.Strings.T(s.Lang, key) }

// navItem is an entry of the main menu or the footer: an interface string
// or a content page's title, and its address.
type navItem struct {
	key     string // interface string; empty for a content page
	page    string // content page slug
	address string
}

// layout builds the frame of a page. title is the page's own name, empty for
// the home page; addr gives its address in each language, nil when it has
// none (404); current is the address of the menu entry to mark as the
// reader's place.
func (s *Site) layout(title string, addr Address, current string) (Layout, error) {
	site := s.text(s.P.Site.Title)
	l := Layout{
		Lang:            s.Lang,
		Title:           site.Value,
		MetaDescription: s.text(s.P.Site.Description).Value,
		SiteTitle:       site,
		HomeURL:         s.URL(s.Router.Home(s.Lang)),
		StyleURL:        s.URL("/assets/style.css"),
		strings:         s.Strings,
		site:            s,
	}
	if title != "" {
		l.Title = title + " — " + site.Value
	}
	if addr == nil {
		addr = s.Router.Home // the 404 page offers the other language's home
	} else {
		l.Canonical = s.AbsURL(addr(s.Lang))
		for _, lang := range s.P.Site.Languages {
			l.Alternates = append(l.Alternates, Alternate{Hreflang: lang, URL: s.AbsURL(addr(lang))})
		}
		l.Alternates = append(l.Alternates, Alternate{Hreflang: "x-default", URL: s.AbsURL(addr(s.P.Site.Languages[0]))})
	}
	for _, lang := range s.P.Site.Languages {
		if lang == s.Lang {
			continue
		}
		name, err := s.Strings.T(lang, "lang.name")
		if err != nil {
			return Layout{}, err
		}
		l.Languages = append(l.Languages, Link{URL: s.URL(addr(lang)), Text: name, Lang: lang})
	}
	client, err := s.client()
	if err != nil {
		return Layout{}, err
	}
	l.Client = Client{Script: client.Script}
	if l.Feeds, err = s.feeds(); err != nil {
		return Layout{}, err
	}
	if l.Menus, err = s.menus(current); err != nil {
		return Layout{}, err
	}
	return l, nil
}

// menus gives the layout's menus with current marked, made once per place
// (see cards).
func (s *Site) menus(current string) (Menus, error) {
	s.cards.mu.Lock()
	m, ok := s.cards.menus[current]
	s.cards.mu.Unlock()
	if ok {
		return m, nil
	}
	m = Menus{lang: s.Lang, current: current, strings: s.Strings}
	var err error
	if m.Nav, err = s.links(s.nav(), current); err != nil {
		return Menus{}, err
	}
	statement, err := s.t("footer.accessibility")
	if err != nil {
		return Menus{}, err
	}
	m.Accessibility = Link{Text: statement}
	if pg := s.pages[AccessibilitySlug]; pg != nil {
		address := s.Router.Page(s.Lang, AccessibilitySlug)
		m.Accessibility.URL, m.Accessibility.Current = s.URL(address), address == current
	}
	footer := []navItem{
		{page: LegalSlug}, {page: AboutSlug},
		{key: "sitemap.title", address: s.Router.Section(s.Lang, "sitemap")},
	}
	if m.Footer, err = s.links(footer, current); err != nil {
		return Menus{}, err
	}
	s.cards.mu.Lock()
	s.cards.menus[current] = m
	s.cards.mu.Unlock()
	return m, nil
}

// nav is the main menu: the ways into the programme.
func (s *Site) nav() []navItem {
	r, lang := s.Router, s.Lang
	return []navItem{
		{key: "nav.programme", address: r.Section(lang, "programme")},
		{key: "nav.grandsites", address: r.Section(lang, "grandsites")},
		{key: "nav.venues", address: r.Section(lang, "venues")},
		{key: "nav.communes", address: r.Section(lang, "communes")},
		{key: "nav.themes", address: r.Section(lang, "themes")},
		{key: "nav.audiences", address: r.Section(lang, "audiences")},
	}
}

// links turns menu entries into links, leaving out content pages the
// content does not have.
func (s *Site) links(items []navItem, current string) ([]Link, error) {
	var out []Link
	for _, n := range items {
		if n.page != "" {
			pg := s.pages[n.page]
			if pg == nil {
				continue
			}
			t := s.text(pg.Title)
			address := s.Router.Page(s.Lang, n.page)
			out = append(out, Link{URL: s.URL(address), Text: t.Value, Lang: t.Lang, Current: address == current})
			continue
		}
		v, err := s.t(n.key)
		if err != nil {
			return nil, err
		}
		out = append(out, Link{URL: s.URL(n.address), Text: v, Current: n.address == current})
	}
	return out, nil
}

// Time is a date or time to show in a <time> element.
type Time struct {
	Datetime string // machine-readable: "2026-06-27T20:30+02:00", "2026-06-27"
	Text     string
}

func dateTime(t time.Time) string { return t.Format("2006-01-02T15:04-07:00") }
func date(t time.Time) string     { return t.Format(time.DateOnly) }

// when says when a session happens, in full.
func (s *Site) when(se *programme.Session) Time {
	dt := dateTime(se.Start)
	if se.AllDay {
		dt = date(se.Start)
	}
	return Time{Datetime: dt, Text: locale.Range(s.Lang, se.Start, se.End, se.AllDay)}
}

// eventWhen sums up an event's dates for lists: its one session in full, an
// exhibition's period and hours, or the span of its sessions and their
// number.
func (s *Site) eventWhen(e *programme.Event) (Time, error) {
	first, last := e.Sessions[0], e.Sessions[len(e.Sessions)-1]
	if len(e.Sessions) == 1 {
		return s.when(first), nil
	}
	from, to := first.Day.Date, last.Day.Date
	t := Time{Datetime: date(from), Text: locale.Span(s.Lang, from, to)}
	if e.Daily != nil {
		open, errO := clock(e.Daily.Open, from)
		closing, errC := clock(e.Daily.Close, from)
		if errO == nil && errC == nil {
			t.Text += ", " + locale.Hours(s.Lang, open, closing)
		}
		return t, nil
	}
	n, err := s.Strings.N(s.Lang, "sessions", len(e.Sessions))
	if err != nil {
		return Time{}, err
	}
	t.Text += " (" + n + ")"
	return t, nil
}

// clock places an "HH:MM" time on day.
func clock(hhmm string, day time.Time) (time.Time, error) {
	c, err := time.Parse("15:04", hhmm)
	if err != nil {
		return time.Time{}, err
	}
	return time.Date(day.Year(), day.Month(), day.Day(), c.Hour(), c.Minute(), 0, 0, day.Location()), nil
}

// Status is an event's status as readers see it; Key is empty for a
// scheduled event, which shows no badge.
type Status struct {
	Key   string // "cancelled", "postponed", "full", "rescheduled"
	Label string // « Annulé »
	Note  string // for a rescheduled event: when it was first planned
}

func (s *Site) status(e *programme.Event) (Status, error) {
	if e.Status == "" || e.Status == programme.Scheduled {
		return Status{}, nil
	}
	label, err := s.t("status." + string(e.Status))
	if err != nil {
		return Status{}, err
	}
	st := Status{Key: string(e.Status), Label: label}
	if e.Status == programme.Rescheduled && !e.PrevStart.IsZero() {
		note, err := s.t("status.previously")
		if err != nil {
			return Status{}, err
		}
		st.Note = strings.ReplaceAll(note, "{date}", locale.DateTime(s.Lang, e.PrevStart))
	}
	return st, nil
}

// price writes what an event costs: « Gratuit », « de 5 à 12 € », or the
// editor's own words. Empty when the event does not say.
func (s *Site) price(p programme.Price) (string, error) {
	switch {
	case !p.Given:
		return "", nil
	case p.Free:
		return s.t("price.free")
	case p.Text != "":
		if s.Lang == "fr" {
			return locale.French(p.Text), nil
		}
		return p.Text, nil
	case p.Min == p.Max || p.Max == 0:
		return s.euros(p.Min), nil
	}
	f, err := s.t("price.range")
	if err != nil {
		return "", err
	}
	low := s.euros(p.Min)
	if s.Lang == "fr" {
		low = s.amount(p.Min) // « de 5 à 12 € »: the unit once, at the end
	}
	return strings.NewReplacer("{min}", low, "{max}", s.euros(p.Max)).Replace(f), nil
}

func (s *Site) amount(v float64) string {
	str := strconv.FormatFloat(v, 'f', 2, 64)
	str = strings.TrimSuffix(str, ".00")
	if s.Lang == "fr" {
		str = strings.Replace(str, ".", ",", 1)
	}
	return str
}

func (s *Site) euros(v float64) string {
	if s.Lang == "fr" {
		return s.amount(v) + locale.NBSP + "€"
	}
	return "€" + s.amount(v)
}

// age writes an age range: « de 6 à 12 ans », « dès 6 ans ».
func (s *Site) age(a programme.Age) (string, error) {
	key := ""
	switch {
	case a.Min > 0 && a.Max > 0:
		key = "age.range"
	case a.Min > 0:
		key = "age.min"
	case a.Max > 0:
		key = "age.max"
	default:
		return "", nil
	}
	f, err := s.t(key)
	if err != nil {
		return "", err
	}
	return strings.NewReplacer("{min}", strconv.Itoa(a.Min), "{max}", strconv.Itoa(a.Max)).Replace(f), nil
}

// Access is one accessibility provision, in words.
type Access struct {
	Key   string
	Label string
}

// AccessList is an event's accessibility, as its page shows it. Events
// share the same few, so the page draws them with {{card "access" .Access
// $}}, once per list (Layout.Keep).
type AccessList []Access

// key is everything the list holds, hence everything drawn of it.
func (as AccessList) key() string {
	var b []byte
	for _, a := range as {
		b = appendField(appendField(b, a.Key), a.Label)
	}
	return string(b)
}

// Tags are links to an event's categories or audiences. Thousands of
// events share the same few, so the event's page draws them with {{card
// "terms" .Categories $}}, once per list (Layout.Keep).
type Tags []Link

// key is everything the links hold, hence everything drawn of them.
func (ts Tags) key() string {
	var b []byte
	for _, l := range ts {
		b = appendField(appendField(appendField(b, l.URL), l.Text), l.Lang)
		b = strconv.AppendBool(b, l.Current)
	}
	return string(b)
}

// appendField appends s to a key, its length first, so that no two lists
// make the same key.
func appendField(b []byte, s string) []byte {
	b = strconv.AppendInt(b, int64(len(s)), 10)
	b = append(b, ':')
	return append(b, s...)
}

func (s *Site) access(keys []string) ([]Access, error) {
	var out []Access
	for _, k := range programme.AccessibilityKeys {
		for _, have := range keys {
			if have != k {
				continue
			}
			label, err := s.t("access." + k)
			if err != nil {
				return nil, err
			}
			out = append(out, Access{Key: k, Label: label})
		}
	}
	return out, nil
}

// termLinks links categories ("themes") or audiences ("audiences") to their
// pages.
func (s *Site) termLinks(ts []*programme.Term, section string) []Link {
	var out []Link
	for _, t := range ts {
		out = append(out, s.termLink(t, section))
	}
	return out
}

func (s *Site) termLink(t *programme.Term, section string) Link {
	label := s.text(t.Label)
	address := s.Router.Theme(s.Lang, t.Key)
	if section == "audiences" {
		address = s.Router.Audience(s.Lang, t.Key)
	}
	return Link{URL: s.URL(address), Text: label.Value, Lang: label.Lang}
}

func (s *Site) communeLink(c *programme.Commune) Link {
	return Link{URL: s.URL(s.Router.Commune(s.Lang, c.Slug)), Text: c.Name}
}

func mapURL(v *programme.Venue) string {
	lat, lon := strconv.FormatFloat(v.Lat, 'f', -1, 64), strconv.FormatFloat(v.Lon, 'f', -1, 64)
	return fmt.Sprintf("https://www.openstreetmap.org/?mlat=%s&mlon=%s#map=17/%s/%s", lat, lon, lat, lon)
}

func (s *Site) eventLink(e *programme.Event) Link {
	t := s.text(e.Title)
	return Link{URL: s.URL(s.Router.Event(s.Lang, e.Year, e.Slug)), Text: t.Value, Lang: t.Lang}
}

func (s *Site) venueLink(v *programme.Venue) Link {
	t := s.text(v.Name)
	return Link{URL: s.URL(s.Router.Venue(s.Lang, v.Slug)), Text: t.Value, Lang: t.Lang}
}

func (s *Site) dayLink(d *programme.Day) Link {
	return Link{URL: s.URL(s.Router.Day(s.Lang, d.Key())), Text: locale.DayMonth(s.Lang, d.Date)}
}

// sectionIndex starts the index page of a section ("venues", "communes",
// "programme"…): its heading, the interface string "<section>.title", and
// its layout, at the section's address in every language.
func (s *Site) sectionIndex(section string) (Layout, string, error) {
	heading, err := s.t(section + ".title")
	if err != nil {
		return Layout{}, "", err
	}
	addr := func(lang string) string { return s.Router.Section(lang, section) }
	l, err := s.layout(heading, addr, addr(s.Lang))
	return l, heading, err
}
