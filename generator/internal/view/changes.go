package view

import (
	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/locale"
)

// Changes is the « Modifications du programme » page: what changed since
// the last publication, newest kinds of change first.
type Changes struct {
	Layout
	Heading string
	Intro   string
	Colon   string // between a change and its event: « : », ": "
	// Empty is said when there is nothing to list.
	Empty   string
	Items   []ChangeItem
	FeedURL string
	Feed    string // the feed link's text
	DataURL string
	Data    string // the data link's text
}

// ChangeItem is one change to one event.
type ChangeItem struct {
	Label  string // « annulé », "cancelled"
	Kind   string // the change's key, for styling: added, cancelled…
	Event  Link   // to its page; without URL when the event was removed
	Detail string // old → new, or the day an added event starts
}

// changeWords are the page's own words; the theme's strings do not know the
// page yet, and the page is in French and English as the site is.
var changeWords = map[string]map[string]string{
	"fr": {
		"title": "Modifications du programme",
		"intro": "Ce qui a changé depuis la publication précédente du programme : événements ajoutés, annulés, reportés, changés d’horaire ou de lieu, retirés.",
		"empty": "Aucune modification depuis la publication précédente.",
		"feed":  "Suivre les annulations et les changements (flux Atom)",
		"data":  "Ces modifications en données ouvertes (JSON)",
	},
	"en": {
		"title": "Programme changes",
		"intro": "What changed since the programme was last published: events added, cancelled, postponed, moved to another time or venue, removed.",
		"empty": "No change since the last publication.",
		"feed":  "Follow cancellations and changes (Atom feed)",
		"data":  "These changes as open data (JSON)",
	},
}

func changeWord(lang, key string) string {
	if w, ok := changeWords[lang]; ok {
		return w[key]
	}
	return changeWords["en"][key]
}

// Changes builds the page of the changes in r.
func (s *Site) Changes(r *changes.Report) (*Changes, error) {
	w := func(key string) string {
		if s.Lang == "fr" {
			return locale.French(changeWord(s.Lang, key))
		}
		return changeWord(s.Lang, key)
	}
	heading := w("title")
	addr := func(lang string) string { return s.Router.Section(lang, "changes") }
	l, err := s.layout(heading, addr, addr(s.Lang))
	if err != nil {
		return nil, err
	}
	out := &Changes{
		Layout: l, Heading: heading, Intro: w("intro"), Empty: w("empty"), Colon: ": ",
		FeedURL: s.URL(s.Router.ChangesFeed(s.Lang)), Feed: w("feed"),
		DataURL: s.URL(s.Router.Data(changes.File)), Data: w("data"),
	}
	if s.Lang == "fr" {
		out.Colon = locale.NNBSP + ": "
	}
	def := s.P.Site.Languages[0]
	if r == nil {
		return out, nil
	}
	for _, c := range r.Changes {
		title := c.TitleIn(s.Lang, def)
		ev := Link{Text: title}
		if c.Title[s.Lang] == "" {
			ev.Lang = def
		}
		if c.Kind != changes.Removed && s.published(c.Year, c.Slug) {
			ev.URL = s.URL(s.Router.Event(s.Lang, c.Year, c.Slug))
		}
		out.Items = append(out.Items, ChangeItem{Label: c.Label(s.Lang), Kind: string(c.Kind), Event: ev, Detail: c.Detail(s.Lang, def)})
	}
	return out, nil
}

// published reports whether the event has a page in this build.
func (s *Site) published(year int, slug string) bool {
	for _, e := range s.P.Events {
		if e.Year == year && e.Slug == slug {
			return true
		}
	}
	return false
}
