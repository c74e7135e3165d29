// Package locale writes dates, times and interface strings the way French and
// English readers expect them, and applies French typography to text.
package locale

import (
	"strconv"
	"strings"
	"time"
)

// Non-breaking spaces of French typography.
const (
	NBSP  = "\u00a0" // espace insécable: "5 €", "20 h 30"
	NNBSP = "\u202f" // espace fine insécable: before ; ! ? : and inside « »
)

var weekdays = map[string][7]string{
	"fr": {"dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"},
	"en": {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"},
}

var months = map[string][12]string{
	"fr": {"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"},
	"en": {"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
}

// french reports whether lang is written the French way; every other
// language gets the English forms until it has its own.
func french(lang string) bool { return lang == "fr" }

func names(lang string) ([7]string, [12]string) {
	if french(lang) {
		return weekdays["fr"], months["fr"]
	}
	return weekdays["en"], months["en"]
}

// Weekday names a day of the week: "samedi", "Saturday".
func Weekday(lang string, d time.Weekday) string {
	w, _ := names(lang)
	return w[d]
}

// DayMonth writes a date without its year: « samedi 27 juin », "Saturday 27
// June". French writes the first of the month « 1er ».
func DayMonth(lang string, t time.Time) string {
	w, m := names(lang)
	day := strconv.Itoa(t.Day())
	if french(lang) && t.Day() == 1 {
		day = "1er"
	}
	return w[t.Weekday()] + " " + day + NBSP + m[t.Month()-1]
}

// Date writes a full date: « samedi 27 juin 2026 », "Saturday 27 June 2026".
func Date(lang string, t time.Time) string {
	return DayMonth(lang, t) + " " + strconv.Itoa(t.Year())
}

// MonthYear writes « juin 2026 », "June 2026".
func MonthYear(lang string, t time.Time) string {
	_, m := names(lang)
	return m[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// Time writes a time of day: « 20 h 30 », « 20 h » for a round hour,
// « minuit »; "8:30 pm", "8 pm", "noon", "midnight".
func Time(lang string, t time.Time) string {
	h, m := t.Hour(), t.Minute()
	if french(lang) {
		switch {
		case h == 0 && m == 0:
			return "minuit"
		case m == 0:
			return strconv.Itoa(h) + NBSP + "h"
		default:
			return strconv.Itoa(h) + NBSP + "h" + NBSP + twoDigits(m)
		}
	}
	switch {
	case h == 0 && m == 0:
		return "midnight"
	case h == 12 && m == 0:
		return "noon"
	}
	suffix := "am"
	if h >= 12 {
		suffix = "pm"
	}
	h12 := h % 12
	if h12 == 0 {
		h12 = 12
	}
	s := strconv.Itoa(h12)
	if m != 0 {
		s += ":" + twoDigits(m)
	}
	return s + NBSP + suffix
}

func twoDigits(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// DateTime writes « samedi 27 juin 2026, 20 h 30 », "Saturday 27 June 2026,
// 8:30 pm".
func DateTime(lang string, t time.Time) string {
	return Date(lang, t) + ", " + Time(lang, t)
}

// Hours writes the hours between two times of the same day: « de 14 h à
// 18 h », "2 pm to 6 pm".
func Hours(lang string, start, end time.Time) string {
	if french(lang) {
		return "de " + Time(lang, start) + " à " + Time(lang, end)
	}
	return Time(lang, start) + " to " + Time(lang, end)
}

// NightEnd is the hour before which a session that ends the next morning
// still reads as one evening: a festival day runs until 03:59.
const NightEnd = 4

// Range writes when a session happens. start == end means the end is
// unknown. allDay sessions have midnights for start and end, the end
// inclusive. A session that ends in the small hours of the next day reads as
// one evening: « samedi 27 juin 2026, de 20 h 30 à 1 h ».
func Range(lang string, start, end time.Time, allDay bool) string {
	sameDay := sameDate(start, end)
	if allDay {
		if sameDay {
			return Date(lang, start)
		}
		return Span(lang, start, end)
	}
	if end.Equal(start) {
		return DateTime(lang, start)
	}
	night := sameDate(start.AddDate(0, 0, 1), end) && end.Hour() < NightEnd && start.Hour() >= NightEnd
	if sameDay || night {
		return Date(lang, start) + ", " + Hours(lang, start, end)
	}
	if french(lang) {
		return "du " + DateTime(lang, start) + " au " + DateTime(lang, end)
	}
	return DateTime(lang, start) + " to " + DateTime(lang, end)
}

// Span writes a period of whole days, naming the year once when both ends
// share it: « du samedi 20 juin au dimanche 5 juillet 2026 », "Saturday 20
// June to Sunday 5 July 2026".
func Span(lang string, from, to time.Time) string {
	first := DayMonth(lang, from)
	if from.Year() != to.Year() {
		first = Date(lang, from)
	}
	if french(lang) {
		return "du " + first + " au " + Date(lang, to)
	}
	return first + " to " + Date(lang, to)
}

func sameDate(a, b time.Time) bool {
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// Join lists items the way a sentence does: « a, b et c », "a, b and c".
func Join(lang string, items []string) string {
	and := " and "
	if french(lang) {
		and = " et "
	}
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + and + items[len(items)-1]
}
