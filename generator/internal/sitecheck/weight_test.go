package sitecheck

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// budget is the most a page may weigh, HTML with the CSS and JS it loads,
// uncompressed, images excluded.
const budget = 60 * 1024

// loaded reads a page and lists what it loads.
func loaded(t *testing.T, s built, p Page) []Ref {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(p.Path)))
	if err != nil {
		t.Fatal(err)
	}
	refs, err := Refs(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("%s: %v", p.Path, err)
	}
	return refs
}

// Every page, with the style sheets (and what they @import) and scripts it
// loads, stays under the budget; a page loading a file the site does not
// have fails too, since its weight could not be known.
func TestEveryPageWithItsCSSAndJSWeighsUnder60KB(t *testing.T) {
	s := shippedSite(t)
	heaviest, at := int64(0), ""
	for _, p := range s.pages {
		total := p.Size
		seen := map[string]bool{}
		var add func(ref, from string, css bool)
		add = func(ref, from string, css bool) {
			f, ok := Local(ref, from, s.basePath)
			if !ok {
				if !Foreign(ref, s.host) {
					t.Errorf("%s loads %s, outside the site's base path %s", p.Path, ref, s.basePath)
				}
				return
			}
			if seen[f] {
				return
			}
			seen[f] = true
			data, err := os.ReadFile(filepath.Join(s.dir, filepath.FromSlash(f)))
			if err != nil {
				t.Errorf("%s loads %s, which the site does not have", p.Path, ref)
				return
			}
			total += int64(len(data))
			if css {
				for _, u := range CSSRefs(string(data)) {
					if isCSS(u) {
						add(u, f, true)
					}
				}
			}
		}
		for _, r := range loaded(t, s, p) {
			if r.Stylesheet || r.Script {
				add(r.URL, p.Path, r.Stylesheet)
			}
		}
		if total >= budget {
			t.Errorf("%s weighs %d bytes with its CSS and JS; the budget is %d", p.Path, total, budget)
		}
		if total > heaviest {
			heaviest, at = total, p.Path
		}
	}
	t.Logf("%d pages; heaviest %s, %d bytes with its CSS and JS", len(s.pages), at, heaviest)
}

func isCSS(u string) bool {
	return filepath.Ext(stripQuery(u)) == ".css"
}

func stripQuery(u string) string {
	for i, c := range u {
		if c == '?' || c == '#' {
			return u[:i]
		}
	}
	return u
}

// No page waits for a script before it is drawn: a <script src> in <head>
// carries defer, async or type=module.
func TestNoScriptBlocksRendering(t *testing.T) {
	s := shippedSite(t)
	for _, p := range s.pages {
		for _, r := range loaded(t, s, p) {
			if r.Blocking {
				t.Errorf("%s: <script src=%q> in <head> without defer, async or type=module", p.Path, r.URL)
			}
		}
	}
}

// Nothing a page loads, nor what its style sheets load, comes from another
// host than the site's: no web fonts, scripts, images or maps from third
// parties. Links to other sites (<a href>) are not loads and are allowed.
func TestNothingIsLoadedFromAnotherHost(t *testing.T) {
	s := shippedSite(t)
	for _, p := range s.pages {
		for _, r := range loaded(t, s, p) {
			if Foreign(r.URL, s.host) {
				t.Errorf("%s: <%s %s=%q> loads from another host than %s", p.Path, r.Tag, r.Attr, r.URL, s.host)
			}
		}
	}
	// Every style sheet of the site, linked or not, for its url() and
	// @import: a font from another host hides there.
	err := filepath.WalkDir(s.dir, func(name string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Ext(name) != ".css" {
			return err
		}
		data, err := os.ReadFile(name)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(s.dir, name)
		for _, u := range CSSRefs(string(data)) {
			if Foreign(u, s.host) {
				t.Errorf("%s: url(%q) loads from another host than %s", filepath.ToSlash(rel), u, s.host)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
