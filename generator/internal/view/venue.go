package view

import (
	"cmp"
	"html/template"
	"math"
	"slices"
	"strconv"
	"strings"

	"quinzaine/generator/internal/basinmap"
	"quinzaine/generator/internal/programme"
)

// Venue is a venue's page, with its events. A grand site's page is its venue
// page: one address per place.
type Venue struct {
	Layout
	Name        Text
	GrandSite   bool
	Commune     Link
	Address     string
	Postcode    string
	MapURL      string // OpenStreetMap, centred on the venue
	Website     string
	Transport   Text
	Access      []Access
	Description HTML
	Image       *Image
	Events      []EventItem
	Nearest     []Nearby
	Subscribe   *Calendar
}

// Nearby is another venue and how far it is, as the crow flies.
type Nearby struct {
	Link     Link
	Commune  string
	Distance string // « 3,2 km »
}

// nearestMax is how many neighbouring venues a venue page lists.
const nearestMax = 5

// Venue builds the page of v.
func (s *Site) Venue(v *programme.Venue) (*Venue, error) {
	name := s.text(v.Name)
	addr := func(lang string) string { return s.Router.Venue(lang, v.Slug) }
	section := "venues"
	if v.GrandSite {
		section = "grandsites"
	}
	l, err := s.layout(name.Value, addr, s.Router.Section(s.Lang, section))
	if err != nil {
		return nil, err
	}
	out := &Venue{
		Layout:    l,
		Name:      name,
		GrandSite: v.GrandSite,
		Commune:   s.communeLink(v.Commune),
		Address:   v.Address,
		Postcode:  v.Postcode,
		MapURL:    mapURL(v),
		Website:   v.Website,
		Transport: s.text(v.Transport),
	}
	if out.Subscribe, err = s.VenueCalendar(v); err != nil {
		return nil, err
	}
	if out.Access, err = s.access(v.Access); err != nil {
		return nil, err
	}
	if out.Description, err = s.html(v.Description); err != nil {
		return nil, err
	}
	if out.Image, err = s.image(v.Image, "venue"); err != nil {
		return nil, err
	}
	if out.Events, err = s.eventItems(s.current(v.Events)); err != nil {
		return nil, err
	}
	for _, n := range nearest(v, s.P.Venues, nearestMax) {
		out.Nearest = append(out.Nearest, Nearby{Link: s.venueLink(n.venue), Commune: n.venue.Commune.Name, Distance: s.km(n.km)})
	}
	return out, nil
}

type distance struct {
	venue *programme.Venue
	km    float64
}

// nearest lists the n venues closest to v, nearest first; equal distances
// keep the order of all.
func nearest(v *programme.Venue, all []*programme.Venue, n int) []distance {
	var ds []distance
	for _, o := range all {
		if o != v {
			ds = append(ds, distance{o, haversine(v.Lat, v.Lon, o.Lat, o.Lon)})
		}
	}
	slices.SortStableFunc(ds, func(a, b distance) int { return cmp.Compare(a.km, b.km) })
	return ds[:min(n, len(ds))]
}

// haversine is the great-circle distance in kilometres: ample precision
// across a basin 120 km wide.
func haversine(lat1, lon1, lat2, lon2 float64) float64 {
	const earth = 6371.0
	rad := math.Pi / 180
	dLat, dLon := (lat2-lat1)*rad, (lon2-lon1)*rad
	a := math.Sin(dLat/2)*math.Sin(dLat/2) + math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLon/2)*math.Sin(dLon/2)
	return 2 * earth * math.Asin(math.Sqrt(a))
}

// km writes a distance to the tenth of a kilometre: « 3,2 km », "3.2 km".
func (s *Site) km(d float64) string {
	v := strconv.FormatFloat(math.Round(d*10)/10, 'f', 1, 64)
	if s.Lang == "fr" {
		v = strings.Replace(v, ".", ",", 1)
	}
	return v + "\u00a0km"
}

// Venues is the index of venues, with the map of the basin when the build
// draws one.
type Venues struct {
	Layout
	Heading string
	Map     template.HTML // an SVG drawing; the list below says the same in words
	Venues  []VenueItem
}

// VenueItem is a venue in a list.
type VenueItem struct {
	Link      Link
	Commune   string
	GrandSite bool
	Grand     string // « Grand site », in words, for a grand site
	Events    string // « 3 événements »
}

func (s *Site) venueItem(v *programme.Venue) (VenueItem, error) {
	n, err := s.Strings.N(s.Lang, "events", len(s.current(v.Events)))
	if err != nil {
		return VenueItem{}, err
	}
	it := VenueItem{Link: s.venueLink(v), Commune: v.Commune.Name, GrandSite: v.GrandSite, Events: n}
	if v.GrandSite {
		if it.Grand, err = s.t("venue.grand"); err != nil {
			return VenueItem{}, err
		}
	}
	return it, nil
}

// Venues builds the index of venues, by name.
func (s *Site) Venues() (*Venues, error) {
	l, heading, err := s.sectionIndex("venues")
	if err != nil {
		return nil, err
	}
	out := &Venues{Layout: l, Heading: heading}
	if out.Map, err = s.basinMap(); err != nil {
		return nil, err
	}
	for _, v := range s.P.Venues {
		it, err := s.venueItem(v)
		if err != nil {
			return nil, err
		}
		out.Venues = append(out.Venues, it)
	}
	return out, nil
}

// basinMap draws the map of the venues, each a link to its page; the list
// beside it on the page says the same in words.
func (s *Site) basinMap() (template.HTML, error) {
	var opts basinmap.Options
	for key, dst := range map[string]*string{"map.title": &opts.Title, "map.description": &opts.Description, "venue.grand": &opts.GrandSite, "map.venue": &opts.Venue} {
		v, err := s.t(key)
		if err != nil {
			return "", err
		}
		*dst = v
	}
	var points []basinmap.Point
	for _, v := range s.P.Venues {
		name := s.text(v.Name)
		points = append(points, basinmap.Point{
			Label: name.Value, Commune: v.Commune.Name, URL: s.URL(s.Router.Venue(s.Lang, v.Slug)),
			Lat: v.Lat, Lon: v.Lon, Grand: v.GrandSite,
		})
	}
	return basinmap.SVG(points, opts)
}

// GrandSites is the index of the five grands sites.
type GrandSites struct {
	Layout
	Heading string
	Intro   string
	Sites   []GrandSite
}

// GrandSite is a grand site in the index, with what draws one there.
type GrandSite struct {
	VenueItem
	Image *Image
}

// GrandSites builds the index of the grands sites.
func (s *Site) GrandSites() (*GrandSites, error) {
	heading, err := s.t("grandsites.title")
	if err != nil {
		return nil, err
	}
	intro, err := s.t("grandsites.intro")
	if err != nil {
		return nil, err
	}
	addr := func(lang string) string { return s.Router.Section(lang, "grandsites") }
	l, err := s.layout(heading, addr, addr(s.Lang))
	if err != nil {
		return nil, err
	}
	out := &GrandSites{Layout: l, Heading: heading, Intro: intro}
	for _, v := range s.P.GrandSites {
		it, err := s.venueItem(v)
		if err != nil {
			return nil, err
		}
		g := GrandSite{VenueItem: it}
		if g.Image, err = s.image(v.Image, "card"); err != nil {
			return nil, err
		}
		out.Sites = append(out.Sites, g)
	}
	return out, nil
}
