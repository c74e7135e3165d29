package content

import (
	"fmt"
	"reflect"
	"runtime"
	"strings"
	"testing"

	"quinzaine/generator/internal/diag"
)

// troubled is a content folder with problems in many files of every kind,
// and files of very different sizes, so that files read at the same time
// finish in an order of their own.
func troubled(t *testing.T) string {
	t.Helper()
	files := map[string]string{
		"site.yaml":             site + "categories: {concert: {fr: Concert}}\ntitel: x\n",
		"venues/fosse.yaml":     "name: Fosse\ncommune: Lens\naddress: rue\npostcode: \"62300\"\ngeo: {lat: 50.43, lon: 2.82}\n",
		"venues/Mauvais.yaml":   "name: Mauvais\ncommune: Lens\naddress: rue\npostcode: \"62300\"\n",
		"venues/loin.yaml":      "name: Loin\ncommune: Lens\naddress: rue\npostcode: \"62300\"\ngeo: {lat: 2.82, lon: 50.43}\n",
		"venues/notes.txt":      "",
		"events/2026/README.md": "",
		"events/vieux/bal.yaml": "title: Bal\n",
		"events/bal.yaml":       "title: Bal\n",
		"pages/a-propos.md":     "---\ntitle: À propos\n---\nTexte.\n",
		"pages/ouvert.md":       "---\ntitle: Ouvert\n",
		"pages/vide.md":         "Texte sans en-tête.\n",
	}
	for i := range 120 {
		name := fmt.Sprintf("events/%d/e%03d.yaml", 2025+i%2, i)
		long := strings.Repeat("  Une longue description qui prend du temps à lire.\n", (i*37)%200)
		switch i % 6 {
		case 0:
			files[name] = "title: [cassé\n"
		case 1:
			files[name] = fmt.Sprintf("titel: Bal %d\nvenue: fosse\nstart: 2026-06-27T20:30\nstatus: annulé\n", i)
		case 2:
			files[name] = fmt.Sprintf("title: Bal %d\nvenue: fosse\nstart: 2026-06-27T20:30\nend: 2026-06-26T20:30\nimage: images/absente.jpg\ndescription: |\n%s", i, long)
		case 3:
			files[name] = fmt.Sprintf("title: Bal %d\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T20:30\nprice: gratuit\n", i)
		default:
			files[name] = fmt.Sprintf("title: Bal %d\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-%02dT20:30\ndescription: |\n%s", i, 20+i%10, long)
		}
	}
	files["events/2026/Fête.yaml"] = "title: Fête\nvenue: fosse\nstart: 2026-06-27T20:30\n"
	return write(t, files)
}

// TestLoadIsTheSameWhateverTheNumberOfGoroutines: files are read at the
// same time, yet the tree and the diagnostics, in the order they were
// recorded, are those of reading one file after another, at every try.
func TestLoadIsTheSameWhateverTheNumberOfGoroutines(t *testing.T) {
	dir := troubled(t)
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	runtime.GOMAXPROCS(1)
	want, wantDiags := Load(dir, Options{})
	if n := wantDiags.Count(diag.Error); n < 60 {
		t.Fatalf("the fixture gives %d errors, want many", n)
	}
	if len(want.Events) != 121 {
		t.Fatalf("%d events read, want 121", len(want.Events))
	}
	cached, cachedDiags := NewCache(dir, Options{}).Load(nil)
	if !reflect.DeepEqual(cached, want) || text(cachedDiags) != text(wantDiags) {
		t.Fatalf("the cache on one goroutine differs from Load")
	}
	for _, procs := range []int{2, 8, 32} {
		runtime.GOMAXPROCS(procs)
		for try := range 5 {
			got, gotDiags := Load(dir, Options{})
			if !reflect.DeepEqual(got, want) {
				t.Fatalf("GOMAXPROCS %d, try %d: the tree differs from the one read on one goroutine", procs, try)
			}
			if !reflect.DeepEqual(gotDiags, wantDiags) {
				t.Fatalf("GOMAXPROCS %d, try %d: diagnostics\n%s\nwant\n%s", procs, try, text(gotDiags), text(wantDiags))
			}
			c := NewCache(dir, Options{})
			got, gotDiags = c.Load(nil)
			if !reflect.DeepEqual(got, cached) || !reflect.DeepEqual(gotDiags, cachedDiags) {
				t.Fatalf("GOMAXPROCS %d, try %d: the cache's tree or diagnostics differ from those read on one goroutine", procs, try)
			}
			if len(c.Read) != 128 || c.Read[0] != "site.yaml" || c.Read[127] != "pages/vide.md" {
				t.Fatalf("GOMAXPROCS %d, try %d: the cache read %d files, from %s to %s; want 128 in the tree's order", procs, try, len(c.Read), c.Read[0], c.Read[len(c.Read)-1])
			}
		}
	}
}
