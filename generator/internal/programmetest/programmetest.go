// Package programmetest builds small programmes by hand for the tests of the
// packages that read the model, so that they do not depend on the content
// loader.
package programmetest

import (
	"sort"
	"time"

	// Tests run on machines without a system zoneinfo database.
	_ "time/tzdata"

	"quinzaine/generator/internal/programme"
)

// Base is the base URL of the sample site.
const Base = "https://quinzaine.example.org/"

// LongSummary is longer than an iCalendar line, with accented letters where a
// careless fold at 75 octets would split one.
const LongSummary = "Une nuit de bal sur le carreau de la fosse, où l'on danse jusqu'à l'aube ; éclairage des chevalements, fanfare et café chaud pour les écoliers et les aînés réunis à Évin-Malmaison."

// Sample returns a new programme of the 2026 edition: two venues, three
// categories and five events that between them use every time form and every
// status worth checking. Each call builds fresh values, so a test may change
// them.
//
//   - bal: two sessions, the first crossing midnight (summer time), a title
//     with accents, a comma and a semicolon, free, translated into English;
//   - concert-annule: cancelled, paid from 5 to 12 €, with a booking link;
//   - randonnee: one all-day session over two days, full, 5 €;
//   - visite-reportee: rescheduled, with its previous start;
//   - expo: a daily exhibition closed on Mondays.
func Sample() *programme.Programme {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	at := func(s string) time.Time {
		layout := "2006-01-02T15:04"
		if len(s) == len(time.DateOnly) {
			layout = time.DateOnly
		}
		t, err := time.ParseInLocation(layout, s, paris)
		if err != nil {
			panic(err)
		}
		return t
	}
	text := func(fr, en string) programme.Text {
		t := programme.Text{Value: fr, Lang: "fr"}
		if en != "" {
			t.Translations = map[string]string{"en": en}
		}
		return t
	}
	p := &programme.Programme{
		Site: programme.Site{
			Title:       text("Quinzaine festive — Le Bassin minier fête le patrimoine mondial", "Quinzaine festive — The mining basin celebrates World Heritage"),
			BaseURL:     Base,
			Languages:   []string{"fr", "en"},
			Description: text("Deux semaines de fêtes dans le Bassin minier.", "Two weeks of celebrations in the mining basin."),
			File:        "content/site.yaml",
		},
		Location: paris,
		Edition:  programme.Edition{Year: 2026, Start: at("2026-06-20"), End: at("2026-07-05")},
		Years:    []int{2026},
	}
	oignies := &programme.Commune{Name: "Oignies", Slug: "oignies"}
	lewarde := &programme.Commune{Name: "Lewarde", Slug: "lewarde"}
	p.Communes = []*programme.Commune{lewarde, oignies}
	fosse := &programme.Venue{
		Slug: "fosse-9-9bis", File: "content/venues/fosse-9-9bis.yaml",
		Name: text("Fosse 9-9bis", ""), GrandSite: true, Commune: oignies,
		Address: "Rue du Tordoir", Postcode: "62590", Lat: 50.4676, Lon: 2.9949,
		Website: "https://www.9-9bis.com/", Access: []string{"moteur"},
	}
	chm := &programme.Venue{
		Slug: "centre-historique-minier", File: "content/venues/centre-historique-minier.yaml",
		Name: text("Centre historique minier", "Historic Mining Centre"), GrandSite: true, Commune: lewarde,
		Address: "Fosse Delloye, rue d'Erchin", Postcode: "59287", Lat: 50.3417, Lon: 3.1681,
		Image: &programme.Image{Path: "images/lewarde.jpg", Alt: text("Le chevalement de la fosse Delloye", "")},
	}
	p.Venues = []*programme.Venue{chm, fosse}
	p.GrandSites = []*programme.Venue{chm, fosse}
	oignies.Venues = []*programme.Venue{fosse}
	lewarde.Venues = []*programme.Venue{chm}

	concert := &programme.Term{Key: "concert", Label: text("Concert", "Concert")}
	visite := &programme.Term{Key: "visite", Label: text("Visite guidée", "Guided tour")}
	bal := &programme.Term{Key: "bal", Label: text("Bal, guinguette", "Ball")}
	p.Categories = []*programme.Term{concert, visite, bal}
	famille := &programme.Term{Key: "famille", Label: text("En famille", "Families")}
	p.Audiences = []*programme.Term{famille}

	type span struct {
		id, start, end string
		allDay         bool
	}
	add := func(e *programme.Event, spans ...span) {
		e.Year = 2026
		e.File = "content/events/2026/" + e.Slug + ".yaml"
		for _, sp := range spans {
			// Ids as programme.Build makes them: scoped by the event, given
			// or derived from the start.
			s := &programme.Session{ID: "2026/" + e.Slug + "/" + sp.id, Event: e, Start: at(sp.start), End: at(sp.end), AllDay: sp.allDay}
			if sp.id == "" {
				s.ID += s.Start.Format("2006-01-02T1504")
			}
			e.Sessions = append(e.Sessions, s)
		}
		p.Events = append(p.Events, e)
	}

	add(&programme.Event{
		Slug: "bal", Title: text("Bal des gueules noires : fête, danse; café à Évin", "Coal miners' ball"),
		Venue: fosse, Categories: []*programme.Term{bal, concert}, Audiences: []*programme.Term{famille},
		Price: programme.Price{Free: true, Given: true}, Status: programme.Scheduled,
		Organiser: "Harmonie Sainte-Cécile d'Oignies", Access: []string{"moteur", "boucle-magnetique"},
		Summary: text(LongSummary, "A night of dancing at the pit head."),
		Image:   &programme.Image{Path: "images/bal.jpg", Alt: text("Couples dansant", ""), Credit: "Ville d'Oignies"},
	}, span{"", "2026-06-27T20:30", "2026-06-28T01:00", false}, span{"bal-dimanche", "2026-06-28T15:00", "2026-06-28T18:00", false})
	add(&programme.Event{
		Slug: "concert-annule", Title: text("Chorale des mineurs polonais", ""),
		Venue: chm, Categories: []*programme.Term{concert},
		Price:   programme.Price{Min: 5, Max: 12, Given: true},
		Booking: "https://billetterie.example.org/chorale?date=2026-06-26&lang=fr", Status: programme.Cancelled,
		Conditions: text("Sur réservation", "Booking required"),
		Summary:    text("Chants polonais et français.", ""),
	}, span{"", "2026-06-26T18:00", "2026-06-26T19:30", false})
	add(&programme.Event{
		Slug: "randonnee", Title: text("Randonnée des terrils", "Slag heap hike"),
		Venue: fosse, Categories: []*programme.Term{visite},
		Price: programme.Price{Text: "5 €", Min: 5, Max: 5, Given: true}, Status: programme.Full,
		Summary: text("Deux jours de marche sur les terrils jumeaux.", ""),
	}, span{"", "2026-07-04", "2026-07-05", true})
	add(&programme.Event{
		Slug: "visite-reportee", Title: text("Visite de la lampisterie", ""),
		Venue: chm, Categories: []*programme.Term{visite},
		Status: programme.Rescheduled, PrevStart: at("2026-06-21T10:00"),
		Summary: text("La lampisterie racontée par un ancien mineur.", ""),
	}, span{"", "2026-06-24T10:00", "2026-06-24T11:30", false})
	expo := &programme.Event{
		Slug: "expo", Title: text("Gueules noires, visages de la mine", ""),
		Venue: chm, Categories: []*programme.Term{visite}, Audiences: []*programme.Term{famille},
		Price: programme.Price{Free: true, Given: true}, Status: programme.Scheduled,
		Daily: &programme.Daily{From: at("2026-06-20"), To: at("2026-06-23"), Open: "14:00", Close: "18:00", ClosedOn: []time.Weekday{time.Monday}},
	}
	add(expo,
		span{"", "2026-06-20T14:00", "2026-06-20T18:00", false},
		span{"", "2026-06-21T14:00", "2026-06-21T18:00", false},
		span{"", "2026-06-23T14:00", "2026-06-23T18:00", false})

	link(p)
	return p
}

// link fills the model's derived lists: sessions, days, and the events of
// venues, communes and terms, each in programme order.
func link(p *programme.Programme) {
	sort.SliceStable(p.Events, func(i, j int) bool {
		return p.Events[i].Sessions[0].Start.Before(p.Events[j].Sessions[0].Start)
	})
	days := map[string]*programme.Day{}
	for d := p.Edition.Start; !d.After(p.Edition.End); d = d.AddDate(0, 0, 1) {
		day := &programme.Day{Date: d, InEdition: true}
		days[day.Key()] = day
		p.Days = append(p.Days, day)
	}
	for _, e := range p.Events {
		e.Venue.Events = append(e.Venue.Events, e)
		e.Venue.Commune.Events = append(e.Venue.Commune.Events, e)
		for _, t := range e.Categories {
			t.Events = append(t.Events, e)
		}
		for _, t := range e.Audiences {
			t.Events = append(t.Events, e)
		}
		for _, s := range e.Sessions {
			p.Sessions = append(p.Sessions, s)
			d := s.Start
			if !s.AllDay && d.Hour() < 4 {
				d = d.AddDate(0, 0, -1)
			}
			key := d.Format(time.DateOnly)
			day := days[key]
			if day == nil {
				day = &programme.Day{Date: time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, p.Location)}
				days[key] = day
				p.Days = append(p.Days, day)
			}
			s.Day = day
			day.Sessions = append(day.Sessions, s)
		}
	}
	sort.SliceStable(p.Sessions, func(i, j int) bool { return p.Sessions[i].Start.Before(p.Sessions[j].Start) })
	sort.SliceStable(p.Days, func(i, j int) bool { return p.Days[i].Date.Before(p.Days[j].Date) })
	for _, d := range p.Days {
		sort.SliceStable(d.Sessions, func(i, j int) bool { return d.Sessions[i].Start.Before(d.Sessions[j].Start) })
	}
}

// Event returns the event of p with the given slug, or nil.
func Event(p *programme.Programme, slug string) *programme.Event {
	for _, e := range p.Events {
		if e.Slug == slug {
			return e
		}
	}
	return nil
}

// Venue returns the venue of p with the given slug, or nil.
func Venue(p *programme.Programme, slug string) *programme.Venue {
	for _, v := range p.Venues {
		if v.Slug == slug {
			return v
		}
	}
	return nil
}
