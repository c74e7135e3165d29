package changes

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/programmetest"
)

// publish is what a build leaves for the next one to compare with: the
// evenements.json of p and the modifications.json of r dated for p.
func publish(t *testing.T, p *programme.Programme, r *Report) (*Previous, []byte) {
	t.Helper()
	var b bytes.Buffer
	if err := r.For(p).Encode(&b); err != nil {
		t.Fatal(err)
	}
	report, err := parseReport(b.Bytes())
	if err != nil {
		t.Fatalf("modifications.json does not read back: %v\n%s", err, b.Bytes())
	}
	return &Previous{Source: "test", Events: published(t, p), Report: report}, b.Bytes()
}

// withNewEvent adds to p a copy of its exhibition under another slug.
func withNewEvent(p *programme.Programme, slug string) {
	e := *programmetest.Event(p, "expo")
	e.Slug = slug
	e.Title.Value = "Nouvelle exposition"
	p.Events = append(p.Events, &e)
}

func TestEventsKeepTheirDateUntilWhatPartnersSeeOfThemChanges(t *testing.T) {
	t1 := time.Date(2026, 5, 2, 8, 15, 42, 0, time.UTC)
	t2 := time.Date(2026, 6, 10, 17, 3, 9, 0, time.UTC)
	t3 := time.Date(2026, 6, 11, 9, 0, 0, 0, time.UTC)

	a := programmetest.Sample()
	prevA, fileA := publish(t, a, Unpublished(t1))
	if !strings.Contains(string(fileA), `"2026/bal": {
      "modifie_le": "2026-05-02T10:15:00+02:00",
      "empreinte": "`) {
		t.Errorf("the first publication does not date the ball at its build's minute, in Paris time:\n%s", fileA)
	}

	b := programmetest.Sample()
	programmetest.Event(b, "bal").Summary.Value = "Un bal jusqu'à l'aube."
	withNewEvent(b, "nouvelle-expo")
	r, err := Compare(prevA, b, t2)
	if err != nil {
		t.Fatal(err)
	}
	dated := r.For(b)
	for _, e := range b.Events {
		want := t1.Truncate(time.Minute)
		if e.Slug == "bal" || e.Slug == "nouvelle-expo" {
			want = t2.Truncate(time.Minute)
		}
		if got := dated.Modified(e); !got.Equal(want) {
			t.Errorf("%s is dated %s; want %s", e.Slug, got, want)
		}
	}
	for _, c := range r.Changes {
		if !c.Date.Equal(t2.Truncate(time.Minute)) {
			t.Errorf("change %s %s is dated %s; want the build's minute", c.Kind, c.Slug, c.Date)
		}
	}

	prevB, fileB := publish(t, b, r)
	again, err := Compare(prevB, b, t3)
	if err != nil {
		t.Fatal(err)
	}
	var fileB2 bytes.Buffer
	if err := again.For(b).Encode(&fileB2); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(fileB, fileB2.Bytes()) {
		t.Errorf("a rebuild of the same content later writes another modifications.json:\n%s\nwant\n%s", fileB2.Bytes(), fileB)
	}
}

func TestAPublicationWithoutStampsDatesEveryEventNow(t *testing.T) {
	p := programmetest.Sample()
	old := &Report{Reference: "sha256:abc"}
	now := time.Date(2026, 6, 1, 12, 30, 59, 0, time.UTC)
	r, err := Compare(&Previous{Source: "test", Events: published(t, p), Report: old}, p, now)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range r.For(p).Events {
		if !e.Modified.Equal(time.Date(2026, 6, 1, 12, 30, 0, 0, time.UTC)) {
			t.Errorf("an event of a publication without stamps is dated %s; want the build's minute", e.Modified)
		}
	}
}

func TestFingerprintFollowsWhatPartnersSeeOnly(t *testing.T) {
	base := Fingerprint(programmetest.Event(programmetest.Sample(), "bal"))
	if len(base) != 32 {
		t.Errorf("fingerprint %q is not 32 hexadecimal digits", base)
	}
	edits := []struct {
		name    string
		edit    func(p *programme.Programme, e *programme.Event)
		changes bool
	}{
		{"nothing", func(*programme.Programme, *programme.Event) {}, false},
		{"the description moves in its file", func(_ *programme.Programme, e *programme.Event) { e.Description.Pos.Line += 3 }, false},
		{"the English title", func(_ *programme.Programme, e *programme.Event) { e.Title.Translations["en"] = "Miners' ball" }, true},
		{"the description", func(_ *programme.Programme, e *programme.Event) { e.Description.Value += " Venez nombreux." }, true},
		{"the price", func(_ *programme.Programme, e *programme.Event) { e.Price.Free = false }, true},
		{"the status", func(_ *programme.Programme, e *programme.Event) { e.Status = programme.Full }, true},
		{"a session's end", func(_ *programme.Programme, e *programme.Event) {
			e.Sessions[1].End = e.Sessions[1].End.Add(time.Hour)
		}, true},
		{"the venue's address", func(_ *programme.Programme, e *programme.Event) { e.Venue.Address = "Rue Alfred Lambert" }, true},
		{"the venue", func(p *programme.Programme, e *programme.Event) {
			e.Venue = programmetest.Venue(p, "centre-historique-minier")
		}, true},
	}
	for _, tt := range edits {
		p := programmetest.Sample()
		e := programmetest.Event(p, "bal")
		tt.edit(p, e)
		if got := Fingerprint(e); (got != base) != tt.changes {
			t.Errorf("%s: fingerprint changed %v; want %v", tt.name, got != base, tt.changes)
		}
	}
}

func TestStampsReadBackAsWritten(t *testing.T) {
	p := programmetest.Sample()
	var a bytes.Buffer
	if err := Unpublished(time.Date(2026, 1, 15, 9, 0, 0, 0, time.UTC)).For(p).Encode(&a); err != nil {
		t.Fatal(err)
	}
	var r Report
	if err := json.Unmarshal(a.Bytes(), &r); err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := r.Encode(&b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Errorf("modifications.json read back and written again differs:\n%s\nwant\n%s", b.String(), a.String())
	}
	if !strings.Contains(a.String(), `"modifie_le": "2026-01-15T10:00:00+01:00"`) {
		t.Errorf("a winter date is not written with the winter offset:\n%s", a.String())
	}
}

// TestFingerprintsStayThoseAlreadyPublished: a fingerprint that changed
// for the same event would date every event anew at the next build.
// These are the sample's fingerprints as published before quoting was
// made faster.
func TestFingerprintsStayThoseAlreadyPublished(t *testing.T) {
	want := map[string]string{
		"expo":            "8522b4519d75c1295d749421e5a41701",
		"visite-reportee": "060fd697163c3d4a5e0c753440f233ae",
		"concert-annule":  "4b01b7ea0cad14e6fb389aee8a77f585",
		"bal":             "cd97ceab6c85198014b172ed2bb1ed24",
		"randonnee":       "a42023e0211e3b4a82f1fbac739be51c",
	}
	p := programmetest.Sample()
	if len(p.Events) != len(want) {
		t.Fatalf("the sample has %d events; want %d", len(p.Events), len(want))
	}
	for _, e := range p.Events {
		if got := Fingerprint(e); got != want[e.Slug] {
			t.Errorf("%s: fingerprint %s; want %s", e.Slug, got, want[e.Slug])
		}
	}
}

func FuzzAppendQuoteIsStrconvs(f *testing.F) {
	for _, s := range []string{
		"", "Bal des gueules noires", "L’été « chez nous »\n\nSuite.", `a "quoted" \ back`,
		"tab\there\r\n", "\x00\x07\x7f\x80\xff", "\xe2\x82", "\u00a0\u200b\u2028\ufeff\ufffd", "😀 \U0001F1EB\U0001F1F7",
		"\xed\xa0\x80", "é\xc3", "'single'",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prefix := []byte("x=")
		got := appendQuote(prefix, s)
		want := strconv.AppendQuote([]byte("x="), s)
		if !bytes.Equal(got, want) {
			t.Errorf("appendQuote(%q) = %s; strconv gives %s", s, got, want)
		}
	})
}
