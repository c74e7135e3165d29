// Package site plans and renders the published site: the list of every file
// a build writes, each with the function that renders it, and the parallel
// writing of that list into a folder.
//
// The plan is a pure function of the programme and the theme: the same
// content and theme give the same outputs, in the same order, with the same
// bytes. In the site's default language (at the root) it holds:
//
//	index.html                           home: the edition, its days, its grands sites
//	programme/index.html                 every day, then every event
//	programme/<YYYY-MM-DD>/index.html    one page per festival day with sessions or in the edition
//	evenements/<year>/<slug>/index.html  one page per event
//	lieux/index.html                     venues by commune
//	lieux/<slug>/index.html              one page per venue
//	<slug>/index.html                    one page per content page (a-propos, accessibilite, ...)
//	404.html                             for addresses that do not exist
//	...                                  the theme's static/ files, as they are
//
// Addresses come from package route; links inside pages carry the path of
// the site's base URL, so a site published under https://x.org/quinzaine/
// links to /quinzaine/lieux/x/.
package site

import (
	"errors"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/imaging"
	"quinzaine/generator/internal/locale"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/route"
	"quinzaine/generator/internal/searchindex"
	"quinzaine/generator/internal/theme"
	"quinzaine/generator/internal/view"
)

// Output is one file of the site.
type Output struct {
	// Path is relative to the output folder, slash-separated:
	// "lieux/x/index.html".
	Path string
	// Render writes the file's content. It may run concurrently with the
	// Render of other outputs.
	Render func(w io.Writer) error
	// Deps are the content files the output shows, relative to the content
	// folder (see deps.go); the preview re-renders the output when one of
	// them changes. A Planner sets them; Plan, for a build, which renders
	// every output, leaves them nil.
	Deps []string
}

// Options adjust a build.
type Options struct {
	// BaseURL overrides site.yaml `base_url` when set (a preview, a staging
	// copy).
	BaseURL string
	// Now is the build's time: sessions ended before it are marked past and
	// the home page shows what is on around it. The CLI passes the clock's
	// time, or SOURCE_DATE_EPOCH when set. Pages read it as the start of its
	// festival day (programme.DayStart), so the output is a function of the
	// day only. The zero time marks nothing past and shows the edition's
	// opening days.
	Now time.Time
	// Warn, when set, receives the warnings found while pages render, such
	// as an unsafe link in an editor's Markdown; pages render in parallel,
	// so it must be safe for concurrent use.
	Warn func(diag.Diagnostic)
	// ContentDir is the content folder, where the pictures are; CacheDir
	// keeps their resized variants between builds. Pages show pictures only
	// when both are set.
	ContentDir, CacheDir string
	// Changes gives the changes since the last publication, for the
	// « Modifications du programme » page, the changes feed,
	// modifications.json and the dates of the calendars and feeds. Only
	// the outputs that show them call it, once rendering, so that a build
	// may compare while the rest renders. Nil, or a nil report, tells of
	// none.
	Changes func() *changes.Report
}

// Plan lists every output of the site, sorted by path, without their Deps:
// working them out took 3.5 ms at 1,000 events and 60 ms at 10,000, on one
// core, for nothing a build reads.
func Plan(p *programme.Programme, th *theme.Theme, opts Options) ([]Output, error) {
	out, err := plan(p, th, opts)
	if err != nil {
		return nil, err
	}
	if err := sortOutputs(out); err != nil {
		return nil, err
	}
	return out, nil
}

// plan lists every output of the site, without their Deps, in an order
// that depends on the programme's.
func plan(p *programme.Programme, th *theme.Theme, opts Options) ([]Output, error) {
	if len(p.Site.Languages) == 0 {
		return nil, errors.New("plan site: no language")
	}
	base := p.Site.BaseURL
	if opts.BaseURL != "" {
		base = opts.BaseURL
	}
	strs := locale.NewStrings(p.Site.Languages[0], th.Strings, p.Site.Translations)
	pictures, images, err := planImages(p, opts)
	if err != nil {
		return nil, fmt.Errorf("plan site: %w", err)
	}
	out := images
	for _, lang := range p.Site.Languages {
		s, err := view.NewSite(p, strs, lang, base)
		if err != nil {
			return nil, fmt.Errorf("plan site: %w", err)
		}
		if !opts.Now.IsZero() {
			s.Now = programme.DayStart(opts.Now.In(p.Location))
		}
		s.Pictures = pictures
		s.Warn = opts.Warn
		out = append(out, planPages(s, th)...)
		out = append(out, planSearch(s, base))
	}
	out = append(out, planStatic(th)...)
	out = append(out, planChanges(p, th, strs, base, opts.Changes)...)
	out = append(out, planData(p, th, base, pictures, out)...)
	return out, nil
}

// sortOutputs sorts out by path, which must be unique.
func sortOutputs(out []Output) error {
	slices.SortFunc(out, func(a, b Output) int { return strings.Compare(a.Path, b.Path) })
	for i := 1; i < len(out); i++ {
		if out[i].Path == out[i-1].Path {
			return fmt.Errorf("plan site: two outputs write %s", out[i].Path)
		}
	}
	return nil
}

// Planner plans the site again and again as the preview does after every
// save, and gives what Plan gives, with the outputs' Deps.
//
// At 10,000 events most of the cost of a plan with Deps is sorting 30,000
// outputs and working out their Deps, above all each event page's related
// events. A save of event files alone leaves the outputs the same, as long
// as no event, day or picture appears or goes: then the Planner puts the new
// outputs in the previous plan's order and works out again only the Deps
// the saved events can change (see affected); the other outputs keep the
// previous plan's, the same slices.
type Planner struct {
	opts Options
	p    *programme.Programme
	th   *theme.Theme
	outs []Output       // the previous plan, sorted
	pos  map[string]int // index in outs by path
	// planned are the previous plan's paths as plan lists them, before
	// sorting, with their index in outs: the next plan lists them in the
	// same order but for the events that moved in the programme.
	planned []placedPath
	// eventPages are the Deps of each event's page by the event's file.
	eventPages map[string][]string
}

// NewPlanner returns a Planner of sites with opts.
func NewPlanner(opts Options) *Planner { return &Planner{opts: opts} }

// Plan is Plan(p, th, opts) with the outputs' Deps, p being the programme
// after the content files changed (relative to the content folder,
// slash-separated) changed since the previous call that succeeded; nil
// means not known.
func (pl *Planner) Plan(p *programme.Programme, th *theme.Theme, changed []string) (out []Output, err error) {
	completed := false
	defer func() {
		if !completed {
			// What it keeps may be half updated: the next plan is whole.
			*pl = Planner{opts: pl.opts}
		}
	}()
	sv, ok := pl.affected(p, th, changed)
	if ok {
		// The functions are planned while the Deps are worked out, on
		// another core. A panic is the caller's, as it would be without.
		var failed any
		planned := make(chan struct{})
		go func() {
			defer func() {
				failed = recover()
				close(planned)
			}()
			out, err = plan(p, th, pl.opts)
		}()
		deps := depsOf(p, nil, sv, pl.eventPages)
		<-planned
		if failed != nil {
			panic(failed)
		}
		if err != nil {
			return nil, err
		}
		var placed []Output
		if placed, ok = pl.place(out); ok {
			keepDeps(placed, pl.outs, pl.pos, deps)
			out = placed
		}
	} else if out, err = plan(p, th, pl.opts); err != nil {
		return nil, err
	}
	if !ok {
		pl.planned = make([]placedPath, len(out))
		for k, o := range out {
			pl.planned[k].path = o.Path
		}
		if err := sortOutputs(out); err != nil {
			return nil, err
		}
		pl.eventPages = make(map[string][]string, len(p.Events))
		setDeps(p, th, out, pl.eventPages)
		pl.pos = make(map[string]int, len(out))
		for i, o := range out {
			pl.pos[o.Path] = i
		}
		for k := range pl.planned {
			pl.planned[k].at = pl.pos[pl.planned[k].path]
		}
	}
	pl.p, pl.th, pl.outs = p, th, out
	completed = true
	return out, nil
}

type placedPath struct {
	path string
	at   int
}

// place puts out, as plan lists it, in the order of the previous plan,
// when it has the same paths.
func (pl *Planner) place(out []Output) ([]Output, bool) {
	if len(out) != len(pl.outs) {
		return nil, false
	}
	placed := make([]Output, len(out))
	seen := make([]bool, len(out))
	planned := make([]placedPath, len(out))
	for k, o := range out {
		i := pl.planned[k].at
		if o.Path != pl.planned[k].path {
			var ok bool
			if i, ok = pl.pos[o.Path]; !ok {
				return nil, false
			}
		}
		if seen[i] {
			return nil, false
		}
		placed[i], seen[i] = o, true
		planned[k] = placedPath{o.Path, i}
	}
	pl.planned = planned
	return placed, true
}

// planPages lists the HTML pages of one language.
func planPages(s *view.Site, th *theme.Theme) []Output {
	var out []Output
	page := func(address, kind string, build func() (any, error)) {
		out = append(out, Output{Path: route.File(address), Render: func(w io.Writer) error {
			v, err := build()
			if err != nil {
				return err
			}
			return th.Execute(w, kind, v)
		}})
	}
	p, r, lang := s.P, s.Router, s.Lang
	page(r.Home(lang), "home", func() (any, error) { return s.Home() })
	for n := range s.ProgrammePages() {
		page(r.ProgrammePage(lang, n+1), "programme", func() (any, error) { return s.Programme(n + 1) })
	}
	for i, d := range p.Days {
		page(r.Day(lang, d.Key()), "day", func() (any, error) { return s.Day(i) })
	}
	for _, e := range p.Events {
		page(r.Event(lang, e.Year, e.Slug), "event", func() (any, error) { return s.Event(e) })
	}
	page(r.Section(lang, "venues"), "venues", func() (any, error) { return s.Venues() })
	page(r.Section(lang, "grandsites"), "grandsites", func() (any, error) { return s.GrandSites() })
	for _, v := range p.Venues {
		page(r.Venue(lang, v.Slug), "venue", func() (any, error) { return s.Venue(v) })
	}
	page(r.Section(lang, "communes"), "communes", func() (any, error) { return s.Communes() })
	for _, c := range p.Communes {
		page(r.Commune(lang, c.Slug), "commune", func() (any, error) { return s.Commune(c) })
	}
	for _, section := range []string{"themes", "audiences"} {
		page(r.Section(lang, section), "terms", func() (any, error) { return s.Terms(section) })
	}
	for _, t := range p.Categories {
		page(r.Theme(lang, t.Key), "term", func() (any, error) { return s.Term(t, "themes") })
	}
	for _, t := range p.Audiences {
		page(r.Audience(lang, t.Key), "term", func() (any, error) { return s.Term(t, "audiences") })
	}
	for _, pg := range p.Pages {
		page(r.Page(lang, pg.Slug), "page", func() (any, error) { return s.Page(pg) })
	}
	if s.HasArchive() {
		page(r.Section(lang, "archive"), "archive", func() (any, error) { return s.Archive() })
	}
	page(r.Section(lang, "sitemap"), "sitemap", func() (any, error) { return s.SiteMap() })
	if th.Has("mon-programme") {
		page(r.Section(lang, "selection"), "mon-programme", func() (any, error) { return s.Selection() })
	}
	page(r.Home(lang)+"404.html", "404", func() (any, error) { return s.NotFound() })
	return out
}

// planSearch is the language's search index, which the programme's filter,
// « Mon programme » and the home page's "today" read in the browser.
func planSearch(s *view.Site, base string) Output {
	return Output{Path: route.File(searchindex.Address(s.Router, s.Lang)), Render: func(w io.Writer) error {
		ix := searchindex.Build(s.P, s.Lang, s.Router)
		// The UIDs of « Mon programme » are the calendars': the site's host
		// as built, -base-url included.
		ix.Host = route.Host(base)
		return ix.Encode(w)
	}}
}

// planImages opens every picture the content uses and lists its resized
// variants; the returned function gives a picture to the views. Without a
// content or cache folder the site has no pictures.
func planImages(p *programme.Programme, opts Options) (func(string) (imaging.Picture, error), []Output, error) {
	if opts.ContentDir == "" || opts.CacheDir == "" {
		return nil, nil, nil
	}
	proc := &imaging.Processor{CacheDir: opts.CacheDir}
	fsys := os.DirFS(opts.ContentDir)
	var paths []string
	for _, e := range p.Events {
		if e.Image != nil {
			paths = append(paths, e.Image.Path)
		}
	}
	for _, v := range p.Venues {
		if v.Image != nil {
			paths = append(paths, v.Image.Path)
		}
	}
	slices.Sort(paths)
	paths = slices.Compact(paths)
	pics := map[string]imaging.Picture{}
	var out []Output
	var errs []error
	for _, name := range paths {
		pic, err := proc.Open(fsys, name)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		pics[name] = pic
		for _, v := range pic.Variants {
			out = append(out, Output{Path: v.Path, Render: v.Render})
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, nil, err
	}
	get := func(name string) (imaging.Picture, error) {
		pic, ok := pics[name]
		if !ok {
			return imaging.Picture{}, fmt.Errorf("image %s was not planned", name)
		}
		return pic, nil
	}
	return get, out, nil
}

// planStatic lists the theme's static files, copied as they are.
func planStatic(th *theme.Theme) []Output {
	var out []Output
	for _, name := range th.StaticFiles() {
		out = append(out, Output{Path: name, Render: func(w io.Writer) error { return th.WriteStatic(w, name) }})
	}
	return out
}
