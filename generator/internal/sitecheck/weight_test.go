package sitecheck

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"quinzaine/generator/internal/browsertest"
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

// Every page, with the style sheets (and what they @import) and scripts
// (and the modules they import) it loads, stays under the budget; a page loading a file the site does not
// have fails too, since its weight could not be known.
func TestEveryPageWithItsCSSAndJSWeighsUnder60KB(t *testing.T) {
	s := shippedSite(t)
	heaviest, at := int64(0), ""
	for _, p := range s.pages {
		total := p.Size
		seen := map[string]bool{}
		parts := []string{fmt.Sprintf("HTML %d", p.Size)}
		var add func(ref, from string, css bool)
		add = func(ref, from string, css bool) {
			if strings.HasPrefix(ref, "data:") {
				return
			}
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
			parts = append(parts, fmt.Sprintf("%s %d", f, len(data)))
			if css {
				for _, u := range CSSRefs(string(data)) {
					if isCSS(u) {
						add(u, f, true)
					}
				}
				return
			}
			for _, u := range JSImports(string(data)) {
				add(u, f, false)
			}
		}
		for _, r := range loaded(t, s, p) {
			if r.Stylesheet || r.Script {
				add(r.URL, p.Path, r.Stylesheet)
			}
		}
		if total >= budget {
			t.Errorf("%s weighs %d bytes with its CSS and JS; the budget is %d\n\t%s",
				p.Path, total, budget, strings.Join(parts, ", "))
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

// loadedInBrowser reports, once the browser is idle after the page's load,
// what the page weighs (HTML, with every CSS and JS file fetched so far)
// and the files.
const loadedInBrowser = `new Promise(r => requestIdleCallback(() => r(), {timeout: 5000})).then(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const files = performance.getEntriesByType("resource")
    .filter(e => /\.(m?js|css)$/.test(new URL(e.name).pathname))
    .map(e => ({url: new URL(e.name).pathname, size: e.decodedBodySize}));
  return JSON.stringify({html: nav.decodedBodySize, files});
})`

// What the browser really fetches when it shows a page of each kind, the
// modules and style sheets its scripts load by themselves included, stays
// under the budget. Files fetched later than the browser's first idle
// moment are not counted, so this is a lower bound: it never fails a page
// that is within the budget.
func TestEveryKindOfPageWeighsUnder60KBInTheBrowser(t *testing.T) {
	s := shippedSite(t)
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, s.dir)
	// A file the browser takes from its memory cache leaves no resource
	// timing entry: without the cache, every page counts all it loads.
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Call(ctx, network.SetCacheDisabled, network.SetCacheDisabledParams{CacheDisabled: true}); err != nil {
		t.Fatal(err)
	}
	heaviest, at := 0, ""
	for _, p := range Sample(s.pages, s.prefixes) {
		u := URL(p.Path)
		if err := chromedp.Do(ctx, chromedp.Navigate(base+u)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](loadedInBrowser, chromedp.EvalAwaitPromise))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		var w struct {
			HTML  int `json:"html"`
			Files []struct {
				URL  string `json:"url"`
				Size int    `json:"size"`
			} `json:"files"`
		}
		if err := json.Unmarshal([]byte(out), &w); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		total := w.HTML
		parts := []string{fmt.Sprintf("HTML %d", w.HTML)}
		for _, f := range w.Files {
			total += f.Size
			parts = append(parts, fmt.Sprintf("%s %d", f.URL, f.Size))
		}
		if total >= budget {
			t.Errorf("%s weighs %d bytes with the CSS and JS the browser fetched; the budget is %d\n\t%s",
				u, total, budget, strings.Join(parts, ", "))
		}
		if total > heaviest {
			heaviest, at = total, u
		}
	}
	t.Logf("heaviest page in the browser: %s, %d bytes with its CSS and JS", at, heaviest)
}
