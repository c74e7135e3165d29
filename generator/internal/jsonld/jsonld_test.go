package jsonld

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

type object = map[string]any

func describe(t *testing.T, p *programme.Programme, slug, lang string) []byte {
	t.Helper()
	data, err := Event(p, programmetest.Event(p, slug), lang, programmetest.Base)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

func decode(t *testing.T, data []byte) object {
	t.Helper()
	var o object
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return o
}

// events returns the Event objects of a description, whether it is one
// object or an @graph.
func events(t *testing.T, data []byte) []object {
	t.Helper()
	o := decode(t, data)
	if o["@context"] != "https://schema.org" {
		t.Errorf("@context = %v; want https://schema.org", o["@context"])
	}
	g, ok := o["@graph"].([]any)
	if !ok {
		return []object{o}
	}
	var out []object
	for _, e := range g {
		out = append(out, e.(object))
	}
	return out
}

// get follows a path of keys through nested objects.
func get(o object, path ...string) any {
	var v any = o
	for _, k := range path {
		m, ok := v.(object)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

func TestHostileTitleCannotCloseTheScriptElement(t *testing.T) {
	p := programmetest.Sample()
	hostile := "</script><script>alert(1)</script>"
	e := programmetest.Event(p, "bal")
	e.Title.Value = hostile
	e.Summary.Value = "Rock & roll \u2028 <!-- fin"
	data := describe(t, p, "bal", "fr")
	if bytes.ContainsAny(data, "<>&") || bytes.Contains(data, []byte("\u2028")) {
		t.Fatalf("JSON-LD holds a raw <, >, & or U+2028:\n%s", data)
	}

	page := `<!doctype html><html lang="fr"><head><title>t</title><script type="application/ld+json">` +
		string(data) + `</script></head><body><h1>t</h1></body></html>`
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var scripts []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "script" {
			scripts = append(scripts, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(doc)
	if len(scripts) != 1 {
		t.Fatalf("an HTML parser finds %d script elements; want 1", len(scripts))
	}
	text := scripts[0].FirstChild
	if text == nil || text.Data != string(data) {
		t.Fatal("the script element does not hold the JSON-LD whole")
	}
	for _, ev := range events(t, []byte(text.Data)) {
		if ev["name"] != hostile {
			t.Errorf("name = %q; want the title back as typed, %q", ev["name"], hostile)
		}
		if ev["description"] != "Rock & roll \u2028 <!-- fin" {
			t.Errorf("description = %q", ev["description"])
		}
	}
}

func TestEventWithTwoSessionsIsTwoEventsWithOffsetsPlaceOffersAndFestival(t *testing.T) {
	evs := events(t, describe(t, programmetest.Sample(), "bal", "fr"))
	if len(evs) != 2 {
		t.Fatalf("got %d Events; want one per session, 2", len(evs))
	}
	ev := evs[0]
	checks := []struct {
		path []string
		want any
	}{
		{[]string{"@type"}, "Event"},
		{[]string{"name"}, "Bal des gueules noires : fête, danse; café à Évin"},
		{[]string{"startDate"}, "2026-06-27T20:30:00+02:00"},
		{[]string{"endDate"}, "2026-06-28T01:00:00+02:00"},
		{[]string{"url"}, "https://quinzaine.example.org/evenements/2026/bal/"},
		{[]string{"eventStatus"}, "https://schema.org/EventScheduled"},
		{[]string{"eventAttendanceMode"}, "https://schema.org/OfflineEventAttendanceMode"},
		{[]string{"location", "@type"}, "Place"},
		{[]string{"location", "name"}, "Fosse 9-9bis"},
		{[]string{"location", "address", "@type"}, "PostalAddress"},
		{[]string{"location", "address", "streetAddress"}, "Rue du Tordoir"},
		{[]string{"location", "address", "postalCode"}, "62590"},
		{[]string{"location", "address", "addressLocality"}, "Oignies"},
		{[]string{"location", "address", "addressCountry"}, "FR"},
		{[]string{"location", "geo", "@type"}, "GeoCoordinates"},
		{[]string{"location", "geo", "latitude"}, 50.4676},
		{[]string{"location", "geo", "longitude"}, 2.9949},
		{[]string{"offers", "price"}, 0.0},
		{[]string{"offers", "priceCurrency"}, "EUR"},
		{[]string{"offers", "availability"}, "https://schema.org/InStock"},
		{[]string{"organizer", "name"}, "Harmonie Sainte-Cécile d'Oignies"},
		{[]string{"image"}, "https://quinzaine.example.org/images/bal.jpg"},
		{[]string{"inLanguage"}, "fr"},
		{[]string{"isAccessibleForFree"}, true},
		{[]string{"superEvent", "@type"}, "Festival"},
		{[]string{"superEvent", "startDate"}, "2026-06-20"},
		{[]string{"superEvent", "endDate"}, "2026-07-05"},
	}
	for _, c := range checks {
		if got := get(ev, c.path...); got != c.want {
			t.Errorf("%s = %v; want %v", strings.Join(c.path, "."), got, c.want)
		}
	}
	if got := get(evs[1], "startDate"); got != "2026-06-28T15:00:00+02:00" {
		t.Errorf("second session startDate = %v", got)
	}
}

func TestEnglishPageDescribesInEnglishAndFallsBackPerText(t *testing.T) {
	p := programmetest.Sample()
	ev := events(t, describe(t, p, "bal", "en"))[0]
	if ev["name"] != "Coal miners' ball" || ev["inLanguage"] != "en" || ev["url"] != "https://quinzaine.example.org/en/events/2026/bal/" {
		t.Errorf("English event: name %v, inLanguage %v, url %v", ev["name"], ev["inLanguage"], ev["url"])
	}
	// Untranslated: the text, and so inLanguage, stays French.
	ev = events(t, describe(t, p, "concert-annule", "en"))[0]
	if ev["inLanguage"] != "fr" {
		t.Errorf("untranslated event inLanguage = %v; want fr", ev["inLanguage"])
	}
}

func TestStatusesKeepOriginalDatesAndMarkOffers(t *testing.T) {
	p := programmetest.Sample()
	tests := []struct {
		slug string
		path []string
		want any
	}{
		{"concert-annule", []string{"eventStatus"}, "https://schema.org/EventCancelled"},
		{"concert-annule", []string{"startDate"}, "2026-06-26T18:00:00+02:00"},
		{"concert-annule", []string{"offers", "@type"}, "AggregateOffer"},
		{"concert-annule", []string{"offers", "lowPrice"}, 5.0},
		{"concert-annule", []string{"offers", "highPrice"}, 12.0},
		{"concert-annule", []string{"offers", "url"}, "https://billetterie.example.org/chorale?date=2026-06-26&lang=fr"},
		{"concert-annule", []string{"isAccessibleForFree"}, false},
		// Its tickets are no longer sold: search engines must not show
		// them as on sale.
		{"concert-annule", []string{"offers", "availability"}, "https://schema.org/Discontinued"},
		{"randonnee", []string{"eventStatus"}, "https://schema.org/EventScheduled"},
		{"randonnee", []string{"offers", "availability"}, "https://schema.org/SoldOut"},
		{"randonnee", []string{"offers", "price"}, 5.0},
		{"randonnee", []string{"startDate"}, "2026-07-04"},
		{"randonnee", []string{"endDate"}, "2026-07-05"},
		{"visite-reportee", []string{"eventStatus"}, "https://schema.org/EventRescheduled"},
		{"visite-reportee", []string{"previousStartDate"}, "2026-06-21T10:00:00+02:00"},
		{"visite-reportee", []string{"startDate"}, "2026-06-24T10:00:00+02:00"},
	}
	for _, tt := range tests {
		ev := events(t, describe(t, p, tt.slug, "fr"))[0]
		if got := get(ev, tt.path...); got != tt.want {
			t.Errorf("%s: %s = %v; want %v", tt.slug, strings.Join(tt.path, "."), got, tt.want)
		}
	}
	e := programmetest.Event(p, "bal")
	e.Status = programme.Postponed
	if got := events(t, describe(t, p, "bal", "fr"))[0]; got["eventStatus"] != "https://schema.org/EventPostponed" || got["startDate"] != "2026-06-27T20:30:00+02:00" {
		t.Errorf("postponed: eventStatus %v, startDate %v; want EventPostponed at the original date", got["eventStatus"], got["startDate"])
	}
}

func TestDailyExhibitionIsOneEventWithItsOpeningSchedule(t *testing.T) {
	evs := events(t, describe(t, programmetest.Sample(), "expo", "fr"))
	if len(evs) != 1 {
		t.Fatalf("got %d Events; want 1", len(evs))
	}
	ev := evs[0]
	if ev["startDate"] != "2026-06-20T14:00:00+02:00" || ev["endDate"] != "2026-06-23T18:00:00+02:00" {
		t.Errorf("exhibition runs %v to %v", ev["startDate"], ev["endDate"])
	}
	sch, _ := ev["eventSchedule"].(object)
	if sch["@type"] != "Schedule" || sch["startTime"] != "14:00:00" || sch["endTime"] != "18:00:00" || sch["scheduleTimezone"] != "Europe/Paris" || sch["repeatFrequency"] != "P1D" {
		t.Errorf("eventSchedule = %v", sch)
	}
	days, _ := sch["byDay"].([]any)
	if len(days) != 6 || days[0] != "https://schema.org/Tuesday" {
		t.Errorf("byDay = %v; want the six days but Monday, from Tuesday", days)
	}
}

// The edition is a Festival at the grand sites, or at every venue of a
// programme that marks none, so that the home page does not grow with the
// programme.
func TestEditionIsAFestivalAtTheGrandSites(t *testing.T) {
	p := programmetest.Sample()
	hall := *p.Venues[0]
	hall.Slug, hall.Name, hall.GrandSite = "salle-des-fetes", programme.Text{Value: "Salle des fêtes", Lang: "fr"}, false
	p.Venues = append(p.Venues, &hall)
	data, err := Edition(p, "fr", programmetest.Base)
	if err != nil {
		t.Fatal(err)
	}
	f := decode(t, data)
	if f["@type"] != "Festival" || f["startDate"] != "2026-06-20" || f["endDate"] != "2026-07-05" || f["@id"] != "https://quinzaine.example.org/#festival" {
		t.Errorf("festival = %v", f)
	}
	names := func(f object) []any {
		var out []any
		places, _ := f["location"].([]any)
		for _, pl := range places {
			out = append(out, get(pl.(object), "name"))
		}
		return out
	}
	if got, want := fmt.Sprint(names(f)), "[Centre historique minier Fosse 9-9bis]"; got != want {
		t.Errorf("festival's places are %s; want the grand sites, %s, of %d venues", got, want, len(p.Venues))
	}
	p.GrandSites = nil
	data, err = Edition(p, "fr", programmetest.Base)
	if err != nil {
		t.Fatal(err)
	}
	if got := names(decode(t, data)); len(got) != len(p.Venues) {
		t.Errorf("without grand sites the festival has %d places; want every venue, %d", len(got), len(p.Venues))
	}
	ev := events(t, describe(t, p, "bal", "fr"))[0]
	if get(ev, "superEvent", "@id") != f["@id"] {
		t.Errorf("an event's superEvent is %v; want the festival %v", get(ev, "superEvent", "@id"), f["@id"])
	}
}

func TestDescribingTwiceGivesTheSameBytes(t *testing.T) {
	for _, slug := range []string{"bal", "expo", "randonnee"} {
		a := describe(t, programmetest.Sample(), slug, "fr")
		b := describe(t, programmetest.Sample(), slug, "fr")
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two descriptions differ", slug)
		}
	}
}

// The site publishes resized pictures, not content/'s files: the Event names
// the address the site gives, and no image when it publishes none.
func TestImageIsWhereTheSitePublishesIt(t *testing.T) {
	p := programmetest.Sample()
	e := programmetest.Event(p, "bal")
	for published, want := range map[string]any{"https://cdn.example.org/images/ab12-bal-1600.jpg": "https://cdn.example.org/images/ab12-bal-1600.jpg", "": nil} {
		data, err := Options{ImageURL: func(path string) string {
			if path != "images/bal.jpg" {
				t.Errorf("asked for %q; want images/bal.jpg", path)
			}
			return published
		}}.Event(p, e, "fr", programmetest.Base)
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range events(t, data) {
			if ev["image"] != want {
				t.Errorf("image = %v; want %v", ev["image"], want)
			}
		}
	}
}
