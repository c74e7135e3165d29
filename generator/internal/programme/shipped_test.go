package programme

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
)

// The shipped content must load without a single diagnostic: it is both the
// default site and the editors' example.
func TestShippedContentLoadsWithoutDiagnostics(t *testing.T) {
	dir := filepath.Join("..", "..", "..", "content")
	if _, err := os.Stat(filepath.Join(dir, "site.yaml")); err != nil {
		t.Skip("no shipped content yet")
	}
	p, diags := Load(dir, content.Options{}, Options{})
	if diags.Len() > 0 {
		var b strings.Builder
		diag.WriteText(&b, diags)
		t.Errorf("shipped content has %s:\n%s", diag.Summary(diags), b.String())
	}
	if p == nil || len(p.Events) == 0 {
		t.Fatalf("shipped content has no events")
	}
	t.Logf("%d events, %d sessions, %d venues, %d days, %d pages, %d communes", len(p.Events), len(p.Sessions), len(p.Venues), len(p.Days), len(p.Pages), len(p.Communes))
}
