package content

// The field tables below describe every field an editor may write in
// site.yaml, a venue and an event: its name, the kind of value, whether it
// is required, the values it may take and what it means, in French. The
// decoder takes from them the fields it accepts and those it requires; the
// JSON Schemas that editors' tools read are generated from them (package
// schema). One table per file kind, so the two cannot disagree.

// Kind is the kind of value a field holds, as an editor writes it.
type Kind int

const (
	KindText     Kind = iota // a text; a number is read as written
	KindLine                 // a text shown on one line: a title, a name
	KindMarkdown             // a Markdown text
	KindURL                  // an absolute http or https address
	KindPath                 // a path inside the content folder
	KindBool                 // true or false
	KindNumber               // a number, decimals with a point
	KindInt                  // a whole number
	KindDate                 // a date alone, 2026-06-27
	KindTime                 // a date and time 2026-06-27T20:30, or a date alone
	KindHours                // opening hours, "14:00-18:00"
	KindWords                // a list of words, or one word alone
	KindMapping              // a mapping of the fields in Fields
	KindList                 // a list of mappings of the fields in Fields
	KindTerms                // keys to labels per language (categories)
	KindLabels               // labels per language, for the translated texts
	KindPrice                // free, a number of euros, {min, max} or a text
)

// Field describes one field of a content file.
type Field struct {
	Name     string
	Kind     Kind
	Required bool
	// Values are the words allowed, for a KindText or KindWords field
	// limited to a fixed vocabulary.
	Values []string
	// Min and Max bound a number when set.
	Min, Max *float64
	// Fields are the fields of a KindMapping, of each item of a KindList,
	// of the {min, max} form of a KindPrice, and those a translation may
	// hold for KindLabels (nil: any text).
	Fields []Field
	// Doc says what the field means, in French, for editors' tools.
	Doc string
}

func bound(v float64) *float64 { return &v }

// names lists the names of fields, in order.
func names(fields []Field) []string {
	out := make([]string, len(fields))
	for i, f := range fields {
		out[i] = f.Name
	}
	return out
}

// lookup returns the field name of fields.
func lookup(fields []Field, name string) Field {
	for _, f := range fields {
		if f.Name == name {
			return f
		}
	}
	panic("content: no field " + name)
}

var editionFields = []Field{
	{Name: "year", Kind: KindInt, Required: true, Doc: "Année de l’édition ; les événements vont dans events/<année>/."},
	{Name: "start", Kind: KindDate, Required: true, Doc: "Premier jour de l’édition, AAAA-MM-JJ."},
	{Name: "end", Kind: KindDate, Required: true, Doc: "Dernier jour de l’édition, AAAA-MM-JJ."},
}

// SiteFields are the fields of content/site.yaml.
var SiteFields = []Field{
	{Name: "title", Kind: KindLine, Required: true, Doc: "Titre du site."},
	{Name: "base_url", Kind: KindURL, Required: true, Doc: "Adresse où le site est publié, par exemple https://quinzaine.example.org/."},
	{Name: "timezone", Kind: KindText, Doc: "Fuseau horaire des heures écrites ; Europe/Paris par défaut."},
	{Name: "languages", Kind: KindWords, Required: true, Doc: "Langues du site, la première par défaut : [fr, en]."},
	{Name: "edition", Kind: KindMapping, Required: true, Fields: editionFields, Doc: "L’édition en cours : année, premier et dernier jour."},
	{Name: "description", Kind: KindText, Doc: "Présentation du site en une ou deux phrases."},
	{Name: "categories", Kind: KindTerms, Doc: "Thèmes des événements : clé → nom par langue, par exemple concert: {fr: Concert, en: Concert}."},
	{Name: "audiences", Kind: KindTerms, Doc: "Publics des événements : clé → nom par langue."},
	{Name: "translations", Kind: KindLabels, Doc: "Titre, description et textes de l’interface dans les autres langues."},
}

var geoFields = []Field{
	{Name: "lat", Kind: KindNumber, Required: true, Min: bound(-90), Max: bound(90), Doc: "Latitude en degrés décimaux, par exemple 50.4347."},
	{Name: "lon", Kind: KindNumber, Required: true, Min: bound(-180), Max: bound(180), Doc: "Longitude en degrés décimaux, par exemple 2.8239."},
}

var venueTranslationFields = []Field{
	{Name: "name", Kind: KindLine, Doc: "Nom du lieu dans cette langue."},
	{Name: "description", Kind: KindMarkdown, Doc: "Présentation dans cette langue, en Markdown."},
	{Name: "transport", Kind: KindText, Doc: "Comment venir, dans cette langue."},
	{Name: "image_alt", Kind: KindText, Doc: "Description de l’image dans cette langue."},
}

const accessibilityDoc = "Accessibilité : moteur, visuel, auditif, mental, psychique, lsf, audiodescription, boucle-magnetique."

// VenueFields are the fields of content/venues/<slug>.yaml.
var VenueFields = []Field{
	{Name: "name", Kind: KindLine, Required: true, Doc: "Nom du lieu."},
	{Name: "grand_site", Kind: KindBool, Doc: "true pour les cinq grands sites du patrimoine mondial ; false par défaut."},
	{Name: "commune", Kind: KindText, Required: true, Doc: "Commune du lieu."},
	{Name: "address", Kind: KindText, Required: true, Doc: "Adresse, sans la commune."},
	{Name: "postcode", Kind: KindText, Required: true, Doc: "Code postal, par exemple \"62590\"."},
	{Name: "geo", Kind: KindMapping, Required: true, Fields: geoFields, Doc: "Coordonnées GPS : {lat: 50.4687, lon: 2.9934}."},
	{Name: "website", Kind: KindURL, Doc: "Site web du lieu, en http ou https."},
	{Name: "accessibility", Kind: KindWords, Values: AccessibilityKeys, Doc: accessibilityDoc},
	{Name: "transport", Kind: KindText, Doc: "Comment venir : bus, train, stationnement."},
	{Name: "description", Kind: KindMarkdown, Doc: "Présentation du lieu, en Markdown."},
	{Name: "image", Kind: KindPath, Doc: "Image, chemin depuis content/ : images/lieu.jpg."},
	{Name: "image_alt", Kind: KindText, Doc: "Ce que montre l’image, pour qui ne la voit pas ; obligatoire avec image."},
	{Name: "translations", Kind: KindLabels, Fields: venueTranslationFields, Doc: "Textes dans les autres langues : translations: {en: {name: ...}}."},
}

var sessionFields = []Field{
	{Name: "start", Kind: KindTime, Required: true, Doc: "Début : 2026-06-27T20:30, ou une date seule pour toute la journée."},
	{Name: "end", Kind: KindTime, Doc: "Fin, de la même forme que start ; facultative si elle n’est pas connue."},
	{Name: "id", Kind: KindText, Doc: "Identifiant stable de la séance, en minuscules et tirets (facultatif)."},
}

var dailyFields = []Field{
	{Name: "from", Kind: KindDate, Required: true, Doc: "Premier jour d’ouverture, AAAA-MM-JJ."},
	{Name: "to", Kind: KindDate, Required: true, Doc: "Dernier jour d’ouverture, inclus."},
	{Name: "hours", Kind: KindHours, Required: true, Doc: "Horaires de chaque jour : \"14:00-18:00\"."},
	{Name: "closed_on", Kind: KindWords, Values: weekdayNames, Doc: "Jours de fermeture : [lundi] ou [monday]."},
}

var ageFields = []Field{
	{Name: "min", Kind: KindInt, Min: bound(0), Doc: "Âge minimum conseillé."},
	{Name: "max", Kind: KindInt, Min: bound(0), Doc: "Âge maximum conseillé."},
}

// priceRangeFields are those of a price written {min, max}.
var priceRangeFields = []Field{
	{Name: "min", Kind: KindNumber, Required: true, Min: bound(0), Doc: "Tarif le plus bas, en euros."},
	{Name: "max", Kind: KindNumber, Required: true, Min: bound(0), Doc: "Tarif le plus haut, en euros."},
}

var eventTranslationFields = []Field{
	{Name: "title", Kind: KindLine, Doc: "Titre dans cette langue."},
	{Name: "summary", Kind: KindText, Doc: "Résumé dans cette langue."},
	{Name: "easy_read", Kind: KindText, Doc: "Résumé facile à lire dans cette langue."},
	{Name: "description", Kind: KindMarkdown, Doc: "Description dans cette langue, en Markdown."},
	{Name: "conditions", Kind: KindText, Doc: "Conditions dans cette langue."},
	{Name: "image_alt", Kind: KindText, Doc: "Description de l’image dans cette langue."},
}

// EventFields are the fields of content/events/<year>/<slug>.yaml. The
// times take exactly one of three forms: sessions, start (and end), or
// daily.
var EventFields = []Field{
	{Name: "title", Kind: KindLine, Required: true, Doc: "Titre de l’événement, 140 caractères au plus."},
	{Name: "venue", Kind: KindText, Required: true, Doc: "Lieu : le nom d’un fichier de content/venues/, sans .yaml."},
	{Name: "sessions", Kind: KindList, Fields: sessionFields, Doc: "Séances : une liste de {start, end}. Ou bien start et end, ou bien daily."},
	{Name: "start", Kind: KindTime, Doc: "Début d’une séance unique : 2026-06-27T20:30, ou une date seule."},
	{Name: "end", Kind: KindTime, Doc: "Fin de la séance unique, de la même forme que start."},
	{Name: "daily", Kind: KindMapping, Fields: dailyFields, Doc: "Ouverture tous les jours, pour une exposition : from, to, hours, closed_on."},
	{Name: "categories", Kind: KindWords, Required: true, Doc: "Thèmes (au moins un), parmi les clés de categories dans site.yaml."},
	{Name: "audiences", Kind: KindWords, Doc: "Publics, parmi les clés de audiences dans site.yaml."},
	{Name: "age", Kind: KindMapping, Fields: ageFields, Doc: "Âge conseillé : {min: 6, max: 12}, ou une seule borne."},
	{Name: "price", Kind: KindPrice, Fields: priceRangeFields, Doc: "Tarif : free (gratuit), un nombre d’euros, {min: 5, max: 12} ou un texte \"5 €\"."},
	{Name: "conditions", Kind: KindText, Doc: "Conditions en quelques mots : \"Sur réservation\"."},
	{Name: "booking", Kind: KindURL, Doc: "Lien de réservation, en http ou https."},
	{Name: "accessibility", Kind: KindWords, Values: AccessibilityKeys, Doc: accessibilityDoc},
	{Name: "status", Kind: KindText, Values: Statuses, Doc: "Statut : scheduled (prévu, par défaut), rescheduled (déplacé, avec previous_start), postponed (reporté), full (complet), cancelled (annulé)."},
	{Name: "previous_start", Kind: KindTime, Doc: "Ancien début d’un événement rescheduled."},
	{Name: "organiser", Kind: KindText, Doc: "Organisateur."},
	{Name: "image", Kind: KindPath, Doc: "Image, chemin depuis content/ : images/bal.jpg."},
	{Name: "image_alt", Kind: KindText, Doc: "Ce que montre l’image, pour qui ne la voit pas ; obligatoire avec image."},
	{Name: "image_credit", Kind: KindText, Doc: "Crédit de l’image : \"Photo : Nom\"."},
	{Name: "summary", Kind: KindText, Doc: "Résumé en une phrase, 200 caractères au plus."},
	{Name: "easy_read", Kind: KindText, Doc: "Résumé facile à lire et à comprendre (FALC)."},
	{Name: "description", Kind: KindMarkdown, Doc: "Description complète, en Markdown."},
	{Name: "draft", Kind: KindBool, Doc: "true : brouillon, visible dans l’aperçu mais pas publié."},
	{Name: "translations", Kind: KindLabels, Fields: eventTranslationFields, Doc: "Textes dans les autres langues : translations: {en: {title: ...}}."},
}

// PageFields are the fields of the front matter of content/pages/<slug>.md.
var PageFields = []Field{
	{Name: "title", Kind: KindLine, Required: true, Doc: "Titre de la page."},
	{Name: "translations", Kind: KindLabels, Fields: []Field{
		{Name: "title", Kind: KindLine, Doc: "Titre dans cette langue."},
		{Name: "body", Kind: KindMarkdown, Doc: "Texte de la page dans cette langue, en Markdown."},
	}, Doc: "Titre et texte dans les autres langues."},
}
