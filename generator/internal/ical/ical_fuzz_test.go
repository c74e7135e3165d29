package ical

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf8"

	ics "github.com/arran4/golang-ical"

	"quinzaine/generator/internal/programmetest"
)

// FuzzTextRoundTrip writes any title and summary into a calendar and reads
// it back with the independent parser: the title comes back exactly as the
// SUMMARY, the summary whole inside the DESCRIPTION, and every line of the
// file is at most 75 octets of whole UTF-8 characters ending in CRLF.
// Carriage returns come back as line feeds: iCalendar has one line break.
func FuzzTextRoundTrip(f *testing.F) {
	f.Add("Bal des gueules noires : fête, danse; café à Évin", programmetest.LongSummary)
	f.Fuzz(func(t *testing.T, title, summary string) {
		if !utf8.ValidString(title) || !utf8.ValidString(summary) {
			t.Skip("content files are UTF-8; the loader refuses others")
		}
		p := programmetest.Sample()
		e := programmetest.Event(p, "bal")
		e.Title.Value = title
		e.Summary.Value = summary
		var buf bytes.Buffer
		if err := Encode(&buf, ForEvent(p, e, programmetest.Base)); err != nil {
			t.Fatal(err)
		}
		data := buf.Bytes()
		checkLines(t, data)
		cal, err := ics.ParseCalendar(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("independent parser refused the calendar: %v\n%s", err, data)
		}
		events := cal.Events()
		if len(events) != len(e.Sessions) {
			t.Fatalf("got %d VEVENTs; want %d\n%s", len(events), len(e.Sessions), data)
		}
		newlines := strings.NewReplacer("\r\n", "\n", "\r", "\n")
		for _, ev := range events {
			if got, want := ev.GetProperty(ics.ComponentPropertySummary).Value, newlines.Replace(title); got != want {
				t.Errorf("SUMMARY = %q; want %q\n%s", got, want, data)
			}
			if got, want := ev.GetProperty(ics.ComponentPropertyDescription).Value, newlines.Replace(summary); !strings.Contains(got, want) {
				t.Errorf("DESCRIPTION = %q; want it to hold %q\n%s", got, want, data)
			}
		}
	})
}

func checkLines(t *testing.T, data []byte) {
	t.Helper()
	if !bytes.HasSuffix(data, []byte("\r\n")) {
		t.Fatalf("calendar does not end with CRLF")
	}
	for i, l := range bytes.Split(bytes.TrimSuffix(data, []byte("\r\n")), []byte("\r\n")) {
		if bytes.ContainsAny(l, "\r\n") {
			t.Fatalf("line %d holds a bare CR or LF: %q", i+1, l)
		}
		if len(l) > 75 {
			t.Fatalf("line %d is %d octets: %q", i+1, len(l), l)
		}
		if !utf8.Valid(l) {
			t.Fatalf("line %d splits a UTF-8 character: %q", i+1, l)
		}
	}
}
