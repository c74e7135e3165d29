package content

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/imaging"
)

// Venue is content/venues/<slug>.yaml.
type Venue struct {
	Doc
	Name          String
	GrandSite     Bool
	Commune       String
	Address       String
	Postcode      String
	Lat, Lon      Number
	Website       String
	Accessibility []String
	Transport     String
	Description   String // Markdown
	Image         Image
	Translations  []Translation // name, description, transport, image_alt
}

// AccessibilityKeys are the accessibility keys an event or a venue may list.
var AccessibilityKeys = []string{"moteur", "visuel", "auditif", "mental", "psychique", "lsf", "audiodescription", "boucle-magnetique"}

// The mining basin, roughly: coordinates far outside it are most likely a
// typing mistake or latitude and longitude swapped.
const (
	basinLatMin, basinLatMax = 50.0, 50.9
	basinLonMin, basinLonMax = 1.9, 3.9
)

func (l *loader) loadVenue(rel string) *Venue {
	v := &Venue{Doc: l.doc(rel)}
	d, root := l.decode(rel)
	if root == nil {
		v.Broken = true
		return v
	}
	m := d.fields(root, "venue", "a mapping", names(VenueFields))
	d.required(m, root, VenueFields)
	v.Name = d.line(m, "name")
	v.GrandSite = d.boolean(m, "grand_site")
	v.Commune = d.text(m, "commune")
	v.Address = d.text(m, "address")
	v.Postcode = d.text(m, "postcode")
	if f, ok := m["geo"]; ok {
		g := d.fields(f.value, "geo", "a mapping with `lat` and `lon`", names(geoFields))
		if g != nil {
			d.required(g, f.value, geoFields)
			v.Lat = d.coordinate(g, "lat", 90)
			v.Lon = d.coordinate(g, "lon", 180)
			if v.Lat.Given() && v.Lon.Given() {
				d.basin(v.Lat, v.Lon)
			}
		}
	}
	v.Website = d.url(m, "website")
	if items, ok := d.list(m, "accessibility"); ok {
		v.Accessibility = d.keys(items, "accessibility key", AccessibilityKeys)
	}
	v.Transport = d.text(m, "transport")
	v.Description = d.markdown(m, "description")
	v.Image = l.image(d, m)
	v.Translations = d.translations(m, lookup(VenueFields, "translations").Fields)
	return v
}

func (d *decoder) coordinate(m map[string]field, name string, limit float64) Number {
	example := map[string]string{"lat": "50.4347", "lon": "2.8239"}[name]
	n := d.number(m, name, example)
	if n.Given() && (n.Value < -limit || n.Value > limit) {
		d.diags.Errorf(n.Pos, "`%s` must be between -%g and %g, found `%s`", name, limit, limit, m[name].value.Value)
		return Number{}
	}
	return n
}

func inBasin(lat, lon float64) bool {
	return lat >= basinLatMin && lat <= basinLatMax && lon >= basinLonMin && lon <= basinLonMax
}

func (d *decoder) basin(lat, lon Number) {
	if inBasin(lat.Value, lon.Value) {
		return
	}
	hint := ""
	if inBasin(lon.Value, lat.Value) {
		hint = "; are `lat` and `lon` swapped?"
	}
	d.diags.Warnf(lat.Pos, "`geo` %g, %g is far from the mining basin (latitude %g to %g, longitude %g to %g)%s",
		lat.Value, lon.Value, basinLatMin, basinLatMax, basinLonMin, basinLonMax, hint)
}

// image reads `image`, `image_alt` and, for events, `image_credit`. The
// path must stay inside the content folder and name an existing file.
func (l *loader) image(d *decoder, m map[string]field) Image {
	img := Image{Path: d.text(m, "image"), Alt: d.text(m, "image_alt"), Credit: d.text(m, "image_credit")}
	p := img.Path
	if !p.Given() {
		if img.Alt.Given() {
			d.diags.Errorf(img.Alt.Pos, "`image_alt` describes an `image`, but there is none")
		}
		return Image{}
	}
	bad := path.IsAbs(p.Value) || strings.Contains(p.Value, `\`) || !fs.ValidPath(p.Value) || strings.HasPrefix(p.Value, "content/")
	if bad {
		hint := ""
		if strings.HasPrefix(p.Value, "content/") {
			hint = fmt.Sprintf(" (write `%s`)", strings.TrimPrefix(p.Value, "content/"))
		}
		d.diags.Errorf(p.Pos, "`image` must be a path inside the content folder such as `images/lewarde.jpg`, found `%s`%s", p.Value, hint)
		return Image{}
	}
	if l.escapes(p.Value) {
		d.diags.Errorf(p.Pos, "image `%s` is a symbolic link leading outside the content folder; copy the picture into the folder instead", p.Value)
		return Image{}
	}
	info, err := l.root.Stat(p.Value)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.diags.Errorf(p.Pos, "image `%s` does not exist in the content folder%s", p.Value, diag.DidYouMean(p.Value, l.tree.Images))
		return Image{}
	case err != nil:
		d.diags.Errorf(p.Pos, "image `%s` cannot be read: %s", p.Value, describe(err))
		return Image{}
	case info.IsDir():
		d.diags.Errorf(p.Pos, "image `%s` is a folder, not a picture", p.Value)
		return Image{}
	}
	// The header alone tells a renamed text file, a damaged picture or
	// one too large to decode; the build would refuse them later, far
	// from this line.
	if _, _, err := imaging.Inspect(l.root.FS(), p.Value); err != nil {
		var bad *imaging.Error
		if errors.As(err, &bad) {
			d.diags.Errorf(p.Pos, "%s", bad.Error())
		} else {
			d.diags.Errorf(p.Pos, "image `%s` cannot be read: %s", p.Value, describe(errors.Unwrap(err)))
		}
		return Image{}
	}
	if !img.Alt.Given() || strings.TrimSpace(img.Alt.Value) == "" {
		d.diags.Errorf(p.Pos, "`image` needs `image_alt`, a short description of the picture for people who cannot see it")
	}
	return img
}

// imageStamps returns each picture of images with its size and time, so
// that a picture saved again under the same name is noticed.
func (l *loader) imageStamps(images []string) []string {
	out := make([]string, len(images))
	for i, name := range images {
		out[i] = name
		if info, err := os.Stat(filepath.Join(l.dir, filepath.FromSlash(name))); err == nil {
			out[i] = fmt.Sprintf("%s\x00%d\x00%d", name, info.Size(), info.ModTime().UnixNano())
		}
	}
	return out
}
