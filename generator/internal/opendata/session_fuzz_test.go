package opendata

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
	"unicode/utf8"

	"quinzaine/generator/internal/programmetest"
)

// FuzzSessionsCSV writes any texts into seances.csv and reads the file back
// with encoding/csv: every row has every column, each text comes back as
// written (an apostrophe before it when it would start a formula), and no
// cell a spreadsheet would evaluate is left. encoding/csv writing CRLF
// drops a carriage return inside a cell; that is the one change allowed.
func FuzzSessionsCSV(f *testing.F) {
	f.Add("Bal des gueules noires", "Fosse 9-9bis", "5 €", "Bal, guinguette", "Harmonie")
	f.Fuzz(func(t *testing.T, title, venue, price, label, address string) {
		for _, s := range []string{title, venue, price, label, address} {
			if !utf8.ValidString(s) {
				t.Skip("content files are UTF-8; the loader refuses others")
			}
		}
		p := programmetest.Sample()
		e := programmetest.Event(p, "randonnee")
		e.Title.Value = title
		e.Venue.Name.Value = venue
		e.Venue.Name.Translations = nil
		e.Venue.Address = address
		e.Price.Text = price
		e.Categories[0].Label.Value = label
		var buf bytes.Buffer
		if err := SessionsCSV(&buf, p, programmetest.Base); err != nil {
			t.Fatal(err)
		}
		rows, err := csv.NewReader(bytes.NewReader(buf.Bytes())).ReadAll()
		if err != nil {
			t.Fatalf("encoding/csv refuses seances.csv: %v\n%q", err, buf.Bytes())
		}
		if len(rows) != len(p.Sessions)+1 {
			t.Fatalf("got %d rows; want %d", len(rows), len(p.Sessions)+1)
		}
		col := map[string]int{}
		for i, c := range sessionColumns {
			col[c] = i
		}
		for _, r := range rows[1:] {
			if len(r) != len(sessionColumns) {
				t.Fatalf("row has %d cells; want %d: %q", len(r), len(sessionColumns), r)
			}
			for i, cell := range r {
				name := sessionColumns[i]
				if name != "latitude" && name != "longitude" && cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Fatalf("column %s starts a formula: %q", name, cell)
				}
			}
			if r[col["id_evenement"]] != "2026/randonnee" {
				continue
			}
			for name, want := range map[string]string{"titre": title, "lieu": venue, "tarif": price, "categories": label, "adresse": address} {
				if name == "tarif" && want == "" {
					continue // no text: the price is the sample's range
				}
				got := r[col[name]]
				want = strings.ReplaceAll(want, "\r", "")
				if got != want && got != "'"+want {
					t.Errorf("%s = %q; want %q", name, got, want)
				}
			}
		}
	})
}
