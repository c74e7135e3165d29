package basinmap

import (
	"encoding/xml"
	"fmt"
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// venues are the shipped venues' coordinates, close neighbours included
// (Base 11/19 and the twin slag heaps, Louvre-Lens and the stadium).
var venues = []Point{
	{Label: "Arenberg Creative Mine", Commune: "Wallers", URL: "/lieux/arenberg-creative-mine/", Lat: 50.3994, Lon: 3.4108, Grand: true},
	{Label: "Base 11/19", Commune: "Loos-en-Gohelle", URL: "/lieux/base-11-19/", Lat: 50.4478, Lon: 2.7937, Grand: true},
	{Label: "Beffroi de Douai", Commune: "Douai", URL: "/lieux/beffroi-de-douai/", Lat: 50.3699, Lon: 3.0797},
	{Label: "Centre culturel Arc-en-Ciel", Commune: "Liévin", URL: "/lieux/centre-culturel-arc-en-ciel/", Lat: 50.4224, Lon: 2.7791},
	{Label: "Centre historique minier de Lewarde", Commune: "Lewarde", URL: "/lieux/centre-historique-minier-lewarde/", Lat: 50.3337, Lon: 3.1663, Grand: true},
	{Label: "Cinéma Le Casino", Commune: "Auchel", URL: "/lieux/cinema-le-casino-auchel/", Lat: 50.5084, Lon: 2.4735},
	{Label: "Cité des électriciens", Commune: "Bruay-La-Buissière", URL: "/lieux/cite-des-electriciens/", Lat: 50.4838, Lon: 2.5457, Grand: true},
	{Label: "Fosse 9-9bis", Commune: "Oignies", URL: "/lieux/fosse-9-9bis/", Lat: 50.4613, Lon: 3.0028, Grand: true},
	{Label: "Jardins ouvriers de la cité n° 6", Commune: "Marles-les-Mines", URL: "/lieux/jardins-de-la-fosse-marles/", Lat: 50.5031, Lon: 2.5039},
	{Label: "Louvre-Lens", Commune: "Lens", URL: "/lieux/louvre-lens/", Lat: 50.4297, Lon: 2.8047},
	{Label: "Mare à Goriaux", Commune: "Raismes", URL: "/lieux/mare-a-goriaux/", Lat: 50.3958, Lon: 3.4322},
	{Label: "Musée d’école et de la mine", Commune: "Harnes", URL: "/lieux/musee-ecole-et-mine-harnes/", Lat: 50.4470, Lon: 2.9059},
	{Label: "Parc municipal d’Évin-Malmaison", Commune: "Évin-Malmaison", URL: "/lieux/parc-municipal-evin-malmaison/", Lat: 50.4393, Lon: 3.0339},
	{Label: "Salle des fêtes de Courrières", Commune: "Courrières", URL: "/lieux/salle-des-fetes-courrieres/", Lat: 50.4575, Lon: 2.9478},
	{Label: "Salle des fêtes d’Hersin-Coupigny", Commune: "Hersin-Coupigny", URL: "/lieux/salle-des-fetes-hersin-coupigny/", Lat: 50.4478, Lon: 2.6486},
	{Label: "Stade Bollaert-Delelis", Commune: "Lens", URL: "/lieux/stade-bollaert-delelis/", Lat: 50.4329, Lon: 2.8149},
	{Label: "Terril Sainte-Henriette", Commune: "Hénin-Beaumont", URL: "/lieux/terril-sainte-henriette/", Lat: 50.4196, Lon: 2.9737},
	{Label: "Terril viticole d’Haillicourt", Commune: "Haillicourt", URL: "/lieux/terril-viticole-haillicourt/", Lat: 50.4752, Lon: 2.5794},
	{Label: "Terrils jumeaux 74 et 74a", Commune: "Loos-en-Gohelle", URL: "/lieux/terrils-jumeaux/", Lat: 50.4441, Lon: 2.7874},
	{Label: "Théâtre municipal d’Anzin", Commune: "Anzin", URL: "/lieux/theatre-municipal-anzin/", Lat: 50.3722, Lon: 3.5048},
	{Label: "Théâtre municipal de Denain", Commune: "Denain", URL: "/lieux/theatre-municipal-denain/", Lat: 50.3291, Lon: 3.3951},
}

var french = Options{
	Title:       "Carte des lieux du bassin minier",
	Description: "Les lieux de la Quinzaine, de Béthune à Valenciennes ; les cinq grands sites sont marqués d’un triangle.",
	GrandSite:   "grand site",
	Venue:       "lieu",
}

// thirty is the shipped venues and nine more, two of them at the very same
// place as a shipped one.
func thirty() []Point {
	ps := append([]Point(nil), venues...)
	for i := range 7 {
		ps = append(ps, Point{
			Label: fmt.Sprintf("Salle polyvalente n° %d", i), Commune: "Commune-des-Terrils",
			URL: fmt.Sprintf("/lieux/salle-polyvalente-%d/", i),
			Lat: 50.30 + float64(i)*0.04, Lon: 2.5 + float64(i)*0.15,
		})
	}
	ps = append(ps,
		Point{Label: "Cour de la fosse", Commune: "Oignies", URL: "/lieux/cour-de-la-fosse/", Lat: 50.4613, Lon: 3.0028},
		Point{Label: "Musée du Louvre-Lens, parvis", Commune: "Lens", URL: "/lieux/parvis/", Lat: 50.4297, Lon: 2.8047},
	)
	return ps
}

// node is any element of the parsed SVG.
type node struct {
	XMLName xml.Name
	Attrs   []xml.Attr `xml:",any,attr"`
	Text    string     `xml:",chardata"`
	Nodes   []node     `xml:",any"`
}

func (n node) attr(name string) string {
	for _, a := range n.Attrs {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

func (n node) all(local string) []node {
	var out []node
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			out = append(out, c)
		}
		out = append(out, c.all(local)...)
	}
	return out
}

func (n node) child(local string) (node, bool) {
	for _, c := range n.Nodes {
		if c.XMLName.Local == local {
			return c, true
		}
	}
	return node{}, false
}

func draw(t *testing.T, ps []Point, opts Options) (string, node) {
	t.Helper()
	out, err := SVG(ps, opts)
	if err != nil {
		t.Fatal(err)
	}
	var root node
	if err := xml.Unmarshal([]byte(out), &root); err != nil {
		t.Fatalf("the map is not well-formed XML: %v\n%s", err, out)
	}
	if root.XMLName.Local != "svg" {
		t.Fatalf("root element %q; want svg", root.XMLName.Local)
	}
	return string(out), root
}

func TestEveryPointIsALinkNamedByItsTitle(t *testing.T) {
	ps := thirty()
	_, root := draw(t, ps, french)
	links := root.all("a")
	if len(links) != len(ps) {
		t.Fatalf("%d links; want one per point, %d", len(links), len(ps))
	}
	seen := map[string]string{}
	for _, a := range links {
		title, ok := a.child("title")
		if !ok || strings.TrimSpace(title.Text) == "" {
			t.Errorf("link to %s has no title", a.attr("href"))
		}
		seen[a.attr("href")] = title.Text
	}
	for _, p := range ps {
		want := p.Label + ", " + p.Commune
		if p.Grand {
			want += " (grand site)"
		}
		if got := seen[p.URL]; got != want {
			t.Errorf("link to %s named %q; want %q", p.URL, got, want)
		}
	}
}

func TestMapIsNamedByItsTitleAndDescribedByItsDesc(t *testing.T) {
	_, root := draw(t, venues, french)
	if r := root.attr("role"); r != "" {
		t.Errorf("svg role=%q; a map holding links must keep its own role", r)
	}
	byID := map[string]node{}
	for _, n := range append(root.all("title"), root.all("desc")...) {
		if id := n.attr("id"); id != "" {
			byID[id] = n
		}
	}
	if got := byID[root.attr("aria-labelledby")]; got.XMLName.Local != "title" || got.Text != french.Title {
		t.Errorf("aria-labelledby=%q leads to %v; want the map's title", root.attr("aria-labelledby"), got)
	}
	if got := byID[root.attr("aria-describedby")]; got.XMLName.Local != "desc" || got.Text != french.Description {
		t.Errorf("aria-describedby=%q leads to %v; want the map's description", root.attr("aria-describedby"), got)
	}
	if first := root.Nodes[0]; first.XMLName.Local != "title" {
		t.Errorf("first child is %s; the map's title comes first", first.XMLName.Local)
	}
	if root.attr("viewBox") == "" || root.attr("width") != "100%" || root.attr("height") != "" {
		t.Errorf("viewBox=%q width=%q height=%q; want a viewBox, width 100%% and no fixed height",
			root.attr("viewBox"), root.attr("width"), root.attr("height"))
	}
}

func TestGrandSitesDifferByShapeSizeAndLabel(t *testing.T) {
	_, root := draw(t, venues, french)
	for _, a := range root.all("a") {
		grand := strings.HasSuffix(a.attr("href"), "/") && isGrand(a.attr("href"))
		_, circle := a.child("circle")
		path, triangle := a.child("path")
		label, labelled := a.child("text")
		if grand {
			if !triangle || circle || path.attr("class") != "bm-grand" {
				t.Errorf("grand site %s: want a triangle of class bm-grand and no disc", a.attr("href"))
			}
			if !labelled || strings.TrimSpace(label.Text) == "" {
				t.Errorf("grand site %s has no label on the map", a.attr("href"))
			}
			continue
		}
		if !circle || triangle || labelled {
			t.Errorf("venue %s: want a disc alone", a.attr("href"))
		}
	}
	// Size as well as shape: the triangle's height exceeds the disc's
	// diameter.
	if 1.5*grandR <= 2*venueR {
		t.Errorf("grand site mark %.1f high, venue %.1f; want the grand site larger", 1.5*grandR, 2*venueR)
	}
}

func isGrand(url string) bool {
	for _, v := range venues {
		if v.URL == url {
			return v.Grand
		}
	}
	return false
}

func TestSameBytesWhateverTheOrderOfPoints(t *testing.T) {
	ps := thirty()
	want, _ := draw(t, ps, french)
	r := rand.New(rand.NewPCG(1, 2))
	for range 20 {
		r.Shuffle(len(ps), func(i, j int) { ps[i], ps[j] = ps[j], ps[i] })
		if got, _ := draw(t, ps, french); got != want {
			t.Fatal("the map changed with the order of its points")
		}
	}
	if m := regexp.MustCompile(`[0-9]e[+-]?[0-9]`).FindString(want); m != "" {
		t.Errorf("a number is written in exponent form: %s", m)
	}
}

func TestLinksFollowTheMapFromWestToEast(t *testing.T) {
	_, root := draw(t, venues, french)
	var order []string
	for _, a := range root.all("a") {
		order = append(order, a.attr("href"))
	}
	if order[0] != "/lieux/cinema-le-casino-auchel/" || order[len(order)-1] != "/lieux/theatre-municipal-anzin/" {
		t.Errorf("links run from %s to %s; want Auchel first and Anzin last", order[0], order[len(order)-1])
	}
}

// centre is where a link's mark is drawn: a disc's centre, or a triangle's
// apex moved down by its circumradius.
func centre(t *testing.T, a node) (x, y float64) {
	t.Helper()
	if c, ok := a.child("circle"); ok {
		return parse(t, c.attr("cx")), parse(t, c.attr("cy"))
	}
	p, _ := a.child("path")
	var px, py float64
	if _, err := fmt.Sscanf(p.attr("d"), "M%g %g", &px, &py); err != nil {
		t.Fatalf("triangle path %q: %v", p.attr("d"), err)
	}
	return px, py + grandR
}

func parse(t *testing.T, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func TestCloseOrEqualPointsAreSpreadSoEachStaysClickable(t *testing.T) {
	_, root := draw(t, thirty(), french)
	links := root.all("a")
	type spot struct {
		href string
		x, y float64
		r    float64
	}
	var spots []spot
	for _, a := range links {
		x, y := centre(t, a)
		r := venueR
		if _, ok := a.child("path"); ok {
			r = grandR
		}
		spots = append(spots, spot{a.attr("href"), x, y, r})
	}
	for i, a := range spots {
		for _, b := range spots[i+1:] {
			// The rounding of coordinates to a tenth may cost a tenth.
			if d := math.Hypot(a.x-b.x, a.y-b.y); d < a.r+b.r+gap-0.2 {
				t.Errorf("%s and %s are %.1f apart; want at least %.1f", a.href, b.href, d, a.r+b.r+gap)
			}
		}
	}
}

func TestPointOutsideTheBasinGrowsTheFrame(t *testing.T) {
	far := Point{Label: "Plage de Malo", Commune: "Dunkerque", URL: "/lieux/malo/", Lat: 51.05, Lon: 2.40}
	_, root := draw(t, append([]Point{far}, venues...), french)
	var w, h float64
	if _, err := fmt.Sscanf(root.attr("viewBox"), "0 0 %g %g", &w, &h); err != nil {
		t.Fatal(err)
	}
	for _, a := range root.all("a") {
		x, y := centre(t, a)
		if x < 0 || y < 0 || x > w || y > h {
			t.Errorf("%s drawn at %.1f,%.1f, outside the %gx%g drawing", a.attr("href"), x, y, w, h)
		}
	}
}

func TestHostileTextComesOutEscaped(t *testing.T) {
	hostile := `</svg><script>alert(1)</script>`
	ps := []Point{{Label: hostile, Commune: `"><img src=x onerror=alert(2)>`, URL: `/lieux/x/?a="b"&c=<d>`, Lat: 50.4, Lon: 3, Grand: true}}
	opts := french
	opts.Title = hostile
	opts.ID = `m"><script>`
	out, root := draw(t, ps, opts)
	if strings.Contains(out, "<script") || strings.Contains(out, "<img") {
		t.Fatalf("markup from the content came out raw:\n%s", out)
	}
	a := root.all("a")[0]
	if got := a.attr("href"); got != ps[0].URL {
		t.Errorf("href=%q; want %q", got, ps[0].URL)
	}
	if title, _ := a.child("title"); !strings.HasPrefix(title.Text, hostile) {
		t.Errorf("link title %q; want the label as text", title.Text)
	}
	// In an HTML page, as the map is used, the parser finds no script and
	// keeps everything inside the svg.
	doc, err := html.Parse(strings.NewReader("<!doctype html><body>" + out + "<p id=after></p>"))
	if err != nil {
		t.Fatal(err)
	}
	var walk func(n *html.Node, inSVG bool)
	walk = func(n *html.Node, inSVG bool) {
		if n.Type == html.ElementNode {
			if n.Data == "script" || n.Data == "img" {
				t.Errorf("the page holds a <%s> element", n.Data)
			}
			if n.Data == "svg" {
				inSVG = true
			}
			for _, a := range n.Attr {
				if a.Key == "id" && a.Val == "after" && inSVG {
					t.Error("content closed the svg early")
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, inSVG)
		}
	}
	walk(doc, false)
}

func TestThirtyPointsStayUnderFifteenKilobytes(t *testing.T) {
	out, _ := draw(t, thirty(), french)
	if len(out) >= 15*1024 {
		t.Errorf("map of 30 points is %d bytes; want under 15 KB", len(out))
	}
	t.Logf("map of 30 points: %d bytes", len(out))
}

func TestWidthScalesTheDrawing(t *testing.T) {
	opts := french
	opts.Width = 400
	_, root := draw(t, venues, opts)
	var w, h float64
	if _, err := fmt.Sscanf(root.attr("viewBox"), "0 0 %g %g", &w, &h); err != nil {
		t.Fatal(err)
	}
	if w != 400 || h < 200 || h > 300 {
		t.Errorf("viewBox %gx%g; want 400 wide and about 260 high", w, h)
	}
}

func TestLegendOnlyWithBothWords(t *testing.T) {
	out, _ := draw(t, venues, french)
	if !strings.Contains(out, ">grand site</text>") || !strings.Contains(out, ">lieu</text>") {
		t.Error("legend missing with both words given")
	}
	opts := french
	opts.Venue = ""
	out, _ = draw(t, venues, opts)
	if strings.Contains(out, ">grand site</text>") {
		t.Error("legend drawn with one word missing")
	}
}

func TestInvalidInputIsRefused(t *testing.T) {
	ok := Point{Label: "Fosse", URL: "/lieux/fosse/", Lat: 50.4, Lon: 3}
	tests := []struct {
		name string
		p    Point
		opts Options
		want string
	}{
		{"no title", ok, Options{}, "basin map: no title"},
		{"negative width", ok, Options{Title: "Carte", Width: -1}, "basin map: negative width -1"},
		{"script URL", Point{Label: "Fosse", URL: "javascript:alert(1)", Lat: 50.4, Lon: 3}, french,
			`basin map: point "Fosse": URL "javascript:alert(1)": scheme "javascript" is not http(s)`},
		{"no URL", Point{Label: "Fosse", Lat: 50.4, Lon: 3}, french, `basin map: point "Fosse": no URL`},
		{"latitude", Point{Label: "Fosse", URL: "/x/", Lat: 91, Lon: 3}, french, `basin map: point "Fosse": latitude 91 out of range`},
		{"longitude", Point{Label: "Fosse", URL: "/x/", Lat: 50, Lon: math.NaN()}, french, `basin map: point "Fosse": longitude NaN out of range`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := SVG([]Point{tt.p}, tt.opts)
			if err == nil || err.Error() != tt.want {
				t.Errorf("error %v; want %s", err, tt.want)
			}
		})
	}
}

func TestNoPointsStillDrawsTheBasin(t *testing.T) {
	out, root := draw(t, nil, french)
	if len(root.all("a")) != 0 || !strings.Contains(out, `class="bm-band"`) || !strings.Contains(out, ">Valenciennes</text>") {
		t.Errorf("empty map lacks its backdrop:\n%s", out)
	}
}
