package changes

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/opendata"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

// published is the evenements.json of p, as a build publishes it.
func published(t *testing.T, p *programme.Programme) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := opendata.EventsJSON(&b, p, p.Site.BaseURL); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestCompareFindsEachKindOfChange(t *testing.T) {
	before := programmetest.Sample()
	prev := &Previous{Source: "test", Events: published(t, before)}
	p := programmetest.Sample()
	if len(p.Events) < 4 || len(p.Venues) < 2 {
		t.Fatalf("the sample has %d events and %d venues; the test needs 4 and 2", len(p.Events), len(p.Venues))
	}
	removed := p.Events[0]
	p.Events = p.Events[1:]
	p.Events[0].Status = programme.Postponed
	var other *programme.Venue
	for _, v := range p.Venues {
		if v != p.Events[1].Venue {
			other = v
		}
	}
	p.Events[1].Venue = other
	moved := *p.Events[2].Sessions[0]
	moved.Start = moved.Start.AddDate(0, 0, 1)
	moved.End = moved.End.AddDate(0, 0, 1)
	p.Events[2].Sessions = append([]*programme.Session{&moved}, p.Events[2].Sessions[1:]...)
	if p.Events[2].Status == programme.Cancelled || p.Events[2].Status == programme.Postponed {
		t.Fatalf("the sample's event %s already has status %s", p.Events[2].Slug, p.Events[2].Status)
	}

	r, err := Compare(prev, p, time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range r.Changes {
		got = append(got, string(c.Kind)+" "+c.Slug)
	}
	want := []string{"postponed " + p.Events[0].Slug, "time " + p.Events[2].Slug, "venue " + p.Events[1].Slug, "removed " + removed.Slug}
	if strings.Join(got, "; ") != strings.Join(want, "; ") {
		t.Errorf("changes = %q; want %q", got, want)
	}
	if !strings.HasPrefix(r.Reference, "sha256:") || r.First || r.Carried {
		t.Errorf("report reference %q, first %v, carried %v; want a sha256 reference", r.Reference, r.First, r.Carried)
	}
}

func TestNoChangeCarriesThePreviousListOver(t *testing.T) {
	p := programmetest.Sample()
	old := &Report{Reference: "sha256:abc", Changes: []Change{{Kind: Added, Year: 2026, Slug: "x", Title: map[string]string{"fr": "X"}}}}
	r, err := Compare(&Previous{Source: "test", Events: published(t, p), Report: old}, p, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var a, b bytes.Buffer
	old.Encode(&a)
	r.Encode(&b)
	if !r.Carried || a.String() != b.String() {
		t.Errorf("with no change, the report is\n%s\nwant the previous one carried over:\n%s", b.String(), a.String())
	}
	if got := r.Summary(); got != "Aucune modification du programme depuis la dernière publication." {
		t.Errorf("summary = %q", got)
	}
}

func TestSummaryTellsEditorsInFrench(t *testing.T) {
	r := &Report{Changes: []Change{
		{Kind: Added, Title: map[string]string{"fr": "Fête foraine"}, Start: "2026-07-04T14:00:00+02:00"},
		{Kind: Cancelled, Title: map[string]string{"fr": "Bal"}},
		{Kind: Time, Title: map[string]string{"fr": "Concert"}, PreviousStart: "2026-06-27T18:00:00+02:00", Start: "2026-06-28"},
		{Kind: Venue, Title: map[string]string{"fr": "Visite"}, PreviousVenue: map[string]string{"fr": "Fosse 9"}, Venue: map[string]string{"fr": "Base 11/19"}},
		{Kind: Removed, Title: map[string]string{"fr": "Conférence"}},
	}}
	want := "5 modifications depuis la dernière publication : ajouté « Fête foraine » ; annulé « Bal » ; " +
		"horaire changé « Concert » (samedi 27 juin, 18 h → dimanche 28 juin) ; changé de lieu « Visite » (Fosse 9 → Base 11/19) ; retiré « Conférence »."
	if got := r.Summary(); got != want {
		t.Errorf("summary =\n%s\nwant\n%s", got, want)
	}
	if got := (&Report{First: true}).Summary(); got != "Première publication : pas de programme publié auparavant à comparer." {
		t.Errorf("first summary = %q", got)
	}
}

func TestReadFindsThePreviousPublicationInAFolderOrAtAnAddress(t *testing.T) {
	p := programmetest.Sample()
	events := published(t, p)
	dir := t.TempDir()
	if prev, err := Read(context.Background(), dir); prev != nil || err != nil {
		t.Errorf("Read of a folder with no publication = %v, %v; want nothing and no error", prev, err)
	}
	os.MkdirAll(filepath.Join(dir, "donnees"), 0o755)
	os.WriteFile(filepath.Join(dir, "donnees", opendata.EventsFile), events, 0o644)
	os.WriteFile(filepath.Join(dir, "donnees", File), []byte(`{"reference": "sha256:abc", "modifications": []}`), 0o644)
	prev, err := Read(context.Background(), dir)
	if err != nil || prev == nil || !bytes.Equal(prev.Events, events) || prev.Report == nil || prev.Report.Reference != "sha256:abc" {
		t.Fatalf("Read of the output folder = %+v, %v; want its evenements.json and modifications.json", prev, err)
	}

	srv := httptest.NewServer(http.StripPrefix("/site", http.FileServer(http.Dir(dir))))
	defer srv.Close()
	prev, err = Read(context.Background(), srv.URL+"/site/donnees/evenements.json")
	if err != nil || prev == nil || !bytes.Equal(prev.Events, events) || prev.Report == nil {
		t.Fatalf("Read of the published address = %+v, %v; want its evenements.json and modifications.json", prev, err)
	}
	if prev, err := Read(context.Background(), srv.URL+"/nothing/donnees/evenements.json"); prev != nil || err != nil {
		t.Errorf("Read of an address never published = %v, %v; want nothing and no error", prev, err)
	}
	broken := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "down", http.StatusInternalServerError)
	}))
	defer broken.Close()
	if _, err := Read(context.Background(), broken.URL+"/donnees/evenements.json"); err == nil || !strings.Contains(err.Error(), "500") {
		t.Errorf("Read of a failing server: error %v; want one naming the status", err)
	}
}

// TestRecordsReadAsEvenementsJSONReadsBack: Compare reads the programme
// without writing its evenements.json; what it reads must be what that
// file says, or every event would show as changed against a publication.
// The sample has translations, every status and all-day sessions; the
// shipped programme has the rest of what editors write.
func TestRecordsReadAsEvenementsJSONReadsBack(t *testing.T) {
	shipped, diags := programme.Load(filepath.Join("..", "..", "..", "content"), content.Options{}, programme.Options{})
	if diags.HasErrors(false) {
		t.Fatalf("the shipped content has errors: %v", diags.Sorted())
	}
	sample := programmetest.Sample()
	sample.Site.Languages = append(sample.Site.Languages, "nl")
	for name, p := range map[string]*programme.Programme{"sample": programmetest.Sample(), "sample in three languages": sample, "shipped": shipped} {
		var file snapshot
		if err := json.Unmarshal(published(t, p), &file); err != nil {
			t.Fatal(err)
		}
		got := records(p)
		if len(got) != len(file.Evenements) {
			t.Fatalf("%s: %d records; evenements.json has %d", name, len(got), len(file.Evenements))
		}
		for i, want := range file.Evenements {
			if len(want.Seances) == 0 {
				want.Seances = nil
			}
			if len(got[i].Seances) == 0 {
				got[i].Seances = nil
			}
			if !reflect.DeepEqual(got[i], want) {
				t.Errorf("%s: record %s\n%+v\nevenements.json reads\n%+v", name, want.key(), got[i], want)
			}
		}
	}
}
