package view

import (
	"fmt"
	"testing"

	"quinzaine/generator/internal/programmetest"
)

func TestTheProgrammesEventsArePagedSoThatEachPageStaysLight(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	// 50 events of the edition: two full pages and one of two.
	model := p.Current(p.Events)[0]
	for i := len(p.Current(p.Events)); i < 2*ProgrammePageSize+2; i++ {
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
		if v.Title != tt.title || v.Canonical != tt.canonical || v.Page != tt.page {
			t.Errorf("page %d: title %q, canonical %q, %q; want %q, %q, %q", tt.n, v.Title, v.Canonical, v.Page, tt.title, tt.canonical, tt.page)
		}
		if v.Pager == nil {
			t.Fatalf("page %d has no pager", tt.n)
		}
		if got := link(v.Pager.Prev); got != tt.prev {
			t.Errorf("page %d links back to %q; want %q", tt.n, got, tt.prev)
		}
		if got := link(v.Pager.Next); got != tt.next {
			t.Errorf("page %d links on to %q; want %q", tt.n, got, tt.next)
		}
		if p := v.Pager; p.Label != "Autres pages du programme" || p.PrevLabel != "Événements précédents" || p.NextLabel != "Événements suivants" {
			t.Errorf("page %d's pager says %q, %q, %q", tt.n, p.Label, p.PrevLabel, p.NextLabel)
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
	if s.ProgrammePages() != 1 || v.Page != "" || v.Pager != nil || len(v.Events) == 0 {
		t.Errorf("%d pages, %q, %+v, %d events; want one page and no pager", s.ProgrammePages(), v.Page, v.Pager, len(v.Events))
	}
}
