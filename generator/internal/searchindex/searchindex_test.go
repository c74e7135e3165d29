package searchindex

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	ics "github.com/arran4/golang-ical"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/ical"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
	"quinzaine/generator/internal/route"
)

var router = route.Router{Default: "fr"}

func encode(t *testing.T, ix Index) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := ix.Encode(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// decode reads the index back as the browser does, through its JSON keys.
func decode(t *testing.T, data []byte) Index {
	t.Helper()
	var ix Index
	if err := json.Unmarshal(data, &ix); err != nil {
		t.Fatalf("index is not valid JSON: %v", err)
	}
	return ix
}

func TestFoldIgnoresAccentsCaseAndLigatures(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Fête", "fete"},
		{"ÉVIN-MALMAISON", "evin-malmaison"},
		{"Œuvre d’art", "oeuvre d'art"},
		{"Noël  à\u00a0Loos-en-Gohelle", "noel a loos-en-gohelle"},
		{"Bal\u202f!", "bal !"},
		{"naïve Ça", "naive ca"},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestIndexHoldsWhatTheFilterNeeds(t *testing.T) {
	p := programmetest.Sample()
	ix := decode(t, encode(t, Build(p, "fr", router)))
	if ix.Lang != "fr" || ix.Host != "quinzaine.example.org" {
		t.Errorf("lang, host = %q, %q", ix.Lang, ix.Host)
	}
	if len(ix.Sessions) != len(p.Sessions) {
		t.Fatalf("%d sessions indexed, want %d", len(ix.Sessions), len(p.Sessions))
	}
	byID := map[string]Session{}
	for _, s := range ix.Sessions {
		byID[s.ID] = s
	}
	night := byID["2026/bal/2026-06-27T2030"]
	if night.Hours != "de 20\u00a0h\u00a030 à 1\u00a0h" {
		t.Errorf("night hours = %q", night.Hours)
	}
	if d := ix.Days[0]; d.Date != "2026-06-20" || d.Name != "samedi 20\u00a0juin" || d.URL != "/programme/2026-06-20/" || !d.InEdition {
		t.Errorf("first day = %+v", d)
	}
	if night.Day != "2026-06-27" || night.Start != "2026-06-27T20:30+02:00" || night.End != "2026-06-28T01:00+02:00" || night.AllDay {
		t.Errorf("night session = %+v", night)
	}
	bal := ix.Events[night.Event]
	if bal.URL != "/evenements/2026/bal/" || !bal.Free || bal.Status != "" {
		t.Errorf("bal = %+v", bal)
	}
	if got := strings.Join(bal.Access, ","); got != "moteur,boucle-magnetique" {
		t.Errorf("bal access = %s", got)
	}
	v := ix.Venues[bal.Venue]
	if v.Slug != "fosse-9-9bis" || !v.GrandSite || ix.Communes[v.Commune].Name != "Oignies" || v.URL != "/lieux/fosse-9-9bis/" {
		t.Errorf("bal venue = %+v", v)
	}
	var cats []string
	for _, c := range bal.Categories {
		cats = append(cats, ix.Categories[c].Key)
	}
	if got := strings.Join(cats, ","); got != "bal,concert" {
		t.Errorf("bal categories = %s", got)
	}
	for _, word := range []string{"fete", "evin", "harmonie", "sainte-cecile", "cafe"} {
		if !strings.Contains(bal.Search, word) {
			t.Errorf("bal search text lacks %q: %s", word, bal.Search)
		}
	}
	hike := byID["2026/randonnee/2026-07-04T0000"]
	if !hike.AllDay || hike.Start != "2026-07-04" || hike.End != "2026-07-05" || hike.Day != "2026-07-04" || hike.LastDay != "2026-07-05" {
		t.Errorf("all-day session = %+v", hike)
	}
	if st := ix.Events[hike.Event].Status; st != "full" {
		t.Errorf("hike status = %q", st)
	}
	if e := ix.Events[byID["2026/concert-annule/2026-06-26T1800"].Event]; e.Status != "cancelled" || e.Free {
		t.Errorf("cancelled concert = %+v", e)
	}
}

func TestEnglishIndexMarksFrenchFallbacks(t *testing.T) {
	p := programmetest.Sample()
	ix := Build(p, "en", router)
	for _, e := range ix.Events {
		switch e.URL {
		case "/en/events/2026/bal/":
			if e.Title != "Coal miners' ball" || e.TitleLang != "" {
				t.Errorf("bal title = %q (%q)", e.Title, e.TitleLang)
			}
			// The French title stays searchable from the English site.
			if !strings.Contains(e.Search, "fete") {
				t.Errorf("bal search text lacks the French title: %s", e.Search)
			}
		case "/en/events/2026/concert-annule/":
			if e.TitleLang != "fr" || e.SummaryLang != "fr" {
				t.Errorf("untranslated title and summary languages = %q, %q", e.TitleLang, e.SummaryLang)
			}
		}
	}
	if got := ix.Categories[1].Label; got != "Guided tour" {
		t.Errorf("category label = %q", got)
	}
}

// A selection downloaded from the browser must update the entries a
// visitor already imported from the site's own calendar files.
func TestSessionUIDsAreTheCalendarsUIDs(t *testing.T) {
	p := programmetest.Sample()
	var cal bytes.Buffer
	if err := ical.Encode(&cal, ical.Edition(p, p.Site.BaseURL)); err != nil {
		t.Fatal(err)
	}
	parsed, err := ics.ParseCalendar(&cal)
	if err != nil {
		t.Fatal(err)
	}
	var want []string
	for _, e := range parsed.Events() {
		want = append(want, e.Id())
	}
	var got []string
	ix := Build(p, "en", router)
	for _, s := range ix.Sessions {
		got = append(got, s.ID+"@"+ix.Host)
	}
	slices.Sort(want)
	slices.Sort(got)
	if !slices.Equal(got, want) {
		t.Errorf("browser UIDs %q\ncalendar UIDs %q", got, want)
	}
}

func TestIndexEscapesMarkup(t *testing.T) {
	p := programmetest.Sample()
	p.Events[0].Title.Value = `</script><img src=x onerror="alert(1)">&`
	data := encode(t, Build(p, "fr", router))
	if bytes.ContainsAny(data, "<>") || bytes.Contains(data, []byte(`"&`)) {
		t.Errorf("index carries raw markup: %s", data)
	}
	if got := decode(t, data).Events[0].Title; got != p.Events[0].Title.Value {
		t.Errorf("title read back = %q", got)
	}
}

// The index is encoded an event and a session at a time; its bytes are
// those of json.Marshal of the whole index, markup escaped alike.
func TestIndexIsEncodedAsAWhole(t *testing.T) {
	hostile := programmetest.Sample()
	hostile.Events[0].Title.Value = `</script><img src=x onerror="alert(1)">&`
	full := Build(hostile, "fr", router)
	tests := map[string]Index{
		"sample":      full,
		"english":     Build(programmetest.Sample(), "en", router),
		"empty":       {},
		"no events":   {Lang: "fr", Events: []Event{}, Sessions: []Session{}},
		"no sessions": {Lang: "fr", Events: full.Events},
	}
	for name, ix := range tests {
		want, err := json.Marshal(ix)
		if err != nil {
			t.Fatal(err)
		}
		if got := encode(t, ix); !bytes.Equal(got, append(want, '\n')) {
			t.Errorf("%s: index is\n%s\nwant\n%s", name, got, want)
		}
	}
}

func TestIndexIsDeterministic(t *testing.T) {
	a := encode(t, Build(programmetest.Sample(), "fr", router))
	b := encode(t, Build(programmetest.Sample(), "fr", router))
	if !bytes.Equal(a, b) {
		t.Error("two builds of the same programme differ")
	}
}

func loadShipped(t *testing.T) *programme.Programme {
	t.Helper()
	p, diags := programme.Load(filepath.Join("..", "..", "..", "content"), content.Options{}, programme.Options{})
	if diags.HasErrors(false) {
		var b strings.Builder
		diag.WriteText(&b, diags)
		t.Fatalf("shipped content does not load: %s\n%s", diag.Summary(diags), b.String())
	}
	return p
}

// The index is downloaded on a phone before the filter works: the shipped
// programme's must stay well under 150 KB in each language.
func TestShippedIndexIsSmall(t *testing.T) {
	p := loadShipped(t)
	for _, lang := range p.Site.Languages {
		n := len(encode(t, Build(p, lang, route.Router{Default: p.Site.Languages[0]})))
		t.Logf("%s: %d bytes for %d events, %d sessions", lang, n, len(p.Events), len(p.Sessions))
		if n > 150_000 {
			t.Errorf("%s index is %d bytes, over 150 KB", lang, n)
		}
	}
}

// A thousand events (the shipped ones copied under new slugs) stay under
// 900 KB before the web server compresses it.
func TestIndexSizePerThousandEvents(t *testing.T) {
	p := loadShipped(t)
	big := *p
	big.Events, big.Sessions = nil, nil
	for i := 0; len(big.Events) < 1000; i++ {
		src := p.Events[i%len(p.Events)]
		e := *src
		e.Slug = fmt.Sprintf("%s-%d", src.Slug, i)
		e.Sessions = nil
		for _, s := range src.Sessions {
			c := *s
			c.Event = &e
			c.ID = strings.Replace(s.ID, "/"+src.Slug+"/", "/"+e.Slug+"/", 1)
			e.Sessions = append(e.Sessions, &c)
			big.Sessions = append(big.Sessions, &c)
		}
		big.Events = append(big.Events, &e)
	}
	data := encode(t, Build(&big, "fr", route.Router{Default: "fr"}))
	n := len(data)
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write(data)
	zw.Close()
	t.Logf("%d bytes (%d gzipped) for 1,000 events, %d sessions", n, z.Len(), len(big.Sessions))
	if n > 900_000 {
		t.Errorf("index of 1,000 events is %d bytes, over 900 KB", n)
	}
}
