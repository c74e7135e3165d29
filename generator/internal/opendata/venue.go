package opendata

import (
	"encoding/json"
	"fmt"
	"io"

	"quinzaine/generator/internal/programme"
)

type featureCollection struct {
	Type       string    `json:"type"`
	Licence    string    `json:"licence"`
	LicenceURL string    `json:"licence_url"`
	Source     string    `json:"source"`
	Features   []feature `json:"features"`
}

type feature struct {
	Type       string     `json:"type"`
	ID         string     `json:"id"`
	Geometry   point      `json:"geometry"`
	Properties venueProps `json:"properties"`
}

type point struct {
	Type        string     `json:"type"`
	Coordinates [2]float64 `json:"coordinates"`
}

type venueProps struct {
	ID            string            `json:"id"`
	Nom           string            `json:"nom"`
	Noms          map[string]string `json:"noms"`
	GrandSite     bool              `json:"grand_site"`
	Adresse       string            `json:"adresse"`
	CodePostal    string            `json:"code_postal"`
	Commune       string            `json:"commune"`
	SiteWeb       string            `json:"site_web,omitempty"`
	Accessibilite []string          `json:"accessibilite"`
	Evenements    int               `json:"evenements"`
	URL           string            `json:"url"`
	Calendrier    string            `json:"calendrier"`
}

// VenuesGeoJSON writes lieux.geojson (RFC 7946): one Point feature per venue,
// longitude first, with the licence as a foreign member of the collection.
func VenuesGeoJSON(w io.Writer, p *programme.Programme, base string) error {
	s := newSite(p, base)
	fc := featureCollection{Type: "FeatureCollection", Licence: Licence, LicenceURL: LicenceURL, Source: s.base + "/", Features: []feature{}}
	for _, v := range p.Venues {
		name, _ := v.Name.In(s.lang)
		fc.Features = append(fc.Features, feature{
			Type:     "Feature",
			ID:       v.Slug,
			Geometry: point{Type: "Point", Coordinates: [2]float64{v.Lon, v.Lat}},
			Properties: venueProps{
				ID: v.Slug, Nom: name, Noms: s.texts(v.Name), GrandSite: v.GrandSite,
				Adresse: v.Address, CodePostal: v.Postcode, Commune: v.Commune.Name,
				SiteWeb: v.Website, Accessibilite: append([]string{}, v.Access...),
				Evenements: len(v.Events),
				URL:        s.base + s.router.Venue(s.lang, v.Slug),
				Calendrier: s.base + s.router.VenueCalendar(v.Slug),
			},
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", " ")
	if err := enc.Encode(fc); err != nil {
		return fmt.Errorf("write %s: %w", VenuesFile, err)
	}
	return nil
}
