// Package scaffold writes ready-to-fill content files for editors, every
// field present and explained in French. A new event is a draft that already
// passes the checks, so the site still builds while the editor fills it in.
// A new venue has no draft state, so its address and coordinates are left
// empty: the check names them until they are filled, and a made-up address is
// never published.
package scaffold

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// slugPattern is the slug rule of the content format: lowercase ASCII
// letters, digits and single hyphens.
var slugPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ErrExists is returned when the file to create is already there: a
// scaffold never overwrites an editor's work.
var ErrExists = errors.New("file exists")

// Context is what a scaffold needs to know of the site: the edition and the
// keys an editor can choose from.
type Context struct {
	Year       int      // the edition's year: events go into events/<year>/
	Start      string   // first day of the edition, YYYY-MM-DD
	Venues     []string // venue slugs, sorted
	Categories []string // category keys, in site.yaml order
	Audiences  []string // audience keys, in site.yaml order
}

// CheckSlug explains, in the editors' words, why slug cannot name a file.
func CheckSlug(slug string) error {
	if slugPattern.MatchString(slug) {
		return nil
	}
	return fmt.Errorf("`%s` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `%s`", slug, Suggest(slug))
}

// Suggest turns any title into a valid slug: "Bal des Gueules Noires !"
// becomes "bal-des-gueules-noires".
func Suggest(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range fold(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case !dash && b.Len() > 0:
			b.WriteByte('-')
			dash = true
		}
	}
	out := strings.TrimSuffix(b.String(), "-")
	if out == "" {
		return "mon-evenement"
	}
	return out
}

var foldings = map[rune]string{
	'à': "a", 'â': "a", 'ä': "a", 'ç': "c", 'é': "e", 'è': "e", 'ê': "e", 'ë': "e",
	'î': "i", 'ï': "i", 'ô': "o", 'ö': "o", 'ù': "u", 'û': "u", 'ü': "u", 'ÿ': "y",
	'œ': "oe", 'æ': "ae",
}

func fold(s string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(s) {
		if f, ok := foldings[r]; ok {
			b.WriteString(f)
		} else if r < unicode.MaxASCII {
			b.WriteRune(r)
		} else {
			b.WriteByte('-')
		}
	}
	return b.String()
}

// title makes a readable title from a slug: "bal-des-mineurs" → "Bal des mineurs".
func title(slug string) string {
	t := strings.ReplaceAll(slug, "-", " ")
	if t == "" {
		return t
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// Create writes body to contentDir/rel, creating folders as needed, and
// refuses to overwrite an existing file. It returns the path written.
func Create(contentDir, rel string, body []byte) (string, error) {
	path := filepath.Join(contentDir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return "", err
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return path, ErrExists
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(body); err != nil {
		f.Close()
		return "", err
	}
	return path, f.Close()
}

// EventPath is where a new event file goes, relative to the content folder.
func EventPath(year int, slug string) string {
	return fmt.Sprintf("events/%d/%s.yaml", year, slug)
}

// VenuePath is where a new venue file goes, relative to the content folder.
func VenuePath(slug string) string { return "venues/" + slug + ".yaml" }

func firstOr(xs []string, fallback string) string {
	if len(xs) > 0 {
		return xs[0]
	}
	return fallback
}

// listHint lists the choices in comment lines of at most about 78
// characters, so that a long list of venues stays readable.
func listHint(xs []string) string {
	if len(xs) == 0 {
		return "(aucun pour l’instant)"
	}
	var b strings.Builder
	width := 24 // the comment's label before the list
	for i, x := range xs {
		switch {
		case i == 0:
		case width+len(x)+2 > 78:
			b.WriteString(",\n#   ")
			width = 4
		default:
			b.WriteString(", ")
			width += 2
		}
		b.WriteString(x)
		width += len(x)
	}
	return b.String()
}

// Event returns a new event file for slug: a draft that builds as it is,
// with every field of the format explained.
func Event(slug string, c Context) []byte {
	return []byte(fmt.Sprintf(eventTemplate,
		title(slug), firstOr(c.Venues, "nom-du-lieu"), listHint(c.Venues),
		c.Start, c.Start, firstOr(c.Categories, "concert"), listHint(c.Categories),
		firstOr(c.Audiences, "tout-public"), listHint(c.Audiences), c.Start))
}

// Venue returns a new venue file for slug, with every field explained.
func Venue(slug string) []byte {
	return []byte(fmt.Sprintf(venueTemplate, title(slug)))
}

const eventTemplate = `# yaml-language-server: $schema=../../../schemas/event.schema.json
# (la ligne ci-dessus permet à l’éditeur de texte de compléter et vérifier
# les champs pendant la frappe ; voir content/README.md)
# Nouvel événement. Remplissez les champs, puis retirez « draft: true »
# pour le publier. Guide complet : content/README.md
# Les lignes qui commencent par « # » sont des commentaires : enlevez le « # »
# pour utiliser un champ facultatif.

# Titre affiché partout (140 caractères au plus). Obligatoire.
title: "%s"

# Lieu : le nom du fichier du lieu dans content/venues/, sans « .yaml ». Obligatoire.
venue: %s
# Lieux possibles : %s

# Horaires, heure locale, sous l’une de ces trois formes (une seule) :
# 1. une ou plusieurs séances :
sessions:
  - start: %sT20:00
    end: %sT22:00
#   - start: 2026-06-28T15:00    # une autre séance
#     end: 2026-06-28T17:00
# 2. une seule séance, directement :
# start: 2026-06-27T20:30
# end: 2026-06-27T23:00
# 3. une exposition ouverte tous les jours :
# daily:
#   from: 2026-06-20
#   to: 2026-07-05
#   hours: "14:00-18:00"
#   closed_on: [lundi]
# Une date seule (2026-06-27) fait une séance « toute la journée ».
# Une séance qui commence avant 4 h du matin compte pour la veille.

# Thèmes (au moins un). Obligatoire.
categories: [%s]
# Thèmes possibles : %s

# Publics.
audiences: [%s]
# Publics possibles : %s

# Âge conseillé (facultatif) :
# age: {min: 6, max: 12}

# Tarif : free (gratuit), un texte ("5 €") ou une fourchette en euros {min: 5, max: 12}.
price: free

# Conditions en quelques mots (facultatif) :
# conditions: "Sur réservation"

# Lien de réservation, en https (facultatif) :
# booking: "https://billetterie.example.org/mon-evenement"

# Accessibilité (facultatif) : moteur, visuel, auditif, mental, psychique,
# lsf, audiodescription, boucle-magnetique
# accessibility: [moteur]

# Statut : scheduled (prévu), rescheduled (déplacé, avec previous_start),
# postponed (reporté), full (complet), cancelled (annulé).
status: scheduled
# previous_start: 2026-06-26T20:30

# Organisateur (facultatif) :
# organiser: "Association des amis de la fosse"

# Image (facultatif) : chemin depuis content/, avec sa description obligatoire.
# image: images/mon-image.jpg
# image_alt: "Ce que montre l’image, pour les personnes qui ne la voient pas"
# image_credit: "Photo : Nom du photographe"

# Résumé en une phrase (200 caractères au plus) :
summary: "Une phrase pour donner envie de venir."

# Résumé facile à lire et à comprendre (FALC), phrases courtes (facultatif) :
# easy_read: "Un concert. C’est gratuit. On peut venir en famille."

# Description complète, en Markdown (facultatif) :
description: |
  Décrivez l’événement ici. Une ligne vide sépare les paragraphes.

# Traduction anglaise (facultatif) :
# translations:
#   en:
#     title: "English title"
#     summary: "One sentence in English."
#     description: |
#       English description.

# Brouillon : visible dans l’aperçu, absent du site publié.
draft: true

# Créé pour l’édition qui commence le %s.
`

const venueTemplate = `# yaml-language-server: $schema=../../schemas/venue.schema.json
# Nouveau lieu. Guide complet : content/README.md
# Les lignes qui commencent par « # » sont des commentaires.

# Nom du lieu. Obligatoire.
name: "%s"

# true pour les cinq grands sites du patrimoine mondial, sinon false.
grand_site: false

# Commune, adresse et code postal. Obligatoires : à remplir.
commune:
address:
postcode:

# Coordonnées GPS en degrés décimaux (sur openstreetmap.org : clic droit,
# « Afficher l’adresse »). Obligatoires : à remplir, par exemple
#   lat: 50.4320
#   lon: 2.8330
geo:
  lat:
  lon:

# Site web, en https (facultatif) :
# website: "https://www.example.org/"

# Accessibilité (facultatif) : moteur, visuel, auditif, mental, psychique,
# lsf, audiodescription, boucle-magnetique
# accessibility: [moteur]

# Comment venir (facultatif) :
# transport: "Bus ligne 1, arrêt « Mairie »"

# Présentation, en Markdown (facultatif) :
# description: |
#   Quelques lignes sur le lieu.

# Image (facultatif), avec sa description obligatoire :
# image: images/mon-lieu.jpg
# image_alt: "Ce que montre l’image"

# Traduction anglaise (facultatif) :
# translations:
#   en:
#     name: "English name"
#     description: |
#       English description.
`
