package scaffold

import (
	"testing"

	"quinzaine/generator/internal/content"
)

// FuzzSuggest checks that the name suggested for any title is a slug the
// loader accepts, and that scaffold and loader agree on what a slug is: a
// scaffolded file must never be refused by the check that follows.
func FuzzSuggest(f *testing.F) {
	f.Add("Bal des Gueules Noires !")
	f.Fuzz(func(t *testing.T, s string) {
		got := Suggest(s)
		if err := CheckSlug(got); err != nil || !content.ValidSlug(got) {
			t.Fatalf("Suggest(%q) = %q, refused: %v", s, got, err)
		}
		if (CheckSlug(s) == nil) != content.ValidSlug(s) {
			t.Fatalf("CheckSlug(%q) = %v but content.ValidSlug = %v", s, CheckSlug(s), content.ValidSlug(s))
		}
	})
}
