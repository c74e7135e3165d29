// Package content reads the festival's content folder into file-shaped
// values, each with the position the editor wrote it at, and reports every
// problem a single file can have. Rules that need several files (a venue
// that exists, two files with the same address) belong to the programme.
//
// # The content folder
//
//	site.yaml                  the site: title, base_url, timezone, languages,
//	                           edition (year, start, end), categories, audiences
//	venues/<slug>.yaml         one venue per file
//	events/<year>/<slug>.yaml  one event per file, in the folder of its year
//	pages/<slug>.md            Markdown pages with front matter between `---` lines
//	images/...                 pictures named by `image:` fields: JPEG or
//	                           PNG, at most 50 megapixels
//
// A slug is the file name without its extension: lowercase ASCII letters,
// digits and hyphens (`bal-des-gueules-noires`). `.yml` is read like
// `.yaml`. Files are UTF-8 (a byte-order mark is accepted) and at most
// Options.MaxFileSize bytes. A symbolic link may not lead outside the folder.
//
// # Values
//
// Texts are YAML scalars; a number typed where a text is expected (a
// postcode) is read as written. Times are local wall-clock times in the
// site's time zone: `2026-06-27T20:30`, or a date alone, `2026-06-27`, for
// an all-day session whose `end` is then the last day, inclusive. Markdown
// fields (`description`, a page body) keep the line they start on.
// A field left empty (nothing after the colon, `""` or only spaces) counts
// as left out: an optional one is simply absent, and a required one is an
// error at the empty value, saying what to write there. A list item left
// empty is an error.
//
// An event gives its times in exactly one of three ways: `sessions` (a list
// of `start`, optional `end` and optional `id`), a single `start` and
// optional `end`, or `daily` (`from`, `to`, `hours: "14:00-18:00"`,
// optional `closed_on` with English or French weekday names). Its `status`
// is one of scheduled (the default), rescheduled (which needs
// `previous_start`), postponed, full or cancelled. Its `price` is `free`, a
// number of euros, `{min, max}` in euros, or a text such as "5 €".
//
// Every file may hold `translations.<lang>` with the texts of another
// language. Unknown fields are errors, with a suggestion when one field
// name is clearly meant.
package content

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"quinzaine/generator/internal/diag"
)

// Options tune loading.
type Options struct {
	// MaxFileSize is the largest YAML or Markdown file read, in bytes;
	// 0 means 1 MiB.
	MaxFileSize int64
}

const defaultMaxFileSize = 1 << 20

// Tree is everything read from one content folder, sorted by file name.
type Tree struct {
	// Dir is the content folder as given to Load.
	Dir    string
	Site   *Site // nil when site.yaml is missing or unreadable
	Venues []*Venue
	Events []*Event
	Pages  []*Page
	// Images lists the files under images/, relative to the content folder
	// and slash-separated, sorted.
	Images []string
}

// Doc is what every content file has: its slug, its name as editors see it
// and whether it could be read at all.
type Doc struct {
	Slug string
	// File is the file's path as shown in diagnostics: the content folder
	// joined with the file's path in it, slash-separated.
	File string
	// Rel is the path inside the content folder: "venues/lens.yaml".
	Rel string
	// Broken is set when the file could not be read as YAML fields at
	// all; only Slug, File and Rel are then set, so that references to it
	// are not reported as unknown on top of its own error.
	Broken bool
}

// Load reads the content folder dir. It returns every problem found; the
// tree holds what could be read, even when there are errors.
func Load(dir string, opts Options) (*Tree, diag.List) {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	l := &loader{dir: dir, opts: opts, tree: &Tree{Dir: dir}}
	root, err := os.OpenRoot(dir)
	if err != nil {
		l.diags.Errorf(diag.Pos{File: filepath.ToSlash(dir)}, "the content folder cannot be opened: %s", describe(err))
		return l.tree, l.diags
	}
	l.root = root
	defer l.close()
	if real, err := filepath.EvalSymlinks(dir); err == nil {
		l.realDir, _ = filepath.Abs(real)
	}
	l.tree.Images = l.images("images")
	rels := l.list()
	files := make([]loaded, len(rels))
	each(len(rels), func(i int) {
		files[i] = l.file(rels[i])
	})
	return assemble(l.tree, l.diags, files)
}

// list lists the content files in the tree's order: site.yaml, whether it
// exists or not, then venues, events year by year, and pages. The
// problems found listing the folders go to l.diags.
func (l *loader) list() []string {
	rels := []string{"site.yaml"}
	l.folders = map[string]*os.Root{}
	add := func(folder string, exts ...string) {
		files := l.files(folder, exts...)
		if len(files) == 0 {
			return
		}
		if r, err := l.root.OpenRoot(folder); err == nil {
			l.folders[folder] = r
		}
		rels = append(rels, files...)
	}
	add("venues", ".yaml", ".yml")
	for _, year := range l.dirs("events") {
		add(year, ".yaml", ".yml")
	}
	add("pages", ".md")
	return rels
}

// open opens the content file rel through its folder's root, opened once
// by list, which saves resolving the path's every folder again for every
// file; when there is none, or it fails, through the content folder's
// root, whose error is the one editors are told. A file the folder's root
// opens is one the content folder's root opens too.
func (l *loader) open(rel string) (*os.File, error) {
	if r := l.folders[path.Dir(rel)]; r != nil {
		if f, err := r.Open(path.Base(rel)); err == nil {
			return f, nil
		}
	}
	return l.root.Open(rel)
}

// close closes the roots the load opened.
func (l *loader) close() {
	for _, r := range l.folders {
		r.Close()
	}
	l.root.Close()
}

// loaded is one content file as read: a *Site (nil when unreadable),
// *Venue, *Event or *Page, and the file's own problems.
type loaded struct {
	value any
	diags diag.List
}

// file reads the content file rel on a loader of its own, which shares
// only what no file changes (the folder, the pictures' listing): files
// are read at the same time, each keeping its problems apart, so that
// the tree and its problems come out in the order of the files whatever
// finished first.
func (l *loader) file(rel string) loaded {
	fl := &loader{dir: l.dir, realDir: l.realDir, opts: l.opts, root: l.root, folders: l.folders, tree: &Tree{Dir: l.dir, Images: l.tree.Images}}
	v := fl.load(rel)
	return loaded{value: v, diags: fl.diags}
}

// load reads one content file, of the kind its folder says.
func (l *loader) load(rel string) any {
	switch {
	case rel == "site.yaml":
		l.loadSite()
		return l.tree.Site
	case strings.HasPrefix(rel, "venues/"):
		return l.loadVenue(rel)
	case strings.HasPrefix(rel, "events/"):
		return l.loadEvent(rel)
	}
	return l.loadPage(rel)
}

// assemble puts the files, in the order listed, into t, and their
// problems after those of listing them.
func assemble(t *Tree, listing diag.List, files []loaded) (*Tree, diag.List) {
	diags := listing
	for _, f := range files {
		diags.Merge(f.diags)
		switch v := f.value.(type) {
		case *Site:
			if v != nil {
				t.Site = v
			}
		case *Venue:
			t.Venues = append(t.Venues, v)
		case *Event:
			t.Events = append(t.Events, v)
		case *Page:
			t.Pages = append(t.Pages, v)
		}
	}
	return t, diags
}

// each calls f(i) for every i below n, on GOMAXPROCS goroutines at most;
// f writes its result at i, so the results keep their order whichever
// goroutine ran them. Reading a content file is mostly YAML decoding,
// which one core does at about ten thousand files a second.
func each(n int, f func(i int)) {
	workers := min(runtime.GOMAXPROCS(0), n)
	if workers <= 1 {
		for i := range n {
			f(i)
		}
		return
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				f(i)
			}
		})
	}
	wg.Wait()
}

type loader struct {
	dir     string
	realDir string
	opts    Options
	root    *os.Root
	// folders are the roots of the folders listed, by path: files are
	// opened through them.
	folders map[string]*os.Root
	tree    *Tree
	diags   diag.List
}

func (l *loader) display(rel string) string {
	return filepath.ToSlash(filepath.Join(l.dir, filepath.FromSlash(rel)))
}

func describe(err error) string {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "it does not exist"
	case errors.Is(err, fs.ErrPermission):
		return "permission denied"
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}

// escapes reports whether rel is a symbolic link, or passes through one,
// that leads outside the content folder.
func (l *loader) escapes(rel string) bool {
	real, err := filepath.EvalSymlinks(filepath.Join(l.dir, filepath.FromSlash(rel)))
	if err != nil {
		// A link to nowhere is reported as missing by whoever reads it;
		// os.Root refuses to follow it outside anyway.
		return false
	}
	real, _ = filepath.Abs(real)
	return real != l.realDir && !strings.HasPrefix(real, l.realDir+string(filepath.Separator))
}

// entries lists a folder of the content tree, refusing links that leave it.
func (l *loader) entries(rel string) []fs.DirEntry {
	ents, err := fs.ReadDir(l.root.FS(), rel)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.diags.Errorf(diag.Pos{File: l.display(rel)}, "the folder cannot be read: %s", describe(err))
		}
		return nil
	}
	var out []fs.DirEntry
	for _, e := range ents {
		name := path.Join(rel, e.Name())
		if strings.HasPrefix(e.Name(), ".") {
			continue
		}
		if e.Type()&fs.ModeSymlink != 0 {
			if l.escapes(name) {
				l.diags.Errorf(diag.Pos{File: l.display(name)}, "this is a symbolic link leading outside the content folder; copy the file into the folder instead")
				continue
			}
			info, err := fs.Stat(l.root.FS(), name)
			if err != nil {
				l.diags.Errorf(diag.Pos{File: l.display(name)}, "this symbolic link leads nowhere: %s", describe(err))
				continue
			}
			e = fs.FileInfoToDirEntry(info)
		}
		out = append(out, e)
	}
	return out
}

// files lists the files of a folder with one of the given extensions, and
// warns about others, which would otherwise be silently ignored.
func (l *loader) files(rel string, exts ...string) []string {
	var out []string
	for _, e := range l.entries(rel) {
		name := path.Join(rel, e.Name())
		if e.IsDir() {
			l.diags.Warnf(diag.Pos{File: l.display(name)}, "this folder is not read: %s holds only %s files", rel+"/", quoteList(exts))
			continue
		}
		if !slices.Contains(exts, path.Ext(e.Name())) {
			if !strings.HasPrefix(strings.ToUpper(e.Name()), "README") {
				l.diags.Warnf(diag.Pos{File: l.display(name)}, "this file is not read: %s holds only %s files", rel+"/", quoteList(exts))
			}
			continue
		}
		out = append(out, name)
	}
	return out
}

var yearForm = regexp.MustCompile(`^\d{4}$`)

// dirs lists the year folders of events/.
func (l *loader) dirs(rel string) []string {
	var out []string
	for _, e := range l.entries(rel) {
		name := path.Join(rel, e.Name())
		switch {
		case !e.IsDir():
			l.diags.Errorf(diag.Pos{File: l.display(name)}, "events live in a folder named after their year, such as `events/2026/%s`", e.Name())
		case !yearForm.MatchString(e.Name()):
			l.diags.Errorf(diag.Pos{File: l.display(name)}, "the folder `%s` is not a year; events live in folders such as `events/2026/`", e.Name())
		default:
			out = append(out, name)
		}
	}
	return out
}

// images lists every file under images/, for suggestions when an image
// path does not exist. Problems with the folder itself show up on the
// image fields that use it.
func (l *loader) images(rel string) []string {
	var out []string
	fs.WalkDir(l.root.FS(), rel, func(name string, e fs.DirEntry, err error) error {
		if err == nil && !e.IsDir() {
			out = append(out, name)
		}
		return nil
	})
	return out
}

// read returns the text of a content file, or nil after saying why not.
func (l *loader) read(rel string) []byte {
	file := l.display(rel)
	f, err := l.open(rel)
	if err != nil {
		if l.escapes(rel) {
			l.diags.Errorf(diag.Pos{File: file}, "this is a symbolic link leading outside the content folder; copy the file into the folder instead")
		} else {
			l.diags.Errorf(diag.Pos{File: file}, "the file cannot be read: %s", describe(err))
		}
		return nil
	}
	defer f.Close()
	data, err := readAll(f, l.opts.MaxFileSize+1)
	if err != nil {
		l.diags.Errorf(diag.Pos{File: file}, "the file cannot be read: %s", describe(err))
		return nil
	}
	if int64(len(data)) > l.opts.MaxFileSize {
		l.diags.Errorf(diag.Pos{File: file}, "the file is larger than %s; content files are far smaller, check that it is the right file", size(l.opts.MaxFileSize))
		return nil
	}
	data, ok := checkText(file, data, &l.diags)
	if !ok {
		return nil
	}
	return data
}

// readAll reads at most limit bytes of f, as io.ReadAll does, but into a
// buffer of the file's size: io.ReadAll starts small and grows, which at
// ten thousand files was a tenth of the bytes the load allocated.
func readAll(f *os.File, limit int64) ([]byte, error) {
	n := int64(512)
	if info, err := f.Stat(); err == nil && info.Size() > 0 {
		// One byte more than the file, so that the read meets its end
		// without growing the buffer.
		n = min(info.Size()+1, limit)
	}
	r := io.LimitReader(f, limit)
	b := make([]byte, 0, n)
	for {
		m, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+m]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

func size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

// doc starts a document for the file rel.
func (l *loader) doc(rel string) Doc {
	base := path.Base(rel)
	slug := strings.TrimSuffix(base, path.Ext(base))
	d := Doc{Slug: slug, File: l.display(rel), Rel: rel}
	if !ValidSlug(slug) {
		hint := ""
		if s := Slug(slug); s != "" {
			hint = fmt.Sprintf(", such as `%s%s`", s, path.Ext(base))
		}
		l.diags.Errorf(diag.Pos{File: d.File}, "the file name `%s` is not a valid slug; use lowercase letters without accents, digits and hyphens%s", base, hint)
	}
	return d
}
