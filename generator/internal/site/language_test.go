package site

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/theme"
)

// themeWith loads the default theme with extra files, as a site's own theme
// would add them.
func themeWith(t *testing.T, extra map[string]string) *theme.Theme {
	t.Helper()
	fsys := fstest.MapFS{}
	root := "../../../themes/default"
	err := fs.WalkDir(os.DirFS(root), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(filepath.Join(root, p))
		fsys[p] = &fstest.MapFile{Data: data}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range extra {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	th, err := theme.Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	return th
}

func page(t *testing.T, dir, page string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(page)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func contains(t *testing.T, page, got string, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %s", page, w)
		}
	}
}

// A third language is a translation file in the theme and a line in
// site.yaml: its pages use English section names and its own strings.
func TestAThirdLanguageIsAFileAndALine(t *testing.T) {
	p := sample()
	p.Site.Languages = []string{"fr", "en", "nl"}
	th := themeWith(t, map[string]string{"i18n/nl.yaml": "lang.name: Nederlands\nskip: Naar de inhoud\nnav.programme: Programma\n"})
	outs, err := Plan(p, th, Options{})
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	if err := Write(dir, outs); err != nil {
		t.Fatal(err)
	}
	crawl(t, dir, "/", "fr", "en", "nl")
	nl := "nl/events/2026/bal/index.html"
	contains(t, nl, page(t, dir, nl),
		`<html lang="nl">`,
		`<a class="skip" href="#contenu">Naar de inhoud</a>`,
		`<a href="/nl/programme/">Programma</a>`,
		`<link rel="alternate" hreflang="nl" href="https://quinzaine.example.org/nl/events/2026/bal/">`,
		`<a href="/evenements/2026/bal/" lang="fr" hreflang="fr">Français</a>`,
		// Untranslated content falls back to French, marked as such.
		`<h1><span lang="fr">Bal des gueules noires`,
	)
	contains(t, "evenements/2026/bal/index.html", page(t, dir, "evenements/2026/bal/index.html"),
		`<a href="/nl/events/2026/bal/" lang="nl" hreflang="nl">Nederlands</a>`,
		`<link rel="alternate" hreflang="x-default" href="https://quinzaine.example.org/evenements/2026/bal/">`,
	)
}

// withPastEdition adds an event of 2025 to the sample.
func withPastEdition(p *programme.Programme) *programme.Event {
	venue := p.Venues[1]
	start := time.Date(2025, 6, 28, 20, 0, 0, 0, p.Location)
	e := &programme.Event{
		Slug: "bal", Year: 2025, File: "content/events/2025/bal.yaml",
		Title: programme.Text{Value: "Bal de 2025", Lang: "fr"}, Venue: venue,
		Categories: []*programme.Term{p.Categories[0]}, Status: programme.Scheduled,
	}
	day := &programme.Day{Date: time.Date(2025, 6, 28, 0, 0, 0, 0, p.Location)}
	se := &programme.Session{ID: "2025/bal/2025-06-28T2000", Event: e, Start: start, End: start, Day: day}
	day.Sessions = []*programme.Session{se}
	e.Sessions = []*programme.Session{se}
	p.Events = append([]*programme.Event{e}, p.Events...)
	p.Sessions = append([]*programme.Session{se}, p.Sessions...)
	p.Days = append([]*programme.Day{day}, p.Days...)
	venue.Events = append([]*programme.Event{e}, venue.Events...)
	venue.Commune.Events = append([]*programme.Event{e}, venue.Commune.Events...)
	p.Categories[0].Events = append([]*programme.Event{e}, p.Categories[0].Events...)
	p.Years = []int{2025, 2026}
	return e
}

// Past editions get an archive; the same slug in two years makes two pages;
// the edition's lists keep to the edition.
func TestPastEditionsGoToTheArchive(t *testing.T) {
	p := sample()
	withPastEdition(p)
	dir, _ := build(t, p, Options{})
	crawl(t, dir, "/")
	contains(t, "archives/index.html", page(t, dir, "archives/index.html"),
		`<h2 id="annee-2025">2025</h2>`,
		`<a href="/evenements/2025/bal/">Bal de 2025</a>`,
	)
	contains(t, "en/archive/index.html", page(t, dir, "en/archive/index.html"), `<a href="/en/events/2025/bal/"`)
	page(t, dir, "evenements/2026/bal/index.html")
	for _, name := range []string{"index.html", "programme/index.html", "lieux/fosse-9-9bis/index.html", "themes/concert/index.html"} {
		if strings.Contains(page(t, dir, name), "/evenements/2025/bal/") {
			t.Errorf("%s lists an event of a past edition", name)
		}
	}
	contains(t, "plan-du-site/index.html", page(t, dir, "plan-du-site/index.html"),
		`<a href="/archives/">Éditions précédentes</a>`, `<a href="/evenements/2025/bal/">`)
}

// Sessions ended before the build are marked, not hidden; the home page
// shows the build's day and the coming weekend, with what scripts need to
// redraw it.
func TestTheBuildTimeMarksPastSessionsAndPicksToday(t *testing.T) {
	p := sample()
	now := time.Date(2026, 6, 28, 12, 0, 0, 0, p.Location)
	dir, _ := build(t, p, Options{Now: now})
	crawl(t, dir, "/")
	bal := page(t, dir, "evenements/2026/bal/index.html")
	contains(t, "bal", bal,
		`<li class="is-past" data-session="2026/bal/2026-06-27T2030"><time datetime="2026-06-27T20:30&#43;02:00">samedi 27`+"\u00a0"+`juin 2026, de 20`+"\u00a0h\u00a0"+`30 à 1`+"\u00a0"+`h</time> <span class="past">passée</span>`,
		`<li data-session="2026/bal/bal-dimanche"><time`,
		`/evenements/2026/bal.ics" download>`,
		`href="https://www.openstreetmap.org/?mlat=50.4676&amp;mlon=2.9949#map=17/50.4676/2.9949"`,
	)
	if strings.Count(bal, `class="past"`) != 1 {
		t.Errorf("bal: want exactly one session marked past")
	}
	home := page(t, dir, "index.html")
	contains(t, "home", home,
		`<section id="aujourdhui" class="on-now" aria-labelledby="aujourdhui-titre" data-built="2026-06-28T04:00:00&#43;02:00">`,
		`<h3 id="jour-2026-06-28">Aujourd’hui, dimanche 28`+"\u00a0"+`juin</h3>`,
		`data-session="2026/bal/bal-dimanche"`,
	)
	after, _ := build(t, p, Options{Now: time.Date(2026, 7, 10, 12, 0, 0, 0, p.Location)})
	if strings.Contains(page(t, after, "index.html"), `id="aujourdhui"`) {
		t.Error("after the edition, the home page still shows what is on")
	}
}

// The build reads its clock by festival day, so that rebuilding the same
// content later the same day publishes the same bytes; the next festival day
// (from 04:00) is a new "today".
func TestBuildsOnTheSameFestivalDayAreByteIdentical(t *testing.T) {
	p := sample()
	morning, _ := build(t, p, Options{Now: time.Date(2026, 6, 28, 4, 0, 0, 0, p.Location)})
	night, outs := build(t, p, Options{Now: time.Date(2026, 6, 29, 3, 59, 0, 0, p.Location)})
	sameOutputs(t, morning, night, outs)
	next, _ := build(t, p, Options{Now: time.Date(2026, 6, 29, 4, 0, 0, 0, p.Location)})
	if page(t, next, "index.html") == page(t, morning, "index.html") {
		t.Error("the home page is the same on the next festival day")
	}
}

func TestPagesAreAssembledFromViewsInBothLanguages(t *testing.T) {
	dir, _ := build(t, sample(), Options{})
	for name, wants := range map[string][]string{
		"grands-sites/index.html": {`<a href="/lieux/centre-historique-minier/">Centre historique minier</a>`, `Lewarde · 3 événements`},
		"communes/index.html":     {`<h2><a href="/communes/lewarde/">Lewarde</a></h2>`, `<span class="badge">Grand site</span>`},
		"lieux/fosse-9-9bis/index.html": {
			`<h2 id="a-proximite">Lieux les plus proches</h2>`,
			`<a href="/lieux/centre-historique-minier/">Centre historique minier</a> <span class="count">Lewarde · 18,6` + "\u00a0" + `km</span>`,
			`class="basinmap"`, // the basin map is on the index, not here
		},
		"en/audiences/famille/index.html": {`<p class="kicker">Audience</p>`, `<h1>Families</h1>`},
		"themes/index.html":               {`<a href="/themes/visite/">Visite guidée</a> <span class="count">3 événements</span>`},
		"en/sitemap/index.html":           {`<a href="/en/venues/fosse-9-9bis/" lang="fr">Fosse 9-9bis</a>`, `<a href="/en/programme/2026-06-20/">Saturday 20` + "\u00a0" + `June 2026</a>`},
		"en/404.html":                     {`<html lang="en">`, `<h1>Page not found</h1>`, `<a href="/en/sitemap/">Site map</a>`},
		"programme/2026-06-27/index.html": {`<section class="period" aria-labelledby="evening">`, `<li title="Boucle magnétique"><svg class="icon"`},
	} {
		got := page(t, dir, name)
		for _, w := range wants {
			if w == `class="basinmap"` {
				if strings.Contains(got, w) {
					t.Errorf("%s has the map", name)
				}
				continue
			}
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %s", name, w)
			}
		}
	}
	if !strings.Contains(page(t, dir, "lieux/index.html"), `class="basinmap"`) {
		t.Error("the venues index has no map")
	}
}
