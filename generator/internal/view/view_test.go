package view

import (
	"os"
	"strings"
	"testing"

	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
	"quinzaine/generator/internal/theme"
)

func newSite(t *testing.T, lang, base string) (*Site, *programme.Programme) {
	t.Helper()
	th, err := theme.Load(os.DirFS("../../../themes/default"))
	if err != nil {
		t.Fatal(err)
	}
	p := programmetest.Sample()
	s, err := NewSite(p, locale.NewStrings("fr", th.Strings, p.Site.Translations), lang, base)
	if err != nil {
		t.Fatal(err)
	}
	return s, p
}

func event(p *programme.Programme, slug string) *programme.Event {
	for _, e := range p.Events {
		if e.Slug == slug {
			return e
		}
	}
	panic("no event " + slug)
}

func show(s string) string {
	return strings.NewReplacer(locale.NBSP, "_", locale.NNBSP, "^").Replace(s)
}

func TestPricesStatusesAndAgesInWords(t *testing.T) {
	for _, lang := range []string{"fr", "en"} {
		s, _ := newSite(t, lang, programmetest.Base)
		tests := []struct {
			price programme.Price
			want  map[string]string
		}{
			{programme.Price{}, map[string]string{"fr": "", "en": ""}},
			{programme.Price{Free: true, Given: true}, map[string]string{"fr": "Gratuit", "en": "Free"}},
			{programme.Price{Min: 5, Max: 12, Given: true}, map[string]string{"fr": "de 5 à 12_€", "en": "€5 to €12"}},
			{programme.Price{Min: 7.5, Max: 7.5, Given: true}, map[string]string{"fr": "7,50_€", "en": "€7.50"}},
			{programme.Price{Text: "5 € ; gratuit avant 12 ans", Given: true}, map[string]string{"fr": "5_€^; gratuit avant 12 ans", "en": "5 € ; gratuit avant 12 ans"}},
		}
		for _, tt := range tests {
			got, err := s.price(tt.price)
			if err != nil || show(got) != tt.want[lang] {
				t.Errorf("%s price(%+v) = %q, %v; want %q", lang, tt.price, show(got), err, tt.want[lang])
			}
		}
		ages := []struct {
			age  programme.Age
			want map[string]string
		}{
			{programme.Age{Min: 6, Max: 12}, map[string]string{"fr": "de 6 à 12 ans", "en": "ages 6 to 12"}},
			{programme.Age{Min: 6}, map[string]string{"fr": "dès 6 ans", "en": "ages 6 and up"}},
			{programme.Age{Max: 3}, map[string]string{"fr": "jusqu’à 3 ans", "en": "up to age 3"}},
			{programme.Age{}, map[string]string{"fr": "", "en": ""}},
		}
		for _, tt := range ages {
			got, err := s.age(tt.age)
			if err != nil || got != tt.want[lang] {
				t.Errorf("%s age(%+v) = %q, %v; want %q", lang, tt.age, got, err, tt.want[lang])
			}
		}
	}
}

func TestEventPageSaysStatusDatesAndPlaceInFrench(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	v, err := s.Event(event(p, "visite-reportee"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(v.Status.Label+" "+v.Status.Note), "Nouvelle date Initialement prévu le dimanche 21_juin 2026, 10_h."; got != want {
		t.Errorf("status: got %q; want %q", got, want)
	}
	if got, want := v.Sessions[0].When, (Time{"2026-06-24T10:00+02:00", "mercredi 24\u00a0juin 2026, de 10\u00a0h à 11\u00a0h\u00a030"}); got != want {
		t.Errorf("session: got %+v; want %+v", got, want)
	}
	if v.Address != "Fosse Delloye, rue d'Erchin, 59287 Lewarde" || v.Venue.URL != "/lieux/centre-historique-minier/" {
		t.Errorf("venue: got %q at %q", v.Address, v.Venue.URL)
	}
	if v.Title != "Visite de la lampisterie — "+p.Site.Title.Value || v.Canonical != "https://quinzaine.example.org/evenements/2026/visite-reportee/" {
		t.Errorf("layout: got %q, %q", v.Title, v.Canonical)
	}

	c, err := s.Event(event(p, "concert-annule"))
	if err != nil {
		t.Fatal(err)
	}
	if c.Status.Label != "Annulé" || c.Booking != "" {
		t.Errorf("cancelled event: status %q, booking %q; want Annulé and no booking link", c.Status.Label, c.Booking)
	}

	expo, err := s.Event(event(p, "expo"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(expo.When.Text), "du samedi 20_juin au mardi 23_juin 2026, de 14_h à 18_h"; got != want {
		t.Errorf("exhibition dates: got %q; want %q", got, want)
	}
	bal, err := s.Event(event(p, "bal"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := show(bal.When.Text), "du samedi 27_juin au dimanche 28_juin 2026 (2 séances)"; got != want {
		t.Errorf("two sessions: got %q; want %q", got, want)
	}
	if got := bal.Access; len(got) != 2 || got[1].Label != "Boucle magnétique" {
		t.Errorf("access: got %+v", got)
	}
}

func TestUntranslatedTextKeepsItsLanguage(t *testing.T) {
	s, p := newSite(t, "en", programmetest.Base)
	v, err := s.Event(event(p, "visite-reportee"))
	if err != nil {
		t.Fatal(err)
	}
	if v.Name != (Text{"Visite de la lampisterie", "fr"}) {
		t.Errorf("untranslated title: got %+v; want the French text marked fr", v.Name)
	}
	bal, err := s.Event(event(p, "bal"))
	if err != nil {
		t.Fatal(err)
	}
	if bal.Name != (Text{"Coal miners' ball", ""}) {
		t.Errorf("translated title: got %+v", bal.Name)
	}
	if bal.Venue.URL != "/en/venues/fosse-9-9bis/" {
		t.Errorf("venue link: got %q", bal.Venue.URL)
	}
}

func TestDayGroupsSessionsIntoPartsOfTheDayAndKeepsTheNightOnItsEvening(t *testing.T) {
	s, p := newSite(t, "fr", "https://x.org/quinzaine/")
	for i, d := range p.Days {
		if d.Key() != "2026-06-28" {
			continue
		}
		v, err := s.Day(i)
		if err != nil {
			t.Fatal(err)
		}
		if len(v.Periods) != 1 || v.Periods[0].Name != "Après-midi" || show(v.Periods[0].Rows[0].When.Text) != "de 15_h à 18_h" {
			t.Errorf("28 June: got %+v; want the Sunday ball alone, in the afternoon", v.Periods)
		}
		if p := v.Pager; p == nil || p.Prev.URL != "/quinzaine/programme/2026-06-27/" || show(p.Next.Text) != "lundi 29_juin" || p.Label != "Autres jours" || p.PrevLabel != "Jour précédent" || p.NextLabel != "Jour suivant" {
			t.Errorf("pager: got %+v", p)
		}
		if v.Count != "1 séance" {
			t.Errorf("count: got %q", v.Count)
		}
		return
	}
	t.Fatal("no day 2026-06-28")
}

func TestFooterLinksTheAccessibilityStatementWhenThereIsOne(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	h, err := s.Home()
	if err != nil {
		t.Fatal(err)
	}
	if h.Accessibility != (Link{Text: "Accessibilité\u202f: non conforme"}) {
		t.Errorf("without a statement page: got %+v", h.Accessibility)
	}
	p.Pages = []*programme.Page{{Slug: AccessibilitySlug, Title: programme.Text{Value: "Déclaration d'accessibilité", Lang: "fr"}}}
	s, err = NewSite(p, s.Strings, "fr", programmetest.Base)
	if err != nil {
		t.Fatal(err)
	}
	h, err = s.Home()
	if err != nil {
		t.Fatal(err)
	}
	if h.Accessibility.URL != "/accessibilite/" || len(h.Footer) != 1 || h.Footer[0] != (Link{URL: "/plan-du-site/", Text: "Plan du site"}) {
		t.Errorf("with a statement page: got %+v and %+v", h.Accessibility, h.Footer)
	}
}

func TestABaseURLMustBeAbsolute(t *testing.T) {
	p := programmetest.Sample()
	_, err := NewSite(p, locale.NewStrings("fr", nil, nil), "fr", "quinzaine.example.org")
	if err == nil || err.Error() != `base URL "quinzaine.example.org" is not an absolute address` {
		t.Errorf("got %v", err)
	}
}

// An untranslated description is rendered once for both languages' pages,
// which show the same HTML, and each page still warns of the link it
// leaves out, as when each rendered it.
func TestUntranslatedDescriptionIsTheSameHTMLInEveryLanguageAndWarnsOnEach(t *testing.T) {
	th, err := theme.Load(os.DirFS("../../../themes/default"))
	if err != nil {
		t.Fatal(err)
	}
	p := programmetest.Sample()
	e := event(p, "visite-reportee")
	e.Description = programme.Markdown{
		Text: programme.Text{Value: "Une *visite*.\n\n[Réserver](javascript:alert(1)) ou [écrire](mailto:a@example.org).", Lang: "fr"},
		Pos:  diag.Pos{File: "content/events/2026/visite-reportee.yaml", Line: 10},
	}
	strs := locale.NewStrings("fr", th.Strings, p.Site.Translations)
	var warned []string
	var html []HTML
	for _, lang := range []string{"fr", "en", "fr"} {
		s, err := NewSite(p, strs, lang, programmetest.Base)
		if err != nil {
			t.Fatal(err)
		}
		s.Warn = func(d diag.Diagnostic) { warned = append(warned, d.String()) }
		v, err := s.Event(e)
		if err != nil {
			t.Fatal(err)
		}
		html = append(html, v.Description)
	}
	want := HTML{Value: "<p>Une <em>visite</em>.</p>\n<p>Réserver ou <a href=\"mailto:a@example.org\">écrire</a>.</p>\n"}
	if html[0] != want || html[2] != want {
		t.Errorf("French page: got %q; want %q", html[0].Value, want.Value)
	}
	if html[1] != (HTML{Value: want.Value, Lang: "fr"}) {
		t.Errorf("English page: got %+v; want the French HTML marked fr", html[1])
	}
	w := "content/events/2026/visite-reportee.yaml:12: warning: link to `javascript:alert(1)` is not published; links may only go to http, https, mailto or tel addresses"
	if len(warned) != 3 || warned[0] != w || warned[1] != w || warned[2] != w {
		t.Errorf("warnings: got %q; want %q on each page", warned, w)
	}
}
