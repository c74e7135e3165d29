package opendata

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/paulmach/orb"
	"github.com/paulmach/orb/geojson"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

type encoder func(io.Writer, *programme.Programme, string) error

func write(t *testing.T, enc encoder, p *programme.Programme) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := enc(&buf, p, programmetest.Base); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// validator compiles the shipped schema with an independent JSON Schema
// implementation, formats (date-time, uri…) asserted.
func validator(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(Schema))
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
		t.Fatalf("the shipped schema does not compile: %v", err)
	}
	return sch
}

func validate(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("evenements.json is not JSON: %v", err)
	}
	return sch.Validate(inst)
}

func TestEventsJSONIsValidAgainstItsSchemaAndRoundTrips(t *testing.T) {
	data := write(t, EventsJSON, programmetest.Sample())
	if err := validate(t, validator(t), data); err != nil {
		t.Fatalf("evenements.json does not follow its schema: %v", err)
	}
	var f eventsFile
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	if f.Licence.Nom != "Licence Ouverte / Etalab 2.0" || f.Version != Version || f.Schema != "https://quinzaine.example.org/donnees/evenements.schema.json" {
		t.Errorf("header: licence %q, version %q, schema %q", f.Licence.Nom, f.Version, f.Schema)
	}
	byID := map[string]eventJS{}
	for _, e := range f.Evenements {
		byID[e.ID] = e
	}
	bal := byID["2026/bal"]
	if got, want := bal.Titre["fr"], "Bal des gueules noires : fête, danse; café à Évin"; got != want {
		t.Errorf("titre.fr = %q; want %q", got, want)
	}
	if bal.Titre["en"] != "Coal miners' ball" || bal.URL["en"] != "https://quinzaine.example.org/en/events/2026/bal/" {
		t.Errorf("English title and address: %q, %q", bal.Titre["en"], bal.URL["en"])
	}
	if len(bal.Seances) != 2 || bal.Seances[0].Debut != "2026-06-27T20:30:00+02:00" || bal.Seances[0].Fin != "2026-06-28T01:00:00+02:00" || bal.Seances[0].Jour != "2026-06-27" {
		t.Errorf("ball sessions = %+v", bal.Seances)
	}
	if bal.Seances[1].ID != "2026/bal/bal-dimanche" {
		t.Errorf("an editor's session id became %q", bal.Seances[1].ID)
	}
	if got := byID["2026/concert-annule"].Statut; got != "cancelled" {
		t.Errorf("cancelled statut = %q", got)
	}
	if got := byID["2026/visite-reportee"].DebutPrecedent; got != "2026-06-21T10:00:00+02:00" {
		t.Errorf("debut_precedent = %q", got)
	}
	hike := byID["2026/randonnee"].Seances[0]
	if hike.Debut != "2026-07-04" || hike.Fin != "2026-07-05" || !hike.JourneeEntiere {
		t.Errorf("all-day session = %+v", hike)
	}
}

func TestSchemaRefusesWhatItDoesNotDocument(t *testing.T) {
	sch := validator(t)
	good := write(t, EventsJSON, programmetest.Sample())
	for name, edit := range map[string]func(string) string{
		"unknown status": func(s string) string { return strings.Replace(s, `"statut": "cancelled"`, `"statut": "annulé"`, 1) },
		"time sans offset": func(s string) string {
			return strings.Replace(s, `"2026-06-27T20:30:00+02:00"`, `"2026-06-27T20:30"`, 1)
		},
		"unknown field": func(s string) string { return strings.Replace(s, `"slug": "bal"`, `"slug": "bal", "titel": "x"`, 1) },
	} {
		bad := edit(string(good))
		if bad == string(good) {
			t.Fatalf("%s: the edit did not apply", name)
		}
		if validate(t, sch, []byte(bad)) == nil {
			t.Errorf("%s: the schema accepts it", name)
		}
	}
}

func TestSessionsCSVReadsBackWithFormulasNeutralised(t *testing.T) {
	p := programmetest.Sample()
	programmetest.Event(p, "concert-annule").Title.Value = `=HYPERLINK("http://evil.example/","clic")`
	programmetest.Event(p, "expo").Title.Value = "@SUM(A1:A2)"
	programmetest.Event(p, "randonnee").Title.Value = "-2+3"
	data := write(t, SessionsCSV, p)
	if bytes.Count(data, []byte("\r\n")) != bytes.Count(data, []byte("\n")) {
		t.Error("a record ends with a bare LF; RFC 4180 wants CRLF")
	}
	rows, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("encoding/csv refuses seances.csv: %v", err)
	}
	if !slices.Equal(rows[0], sessionColumns) {
		t.Fatalf("header = %v", rows[0])
	}
	if len(rows)-1 != len(p.Sessions) {
		t.Fatalf("got %d rows; want one per session, %d", len(rows)-1, len(p.Sessions))
	}
	col := map[string]int{}
	for i, c := range rows[0] {
		col[c] = i
	}
	titles := map[string]string{}
	for _, r := range rows[1:] {
		titles[r[col["id_evenement"]]] = r[col["titre"]]
		if r[col["licence"]] != Licence {
			t.Errorf("row %s: licence %q", r[0], r[col["licence"]])
		}
		for i, cell := range r {
			if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) && rows[0][i] != "longitude" && rows[0][i] != "latitude" {
				t.Errorf("row %s, column %s starts a formula: %q", r[0], rows[0][i], cell)
			}
		}
	}
	want := map[string]string{
		"2026/concert-annule": `'=HYPERLINK("http://evil.example/","clic")`,
		"2026/expo":           "'@SUM(A1:A2)",
		"2026/randonnee":      "'-2+3",
		"2026/bal":            "Bal des gueules noires : fête, danse; café à Évin",
	}
	for id, w := range want {
		if titles[id] != w {
			t.Errorf("%s titre = %q; want %q", id, titles[id], w)
		}
	}
	first := rows[1]
	if first[col["debut"]] != "2026-06-20T14:00:00+02:00" || first[col["commune"]] != "Lewarde" || first[col["latitude"]] != "50.3417" {
		t.Errorf("first row = %v", first)
	}
}

func TestVenuesGeoJSONDecodesAsAFeatureCollectionOfPoints(t *testing.T) {
	p := programmetest.Sample()
	data := write(t, VenuesGeoJSON, p)
	fc, err := geojson.UnmarshalFeatureCollection(data)
	if err != nil {
		t.Fatalf("orb/geojson refuses lieux.geojson: %v", err)
	}
	if len(fc.Features) != len(p.Venues) {
		t.Fatalf("got %d features; want %d", len(fc.Features), len(p.Venues))
	}
	if fc.ExtraMembers["licence"] != Licence {
		t.Errorf("licence member = %v", fc.ExtraMembers["licence"])
	}
	f := fc.Features[1]
	pt, ok := f.Geometry.(orb.Point)
	if !ok || pt.Lon() != 2.9949 || pt.Lat() != 50.4676 {
		t.Errorf("fosse-9-9bis geometry = %#v; want the point (2.9949, 50.4676), longitude first", f.Geometry)
	}
	if f.ID != "fosse-9-9bis" || f.Properties.MustString("nom") != "Fosse 9-9bis" || f.Properties.MustBool("grand_site") != true || f.Properties.MustString("commune") != "Oignies" {
		t.Errorf("fosse-9-9bis = id %v, properties %v", f.ID, f.Properties)
	}
	if got := f.Properties.MustString("calendrier"); got != "https://quinzaine.example.org/lieux/fosse-9-9bis.ics" {
		t.Errorf("calendrier = %q", got)
	}
}

func TestScheduleHasTheFieldsScheduleAppsRequire(t *testing.T) {
	p := programmetest.Sample()
	data := write(t, Schedule, p)
	var f struct {
		Schedule struct {
			Version    string
			Conference struct {
				Acronym   string
				DaysCount int
				Rooms     []map[string]any
				Days      []struct {
					Index    int
					Date     string
					DayStart string `json:"day_start"`
					Rooms    map[string][]map[string]any
				}
			}
		}
	}
	if err := json.Unmarshal(data, &f); err != nil {
		t.Fatal(err)
	}
	c := f.Schedule.Conference
	// The C3VOC schema's constraints on these fields.
	if !regexp.MustCompile(`^[a-z0-9_-][a-z0-9_]{3,}(-2[0-9]{3}-[a-z]+)?$`).MatchString(c.Acronym) {
		t.Errorf("acronym %q does not match the C3VOC pattern", c.Acronym)
	}
	if c.DaysCount != len(c.Days) || c.DaysCount != 16 {
		t.Errorf("daysCount %d, %d days; want the 16 days of the edition", c.DaysCount, len(c.Days))
	}
	if d := c.Days[0]; d.Index != 1 || d.Date != "2026-06-20" || d.DayStart != "2026-06-20T04:00:00+02:00" {
		t.Errorf("first day: index %d, date %s, day_start %s; want 1, 2026-06-20, 04:00 at +02:00", d.Index, d.Date, d.DayStart)
	}
	required := []string{"abstract", "date", "duration", "guid", "id", "language", "links", "persons", "room", "slug", "start", "subtitle", "title", "track", "type", "url"}
	uuid := regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)
	slug := regexp.MustCompile(`^[a-z0-9_-]+[a-z0-9]$`)
	talks := map[string]map[string]any{}
	count := 0
	for _, d := range c.Days {
		for roomName, ts := range d.Rooms {
			for _, tk := range ts {
				count++
				for _, k := range required {
					if _, ok := tk[k]; !ok {
						t.Errorf("%v lacks %q", tk["title"], k)
					}
				}
				if tk["room"] != roomName || !uuid.MatchString(tk["guid"].(string)) || !slug.MatchString(tk["slug"].(string)) || tk["id"].(float64) < 1 {
					t.Errorf("event %v: room %v, guid %v, slug %v, id %v", tk["title"], tk["room"], tk["guid"], tk["slug"], tk["id"])
				}
				talks[d.Date+" "+tk["start"].(string)+" "+roomName] = tk
			}
		}
	}
	if count != len(p.Sessions) {
		t.Errorf("got %d events; want one per session, %d", count, len(p.Sessions))
	}
	bal := talks["2026-06-27 20:30 Fosse 9-9bis, Oignies"]
	if bal == nil || bal["date"] != "2026-06-27T20:30:00+02:00" || bal["duration"] != "04:30" {
		t.Errorf("ball on 27 June = %v", bal)
	}
	if tk := talks["2026-06-26 18:00 Centre historique minier, Lewarde"]; tk == nil || tk["title"] != "ANNULÉ — Chorale des mineurs polonais" {
		t.Errorf("cancelled concert = %v", tk)
	}
	if tk := talks["2026-07-04 00:00 Fosse 9-9bis, Oignies"]; tk == nil || tk["duration"] != "48:00" {
		t.Errorf("two-day hike = %v", tk)
	}
}

func TestScheduleIdentifiersSurviveOtherSessionsChanging(t *testing.T) {
	ids := func(p *programme.Programme) map[string]string {
		var f struct {
			Schedule struct {
				Conference struct {
					Days []struct {
						Rooms map[string][]struct {
							ID   int
							GUID string
							URL  string
							Date string
						}
					}
				}
			}
		}
		if err := json.Unmarshal(write(t, Schedule, p), &f); err != nil {
			t.Fatal(err)
		}
		m := map[string]string{}
		for _, d := range f.Schedule.Conference.Days {
			for _, ts := range d.Rooms {
				for _, tk := range ts {
					m[tk.URL+tk.Date] = tk.GUID + " " + strconv.Itoa(tk.ID)
				}
			}
		}
		return m
	}
	before := ids(programmetest.Sample())
	p := programmetest.Sample()
	e := programmetest.Event(p, "bal")
	e.Title.Value = "Grand bal"
	after := ids(p)
	for k, v := range after {
		if before[k] != v {
			t.Errorf("%s: identifiers changed from %q to %q", k, before[k], v)
		}
	}
}

func TestEveryFileStatesItsLicenceAndEncodesTheSameTwice(t *testing.T) {
	for name, enc := range map[string]encoder{EventsFile: EventsJSON, SessionsFile: SessionsCSV, VenuesFile: VenuesGeoJSON, ScheduleFile: Schedule} {
		a := write(t, enc, programmetest.Sample())
		b := write(t, enc, programmetest.Sample())
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two encodings differ", name)
		}
		if !bytes.Contains(a, []byte(Licence)) {
			t.Errorf("%s does not state its licence", name)
		}
	}
}

// Records name the picture where the site publishes it, and no picture when
// the site publishes none; both stay valid against the schema.
func TestEventsJSONImageIsWhereTheSitePublishesIt(t *testing.T) {
	for published, want := range map[string]string{"https://quinzaine.example.org/images/ab12-bal-1600.jpg": "https://quinzaine.example.org/images/ab12-bal-1600.jpg", "": ""} {
		opts := Options{ImageURL: func(string) string { return published }}
		data := write(t, opts.EventsJSON, programmetest.Sample())
		if err := validate(t, validator(t), data); err != nil {
			t.Fatalf("evenements.json does not follow its schema: %v", err)
		}
		var f eventsFile
		if err := json.Unmarshal(data, &f); err != nil {
			t.Fatal(err)
		}
		for _, e := range f.Evenements {
			if e.Slug != "bal" {
				continue
			}
			got := ""
			if e.Image != nil {
				got = e.Image.URL
			}
			if got != want {
				t.Errorf("image %q; want %q", got, want)
			}
		}
	}
}

// wholeDocument is doc as json.Encoder with SetIndent("", " ") writes it,
// all at once: what the files encoded an item at a time must equal.
func wholeDocument(t *testing.T, doc any) []byte {
	t.Helper()
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", " ")
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// evenements.json is encoded an event at a time; its bytes are those of
// the whole document encoded at once.
func TestEventsJSONIsTheWholeDocumentEncodedAtOnce(t *testing.T) {
	for _, n := range []int{0, 1, -1} {
		p := programmetest.Sample()
		if n >= 0 {
			p.Events = p.Events[:n]
		}
		got := write(t, EventsJSON, p)
		s, f := Options{}.eventsHead(p, programmetest.Base)
		for _, e := range p.Events {
			f.Evenements = append(f.Evenements, s.event(e))
		}
		want := wholeDocument(t, f)
		if !bytes.Equal(got, want) {
			t.Errorf("%d events: evenements.json is\n%s\nwant\n%s", len(p.Events), got, want)
		}
	}
}

// schedule.json is encoded a day at a time; its bytes are those of the
// whole document encoded at once.
func TestScheduleIsTheWholeDocumentEncodedAtOnce(t *testing.T) {
	for _, n := range []int{0, 1, -1} {
		p := programmetest.Sample()
		if n >= 0 {
			p.Days = p.Days[:n]
		}
		got := write(t, Schedule, p)
		f, days, day := scheduleHead(p, programmetest.Base)
		for i := range days {
			f.Schedule.Conference.Days = append(f.Schedule.Conference.Days, day(i))
		}
		want := wholeDocument(t, f)
		if !bytes.Equal(got, want) {
			t.Errorf("%d days: schedule.json is\n%s\nwant\n%s", days, got, want)
		}
		if n != 0 && days == 0 {
			t.Errorf("%d days in the sample", days)
		}
	}
}

// A document whose JSON does not end with the list to fill is refused,
// rather than written wrong.
func TestItemsGoOnlyIntoTheListADocumentEndsWith(t *testing.T) {
	type inner struct {
		List []int `json:"list"`
	}
	type doc struct {
		Name  string `json:"name"`
		Inner inner  `json:"inner"`
	}
	var b bytes.Buffer
	if err := encodeWithItems(&b, doc{Name: "[]", Inner: inner{List: []int{}}}, 2, func(i int) any { return i }); err != nil {
		t.Fatal(err)
	}
	want := "{\n \"name\": \"[]\",\n \"inner\": {\n  \"list\": [\n   0,\n   1\n  ]\n }\n}\n"
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
	type last struct {
		List []int  `json:"list"`
		Name string `json:"name"`
	}
	err := encodeWithItems(&b, last{List: []int{}, Name: "x"}, 1, func(i int) any { return i })
	if err == nil || err.Error() != "encode: the document does not end with a list" {
		t.Errorf("got %v; want the document does not end with a list", err)
	}
}
