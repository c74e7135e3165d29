// Package theme loads a site theme from a file system: its page templates,
// parsed once, its static files and its interface strings.
//
// A theme holds:
//
//	layouts/_base.html         the page skeleton; it calls {{template "main" .}}
//	layouts/_partials/*.html   templates shared by every page kind
//	layouts/<kind>.html        one per page kind (home, event, venue, ...),
//	                           defining "main"
//	static/...                 copied as is to the root of the site
//	i18n/<lang>.yaml           interface strings, key → string
//
// Templates have one function beside the standard ones: {{card "event-item"
// . $}} places what {{template "event-item" .}} would, drawn once for every
// page that shows the same item when the page ($) keeps cards (Keeper).
package theme

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"

	"quinzaine/generator/internal/locale"
)

// Required lists the page kinds every theme must provide.
var Required = []string{"home", "event", "venue", "day", "page", "venues", "programme", "404"}

// Theme is a loaded theme. It is read-only once loaded, and safe for
// concurrent use.
type Theme struct {
	pages map[string]*template.Template
	// partials is the skeleton and the partials alone, where Partial runs
	// a list item's template outside of any page.
	partials *template.Template
	static   map[string][]byte
	// words keeps what partials drew from a word alone (see card).
	words sync.Map
	// Strings holds the interface strings per language (i18n/<lang>.yaml).
	Strings map[string]map[string]string
}

// Load reads and parses the theme in fsys.
func Load(fsys fs.FS) (*Theme, error) {
	th := &Theme{pages: map[string]*template.Template{}, static: map[string][]byte{}, Strings: map[string]map[string]string{}}
	base, err := template.New("_base.html").Option("missingkey=error").Funcs(template.FuncMap{"card": th.card}).ParseFS(fsys, "layouts/_base.html")
	if err != nil {
		return nil, fmt.Errorf("load theme: %w", err)
	}
	partials, err := fs.Glob(fsys, "layouts/_partials/*.html")
	if err != nil {
		return nil, fmt.Errorf("load theme: %w", err)
	}
	if len(partials) > 0 {
		if _, err := base.ParseFS(fsys, partials...); err != nil {
			return nil, fmt.Errorf("load theme: %w", err)
		}
	}
	if th.partials, err = base.Clone(); err != nil {
		return nil, fmt.Errorf("load theme: %w", err)
	}
	layouts, err := fs.Glob(fsys, "layouts/*.html")
	if err != nil {
		return nil, fmt.Errorf("load theme: %w", err)
	}
	for _, name := range layouts {
		kind := strings.TrimSuffix(path.Base(name), ".html")
		if strings.HasPrefix(kind, "_") {
			continue
		}
		t, err := base.Clone()
		if err == nil {
			_, err = t.ParseFS(fsys, name)
		}
		if err != nil {
			return nil, fmt.Errorf("load theme: %w", err)
		}
		th.pages[kind] = t
	}
	for _, kind := range Required {
		if th.pages[kind] == nil {
			return nil, fmt.Errorf("load theme: missing layouts/%s.html", kind)
		}
	}
	if err := th.loadStatic(fsys); err != nil {
		return nil, fmt.Errorf("load theme: %w", err)
	}
	if err := th.loadStrings(fsys); err != nil {
		return nil, fmt.Errorf("load theme: %w", err)
	}
	return th, nil
}

func (th *Theme) loadStatic(fsys fs.FS) error {
	if _, err := fs.Stat(fsys, "static"); err != nil {
		return nil // a theme without static files is fine
	}
	return fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		th.static[strings.TrimPrefix(p, "static/")] = data
		return nil
	})
}

func (th *Theme) loadStrings(fsys fs.FS) error {
	files, err := fs.Glob(fsys, "i18n/*.yaml")
	if err != nil {
		return err
	}
	for _, f := range files {
		data, err := fs.ReadFile(fsys, f)
		if err != nil {
			return err
		}
		m, err := locale.ParseStrings(data)
		if err != nil {
			return fmt.Errorf("%s: %w", f, err)
		}
		th.Strings[strings.TrimSuffix(path.Base(f), ".yaml")] = m
	}
	return nil
}

// Has reports whether the theme has a template for kind.
func (th *Theme) Has(kind string) bool { return th.pages[kind] != nil }

// Execute renders the page of the given kind with its view model.
func (th *Theme) Execute(w io.Writer, kind string, data any) error {
	t := th.pages[kind]
	if t == nil {
		return fmt.Errorf("theme has no layouts/%s.html", kind)
	}
	if err := t.ExecuteTemplate(w, "_base.html", data); err != nil {
		return fmt.Errorf("render %s: %w", kind, err)
	}
	return nil
}

// Partial renders one of the templates the partials define, such as a list
// item, on its own, for pages to place as they are: a card shown on many
// pages is then drawn once. It gives the bytes {{template name data}} writes
// in a page's text, where lists are.
func (th *Theme) Partial(name string, data any) (template.HTML, error) {
	var b strings.Builder
	if err := th.partials.ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("render %s: %w", name, err)
	}
	return template.HTML(b.String()), nil
}

// A Keeper keeps the HTML that partials draw of the items it made, so that
// an item shown on many pages is drawn once: view's pages are Keepers, and
// so are the rows of a day's programme, for their event's part.
type Keeper interface {
	// Keep gives the HTML of item drawn by partial, calling draw the first
	// time only.
	Keep(partial string, item any, draw func() (template.HTML, error)) (template.HTML, error)
}

// card is the templates' {{card "event-item" . $}}: the bytes
// {{template "event-item" .}} would write, kept by the page ($) when it is
// a Keeper (or by a day's row: {{card "row-event" .RowEvent .}}). {{card "icon" .Key nil}}, with no page, draws a partial from a
// word alone (a pictogram from its key), which writes the same wherever it
// is: the theme keeps it for every page. A day's page of 600 sessions draws
// some 1,500 pictograms, each an if-else chain of up to 8 comparisons.
func (th *Theme) card(partial string, item, page any) (template.HTML, error) {
	draw := func() (template.HTML, error) { return th.Partial(partial, item) }
	if k, ok := page.(Keeper); ok {
		return k.Keep(partial, item, draw)
	}
	if word, ok := item.(string); ok && page == nil {
		key := partial + "\x00" + word
		if h, ok := th.words.Load(key); ok {
			return h.(template.HTML), nil
		}
		h, err := draw()
		if err == nil {
			th.words.Store(key, h)
		}
		return h, err
	}
	return draw()
}

// StaticFiles lists the static files, slash-separated and relative to
// static/, sorted.
func (th *Theme) StaticFiles() []string {
	names := make([]string, 0, len(th.static))
	for n := range th.static {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// WriteStatic copies one static file to w.
func (th *Theme) WriteStatic(w io.Writer, name string) error {
	data, ok := th.static[name]
	if !ok {
		return fmt.Errorf("theme has no static/%s", name)
	}
	_, err := io.Copy(w, bytes.NewReader(data))
	return err
}
