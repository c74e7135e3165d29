package content

import (
	"regexp"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

var slugForm = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// ValidSlug reports whether s is a slug: lowercase ASCII letters, digits
// and single hyphens between them.
func ValidSlug(s string) bool { return slugForm.MatchString(s) }

// Slug turns a name into a slug for addresses: "Bruay-la-Buissière"
// becomes "bruay-la-buissiere", "Œuvres d'art" becomes "oeuvres-d-art".
func Slug(name string) string {
	var b strings.Builder
	hyphen := false
	for _, r := range norm.NFD.String(strings.ToLower(name)) {
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9':
			b.WriteRune(r)
			hyphen = false
		case unicode.Is(unicode.Mn, r):
			// Accents fall away: é was split into e and a combining mark.
		case r == 'œ' || r == 'æ':
			b.WriteString(map[rune]string{'œ': "oe", 'æ': "ae"}[r])
			hyphen = false
		case r == 'ß':
			b.WriteString("ss")
			hyphen = false
		default:
			if !hyphen && b.Len() > 0 {
				b.WriteByte('-')
				hyphen = true
			}
		}
	}
	return strings.TrimSuffix(b.String(), "-")
}
