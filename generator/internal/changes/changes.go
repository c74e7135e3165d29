// Package changes tells what changed in the programme since its last
// publication: events added, removed, cancelled, postponed, moved to
// another time or to another venue. The last publication is read back from
// its open data file, evenements.json (package opendata), in the previous
// output folder or at a path or address given to `build -previous`.
//
// The list is part of the published site (/donnees/modifications.json, the
// « Modifications du programme » page, the changes feed), and two builds of
// the same content must be byte-identical: so the list names the
// publication it compares against by a hash of its evenements.json, and
// when nothing changed since that publication the previous list is carried
// over unchanged rather than replaced by an empty one.
//
// modifications.json also dates every event: under `evenements`, by id
// (2026/bal-des-gueules-noires), the fingerprint of what partners see of it
// (Fingerprint) and `modifie_le`, the date of the build that first
// published it as it is now. A build keeps the previous publication's date
// of an event whose fingerprint did not change, and gives its own date,
// truncated to the minute, to the others: SOURCE_DATE_EPOCH when set, else
// the clock. With no previous publication, or one written before these
// stamps existed, every event gets the build's date. Feeds (`updated`) and
// calendars (DTSTAMP, LAST-MODIFIED) read these dates; a second build of
// the same content finds every fingerprint equal and writes the same bytes,
// whatever its clock says.
package changes

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net/http"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"quinzaine/generator/internal/opendata"
	"quinzaine/generator/internal/programme"
)

// Kind is what happened to an event.
type Kind string

// The kinds of change, in the order the summary and the page list them.
const (
	Added     Kind = "added"
	Cancelled Kind = "cancelled"
	Postponed Kind = "postponed"
	Time      Kind = "time"  // a session's start or end changed
	Venue     Kind = "venue" // the event moved to another venue
	Removed   Kind = "removed"
)

var kindOrder = []Kind{Added, Cancelled, Postponed, Time, Venue, Removed}

// Change is one change to one event. Its JSON field names are French, as
// those of evenements.json.
type Change struct {
	Kind  Kind              `json:"type"`
	Year  int               `json:"annee"`
	Slug  string            `json:"slug"`
	Title map[string]string `json:"titre"`
	// Venue is the event's venue name now (the one it had, when removed);
	// PreviousVenue the one before, for a Venue change.
	Venue         map[string]string `json:"lieu,omitempty"`
	PreviousVenue map[string]string `json:"lieu_precedent,omitempty"`
	// Start is the first changed session's start now, PreviousStart before,
	// as evenements.json writes them (2026-06-27T20:30:00+02:00, or a date).
	Start         string `json:"debut,omitempty"`
	PreviousStart string `json:"debut_precedent,omitempty"`
	// Date is the date, to the minute, of the build that found the
	// change; zero in lists written before changes were dated.
	Date time.Time `json:"date,omitzero"`
}

// Report is the list of changes since a publication.
type Report struct {
	// Reference names the publication compared against: "sha256:" and the
	// hash of its evenements.json; empty when there was none.
	Reference string   `json:"reference"`
	Changes   []Change `json:"modifications"`
	// Events are the stamps of the publication's events, by id
	// (year/slug): set by For, and read back from a previous publication.
	Events map[string]Stamp `json:"evenements,omitempty"`
	// Now is the build's date, truncated to the minute: the date of the
	// events that are new or changed since the previous publication. It is
	// not written.
	Now time.Time `json:"-"`
	// previous are the stamps of the previous publication, which For
	// compares with.
	previous map[string]Stamp
	// Carried is set when nothing changed since the last publication and
	// Changes are those it published; it is not written.
	Carried bool `json:"-"`
	// First is set when there was no previous publication to compare
	// against; it is not written.
	First bool `json:"-"`
}

// File is the report's name beside evenements.json, under /donnees/.
const File = "modifications.json"

// Previous is the last publication as read back.
type Previous struct {
	Source string // where it was read, for messages
	Events []byte // its evenements.json
	// Report is its modifications.json, nil when it had none.
	Report *Report
}

// Timeout bounds the fetching of a previous publication over http(s).
const Timeout = 20 * time.Second

// Read reads the previous publication from where, a path to its
// evenements.json (or to the output folder holding donnees/evenements.json)
// or an http(s) address of its evenements.json. It returns nil and no
// error when a local path does not exist: there was no publication yet.
func Read(ctx context.Context, where string) (*Previous, error) {
	if u, err := url.Parse(where); err == nil && (u.Scheme == "http" || u.Scheme == "https") {
		return fetch(ctx, u)
	}
	file := where
	if info, err := os.Stat(where); err == nil && info.IsDir() {
		file = filepath.Join(where, "donnees", opendata.EventsFile)
	}
	events, err := os.ReadFile(file)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read previous publication: %w", err)
	}
	prev := &Previous{Source: file, Events: events}
	if data, err := os.ReadFile(filepath.Join(filepath.Dir(file), File)); err == nil {
		prev.Report, err = parseReport(data)
		if err != nil {
			return nil, fmt.Errorf("read previous publication: %s: %w", File, err)
		}
	}
	return prev, nil
}

func fetch(ctx context.Context, u *url.URL) (*Previous, error) {
	ctx, cancel := context.WithTimeout(ctx, Timeout)
	defer cancel()
	client := &http.Client{Timeout: Timeout}
	get := func(u string) ([]byte, int, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		if err != nil {
			return nil, 0, err
		}
		resp, err := client.Do(req)
		if err != nil {
			return nil, 0, err
		}
		defer resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			return nil, resp.StatusCode, fmt.Errorf("%s: %s", u, resp.Status)
		}
		// evenements.json of a large programme is a few megabytes.
		data, err := io.ReadAll(io.LimitReader(resp.Body, 64<<20))
		return data, resp.StatusCode, err
	}
	events, status, err := get(u.String())
	if status == http.StatusNotFound {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("fetch previous publication: %w", err)
	}
	prev := &Previous{Source: u.String(), Events: events}
	ru := *u
	ru.Path = path.Join(path.Dir(u.Path), File)
	if data, _, err := get(ru.String()); err == nil {
		if prev.Report, err = parseReport(data); err != nil {
			return nil, fmt.Errorf("fetch previous publication: %s: %w", File, err)
		}
	}
	return prev, nil
}

func parseReport(data []byte) (*Report, error) {
	var r Report
	if err := json.Unmarshal(data, &r); err != nil {
		return nil, err
	}
	return &r, nil
}

// Encode writes the report as modifications.json.
func (r *Report) Encode(w io.Writer) error {
	out := *r
	if out.Changes == nil {
		out.Changes = []Change{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// snapshot is what the comparison reads of evenements.json.
type snapshot struct {
	Evenements []record `json:"evenements"`
}

type record struct {
	Annee  int               `json:"annee"`
	Slug   string            `json:"slug"`
	Titre  map[string]string `json:"titre"`
	Statut string            `json:"statut"`
	Lieu   struct {
		ID  string            `json:"id"`
		Nom map[string]string `json:"nom"`
	} `json:"lieu"`
	Seances []seance `json:"seances"`
}

type seance struct {
	Debut string `json:"debut"`
	Fin   string `json:"fin"`
}

// records gives what the comparison reads of p's events, as they would
// read back from the evenements.json that package opendata writes of p. At
// ten thousand events, writing that file and reading it back cost more
// than the rest of the comparison; a test holds the two to the same
// values.
func records(p *programme.Programme) []record {
	texts := func(t programme.Text) map[string]string {
		m := map[string]string{}
		for _, l := range p.Site.Languages {
			if v, vl := t.In(l); v != "" && vl == l {
				m[l] = v
			}
		}
		if len(m) == 0 {
			return nil
		}
		return m
	}
	instant := func(t time.Time, allDay bool) string {
		if allDay {
			return t.Format(time.DateOnly)
		}
		return t.Format(time.RFC3339)
	}
	out := make([]record, len(p.Events))
	for i, e := range p.Events {
		r := &out[i]
		r.Annee, r.Slug, r.Titre, r.Statut = e.Year, e.Slug, texts(e.Title), string(e.Status)
		r.Lieu.ID, r.Lieu.Nom = e.Venue.Slug, texts(e.Venue.Name)
		r.Seances = make([]seance, len(e.Sessions))
		for j, s := range e.Sessions {
			r.Seances[j] = seance{Debut: instant(s.Start, s.AllDay), Fin: instant(s.End, s.AllDay)}
		}
	}
	return out
}

func (r record) key() string { return fmt.Sprintf("%d/%s", r.Annee, r.Slug) }

// Compare compares the programme p with the previous publication, nil when
// there was none. The programme is read in the terms of the open data
// file, as records would read its evenements.json back, so both sides are
// compared alike. now is the build's time: the date of the changes found,
// and of the events For finds new or changed.
func Compare(prev *Previous, p *programme.Programme, now time.Time) (*Report, error) {
	if prev == nil {
		return Unpublished(now), nil
	}
	var old snapshot
	if err := json.Unmarshal(prev.Events, &old); err != nil {
		return nil, fmt.Errorf("compare with %s: not an evenements.json file: %w", prev.Source, err)
	}
	list := diff(old.Evenements, records(p))
	if len(list) == 0 && prev.Report != nil {
		carried := *prev.Report
		carried.Carried = true
		carried.Now, carried.Events, carried.previous = minute(now), nil, prev.Report.Events
		return &carried, nil
	}
	for i := range list {
		list[i].Date = minute(now)
	}
	r := &Report{Changes: list, Now: minute(now)}
	if prev.Report != nil {
		r.previous = prev.Report.Events
	}
	sum := sha256.Sum256(prev.Events)
	r.Reference = "sha256:" + hex.EncodeToString(sum[:])
	return r, nil
}

func diff(old, now []record) []Change {
	before := map[string]record{}
	for _, r := range old {
		before[r.key()] = r
	}
	seen := map[string]bool{}
	var out []Change
	for _, r := range now {
		seen[r.key()] = true
		o, ok := before[r.key()]
		c := Change{Year: r.Annee, Slug: r.Slug, Title: r.Titre, Venue: r.Lieu.Nom}
		if !ok {
			c.Kind = Added
			if len(r.Seances) > 0 {
				c.Start = r.Seances[0].Debut
			}
			out = append(out, c)
			continue
		}
		if r.Statut != o.Statut && (r.Statut == string(programme.Cancelled) || r.Statut == string(programme.Postponed)) {
			c.Kind = Kind(r.Statut)
			out = append(out, c)
			continue
		}
		if r.Lieu.ID != o.Lieu.ID {
			v := c
			v.Kind, v.PreviousVenue = Venue, o.Lieu.Nom
			out = append(out, v)
		}
		if i, moved := firstMoved(o, r); moved {
			t := c
			t.Kind = Time
			if i < len(r.Seances) {
				t.Start = r.Seances[i].Debut
			}
			if i < len(o.Seances) {
				t.PreviousStart = o.Seances[i].Debut
			}
			out = append(out, t)
		}
	}
	for _, o := range old {
		if !seen[o.key()] {
			out = append(out, Change{Kind: Removed, Year: o.Annee, Slug: o.Slug, Title: o.Titre, Venue: o.Lieu.Nom})
		}
	}
	slices.SortStableFunc(out, func(a, b Change) int {
		if d := slices.Index(kindOrder, a.Kind) - slices.Index(kindOrder, b.Kind); d != 0 {
			return d
		}
		if a.Year != b.Year {
			return a.Year - b.Year
		}
		return strings.Compare(a.Slug, b.Slug)
	})
	return out
}

// firstMoved finds the first session whose times changed, or that was
// added or removed.
func firstMoved(old, now record) (int, bool) {
	for i := range max(len(old.Seances), len(now.Seances)) {
		if i >= len(old.Seances) || i >= len(now.Seances) || old.Seances[i] != now.Seances[i] {
			return i, true
		}
	}
	return 0, false
}
