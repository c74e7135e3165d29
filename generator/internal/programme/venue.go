package programme

import (
	"strings"

	"quinzaine/generator/internal/content"
)

func (b *builder) venues(vs []*content.Venue) {
	b.venueBySlug = map[string]*Venue{}
	b.brokenVenue = map[string]bool{}
	files := map[string]string{}
	communes := map[string]*Commune{}
	for _, cv := range vs {
		if first, ok := files[cv.Slug]; ok {
			b.sameAddress(cv.Doc, first, b.router.Venue(b.def, cv.Slug))
			continue
		}
		files[cv.Slug] = cv.File
		if cv.Broken {
			b.brokenVenue[cv.Slug] = true
			continue
		}
		trs := b.translations(cv.Translations, false)
		v := &Venue{
			Slug:        cv.Slug,
			File:        cv.File,
			Name:        b.text(cv.Name, trs, "name"),
			GrandSite:   cv.GrandSite.Value,
			Address:     strings.TrimSpace(cv.Address.Value),
			Postcode:    strings.TrimSpace(cv.Postcode.Value),
			Lat:         cv.Lat.Value,
			Lon:         cv.Lon.Value,
			Website:     cv.Website.Value,
			Access:      values(cv.Accessibility),
			Transport:   b.text(cv.Transport, trs, "transport"),
			Description: b.markdown(cv.Description, trs, "description"),
			Image:       b.image(cv.Image, trs),
		}
		if name := strings.TrimSpace(cv.Commune.Value); name != "" {
			slug := content.Slug(name)
			c, ok := communes[slug]
			if !ok {
				c = &Commune{Name: name, Slug: slug}
				communes[slug] = c
				b.p.Communes = append(b.p.Communes, c)
			}
			v.Commune = c
			c.Venues = append(c.Venues, v)
		}
		b.venueBySlug[v.Slug] = v
		b.p.Venues = append(b.p.Venues, v)
	}
}

// sameAddress reports a file whose page would replace another's.
func (b *builder) sameAddress(d content.Doc, first, address string) {
	b.diags.Errorf(posOf(d.File), "this file and `%s` both make the page `%s`; keep one of them", first, address)
}

func values(ss []content.String) []string {
	var out []string
	for _, s := range ss {
		out = append(out, s.Value)
	}
	return out
}
