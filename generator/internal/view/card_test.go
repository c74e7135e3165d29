package view

import (
	"html/template"
	"testing"

	"quinzaine/generator/internal/programmetest"
)

func TestAnEventIsDrawnOnceForAllTheListsOfALanguage(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	drawn := map[string]int{}
	s.Partial = func(name string, data any) (template.HTML, error) {
		title := data.(EventItem).Link.Text
		drawn[title]++
		return template.HTML(name + ": " + title), nil
	}
	e := event(p, "bal")
	prog, err := s.Programme()
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
			h, err := venue.Card("event-item", it)
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
	s2.Partial = s.Partial
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
		if h, err := venue.Card("event-item", it); err != nil || h != "event-item: Bal de la Sainte-Barbe" {
			t.Errorf("after the edit: got %q, %v", h, err)
		}
	}
	if !found {
		t.Errorf("the venue no longer lists %s", e.Slug)
	}
}
