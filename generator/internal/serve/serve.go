// Package serve is the live preview: it renders the site in memory, serves
// it over HTTP, watches the content and theme folders, re-renders after a
// save only the outputs the saved files appear in, and reloads the open
// pages.
//
// The preview serves from memory and writes nothing to disk: `build` alone
// writes the output folder, so the preview never leaves a half-written site
// behind, and a site made only of what is in memory cannot serve a file
// outside it. Its outputs are exactly those of `build` with the same
// options, except that HTML pages get the live-reload script and, while the
// content has errors, an overlay listing them.
//
// A rebuild reads again only the files that changed (content.Cache): told
// by the watcher which files changed, when it lost no event, it reads
// those alone, without listing the folders or looking at the other files
// (Update, content.Cache.Reload); a file added or removed, a folder or a
// picture makes it look at everything, as Rebuild does. It then builds
// the programme again, reusing the events whose files did not change
// (programme.Builder), and plans the site again (site.Planner, which
// after a save of event files alone works out again only what those
// events can change). Then it renders again only the outputs
// whose dependencies (site.Output.Deps) changed, whose list of
// dependencies changed, or that are new; outputs no longer planned are
// dropped. A change in the theme re-renders everything. An output is
// rendered when first asked for; after a save, the stale ones are also
// rendered at once in the background, pages first, until the next save
// starts a rebuild, which takes over those not yet rendered. When the content has
// errors, the last good site stays served and the errors are shown in the
// terminal and over every page until a save fixes them; a page that fails
// to render shows its error the same way.
package serve

import (
	"bytes"
	"fmt"
	"io"
	"net/url"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/site"
	"quinzaine/generator/internal/theme"
)

// Options say what to preview.
type Options struct {
	Content string // the content folder
	Theme   string // the theme folder
	Drafts  bool   // include events marked draft: true
	// Site are the options of the plan, as `build` gives them.
	Site site.Options
	// Log receives the content's problems and one line per rebuild.
	Log io.Writer
	// Quiet is how long the folders must stay still after a change before
	// the rebuild starts, so that a burst of events from one save (an
	// editor writing a temporary file, then renaming it) makes one
	// rebuild; 0 means 10 ms. Editors write and rename within a
	// millisecond, and a rebuild that a longer burst splits in two costs
	// little, while every millisecond here is one more before the reload.
	Quiet time.Duration
}

// Server is a preview of one site. Its handler may be used concurrently with
// rebuilds.
type Server struct {
	opts  Options
	cache *content.Cache
	model *programme.Builder
	plan  *site.Planner
	theme *theme.Theme
	// unplanned are the content files changed since the last rebuild
	// that replaced the site: a save that the content's errors kept from
	// the site is still to be shown after the one that fixes them.
	unplanned []string

	// mu serialises rebuilds; readers use state alone.
	mu    sync.Mutex
	state atomic.Pointer[state]
	hub   hub
	// gen counts rebuilds; a warmer stops when it is no longer its own.
	gen     atomic.Int64
	warmers sync.WaitGroup
}

// state is what the server shows: the last good site and the problems of
// the last rebuild.
type state struct {
	// files are in the plan's order; index gives their place by path in
	// the output folder. After a save the plan's paths are most often the
	// same, in the same order, and index is the previous state's.
	files   []*file
	index   map[string]int
	version int    // of the site; the pages reload when it changes
	base    string // the path the site is published under, "/" or "/quinzaine/"
	// problems is the last rebuild's errors, one line each, sorted;
	// summary counts them. Both are empty when it succeeded.
	problems []string
	summary  string
}

// file returns the file at path, or nil.
func (st *state) file(path string) *file {
	if i, ok := st.index[path]; ok {
		return st.files[i]
	}
	return nil
}

// file is one output, rendered when first asked for: by a request, or by
// the warmer that renders in the background what a rebuild made stale.
//
// A file that a save did not make stale is the same in the next state,
// rendered or not: until it is rendered, each rebuild gives it the new
// plan's function, which renders the same bytes and lets the previous
// programme go.
type file struct {
	path string
	// deps and stale are read and written by rebuilds alone. stale marks
	// a file that a save made stale, to render in the background; one
	// still waiting at the next rebuild is warmed then.
	deps   []string
	stale  bool
	render atomic.Value // func(io.Writer) error; rendered once it is
	once   sync.Once
	done   atomic.Bool
	body   []byte
	err    error
}

func newFile(o site.Output, stale bool) *file {
	f := &file{path: o.Path, deps: o.Deps, stale: stale}
	f.render.Store(o.Render)
	return f
}

// rendered takes the place of a file's function once it has run.
func rendered(io.Writer) error { return nil }

// replan gives a file not yet rendered the new plan's function.
func (f *file) replan(render func(io.Writer) error) {
	if f.done.Load() {
		return
	}
	f.render.Store(render)
	// get may have finished in between: it must not keep the programme.
	if f.done.Load() {
		f.render.Store(rendered)
	}
}

// get renders the file the first time, and gives its content.
func (f *file) get() ([]byte, error) {
	f.once.Do(func() {
		defer func() {
			if v := recover(); v != nil {
				f.err = fmt.Errorf("render %s: the generator failed: %v\n%s", f.path, v, debug.Stack())
			}
			f.render.Store(rendered)
			f.done.Store(true)
		}()
		var buf bytes.Buffer
		if err := f.render.Load().(func(io.Writer) error)(&buf); err != nil {
			f.err = fmt.Errorf("render %s: %w", f.path, err)
			return
		}
		f.body = buf.Bytes()
	})
	return f.body, f.err
}

// Result tells what a rebuild did.
type Result struct {
	// Rendered lists the outputs to render again (at once in the
	// background, or when first asked for), Removed those dropped, both
	// sorted by path; Planned counts the site's outputs.
	Rendered, Removed []string
	Planned           int
	// Problems are the content's errors and warnings; when it has errors,
	// or Err is set, the previous site is kept.
	Problems diag.List
	Err      error
	// Read lists the content files read again.
	Read     []string
	Duration time.Duration
}

// OK reports whether the rebuild replaced the site.
func (r Result) OK() bool { return r.Err == nil && !r.Problems.HasErrors(false) }

// New builds the site a first time. Content errors do not fail it: the
// preview starts, shows them and waits for a fix. It fails when the
// folders cannot be read at all.
func New(opts Options) (*Server, Result, error) {
	if opts.Log == nil {
		opts.Log = io.Discard
	}
	if opts.Quiet <= 0 {
		opts.Quiet = 10 * time.Millisecond
	}
	for _, dir := range []string{opts.Content, opts.Theme} {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			return nil, Result{}, fmt.Errorf("no folder %s", dir)
		}
	}
	s := &Server{opts: opts, cache: content.NewCache(opts.Content, content.Options{}),
		model: programme.NewBuilder(programme.Options{Drafts: opts.Drafts}), plan: site.NewPlanner(opts.Site)}
	s.state.Store(&state{base: "/"})
	r := s.Rebuild(nil, true)
	return s, r, nil
}

// Rebuild brings the site up to date after a change of the content files
// changed (relative to the content folder, slash-separated; nil when
// unknown) and, when themeChanged, of the theme. It never panics: a
// failure of the generator itself is reported like a content error.
func (s *Server) Rebuild(changed []string, themeChanged bool) (r Result) {
	return s.update(changed, false, themeChanged)
}

// Update is Rebuild for a caller told of every change: changed names every
// content file and folder written, made, removed or renamed since the
// previous rebuild, as a watcher that lost no event reports them. The
// files it does not name are not looked at (content.Cache.Reload).
func (s *Server) Update(changed []string, themeChanged bool) Result {
	return s.update(changed, true, themeChanged)
}

func (s *Server) update(changed []string, complete, themeChanged bool) (r Result) {
	// The background renders of the previous save stop now rather than
	// when this rebuild ends: they would take a core from it.
	s.gen.Add(1)
	s.mu.Lock()
	defer s.mu.Unlock()
	start, before := time.Now(), s.state.Load()
	defer func() {
		if v := recover(); v != nil {
			r.Err = fmt.Errorf("the generator failed: %v\n%s", v, debug.Stack())
		}
		r.Duration = time.Since(start)
		s.report(before, &r)
	}()
	return s.rebuild(changed, complete, themeChanged)
}

func (s *Server) rebuild(changed []string, complete, themeChanged bool) Result {
	var r Result
	load := s.cache.Load
	if complete {
		load = s.cache.Reload
	}
	tree, diags := load(changed)
	r.Read = s.cache.Read
	s.unplanned = slices.Concat(s.unplanned, changed, r.Read, s.cache.Removed)
	slices.Sort(s.unplanned)
	s.unplanned = slices.Compact(s.unplanned)
	p, more := s.model.Build(tree)
	diags.Merge(more)
	r.Problems = diags
	if diags.HasErrors(false) {
		return r
	}
	if themeChanged || s.theme == nil {
		th, err := theme.Load(os.DirFS(s.opts.Theme))
		if err != nil {
			r.Err = fmt.Errorf("theme %s: %w", s.opts.Theme, err)
			return r
		}
		s.theme = th
	}
	outputs, err := s.plan.Plan(p, s.theme, s.unplanned)
	if err != nil {
		r.Err = err
		return r
	}
	r.Planned = len(outputs)

	old := s.state.Load()
	touched := s.unplanned
	// The same paths in the same order: the files are found by place.
	index, same := old.index, samePaths(outputs, old.files)
	if !same {
		index = make(map[string]int, len(outputs))
		for i, o := range outputs {
			index[o.Path] = i
		}
	}
	files := make([]*file, len(outputs))
	var pending []*file
	for i, o := range outputs {
		var f *file
		if same {
			f = old.files[i]
		} else {
			f = old.file(o.Path)
		}
		switch {
		case f == nil || themeChanged || stale(f.deps, o.Deps, touched):
			f = newFile(o, len(old.files) > 0)
			pending = append(pending, f)
			r.Rendered = append(r.Rendered, o.Path)
		default:
			// Equal, and from now on the same slice as the plan's.
			f.deps = o.Deps
			f.replan(o.Render)
			if f.stale && !f.done.Load() {
				pending = append(pending, f)
			}
		}
		files[i] = f
	}
	if !same {
		for _, f := range old.files {
			if _, ok := index[f.path]; !ok {
				r.Removed = append(r.Removed, f.path)
			}
		}
	}
	sort.Strings(r.Rendered)
	sort.Strings(r.Removed)
	base := s.opts.Site.BaseURL
	if base == "" {
		base = p.Site.BaseURL
	}
	u, err := url.Parse(base)
	if err != nil {
		r.Err = fmt.Errorf("base URL %q: %w", base, err)
		return r
	}
	prefix := "/" + strings.Trim(u.Path, "/") + "/"
	if prefix == "//" {
		prefix = "/"
	}
	version := old.version
	if len(r.Rendered) > 0 || len(r.Removed) > 0 {
		version++
	}
	s.state.Store(&state{files: files, index: index, version: version, base: prefix})
	s.unplanned = nil
	if len(old.files) > 0 {
		// After a save, what it touched is rendered at once, so that every
		// open page finds it ready; the first build renders each file
		// only when asked for, so that a large site previews at once.
		s.warm(pending)
	}
	return r
}

// samePaths reports whether outputs are files' paths in the same order.
func samePaths(outputs []site.Output, files []*file) bool {
	if len(outputs) != len(files) {
		return false
	}
	for i, o := range outputs {
		if o.Path != files[i].path {
			return false
		}
	}
	return true
}

// warmMax is the most files warmed after one rebuild: a change of the
// theme makes every file stale, and a large site's would keep the computer
// busy for minutes; past this, files are rendered when asked for.
const warmMax = 1000

// warm renders files in the background, pages first, on all cores but one
// (left for the requests of the pages that reload), until the next rebuild.
func (s *Server) warm(files []*file) {
	gen := s.gen.Add(1)
	slices.SortStableFunc(files, func(a, b *file) int {
		return cmpBool(strings.HasSuffix(b.path, ".html"), strings.HasSuffix(a.path, ".html"))
	})
	files = files[:min(len(files), warmMax)]
	var next atomic.Int64
	for range max(1, min(runtime.GOMAXPROCS(0)-1, len(files))) {
		s.warmers.Go(func() {
			for s.gen.Load() == gen {
				j := int(next.Add(1)) - 1
				if j >= len(files) {
					return
				}
				if _, err := files[j].get(); err != nil {
					fmt.Fprintf(s.opts.Log, "%v\n", err)
				}
			}
		})
	}
}

func cmpBool(a, b bool) int {
	switch {
	case a == b:
		return 0
	case a:
		return 1
	}
	return -1
}

// Close stops rendering in the background and waits until it has stopped.
func (s *Server) Close() {
	s.gen.Add(1)
	s.warmers.Wait()
}

// stale reports whether an output must be rendered again: its dependencies
// changed, or one of them was touched (a sorted list). It runs for every
// output after every save: most outputs keep the previous plan's slice of
// dependencies (site.Planner), and a save touches a file or two.
func stale(old, deps, touched []string) bool {
	if len(old) != len(deps) || len(deps) > 0 && &old[0] != &deps[0] && !slices.Equal(old, deps) {
		return true
	}
	if len(touched) == 0 {
		return false
	}
	for _, d := range deps {
		if d == site.AllContent {
			return true
		}
		if len(touched) < 8 {
			if slices.Contains(touched, d) {
				return true
			}
		} else if _, ok := slices.BinarySearch(touched, d); ok {
			return true
		}
	}
	return false
}

// report records the rebuild's problems for the overlay, prints them and
// tells the open pages.
func (s *Server) report(before *state, r *Result) {
	cur := s.state.Load()
	next := *cur
	next.problems, next.summary = nil, ""
	if !r.OK() {
		for _, d := range r.Problems.Sorted() {
			if d.Severity == diag.Error {
				next.problems = append(next.problems, d.String())
			}
		}
		if r.Err != nil {
			next.problems = append(next.problems, r.Err.Error())
		}
		next.summary = diag.Summary(r.Problems)
		if r.Err != nil && !r.Problems.HasErrors(false) {
			next.summary = "the site could not be built"
		}
		s.state.Store(&next)
		diag.WriteText(s.opts.Log, r.Problems)
		if r.Err != nil {
			fmt.Fprintf(s.opts.Log, "build failed: %v\n", r.Err)
		}
		fmt.Fprintf(s.opts.Log, "%s; the preview still shows the last good site.\n", next.summary)
		s.hub.send(event{name: "problems", state: &next})
		return
	}
	s.state.Store(&next)
	diag.WriteText(s.opts.Log, r.Problems) // warnings
	if len(before.files) > 0 {
		fmt.Fprintf(s.opts.Log, "rebuilt in %d ms: %d of %d files to render again\n", r.Duration.Milliseconds(), len(r.Rendered), r.Planned)
	}
	if next.version != before.version || before.problems != nil {
		s.hub.send(event{name: "reload", state: &next})
	}
}
