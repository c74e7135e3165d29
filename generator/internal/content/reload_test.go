package content

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// TestReloadAgreesWithLoadThroughRandomEdits: after every edit, told of
// exactly what changed, Reload gives the tree and problems of Load, and
// reads only the edited file when a known file was written.
func TestReloadAgreesWithLoadThroughRandomEdits(t *testing.T) {
	files := map[string]string{
		"site.yaml":         site + "categories: {concert: {fr: Concert}}\n",
		"venues/fosse.yaml": "name: Fosse\ncommune: Lens\naddress: rue\npostcode: \"62300\"\ngeo: {lat: 50.43, lon: 2.82}\n",
		"pages/a-propos.md": "---\ntitle: À propos\n---\nTexte.\n",
	}
	event := func(i, n int) string {
		if n%5 == 0 {
			return "title: [cassé\n"
		}
		return fmt.Sprintf("title: Bal %d-%d\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-%02dT20:30\n", i, n, 20+n%10)
	}
	for i := range 6 {
		files[fmt.Sprintf("events/2026/e%d.yaml", i)] = event(i, 1)
	}
	dir := write(t, files)
	c := NewCache(dir, Options{})
	c.Reload(nil)
	rnd := rand.New(rand.NewPCG(7, 7))
	put := func(rel, data string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for n := range 200 {
		var changed []string
		known := true
		switch op := rnd.IntN(10); {
		case op < 6:
			rel := fmt.Sprintf("events/2026/e%d.yaml", rnd.IntN(6))
			put(rel, event(n, n))
			changed = append(changed, rel)
		case op == 6:
			put("venues/fosse.yaml", fmt.Sprintf("name: Fosse %d\ncommune: Lens\naddress: rue\npostcode: \"62300\"\ngeo: {lat: 50.43, lon: 2.82}\n", n))
			changed = append(changed, "venues/fosse.yaml")
		case op == 7:
			put("pages/a-propos.md", fmt.Sprintf("---\ntitle: À propos %d\n---\nTexte.\n", n))
			changed = append(changed, "pages/a-propos.md")
		case op == 8:
			rel := fmt.Sprintf("events/%d/new.yaml", 2026+rnd.IntN(2))
			if _, err := os.Stat(filepath.Join(dir, rel)); err == nil {
				os.Remove(filepath.Join(dir, rel))
			} else {
				put(rel, event(n, n+1))
			}
			changed, known = append(changed, rel), false
		default:
			put("images/bal.jpg", jpegHeader(100+n, 100))
			changed, known = append(changed, "images/bal.jpg"), false
		}
		got, gotDiags := c.Reload(changed)
		if known && (len(c.Read) != 1 || c.Read[0] != changed[0]) {
			t.Errorf("edit %d of %s read %v", n, changed[0], c.Read)
		}
		want, wantDiags := Load(dir, Options{})
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("edit %d of %v: the tree differs from Load's", n, changed)
		}
		if g, w := text(gotDiags), text(wantDiags); g != w {
			t.Fatalf("edit %d of %v: diagnostics\n%s\nLoad's:\n%s", n, changed, g, w)
		}
	}
}
