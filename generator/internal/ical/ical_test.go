package ical

import (
	"bytes"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

func encode(t *testing.T, cal Calendar) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Encode(&buf, cal); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// parse reads a calendar with a library that did not come from this project,
// as a calendar client would.
func parse(t *testing.T, data []byte) map[string]*ics.VEvent {
	t.Helper()
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("independent parser refused the calendar: %v\n%s", err, data)
	}
	events := map[string]*ics.VEvent{}
	for _, e := range cal.Events() {
		events[e.Id()] = e
	}
	return events
}

func value(t *testing.T, e *ics.VEvent, p ics.ComponentProperty) string {
	t.Helper()
	prop := e.GetProperty(p)
	if prop == nil {
		t.Fatalf("%s: no %s", e.Id(), p)
	}
	return prop.Value
}

func TestEditionCalendarRoundTripsThroughAnIndependentParser(t *testing.T) {
	p := programmetest.Sample()
	events := parse(t, encode(t, Edition(p, programmetest.Base)))
	if len(events) != len(p.Sessions) {
		t.Fatalf("got %d VEVENTs; want one per session, %d", len(events), len(p.Sessions))
	}

	bal := events["2026/bal/2026-06-27T2030@quinzaine.example.org"]
	if bal == nil {
		t.Fatalf("no VEVENT for the first ball session; UIDs: %v", keys(events))
	}
	start, err := bal.GetStartAt()
	if err != nil {
		t.Fatal(err)
	}
	end, err := bal.GetEndAt()
	if err != nil {
		t.Fatal(err)
	}
	wantStart := time.Date(2026, 6, 27, 18, 30, 0, 0, time.UTC) // 20:30 at +02:00
	wantEnd := time.Date(2026, 6, 27, 23, 0, 0, 0, time.UTC)    // 01:00 the next day at +02:00
	if !start.Equal(wantStart) || !end.Equal(wantEnd) {
		t.Errorf("ball runs %v to %v; want %v to %v", start, end, wantStart, wantEnd)
	}
	if _, off := start.Zone(); off != 2*60*60 {
		t.Errorf("start read at offset %d s; want +02:00 from TZID=Europe/Paris", off)
	}
	if got, want := value(t, bal, ics.ComponentPropertySummary), "Bal des gueules noires : fête, danse; café à Évin"; got != want {
		t.Errorf("SUMMARY = %q; want %q", got, want)
	}
	if got := value(t, bal, ics.ComponentPropertyDescription); !strings.Contains(got, programmetest.LongSummary) {
		t.Errorf("DESCRIPTION = %q; want it to hold the long summary whole", got)
	}
	if got, want := value(t, bal, ics.ComponentPropertyLocation), "Fosse 9-9bis, Rue du Tordoir, 62590 Oignies"; got != want {
		t.Errorf("LOCATION = %q; want %q", got, want)
	}
	if got, want := value(t, bal, ics.ComponentPropertyUrl), "https://quinzaine.example.org/evenements/2026/bal/"; got != want {
		t.Errorf("URL = %q; want %q", got, want)
	}
	if got, want := value(t, bal, ics.ComponentPropertyGeo), "50.467600;2.994900"; got != want {
		t.Errorf("GEO = %q; want %q", got, want)
	}
	if got, want := value(t, bal, ics.ComponentPropertyCategories), "Bal, guinguette,Concert"; got != want {
		t.Errorf("CATEGORIES = %q; want %q", got, want)
	}

	if events["2026/bal/bal-dimanche@quinzaine.example.org"] == nil {
		t.Errorf("an editor's session id is not prefixed with its event; UIDs: %v", keys(events))
	}

	cancelled := events["2026/concert-annule/2026-06-26T1800@quinzaine.example.org"]
	if got := value(t, cancelled, ics.ComponentPropertyStatus); got != "CANCELLED" {
		t.Errorf("cancelled STATUS = %q; want CANCELLED", got)
	}
	if got := value(t, cancelled, ics.ComponentPropertySummary); got != "ANNULÉ — Chorale des mineurs polonais" {
		t.Errorf("cancelled SUMMARY = %q", got)
	}
	if got := value(t, cancelled, ics.ComponentPropertySequence); got != "3" {
		t.Errorf("cancelled SEQUENCE = %q; want 3", got)
	}

	hike := events["2026/randonnee/2026-07-04T0000@quinzaine.example.org"]
	first, err := hike.GetAllDayStartAt()
	if err != nil {
		t.Fatal(err)
	}
	if first.Format(time.DateOnly) != "2026-07-04" {
		t.Errorf("all-day start = %v; want 2026-07-04", first)
	}
	dtend := hike.GetProperty(ics.ComponentPropertyDtEnd)
	if dtend.Value != "20260706" || dtend.ICalParameters["VALUE"][0] != "DATE" {
		t.Errorf("all-day DTEND = %q %v; want the exclusive date 20260706 with VALUE=DATE", dtend.Value, dtend.ICalParameters)
	}
}

func keys(m map[string]*ics.VEvent) []string {
	var ks []string
	for k := range m {
		ks = append(ks, k)
	}
	return ks
}

func TestCalendarCarriesTheParisTimeZoneItRefersTo(t *testing.T) {
	data := encode(t, Edition(programmetest.Sample(), programmetest.Base))
	cal, err := ics.ParseCalendar(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	tzs := cal.Timezones()
	if len(tzs) != 1 || tzs[0].GetProperty(ics.ComponentPropertyTzid).Value != "Europe/Paris" {
		t.Fatalf("got %d VTIMEZONEs; want one, Europe/Paris", len(tzs))
	}
	unfolded := bytes.ReplaceAll(data, []byte("\r\n "), nil)
	// CATEGORIES is a list of TEXT: the comma inside a label is escaped,
	// the commas between labels are not.
	for _, want := range []string{"CATEGORIES:Bal\\, guinguette,Concert\r\n", "VERSION:2.0\r\n", "METHOD:PUBLISH\r\n", "PRODID:", "X-WR-CALNAME:Quinzaine festive — Le Bassin minier fête le patrimoine mondial\r\n",
		"BEGIN:DAYLIGHT\r\n", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n", "BEGIN:STANDARD\r\n", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r\n"} {
		if !bytes.Contains(unfolded, []byte(want)) {
			t.Errorf("calendar lacks %q", want)
		}
	}
}

func TestProgrammeOutsideParisIsWrittenInUTC(t *testing.T) {
	p := programmetest.Sample()
	p.Location = time.UTC
	data := encode(t, ForEvent(p, p.Events[0], programmetest.Base))
	if bytes.Contains(data, []byte("VTIMEZONE")) || bytes.Contains(data, []byte("TZID")) {
		t.Error("a calendar outside Europe/Paris refers to a zone")
	}
	events := parse(t, data)
	for _, s := range p.Events[0].Sessions {
		start, err := events[UID(s, "quinzaine.example.org")].GetStartAt()
		if err != nil {
			t.Fatal(err)
		}
		if !start.Equal(s.Start) {
			t.Errorf("UTC start %v; want the instant %v", start, s.Start)
		}
	}
}

func TestLinesEndInCRLFAndFoldWithinSeventyFiveOctetsOnCharacterBoundaries(t *testing.T) {
	data := encode(t, Edition(programmetest.Sample(), programmetest.Base))
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Error("calendar does not end with CRLF")
	}
	folded := 0
	for i, l := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if bytes.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Errorf("line %d splits a UTF-8 character: %q", i+1, l)
		}
		if len(l) > 0 && l[0] == ' ' {
			folded++
		}
	}
	if folded == 0 {
		t.Error("no line was folded; the sample's long summary should be")
	}

	// An é whose second octet would be the 76th moves whole to the next line.
	got := string(appendFold(nil, []byte(strings.Repeat("x", 74)+"é"+"y")))
	want := strings.Repeat("x", 74) + "\r\n é" + "y\r\n"
	if got != want {
		t.Errorf("appendFold = %q; want %q", got, want)
	}
	got = string(appendFold(nil, []byte(strings.Repeat("x", 74)+`\n`+"y")))
	want = strings.Repeat("x", 74) + "\r\n \\ny\r\n"
	if got != want {
		t.Errorf("appendFold = %q; want %q", got, want)
	}
}

func TestTextValuesEscapeBackslashSemicolonCommaAndNewlines(t *testing.T) {
	got := string(appendEscape(nil, "a\\b;c,d\ne\r\nf"))
	want := `a\\b\;c\,d\ne\nf`
	if got != want {
		t.Errorf("appendEscape = %q; want %q", got, want)
	}
}

func TestUIDSurvivesEditsOfOtherFieldsAndSequenceRisesWithStatus(t *testing.T) {
	p := programmetest.Sample()
	e := p.Events[len(p.Events)-1] // the hike
	host := "quinzaine.example.org"
	uid := UID(e.Sessions[0], host)
	before := encode(t, ForEvent(p, e, programmetest.Base))

	e.Title.Value = "Randonnée des terrils jumeaux"
	e.Venue = p.Venues[0]
	if got := UID(e.Sessions[0], host); got != uid {
		t.Errorf("UID changed with the title and venue: %q, was %q", got, uid)
	}
	if after := encode(t, ForEvent(p, e, programmetest.Base)); stampOf(t, after) != stampOf(t, before) {
		t.Error("DTSTAMP changed with the content though the event's date did not")
	}

	seq := -1
	for _, st := range []programme.Status{programme.Scheduled, programme.Postponed, programme.Rescheduled, programme.Cancelled} {
		if s := Sequence(st); s <= seq {
			t.Errorf("SEQUENCE of %s = %d; want above %d", st, s, seq)
		} else {
			seq = s
		}
	}
	if Sequence(programme.Full) != Sequence(programme.Scheduled) {
		t.Error("a full event does not keep the SEQUENCE of a scheduled one")
	}
}

func stampOf(t *testing.T, data []byte) string {
	t.Helper()
	for _, e := range parse(t, data) {
		return value(t, e, ics.ComponentPropertyDtstamp)
	}
	t.Fatal("no VEVENT")
	return ""
}

func TestStampAndLastModifiedAreTheEventsDateInUTC(t *testing.T) {
	p := programmetest.Sample()
	paris, _ := time.LoadLocation("Europe/Paris")
	changed := time.Date(2026, 6, 10, 17, 3, 0, 0, paris)
	before := time.Date(2026, 5, 2, 8, 15, 0, 0, paris)
	cal := Edition(p, programmetest.Base)
	cal.Modified = func(e *programme.Event) time.Time {
		if e.Slug == "bal" {
			return changed
		}
		return before
	}
	for uid, ev := range parse(t, encode(t, cal)) {
		want := "20260502T061500Z"
		if strings.HasPrefix(uid, "2026/bal/") {
			want = "20260610T150300Z"
		}
		if got := value(t, ev, ics.ComponentPropertyDtstamp); got != want {
			t.Errorf("%s: DTSTAMP %s; want %s", uid, got, want)
		}
		if got := value(t, ev, ics.ComponentPropertyLastModified); got != want {
			t.Errorf("%s: LAST-MODIFIED %s; want %s", uid, got, want)
		}
	}
}

func TestEncodingTwiceGivesTheSameBytes(t *testing.T) {
	a := encode(t, Edition(programmetest.Sample(), programmetest.Base))
	b := encode(t, Edition(programmetest.Sample(), programmetest.Base))
	if !bytes.Equal(a, b) {
		t.Error("two encodings of the same programme differ")
	}
}

func TestConstructorsSelectTheirSessions(t *testing.T) {
	p := programmetest.Sample()
	var chm *programme.Venue
	for _, v := range p.Venues {
		if v.Slug == "centre-historique-minier" {
			chm = v
		}
	}
	tests := []struct {
		name string
		cal  Calendar
		want int
	}{
		{"edition", Edition(p, programmetest.Base), 8},
		{"event bal", ForEvent(p, p.Events[len(p.Events)-2], programmetest.Base), 2},
		{"venue centre-historique-minier", ForVenue(p, chm, programmetest.Base), 5},
		{"category concert", ForCategory(p, p.Categories[0], programmetest.Base), 3},
	}
	for _, tt := range tests {
		if got := len(parse(t, encode(t, tt.cal))); got != tt.want {
			t.Errorf("%s: %d VEVENTs; want %d", tt.name, got, tt.want)
		}
	}
}
