package searchindex_test

// Browser tests of the features the index serves, on the shipped content
// built in-process: the programme's filter, the language switch, « Mon
// programme » and the path of readers without JavaScript. They wait on DOM
// conditions, never on time.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	ics "github.com/arran4/golang-ical"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"

	"quinzaine/generator/internal/browsertest"
	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
	"quinzaine/generator/internal/searchindex"
	"quinzaine/generator/internal/site"
	"quinzaine/generator/internal/theme"
)

var shipped struct {
	once sync.Once
	p    *programme.Programme
	dir  string
	err  error
}

// build writes the shipped site once for every test of the file.
func build(t *testing.T) (*programme.Programme, string) {
	t.Helper()
	shipped.once.Do(func() {
		p, diags := programme.Load(filepath.Join("..", "..", "..", "content"), content.Options{}, programme.Options{})
		if diags.HasErrors(false) {
			var b strings.Builder
			diag.WriteText(&b, diags)
			shipped.err = fmt.Errorf("shipped content does not load: %s\n%s", diag.Summary(diags), b.String())
			return
		}
		th, err := theme.Load(os.DirFS(filepath.Join("..", "..", "..", "themes", "default")))
		if err != nil {
			shipped.err = err
			return
		}
		outs, err := site.Plan(p, th, site.Options{})
		if err != nil {
			shipped.err = err
			return
		}
		dir, err := os.MkdirTemp("", "quinzaine-browser-")
		if err != nil {
			shipped.err = err
			return
		}
		shipped.p, shipped.dir, shipped.err = p, dir, site.Write(dir, outs)
	})
	if shipped.err != nil {
		t.Fatal(shipped.err)
	}
	return shipped.p, shipped.dir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if shipped.dir != "" {
		os.RemoveAll(shipped.dir)
	}
	os.Exit(code)
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

func eval[T any](t *testing.T, ctx context.Context, js string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// waitFor waits until a JavaScript condition holds.
func waitFor(t *testing.T, ctx context.Context, cond string) {
	t.Helper()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](cond, chromedp.WithPollingMutation())); err != nil {
		t.Fatalf("waiting for %s: %v", cond, err)
	}
}

// ready waits until the page's script has set up every feature.
func ready(t *testing.T, ctx context.Context) {
	t.Helper()
	waitFor(t, ctx, `document.documentElement.hasAttribute("data-ready")`)
}

// expected counts, in Go, the sessions the filter must find: every word of
// q in the session's search texts, on day when given, free when asked.
func expected(ix searchindex.Index, q, day string, free bool) int {
	n := 0
	for _, s := range ix.Sessions {
		e := ix.Events[s.Event]
		v := ix.Venues[e.Venue]
		hay := []string{e.Search, v.Search, ix.Communes[v.Commune].Search}
		for _, c := range e.Categories {
			hay = append(hay, ix.Categories[c].Search)
		}
		for _, a := range e.Audiences {
			hay = append(hay, ix.Audiences[a].Search)
		}
		if q != "" && !strings.Contains(strings.Join(hay, " "), searchindex.Fold(q)) {
			continue
		}
		if day != "" && s.Day != day && (s.LastDay == "" || day < s.Day || day > s.LastDay) {
			continue
		}
		if free && !bool(e.Free) {
			continue
		}
		n++
	}
	return n
}

func countText(n int) string {
	if n <= 1 {
		return fmt.Sprintf("%d séance trouvée", n)
	}
	return fmt.Sprintf("%d séances trouvées", n)
}

const status = `document.querySelector("#filtre .finder-count").textContent`

func TestFilterFindsWithoutAccentsAndKeepsItsStateInTheAddress(t *testing.T) {
	p, dir := build(t)
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir)
	ix := searchindex.Build(p, "fr", route.Router{Default: "fr"})

	// The day with the most « fête » sessions, among those where asking for
	// free ones narrows the list, so that each step is seen to narrow it.
	all := expected(ix, "fete", "", false)
	day, onDay, free := "", 0, 0
	for _, d := range ix.Days {
		n, f := expected(ix, "fete", d.Date, false), expected(ix, "fete", d.Date, true)
		if n < all && f > 0 && n > onDay {
			day, onDay, free = d.Date, n, f
		}
	}
	if day == "" || all < 2 {
		t.Fatalf("the shipped content has no day to narrow « fête » sessions on (%d in all)", all)
	}

	t.Logf("« fete »: %d sessions, %d on %s, %d of them free", all, onDay, day, free)

	do(t, ctx, chromedp.Navigate(base+"/programme/"))
	ready(t, ctx)
	do(t, ctx, chromedp.WaitVisible("#filtre-q"), chromedp.SendKeys("#filtre-q", "fete"))
	waitFor(t, ctx, status+` === `+fmt.Sprintf("%q", countText(all)))
	titles := eval[[]string](t, ctx, `[...document.querySelectorAll("#filtre .finder-results .item-title a")].map(a => a.textContent)`)
	if !slices.ContainsFunc(titles, func(s string) bool { return strings.Contains(s, "Fête") }) {
		t.Errorf("no result titled with « Fête » among %q", titles)
	}
	if live := eval[string](t, ctx, `document.querySelector("#filtre .finder-count").getAttribute("aria-live")`); live != "polite" {
		t.Errorf("count's aria-live = %q", live)
	}

	// A day, then free only: each a discrete change, each a history entry.
	do(t, ctx, chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`{const s = document.querySelector("#filtre-jour"); s.value = %q; s.dispatchEvent(new Event("change", {bubbles: true}));}`, day)))
	waitFor(t, ctx, status+` === `+fmt.Sprintf("%q", countText(onDay)))
	do(t, ctx, chromedp.Click("#filtre-gratuit"))
	waitFor(t, ctx, status+` === `+fmt.Sprintf("%q", countText(free)))
	want := "?q=fete&day=" + day + "&free=1"
	if got := eval[string](t, ctx, `location.search`); got != want {
		t.Errorf("address carries %q, want %q", got, want)
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("#filtre .finder-results > li").length`); n != min(free, 50) {
		t.Errorf("%d results listed, want %d", n, free)
	}

	// The address alone restores the view.
	do(t, ctx, chromedp.Reload())
	ready(t, ctx)
	waitFor(t, ctx, status+` === `+fmt.Sprintf("%q", countText(free)))
	if got := eval[string](t, ctx, `[document.querySelector("#filtre-q").value, document.querySelector("#filtre-jour").value, document.querySelector("#filtre-gratuit").checked].join()`); got != "fete,"+day+",true" {
		t.Errorf("form after reload = %s", got)
	}

	// Back returns to the day without « free only ».
	do(t, ctx, chromedp.NavigateBack())
	waitFor(t, ctx, status+` === `+fmt.Sprintf("%q", countText(onDay)))
	if got := eval[string](t, ctx, `location.search + " " + document.querySelector("#filtre-gratuit").checked`); got != "?q=fete&day="+day+" false" {
		t.Errorf("after back: %s", got)
	}
}

func TestLanguageSwitchLeadsToTheSamePageInEnglish(t *testing.T) {
	p, dir := build(t)
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir)
	day := p.Days[0].Key()
	// Query actions, unlike polls, outlive the navigation a click starts.
	do(t, ctx, chromedp.Navigate(base+"/programme/"+day+"/"), chromedp.Click(`a[hreflang="en"]`), chromedp.WaitReady(`html[lang="en"]`))
	if path := eval[string](t, ctx, `location.pathname`); path != "/en/programme/"+day+"/" {
		t.Errorf("the English link of %s leads to %s", day, path)
	}
	do(t, ctx, chromedp.Click(`a[hreflang="fr"]`), chromedp.WaitReady(`html[lang="fr"]`))
	if path := eval[string](t, ctx, `location.pathname`); path != "/programme/"+day+"/" {
		t.Errorf("the French link of the English %s leads to %s", day, path)
	}
}

func TestStarredSessionsAreListedAndDownloadedAsOneCalendar(t *testing.T) {
	p, dir := build(t)
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir)
	var day *programme.Day
	for _, d := range p.Days {
		if len(d.Sessions) >= 2 {
			day = d
			break
		}
	}
	do(t, ctx, chromedp.Navigate(base+"/programme/"+day.Key()+"/"))
	ready(t, ctx)
	stars := `[...document.querySelectorAll("main li[data-session] button.star")]`
	ids := eval[[]string](t, ctx, stars+`.slice(0, 2).map(b => (b.click(), b.dataset.session))`)
	if len(ids) != 2 {
		t.Fatalf("starred %q", ids)
	}
	do(t, ctx, chromedp.Reload())
	ready(t, ctx)
	// A toggle says its state by its label or by aria-pressed, never both:
	// a screen reader would read "Retirer de mon programme, pressed".
	if n := eval[int](t, ctx, stars+`.filter(b => b.hasAttribute("aria-pressed")).length`); n != 0 {
		t.Errorf("%d stars have aria-pressed besides a label that changes with their state", n)
	}
	pressed := eval[[]string](t, ctx, stars+`.filter(b => b.classList.contains("is-selected")).map(b => b.dataset.session + " " + b.querySelector(".star-label").textContent)`)
	if len(pressed) != 2 || pressed[0] != ids[0]+" Retirer de mon programme" || pressed[1] != ids[1]+" Retirer de mon programme" {
		t.Errorf("after reload, pressed stars = %q, want %q", pressed, ids)
	}

	do(t, ctx, chromedp.Navigate(base+"/mon-programme/"))
	ready(t, ctx)
	waitFor(t, ctx, `document.querySelectorAll(".selection-list > li").length === 2`)
	listed := eval[[]string](t, ctx, `[...document.querySelectorAll(".selection-list > li")].map(li => li.dataset.session)`)
	if strings.Join(listed, " ") != strings.Join(ids, " ") {
		t.Errorf("listed %q, starred %q", listed, ids)
	}
	if got := eval[string](t, ctx, `document.querySelector(".selection-count").textContent`); got != "2 séances dans votre programme" {
		t.Errorf("count = %q", got)
	}
	data := eval[string](t, ctx, `fetch(document.querySelector(".selection-download a").href).then(r => r.text())`)
	for i, line := range strings.Split(strings.TrimSuffix(data, "\r\n"), "\r\n") {
		if len(line) > 75 {
			t.Errorf("line %d is %d octets: %q", i+1, len(line), line)
		}
	}
	if strings.Contains(strings.ReplaceAll(data, "\r\n", ""), "\n") {
		t.Error("calendar has lines not ended by CRLF")
	}
	cal, err := ics.ParseCalendar(bytes.NewReader([]byte(data)))
	if err != nil {
		t.Fatalf("independent parser refused the calendar: %v\n%s", err, data)
	}
	var uids []string
	for _, e := range cal.Events() {
		uids = append(uids, e.Id())
		if e.GetProperty(ics.ComponentPropertySummary) == nil || e.GetProperty(ics.ComponentPropertyDtStart) == nil {
			t.Errorf("event %s lacks a summary or a start", e.Id())
		}
	}
	want := []string{ids[0] + "@quinzaine.example.org", ids[1] + "@quinzaine.example.org"}
	if strings.Join(uids, " ") != strings.Join(want, " ") {
		t.Errorf("calendar UIDs %q, want %q", uids, want)
	}

	// Unstarring from the list keeps the row (focus stays) but not the file.
	do(t, ctx, chromedp.Click(".selection-list > li:first-child button.star"))
	waitFor(t, ctx, `document.querySelector(".selection-count").textContent === "1 séance dans votre programme"`)
}

func TestWithoutJavaScriptEveryPageIsReachableAndNoStarShows(t *testing.T) {
	p, dir := build(t)
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir)
	if _, err := chromedp.Call(ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}

	r := route.Router{Default: "fr"}
	want := map[string]bool{}
	for _, d := range p.Days {
		want[r.Day("fr", d.Key())] = true
	}
	for _, v := range p.Venues {
		want[r.Venue("fr", v.Slug)] = true
	}
	for _, e := range p.Events {
		want[r.Event("fr", e.Year, e.Slug)] = true
	}

	// Crawl the French pages by their links, as a reader would.
	seen := map[string]bool{"/": true}
	queue := []string{"/"}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		do(t, ctx, chromedp.Navigate(base+page))
		if js := eval[bool](t, ctx, `document.documentElement.hasAttribute("data-ready")`); js {
			t.Fatalf("%s: the script ran although JavaScript is off", page)
		}
		if n := eval[int](t, ctx, `[...document.querySelectorAll("button")].filter(b => b.getClientRects().length > 0).length`); n > 0 {
			t.Errorf("%s: %d buttons visible without JavaScript", page, n)
		}
		links := eval[[]string](t, ctx, `[...document.querySelectorAll("a[href]")].map(a => a.getAttribute("href"))`)
		for _, href := range links {
			if !strings.HasPrefix(href, "/") || strings.HasPrefix(href, "/en/") || strings.HasPrefix(href, "//") {
				continue
			}
			href, _, _ = strings.Cut(href, "#")
			if !strings.HasSuffix(href, "/") || seen[href] {
				continue
			}
			seen[href] = true
			queue = append(queue, href)
		}
	}
	for address := range want {
		if !seen[address] {
			t.Errorf("%s is not reachable by links from the home page", address)
		}
	}

	do(t, ctx, chromedp.Navigate(base+"/mon-programme/"))
	note := eval[string](t, ctx, `document.querySelector("main .notice a").getAttribute("href") + " " + document.querySelector("main .notice").textContent`)
	if !strings.HasPrefix(note, "/programme/ ") || !strings.Contains(note, "JavaScript") {
		t.Errorf("selection page without JavaScript says %q", note)
	}
	if hidden := eval[bool](t, ctx, `document.querySelector("#filtre") === null && document.querySelector("#mon-programme").hidden`); !hidden {
		t.Error("selection list shows without JavaScript")
	}
}

// The home page's "today" picks the visitor's days with the build's rule
// (view.onNow), in the festival's zone, from the index's days.
func TestTodayPicksTheVisitorsDaysInTheFestivalsZone(t *testing.T) {
	_, dir := build(t)
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir)
	do(t, ctx, chromedp.Navigate(base+"/"))
	ready(t, ctx)
	got := eval[string](t, ctx, `Promise.all([import("/assets/today.js"), fetch("/programme/index.json").then(r => r.json())]).then(([m, ix]) => JSON.stringify([
		m.festivalDay(new Date("2026-06-28T01:30:00+02:00")),
		m.festivalDay(new Date("2026-06-28T04:00:00+02:00")),
		m.pick(ix.days, "2026-06-24"),
		m.pick(ix.days, "2026-06-27"),
		m.pick(ix.days, "2026-06-01"),
		m.pick(ix.days, "2026-07-06"),
	]))`)
	want := `["2026-06-27","2026-06-28",` +
		`{"days":["2026-06-24","2026-06-27","2026-06-28"],"today":"2026-06-24"},` +
		`{"days":["2026-06-27","2026-06-28"],"today":"2026-06-27"},` +
		`{"days":["2026-06-20","2026-06-21"],"today":""},null]`
	if got != want {
		t.Errorf("today's picks:\n got %s\nwant %s", got, want)
	}
}

// Most pages hold no feature of the scripts: they load site.js alone, for
// the stars, and not the features' shared code; a page with a feature
// loads that code too.
func TestAPageWithoutAFeatureLoadsTheScriptAlone(t *testing.T) {
	_, dir := build(t)
	events, err := filepath.Glob(filepath.Join(dir, "evenements", "*", "*", "index.html"))
	if err != nil || len(events) == 0 {
		t.Fatalf("no event page in %s: %v", dir, err)
	}
	event, err := filepath.Rel(dir, filepath.Dir(events[0]))
	if err != nil {
		t.Fatal(err)
	}
	ctx := browsertest.New(t)
	base := browsertest.Serve(t, dir)
	scripts := `performance.getEntriesByType("resource").map(r => new URL(r.name).pathname).filter(p => p.endsWith(".js")).sort()`
	for _, tt := range []struct {
		page  string
		want  []string
		stars bool // the page lists sessions, each with its star
	}{
		{"/" + filepath.ToSlash(event) + "/", []string{"/assets/site.js"}, true},
		{"/programme/", []string{"/assets/data.js", "/assets/programme.js", "/assets/site.js"}, false},
	} {
		do(t, ctx, chromedp.Navigate(base+tt.page))
		ready(t, ctx)
		if n := eval[int](t, ctx, `[...document.querySelectorAll("button.star")].filter(b => !b.hidden).length`); tt.stars && n == 0 {
			t.Errorf("%s: no star shows", tt.page)
		}
		if got := eval[[]string](t, ctx, scripts); !slices.Equal(got, tt.want) {
			t.Errorf("%s loads %q; want %q", tt.page, got, tt.want)
		}
	}
}
