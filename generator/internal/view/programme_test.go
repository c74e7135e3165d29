package view

import (
	"fmt"
	"strings"
	"testing"

	"quinzaine/generator/internal/programmetest"
)

func TestTheProgrammesEventsArePagedSoThatEachPageStaysLight(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	// 50 events of the edition: two full pages and one of two.
	model := p.Current(p.Events)[0]
	for i := len(p.Current(p.Events)); i < 2*PageSize+2; i++ {
		e := *model
		e.Slug = fmt.Sprint("copie-", i)
		p.Events = append(p.Events, &e)
	}
	events := p.Current(p.Events)
	if got := s.ProgrammePages(); got != 3 {
		t.Fatalf("%d events take %d pages; want 3", len(events), got)
	}
	link := func(l *Link) string {
		if l == nil {
			return ""
		}
		return l.URL + " " + l.Text
	}
	site := "Quinzaine festive — Le Bassin minier fête le patrimoine mondial"
	tests := []struct {
		n                 int
		title, canonical  string
		page, prev, next  string
		first, last       int  // the events listed, by index in events
		filter, subscribe bool // and the days, on the first page only
	}{
		{1, "Programme — " + site, programmetest.Base + "programme/", "Page 1 sur 3",
			"", "/programme/page/2/ Page 2 sur 3", 0, 23, true, true},
		{2, "Programme, page 2 sur 3 — " + site, programmetest.Base + "programme/page/2/", "Page 2 sur 3",
			"/programme/ Page 1 sur 3", "/programme/page/3/ Page 3 sur 3", 24, 47, false, false},
		{3, "Programme, page 3 sur 3 — " + site, programmetest.Base + "programme/page/3/", "Page 3 sur 3",
			"/programme/page/2/ Page 2 sur 3", "", 48, 49, false, false},
	}
	for _, tt := range tests {
		v, err := s.Programme(tt.n)
		if err != nil {
			t.Fatal(err)
		}
		if v.Title != tt.title || v.Canonical != tt.canonical || v.Pager.Page != tt.page {
			t.Errorf("page %d: title %q, canonical %q, %q; want %q, %q, %q", tt.n, v.Title, v.Canonical, v.Pager.Page, tt.title, tt.canonical, tt.page)
		}
		if got := link(v.Pager.Prev); got != tt.prev {
			t.Errorf("page %d links back to %q; want %q", tt.n, got, tt.prev)
		}
		if got := link(v.Pager.Next); got != tt.next {
			t.Errorf("page %d links on to %q; want %q", tt.n, got, tt.next)
		}
		if len(v.Events) != tt.last-tt.first+1 || v.Events[0].event != events[tt.first] || v.Events[len(v.Events)-1].event != events[tt.last] {
			t.Errorf("page %d lists %d events; want events %d to %d", tt.n, len(v.Events), tt.first, tt.last)
		}
		if (v.Filter != nil) != tt.filter || (v.Subscribe != nil) != tt.subscribe {
			t.Errorf("page %d: filter %v, calendar %v; want %v, %v", tt.n, v.Filter != nil, v.Subscribe != nil, tt.filter, tt.subscribe)
		}
		if (len(v.Days) > 0) != tt.filter {
			t.Errorf("page %d lists %d days", tt.n, len(v.Days))
		}
		if want := "https://quinzaine.example.org/en/programme/"; tt.n > 1 {
			want += fmt.Sprintf("page/%d/", tt.n)
			if v.Alternates[1].URL != want {
				t.Errorf("page %d's English page is %q; want %q", tt.n, v.Alternates[1].URL, want)
			}
		}
	}
	for _, n := range []int{0, 4} {
		if _, err := s.Programme(n); err == nil || err.Error() != fmt.Sprintf("programme page %d: there are 3", n) {
			t.Errorf("Programme(%d): %v; want there are 3", n, err)
		}
	}
}

func TestAProgrammeOfOnePageSaysNothingOfPages(t *testing.T) {
	s, _ := newSite(t, "fr", programmetest.Base)
	v, err := s.Programme(1)
	if err != nil {
		t.Fatal(err)
	}
	if s.ProgrammePages() != 1 || v.Pager != (Pager{}) || len(v.Events) == 0 {
		t.Errorf("%d pages, %q, %v, %v, %d events; want one page and no pager", s.ProgrammePages(), v.Pager.Page, v.Pager.Prev, v.Pager.Next, len(v.Events))
	}
}

// A theme's, an audience's and a commune's events come in pages as the
// programme's do; the theme's calendar and the commune's venues are on
// the first page only.
func TestTermsAndCommunesAreListedInPages(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	model := p.Current(p.Events)[0]
	for i := range PageSize {
		e := *model
		e.Slug = fmt.Sprint("copie-", i)
		p.Events = append(p.Events, &e)
		model.Categories[0].Events = append(model.Categories[0].Events, &e)
		model.Venue.Commune.Events = append(model.Venue.Commune.Events, &e)
	}
	theme, commune := model.Categories[0], model.Venue.Commune
	if got := len(s.TermPages(theme)); got != 2 {
		t.Fatalf("%d events of %s take %d pages; want 2", len(theme.Events), theme.Key, got)
	}
	first, err := s.Term(theme, "themes", 1)
	if err != nil {
		t.Fatal(err)
	}
	second, err := s.Term(theme, "themes", 2)
	if err != nil {
		t.Fatal(err)
	}
	name := first.Name.Value
	if first.Subscribe == nil || second.Subscribe != nil || len(first.Events) != PageSize ||
		first.Pager.Next == nil || first.Pager.Next.URL != "/themes/"+theme.Key+"/page/2/" ||
		!strings.HasPrefix(second.Title, name+", page 2 sur 2 — ") || second.Pager.Page != "Page 2 sur 2" ||
		second.Pager.Prev.URL != "/themes/"+theme.Key+"/" || second.Pager.PrevLabel != "Événements précédents" {
		t.Errorf("theme pages: calendar %v, %v; %d events; next %v; title %q, %q, prev %v %q",
			first.Subscribe != nil, second.Subscribe != nil, len(first.Events), first.Pager.Next, second.Title, second.Pager.Page, second.Pager.Prev, second.Pager.PrevLabel)
	}
	if _, err := s.Term(theme, "themes", 3); err == nil || err.Error() != fmt.Sprintf("%s page 3: there are 2", theme.Key) {
		t.Errorf("Term(3): %v", err)
	}
	c1, err := s.Commune(commune, 1)
	if err != nil {
		t.Fatal(err)
	}
	c2, err := s.Commune(commune, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(c1.Venues) == 0 || len(c2.Venues) != 0 || c2.Pager.Prev == nil || c2.Alternates[1].URL != programmetest.Base+"en/communes/"+commune.Slug+"/page/2/" {
		t.Errorf("commune pages: %d and %d venues, prev %v, English page %q", len(c1.Venues), len(c2.Venues), c2.Pager.Prev, c2.Alternates[1].URL)
	}
}
