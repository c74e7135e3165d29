package hostile

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"quinzaine/generator/internal/browsertest"
)

// instrument runs in every document before its own scripts: the dialogs
// that the attacks call record their call instead of showing it.
const instrument = `(() => {
	const calls = [];
	Object.defineProperty(window, "__hostile", {value: calls});
	for (const name of ["alert", "confirm", "prompt", "print"]) {
		window[name] = (...args) => { calls.push(name + "(" + args.join(",") + ")"); };
	}
})();`

// TestHostileContentRunsNoScriptInTheBrowser loads every page of the
// hostile build in Chromium, the theme's own scripts running, and checks
// that no attack called a dialog. A control page with one working attack
// shows first that the instrumentation sees it.
func TestHostileContentRunsNoScriptInTheBrowser(t *testing.T) {
	ctx := browsertest.New(t)
	siteDir, _, _ := build(t)
	writeFile(t, filepath.Join(siteDir, "_control", "index.html"), []byte("<!doctype html><title>control</title><img src=x onerror=alert(1)>"))
	base := browsertest.Serve(t, siteDir)
	err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: instrument})
		return err
	}))
	if err != nil {
		t.Fatal(err)
	}
	calls := func(address string) []string {
		t.Helper()
		if err := chromedp.Do(ctx, chromedp.Navigate(base+address)); err != nil {
			t.Fatalf("%s: %v", address, err)
		}
		got, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(window.__hostile)`))
		if err != nil {
			t.Fatalf("%s: %v", address, err)
		}
		return got
	}
	if got := calls("/_control/"); len(got) != 1 || got[0] != "alert(1)" {
		t.Fatalf("the control page recorded %q; want [alert(1)]: the instrumentation does not work", got)
	}
	pages := 0
	for _, name := range files(t, siteDir) {
		if !strings.HasSuffix(name, ".html") || strings.HasPrefix(name, "_control/") {
			continue
		}
		pages++
		address := "/" + strings.TrimSuffix(name, "index.html")
		if got := calls(address); len(got) > 0 {
			t.Errorf("%s: content ran script: %q", address, got)
		}
	}
	if pages == 0 {
		t.Fatal("no page was loaded")
	}
	t.Logf("%d pages loaded", pages)
}
