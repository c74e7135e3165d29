package jsonld

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
	"github.com/santhosh-tekuri/jsonschema/v6/kind"
	"golang.org/x/text/language"
	"golang.org/x/text/message"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

// testdata/event.schema.json and festival.schema.json state, in JSON Schema
// 2020-12, what schema.org and Google's Event rich results ask of the JSON-LD
// of an event page and of the home page. They were written from those
// documents, not from this package, and an independent validator checks
// every description against them, formats (date-time, date, uri) asserted.

const schemaBase = "https://quinzaine.example.org/schemas/jsonld/"

func compileSchemas(t *testing.T) (event, festival *jsonschema.Schema) {
	t.Helper()
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	for _, name := range []string{"event.schema.json", "festival.schema.json"} {
		f, err := os.Open(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		doc, err := jsonschema.UnmarshalJSON(f)
		f.Close()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := c.AddResource(schemaBase+name, doc); err != nil {
			t.Fatal(err)
		}
	}
	event, err := c.Compile(schemaBase + "event.schema.json")
	if err != nil {
		t.Fatalf("event.schema.json does not compile: %v", err)
	}
	festival, err = c.Compile(schemaBase + "festival.schema.json")
	if err != nil {
		t.Fatalf("festival.schema.json does not compile: %v", err)
	}
	return event, festival
}

func validateJSON(t *testing.T, sch *jsonschema.Schema, data []byte) error {
	t.Helper()
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	return sch.Validate(inst)
}

// failures lists the innermost reasons of a validation error, each as
// "instance-location keyword: message", so that a test can say which rule
// refused a document rather than only that one did. A refused property name
// is reported as such: its cause, the enum of names, does not say which.
func failures(err error) []string {
	var ve *jsonschema.ValidationError
	if !errors.As(err, &ve) {
		return []string{err.Error()}
	}
	en := message.NewPrinter(language.English)
	var out []string
	var walk func(*jsonschema.ValidationError)
	walk = func(e *jsonschema.ValidationError) {
		if _, badName := e.ErrorKind.(*kind.PropertyNames); badName || len(e.Causes) == 0 {
			out = append(out, "/"+strings.Join(e.InstanceLocation, "/")+" "+strings.Join(e.ErrorKind.KeywordPath(), "/")+": "+e.ErrorKind.LocalizedString(en))
			return
		}
		for _, c := range e.Causes {
			walk(c)
		}
	}
	walk(ve)
	return out
}

func TestEveryDescriptionOfTheSampleFollowsTheSchemas(t *testing.T) {
	event, festival := compileSchemas(t)
	statuses := []programme.Status{programme.Scheduled, programme.Postponed, programme.Full, programme.Cancelled}
	for _, lang := range []string{"fr", "en"} {
		for _, st := range statuses {
			p := programmetest.Sample()
			for _, e := range p.Events {
				if e.Status != programme.Rescheduled {
					e.Status = st
				}
				for _, o := range []Options{{}, {ImageURL: func(path string) string { return "https://cdn.example.org/" + path }}} {
					data, err := o.Event(p, e, lang, programmetest.Base)
					if err != nil {
						t.Fatal(err)
					}
					if err := validateJSON(t, event, data); err != nil {
						t.Errorf("%s (%s, %s): %s\n%s", e.Slug, lang, st, strings.Join(failures(err), "\n"), data)
					}
				}
			}
		}
		data, err := Edition(programmetest.Sample(), lang, programmetest.Base)
		if err != nil {
			t.Fatal(err)
		}
		if err := validateJSON(t, festival, data); err != nil {
			t.Errorf("edition (%s): %s\n%s", lang, strings.Join(failures(err), "\n"), data)
		}
	}
}

// Each control breaks one requirement of a valid description; the schema
// must refuse it for that reason, or it checks nothing.
func TestSchemaRefusesWhatSearchEnginesWouldRefuse(t *testing.T) {
	event, festival := compileSchemas(t)
	tests := []struct {
		name   string
		slug   string // "" for the edition
		change func(o object)
		want   string // a failure, location and keyword first
	}{
		{"no startDate", "visite-reportee", func(o object) { delete(o, "startDate") }, "/ required: missing property 'startDate'"},
		{"no startDate in a graph", "bal", func(o object) { delete(graphEvent(o, 1), "startDate") }, "/@graph/1 required: missing property 'startDate'"},
		{"a status in the editors' words", "visite-reportee", func(o object) { o["eventStatus"] = "cancelled" }, "/eventStatus enum:"},
		{"rescheduled without previousStartDate", "visite-reportee", func(o object) { delete(o, "previousStartDate") }, "/ required: missing property 'previousStartDate'"},
		{"previousStartDate when not rescheduled", "randonnee", func(o object) { o["previousStartDate"] = "2026-07-03" }, "/ : 'not' failed"},
		{"a relative image", "visite-reportee", func(o object) { o["image"] = "images/visite.jpg" }, "/image format: 'images/visite.jpg' is not valid uri"},
		{"an image with a space", "visite-reportee", func(o object) { o["image"] = "https://quinzaine.example.org/images/fête de la mine.jpg" }, "/image pattern:"},
		{"an image over http", "visite-reportee", func(o object) { o["image"] = "http://quinzaine.example.org/images/visite.jpg" }, "/image pattern:"},
		{"a start without offset", "visite-reportee", func(o object) { o["startDate"] = "2026-06-24T10:00:00" }, "/startDate pattern:"},
		{"a start on 31 June", "randonnee", func(o object) { o["startDate"] = "2026-06-31" }, "/startDate format:"},
		{"no address", "visite-reportee", func(o object) { delete(get(o, "location").(object), "address") }, "/location required: missing property 'address'"},
		{"a latitude as text", "visite-reportee", func(o object) { get(o, "location", "geo").(object)["latitude"] = "50.3" }, "/location/geo/latitude type:"},
		{"a longitude out of range", "visite-reportee", func(o object) { get(o, "location", "geo").(object)["longitude"] = 200.0 }, "/location/geo/longitude maximum:"},
		{"a country by name", "visite-reportee", func(o object) { get(o, "location", "address").(object)["addressCountry"] = "France" }, "/location/address/addressCountry const:"},
		{"a price with its symbol", "randonnee", func(o object) { get(o, "offers").(object)["price"] = "5 €" }, "/offers/price pattern:"},
		{"a negative price", "randonnee", func(o object) { get(o, "offers").(object)["price"] = -5.0 }, "/offers/price minimum:"},
		{"a price in francs", "randonnee", func(o object) { get(o, "offers").(object)["priceCurrency"] = "FRF" }, "/offers/priceCurrency const:"},
		{"full in the editors' words", "randonnee", func(o object) { get(o, "offers").(object)["availability"] = "full" }, "/offers/availability enum:"},
		{"a misspelt property", "visite-reportee", func(o object) { o["organiser"] = o["organizer"] }, "/ propertyNames: invalid propertyName 'organiser'"},
		{"online attendance", "visite-reportee", func(o object) { o["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode" }, "/eventAttendanceMode const:"},
		{"not an event", "visite-reportee", func(o object) { o["@type"] = "Place" }, "/@type enum:"},
		{"a language by name", "visite-reportee", func(o object) { o["inLanguage"] = "français" }, "/inLanguage pattern:"},
		{"a superEvent without dates", "visite-reportee", func(o object) { delete(get(o, "superEvent").(object), "endDate") }, "/superEvent required: missing property 'endDate'"},
		{"the edition without places", "", func(o object) { o["location"] = []any{} }, "/location minItems:"},
		{"the edition as a plain Event", "", func(o object) { o["@type"] = "Event" }, "/@type const:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := programmetest.Sample()
			sch := event
			var data []byte
			var err error
			if tt.slug == "" {
				sch = festival
				data, err = Edition(p, "fr", programmetest.Base)
			} else {
				data, err = Event(p, programmetest.Event(p, tt.slug), "fr", programmetest.Base)
			}
			if err != nil {
				t.Fatal(err)
			}
			if err := validateJSON(t, sch, data); err != nil {
				t.Fatalf("the description before the change is refused: %s", strings.Join(failures(err), "\n"))
			}
			o := decode(t, data)
			tt.change(o)
			changed, err := json.Marshal(o)
			if err != nil {
				t.Fatal(err)
			}
			err = validateJSON(t, sch, changed)
			if err == nil {
				t.Fatalf("the schema accepts it:\n%s", changed)
			}
			got := failures(err)
			if !slices.ContainsFunc(got, func(f string) bool { return strings.HasPrefix(f, tt.want) }) {
				t.Errorf("refused, but not for %q:\n%s", tt.want, strings.Join(got, "\n"))
			}
		})
	}
}

func graphEvent(o object, i int) object {
	return o["@graph"].([]any)[i].(object)
}

// Editors name pictures and booking pages as they like; what the Event says
// must still be an address every crawler reads the same way.
func TestEditorsAddressesStayValidURLs(t *testing.T) {
	event, _ := compileSchemas(t)
	p := programmetest.Sample()
	e := programmetest.Event(p, "visite-reportee")
	e.Image = &programme.Image{Path: "images/fête de la mine #2.jpg", Alt: programme.Text{Value: "La fête", Lang: "fr"}}
	e.Booking = "http://billetterie.example.org/visite"
	data := describe(t, p, "visite-reportee", "fr")
	if err := validateJSON(t, event, data); err != nil {
		t.Errorf("%s\n%s", strings.Join(failures(err), "\n"), data)
	}
	ev := events(t, data)[0]
	if want := "https://quinzaine.example.org/images/f%C3%AAte%20de%20la%20mine%20%232.jpg"; ev["image"] != want {
		t.Errorf("image = %v; want %v", ev["image"], want)
	}
	// The page links to the booking page; search engines are sent to an
	// https address, the page's.
	if want := "https://quinzaine.example.org/evenements/2026/visite-reportee/"; get(ev, "offers", "url") != want {
		t.Errorf("offers.url = %v; want the event page %v", get(ev, "offers", "url"), want)
	}
}
