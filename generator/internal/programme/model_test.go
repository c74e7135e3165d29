package programme

import (
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"golang.org/x/tools/txtar"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
)

// loadValid loads testdata/valid.txtar, failing on any diagnostic.
func loadValid(t *testing.T, opts Options) *Programme {
	t.Helper()
	ar, err := txtar.ParseFile(filepath.Join("testdata", "valid.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	writeFiles(t, dir, ar.Files)
	writePictures(t, dir, directiveLines(ar.Comment))
	p, diags := Load(filepath.Join(dir, "content"), content.Options{}, opts)
	if diags.Len() > 0 {
		var b strings.Builder
		diag.WriteText(&b, diags)
		t.Fatalf("valid tree has diagnostics:\n%s", b.String())
	}
	return p
}

func event(t *testing.T, p *Programme, slug string) *Event {
	t.Helper()
	for _, e := range p.Events {
		if e.Slug == slug {
			return e
		}
	}
	t.Fatalf("no event %q", slug)
	return nil
}

func TestValidTreeLoadsWithoutDiagnostics(t *testing.T) {
	p := loadValid(t, Options{})
	if got := len(p.Events); got != 4 {
		t.Errorf("%d events, want 4 (the draft left out)", got)
	}
	if p.Site.BaseURL != "https://quinzaine.example.org/" {
		t.Errorf("BaseURL = %q, want a final slash added", p.Site.BaseURL)
	}
	if got := p.Site.Translations["en"]["menu_programme"]; got != "Programme" {
		t.Errorf("site interface string = %q", got)
	}
	if v, lang := p.Site.Title.In("en"); v != "Festive fortnight" || lang != "en" {
		t.Errorf("site title in en = %q, %q", v, lang)
	}
}

func TestDailyExpandsIntoOneSessionPerOpenDay(t *testing.T) {
	e := event(t, loadValid(t, Options{}), "expo")
	var got []string
	for _, s := range e.Sessions {
		got = append(got, s.Start.Format("Mon 02 15:04")+"-"+s.End.Format("15:04"))
	}
	want := []string{
		"Sat 20 14:00-18:00", "Sun 21 14:00-18:00", // Monday 22 closed
		"Tue 23 14:00-18:00", "Wed 24 14:00-18:00", "Thu 25 14:00-18:00",
		"Fri 26 14:00-18:00", "Sat 27 14:00-18:00", "Sun 28 14:00-18:00",
	}
	if !slices.Equal(got, want) {
		t.Errorf("sessions:\n%v\nwant:\n%v", got, want)
	}
	if e.Daily == nil || e.Daily.Open != "14:00" || !slices.Equal(e.Daily.ClosedOn, []time.Weekday{time.Monday}) {
		t.Errorf("Daily = %+v", e.Daily)
	}
}

func TestFestivalDayRunsFromFourInTheMorning(t *testing.T) {
	tests := []struct {
		start  string
		allDay bool
		day    string
	}{
		{"2026-06-27T20:30", false, "2026-06-27"},
		{"2026-06-28T01:00", false, "2026-06-27"},
		{"2026-06-28T03:59", false, "2026-06-27"},
		{"2026-06-28T04:00", false, "2026-06-28"},
		{"2026-06-28T00:00", true, "2026-06-28"},
	}
	paris, _ := time.LoadLocation("Europe/Paris")
	for _, tt := range tests {
		start, _ := time.ParseInLocation("2006-01-02T15:04", tt.start, paris)
		if got := festivalDate(&Session{Start: start, AllDay: tt.allDay}).Format(time.DateOnly); got != tt.day {
			t.Errorf("festival day of %s (all day %v) = %s, want %s", tt.start, tt.allDay, got, tt.day)
		}
	}
	p := loadValid(t, Options{})
	after := event(t, p, "bal").Sessions[1]
	if after.Day.Key() != "2026-06-27" {
		t.Errorf("the ball's 01:00 session is on %s, want 2026-06-27", after.Day.Key())
	}
}

func TestAllDaySessionStartsAtMidnightOnItsOwnDay(t *testing.T) {
	e := event(t, loadValid(t, Options{}), "pique-nique")
	s := e.Sessions[0]
	if !s.AllDay || s.Start.Format(time.RFC3339) != "2026-06-21T00:00:00+02:00" || !s.End.Equal(s.Start) || s.Day.Key() != "2026-06-21" {
		t.Errorf("all-day session = %v all day %v, end %v, day %s", s.Start, s.AllDay, s.End, s.Day.Key())
	}
	if e.Status != Rescheduled || e.PrevStart.Format(time.DateOnly) != "2026-06-14" {
		t.Errorf("status %q, previous start %v", e.Status, e.PrevStart)
	}
}

func TestSessionIDsAreGivenOrDerivedFromTheStart(t *testing.T) {
	p := loadValid(t, Options{})
	tests := []struct {
		slug string
		i    int
		want string
	}{
		{"bal", 0, "2026/bal/2026-06-27T2030"},
		{"bal", 1, "2026/bal/after"},
		{"pique-nique", 0, "2026/pique-nique/2026-06-21"},
		{"expo", 0, "2026/expo/2026-06-20T1400"},
	}
	for _, tt := range tests {
		if got := event(t, p, tt.slug).Sessions[tt.i].ID; got != tt.want {
			t.Errorf("%s session %d: ID = %q, want %q", tt.slug, tt.i, got, tt.want)
		}
	}
}

func TestTimesAreInTheSiteZoneWithSummerOffset(t *testing.T) {
	p := loadValid(t, Options{})
	s := event(t, p, "bal").Sessions[0]
	if got := s.Start.Format(time.RFC3339); got != "2026-06-27T20:30:00+02:00" {
		t.Errorf("start = %s", got)
	}
	if got := s.End.Format(time.RFC3339); got != "2026-06-28T01:30:00+02:00" {
		t.Errorf("end = %s", got)
	}
	if p.Location.String() != "Europe/Paris" {
		t.Errorf("location = %s", p.Location)
	}
}

// The time zone database is compiled in (time/tzdata), so that a machine
// without zoneinfo still builds. The child process runs the test above with
// ZONEINFO pointing nowhere; on a machine that also lacks
// /usr/share/zoneinfo, as slim CI images do, only the compiled-in database
// is left.
func TestTimeZoneWorksWithoutSystemZoneinfo(t *testing.T) {
	if os.Getenv("QUINZAINE_NO_ZONEINFO") == "1" {
		return
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestTimesAreInTheSiteZoneWithSummerOffset$")
	cmd.Env = append(os.Environ(), "QUINZAINE_NO_ZONEINFO=1", "ZONEINFO="+filepath.Join(t.TempDir(), "nowhere.zip"), "TZ=")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("with ZONEINFO pointing nowhere: %v\n%s", err, out)
	}
}

func TestNamesSortInFrenchCollation(t *testing.T) {
	p := loadValid(t, Options{})
	var communes []string
	for _, c := range p.Communes {
		communes = append(communes, c.Name+"="+c.Slug)
	}
	want := []string{"Bruay-la-Buissière=bruay-la-buissiere", "Évin-Malmaison=evin-malmaison", "Lens=lens", "Oignies=oignies"}
	if !slices.Equal(communes, want) {
		t.Errorf("communes = %v, want %v", communes, want)
	}
	var venues []string
	for _, v := range p.Venues {
		venues = append(venues, v.Name.Value)
	}
	wantVenues := []string{"Cité des électriciens", "Fosse 9-9bis", "Salle des fêtes", "Stade Bollaert-Delelis"}
	if !slices.Equal(venues, wantVenues) {
		t.Errorf("venues = %v, want %v", venues, wantVenues)
	}
	var grand []string
	for _, v := range p.GrandSites {
		grand = append(grand, v.Slug)
	}
	if !slices.Equal(grand, []string{"cite-des-electriciens", "fosse-9-9bis"}) {
		t.Errorf("grand sites = %v", grand)
	}
}

func TestDraftsAreLeftOutUnlessAsked(t *testing.T) {
	for _, tt := range []struct {
		drafts bool
		want   int
	}{{false, 0}, {true, 1}} {
		p := loadValid(t, Options{Drafts: tt.drafts})
		n := 0
		for _, e := range p.Events {
			if e.Draft {
				n++
			}
		}
		if n != tt.want {
			t.Errorf("Drafts %v: %d drafts in the model, want %d", tt.drafts, n, tt.want)
		}
		day := dayOf(t, p, "2026-06-24")
		for _, s := range day.Sessions {
			if s.Event.Draft && !tt.drafts {
				t.Errorf("a draft's session is on 24 June's page")
			}
		}
	}
}

func dayOf(t *testing.T, p *Programme, key string) *Day {
	t.Helper()
	for _, d := range p.Days {
		if d.Key() == key {
			return d
		}
	}
	t.Fatalf("no day %s", key)
	return nil
}

func TestDaysAreTheEditionPlusAnyDayWithASession(t *testing.T) {
	p := loadValid(t, Options{})
	if got := len(p.Days); got != 17 {
		t.Errorf("%d days, want the 16 of the edition and 10 July", got)
	}
	last := p.Days[len(p.Days)-1]
	if last.Key() != "2026-07-10" || last.InEdition || len(last.Sessions) != 1 {
		t.Errorf("last day = %s, in edition %v, %d sessions", last.Key(), last.InEdition, len(last.Sessions))
	}
	if d := dayOf(t, p, "2026-07-05"); !d.InEdition || len(d.Sessions) != 0 {
		t.Errorf("5 July: in edition %v, %d sessions", d.InEdition, len(d.Sessions))
	}
	var got []string
	for _, s := range dayOf(t, p, "2026-06-27").Sessions {
		got = append(got, s.Start.Format("15:04")+" "+s.Event.Slug)
	}
	if want := []string{"14:00 expo", "20:30 bal", "01:00 bal"}; !slices.Equal(got, want) {
		t.Errorf("27 June = %v, want %v", got, want)
	}
	if !slices.Equal(p.Years, []int{2026}) {
		t.Errorf("Years = %v", p.Years)
	}
}

func TestReferencesAreResolvedBothWays(t *testing.T) {
	p := loadValid(t, Options{})
	bal := event(t, p, "bal")
	if bal.Venue.Slug != "fosse-9-9bis" || bal.Venue.Events[0] != bal || bal.Venue.Commune.Events[0] != bal {
		t.Errorf("the ball's venue and commune do not list it")
	}
	var cats []string
	for _, c := range bal.Categories {
		cats = append(cats, c.Key)
	}
	if !slices.Equal(cats, []string{"concert", "bal"}) {
		t.Errorf("categories = %v, want site.yaml's order", cats)
	}
	var concerts []string
	for _, e := range p.Categories[0].Events {
		concerts = append(concerts, e.Slug)
	}
	if !slices.Equal(concerts, []string{"pique-nique", "bal", "apres"}) {
		t.Errorf("concert events = %v, want programme order", concerts)
	}
	if v, lang := p.Categories[2].Label.In("en"); v != "Bal" || lang != "fr" {
		t.Errorf("untranslated label = %q in %q", v, lang)
	}
	if v, _ := bal.Title.In("en"); v != "Coal miners' ball" {
		t.Errorf("English title = %q", v)
	}
	if !bal.Price.Free || !bal.Price.Given {
		t.Errorf("price = %+v", bal.Price)
	}
	expo := event(t, p, "expo")
	if expo.Price.Min != 3 || expo.Price.Max != 5 {
		t.Errorf("expo price = %+v", expo.Price)
	}
	venue := bal.Venue
	if venue.Image == nil || venue.Image.Path != "images/chevalement.jpg" {
		t.Errorf("venue image = %+v", venue.Image)
	}
	if v, _ := venue.Image.Alt.In("en"); v != "The headframe" {
		t.Errorf("English image_alt = %q", v)
	}
}

func TestMarkdownKeepsTheLineItStartsOn(t *testing.T) {
	p := loadValid(t, Options{})
	bal := event(t, p, "bal")
	// `description: |` is on line 14 of bal.yaml; the text starts below.
	if got := bal.Description.Pos; got.Line != 15 || got.Col != 3 {
		t.Errorf("description starts at %d:%d, want 15:3", got.Line, got.Col)
	}
	if got := bal.Description.TranslationPos["en"]; got.Line != 21 || got.Col != 7 {
		t.Errorf("English description starts at %d:%d, want 21:7", got.Line, got.Col)
	}
	page := p.Pages[0]
	if page.Slug != "a-propos" || page.Body.Pos.Line != 9 || page.Body.Value != "Le festival **Quinzaine**.\n" {
		t.Errorf("page body at line %d: %q", page.Body.Pos.Line, page.Body.Value)
	}
	if got := page.Body.TranslationPos["en"]; got.Line != 7 {
		t.Errorf("English body starts on line %d, want 7", got.Line)
	}
}

func TestEventsSortByFirstSession(t *testing.T) {
	p := loadValid(t, Options{Drafts: true})
	var got []string
	for _, e := range p.Events {
		got = append(got, e.Slug)
	}
	if want := []string{"expo", "pique-nique", "brouillon", "bal", "apres"}; !slices.Equal(got, want) {
		t.Errorf("events = %v, want %v", got, want)
	}
}

func TestDayStartIsFourInTheMorningOfTheFestivalDay(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	at := func(y int, m time.Month, d, h, min int) time.Time { return time.Date(y, m, d, h, min, 0, 0, paris) }
	tests := []struct{ now, want time.Time }{
		{at(2026, 6, 27, 20, 30), at(2026, 6, 27, 4, 0)},
		{at(2026, 6, 28, 1, 0), at(2026, 6, 27, 4, 0)}, // the night still belongs to Saturday
		{at(2026, 6, 28, 4, 0), at(2026, 6, 28, 4, 0)},
		{at(2026, 3, 29, 12, 0), at(2026, 3, 29, 4, 0)},   // clocks went forward at 02:00
		{at(2026, 10, 25, 12, 0), at(2026, 10, 25, 4, 0)}, // clocks went back at 03:00
	}
	for _, tt := range tests {
		if got := DayStart(tt.now); !got.Equal(tt.want) {
			t.Errorf("DayStart(%s) = %s; want %s", tt.now, got, tt.want)
		}
	}
}
