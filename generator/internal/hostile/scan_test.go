package hostile

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"
	"golang.org/x/net/html"

	"quinzaine/generator/internal/markdown"
	"quinzaine/generator/internal/theme"
)

// TestHostileContentBuildsIntoInertFiles builds testdata/hostile.txtar and
// reads every file written, each with a parser for its format, the way a
// browser, a feed reader, a calendar or a spreadsheet would. No attack may
// come through as anything but text.
func TestHostileContentBuildsIntoInertFiles(t *testing.T) {
	siteDir, encDir, th := build(t)
	sc := newScanner(th)
	for _, dir := range []string{siteDir, encDir} {
		for _, name := range files(t, dir) {
			data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
			if err != nil {
				t.Fatal(err)
			}
			for _, problem := range sc.scan(name, data) {
				t.Errorf("%s: %s", name, problem)
			}
		}
	}
	if sc.pages == 0 || sc.data == 0 {
		t.Fatalf("scanned %d pages and %d data scripts; the build wrote too little", sc.pages, sc.data)
	}
	// The attacks are shown, as text: dropping them would hide the
	// problem from the editor instead of showing it.
	for _, want := range []string{
		`</script><script>alert(1)</script> "><img src=x onerror=alert(1)> {{.}}`,
		`Fosse </script><script>alert(1)</script> "><img src=x onerror=alert(1)>`,
	} {
		if !sc.shown[want] {
			t.Errorf("no page shows the text %q", want)
		}
	}
}

// scanner checks files and counts what it saw.
type scanner struct {
	// scripts are the addresses of the theme's own scripts, the only
	// ones a page may load.
	scripts map[string]bool
	// static holds the theme's static files, published as they are.
	static map[string][]byte
	pages  int
	data   int // JSON data scripts read
	shown  map[string]bool
}

func newScanner(th *theme.Theme) *scanner {
	sc := &scanner{scripts: map[string]bool{}, static: map[string][]byte{}, shown: map[string]bool{}}
	for _, name := range th.StaticFiles() {
		var b bytes.Buffer
		th.WriteStatic(&b, name)
		sc.static[name] = b.Bytes()
		if path.Ext(name) == ".js" {
			sc.scripts["/"+name] = true
		}
	}
	return sc
}

func (sc *scanner) scan(name string, data []byte) []string {
	if s, ok := sc.static[name]; ok && bytes.Equal(s, data) {
		return nil // the theme's own file
	}
	switch path.Ext(name) {
	case ".html":
		sc.pages++
		return sc.html(data)
	case ".xml":
		return sc.xml(data)
	case ".json", ".geojson":
		if !json.Valid(data) {
			return []string{"not valid JSON"}
		}
	case ".jsonld":
		return sc.jsonData(data)
	case ".ics":
		return calendar(data)
	case ".csv":
		return spreadsheet(data)
	case ".jpg", ".jpeg", ".png", ".webp", ".avif", ".txt":
	default:
		return []string{"no scanner reads this kind of file; add one to scanner.scan"}
	}
	return nil
}

// forbidden are elements that no page of the theme uses and that run
// script or load another document. The theme's inline SVG icons and map
// are allowed; an SVG from content would need an event attribute to run
// script, and those are refused everywhere.
var forbidden = []string{"iframe", "frame", "frameset", "object", "embed", "applet", "base"}

// safeURL is markdown.SafeURL plus the one other scheme the theme writes
// itself: webcal: subscriptions to the site's own calendars.
func safeURL(u string) bool {
	return markdown.SafeURL(u) || strings.HasPrefix(u, "webcal://quinzaine.example.org/")
}

// urlAttributes are the attributes a browser follows or loads.
var urlAttributes = []string{"href", "src", "action", "formaction", "poster", "cite", "background", "xlink:href", "data", "ping"}

// html tokenizes a page as a browser would.
func (sc *scanner) html(data []byte) []string {
	var problems []string
	z := html.NewTokenizer(bytes.NewReader(data))
	inData := false
	var text strings.Builder
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			if z.Err() != io.EOF {
				problems = append(problems, z.Err().Error())
			}
			sc.shown[strings.Join(strings.Fields(text.String()), " ")] = true
			for _, s := range strings.Split(text.String(), "\n") {
				sc.shown[strings.TrimSpace(s)] = true
			}
			return problems
		case html.TextToken:
			if inData {
				sc.data++
				problems = append(problems, sc.jsonData(z.Text())...)
			} else {
				text.Write(z.Text())
			}
		case html.EndTagToken:
			inData = false
			text.WriteString("\n")
		case html.StartTagToken, html.SelfClosingTagToken:
			text.WriteString("\n")
			tok := z.Token()
			problems = append(problems, sc.tag(tok)...)
			if tok.Data == "script" && tt == html.StartTagToken {
				typ := attr(tok, "type")
				inData = attr(tok, "src") == "" && (typ == "application/ld+json" || typ == "application/json")
			}
		}
	}
}

func attr(tok html.Token, key string) string {
	for _, a := range tok.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// tag checks one start tag: its element and each attribute.
func (sc *scanner) tag(tok html.Token) []string {
	var problems []string
	bad := func(format string) { problems = append(problems, strings.Replace(format, "%s", tok.String(), 1)) }
	if slices.Contains(forbidden, tok.Data) {
		bad("element from content: %s")
	}
	if tok.Data == "img" && attr(tok, "src") == "x" {
		bad("element from content: %s")
	}
	if tok.Data == "script" {
		src, typ := attr(tok, "src"), attr(tok, "type")
		switch {
		case src != "" && !sc.scripts[src]:
			bad("script that is not the theme's: %s")
		case src == "" && typ != "application/ld+json" && typ != "application/json":
			bad("inline script: %s")
		}
	}
	for _, a := range tok.Attr {
		switch {
		case strings.HasPrefix(a.Key, "on"):
			bad("event handler attribute: %s")
		case slices.Contains(urlAttributes, a.Key) && !safeURL(a.Val):
			bad("address to another scheme: %s")
		case a.Key == "srcset":
			for _, c := range strings.Split(a.Val, ",") {
				if f := strings.Fields(c); len(f) > 0 && !safeURL(f[0]) {
					bad("address to another scheme: %s")
				}
			}
		case a.Key == "style" && (strings.Contains(strings.ToLower(a.Val), "javascript:") || strings.Contains(strings.ToLower(a.Val), "expression(")):
			bad("script in a style: %s")
		case a.Key == "content" && strings.EqualFold(attr(tok, "http-equiv"), "refresh"):
			bad("refresh: %s")
		}
	}
	return problems
}

// jsonData checks the text of a JSON script (JSON-LD, the filter's data) or
// a JSON-LD file: valid JSON, and nothing an HTML parser would take for the
// end of the element or a JavaScript parser for the end of a line.
func (sc *scanner) jsonData(data []byte) []string {
	var problems []string
	if !json.Valid(data) {
		problems = append(problems, "JSON data that does not parse: "+string(data))
	}
	for _, s := range []string{"<", "\u2028", "\u2029"} {
		if bytes.Contains(data, []byte(s)) {
			problems = append(problems, "JSON data holds a raw "+strings.TrimPrefix(strings.TrimSuffix(jsonQuote(s), `"`), `"`))
		}
	}
	return problems
}

func jsonQuote(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// xml reads a feed or a sitemap: well-formed, no script element, and the
// HTML inside an Atom `type="html"` element as safe as a page.
func (sc *scanner) xml(data []byte) []string {
	var problems []string
	d := xml.NewDecoder(bytes.NewReader(data))
	htmlNext := false
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return problems
		}
		if err != nil {
			return append(problems, "XML does not parse: "+err.Error())
		}
		switch tok := tok.(type) {
		case xml.StartElement:
			if strings.EqualFold(tok.Name.Local, "script") {
				problems = append(problems, "script element in XML")
			}
			htmlNext = false
			for _, a := range tok.Attr {
				if a.Name.Local == "type" && (a.Value == "html" || a.Value == "xhtml") {
					htmlNext = true
				}
			}
		case xml.CharData:
			if htmlNext {
				problems = append(problems, sc.html(tok)...)
			}
		case xml.EndElement:
			htmlNext = false
		}
	}
}

// calendarProperties are the only properties the iCalendar writer writes;
// any other on a line of its own was injected through a line break.
var calendarProperties = []string{"BEGIN", "END", "VERSION", "PRODID", "CALSCALE", "METHOD", "X-WR-CALNAME", "X-WR-TIMEZONE",
	"TZID", "X-LIC-LOCATION", "TZOFFSETFROM", "TZOFFSETTO", "TZNAME", "DTSTART", "RRULE", "DTSTAMP", "UID", "SEQUENCE", "LAST-MODIFIED",
	"DTEND", "SUMMARY", "DESCRIPTION", "LOCATION", "GEO", "URL", "CATEGORIES", "STATUS", "TRANSP"}

func calendar(data []byte) []string {
	var problems []string
	if _, err := ics.ParseCalendar(bytes.NewReader(data)); err != nil {
		problems = append(problems, "iCalendar does not parse: "+err.Error())
	}
	unfolded := strings.ReplaceAll(string(data), "\r\n ", "")
	for _, l := range strings.Split(strings.TrimSuffix(unfolded, "\r\n"), "\r\n") {
		name := l
		if i := strings.IndexAny(l, ":;"); i >= 0 {
			name = l[:i]
		}
		if !slices.Contains(calendarProperties, name) {
			problems = append(problems, "unexpected line: "+l)
		}
		if strings.HasPrefix(l, "BEGIN:") && !slices.Contains([]string{"BEGIN:VCALENDAR", "BEGIN:VTIMEZONE", "BEGIN:DAYLIGHT", "BEGIN:STANDARD", "BEGIN:VEVENT"}, l) {
			problems = append(problems, "unexpected component: "+l)
		}
	}
	return problems
}

func spreadsheet(data []byte) []string {
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		return []string{"CSV does not parse: " + err.Error()}
	}
	var problems []string
	for _, r := range rows[1:] {
		for i, cell := range r {
			if rows[0][i] == "latitude" || rows[0][i] == "longitude" {
				continue
			}
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
				problems = append(problems, "cell "+rows[0][i]+" starts a formula: "+cell)
			}
		}
	}
	return problems
}
