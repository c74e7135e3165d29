package locale

import (
	"strings"
	"unicode"
)

// French applies French typography to editors' plain text, so that
// punctuation never starts a line on its own: a narrow no-break space
// (U+202F) before ; ! ? : and inside « », a no-break space (U+00A0) between a
// number and €, and the typographic apostrophe (’) for a straight one typed
// between two letters ("l'Unesco"). Ordinary spaces typed there are
// replaced; missing ones are added, except where a colon is part of a time
// or an address ("14:00", "https://").
func French(s string) string {
	if !mayNeedFrench(s) {
		return s
	}
	in := []rune(s)
	out := make([]rune, 0, len(in)+8)
	space := func(r rune) bool { return r == ' ' || r == '\u00a0' || r == '\u202f' }
	// spaceBefore replaces the space just written with want, or adds want
	// after a word.
	spaceBefore := func(want rune) {
		n := len(out)
		switch {
		case n == 0:
		case space(out[n-1]):
			out[n-1] = want
		case unicode.IsLetter(out[n-1]) || unicode.IsDigit(out[n-1]) || strings.ContainsRune(")]»’\"", out[n-1]):
			out = append(out, want)
		}
	}
	for i := 0; i < len(in); i++ {
		r := in[i]
		next := rune(-1)
		if i+1 < len(in) {
			next = in[i+1]
		}
		ends := next == -1 || unicode.IsSpace(next) || space(next) || strings.ContainsRune("!?;:.,)]»\"", next)
		switch r {
		case ';', '!', '?':
			if ends {
				spaceBefore('\u202f')
			}
		case ':':
			if ends {
				spaceBefore('\u202f')
			}
		case '»':
			spaceBefore('\u202f')
		case '€':
			spaceBefore('\u00a0')
		case '\'':
			if n := len(out); n > 0 && unicode.IsLetter(out[n-1]) && unicode.IsLetter(next) {
				r = '’'
			}
		case '«':
			out = append(out, r)
			for i+1 < len(in) && space(in[i+1]) {
				i++
			}
			if i+1 < len(in) {
				out = append(out, '\u202f')
			}
			continue
		}
		out = append(out, r)
	}
	return string(out)
}

// mayNeedFrench reports whether s holds a character French may change.
// strings.ContainsAny would step through s rune by rune, since « » and € are
// not ASCII; a scan for the ASCII ones and one for each of the others is
// about six times faster, and most text has none of them.
func mayNeedFrench(s string) bool {
	return strings.ContainsAny(s, ";!?:'") || strings.Contains(s, "«") || strings.Contains(s, "»") || strings.Contains(s, "€")
}
