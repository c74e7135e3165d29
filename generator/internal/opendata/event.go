package opendata

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"io"
	"strings"
	"time"

	"quinzaine/generator/internal/programme"
)

// Schema is the JSON Schema (draft 2020-12) of evenements.json; every field
// is described there, and the open data page documents the same fields.
//
//go:embed evenements.schema.json
var Schema []byte

type eventsFile struct {
	Schema     string    `json:"schema"`
	Version    string    `json:"version"`
	Licence    licence   `json:"licence"`
	Source     string    `json:"source"`
	Edition    edition   `json:"edition"`
	Evenements []eventJS `json:"evenements"`
}

type licence struct {
	Nom string `json:"nom"`
	URL string `json:"url"`
}

type edition struct {
	Annee int               `json:"annee"`
	Debut string            `json:"debut"`
	Fin   string            `json:"fin"`
	Titre map[string]string `json:"titre"`
}

type eventJS struct {
	ID             string            `json:"id"`
	Annee          int               `json:"annee"`
	Slug           string            `json:"slug"`
	URL            map[string]string `json:"url"`
	Calendrier     string            `json:"calendrier"`
	Titre          map[string]string `json:"titre"`
	Resume         map[string]string `json:"resume,omitempty"`
	FacileALire    map[string]string `json:"facile_a_lire,omitempty"`
	Statut         string            `json:"statut"`
	DebutPrecedent string            `json:"debut_precedent,omitempty"`
	Lieu           venueRef          `json:"lieu"`
	Categories     []term            `json:"categories"`
	Publics        []term            `json:"publics"`
	Age            *age              `json:"age,omitempty"`
	Tarif          *price            `json:"tarif,omitempty"`
	Conditions     map[string]string `json:"conditions,omitempty"`
	Reservation    string            `json:"reservation,omitempty"`
	Accessibilite  []string          `json:"accessibilite"`
	Organisateur   string            `json:"organisateur,omitempty"`
	Image          *image            `json:"image,omitempty"`
	Seances        []session         `json:"seances"`
}

type venueRef struct {
	ID         string            `json:"id"`
	Nom        map[string]string `json:"nom"`
	Adresse    string            `json:"adresse"`
	CodePostal string            `json:"code_postal"`
	Commune    string            `json:"commune"`
	Latitude   float64           `json:"latitude"`
	Longitude  float64           `json:"longitude"`
	URL        map[string]string `json:"url"`
}

type term struct {
	ID      string            `json:"id"`
	Libelle map[string]string `json:"libelle"`
}

type age struct {
	Min *int `json:"min,omitempty"`
	Max *int `json:"max,omitempty"`
}

type price struct {
	Gratuit bool     `json:"gratuit"`
	Texte   string   `json:"texte,omitempty"`
	Min     *float64 `json:"min,omitempty"`
	Max     *float64 `json:"max,omitempty"`
}

type image struct {
	URL    string            `json:"url"`
	Alt    map[string]string `json:"alt,omitempty"`
	Credit string            `json:"credit,omitempty"`
}

type session struct {
	ID             string `json:"id"`
	Debut          string `json:"debut"`
	Fin            string `json:"fin"`
	JourneeEntiere bool   `json:"journee_entiere"`
	Jour           string `json:"jour"`
}

// EventsJSON writes evenements.json.
func EventsJSON(w io.Writer, p *programme.Programme, base string) error {
	return Options{}.EventsJSON(w, p, base)
}

// EventsJSON writes evenements.json with o's image addresses.
//
// The events are encoded one at a time rather than as one document: at
// 10,000 events the document held 47 MB of maps and strings at once, most
// of a build's live memory at that moment. The bytes are those that
// json.Encoder with SetIndent("", " ") writes for the whole document.
func (o Options) EventsJSON(w io.Writer, p *programme.Programme, base string) error {
	s, f := o.eventsHead(p, base)
	if err := encodeWithItems(w, f, len(p.Events), func(i int) any { return s.event(p.Events[i]) }); err != nil {
		return fmt.Errorf("write %s: %w", EventsFile, err)
	}
	return nil
}

// eventsHead is evenements.json without its events.
func (o Options) eventsHead(p *programme.Programme, base string) (site, eventsFile) {
	s := newSite(p, base)
	s.image = o.ImageURL
	return s, eventsFile{
		Schema:  s.base + s.router.Data(SchemaFile),
		Version: Version,
		Licence: licence{Nom: Licence, URL: LicenceURL},
		Source:  s.base + "/",
		Edition: edition{
			Annee: p.Edition.Year,
			Debut: p.Edition.Start.Format(time.DateOnly),
			Fin:   p.Edition.End.Format(time.DateOnly),
			Titre: s.texts(p.Site.Title),
		},
		Evenements: []eventJS{},
	}
}

// encodeWithItems writes doc, indented by one space, with the n items that
// item gives in the empty list its JSON ends with (its last field is an
// empty slice, or its last field's last field is, and so on), each item
// encoded on its own: the bytes json.Encoder with SetIndent("", " ")
// writes for the whole document, without holding it.
func encodeWithItems(w io.Writer, doc any, n int, item func(i int) any) error {
	head, err := json.MarshalIndent(doc, "", " ")
	if err != nil {
		return err
	}
	if n == 0 {
		_, err := w.Write(append(head, '\n'))
		return err
	}
	// The list is the last `[]`: only the closing braces of the objects
	// around it follow, each on its own line.
	at := bytes.LastIndex(head, []byte("[]"))
	if at < 0 || strings.Trim(string(head[at+2:]), "\n }") != "" {
		return fmt.Errorf("encode: the document does not end with a list")
	}
	line := head[bytes.LastIndexByte(head[:at], '\n')+1 : at]
	indent := string(line[:len(line)-len(bytes.TrimLeft(line, " "))])
	prefix := indent + " "
	bw := bufio.NewWriterSize(w, 64<<10)
	bw.Write(head[:at+1])
	for i := range n {
		b, err := json.MarshalIndent(item(i), prefix, " ")
		if err != nil {
			return err
		}
		bw.WriteString("\n" + prefix)
		bw.Write(b)
		if i < n-1 {
			bw.WriteByte(',')
		}
	}
	bw.WriteString("\n" + indent + "]")
	bw.Write(head[at+2:])
	bw.WriteByte('\n')
	return bw.Flush()
}

func (s site) event(e *programme.Event) eventJS {
	v := e.Venue
	j := eventJS{
		ID:          fmt.Sprintf("%d/%s", e.Year, e.Slug),
		Annee:       e.Year,
		Slug:        e.Slug,
		URL:         s.pages(func(l string) string { return s.router.Event(l, e.Year, e.Slug) }),
		Calendrier:  s.base + s.router.EventCalendar(e.Year, e.Slug),
		Titre:       s.texts(e.Title),
		Resume:      s.texts(e.Summary),
		FacileALire: s.texts(e.EasyRead),
		Statut:      string(e.Status),
		Lieu: venueRef{
			ID: v.Slug, Nom: s.texts(v.Name), Adresse: v.Address, CodePostal: v.Postcode,
			Commune: v.Commune.Name, Latitude: v.Lat, Longitude: v.Lon,
			URL: s.pages(func(l string) string { return s.router.Venue(l, v.Slug) }),
		},
		Categories:    s.terms(e.Categories),
		Publics:       s.terms(e.Audiences),
		Conditions:    s.texts(e.Conditions),
		Reservation:   e.Booking,
		Accessibilite: append([]string{}, e.Access...),
		Organisateur:  e.Organiser,
		Seances:       []session{},
	}
	if e.Status == programme.Rescheduled && !e.PrevStart.IsZero() {
		j.DebutPrecedent = instant(e.PrevStart, false)
	}
	if e.Age.Min > 0 || e.Age.Max > 0 {
		j.Age = &age{}
		if e.Age.Min > 0 {
			j.Age.Min = &e.Age.Min
		}
		if e.Age.Max > 0 {
			j.Age.Max = &e.Age.Max
		}
	}
	if pr := e.Price; pr.Given {
		j.Tarif = &price{Gratuit: pr.Free, Texte: pr.Text}
		if pr.Min > 0 || pr.Max > 0 {
			lo, hi := pr.Min, max(pr.Max, pr.Min)
			j.Tarif.Min, j.Tarif.Max = &lo, &hi
		}
	}
	if e.Image != nil {
		url := s.base + "/" + e.Image.Path
		if s.image != nil {
			url = s.image(e.Image.Path)
		}
		if url != "" {
			j.Image = &image{URL: url, Alt: s.texts(e.Image.Alt), Credit: e.Image.Credit}
		}
	}
	for _, ses := range e.Sessions {
		j.Seances = append(j.Seances, session{
			ID:             ses.ID,
			Debut:          instant(ses.Start, ses.AllDay),
			Fin:            instant(ses.End, ses.AllDay),
			JourneeEntiere: ses.AllDay,
			Jour:           dayKey(ses),
		})
	}
	return j
}

func dayKey(s *programme.Session) string {
	if s.Day != nil {
		return s.Day.Key()
	}
	return s.Start.Format(time.DateOnly)
}

func (s site) terms(ts []*programme.Term) []term {
	out := []term{}
	for _, t := range ts {
		out = append(out, term{ID: t.Key, Libelle: s.texts(t.Label)})
	}
	return out
}
