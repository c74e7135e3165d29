package searchindex

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ligatures are the letters canonical decomposition leaves whole, and the
// typographic marks the site's typography puts in French text, mapped to
// what a visitor types on a phone keyboard. The browser's fold
// (static/assets/finder.js, fold) holds the same table.
var ligatures = strings.NewReplacer(
	"œ", "oe", "Œ", "oe", "æ", "ae", "Æ", "ae",
	"’", "'", "‘", "'",
	"\u00a0", " ", "\u202f", " ",
)

// Fold lowers a text for searching: accents removed, lowercase, ligatures
// spelled out, so that "fete" finds « Fête » and "oeuvre" finds « œuvre ».
// It matches the browser's s.normalize("NFD").replace(/\p{M}/gu, "")
// .toLowerCase() after the same ligature table.
func Fold(s string) string {
	s = ligatures.Replace(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		if unicode.Is(unicode.M, r) {
			continue
		}
		b.WriteRune(unicode.ToLower(r))
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
