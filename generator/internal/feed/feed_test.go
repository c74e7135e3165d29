package feed

import (
	"bytes"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
	"quinzaine/generator/internal/route"
)

// The shape of an Atom feed as RFC 4287 has it, read with encoding/xml.
type readFeed struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string   `xml:"http://www.w3.org/XML/1998/namespace lang,attr"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Links   []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Author struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Entries []readEntry `xml:"entry"`
}

type readEntry struct {
	ID      string `xml:"id"`
	Title   string `xml:"title"`
	Updated string `xml:"updated"`
	Link    struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Summary struct {
		Type string `xml:"type,attr"`
		Text string `xml:",chardata"`
	} `xml:"summary"`
	Categories []struct {
		Term string `xml:"term,attr"`
	} `xml:"category"`
}

type writer func(io.Writer, *programme.Programme, string, string) error

func read(t *testing.T, write writer, p *programme.Programme, lang string) (readFeed, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := write(&buf, p, lang, programmetest.Base); err != nil {
		t.Fatal(err)
	}
	var f readFeed
	if err := xml.Unmarshal(buf.Bytes(), &f); err != nil {
		t.Fatalf("encoding/xml refuses the feed: %v\n%s", err, buf.Bytes())
	}
	return f, buf.Bytes()
}

func TestFeedIsAtomWithStableIdsNewestFirst(t *testing.T) {
	p := programmetest.Sample()
	f, _ := read(t, Atom, p, "fr")
	if f.Lang != "fr" || f.ID != "tag:quinzaine.example.org,2026:fr/feed" || f.Author.Name == "" {
		t.Errorf("feed: lang %q, id %q, author %q", f.Lang, f.ID, f.Author.Name)
	}
	if len(f.Links) != 2 || f.Links[0].Rel != "self" || f.Links[0].Href != "https://quinzaine.example.org/feed.xml" {
		t.Errorf("links = %+v", f.Links)
	}
	if len(f.Entries) != len(p.Events) {
		t.Fatalf("got %d entries; want one per event, %d", len(f.Entries), len(p.Events))
	}
	seen := map[string]bool{}
	var prev time.Time
	for i, e := range f.Entries {
		if seen[e.ID] || !strings.HasPrefix(e.ID, "tag:quinzaine.example.org,2026:fr/events/2026/") {
			t.Errorf("entry id %q repeated or not a tag URI of the site", e.ID)
		}
		seen[e.ID] = true
		u, err := time.Parse(time.RFC3339, e.Updated)
		if err != nil {
			t.Fatalf("entry updated %q: %v", e.Updated, err)
		}
		if i == 0 && e.Updated != f.Updated {
			t.Errorf("feed updated %s; want its newest entry's, %s", f.Updated, e.Updated)
		}
		if i > 0 && u.After(prev) {
			t.Errorf("entry %d is newer than the one before it", i)
		}
		prev = u
		if e.Link.Rel != "alternate" || !strings.HasPrefix(e.Link.Href, "https://quinzaine.example.org/evenements/2026/") {
			t.Errorf("entry link = %+v", e.Link)
		}
	}
	bal := entryOf(f, "tag:quinzaine.example.org,2026:fr/events/2026/bal")
	if bal == nil {
		t.Fatal("no entry for the ball")
	}
	if bal.Title != "Bal des gueules noires : fête, danse; café à Évin" || bal.Summary.Type != "text" {
		t.Errorf("ball entry: title %q, summary type %q", bal.Title, bal.Summary.Type)
	}
	if want := "samedi 27\u00a0juin 2026, 20\u00a0h\u00a030 (+1) — Fosse 9-9bis, Oignies\n" + programmetest.LongSummary; bal.Summary.Text != want {
		t.Errorf("ball summary = %q; want %q", bal.Summary.Text, want)
	}
	if len(bal.Categories) != 2 || bal.Categories[0].Term != "bal" {
		t.Errorf("ball categories = %+v", bal.Categories)
	}
}

func entryOf(f readFeed, id string) *readEntry {
	for i := range f.Entries {
		if f.Entries[i].ID == id {
			return &f.Entries[i]
		}
	}
	return nil
}

func TestEnglishFeedLivesUnderEnAndSpeaksEnglish(t *testing.T) {
	f, _ := read(t, Atom, programmetest.Sample(), "en")
	bal := entryOf(f, "tag:quinzaine.example.org,2026:en/events/2026/bal")
	if f.Links[0].Href != "https://quinzaine.example.org/en/feed.xml" || bal == nil || bal.Title != "Coal miners' ball" || bal.Link.Href != "https://quinzaine.example.org/en/events/2026/bal/" {
		t.Errorf("English feed: self %q, ball %+v", f.Links[0].Href, bal)
	}
}

// dates gives the ball and the exhibition a later date than the rest, the
// same one, so that their order is the tie-break's.
func dates(e *programme.Event) time.Time {
	paris, _ := time.LoadLocation("Europe/Paris")
	switch e.Slug {
	case "bal", "expo":
		return time.Date(2026, 6, 10, 17, 3, 0, 0, paris)
	}
	return time.Date(2026, 5, 2, 8, 15, 0, 0, paris)
}

func TestEntriesAreDatedWhenTheirEventLastChangedNewestFirst(t *testing.T) {
	p := programmetest.Sample()
	dated := func(w io.Writer, p *programme.Programme, lang, base string) error {
		return Options{Modified: dates}.Atom(w, p, lang, base)
	}
	f, _ := read(t, dated, p, "fr")
	var got []string
	for _, e := range f.Entries {
		got = append(got, strings.TrimPrefix(e.ID, "tag:quinzaine.example.org,2026:fr/events/2026/")+" "+e.Updated)
	}
	// Ties by title: « Bal des… » before « Exposition… », then « Chorale… »,
	// « Randonnée… », « Visite… ».
	want := []string{
		"bal 2026-06-10T17:03:00+02:00", "expo 2026-06-10T17:03:00+02:00",
		"concert-annule 2026-05-02T08:15:00+02:00", "randonnee 2026-05-02T08:15:00+02:00", "visite-reportee 2026-05-02T08:15:00+02:00",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if f.Updated != "2026-06-10T17:03:00+02:00" {
		t.Errorf("feed updated %s; want its newest entry's", f.Updated)
	}
}

func TestChangesFeedDatesChangesWhenFoundAndStatusesByTheirEvent(t *testing.T) {
	p := programmetest.Sample()
	found := time.Date(2026, 6, 12, 9, 30, 0, 0, time.UTC)
	since := []changes.Change{
		{Kind: changes.Removed, Year: 2026, Slug: "retire", Title: map[string]string{"fr": "Conférence retirée"}, Date: found},
		// Written before changes were dated: the event's date stands in.
		{Kind: changes.Venue, Year: 2026, Slug: "bal", Title: map[string]string{"fr": "Bal"}, Venue: map[string]string{"fr": "Fosse 9"}, PreviousVenue: map[string]string{"fr": "Base 11/19"}},
	}
	with := func(w io.Writer, p *programme.Programme, lang, base string) error {
		return Options{Modified: dates}.Changes(w, p, lang, base, since...)
	}
	f, _ := read(t, with, p, "fr")
	var got []string
	for _, e := range f.Entries {
		got = append(got, e.Title+" "+e.Updated)
	}
	want := []string{
		"Retiré : Conférence retirée 2026-06-12T09:30:00Z",
		"Changé de lieu : Bal 2026-06-10T17:03:00+02:00",
		"Annulé : Chorale des mineurs polonais 2026-05-02T08:15:00+02:00",
		"Complet : Randonnée des terrils 2026-05-02T08:15:00+02:00",
		"Nouvelle date : Visite de la lampisterie 2026-05-02T08:15:00+02:00",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("entries:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	p.Events = nil
	empty := func(w io.Writer, p *programme.Programme, lang, base string) error {
		return Options{Modified: dates}.Changes(w, p, lang, base)
	}
	if f, _ := read(t, empty, p, "fr"); len(f.Entries) != 0 || f.Updated != "0001-01-01T00:00:00Z" {
		t.Errorf("a feed of nothing: %d entries, updated %s", len(f.Entries), f.Updated)
	}
}

func TestEmptyChangesFeedIsDatedByTheNewestEvent(t *testing.T) {
	p := programmetest.Sample()
	for _, e := range p.Events {
		e.Status = programme.Scheduled
	}
	dated := func(w io.Writer, p *programme.Programme, lang, base string) error {
		return Options{Modified: dates}.Changes(w, p, lang, base)
	}
	if f, _ := read(t, dated, p, "fr"); len(f.Entries) != 0 || f.Updated != "2026-06-10T17:03:00+02:00" {
		t.Errorf("changes feed with no change: %d entries, updated %s; want none, dated by the newest event", len(f.Entries), f.Updated)
	}
}

func TestChangesFeedListsCancellationsAndChangesEachAsItsOwnItem(t *testing.T) {
	p := programmetest.Sample()
	f, _ := read(t, changesOnly, p, "fr")
	if f.ID != "tag:quinzaine.example.org,2026:fr/changes" || f.Links[0].Href != "https://quinzaine.example.org/modifications/feed.xml" {
		t.Errorf("changes feed: id %q, self %q", f.ID, f.Links[0].Href)
	}
	titles := map[string]string{}
	for _, e := range f.Entries {
		titles[e.ID] = e.Title
	}
	want := map[string]string{
		"tag:quinzaine.example.org,2026:fr/changes/2026/concert-annule/cancelled":                    "Annulé : Chorale des mineurs polonais",
		"tag:quinzaine.example.org,2026:fr/changes/2026/randonnee/full":                              "Complet : Randonnée des terrils",
		"tag:quinzaine.example.org,2026:fr/changes/2026/visite-reportee/rescheduled/2026-06-21T1000": "Nouvelle date : Visite de la lampisterie",
	}
	if len(titles) != len(want) {
		t.Errorf("changes feed has %d entries; want %d: %v", len(titles), len(want), titles)
	}
	for id, w := range want {
		if titles[id] != w {
			t.Errorf("%s: title %q; want %q", id, titles[id], w)
		}
	}
	e := entryOf(f, "tag:quinzaine.example.org,2026:fr/changes/2026/visite-reportee/rescheduled/2026-06-21T1000")
	if e == nil || !strings.Contains(e.Summary.Text, "Initialement prévu le dimanche 21\u00a0juin 2026, 10\u00a0h") {
		t.Errorf("rescheduled entry does not tell the previous date: %+v", e)
	}

	programmetest.Event(p, "randonnee").Status = programme.Cancelled
	f, _ = read(t, changesOnly, p, "fr")
	if entryOf(f, "tag:quinzaine.example.org,2026:fr/changes/2026/randonnee/cancelled") == nil {
		t.Error("a full event later cancelled does not get a new entry")
	}
}

func TestHostileTitleReadsBackAsTyped(t *testing.T) {
	p := programmetest.Sample()
	hostile := `</title><script>alert("x")</script> & co`
	programmetest.Event(p, "bal").Title.Value = hostile
	f, data := read(t, Atom, p, "fr")
	if bytes.Contains(data, []byte("<script>")) {
		t.Error("the feed holds a raw <script>")
	}
	if e := entryOf(f, "tag:quinzaine.example.org,2026:fr/events/2026/bal"); e == nil || e.Title != hostile {
		t.Errorf("title = %+v; want %q", e, hostile)
	}
}

func TestFeedsEncodeTheSameTwice(t *testing.T) {
	for _, w := range []writer{Atom, changesOnly} {
		_, a := read(t, w, programmetest.Sample(), "fr")
		_, b := read(t, w, programmetest.Sample(), "fr")
		if !bytes.Equal(a, b) {
			t.Error("two encodings differ")
		}
	}
}

// changesOnly is the changes feed without changes since a publication.
func changesOnly(w io.Writer, p *programme.Programme, lang, base string) error {
	return Changes(w, p, lang, base)
}

func TestChangesFeedAddsTheChangesSinceTheLastPublication(t *testing.T) {
	p := programmetest.Sample()
	e := p.Events[0]
	since := []changes.Change{
		{Kind: changes.Added, Year: e.Year, Slug: e.Slug, Title: map[string]string{"fr": "Nouveau bal"}, Start: "2026-06-27T20:30:00+02:00"},
		{Kind: changes.Removed, Year: 2026, Slug: "retire", Title: map[string]string{"fr": "Conférence retirée"}},
		{Kind: changes.Cancelled, Year: 2026, Slug: "annule", Title: map[string]string{"fr": "Déjà dit par son statut"}},
	}
	with := func(w io.Writer, p *programme.Programme, lang, base string) error {
		return Changes(w, p, lang, base, since...)
	}
	f, _ := read(t, with, p, "fr")
	base, _ := read(t, changesOnly, p, "fr")
	if len(f.Entries) != len(base.Entries)+2 {
		t.Fatalf("changes feed with 3 changes since the last publication has %d entries; want %d (the cancellation is told by its status entry)", len(f.Entries), len(base.Entries)+2)
	}
	titles := map[string]string{}
	for _, en := range f.Entries {
		titles[en.Title] = en.Link.Href
	}
	if href, ok := titles["Ajouté : Nouveau bal"]; !ok || href != "https://quinzaine.example.org"+(route.Router{Default: "fr"}).Event("fr", e.Year, e.Slug) {
		t.Errorf("no entry « Ajouté : Nouveau bal » linking to the event's page; entries: %v", titles)
	}
	if href, ok := titles["Retiré : Conférence retirée"]; !ok || href != "https://quinzaine.example.org/modifications/" {
		t.Errorf("no entry « Retiré : Conférence retirée » linking to the changes page; entries: %v", titles)
	}
}
