package view

import (
	"html/template"
	"net/url"
	"strings"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/jsonld"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/opendata"
	"quinzaine/generator/internal/programme"
)

// Calendar offers one iCalendar file three ways: calendar apps subscribe to
// webcal:// and follow every change, a cancellation too; apps that only take
// a web address (Google Agenda « à partir de l'URL ») subscribe to the
// https:// one; a reader who wants the dates once adds the file to their
// calendar. The addresses are absolute: calendar apps get them outside the
// site.
type Calendar struct {
	// Webcal is typed as trusted: html/template lets only http, https and
	// mailto through as they are, and would blank webcal://.
	Webcal        template.URL
	URL           string // https://, the same file
	SubscribeText string // « S'abonner (webcal) »
	HTTPSText     string // « S'abonner par l'adresse https »
	AddText       string // « Ajouter à mon agenda »
}

// calendar describes the calendar at a route address (route.Router's
// EventCalendar, VenueCalendar, ...).
func (s *Site) calendar(address string) (*Calendar, error) {
	c := &Calendar{URL: s.AbsURL(address)}
	u, err := url.Parse(c.URL)
	if err != nil {
		return nil, err
	}
	u.Scheme = "webcal"
	c.Webcal = template.URL(u.String())
	for key, dst := range map[string]*string{"calendar.subscribe": &c.SubscribeText, "calendar.https": &c.HTTPSText, "calendar.add": &c.AddText} {
		if *dst, err = s.t(key); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// EventCalendar is the calendar of an event's sessions.
func (s *Site) EventCalendar(e *programme.Event) (*Calendar, error) {
	return s.calendar(s.Router.EventCalendar(e.Year, e.Slug))
}

// VenueCalendar is the calendar of a venue's sessions, grands sites included.
func (s *Site) VenueCalendar(v *programme.Venue) (*Calendar, error) {
	return s.calendar(s.Router.VenueCalendar(v.Slug))
}

// ThemeCalendar is the calendar of a category's sessions.
func (s *Site) ThemeCalendar(t *programme.Term) (*Calendar, error) {
	return s.calendar(s.Router.ThemeCalendar(t.Key))
}

// EditionCalendar is the calendar of the whole edition.
func (s *Site) EditionCalendar() (*Calendar, error) {
	return s.calendar(s.Router.YearCalendar(s.P.Edition.Year))
}

// feeds are the Atom feeds of the page's language, for <link rel="alternate">
// in every page's head.
func (s *Site) feeds() ([]Link, error) {
	var out []Link
	for _, f := range []struct{ key, address string }{
		{"feed.events", s.Router.Feed(s.Lang)},
		{"feed.changes", s.Router.ChangesFeed(s.Lang)},
	} {
		text, err := s.t(f.key)
		if err != nil {
			return nil, err
		}
		out = append(out, Link{URL: s.AbsURL(f.address), Text: text})
	}
	return out, nil
}

// EventData is the schema.org description of an event, for its page's
// <script type="application/ld+json">. jsonld escapes what could close the
// element, so the bytes go in as they are.
func (s *Site) EventData(e *programme.Event) (template.JS, error) {
	b, err := jsonld.Options{ImageURL: s.ImageURL}.Event(s.P, e, s.Lang, s.base.String())
	return template.JS(b), err
}

// ImageURL is the absolute address of the largest published variant of a
// picture of content/, the one search engines and partners prefer, or ""
// when the build publishes no pictures.
func (s *Site) ImageURL(path string) string {
	if s.Pictures == nil {
		return ""
	}
	pic, err := s.Pictures(path)
	if err != nil || len(pic.Variants) == 0 {
		return ""
	}
	return s.AbsURL("/" + pic.Variants[len(pic.Variants)-1].Path)
}

// EditionData is the schema.org description of the edition, a Festival, for
// the home page.
func (s *Site) EditionData() (template.JS, error) {
	b, err := jsonld.Edition(s.P, s.Lang, s.base.String())
	return template.JS(b), err
}

// Data is the open data page: each file, its address, format and fields,
// the licence and the version of the format.
type Data struct {
	Layout
	Heading  string
	Licence  Link
	Version  string
	Calendar *Calendar // the whole edition
	Feeds    []Link    // this language's Atom feeds
	Files    []DataFile
}

// DataFile is one published file and what each of its fields means.
type DataFile struct {
	ID     string // the file's name, as an anchor
	Link   Link
	Format string
	About  string
	Fields []DataField
}

// DataField is a field, column, property or element of a file.
type DataField struct {
	Name  string
	About string
}

// Data builds the open data page.
func (s *Site) Data() (*Data, error) {
	address := s.Router.Section(s.Lang, "data")
	heading, err := s.t("data.title")
	if err != nil {
		return nil, err
	}
	l, err := s.layout(heading, func(lang string) string { return s.Router.Section(lang, "data") }, address)
	if err != nil {
		return nil, err
	}
	licence, err := s.t("data.licence")
	if err != nil {
		return nil, err
	}
	v := &Data{
		Layout:  l,
		Heading: heading,
		Licence: Link{URL: opendata.LicenceURL, Text: licence},
		Version: opendata.Version,
	}
	if v.Calendar, err = s.EditionCalendar(); err != nil {
		return nil, err
	}
	if v.Feeds, err = s.feeds(); err != nil {
		return nil, err
	}
	en := s.Lang != "fr"
	pick := func(d doc) string {
		if en {
			return d.en
		}
		return locale.French(d.fr)
	}
	for _, f := range dataFiles {
		df := DataFile{
			ID:     strings.NewReplacer("/", "-", ".", "-", "<", "", ">", "").Replace(strings.Trim(f.name, "/")),
			Link:   Link{Text: f.name},
			Format: f.format,
			About:  pick(f.about),
		}
		if f.address != nil {
			df.Link.URL = s.URL(f.address(s))
		}
		for _, fd := range f.fields {
			df.Fields = append(df.Fields, DataField{Name: fd.name, About: pick(fd.doc)})
		}
		v.Files = append(v.Files, df)
	}
	return v, nil
}

// doc is a text in French and in English; other languages read English.
type doc struct{ fr, en string }

type fieldDoc struct {
	name string
	doc
}

type fileDoc struct {
	name    string
	address func(s *Site) string // nil when name is a pattern: one file per event, venue...
	format  string
	about   doc
	fields  []fieldDoc
}

func f(name, fr, en string) fieldDoc { return fieldDoc{name, doc{fr, en}} }

func dataAddress(file string) func(*Site) string {
	return func(s *Site) string { return s.Router.Data(file) }
}

// dataFiles documents every field of every published file. A test reads
// the files the site writes and fails on any field missing here.
var dataFiles = []fileDoc{
	{
		name: opendata.EventsFile, address: dataAddress(opendata.EventsFile), format: "JSON",
		about: doc{"Un enregistrement par événement, avec ses séances. Les textes sont donnés par code de langue (« fr », « en ») ; la langue par défaut est toujours présente. Les heures portent leur décalage (2026-06-27T20:30:00+02:00) ; une séance « journée entière » a des dates seules, sa fin incluse. Le format est décrit par son schéma JSON, evenements.schema.json.",
			"One record per event, with its sessions. Texts are given per language code (“fr”, “en”); the default language is always there. Times carry their offset (2026-06-27T20:30:00+02:00); an all-day session has dates alone, its end inclusive. The format is described by its JSON Schema, evenements.schema.json."},
		fields: []fieldDoc{
			f("schema", "Adresse du schéma JSON de ce fichier.", "Address of this file's JSON Schema."),
			f("version", "Version du format (semver) : le premier nombre change quand un champ disparaît ou change de sens.", "Version of the format (semver): the first number changes when a field is removed or changes meaning."),
			f("licence.nom", "Nom de la licence : Licence Ouverte / Etalab 2.0.", "Name of the licence: Licence Ouverte / Etalab 2.0."),
			f("licence.url", "Texte de la licence.", "Text of the licence."),
			f("source", "Adresse du site qui publie le programme.", "Address of the site that publishes the programme."),
			f("edition.annee", "Année de l'édition.", "Year of the edition."),
			f("edition.debut", "Premier jour de l'édition.", "First day of the edition."),
			f("edition.fin", "Dernier jour de l'édition, inclus.", "Last day of the edition, inclusive."),
			f("edition.titre", "Titre du festival, par langue.", "Title of the festival, per language."),
			f("evenements[].id", "Identifiant stable : année/slug.", "Stable identifier: year/slug."),
			f("evenements[].annee", "Année de l'événement.", "Year of the event."),
			f("evenements[].slug", "Nom court de l'événement dans ses adresses.", "Short name of the event in its addresses."),
			f("evenements[].url", "Page de l'événement, par langue.", "The event's page, per language."),
			f("evenements[].calendrier", "Fichier iCalendar de l'événement.", "The event's iCalendar file."),
			f("evenements[].titre", "Titre, par langue.", "Title, per language."),
			f("evenements[].resume", "Résumé, par langue.", "Summary, per language."),
			f("evenements[].facile_a_lire", "Résumé en facile à lire et à comprendre (FALC), par langue.", "Easy-to-read summary, per language."),
			f("evenements[].statut", "scheduled : prévu ; rescheduled : déplacé ; postponed : reporté à une date inconnue (dates d'origine gardées) ; full : complet ; cancelled : annulé (dates d'origine gardées).", "scheduled; rescheduled: moved (see debut_precedent); postponed to an unknown date (original dates kept); full: fully booked; cancelled (original dates kept)."),
			f("evenements[].debut_precedent", "Pour un événement déplacé : le début annoncé avant le changement.", "For a rescheduled event: the start announced before the change."),
			f("evenements[].lieu.id", "Identifiant du lieu, celui de lieux.geojson.", "Identifier of the venue, as in lieux.geojson."),
			f("evenements[].lieu.nom", "Nom du lieu, par langue.", "Name of the venue, per language."),
			f("evenements[].lieu.adresse", "Adresse postale (voie).", "Street address."),
			f("evenements[].lieu.code_postal", "Code postal.", "Postcode."),
			f("evenements[].lieu.commune", "Commune.", "Town."),
			f("evenements[].lieu.latitude", "Latitude (WGS 84).", "Latitude (WGS 84)."),
			f("evenements[].lieu.longitude", "Longitude (WGS 84).", "Longitude (WGS 84)."),
			f("evenements[].lieu.url", "Page du lieu, par langue.", "The venue's page, per language."),
			f("evenements[].categories[].id", "Clé de la catégorie (thème).", "Key of the category (theme)."),
			f("evenements[].categories[].libelle", "Libellé de la catégorie, par langue.", "Label of the category, per language."),
			f("evenements[].publics[].id", "Clé du public.", "Key of the audience."),
			f("evenements[].publics[].libelle", "Libellé du public, par langue.", "Label of the audience, per language."),
			f("evenements[].age.min", "Âge conseillé minimum ; absent s'il n'est pas fixé.", "Minimum suggested age; absent when not set."),
			f("evenements[].age.max", "Âge conseillé maximum ; absent s'il n'est pas fixé.", "Maximum suggested age; absent when not set."),
			f("evenements[].tarif.gratuit", "Vrai pour un événement gratuit. Le tarif est absent quand l'événement ne dit rien de son prix.", "True for a free event. The price is absent when the event says nothing of it."),
			f("evenements[].tarif.texte", "Le tarif tel que l'organisateur l'a écrit.", "The price in the organiser's words."),
			f("evenements[].tarif.min", "Prix le plus bas, en euros.", "Lowest price, in euros."),
			f("evenements[].tarif.max", "Prix le plus haut, en euros.", "Highest price, in euros."),
			f("evenements[].conditions", "Conditions courtes (« sur réservation »), par langue.", "Short conditions (“booking required”), per language."),
			f("evenements[].reservation", "Lien de réservation.", "Booking link."),
			f("evenements[].accessibilite", "Aménagements : moteur, visuel, auditif, mental, psychique, lsf, audiodescription, boucle-magnetique.", "Provisions: moteur (wheelchair), visuel (sight), auditif (hearing), mental, psychique, lsf (sign language), audiodescription, boucle-magnetique (hearing loop)."),
			f("evenements[].organisateur", "Organisateur.", "Organiser."),
			f("evenements[].image.url", "Adresse de l'image.", "Address of the picture."),
			f("evenements[].image.alt", "Texte de remplacement de l'image, par langue.", "Text alternative of the picture, per language."),
			f("evenements[].image.credit", "Crédit de l'image.", "Picture credit."),
			f("evenements[].seances[].id", "Identifiant stable de la séance, le même d'une publication à l'autre.", "Stable identifier of the session, the same from one publication to the next."),
			f("evenements[].seances[].debut", "Début.", "Start."),
			f("evenements[].seances[].fin", "Fin ; égale au début quand elle n'est pas connue, incluse pour une journée entière.", "End; equal to the start when unknown, inclusive for an all-day session."),
			f("evenements[].seances[].journee_entiere", "Vrai pour une séance « journée entière ».", "True for an all-day session."),
			f("evenements[].seances[].jour", "Jour du programme : une journée du festival va de 4 h à 3 h 59 le lendemain.", "Programme day: a festival day runs from 04:00 to 03:59 the next morning."),
		},
	},
	{
		name: opendata.SchemaFile, address: dataAddress(opendata.SchemaFile), format: "JSON Schema 2020-12",
		about: doc{"Le schéma de evenements.json, qui décrit chaque champ ; sa version est celle du champ « version ».",
			"The schema of evenements.json, describing every field; its version is that of the “version” field."},
	},
	{
		name: opendata.SessionsFile, address: dataAddress(opendata.SessionsFile), format: "CSV (RFC 4180, UTF-8)",
		about: doc{"Une ligne par séance, avec une ligne d'en-tête ; textes dans la langue par défaut du site. Une cellule de texte qui commencerait par =, +, - ou @ commence par une apostrophe, pour qu'un tableur ne l'exécute pas.",
			"One row per session, with a header row; texts in the site's default language. A text cell that would start with =, +, - or @ starts with an apostrophe, so that a spreadsheet does not run it."},
		fields: []fieldDoc{
			f("id_seance", "Identifiant stable de la séance.", "Stable identifier of the session."),
			f("id_evenement", "Identifiant de l'événement (année/slug), celui de evenements.json.", "Identifier of the event (year/slug), as in evenements.json."),
			f("titre", "Titre de l'événement.", "Title of the event."),
			f("debut", "Début (date et heure avec décalage, ou date seule).", "Start (date and time with offset, or a date alone)."),
			f("fin", "Fin ; égale au début quand elle n'est pas connue.", "End; equal to the start when unknown."),
			f("journee_entiere", "true pour une séance « journée entière ».", "true for an all-day session."),
			f("jour", "Jour du programme (de 4 h à 3 h 59 le lendemain).", "Programme day (04:00 to 03:59 the next morning)."),
			f("statut", "scheduled, rescheduled, postponed, full ou cancelled.", "scheduled, rescheduled, postponed, full or cancelled."),
			f("debut_precedent", "Pour un événement déplacé : le début annoncé avant.", "For a rescheduled event: the start announced before."),
			f("id_lieu", "Identifiant du lieu.", "Identifier of the venue."),
			f("lieu", "Nom du lieu.", "Name of the venue."),
			f("adresse", "Adresse (voie).", "Street address."),
			f("code_postal", "Code postal.", "Postcode."),
			f("commune", "Commune.", "Town."),
			f("latitude", "Latitude (WGS 84).", "Latitude (WGS 84)."),
			f("longitude", "Longitude (WGS 84).", "Longitude (WGS 84)."),
			f("categories", "Catégories, séparées par des virgules.", "Categories, comma-separated."),
			f("publics", "Publics, séparés par des virgules.", "Audiences, comma-separated."),
			f("gratuit", "true ou false ; vide quand l'événement ne dit rien de son prix.", "true or false; empty when the event says nothing of its price."),
			f("tarif", "Prix en euros (« 5 », « 5-12 ») ou le tarif tel qu'écrit.", "Price in euros (“5”, “5-12”) or as written."),
			f("reservation", "Lien de réservation.", "Booking link."),
			f("url", "Page de l'événement.", "The event's page."),
			f("licence", "Licence Ouverte / Etalab 2.0.", "Licence Ouverte / Etalab 2.0."),
		},
	},
	{
		name: opendata.VenuesFile, address: dataAddress(opendata.VenuesFile), format: "GeoJSON (RFC 7946)",
		about: doc{"Une collection d'entités (FeatureCollection), un point par lieu, longitude d'abord. La collection porte la licence (licence, licence_url) et la source.",
			"A FeatureCollection, one point per venue, longitude first. The collection carries the licence (licence, licence_url) and the source."},
		fields: []fieldDoc{
			f("licence", "Nom de la licence.", "Name of the licence."),
			f("licence_url", "Texte de la licence.", "Text of the licence."),
			f("source", "Adresse du site.", "Address of the site."),
			f("features[].id", "Identifiant du lieu.", "Identifier of the venue."),
			f("features[].geometry", "Point : longitude, latitude (WGS 84).", "Point: longitude, latitude (WGS 84)."),
			f("properties.id", "Identifiant du lieu.", "Identifier of the venue."),
			f("properties.nom", "Nom dans la langue par défaut.", "Name in the default language."),
			f("properties.noms", "Nom, par langue.", "Name, per language."),
			f("properties.grand_site", "Vrai pour les cinq grands sites du Bassin minier.", "True for the five major sites of the mining basin."),
			f("properties.adresse", "Adresse (voie).", "Street address."),
			f("properties.code_postal", "Code postal.", "Postcode."),
			f("properties.commune", "Commune.", "Town."),
			f("properties.site_web", "Site web du lieu.", "The venue's website."),
			f("properties.accessibilite", "Aménagements du lieu.", "Provisions of the venue."),
			f("properties.evenements", "Nombre d'événements au programme.", "Number of events on the programme."),
			f("properties.url", "Page du lieu.", "The venue's page."),
			f("properties.calendrier", "Fichier iCalendar du lieu.", "The venue's iCalendar file."),
		},
	},
	{
		name: opendata.ScheduleFile, address: dataAddress(opendata.ScheduleFile), format: "frab / pretalx schedule.json",
		about: doc{"Le programme au format des applications de festival et de conférence (Giggity, ConfClerk, applications Fahrplan) : les jours du festival (de 4 h à 3 h 59), les salles (les lieux) et les séances. Les champs sont ceux du schéma C3VOC.",
			"The programme in the format festival and conference apps read (Giggity, ConfClerk, Fahrplan apps): festival days (04:00 to 03:59), rooms (the venues) and sessions. Fields are those of the C3VOC schema."},
		fields: []fieldDoc{
			f("schedule.conference", "Le festival : titre, dates, fuseau horaire, salles.", "The festival: title, dates, time zone, rooms."),
			f("schedule.conference.rooms[]", "Les lieux, nommés « lieu, commune ».", "The venues, named “venue, town”."),
			f("schedule.conference.days[]", "Les jours, chacun avec ses séances par salle.", "The days, each with its sessions per room."),
			f("days[].rooms.<salle>[].guid", "Identifiant stable de la séance (UUID v5 de son UID iCalendar).", "Stable identifier of the session (UUID v5 of its iCalendar UID)."),
			f("days[].rooms.<salle>[].id", "Numéro stable tiré du guid.", "Stable number derived from the guid."),
			f("days[].rooms.<salle>[].date, start, duration", "Début (avec décalage), heure locale et durée (hh:mm).", "Start (with offset), local time and duration (hh:mm)."),
			f("days[].rooms.<salle>[].title, abstract, url", "Titre (précédé de « Annulé » si annulé), résumé, page.", "Title (prefixed with “Cancelled” when cancelled), summary, page."),
			f("days[].rooms.<salle>[].track, type, persons, links", "Catégorie, type, organisateur, lien de réservation.", "Category, type, organiser, booking link."),
		},
	},
	{
		name: changes.File, address: dataAddress(changes.File), format: "JSON",
		about: doc{"Ce qui a changé depuis la publication précédente du programme, et la date de la dernière modification de chaque événement. Une publication date un événement de sa propre date (à la minute près) quand elle le publie pour la première fois ou quand ce qu'il montre aux partenaires a changé (empreinte différente) ; sinon elle garde la date de la publication précédente. Sans publication précédente, tous les événements prennent la date de la publication.",
			"What changed since the programme was last published, and when each event last changed. A publication dates an event with its own date (to the minute) when it publishes it for the first time or when what it shows partners changed (another fingerprint); otherwise it keeps the previous publication's date. With no previous publication, every event takes the publication's date."},
		fields: []fieldDoc{
			f("reference", "La publication comparée : « sha256: » et l'empreinte de son evenements.json ; vide pour la première.", "The publication compared against: “sha256:” and the hash of its evenements.json; empty for the first."),
			f("modifications[].type", "added : ajouté ; cancelled : annulé ; postponed : reporté ; time : horaire changé ; venue : lieu changé ; removed : retiré.", "added; cancelled; postponed; time: new time; venue: new venue; removed."),
			f("modifications[].annee, slug", "L'événement (son identifiant est annee/slug).", "The event (its identifier is annee/slug)."),
			f("modifications[].titre", "Titre, par langue.", "Title, per language."),
			f("modifications[].lieu, lieu_precedent", "Nom du lieu, et celui d'avant pour un changement de lieu, par langue.", "Name of the venue, and the previous one for a new venue, per language."),
			f("modifications[].debut, debut_precedent", "Début de la première séance changée, et avant le changement.", "Start of the first changed session, and before the change."),
			f("modifications[].date", "Date de la publication qui a constaté le changement.", "Date of the publication that found the change."),
			f("evenements.<id>.modifie_le", "Date de la dernière modification de l'événement (RFC 3339 avec décalage, à la minute) ; id est celui de evenements.json.", "When the event last changed (RFC 3339 with offset, to the minute); id as in evenements.json."),
			f("evenements.<id>.empreinte", "Empreinte (32 chiffres hexadécimaux) de ce que l'événement montre : textes dans chaque langue, statut, séances, lieu, tarif, réservation, accessibilité, image… Quand elle change, modifie_le prend la date de la publication.", "Fingerprint (32 hexadecimal digits) of what the event shows: texts in every language, status, sessions, venue, price, booking, accessibility, picture… When it changes, modifie_le takes the publication's date."),
		},
	},
	{
		name: "/evenements/<année>/<slug>.ics", format: "iCalendar (RFC 5545)",
		about: doc{"Un agenda par événement, par lieu (/lieux/<slug>.ics), par thème (/themes/<clé>.ics) et pour toute l'édition (/evenements/<année>.ics), chacun lié depuis sa page. Heures en Europe/Paris (VTIMEZONE inclus).",
			"A calendar per event, per venue (/lieux/<slug>.ics), per theme (/themes/<key>.ics) and for the whole edition (/evenements/<year>.ics), each linked from its page. Times in Europe/Paris (VTIMEZONE included)."},
		fields: []fieldDoc{
			f("UID", "Identifiant stable de la séance.", "Stable identifier of the session."),
			f("DTSTART, DTEND", "Début et fin (TZID=Europe/Paris, ou VALUE=DATE pour une journée entière).", "Start and end (TZID=Europe/Paris, or VALUE=DATE for an all-day session)."),
			f("SEQUENCE", "0 prévu ou complet, 1 reporté, 2 déplacé, 3 annulé.", "0 scheduled or full, 1 postponed, 2 rescheduled, 3 cancelled."),
			f("STATUS", "CONFIRMED, TENTATIVE (reporté) ou CANCELLED.", "CONFIRMED, TENTATIVE (postponed) or CANCELLED."),
			f("SUMMARY, DESCRIPTION", "Titre ; statut, résumé, tarif, conditions, réservation et page, en texte.", "Title; status, summary, price, conditions, booking and page, as text."),
			f("LOCATION, GEO", "Lieu et adresse ; coordonnées.", "Venue and address; coordinates."),
			f("URL, CATEGORIES", "Page de l'événement ; ses catégories.", "The event's page; its categories."),
			f("DTSTAMP, LAST-MODIFIED", "Date de la dernière modification de l'événement, en UTC : celle de modifie_le dans modifications.json.", "When the event last changed, in UTC: its modifie_le in modifications.json."),
		},
	},
	{
		name: "feed.xml", address: func(s *Site) string { return s.Router.Feed(s.Lang) }, format: "Atom (RFC 4287)",
		about: doc{"Les événements, les plus récemment ajoutés ou modifiés d'abord ; un second flux, modifications/feed.xml, annonce les annulations et changements.",
			"Events, most recently added or changed first; a second feed, changes/feed.xml, announces cancellations and changes."},
		fields: []fieldDoc{
			f("entry/id", "Identifiant stable (URI tag).", "Stable identifier (tag URI)."),
			f("entry/title, summary, link", "Titre, résumé avec dates et lieu, page de l'événement.", "Title, summary with dates and venue, the event's page."),
			f("entry/updated", "Date de la dernière modification de l'événement (modifie_le dans modifications.json) ; pour un changement depuis la publication précédente, la date de la publication qui l'a constaté. Les entrées vont de la plus récente à la plus ancienne.", "When the event last changed (its modifie_le in modifications.json); for a change since the previous publication, the date of the publication that found it. Entries run from newest to oldest."),
			f("entry/category", "Catégories de l'événement.", "The event's categories."),
		},
	},
}
