package locale

import (
	"strings"
	"testing"
	"time"
)

var paris = func() *time.Location {
	l, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		panic(err)
	}
	return l
}()

func at(s string) time.Time {
	t, err := time.ParseInLocation("2006-01-02T15:04", s, paris)
	if err != nil {
		panic(err)
	}
	return t
}

// show makes the invisible spaces visible in failure messages and in the
// wanted strings: "_" is U+00A0, "^" is U+202F.
func show(s string) string {
	return strings.NewReplacer(NBSP, "_", NNBSP, "^").Replace(s)
}

func TestDatesAndTimesReadAsReadersWriteThem(t *testing.T) {
	tests := []struct {
		name string
		got  string
		want string
	}{
		{"fr date and time", DateTime("fr", at("2026-06-27T20:30")), "samedi 27_juin 2026, 20_h_30"},
		{"en date and time", DateTime("en", at("2026-06-27T20:30")), "Saturday 27_June 2026, 8:30_pm"},
		{"fr round hour", Time("fr", at("2026-06-27T20:00")), "20_h"},
		{"fr morning", Time("fr", at("2026-06-27T09:05")), "9_h_05"},
		{"fr midnight", Time("fr", at("2026-06-28T00:00")), "minuit"},
		{"fr small hours", Time("fr", at("2026-06-28T00:30")), "0_h_30"},
		{"en round hour", Time("en", at("2026-06-27T20:00")), "8_pm"},
		{"en noon", Time("en", at("2026-06-27T12:00")), "noon"},
		{"en midnight", Time("en", at("2026-06-28T00:00")), "midnight"},
		{"en after midnight", Time("en", at("2026-06-28T00:15")), "12:15_am"},
		{"fr first of the month", Date("fr", at("2026-07-01T10:00")), "mercredi 1er_juillet 2026"},
		{"en first of the month", Date("en", at("2026-07-01T10:00")), "Wednesday 1_July 2026"},
		{"fr hours", Hours("fr", at("2026-06-27T14:00"), at("2026-06-27T18:00")), "de 14_h à 18_h"},
		{"en hours", Hours("en", at("2026-06-27T14:00"), at("2026-06-27T18:00")), "2_pm to 6_pm"},
		{"fr month", MonthYear("fr", at("2026-08-01T00:00")), "août 2026"},
		{"other languages read English", Weekday("nl", time.Saturday), "Saturday"},
	}
	for _, tt := range tests {
		if show(tt.got) != tt.want {
			t.Errorf("%s: got %q; want %q", tt.name, show(tt.got), tt.want)
		}
	}
}

func TestRangesNameTheDayOnceUnlessTheyCrossDays(t *testing.T) {
	tests := []struct {
		lang       string
		start, end string
		allDay     bool
		want       string
	}{
		{"fr", "2026-06-27T14:00", "2026-06-27T18:00", false, "samedi 27_juin 2026, de 14_h à 18_h"},
		{"en", "2026-06-27T14:00", "2026-06-27T18:30", false, "Saturday 27_June 2026, 2_pm to 6:30_pm"},
		{"fr", "2026-06-27T20:30", "2026-06-27T20:30", false, "samedi 27_juin 2026, 20_h_30"},
		{"fr", "2026-06-27T20:30", "2026-06-28T01:00", false, "samedi 27_juin 2026, de 20_h_30 à 1_h"},
		{"fr", "2026-06-27T22:00", "2026-06-28T00:00", false, "samedi 27_juin 2026, de 22_h à minuit"},
		{"en", "2026-06-27T20:30", "2026-06-28T01:00", false, "Saturday 27_June 2026, 8:30_pm to 1_am"},
		{"fr", "2026-06-27T10:00", "2026-06-28T17:00", false, "du samedi 27_juin 2026, 10_h au dimanche 28_juin 2026, 17_h"},
		{"en", "2026-06-27T10:00", "2026-06-28T17:00", false, "Saturday 27_June 2026, 10_am to Sunday 28_June 2026, 5_pm"},
		{"fr", "2026-06-27T00:00", "2026-06-27T00:00", true, "samedi 27_juin 2026"},
		{"fr", "2026-06-20T00:00", "2026-07-05T00:00", true, "du samedi 20_juin au dimanche 5_juillet 2026"},
		{"en", "2026-06-20T00:00", "2026-07-05T00:00", true, "Saturday 20_June to Sunday 5_July 2026"},
		{"fr", "2025-12-31T00:00", "2026-01-01T00:00", true, "du mercredi 31_décembre 2025 au jeudi 1er_janvier 2026"},
	}
	for _, tt := range tests {
		got := show(Range(tt.lang, at(tt.start), at(tt.end), tt.allDay))
		if got != tt.want {
			t.Errorf("Range(%s, %s, %s, %v) = %q; want %q", tt.lang, tt.start, tt.end, tt.allDay, got, tt.want)
		}
	}
}

func TestFrenchTypographyKeepsPunctuationWithItsWord(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Attention !", "Attention^!"},
		{"Vraiment?", "Vraiment^?"},
		{"Entrée : libre ; sortie : par la cour", "Entrée^: libre^; sortie^: par la cour"},
		{"Programme: 14:00", "Programme^: 14:00"},
		{"voir https://example.org/a", "voir https://example.org/a"},
		{"« Le bal »", "«^Le bal^»"},
		{"«Le bal»", "«^Le bal^»"},
		{"le bal»", "le bal^»"},
		{"«\u00a0Le bal\u00a0»", "«^Le bal^»"},
		{"5 €", "5_€"},
		{"5€ ou 12€", "5_€ ou 12_€"},
		{"Quoi ?!", "Quoi^?!"},
		{"déjà^bien !", "déjà^bien^!"},
		{"Rien à changer.", "Rien à changer."},
		{"S'abonner par l'adresse", "S’abonner par l’adresse"},
		{"aujourd'hui, l'Unesco", "aujourd’hui, l’Unesco"},
		{"'cité' et 5' d'arrêt", "'cité' et 5' d’arrêt"}, // only between two letters
		{"", ""},
	}
	for _, tt := range tests {
		in := strings.ReplaceAll(tt.in, "^", NNBSP)
		if got := show(French(in)); got != tt.want {
			t.Errorf("French(%q) = %q; want %q", tt.in, got, tt.want)
		}
	}
}

func TestJoinListsAsASentence(t *testing.T) {
	tests := []struct {
		lang  string
		items []string
		want  string
	}{
		{"fr", nil, ""},
		{"fr", []string{"a"}, "a"},
		{"fr", []string{"a", "b", "c"}, "a, b et c"},
		{"en", []string{"a", "b"}, "a and b"},
	}
	for _, tt := range tests {
		if got := Join(tt.lang, tt.items); got != tt.want {
			t.Errorf("Join(%s, %q) = %q; want %q", tt.lang, tt.items, got, tt.want)
		}
	}
}

func TestSiteStringsOverrideTheThemeAndFallBackToTheDefaultLanguage(t *testing.T) {
	fr, err := ParseStrings([]byte("skip: Aller au contenu\nevents.one: \"{n} événement\"\nevents.other: \"{n} événements\"\nonly_fr: seulement\n"))
	if err != nil {
		t.Fatal(err)
	}
	en, err := ParseStrings([]byte("skip: Skip to content\nevents.one: \"{n} event\"\nevents.other: \"{n} events\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := NewStrings("fr",
		map[string]map[string]string{"fr": fr, "en": en},
		map[string]map[string]string{"fr": {"skip": "Aller au programme"}})
	tests := []struct {
		lang, key string
		n         int
		want      string
	}{
		{"fr", "skip", -1, "Aller au programme"},
		{"en", "skip", -1, "Skip to content"},
		{"en", "only_fr", -1, "seulement"},
		{"fr", "events", 0, "0 événement"},
		{"fr", "events", 1, "1 événement"},
		{"fr", "events", 2, "2 événements"},
		{"en", "events", 0, "0 events"},
		{"en", "events", 1, "1 event"},
	}
	for _, tt := range tests {
		var got string
		var err error
		if tt.n < 0 {
			got, err = s.T(tt.lang, tt.key)
		} else {
			got, err = s.N(tt.lang, tt.key, tt.n)
		}
		if err != nil || got != tt.want {
			t.Errorf("%s %s %d: got %q, %v; want %q", tt.lang, tt.key, tt.n, got, err, tt.want)
		}
	}
	if got, _ := NewStrings("fr", map[string]map[string]string{"fr": {"a": "Accès : libre"}}, nil).T("fr", "a"); got != "Accès"+NNBSP+": libre" {
		t.Errorf("French strings are not typeset: got %q", show(got))
	}
	if _, err := s.T("fr", "nowhere"); err == nil || err.Error() != `no interface string "nowhere" in language "fr"` {
		t.Errorf("missing key: got %v", err)
	}
}

func TestStringsFileMustBeAFlatMap(t *testing.T) {
	if _, err := ParseStrings([]byte("a:\n  b: c\n")); err == nil {
		t.Error("nested map accepted; want an error")
	}
	m, err := ParseStrings([]byte("# rien\n"))
	if err != nil || len(m) != 0 {
		t.Errorf("comment-only file: got %v, %v; want an empty map", m, err)
	}
}
