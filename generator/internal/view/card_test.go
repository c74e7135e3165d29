package view

import (
	"fmt"
	"html/template"
	"testing"

	"quinzaine/generator/internal/programmetest"
)

func TestAnEventIsDrawnOnceForAllTheListsOfALanguage(t *testing.T) {
	// Each list's own item, as the templates pass it: the HTML kept of
	// the programme's is given back to the venue's.
	s, p := newSite(t, "fr", programmetest.Base)
	drawn := map[string]int{}
	draw := func(it EventItem) func() (template.HTML, error) {
		return func() (template.HTML, error) {
			drawn[it.Link.Text]++
			return template.HTML("event-item: " + it.Link.Text), nil
		}
	}
	e := event(p, "bal")
	prog, err := s.Programme(1)
	if err != nil {
		t.Fatal(err)
	}
	venue, err := s.Venue(e.Venue)
	if err != nil {
		t.Fatal(err)
	}
	var got []template.HTML
	var title string
	for _, list := range [][]EventItem{prog.Events, venue.Events} {
		for _, it := range list {
			if it.event != e {
				continue
			}
			title = it.Link.Text
			h, err := venue.Keep("event-item", it, draw(it))
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, h)
		}
	}
	want := template.HTML("event-item: " + title)
	if len(got) != 2 || got[0] != want || got[1] != want || drawn[title] != 1 {
		t.Errorf("drawn %d times, HTML %q; want once, %q on both lists", drawn[title], got, want)
	}

	// The preview plans again after a save: a new Site draws the edited
	// event anew.
	e.Title.Value = "Bal de la Sainte-Barbe"
	s2, err := NewSite(p, s.Strings, "fr", programmetest.Base)
	if err != nil {
		t.Fatal(err)
	}
	venue, err = s2.Venue(e.Venue)
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, it := range venue.Events {
		if it.event != e {
			continue
		}
		found = true
		if h, err := venue.Keep("event-item", it, draw(it)); err != nil || h != "event-item: Bal de la Sainte-Barbe" {
			t.Errorf("after the edit: got %q, %v", h, err)
		}
	}
	if !found {
		t.Errorf("the venue no longer lists %s", e.Slug)
	}
}

func TestMenusAreDrawnOncePerPlace(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	drawn := 0
	draw := func() (template.HTML, error) { drawn++; return template.HTML("nav"), nil }
	for _, v := range p.Venues {
		page, err := s.Venue(v)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := page.Keep("site-nav", page.Menus, draw); err != nil {
			t.Fatal(err)
		}
	}
	prog, err := s.Programme(1)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := prog.Keep("site-nav", prog.Menus, draw); err != nil {
		t.Fatal(err)
	}
	// The venues' pages mark « Lieux » as the reader's place, the
	// programme's page « Programme ».
	if len(p.Venues) < 2 || drawn != 2 {
		t.Errorf("the menus of %d venues and the programme drawn %d times; want 2", len(p.Venues), drawn)
	}
}

func TestAnEventsPartOfADaysRowIsDrawnOnceForAllItsSessions(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	drawn := map[string]int{}
	rows := map[string]int{}
	for i := range p.Days {
		day, err := s.Day(i)
		if err != nil {
			t.Fatal(err)
		}
		for _, period := range day.Periods {
			for _, row := range period.Rows {
				name := row.Event.Text
				rows[name]++
				h, err := row.Keep("row-event", row.RowEvent, func() (template.HTML, error) {
					drawn[name]++
					return template.HTML("row-event: " + name), nil
				})
				if err != nil {
					t.Fatal(err)
				}
				if h != template.HTML("row-event: "+name) {
					t.Errorf("row of %s on %s: got %q", name, day.Heading.Text, h)
				}
			}
		}
	}
	several := 0
	for name, n := range rows {
		if drawn[name] != 1 {
			t.Errorf("%s: %d rows drawn %d times; want once", name, n, drawn[name])
		}
		if n > 1 {
			several++
		}
	}
	if several == 0 {
		t.Error("no event of the test programme has two sessions: the test proves nothing")
	}
	// Each is needed once per row: after the days' pages, nothing of them
	// is held for the rest of the build.
	for key := range s.cards.html {
		if key.row {
			t.Errorf("the row of %s is still kept after its last use", key.event.Slug)
		}
	}
}

func TestAnEventPagesTagsAndPictogramsAreDrawnOncePerList(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	drawn := map[string]int{}  // by partial
	lists := map[string]bool{} // the lists shown, by partial and content
	shown := 0
	for _, e := range p.Events {
		page, err := s.Event(e)
		if err != nil {
			t.Fatal(err)
		}
		for _, c := range []struct {
			partial string
			item    any
		}{{"terms", page.Categories}, {"terms", page.Audiences}, {"access", page.Access}} {
			want := template.HTML(fmt.Sprintf("%s: %v", c.partial, c.item))
			h, err := page.Keep(c.partial, c.item, func() (template.HTML, error) {
				drawn[c.partial]++
				return want, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if h != want {
				t.Errorf("%s: got %q, drawn for another list; want %q", e.Slug, h, want)
			}
			lists[string(want)] = true
			shown++
		}
	}
	if drawn["terms"]+drawn["access"] != len(lists) || shown <= len(lists) {
		t.Errorf("%d lists shown, %d different; drawn %d times; want each different list drawn once, and some shown twice", shown, len(lists), drawn["terms"]+drawn["access"])
	}
}
