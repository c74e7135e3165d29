package sitecheck

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"quinzaine/generator/internal/browsertest"
)

// phoneCheck reports, on the page in the browser, whether the page scrolls
// sideways, and the texts of its drawings (the map of the venues) whose
// letters are smaller than 10 CSS pixels once the drawing is scaled to the
// screen.
const phoneCheck = `(() => {
  const root = document.documentElement;
  const small = [];
  for (const svg of document.querySelectorAll("svg[viewBox]")) {
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    for (const t of svg.querySelectorAll("text")) {
      const px = parseFloat(getComputedStyle(t).fontSize) * scale;
      if (px < 10) small.push(t.textContent + " (" + px.toFixed(1) + " px)");
    }
  }
  return JSON.stringify({wide: root.scrollWidth > root.clientWidth, small,
    texts: document.querySelectorAll("svg[viewBox] text").length});
})()`

// On a small phone (320 CSS pixels), no page of any kind scrolls sideways,
// and the labels of the map stay readable: the map keeps a width at which
// they are, and scrolls sideways within its own frame, as maps may (WCAG
// 1.4.10 exempts them).
func TestEveryKindOfPageReadsOnASmallPhone(t *testing.T) {
	s := shippedSite(t)
	base := browsertest.Serve(t, s.dir)
	ctx := browsertest.New(t)
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(320, 640)); err != nil {
		t.Fatal(err)
	}
	drawings := 0
	for _, p := range Sample(s.pages, s.prefixes) {
		u := base + URL(p.Path)
		if err := chromedp.Do(ctx, chromedp.Navigate(u)); err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		out, err := chromedp.Run(ctx, chromedp.Evaluate[string](phoneCheck))
		if err != nil {
			t.Fatalf("%s: %v", u, err)
		}
		var got struct {
			Wide  bool
			Small []string
			Texts int
		}
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if got.Wide {
			t.Errorf("%s scrolls sideways at 320 px", p.Path)
		}
		if len(got.Small) > 0 {
			t.Errorf("%s: %d texts of a drawing under 10 px at 320 px: %s", p.Path, len(got.Small), strings.Join(got.Small[:min(3, len(got.Small))], ", "))
		}
		if got.Texts > 0 {
			drawings++
		}
	}
	if drawings == 0 {
		t.Error("no page with the map was checked")
	}
}
