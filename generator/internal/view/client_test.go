package view

import (
	"strings"
	"testing"

	"quinzaine/generator/internal/programmetest"
)

// The scripts' data (2 KB, mostly interface strings) goes only where a
// feature of the scripts reads it; every page keeps the script, which shows
// the stars.
func TestOnlyThePagesWithAFeatureCarryTheScriptsData(t *testing.T) {
	s, p := newSite(t, "fr", programmetest.Base)
	home, err := s.Home()
	if err != nil {
		t.Fatal(err)
	}
	first, err := s.Programme(1)
	if err != nil {
		t.Fatal(err)
	}
	selection, err := s.Selection()
	if err != nil {
		t.Fatal(err)
	}
	event, err := s.Event(p.Events[0])
	if err != nil {
		t.Fatal(err)
	}
	day, err := s.Day(0)
	if err != nil {
		t.Fatal(err)
	}
	venue, err := s.Venue(p.Venues[0])
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		page   string
		layout Layout
		data   bool
	}{
		{"home", home.Layout, true},
		{"programme", first.Layout, true},
		{"selection", selection.Layout, true},
		{"event", event.Layout, false},
		{"day", day.Layout, false},
		{"venue", venue.Layout, false},
	}
	for _, tt := range tests {
		c := tt.layout.Client
		if c.Script != "/assets/site.js" {
			t.Errorf("%s page: script %q; want /assets/site.js", tt.page, c.Script)
		}
		if got := strings.Contains(string(c.JSON), `"star.add":"Ajouter à mon programme"`); got != tt.data {
			t.Errorf("%s page carries the scripts' data: %v; want %v (%.60s)", tt.page, got, tt.data, c.JSON)
		}
	}
}
