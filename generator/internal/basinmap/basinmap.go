// Package basinmap draws, at build time, an SVG map of the mining basin with
// a link on every venue, so that the map needs no tiles and no request to
// another host.
//
// The map is an equirectangular projection whose horizontal scale is
// corrected by the cosine of the frame's middle latitude: over the half
// degree of latitude the basin spans this differs from Web Mercator by less
// than a pixel, and it keeps the arithmetic plain. The frame always covers
// the basin (latitude 50.15–50.75, longitude 2.3–3.75) and grows to include
// any point outside it. A stylised band of the coalfield from Auchel and
// Béthune to Valenciennes and Condé, and a few towns, make it recognisable.
//
// The output is meant to sit inline in an HTML page. It carries no
// role="img", since it holds links: the <svg> is named by its <title> and
// described by its <desc>, and every point is an <a href> with its own
// <title>, so that each is reached with the keyboard and read by name. Grands
// sites differ from other venues by shape and size as well as colour, and
// are labelled on the map.
//
// Two calls with the same points, in any order, give the same bytes.
package basinmap

import (
	"cmp"
	"errors"
	"fmt"
	"html"
	"html/template"
	"math"
	"net/url"
	"slices"
	"strconv"
	"strings"
)

// Point is one place on the map.
type Point struct {
	Label   string // the venue's name, in the page's language
	Commune string
	URL     string // the venue's page: a path or an http(s) URL
	Lat     float64
	Lon     float64
	Grand   bool // one of the five grands sites
}

// Options are the words and size of a map.
type Options struct {
	// Title is the map's accessible name, required: "Carte des lieux".
	Title string
	// Description says what the map shows, for screen readers.
	Description string
	// Width is the width of the drawing in SVG units (800 when zero); the
	// height follows from the frame. On the page the map takes the width
	// of its container.
	Width int
	// ID prefixes the ids of the map's title and description; it must be
	// unique in the page ("basinmap" when empty).
	ID string
	// GrandSite names a grand site in the interface language ("grand site",
	// "major site"): added to the name of each grand site's link and used
	// in the legend.
	GrandSite string
	// Venue names any other venue ("lieu", "venue") in the legend. The
	// legend is drawn when both GrandSite and Venue are given.
	Venue string
}

// The basin's fixed frame, in degrees.
const (
	frameSouth = 50.15
	frameNorth = 50.75
	frameWest  = 2.3
	frameEast  = 3.75
	// grow is the room left around a point that lies outside the frame.
	grow = 0.03
)

// Sizes, in SVG units of a map 800 wide; they scale with Width.
const (
	margin     = 16.0 // around the frame
	venueR     = 7.0  // radius of a venue's disc
	grandR     = 13.0 // circumradius of a grand site's triangle
	gap        = 3.0  // least free space between two marks
	labelSize  = 15.0 // font size of grand site labels
	townSize   = 13.0 // font size of town names
	charWidth  = 0.56 // average glyph width, in ems, to estimate label boxes
	labelSpace = 5.0  // between a mark and its label
)

// SVG draws the map of points. It fails on a missing title, an invalid
// coordinate, or a URL that is neither a path nor http(s), naming the point.
func SVG(points []Point, opts Options) (template.HTML, error) {
	if strings.TrimSpace(opts.Title) == "" {
		return "", errors.New("basin map: no title")
	}
	if opts.Width < 0 {
		return "", fmt.Errorf("basin map: negative width %d", opts.Width)
	}
	for _, p := range points {
		if err := check(p); err != nil {
			return "", fmt.Errorf("basin map: point %q: %w", p.Label, err)
		}
	}
	m := newMap(points, opts)
	var b strings.Builder
	m.write(&b)
	return template.HTML(b.String()), nil
}

func check(p Point) error {
	if math.IsNaN(p.Lat) || p.Lat < -85 || p.Lat > 85 {
		return fmt.Errorf("latitude %v out of range", p.Lat)
	}
	if math.IsNaN(p.Lon) || p.Lon < -180 || p.Lon > 180 {
		return fmt.Errorf("longitude %v out of range", p.Lon)
	}
	if p.URL == "" {
		return errors.New("no URL")
	}
	u, err := url.Parse(p.URL)
	if err != nil {
		return fmt.Errorf("URL %q: %w", p.URL, err)
	}
	if s := strings.ToLower(u.Scheme); s != "" && s != "http" && s != "https" {
		return fmt.Errorf("URL %q: scheme %q is not http(s)", p.URL, u.Scheme)
	}
	return nil
}

// mark is a point placed on the drawing.
type mark struct {
	Point
	x, y  float64
	label *box // where a grand site's label is written
}

type box struct{ x0, y0, x1, y1 float64 }

// overlap is the area a and b have in common.
func (a box) overlap(b box) float64 {
	return max(0, min(a.x1, b.x1)-max(a.x0, b.x0)) * max(0, min(a.y1, b.y1)-max(a.y0, b.y0))
}

type town struct {
	name     string
	lat, lon float64
	label    *box
}

type drawing struct {
	opts          Options
	k             float64 // scale of every size: Width/800
	w, h          float64
	west, north   float64
	cosLat, units float64 // units per degree of longitude×cos, and of latitude
	marks         []*mark
	towns         []town
}

func newMap(points []Point, opts Options) *drawing {
	if opts.Width == 0 {
		opts.Width = 800
	}
	if opts.ID == "" {
		opts.ID = "basinmap"
	}
	south, north, west, east := frameSouth, frameNorth, frameWest, frameEast
	for _, p := range points {
		south = min(south, p.Lat-grow)
		north = max(north, p.Lat+grow)
		west = min(west, p.Lon-grow)
		east = max(east, p.Lon+grow)
	}
	d := &drawing{opts: opts, k: float64(opts.Width) / 800, west: west, north: north}
	d.cosLat = math.Cos((south + north) / 2 * math.Pi / 180)
	d.w = float64(opts.Width)
	d.units = (d.w - 2*margin*d.k) / ((east - west) * d.cosLat)
	d.h = math.Round((north-south)*d.units + 2*margin*d.k)

	sorted := slices.Clone(points)
	slices.SortFunc(sorted, comparePoints)
	for _, p := range sorted {
		x, y := d.project(p.Lat, p.Lon)
		d.marks = append(d.marks, &mark{Point: p, x: x, y: y})
	}
	d.spread()
	d.placeLabels()
	return d
}

// comparePoints orders points west to east, so that the keyboard moves
// across the map the way the eye reads it, then by every other field so
// that the order never depends on the caller's.
func comparePoints(a, b Point) int {
	return cmp.Or(
		cmp.Compare(a.Lon, b.Lon),
		cmp.Compare(b.Lat, a.Lat),
		strings.Compare(a.Label, b.Label),
		strings.Compare(a.Commune, b.Commune),
		strings.Compare(a.URL, b.URL),
		boolCompare(a.Grand, b.Grand),
	)
}

func boolCompare(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

func (d *drawing) project(lat, lon float64) (x, y float64) {
	return margin*d.k + (lon-d.west)*d.cosLat*d.units, margin*d.k + (d.north-lat)*d.units
}

func (d *drawing) radius(m *mark) float64 {
	if m.Grand {
		return grandR * d.k
	}
	return venueR * d.k
}

// spread moves marks that would cover each other apart, so that every one
// stays visible and clickable. Grands sites are placed first and never
// move; each other mark, in map order, takes the first free spot on rings
// around its true position, tried at fixed angles, so the result is the
// same on every build.
func (d *drawing) spread() {
	order := make([]*mark, 0, len(d.marks))
	for _, m := range d.marks {
		if m.Grand {
			order = append(order, m)
		}
	}
	for _, m := range d.marks {
		if !m.Grand {
			order = append(order, m)
		}
	}
	var placed []*mark
	free := func(m *mark, x, y float64) bool {
		for _, o := range placed {
			if math.Hypot(o.x-x, o.y-y) < d.radius(o)+d.radius(m)+gap*d.k {
				return false
			}
		}
		return true
	}
	for _, m := range order {
		if m.Grand || free(m, m.x, m.y) {
			placed = append(placed, m)
			continue
		}
		step := (venueR + gap/2) * d.k
		x0, y0 := m.x, m.y
	search:
		for ring := 1; ring < 100; ring++ {
			n := 8 * ring
			for i := range n {
				a := 2 * math.Pi * float64(i) / float64(n)
				x, y := x0+float64(ring)*step*math.Cos(a), y0-float64(ring)*step*math.Sin(a)
				if free(m, x, y) {
					m.x, m.y = x, y
					break search
				}
			}
		}
		placed = append(placed, m)
	}
}

// towns give the map its bearings; they are drawn, not linked.
var towns = []town{
	{name: "Béthune", lat: 50.5303, lon: 2.6408},
	{name: "Lens", lat: 50.4320, lon: 2.8333},
	{name: "Douai", lat: 50.3714, lon: 3.0800},
	{name: "Valenciennes", lat: 50.3570, lon: 3.5235},
	{name: "Lille", lat: 50.6292, lon: 3.0573},
	{name: "Arras", lat: 50.2910, lon: 2.7775},
}

// band is a stylised outline of the coalfield's belt, from west of Auchel
// along its northern edge to the Belgian border, then back along its
// southern edge: a recognisable shape, not a survey.
var band = [][2]float64{ // lat, lon
	{50.545, 2.33}, {50.575, 2.48}, {50.565, 2.64}, {50.505, 2.77},
	{50.500, 2.92}, {50.470, 3.05}, {50.445, 3.20}, {50.450, 3.38},
	{50.495, 3.55}, {50.500, 3.68}, {50.420, 3.70}, {50.340, 3.60},
	{50.295, 3.42}, {50.300, 3.22}, {50.325, 3.08}, {50.365, 2.95},
	{50.385, 2.80}, {50.425, 2.65}, {50.455, 2.50}, {50.470, 2.36},
}

// placeLabels writes each grand site's name beside it, and each town's,
// where it covers the least of the marks and labels already placed, staying
// inside the drawing; the sides are tried in a fixed order (right, left,
// above, below, then the corners) and the first of equal cost wins. Grands
// sites come first: their names matter more than the towns'.
func (d *drawing) placeLabels() {
	var marks, labels []box
	for _, m := range d.marks {
		r := d.radius(m)
		marks = append(marks, box{m.x - r, m.y - r, m.x + r, m.y + r})
	}
	if d.legend() {
		marks = append(marks, d.legendBox())
	}
	place := func(x, y, r float64, text string, size float64) *box {
		w := float64(len([]rune(text))) * size * charWidth * d.k
		h := size * d.k
		s := labelSpace * d.k
		candidates := []box{
			{x + r + s, y - h/2, x + r + s + w, y + h/2},
			{x - r - s - w, y - h/2, x - r - s, y + h/2},
			{x - w/2, y - r - s - h, x + w/2, y - r - s},
			{x - w/2, y + r + s, x + w/2, y + r + s + h},
			{x + r/2, y - r - s - h, x + r/2 + w, y - r - s},
			{x + r/2, y + r + s, x + r/2 + w, y + r + s + h},
			{x - r/2 - w, y - r - s - h, x - r/2, y - r - s},
			{x - r/2 - w, y + r + s, x - r/2, y + r + s + h},
		}
		best, cost := candidates[0], math.Inf(1)
		for _, c := range candidates {
			if c.x0 < 0 || c.y0 < 0 || c.x1 > d.w || c.y1 > d.h {
				continue
			}
			// Covering a mark hides a link: it costs more than covering
			// a word.
			v := 0.0
			for _, o := range marks {
				v += 4 * c.overlap(o)
			}
			for _, o := range labels {
				v += c.overlap(o)
			}
			if v < cost {
				best, cost = c, v
			}
		}
		labels = append(labels, best)
		return &best
	}
	for _, m := range d.marks {
		if m.Grand {
			m.label = place(m.x, m.y, d.radius(m), m.Label, labelSize)
		}
	}
	for _, t := range towns {
		x, y := d.project(t.lat, t.lon)
		t.label = place(x, y, 3*d.k, t.name, townSize)
		d.towns = append(d.towns, t)
	}
}

// num formats a coordinate with one decimal, the same on every machine,
// without a negative zero.
func num(v float64) string {
	s := strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	s = strings.TrimSuffix(s, ".0")
	if s == "-0" {
		return "0"
	}
	return s
}

func esc(s string) string { return html.EscapeString(s) }

// Colours of the theme's palette: slag-heap green for the coalfield, coal
// for venues, brick for grands sites; every mark has a dark outline so that
// it stands out at 3:1 against the background whatever its fill.
const style = `.basinmap{width:100%;height:auto;font-family:inherit}` +
	`.basinmap .bm-band{fill:#dfe9d3;stroke:#7d9a68;stroke-width:1.5}` +
	`.basinmap .bm-town{fill:#4a4a4a;font-style:italic}` +
	`.basinmap .bm-dot{fill:#fff;stroke:#4a4a4a}` +
	`.basinmap .bm-venue{fill:#2b2622;stroke:#fff;stroke-width:1.5}` +
	`.basinmap .bm-grand{fill:#a3361f;stroke:#2b2622;stroke-width:2}` +
	`.basinmap .bm-label{fill:#1d1a17;font-weight:bold;paint-order:stroke;stroke:#fff;stroke-width:3px;stroke-linejoin:round}` +
	`.basinmap a:focus{outline:none}` +
	`.basinmap a:focus .bm-venue,.basinmap a:focus .bm-grand,.basinmap a:hover .bm-venue,.basinmap a:hover .bm-grand{stroke:#000;stroke-width:4}` +
	`.basinmap a:focus .bm-label,.basinmap a:hover .bm-label{text-decoration:underline}`

func (d *drawing) write(b *strings.Builder) {
	id := esc(d.opts.ID)
	fmt.Fprintf(b, `<svg xmlns="http://www.w3.org/2000/svg" class="basinmap" viewBox="0 0 %s %s" width="100%%" aria-labelledby="%s-title"`,
		num(d.w), num(d.h), id)
	if d.opts.Description != "" {
		fmt.Fprintf(b, ` aria-describedby="%s-desc"`, id)
	}
	b.WriteString(">")
	fmt.Fprintf(b, `<title id="%s-title">%s</title>`, id, esc(d.opts.Title))
	if d.opts.Description != "" {
		fmt.Fprintf(b, `<desc id="%s-desc">%s</desc>`, id, esc(d.opts.Description))
	}
	fmt.Fprintf(b, "<style>%s</style>", style)

	b.WriteString(`<g aria-hidden="true">`)
	b.WriteString(`<path class="bm-band" d="`)
	for i, ll := range band {
		x, y := d.project(ll[0], ll[1])
		if i == 0 {
			b.WriteString("M")
		} else {
			b.WriteString("L")
		}
		b.WriteString(num(x) + " " + num(y))
	}
	b.WriteString(`Z"/>`)
	for _, t := range d.towns {
		x, y := d.project(t.lat, t.lon)
		fmt.Fprintf(b, `<circle class="bm-dot" cx="%s" cy="%s" r="%s"/>`, num(x), num(y), num(3*d.k))
		fmt.Fprintf(b, `<text class="bm-town" x="%s" y="%s" font-size="%s">%s</text>`,
			num(t.label.x0), num(t.label.y1-2*d.k), num(townSize*d.k), esc(t.name))
	}
	b.WriteString(`</g>`)

	for _, m := range d.marks {
		name := m.Label
		if m.Commune != "" {
			name += ", " + m.Commune
		}
		if m.Grand && d.opts.GrandSite != "" {
			name += " (" + d.opts.GrandSite + ")"
		}
		fmt.Fprintf(b, `<a href="%s"><title>%s</title>`, esc(m.URL), esc(name))
		if m.Grand {
			b.WriteString(triangle("bm-grand", m.x, m.y, d.radius(m)))
			fmt.Fprintf(b, `<text class="bm-label" x="%s" y="%s" font-size="%s">%s</text>`,
				num(m.label.x0), num(m.label.y1-3*d.k), num(labelSize*d.k), esc(m.Label))
		} else {
			fmt.Fprintf(b, `<circle class="bm-venue" cx="%s" cy="%s" r="%s"/>`, num(m.x), num(m.y), num(d.radius(m)))
		}
		b.WriteString("</a>")
	}
	d.writeLegend(b)
	b.WriteString("</svg>")
}

// triangle draws a grand site as an upward triangle, the shape of a slag
// heap, centred on x, y.
func triangle(class string, x, y, r float64) string {
	h := r * math.Sqrt(3) / 2
	return fmt.Sprintf(`<path class="%s" d="M%s %sL%s %sL%s %sZ"/>`, class,
		num(x), num(y-r), num(x+h), num(y+r/2), num(x-h), num(y+r/2))
}

func (d *drawing) legend() bool { return d.opts.GrandSite != "" && d.opts.Venue != "" }

// legendBox is the room the legend takes, kept free of labels.
func (d *drawing) legendBox() box {
	n := max(len([]rune(d.opts.GrandSite)), len([]rune(d.opts.Venue)))
	w := 3*grandR + float64(n)*townSize*charWidth
	return box{0, d.h - (margin+8+3*grandR)*d.k, (margin + w) * d.k, d.h}
}

// writeLegend explains the two shapes in the bottom left corner. It is
// hidden from screen readers: each link already says what it leads to.
func (d *drawing) writeLegend(b *strings.Builder) {
	if !d.legend() {
		return
	}
	x := (margin + grandR) * d.k
	y1 := d.h - (margin+8)*d.k
	y0 := y1 - 2*grandR*d.k
	tx := x + 2*grandR*d.k
	size := num(townSize * d.k)
	b.WriteString(`<g aria-hidden="true">`)
	b.WriteString(triangle("bm-grand", x, y0, grandR*d.k))
	fmt.Fprintf(b, `<text class="bm-label" x="%s" y="%s" font-size="%s">%s</text>`, num(tx), num(y0+5*d.k), size, esc(d.opts.GrandSite))
	fmt.Fprintf(b, `<circle class="bm-venue" cx="%s" cy="%s" r="%s"/>`, num(x), num(y1), num(venueR*d.k))
	fmt.Fprintf(b, `<text class="bm-label" x="%s" y="%s" font-size="%s">%s</text>`, num(tx), num(y1+5*d.k), size, esc(d.opts.Venue))
	b.WriteString(`</g>`)
}
