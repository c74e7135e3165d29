package programme

import (
	"cmp"
	"slices"

	"golang.org/x/text/collate"
	"golang.org/x/text/language"
)

// collation orders names as French readers expect (Évin-Malmaison with E).
//
// Comparing two strings with the collator works out both their collation
// elements at every comparison, and sorting the sessions of a large
// programme compares titles hundreds of thousands of times. So each name's
// collation key is made once, and keys are compared as bytes: for the
// French collator, which ignores no level but the identity, comparing keys
// gives what CompareString gives (TestCollationKeysOrderAsTheCollator).
type collation struct {
	coll *collate.Collator
	buf  collate.Buffer
	keys map[string]string
}

func newCollation() *collation {
	return &collation{coll: collate.New(language.French), keys: map[string]string{}}
}

// key is the collation key of s, as a string for cheap comparison.
func (c *collation) key(s string) string {
	k, ok := c.keys[s]
	if !ok {
		k = string(c.coll.KeyFromString(&c.buf, s))
		c.buf.Reset()
		c.keys[s] = k
	}
	return k
}

// keyed is an item with the collation key of its name.
type keyed[T any] struct {
	item T
	key  string
}

// sortByName sorts items by name in French collation, then by compare,
// which must break every tie.
func sortByName[T any](c *collation, items []T, name func(T) string, compare func(x, y T) int) {
	ks := make([]keyed[T], len(items))
	for i, it := range items {
		ks[i] = keyed[T]{it, c.key(name(it))}
	}
	slices.SortFunc(ks, func(x, y keyed[T]) int {
		return cmp.Or(cmp.Compare(x.key, y.key), compare(x.item, y.item))
	})
	for i := range ks {
		items[i] = ks[i].item
	}
}

// compareEvents is the programme's order: by first session, then title,
// then year and slug, which tell every two events apart.
func compareEvents(x, y keyed[*Event]) int {
	return cmp.Or(x.item.Sessions[0].Start.Compare(y.item.Sessions[0].Start), cmp.Compare(x.key, y.key),
		cmp.Compare(x.item.Year, y.item.Year), cmp.Compare(x.item.Slug, y.item.Slug))
}

// compareSessions is the order of sessions: by start, then their event's
// title, then ID, unique in the programme.
func compareSessions(x, y keyed[*Session]) int {
	return cmp.Or(x.item.Start.Compare(y.item.Start), cmp.Compare(x.key, y.key), cmp.Compare(x.item.ID, y.item.ID))
}
