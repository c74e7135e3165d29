package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestSlugDropsAccentsAndPunctuation(t *testing.T) {
	tests := []struct{ name, want string }{
		{"Bruay-la-Buissière", "bruay-la-buissiere"},
		{"Évin-Malmaison", "evin-malmaison"},
		{"Œuvres d'art", "oeuvres-d-art"},
		{"  Bal des Mineurs ", "bal-des-mineurs"},
		{"Fosse 9-9bis", "fosse-9-9bis"},
	}
	for _, tt := range tests {
		if got := Slug(tt.name); got != tt.want || !ValidSlug(got) {
			t.Errorf("Slug(%q) = %q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestValidSlugRefusesWhatAnAddressCannotHold(t *testing.T) {
	for _, s := range []string{"Bal", "bal--noir", "-bal", "bal-", "bal_noir", "église", ""} {
		if ValidSlug(s) {
			t.Errorf("ValidSlug(%q) = true", s)
		}
	}
}

// write makes a content folder holding files, returning its path.
func write(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

const site = "title: T\nbase_url: https://x.example/\nlanguages: [fr]\nedition: {year: 2026, start: 2026-06-20, end: 2026-07-05}\n"

func TestEventValuesKeepTheirPositions(t *testing.T) {
	dir := write(t, map[string]string{
		"site.yaml": site,
		"events/2026/bal.yaml": "\ufefftitle: \"Bal\"\nvenue: fosse\ncategories: concert\n" +
			"sessions:\n  - {start: 2026-06-27T20:30, end: 2026-06-28T01:00}\n  - start: 2026-06-28\n" +
			"status: full\nprice: 5\ndescription: >\n  Texte\n  suivi.\n",
	})
	tree, diags := Load(dir, Options{})
	if diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Sorted())
	}
	e := tree.Events[0]
	if e.Year != 2026 || e.Slug != "bal" || e.File != filepath.ToSlash(dir)+"/events/2026/bal.yaml" {
		t.Errorf("event %d/%s in %s", e.Year, e.Slug, e.File)
	}
	if e.Title.Value != "Bal" || e.Title.Pos.Line != 1 || e.Title.Pos.Col != 8 {
		t.Errorf("title %q at %v: a byte-order mark must not shift columns", e.Title.Value, e.Title.Pos)
	}
	if len(e.Categories) != 1 || e.Categories[0].Value != "concert" {
		t.Errorf("a single category is a list of one: %v", e.Categories)
	}
	s := e.Sessions[0]
	if s.Start.Hour != 20 || s.Start.Minute != 30 || s.End.Day != 28 || s.End.Pos.Line != 5 {
		t.Errorf("first session = %+v", s)
	}
	if !e.Sessions[1].Start.DateOnly || e.Sessions[1].End.Given() {
		t.Errorf("second session = %+v, want an all-day session without end", e.Sessions[1])
	}
	if e.Status.Value != "full" || e.Price.Min.Value != 5 || e.Price.Max.Value != 5 {
		t.Errorf("status %q, price %+v", e.Status.Value, e.Price)
	}
	if e.Description.Value != "Texte suivi.\n" || e.Description.Pos.Line != 10 || e.Description.Pos.Col != 3 {
		t.Errorf("description %q at %v, want its first line 10:3", e.Description.Value, e.Description.Pos)
	}
}

func TestMaxFileSizeDefaultsToOneMebibyte(t *testing.T) {
	big := site + "# " + strings.Repeat("x", 1<<20) + "\n"
	_, diags := Load(write(t, map[string]string{"site.yaml": big}), Options{})
	got := diags.Sorted()
	if len(got) != 1 || got[0].Message != "the file is larger than 1 MiB; content files are far smaller, check that it is the right file" {
		t.Errorf("diagnostics = %v", got)
	}
}
