// Package opendata publishes the programme as open data files that partners
// (tourism offices, data portals, schedule apps) take as they are.
//
// API, each writing one file whose address is route.Router.Data(name):
//
//	opendata.EventsJSON(w, p, base)    evenements.json: one record per event with its sessions
//	opendata.Schema                    evenements.schema.json: its JSON Schema (embedded)
//	opendata.SessionsCSV(w, p, base)   seances.csv: one row per session
//	opendata.VenuesGeoJSON(w, p, base) lieux.geojson: a FeatureCollection of venues
//	opendata.Schedule(w, p, base)      schedule.json: the frab/pretalx schedule format
//
// base is the site's absolute base URL. Every file states its licence,
// Licence Ouverte / Etalab 2.0 (Licence and LicenceURL): in a field of the
// JSON files, in a `licence` column of the CSV. Field names are French, as
// the files are published for French portals; status values are the content
// keys (`scheduled`, `rescheduled`, `postponed`, `full`, `cancelled`).
// Times carry their offset (2026-06-27T20:30:00+02:00); all-day sessions
// are dates, their end inclusive as in content.
package opendata

import (
	"strings"
	"time"

	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
)

// The licence of every file.
const (
	Licence    = "Licence Ouverte / Etalab 2.0"
	LicenceURL = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/"
)

// Version is the version of the evenements.json format and its schema: the
// major number changes when a field is removed or changes meaning.
const Version = "1.0.0"

// File names, under route.Router.Data.
const (
	EventsFile   = "evenements.json"
	SchemaFile   = "evenements.schema.json"
	SessionsFile = "seances.csv"
	VenuesFile   = "lieux.geojson"
	ScheduleFile = "schedule.json"
)

type site struct {
	p      *programme.Programme
	base   string // without its final slash
	lang   string // the default language
	router route.Router
	image  func(path string) string
}

// Options adjust a file.
type Options struct {
	// ImageURL gives the absolute address at which the site publishes a
	// picture of content/ (its largest resized variant), or "" when it
	// publishes none: the record then has no image. Without ImageURL a
	// picture is addressed at its path under content/ from the site root.
	ImageURL func(path string) string
}

func newSite(p *programme.Programme, base string) site {
	lang := p.Site.Languages[0]
	return site{p: p, base: strings.TrimSuffix(base, "/"), lang: lang, router: route.Router{Default: lang}}
}

// texts gives a text in every language it exists in.
func (s site) texts(t programme.Text) map[string]string {
	m := map[string]string{}
	for _, l := range s.p.Site.Languages {
		if v, vl := t.In(l); v != "" && vl == l {
			m[l] = v
		}
	}
	if len(m) == 0 {
		return nil
	}
	return m
}

// pages gives an address in every language of the site.
func (s site) pages(addr func(lang string) string) map[string]string {
	m := map[string]string{}
	for _, l := range s.p.Site.Languages {
		m[l] = s.base + addr(l)
	}
	return m
}

func instant(t time.Time, allDay bool) string {
	if allDay {
		return t.Format(time.DateOnly)
	}
	return t.Format(time.RFC3339)
}
