package site

import (
	"path/filepath"
	"strings"
	"testing"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
)

// The shipped content, built as `build` builds it: every page has lang, a
// title and one h1, and every internal link leads to a written file.
func TestShippedSiteLinksResolve(t *testing.T) {
	p, diags := programme.Load(filepath.Join("..", "..", "..", "content"), content.Options{}, programme.Options{})
	if diags.HasErrors(false) {
		var b strings.Builder
		diag.WriteText(&b, diags)
		t.Fatalf("shipped content does not load: %s\n%s", diag.Summary(diags), b.String())
	}
	dir, outs := build(t, p, Options{})
	crawl(t, dir, "/")
	t.Logf("%d outputs", len(outs))
}
