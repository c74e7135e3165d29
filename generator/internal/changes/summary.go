package changes

import (
	"fmt"
	"strings"
	"time"

	"quinzaine/generator/internal/locale"
)

// labels name each kind of change in a sentence, per language; other
// languages read the English ones.
var labels = map[string]map[Kind]string{
	"fr": {Added: "ajouté", Cancelled: "annulé", Postponed: "reporté", Time: "horaire changé", Venue: "changé de lieu", Removed: "retiré"},
	"en": {Added: "added", Cancelled: "cancelled", Postponed: "postponed", Time: "new time", Venue: "new venue", Removed: "removed"},
}

func langOf(lang string) string {
	if lang == "fr" {
		return "fr"
	}
	return "en"
}

// Label names the kind of change in lang: « annulé », "cancelled".
func (c Change) Label(lang string) string { return labels[langOf(lang)][c.Kind] }

// TitleIn is the event's title in lang, or in the first language it has.
func (c Change) TitleIn(lang, def string) string { return textIn(c.Title, lang, def) }

func textIn(m map[string]string, lang, def string) string {
	if t := m[lang]; t != "" {
		return t
	}
	return m[def]
}

// Detail says what moved, in lang: the old and new times or venues, or the
// day an added event starts; "" for the other kinds.
func (c Change) Detail(lang, def string) string {
	switch c.Kind {
	case Time:
		return When(lang, c.PreviousStart) + " → " + When(lang, c.Start)
	case Venue:
		return textIn(c.PreviousVenue, lang, def) + " → " + textIn(c.Venue, lang, def)
	case Added:
		return When(lang, c.Start)
	}
	return ""
}

// When writes a start as evenements.json gives it, in lang: « samedi 27 juin,
// 20 h 30 », or the day alone for an all-day session; « — » when there is
// none (a session added or removed).
func When(lang, s string) string {
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return locale.DayMonth(lang, t) + ", " + locale.Time(lang, t)
	}
	if t, err := time.Parse(time.DateOnly, s); err == nil {
		return locale.DayMonth(lang, t)
	}
	return "—"
}

// Summary is what `build` and `check -previous` print for editors, in
// French, before the site is published.
func (r *Report) Summary() string {
	switch {
	case r.First:
		return "Première publication : pas de programme publié auparavant à comparer."
	case r.Carried || len(r.Changes) == 0:
		return "Aucune modification du programme depuis la dernière publication."
	}
	parts := make([]string, len(r.Changes))
	for i, c := range r.Changes {
		p := c.Label("fr") + " « " + c.TitleIn("fr", "fr") + " »"
		if d := c.Detail("fr", "fr"); d != "" && c.Kind != Added {
			p += " (" + d + ")"
		}
		parts[i] = p
	}
	n := "1 modification"
	if len(r.Changes) > 1 {
		n = fmt.Sprintf("%d modifications", len(r.Changes))
	}
	return strings.ReplaceAll(n+" depuis la dernière publication : "+strings.Join(parts, " ; ")+".", locale.NBSP, " ")
}
