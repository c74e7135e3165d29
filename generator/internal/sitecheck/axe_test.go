package sitecheck

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"quinzaine/generator/internal/browsertest"
)

// axeRun audits the whole document against WCAG 2.1 levels A and AA and
// returns the violations as JSON, every node's selectors and markup kept
// so that a failure says where to look.
const axeRun = `axe.run(document, {
  runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
  resultTypes: ["violations"]
}).then(r => JSON.stringify(r.violations.map(v => ({
  id: v.id, impact: v.impact, help: v.help,
  nodes: v.nodes.map(n => ({target: n.target.flat().join(" "), html: n.html, summary: n.failureSummary}))
}))))`

type axeViolation struct {
	ID     string `json:"id"`
	Impact string `json:"impact"`
	Help   string `json:"help"`
	Nodes  []struct {
		Target  string `json:"target"`
		HTML    string `json:"html"`
		Summary string `json:"summary"`
	} `json:"nodes"`
}

// axeSource reads axe-core as .ci/run installs it, or skips the test.
func axeSource(t *testing.T) string {
	t.Helper()
	axe, err := os.ReadFile(filepath.Join(npmModules, "axe-core", "axe.min.js"))
	if err != nil {
		required(t, "axe-core", "npm install --prefix .cache/npm axe-core@4, as .ci/run does")
	}
	return string(axe)
}

// audit loads the page at u in the browser, injects axe-core and returns
// the violations it finds, one error message each. With noScript, the page
// loads as in a browser without JavaScript: its scripts do not run and its
// <noscript> shows. Scripts come back on for axe-core alone, which needs
// timers; the page's were skipped for good while it loaded. Chromium then
// hides <noscript> again, with a rule no page style can override, so its
// content, parsed as markup, is taken out of it to stay in view.
func audit(t *testing.T, ctx context.Context, axe, u string, noScript bool) []string {
	t.Helper()
	scripts := func(disabled bool) {
		if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: disabled}); err != nil {
			t.Fatal(err)
		}
	}
	if noScript {
		scripts(true)
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
		t.Fatalf("%s: %v", u, err)
	}
	if noScript {
		scripts(false)
		unwrap := `for (const n of document.querySelectorAll("noscript")) n.replaceWith(...n.childNodes)`
		if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](unwrap)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[any](axe)); err != nil {
		t.Fatalf("%s: loading axe-core: %v", u, err)
	}
	out, err := chromedp.Run(ctx, chromedp.Evaluate[string](axeRun, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: running axe-core: %v", u, err)
	}
	var vs []axeViolation
	if err := json.Unmarshal([]byte(out), &vs); err != nil {
		t.Fatalf("%s: axe-core result: %v", u, err)
	}
	var msgs []string
	for _, v := range vs {
		var b strings.Builder
		fmt.Fprintf(&b, "%s: %s (%s): %s", u, v.ID, v.Impact, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n\t%s\n\t\t%s\n\t\t%s", n.Target, clip(n.HTML, 160),
				strings.ReplaceAll(clip(n.Summary, 300), "\n", " "))
		}
		msgs = append(msgs, b.String())
	}
	return msgs
}

// One page of every kind, in French and in every other language, served
// over HTTP as it will be published, has no violation of WCAG 2.1 A or AA
// that axe-core finds, at a desktop's width and at a small phone's, where
// the layout and its colours may differ, and without JavaScript, where the
// page shows its plain version.
func TestAxeFindsNoViolationOnAnyKindOfPage(t *testing.T) {
	axe := axeSource(t)
	s := shippedSite(t)
	base := browsertest.Serve(t, s.dir)
	pages := Sample(s.pages, s.prefixes)
	for _, screen := range []struct {
		name          string
		width, height int64
		noScript      bool
	}{{"1280px", 1280, 900, false}, {"320px", 320, 640, false}, {"1280px_without_JavaScript", 1280, 900, true}} {
		// A browser each, so that each pass has the whole of
		// browsertest's time limit.
		t.Run(screen.name, func(t *testing.T) {
			ctx := browsertest.New(t)
			if err := chromedp.Do(ctx, chromedp.EmulateViewport(screen.width, screen.height)); err != nil {
				t.Fatal(err)
			}
			total := 0
			for _, p := range pages {
				for _, m := range audit(t, ctx, axe, base+URL(p.Path), screen.noScript) {
					total++
					t.Error(strings.TrimPrefix(m, base))
				}
			}
			t.Logf("axe-core audited %d pages, one of each kind; %d violations", len(pages), total)
		})
	}
}

// The audit sees what it is meant to see: a page without a language, an
// image without alternative text and a grey on grey text is reported.
func TestAxeReportsTheViolationsOfABadPage(t *testing.T) {
	axe := axeSource(t)
	dir := t.TempDir()
	bad := `<!doctype html><html><head><meta charset="utf-8"><title>Mauvaise page</title></head>` +
		`<body><main><h1>Programme</h1><img src="x.png"><p style="color:#aaa;background:#bbb">Complet</p></main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(bad), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	msgs := strings.Join(audit(t, ctx, axe, browsertest.Serve(t, dir)+"/", false), "\n")
	for _, rule := range []string{"html-has-lang (serious)", "image-alt (critical)", "color-contrast (serious)"} {
		if !strings.Contains(msgs, rule) {
			t.Errorf("axe-core did not report %s; it said:\n%s", rule, msgs)
		}
	}
}

func clip(s string, n int) string {
	if r := []rune(s); len(r) > n {
		return string(r[:n]) + "…"
	}
	return s
}

// Without JavaScript the audit sees the page as it is served: what the
// page's script adds is absent, what its <noscript> holds is there.
func TestAxeWithoutJavaScriptSeesThePlainPage(t *testing.T) {
	axe := axeSource(t)
	dir := t.TempDir()
	page := `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Page</title></head>` +
		`<body><main><h1>Programme</h1>` +
		`<noscript><img src="plain.png"></noscript>` +
		`<script>document.querySelector("main").insertAdjacentHTML("beforeend", '<img src="scripted.png">')</script>` +
		`</main></body></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	u := browsertest.Serve(t, dir) + "/"
	for _, tt := range []struct {
		noScript   bool
		want, gone string
	}{{false, "scripted.png", "plain.png"}, {true, "plain.png", "scripted.png"}} {
		msgs := strings.Join(audit(t, ctx, axe, u, tt.noScript), "\n")
		if !strings.Contains(msgs, tt.want) || strings.Contains(msgs, tt.gone) {
			t.Errorf("noScript=%v: want the image %s reported, not %s; axe-core said:\n%s", tt.noScript, tt.want, tt.gone, msgs)
		}
	}
}
