package route

import "testing"

func TestAddressesMirrorTheContentTreeInEachLanguage(t *testing.T) {
	r := Router{Default: "fr"}
	tests := []struct{ got, want string }{
		{r.Home("fr"), "/"},
		{r.Home("en"), "/en/"},
		{r.Event("fr", 2026, "bal"), "/evenements/2026/bal/"},
		{r.Event("en", 2026, "bal"), "/en/events/2026/bal/"},
		{r.EventCalendar(2026, "bal"), "/evenements/2026/bal.ics"},
		{r.Venue("fr", "fosse-9-9bis"), "/lieux/fosse-9-9bis/"},
		{r.Venue("en", "fosse-9-9bis"), "/en/venues/fosse-9-9bis/"},
		{r.Day("fr", "2026-06-27"), "/programme/2026-06-27/"},
		{r.ProgrammePage("fr", 1), "/programme/"},
		{r.ProgrammePage("fr", 2), "/programme/page/2/"},
		{r.ProgrammePage("en", 12), "/en/programme/page/12/"},
		{r.Theme("fr", "concert"), "/themes/concert/"},
		{r.Audience("fr", "famille"), "/publics/famille/"},
		{r.Page("fr", "a-propos"), "/a-propos/"},
		{r.Page("en", "a-propos"), "/en/a-propos/"},
		{r.Section("nl", "events"), "/nl/events/"},
		{r.YearCalendar(2026), "/evenements/2026.ics"},
		{r.VenueCalendar("fosse-9-9bis"), "/lieux/fosse-9-9bis.ics"},
		{r.ThemeCalendar("concert"), "/themes/concert.ics"},
		{r.Data("evenements.json"), "/donnees/evenements.json"},
		{r.Feed("fr"), "/feed.xml"},
		{r.Feed("en"), "/en/feed.xml"},
		{r.ChangesFeed("fr"), "/modifications/feed.xml"},
		{r.ChangesFeed("en"), "/en/changes/feed.xml"},
		{File("/"), "index.html"},
		{File("/lieux/x/"), "lieux/x/index.html"},
		{File("/evenements/2026/bal.ics"), "evenements/2026/bal.ics"},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("got %q; want %q", tt.got, tt.want)
		}
	}
}

func TestPageSlugsThatCollideWithSectionsAreReserved(t *testing.T) {
	for _, slug := range []string{"lieux", "evenements", "programme", "en", "venues", "404"} {
		if !Reserved(slug, []string{"fr", "en"}) {
			t.Errorf("Reserved(%q) = false; want true", slug)
		}
	}
	if Reserved("a-propos", []string{"fr", "en"}) {
		t.Error(`Reserved("a-propos") = true; want false`)
	}
}
