package content

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"testing"

	"quinzaine/generator/internal/diag"
)

// sameAsLoad checks that c gives what Load gives for the same folder.
func sameAsLoad(t *testing.T, c *Cache, changed ...string) {
	t.Helper()
	got, gotDiags := c.Load(changed)
	want, wantDiags := Load(c.dir, Options{})
	if !reflect.DeepEqual(got, want) {
		t.Errorf("cached tree differs from Load's")
	}
	if g, w := text(gotDiags), text(wantDiags); g != w {
		t.Errorf("cached diagnostics:\n%s\nLoad's:\n%s", g, w)
	}
}

func text(l diag.List) string {
	s := ""
	for _, d := range l.Sorted() {
		s += d.String() + "\n"
	}
	return s
}

func TestCacheRereadsOnlyChangedFilesAndAgreesWithLoad(t *testing.T) {
	dir := write(t, map[string]string{
		"site.yaml":             site + "categories: {concert: {fr: Concert}}\n",
		"venues/fosse.yaml":     "name: Fosse\ncommune: Lens\naddress: rue\npostcode: \"62300\"\ngeo: {lat: 50.43, lon: 2.82}\n",
		"events/2026/bal.yaml":  "title: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T20:30\n",
		"events/2026/fête.yaml": "title: Fête\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-28T20:30\n",
		"pages/a-propos.md":     "---\ntitle: À propos\n---\nTexte.\n",
		"images/README":         "",
	})
	c := NewCache(dir, Options{})
	sameAsLoad(t, c)
	if len(c.Read) != 5 {
		t.Errorf("first load read %d files, want 5", len(c.Read))
	}
	sameAsLoad(t, c)
	if len(c.Read) != 0 {
		t.Errorf("load of an unchanged folder read %d files, want 0", len(c.Read))
	}

	edit := func(rel, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	edit("events/2026/bal.yaml", "title: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T21:30\n")
	sameAsLoad(t, c, "events/2026/bal.yaml")
	if len(c.Read) != 1 {
		t.Errorf("load after one edit read %d files, want 1", len(c.Read))
	}
	// Same size, and possibly the same time on a coarse clock: the
	// watcher's word is enough.
	edit("events/2026/bal.yaml", "title: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T22:30\n")
	sameAsLoad(t, c, "events/2026/bal.yaml")

	edit("events/2026/bal.yaml", "titel: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T22:30\n")
	sameAsLoad(t, c)
	if len(c.Read) != 1 {
		t.Errorf("load after a broken edit read %d files, want 1", len(c.Read))
	}
	if err := os.Remove(filepath.Join(dir, "events", "2026", "bal.yaml")); err != nil {
		t.Fatal(err)
	}
	edit("events/2027/nouveau.yaml", "title: Nouveau\nvenue: fosse\ncategories: [concert]\nstart: 2027-06-27T22:30\n")
	sameAsLoad(t, c)
	if len(c.Read) != 1 {
		t.Errorf("load after a deletion and an addition read %d files, want 1", len(c.Read))
	}
	if want := []string{"events/2026/bal.yaml"}; !slices.Equal(c.Removed, want) {
		t.Errorf("Removed = %v, want %v", c.Removed, want)
	}
	// An event's image is checked against the images/ folder: a new
	// picture makes every file read again.
	edit("images/bal.jpg", "jpeg")
	sameAsLoad(t, c)
	if len(c.Read) != 5 {
		t.Errorf("load after a new picture read %d files, want 5", len(c.Read))
	}
	if err := os.Remove(filepath.Join(dir, "site.yaml")); err != nil {
		t.Fatal(err)
	}
	sameAsLoad(t, c)
}
