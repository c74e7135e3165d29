package opendata

import (
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"quinzaine/generator/internal/programme"
)

// sessionColumns is the header of seances.csv; the open data page documents
// each column.
var sessionColumns = []string{
	"id_seance", "id_evenement", "titre", "debut", "fin", "journee_entiere", "jour",
	"statut", "debut_precedent", "id_lieu", "lieu", "adresse", "code_postal", "commune",
	"latitude", "longitude", "categories", "publics", "gratuit", "tarif",
	"reservation", "url", "licence",
}

// SessionsCSV writes seances.csv: RFC 4180 (CRLF, quoted when needed), UTF-8
// without byte-order mark, one row per session in programme order, texts in
// the default language. A text cell that a spreadsheet would run as a
// formula (starting with =, +, -, @, a tab or a carriage return) starts
// with an apostrophe instead; numbers the generator formats itself
// (coordinates) are left as they are.
func SessionsCSV(w io.Writer, p *programme.Programme, base string) error {
	s := newSite(p, base)
	cw := csv.NewWriter(w)
	cw.UseCRLF = true
	if err := cw.Write(sessionColumns); err != nil {
		return fmt.Errorf("write %s: %w", SessionsFile, err)
	}
	for _, ses := range p.Sessions {
		if err := cw.Write(s.sessionRow(ses)); err != nil {
			return fmt.Errorf("write %s: %w", SessionsFile, err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("write %s: %w", SessionsFile, err)
	}
	return nil
}

func (s site) sessionRow(ses *programme.Session) []string {
	e := ses.Event
	v := e.Venue
	title, _ := e.Title.In(s.lang)
	name, _ := v.Name.In(s.lang)
	prev := ""
	if e.Status == programme.Rescheduled && !e.PrevStart.IsZero() {
		prev = instant(e.PrevStart, false)
	}
	var price string
	switch pr := e.Price; {
	case pr.Text != "":
		price = pr.Text
	case pr.Max > pr.Min:
		price = number(pr.Min) + "-" + number(pr.Max)
	case pr.Min > 0:
		price = number(pr.Min)
	}
	free := ""
	if e.Price.Given {
		free = strconv.FormatBool(e.Price.Free)
	}
	return []string{
		safe(ses.ID),
		fmt.Sprintf("%d/%s", e.Year, e.Slug),
		safe(title),
		instant(ses.Start, ses.AllDay),
		instant(ses.End, ses.AllDay),
		strconv.FormatBool(ses.AllDay),
		dayKey(ses),
		string(e.Status),
		prev,
		v.Slug,
		safe(name),
		safe(v.Address),
		safe(v.Postcode),
		safe(v.Commune.Name),
		number(v.Lat),
		number(v.Lon),
		safe(s.labels(e.Categories)),
		safe(s.labels(e.Audiences)),
		free,
		safe(price),
		safe(e.Booking),
		s.base + s.router.Event(s.lang, e.Year, e.Slug),
		Licence,
	}
}

func (s site) labels(ts []*programme.Term) string {
	var out []string
	for _, t := range ts {
		l, _ := t.Label.In(s.lang)
		out = append(out, l)
	}
	return strings.Join(out, " ; ")
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// safe neutralises a text cell that a spreadsheet would evaluate (OWASP "CSV
// injection"): the apostrophe makes it text and is not shown.
func safe(v string) string {
	if v != "" && strings.ContainsRune("=+-@\t\r", rune(v[0])) {
		return "'" + v
	}
	return v
}
