package programme

import (
	"math/rand/v2"
	"strings"
	"testing"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// TestCollationKeysOrderAsTheCollator: sorting by collation keys must give
// the order of the collator itself, on names editors write and on random
// strings of accents, cases, ligatures, spaces and punctuation.
func TestCollationKeysOrderAsTheCollator(t *testing.T) {
	names := []string{
		"Évin-Malmaison", "Evin-Malmaison", "evin", "Éte", "été", "Eté", "ete", "Œuvre", "oeuvre", "Ouvre",
		"Bal des gueules noires", "bal des Gueules noires", "L’Atelier", "L'Atelier", "Latelier",
		"Côte", "cote", "Coté", "côté", "Ça", "ca", "Zèbre", "zebre", "", " ", "\u00a0", "\u202f", "10 ans", "9 ans",
	}
	alphabet := []rune("aAbeEéÉèêëœŒæÆzZ ’'-.,!?019çÇàâîïôûüÿ\u00a0\u202fß")
	rnd := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		var b strings.Builder
		for range 1 + rnd.IntN(7) {
			b.WriteRune(alphabet[rnd.IntN(len(alphabet))])
		}
		names = append(names, b.String())
	}
	c, coll := newCollation(), collate.New(language.French)
	for range 200000 {
		x, y := names[rnd.IntN(len(names))], names[rnd.IntN(len(names))]
		if got, want := strings.Compare(c.key(x), c.key(y)), coll.CompareString(x, y); got != want {
			t.Fatalf("%q against %q: keys compare %d, the collator %d", x, y, got, want)
		}
	}
}
