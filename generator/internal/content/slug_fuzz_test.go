package content

import (
	"io/fs"
	"path"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/markdown"
	"quinzaine/generator/internal/route"
)

// FuzzSlug checks that what passes for a slug can only make addresses and
// files inside the output folder, and that Slug always makes one.
func FuzzSlug(f *testing.F) {
	f.Add("bal-des-gueules-noires")
	f.Fuzz(func(t *testing.T, s string) {
		if got := Slug(s); got != "" && !ValidSlug(got) {
			t.Fatalf("Slug(%q) = %q, not a valid slug", s, got)
		}
		if !ValidSlug(s) {
			return
		}
		if strings.ContainsAny(s, "./\\%?#:") || s != strings.ToLower(s) {
			t.Fatalf("ValidSlug(%q) = true", s)
		}
		r := route.Router{Default: "fr"}
		for _, address := range []string{r.Event("fr", 2026, s), r.Event("en", 2026, s), r.Venue("fr", s), r.Page("fr", s), r.EventCalendar(2026, s), r.VenueCalendar(s)} {
			file := route.File(address)
			if !fs.ValidPath(file) || path.Clean(file) != file || strings.Contains(file, "..") {
				t.Fatalf("slug %q makes the address %q, written to %q outside its section", s, address, file)
			}
		}
	})
}

// FuzzURL checks the `booking`, `website` and `base_url` rule: an address
// it accepts is an absolute http or https address, read as such by a
// browser too (markdown.SafeURL reads it the browser's way), and holds
// nothing that could end an attribute or a line.
func FuzzURL(f *testing.F) {
	f.Add("https://billetterie.example.org/bal?date=2026-06-27&lang=fr")
	f.Fuzz(func(t *testing.T, s string) {
		var diags diag.List
		d := &decoder{file: "content/events/2026/bal.yaml", diags: &diags}
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Line: 1, Column: 10}
		got := d.url(map[string]field{"booking": {key: n, value: n}}, "booking")
		if !got.Given() {
			if diags.Count(diag.Error) != 1 {
				t.Fatalf("url(%q) refused with %d errors; want 1", s, diags.Count(diag.Error))
			}
			return
		}
		if diags.Len() != 0 {
			t.Fatalf("url(%q) accepted with diagnostics: %v", s, diags.Sorted())
		}
		v := got.Value
		lower := strings.ToLower(v)
		if !strings.HasPrefix(lower, "http://") && !strings.HasPrefix(lower, "https://") {
			t.Fatalf("url(%q) accepted %q, which does not start with http:// or https://", s, v)
		}
		if !markdown.SafeURL(v) {
			t.Fatalf("url(%q) accepted %q, which a browser would not read as http(s)", s, v)
		}
		if strings.ContainsAny(v, "\x00\r\n\t ") {
			t.Fatalf("url(%q) accepted %q, with a space or line break", s, v)
		}
	})
}
