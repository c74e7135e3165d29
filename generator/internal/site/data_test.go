package site

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	ics "github.com/arran4/golang-ical"
	"github.com/paulmach/orb/geojson"
	"github.com/santhosh-tekuri/jsonschema/v6"
	"golang.org/x/net/html"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/ical"
	"quinzaine/generator/internal/opendata"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// The shipped content and a 1,000-event synthetic programme, each built
// whole: every calendar, feed, open data file, sitemap and event page is
// read back by a parser that did not come from this project.

func TestShippedDataFilesPassIndependentParsers(t *testing.T) {
	p := load(t, filepath.Join("..", "..", "..", "content"))
	dir, outs := build(t, p, Options{})
	checkData(t, p, dir, outs, p.Site.BaseURL)
}

func TestSyntheticDataFilesPassIndependentParsers(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 1,000-event programme; skipped with -short")
	}
	p := load(t, synthetic(t))
	dir, outs := build(t, p, Options{})
	checkData(t, p, dir, outs, p.Site.BaseURL)
}

// Every address in the files follows -base-url, path included.
func TestDataFilesFollowTheBaseURLOverride(t *testing.T) {
	p := load(t, filepath.Join("..", "..", "..", "content"))
	base := "https://preview.example.net/quinzaine/"
	dir, outs := build(t, p, Options{BaseURL: base})
	checkData(t, p, dir, outs, base)
	for _, f := range []string{"sitemap.xml", "robots.txt", "feed.xml", "donnees/evenements.json", "donnees/seances.csv", "donnees/lieux.geojson", "donnees/schedule.json", "evenements/2026.ics"} {
		data := read(t, dir, f)
		if !bytes.Contains(data, []byte(base)) {
			t.Errorf("%s never names %s", f, base)
		}
		if bytes.Contains(data, []byte(p.Site.BaseURL)) {
			t.Errorf("%s still names site.yaml's %s", f, p.Site.BaseURL)
		}
	}
	// « Mon programme » builds its .ics in the browser from the index: its
	// UIDs must be the calendars', or importing both doubles every event.
	var ix struct{ Host string }
	if err := json.Unmarshal(read(t, dir, "programme/index.json"), &ix); err != nil {
		t.Fatal(err)
	}
	if want := "preview.example.net"; ix.Host != want {
		t.Errorf("the search index names UIDs at %q; the calendars at %q", ix.Host, want)
	}
}

func load(t *testing.T, dir string) *programme.Programme {
	t.Helper()
	p, diags := programme.Load(dir, content.Options{}, programme.Options{})
	if diags.HasErrors(false) {
		var b strings.Builder
		diag.WriteText(&b, diags)
		t.Fatalf("%s does not load: %s\n%s", dir, diag.Summary(diags), b.String())
	}
	return p
}

// synthetic writes the shared benchmark's 1,000-event programme and returns
// its content folder.
func synthetic(t *testing.T) string {
	t.Helper()
	repo, err := filepath.Abs(filepath.Join("..", "..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	synth := filepath.Join(repo, "..", "shared", "bench", "synth")
	if _, err := os.Stat(synth); err != nil {
		t.Skipf("no synthetic programme generator at %s (the shared/ folder beside the repository)", synth)
	}
	out := filepath.Join(t.TempDir(), "synth")
	cmd := exec.Command("go", "-C", synth, "run", ".", "-events", "1000", "-venues", "100", "-seed", "1", "-out", out, "-eleventy=false")
	cmd.Env = append(os.Environ(), "GOFLAGS=-mod=mod")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("synth: %v\n%s", err, b)
	}
	return filepath.Join(out, "ours", "content")
}

func read(t *testing.T, dir, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(name)))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// checkData checks every non-page file of a built site, and the structured
// data of every event page, and logs how many each parser accepted.
func checkData(t *testing.T, p *programme.Programme, dir string, outs []Output, base string) {
	t.Helper()
	r := route.Router{Default: p.Site.Languages[0]}
	host := hostname(t, base)
	counts := map[string]int{}
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		rel = filepath.ToSlash(rel)
		switch {
		case strings.HasSuffix(rel, ".ics"):
			checkCalendar(t, p, rel, read(t, dir, rel), host)
			counts["iCalendar (golang-ical)"]++
		case strings.HasSuffix(rel, "feed.xml"):
			checkAtom(t, rel, read(t, dir, rel), base)
			counts["Atom (encoding/xml)"]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	wantCalendars := 1 + len(p.Events) + len(p.Venues) + len(p.Categories)
	if counts["iCalendar (golang-ical)"] != wantCalendars {
		t.Errorf("%d calendars written; want %d (edition, events, venues, categories)", counts["iCalendar (golang-ical)"], wantCalendars)
	}
	if counts["Atom (encoding/xml)"] != 2*len(p.Site.Languages) {
		t.Errorf("%d feeds written; want 2 per language", counts["Atom (encoding/xml)"])
	}
	checkSitemap(t, dir, outs, base)
	checkEventsJSON(t, p, read(t, dir, route.File(r.Data(opendata.EventsFile))))
	checkSessionsCSV(t, p, read(t, dir, route.File(r.Data(opendata.SessionsFile))))
	checkVenuesGeoJSON(t, p, read(t, dir, route.File(r.Data(opendata.VenuesFile))))
	checkSchedule(t, p, read(t, dir, route.File(r.Data(opendata.ScheduleFile))))
	counts["open data files"] = 4
	counts["event pages with JSON-LD (x/net/html, encoding/json)"] = checkEventPages(t, p, dir)
	counts["JSON-LD documents (jsonschema, jsonld/testdata schemas)"] = checkStructuredData(t, p, dir)
	checkDataPages(t, p, dir, base)
	checkSubscribeLinks(t, p, dir, base)
	checkClients(t, p, dir, host)
	var lines []string
	for k, v := range counts {
		lines = append(lines, fmt.Sprintf("%s: %d", k, v))
	}
	slices.Sort(lines)
	t.Logf("accepted: %s", strings.Join(lines, "; "))
}

func hostname(t *testing.T, base string) string {
	t.Helper()
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	return u.Hostname()
}

// sessionsByUID indexes every session by its iCalendar UID.
func sessionsByUID(p *programme.Programme, host string) map[string]*programme.Session {
	m := map[string]*programme.Session{}
	for _, s := range p.Sessions {
		m[ical.UID(s, host)] = s
	}
	return m
}

func checkCalendar(t *testing.T, p *programme.Programme, name string, data []byte, host string) {
	t.Helper()
	if bytes.Contains(bytes.ReplaceAll(data, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("%s: a line ends without CR", name)
	}
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Errorf("%s: golang-ical refuses it: %v", name, err)
		return
	}
	byUID := sessionsByUID(p, host)
	events := cal.Events()
	if len(events) == 0 {
		t.Errorf("%s: no VEVENT", name)
	}
	for _, ev := range events {
		s := byUID[ev.Id()]
		if s == nil {
			t.Errorf("%s: VEVENT %q is no session of the programme", name, ev.Id())
			continue
		}
		title, _ := s.Event.Title.In(p.Site.Languages[0])
		if sum := ev.GetProperty(ics.ComponentPropertySummary); sum == nil || !strings.Contains(unescape(sum.Value), title) {
			t.Errorf("%s: %s: SUMMARY does not carry the title %q", name, ev.Id(), title)
		}
		st := ev.GetProperty(ics.ComponentPropertyStatus)
		if cancelled := st != nil && st.Value == "CANCELLED"; cancelled != (s.Event.Status == programme.Cancelled) {
			t.Errorf("%s: %s: STATUS %v for an event %s", name, ev.Id(), st, s.Event.Status)
		}
		if s.AllDay {
			start, err := ev.GetAllDayStartAt()
			if err != nil || start.Format(time.DateOnly) != s.Start.Format(time.DateOnly) {
				t.Errorf("%s: %s: all-day start %v (%v); want %s", name, ev.Id(), start, err, s.Start.Format(time.DateOnly))
			}
			continue
		}
		start, err := ev.GetStartAt()
		if err != nil || !start.Equal(s.Start) {
			t.Errorf("%s: %s: start %v (%v); want %v", name, ev.Id(), start, err, s.Start)
		}
		if s.End.After(s.Start) {
			end, err := ev.GetEndAt()
			if err != nil || !end.Equal(s.End) {
				t.Errorf("%s: %s: end %v (%v); want %v", name, ev.Id(), end, err, s.End)
			}
		}
	}
}

var textUnescaper = strings.NewReplacer(`\\`, `\`, `\;`, ";", `\,`, ",", `\n`, "\n", `\N`, "\n")

func unescape(s string) string { return textUnescaper.Replace(s) }

const atomNS = "http://www.w3.org/2005/Atom"

type atomFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"http://www.w3.org/2005/Atom id"`
	Updated string   `xml:"http://www.w3.org/2005/Atom updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"http://www.w3.org/2005/Atom link"`
	Entries []struct {
		ID      string `xml:"http://www.w3.org/2005/Atom id"`
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
		Link    struct {
			Href string `xml:"href,attr"`
		} `xml:"http://www.w3.org/2005/Atom link"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func checkAtom(t *testing.T, name string, data []byte, base string) {
	t.Helper()
	var f atomFeed
	if err := xml.Unmarshal(data, &f); err != nil {
		t.Errorf("%s: not an Atom feed: %v", name, err)
		return
	}
	if f.ID == "" {
		t.Errorf("%s: no feed id", name)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil && len(f.Entries) > 0 {
		t.Errorf("%s: feed updated %q: %v", name, f.Updated, err)
	}
	self := false
	for _, l := range f.Links {
		self = self || (l.Rel == "self" && strings.HasPrefix(l.Href, base))
	}
	if !self {
		t.Errorf("%s: no self link under %s", name, base)
	}
	ids := map[string]bool{}
	var last time.Time
	for i, e := range f.Entries {
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Errorf("%s: entry %s updated %q: %v", name, e.ID, e.Updated, err)
		}
		if i > 0 && u.After(last) {
			t.Errorf("%s: entry %s is newer than the one before it", name, e.ID)
		}
		last = u
		if e.ID == "" || ids[e.ID] {
			t.Errorf("%s: entry id %q empty or repeated", name, e.ID)
		}
		ids[e.ID] = true
		if e.Title == "" || !strings.HasPrefix(e.Link.Href, base) {
			t.Errorf("%s: entry %s: title %q, link %q", name, e.ID, e.Title, e.Link.Href)
		}
	}
}

type urlset struct {
	XMLName xml.Name `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 urlset"`
	URLs    []struct {
		Loc   string `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 loc"`
		Links []struct {
			Rel      string `xml:"rel,attr"`
			Hreflang string `xml:"hreflang,attr"`
			Href     string `xml:"href,attr"`
		} `xml:"http://www.w3.org/1999/xhtml link"`
	} `xml:"http://www.sitemaps.org/schemas/sitemap/0.9 url"`
}

// checkSitemap: every planned page but « Mon programme » is in sitemap.xml
// once, at its canonical address, every alternate is itself listed, and
// robots.txt points to it; « Mon programme » asks not to be indexed.
func checkSitemap(t *testing.T, dir string, outs []Output, base string) {
	t.Helper()
	var sm urlset
	if err := xml.Unmarshal(read(t, dir, "sitemap.xml"), &sm); err != nil {
		t.Fatalf("sitemap.xml: %v", err)
	}
	base = strings.TrimSuffix(base, "/")
	want := map[string]bool{}
	personal := 0
	for _, o := range outs {
		if o.Path != "index.html" && !strings.HasSuffix(o.Path, "/index.html") {
			continue
		}
		noindex := strings.Contains(string(read(t, dir, o.Path)), `<meta name="robots" content="noindex">`)
		if o.Path == "mon-programme/index.html" || o.Path == "en/my-programme/index.html" {
			personal++
			if !noindex {
				t.Errorf("%s does not ask not to be indexed", o.Path)
			}
			continue
		}
		if noindex {
			t.Errorf("%s asks not to be indexed", o.Path)
		}
		want[base+"/"+strings.TrimSuffix(o.Path, "index.html")] = true
	}
	if personal != 2 {
		t.Errorf("%d pages of « Mon programme » planned; want 2", personal)
	}
	got := map[string]bool{}
	for _, u := range sm.URLs {
		if got[u.Loc] {
			t.Errorf("sitemap.xml lists %s twice", u.Loc)
		}
		got[u.Loc] = true
		if !want[u.Loc] {
			t.Errorf("sitemap.xml lists %s, which the site does not write", u.Loc)
		}
	}
	withAlternates := 0
	for _, u := range sm.URLs {
		self := false
		for _, l := range u.Links {
			if l.Rel != "alternate" || !got[l.Href] {
				t.Errorf("sitemap.xml: %s: alternate %s %q is not a listed page", u.Loc, l.Hreflang, l.Href)
			}
			self = self || l.Href == u.Loc
		}
		if len(u.Links) > 0 {
			withAlternates++
			if !self {
				t.Errorf("sitemap.xml: %s is not among its own alternates", u.Loc)
			}
		}
	}
	for loc := range want {
		if !got[loc] {
			t.Errorf("sitemap.xml lacks %s", loc)
		}
	}
	if withAlternates == 0 && len(sm.URLs) > 1 {
		t.Errorf("sitemap.xml names no language alternate")
	}
	robots := string(read(t, dir, "robots.txt"))
	if !strings.Contains(robots, "Sitemap: "+base+"/sitemap.xml\n") {
		t.Errorf("robots.txt does not point to the sitemap:\n%s", robots)
	}
}

func checkEventsJSON(t *testing.T, p *programme.Programme, data []byte) {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(opendata.Schema))
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("evenements.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("evenements.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("evenements.json is not JSON: %v", err)
	}
	if err := sch.Validate(inst); err != nil {
		t.Errorf("evenements.json does not follow its schema: %v", err)
	}
	var f struct {
		Evenements []struct {
			Seances []json.RawMessage `json:"seances"`
		} `json:"evenements"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	sessions := 0
	for _, e := range f.Evenements {
		sessions += len(e.Seances)
	}
	if len(f.Evenements) != len(p.Events) || sessions != len(p.Sessions) {
		t.Errorf("evenements.json has %d events and %d sessions; want %d and %d", len(f.Evenements), sessions, len(p.Events), len(p.Sessions))
	}
}

func checkSessionsCSV(t *testing.T, p *programme.Programme, data []byte) {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("seances.csv: %v", err)
	}
	if len(rows) != len(p.Sessions)+1 {
		t.Errorf("seances.csv has %d rows; want %d sessions and a header", len(rows), len(p.Sessions))
	}
	for i, row := range rows[1:] {
		for j, cell := range row {
			if cell != "" && strings.ContainsRune("=+@", rune(cell[0])) {
				t.Errorf("seances.csv: row %d, %s: %q would run as a formula", i+2, rows[0][j], cell)
			}
		}
	}
}

func checkVenuesGeoJSON(t *testing.T, p *programme.Programme, data []byte) {
	t.Helper()
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatalf("lieux.geojson: %v", err)
	}
	if len(fc.Features) != len(p.Venues) {
		t.Errorf("lieux.geojson has %d features; want %d venues", len(fc.Features), len(p.Venues))
	}
	for _, f := range fc.Features {
		if f.Geometry == nil || f.Geometry.GeoJSONType() != "Point" {
			t.Errorf("lieux.geojson: %v is not a point", f.ID)
		}
	}
	if fc.ExtraMembers["licence"] != opendata.Licence {
		t.Errorf("lieux.geojson: licence %v", fc.ExtraMembers["licence"])
	}
}

func checkSchedule(t *testing.T, p *programme.Programme, data []byte) {
	t.Helper()
	var f struct {
		Schedule struct {
			Conference struct {
				Rooms []struct{ Name string } `json:"rooms"`
				Days  []struct {
					Rooms map[string][]struct {
						GUID  string `json:"guid"`
						Title string `json:"title"`
					} `json:"rooms"`
				} `json:"days"`
			} `json:"conference"`
		} `json:"schedule"`
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatalf("schedule.json: %v", err)
	}
	guids := map[string]bool{}
	for _, d := range f.Schedule.Conference.Days {
		for _, talks := range d.Rooms {
			for _, tk := range talks {
				guids[tk.GUID] = true
			}
		}
	}
	if len(guids) != len(p.Sessions) {
		t.Errorf("schedule.json has %d distinct events; want %d sessions", len(guids), len(p.Sessions))
	}
}

// checkEventPages reads the JSON-LD of every event page in every language
// and checks the properties search engines require.
func checkEventPages(t *testing.T, p *programme.Programme, dir string) int {
	t.Helper()
	r := route.Router{Default: p.Site.Languages[0]}
	n := 0
	for _, lang := range p.Site.Languages {
		for _, e := range p.Events {
			page := route.File(r.Event(lang, e.Year, e.Slug))
			scripts := ldJSON(t, read(t, dir, page))
			if len(scripts) != 1 {
				t.Errorf("%s: %d JSON-LD scripts; want 1", page, len(scripts))
				continue
			}
			var doc struct {
				Context string           `json:"@context"`
				Graph   []map[string]any `json:"@graph"`
			}
			if err := json.Unmarshal([]byte(scripts[0]), &doc); err != nil {
				t.Errorf("%s: JSON-LD is not JSON: %v", page, err)
				continue
			}
			events := doc.Graph
			if events == nil {
				var one map[string]any
				json.Unmarshal([]byte(scripts[0]), &one)
				events = []map[string]any{one}
			}
			if doc.Context != "https://schema.org" {
				t.Errorf("%s: @context %q", page, doc.Context)
			}
			for _, ev := range events {
				for _, prop := range []string{"@type", "name", "startDate", "eventStatus", "eventAttendanceMode", "location", "superEvent", "inLanguage", "url"} {
					if ev[prop] == nil {
						t.Errorf("%s: JSON-LD Event without %s", page, prop)
					}
				}
				if start, _ := ev["startDate"].(string); !validDate(start) {
					t.Errorf("%s: startDate %q has no offset", page, start)
				}
				if loc, _ := ev["location"].(map[string]any); loc["address"] == nil || loc["geo"] == nil {
					t.Errorf("%s: location without address or geo: %v", page, loc)
				}
			}
			n++
		}
	}
	return n
}

// ldSchemas compiles jsonld's schemas of the Event and Festival JSON-LD,
// written from schema.org and Google's Event requirements, formats asserted.
func ldSchemas(t *testing.T) (event, festival *jsonschema.Schema) {
	t.Helper()
	const id = "https://quinzaine.example.org/schemas/jsonld/"
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, name := range []string{"event.schema.json", "festival.schema.json"} {
		doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(read(t, filepath.Join("..", "jsonld", "testdata"), name)))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(id+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	event, err := c.Compile(id + "event.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	festival, err = c.Compile(id + "festival.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	return event, festival
}

// checkStructuredData validates the JSON-LD of every event page and home
// page, in every language, against jsonld's schemas, and returns how many
// documents passed. On every HTML page of the site, each JSON-LD script, as
// written, must be whole JSON holding neither </ nor <!--: with either, an
// editor's text could end the element or change how the rest is parsed.
func checkStructuredData(t *testing.T, p *programme.Programme, dir string) int {
	t.Helper()
	event, festival := ldSchemas(t)
	r := route.Router{Default: p.Site.Languages[0]}
	n := 0
	valid := func(sch *jsonschema.Schema, page, kind string) {
		scripts := ldJSON(t, read(t, dir, page))
		if len(scripts) != 1 {
			t.Errorf("%s: %d JSON-LD scripts; want one %s", page, len(scripts), kind)
			return
		}
		inst, err := jsonschema.UnmarshalJSON(strings.NewReader(scripts[0]))
		if err != nil {
			t.Errorf("%s: JSON-LD is not JSON: %v", page, err)
			return
		}
		if err := sch.Validate(inst); err != nil {
			t.Errorf("%s: the %s JSON-LD does not follow schema.org and Google's requirements: %v", page, kind, err)
			return
		}
		n++
	}
	for _, lang := range p.Site.Languages {
		valid(festival, route.File(r.Home(lang)), "Festival")
		for _, e := range p.Events {
			valid(event, route.File(r.Event(lang, e.Year, e.Slug)), "Event")
		}
	}
	if want := len(p.Site.Languages) * (1 + len(p.Events)); n != want {
		t.Errorf("%d JSON-LD documents follow the schemas; want %d", n, want)
	}

	open := []byte(`<script type="application/ld+json">`)
	scripts := 0
	err := filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		page, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, name)
		for rest := page; ; {
			i := bytes.Index(rest, open)
			if i < 0 {
				break
			}
			rest = rest[i+len(open):]
			end := bytes.Index(bytes.ToLower(rest), []byte("</script"))
			if end < 0 {
				t.Errorf("%s: a JSON-LD script is never closed", rel)
				break
			}
			text := rest[:end]
			rest = rest[end:]
			scripts++
			if bytes.Contains(text, []byte("</")) || bytes.Contains(text, []byte("<!--")) || !json.Valid(text) {
				t.Errorf("%s: a JSON-LD script holds </ or <!--, or is cut short:\n%s", rel, text)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if scripts < n {
		t.Errorf("%d JSON-LD scripts written as they are; want at least the %d validated", scripts, n)
	}
	return n
}

func validDate(s string) bool {
	if _, err := time.Parse(time.RFC3339, s); err == nil {
		return true
	}
	_, err := time.Parse(time.DateOnly, s)
	return err == nil
}

// ldJSON returns the text of every <script type="application/ld+json">.
func ldJSON(t *testing.T, page []byte) []string {
	t.Helper()
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for n := range doc.Descendants() {
		if n.Type == html.ElementNode && n.Data == "script" && attr(n, "type") == "application/ld+json" && n.FirstChild != nil {
			out = append(out, n.FirstChild.Data)
		}
	}
	return out
}

// checkDataPages: the open data page of each language links to every file
// and documents every field the files hold.
func checkDataPages(t *testing.T, p *programme.Programme, dir, base string) {
	t.Helper()
	r := route.Router{Default: p.Site.Languages[0]}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	sitePath := strings.TrimSuffix(u.Path, "/")
	fields := fileFields(t, dir, r)
	for _, lang := range p.Site.Languages {
		page := route.File(r.Section(lang, "data"))
		doc, err := html.Parse(bytes.NewReader(read(t, dir, page)))
		if err != nil {
			t.Fatal(err)
		}
		documented := map[string]bool{}
		links := map[string]bool{}
		text := ""
		for n := range doc.Descendants() {
			if n.Type == html.ElementNode && n.Data == "code" && n.Parent.Data == "th" && n.FirstChild != nil {
				documented[n.FirstChild.Data] = true
			}
			if n.Type == html.ElementNode && n.Data == "a" {
				links[attr(n, "href")] = true
			}
			if n.Type == html.TextNode {
				text += n.Data
			}
		}
		for _, f := range fields {
			if !documented[f] {
				t.Errorf("%s does not document %s", page, f)
			}
		}
		for _, f := range []string{opendata.EventsFile, opendata.SchemaFile, opendata.SessionsFile, opendata.VenuesFile, opendata.ScheduleFile} {
			if !links[sitePath+r.Data(f)] {
				t.Errorf("%s does not link to %s", page, sitePath+r.Data(f))
			}
		}
		for _, want := range []string{opendata.Licence, opendata.Version} {
			if !strings.Contains(text, want) {
				t.Errorf("%s does not say %q", page, want)
			}
		}
	}
}

// fileFields lists the fields the open data files actually hold, named as
// the open data page names them.
func fileFields(t *testing.T, dir string, r route.Router) []string {
	t.Helper()
	var out []string
	var events any
	if err := json.Unmarshal(read(t, dir, route.File(r.Data(opendata.EventsFile))), &events); err != nil {
		t.Fatal(err)
	}
	// Texts per language are maps of language codes: documented as a whole.
	perLanguage := map[string]bool{"titre": true, "resume": true, "facile_a_lire": true, "url": true, "nom": true, "libelle": true, "conditions": true, "alt": true}
	var walk func(prefix string, v any)
	walk = func(prefix string, v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, c := range v {
				name := strings.TrimPrefix(prefix+"."+k, ".")
				if _, isMap := c.(map[string]any); isMap && perLanguage[k] {
					out = append(out, name)
					continue
				}
				walk(name, c)
			}
		case []any:
			for _, c := range v {
				if _, ok := c.(map[string]any); ok {
					walk(prefix+"[]", c)
				} else {
					walk(prefix, c)
				}
			}
		default:
			out = append(out, prefix)
		}
	}
	walk("", events)
	rows, err := csv.NewReader(bytes.NewReader(read(t, dir, route.File(r.Data(opendata.SessionsFile))))).Read()
	if err != nil {
		t.Fatal(err)
	}
	out = append(out, rows...)
	var venues struct {
		Features []struct {
			Properties map[string]any `json:"properties"`
		} `json:"features"`
	}
	if err := json.Unmarshal(read(t, dir, route.File(r.Data(opendata.VenuesFile))), &venues); err != nil {
		t.Fatal(err)
	}
	for _, f := range venues.Features {
		for k := range f.Properties {
			out = append(out, "properties."+k)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// nodeModules is where .ci/run installs the npm packages tests use.
func nodeModules(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(filepath.Join("..", "..", "..", ".cache", "npm", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

type clientReport struct {
	Calendars []struct {
		File   string
		Name   string
		Events []struct {
			UID      string
			Summary  string
			Status   string
			Sequence int
			Start    *clientTime
			End      *clientTime
		}
	}
	Feeds []struct {
		File  string
		Title string
		Items []struct{ ID, Title, URL, Updated string }
	}
}

type clientTime struct {
	Date string
	Unix *int64
	Zone string
}

// checkClients reads every calendar with Mozilla's ical.js (Thunderbird's
// parser) and every feed with @rowanmanning/feed-parser, through node. They
// are skipped when node or the packages are missing, except in CI.
func checkClients(t *testing.T, p *programme.Programme, dir, host string) {
	t.Helper()
	modules := nodeModules(t)
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	}
	for _, pkg := range []string{"ical.js", "@rowanmanning/feed-parser"} {
		if _, err := os.Stat(filepath.Join(modules, pkg)); missing == "" && err != nil {
			missing = pkg + " is not in .cache/npm (npm install --prefix .cache/npm " + pkg + ")"
		}
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("calendar and feed clients cannot run in CI: %s", missing)
		}
		t.Logf("calendar and feed clients not run: %s", missing)
		return
	}
	cmd := exec.Command("node", filepath.Join("testdata", "clients.cjs"), dir)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	data, err := cmd.Output()
	if err != nil {
		t.Fatalf("node clients.cjs: %v\n%s", err, stderr.String())
	}
	var rep clientReport
	if err := json.Unmarshal(data, &rep); err != nil {
		t.Fatal(err)
	}
	byUID := sessionsByUID(p, host)
	vevents := 0
	for _, c := range rep.Calendars {
		if c.Name == "" {
			t.Errorf("ical.js: %s has no X-WR-CALNAME", c.File)
		}
		for _, ev := range c.Events {
			vevents++
			s := byUID[ev.UID]
			if s == nil {
				t.Errorf("ical.js: %s: UID %q is no session", c.File, ev.UID)
				continue
			}
			if err := sameTimes(s, ev.Start, ev.End); err != nil {
				t.Errorf("ical.js: %s: %s: %v", c.File, ev.UID, err)
			}
			title, _ := s.Event.Title.In(p.Site.Languages[0])
			if !strings.Contains(ev.Summary, title) {
				t.Errorf("ical.js: %s: %s: summary %q lacks %q", c.File, ev.UID, ev.Summary, title)
			}
			if (ev.Status == "CANCELLED") != (s.Event.Status == programme.Cancelled) {
				t.Errorf("ical.js: %s: %s: status %q for an event %s", c.File, ev.UID, ev.Status, s.Event.Status)
			}
			if ev.Sequence != ical.Sequence(s.Event.Status) {
				t.Errorf("ical.js: %s: %s: sequence %d", c.File, ev.UID, ev.Sequence)
			}
		}
	}
	items := 0
	for _, f := range rep.Feeds {
		if f.Title == "" {
			t.Errorf("feed-parser: %s has no title", f.File)
		}
		for _, it := range f.Items {
			items++
			if it.ID == "" || it.Title == "" || it.URL == "" || it.Updated == "" {
				t.Errorf("feed-parser: %s: incomplete item %+v", f.File, it)
			}
		}
	}
	if len(rep.Calendars) != 1+len(p.Events)+len(p.Venues)+len(p.Categories) || len(rep.Feeds) != 2*len(p.Site.Languages) {
		t.Errorf("clients read %d calendars and %d feeds", len(rep.Calendars), len(rep.Feeds))
	}
	t.Logf("ical.js accepted %d calendars (%d VEVENTs); feed-parser accepted %d feeds (%d items)", len(rep.Calendars), vevents, len(rep.Feeds), items)
}

// sameTimes compares what a client read with a session: a timed session
// in Europe/Paris at the same instants, an all-day one as dates with an
// exclusive end.
func sameTimes(s *programme.Session, start, end *clientTime) error {
	if start == nil {
		return errors.New("no start")
	}
	if s.AllDay {
		if start.Date != s.Start.Format(time.DateOnly) || end == nil || end.Date != s.End.AddDate(0, 0, 1).Format(time.DateOnly) {
			return fmt.Errorf("all-day %+v to %+v; want %s to %s exclusive", start, end, s.Start.Format(time.DateOnly), s.End.Format(time.DateOnly))
		}
		return nil
	}
	if start.Unix == nil || *start.Unix != s.Start.Unix() || start.Zone != "Europe/Paris" {
		return fmt.Errorf("start %+v; want %v in Europe/Paris", start, s.Start)
	}
	if s.End.After(s.Start) {
		if end == nil || end.Unix == nil || *end.Unix != s.End.Unix() || end.Zone != "Europe/Paris" {
			return fmt.Errorf("end %+v; want %v in Europe/Paris", end, s.End)
		}
	}
	return nil
}

// checkSubscribeLinks: each page with a calendar offers it by webcal:// and
// https:// at the file the site writes, and every page names the feeds of
// its language in its head.
func checkSubscribeLinks(t *testing.T, p *programme.Programme, dir, base string) {
	t.Helper()
	r := route.Router{Default: p.Site.Languages[0]}
	abs := strings.TrimSuffix(base, "/")
	for _, lang := range p.Site.Languages {
		pages := map[string]string{r.Section(lang, "programme"): r.YearCalendar(p.Edition.Year)}
		for _, e := range p.Events {
			pages[r.Event(lang, e.Year, e.Slug)] = r.EventCalendar(e.Year, e.Slug)
		}
		for _, v := range p.Venues {
			pages[r.Venue(lang, v.Slug)] = r.VenueCalendar(v.Slug)
		}
		for _, c := range p.Categories {
			pages[r.Theme(lang, c.Key)] = r.ThemeCalendar(c.Key)
		}
		for page, cal := range pages {
			doc, err := html.Parse(bytes.NewReader(read(t, dir, route.File(page))))
			if err != nil {
				t.Fatal(err)
			}
			hrefs := map[string]bool{}
			feeds := map[string]bool{}
			for n := range doc.Descendants() {
				if n.Type != html.ElementNode {
					continue
				}
				if n.Data == "a" {
					hrefs[attr(n, "href")] = true
				}
				if n.Data == "link" && attr(n, "rel") == "alternate" && attr(n, "type") == "application/atom+xml" {
					feeds[attr(n, "href")] = true
				}
			}
			https := abs + cal
			webcal := "webcal" + strings.TrimPrefix(https, "https")
			if !hrefs[https] || !hrefs[webcal] {
				t.Errorf("%s: no links to %s and %s", page, https, webcal)
			}
			for _, f := range []string{r.Feed(lang), r.ChangesFeed(lang)} {
				if !feeds[abs+f] {
					t.Errorf("%s: head names no feed %s", page, abs+f)
				}
			}
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(route.File(r.YearCalendar(p.Edition.Year))))); err != nil {
			t.Errorf("the edition's calendar is not written: %v", err)
		}
	}
}

// With pictures published, evenements.json and the JSON-LD name the largest
// variant, a file the site writes, at an address the JSON-LD schema accepts.
func TestDataNamesThePicturesTheSitePublishes(t *testing.T) {
	content := filepath.Join("..", "..", "..", "content")
	p := load(t, content)
	dir, _ := build(t, p, Options{ContentDir: content, CacheDir: t.TempDir()})
	checkStructuredData(t, p, dir)
	base := strings.TrimSuffix(p.Site.BaseURL, "/")
	published := func(where, u string) {
		if !strings.HasPrefix(u, base+"/") {
			t.Errorf("%s: image %q is not on the site", where, u)
			return
		}
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(u, base+"/")))); err != nil {
			t.Errorf("%s: image %q is not published", where, u)
		}
	}
	var f struct {
		Evenements []struct {
			ID    string
			Image *struct{ URL string }
		} `json:"evenements"`
	}
	if err := json.Unmarshal(read(t, dir, "donnees/evenements.json"), &f); err != nil {
		t.Fatal(err)
	}
	images := 0
	for _, e := range f.Evenements {
		if e.Image != nil {
			images++
			published("evenements.json "+e.ID, e.Image.URL)
		}
	}
	r := route.Router{Default: p.Site.Languages[0]}
	for _, e := range p.Events {
		if e.Image == nil {
			continue
		}
		page := route.File(r.Event("fr", e.Year, e.Slug))
		for _, s := range ldJSON(t, read(t, dir, page)) {
			var one struct{ Image string }
			var graph struct {
				Graph []struct{ Image string } `json:"@graph"`
			}
			json.Unmarshal([]byte(s), &one)
			json.Unmarshal([]byte(s), &graph)
			if one.Image == "" && (len(graph.Graph) == 0 || graph.Graph[0].Image == "") {
				t.Errorf("%s: JSON-LD names no image", page)
			}
			for _, u := range append([]string{one.Image}, func() (out []string) {
				for _, g := range graph.Graph {
					out = append(out, g.Image)
				}
				return
			}()...) {
				if u != "" {
					published(page, u)
				}
			}
		}
	}
	if images == 0 {
		t.Error("no event of the shipped content has a picture in evenements.json")
	}
}
