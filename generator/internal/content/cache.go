package content

import (
	"os"
	"path/filepath"
	"slices"
	"time"

	"quinzaine/generator/internal/diag"
)

// Cache loads a content folder again and again, as the preview does after
// every save, re-reading only the files that changed since the previous
// load. Its tree and diagnostics are those Load gives for the same folder.
//
// A file is read again when it is named in the changed list given to Load,
// or when its size or modification time differ from the previous load's.
// The folders are listed at every load, so files added, removed or renamed
// are noticed without help. A Cache is not safe for concurrent use.
type Cache struct {
	dir   string
	opts  Options
	files map[string]*cachedFile // by path inside the folder
	// images is the images/ listing of the previous load, each picture
	// with its size and time: event and venue files are checked against
	// it, and their pictures' headers read, so all are read again when it
	// changes.
	images []string
	// Read lists the files the last Load read again, in the order read;
	// the preview re-renders what shows them. Removed lists those the
	// previous Load read that are gone.
	Read, Removed []string
}

type cachedFile struct {
	size  int64
	mod   time.Time
	value any // *Site, *Venue, *Event or *Page; a nil *Site when unreadable
	diags diag.List
}

// NewCache returns a cache of the folder dir that has read nothing yet.
func NewCache(dir string, opts Options) *Cache {
	if opts.MaxFileSize <= 0 {
		opts.MaxFileSize = defaultMaxFileSize
	}
	return &Cache{dir: dir, opts: opts, files: map[string]*cachedFile{}}
}

// Load reads the folder as Load does. changed names files, relative to the
// folder and slash-separated, known to have changed even if their size and
// time look the same (a watcher's report); it may be nil.
func (c *Cache) Load(changed []string) (*Tree, diag.List) {
	c.Read, c.Removed = nil, nil
	l := &loader{dir: c.dir, opts: c.opts, tree: &Tree{Dir: c.dir}}
	root, err := os.OpenRoot(c.dir)
	if err != nil {
		l.diags.Errorf(diag.Pos{File: filepath.ToSlash(c.dir)}, "the content folder cannot be opened: %s", describe(err))
		c.files = map[string]*cachedFile{}
		return l.tree, l.diags
	}
	defer root.Close()
	l.root = root
	if real, err := filepath.EvalSymlinks(c.dir); err == nil {
		l.realDir, _ = filepath.Abs(real)
	}
	force := map[string]bool{}
	for _, rel := range changed {
		force[rel] = true
	}
	l.tree.Images = l.images("images")
	if stamps := l.imageStamps(l.tree.Images); !slices.Equal(stamps, c.images) {
		clear(c.files)
		c.images = stamps
	}
	seen := map[string]*cachedFile{}
	// Each file's own problems are kept with it; the problems of listing
	// the folders are found again at every load.
	read := func(rel string, load func() any) any {
		// os.Stat rather than the root's, which walks the path one folder
		// at a time: at ten thousand files the difference shows. The file
		// is read through the root all the same.
		info, statErr := os.Stat(filepath.Join(c.dir, filepath.FromSlash(rel)))
		f := c.files[rel]
		if f == nil || force[rel] || statErr != nil || info.Size() != f.size || !info.ModTime().Equal(f.mod) {
			c.Read = append(c.Read, rel)
			kept := l.diags
			l.diags = diag.List{}
			f = &cachedFile{value: load()}
			f.diags, l.diags = l.diags, kept
			if statErr == nil {
				f.size, f.mod = info.Size(), info.ModTime()
			}
		}
		seen[rel] = f
		l.diags.Merge(f.diags)
		return f.value
	}
	if s, _ := read("site.yaml", func() any { l.loadSite(); return l.tree.Site }).(*Site); s != nil {
		l.tree.Site = s
	}
	for _, rel := range l.files("venues", ".yaml", ".yml") {
		l.tree.Venues = append(l.tree.Venues, read(rel, func() any { return l.loadVenue(rel) }).(*Venue))
	}
	for _, year := range l.dirs("events") {
		for _, rel := range l.files(year, ".yaml", ".yml") {
			l.tree.Events = append(l.tree.Events, read(rel, func() any { return l.loadEvent(rel) }).(*Event))
		}
	}
	for _, rel := range l.files("pages", ".md") {
		l.tree.Pages = append(l.tree.Pages, read(rel, func() any { return l.loadPage(rel) }).(*Page))
	}
	for rel := range c.files {
		if seen[rel] == nil {
			c.Removed = append(c.Removed, rel)
		}
	}
	slices.Sort(c.Removed)
	c.files = seen
	return l.tree, l.diags
}
