package programme

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"quinzaine/generator/internal/content"
)

// The Builder reuses the events that did not change; after every kind of
// edit its programme and its problems must be those of a fresh Build.
func TestBuilderGivesWhatBuildGivesAfterEachEdit(t *testing.T) {
	shipped := filepath.Join("..", "..", "..", "content")
	if _, err := os.Stat(filepath.Join(shipped, "site.yaml")); err != nil {
		t.Skip("no shipped content")
	}
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(shipped)); err != nil {
		t.Fatal(err)
	}
	const event = "events/2026/atelier-dessine-ton-chevalement.yaml"
	const venue = "venues/cite-des-electriciens.yaml"
	edit := func(rel, old, new string) {
		t.Helper()
		name := filepath.Join(dir, filepath.FromSlash(rel))
		b, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(string(b), old) {
			t.Fatalf("%s has no %q", rel, old)
		}
		if err := os.WriteFile(name, []byte(strings.Replace(string(b), old, new, 1)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	steps := []struct {
		name string
		do   func() string // the file changed
	}{
		{"first build", func() string { return "" }},
		{"title", func() string { edit(event, `title: "Atelier`, `title: "Zébulon, atelier`); return event }},
		{"date", func() string { edit(event, "2026-06-30T14:00", "2026-07-01T20:00"); return event }},
		{"venue", func() string { edit(event, "venue: cite-des-electriciens", "venue: base-11-19"); return event }},
		{"unknown venue", func() string { edit(event, "venue: base-11-19", "venue: base-11-91"); return event }},
		{"fixed", func() string { edit(event, "venue: base-11-91", "venue: arenberg-creative-mine"); return event }},
		{"category", func() string { edit(event, "categories: [atelier]", "categories: [atelier, conference]"); return event }},
		{"a venue", func() string { edit(venue, "name: ", "name: Zz "); return venue }},
		{"again", func() string { edit(event, `title: "Zébulon`, `title: "Ab`); return event }},
	}
	cache := content.NewCache(dir, content.Options{})
	bd := NewBuilder(Options{Drafts: true})
	for _, step := range steps {
		var changed []string
		if f := step.do(); f != "" {
			changed = []string{f}
		}
		tree, _ := cache.Reload(changed)
		got, gotDiags := bd.Build(tree)
		fresh, _ := content.Load(dir, content.Options{})
		want, wantDiags := Build(fresh, Options{Drafts: true})
		if !reflect.DeepEqual(gotDiags.Sorted(), wantDiags.Sorted()) {
			t.Errorf("%s: problems %v, want %v", step.name, gotDiags.Sorted(), wantDiags.Sorted())
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: the programme differs from a fresh build", step.name)
		}
		if want == nil || len(want.Events) == 0 {
			t.Fatalf("%s: no events", step.name)
		}
	}
}
