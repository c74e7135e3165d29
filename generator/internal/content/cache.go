package content

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
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
// are noticed without help. Reload, for a caller told of every change,
// skips the listing and the look at every file. A Cache is not safe for
// concurrent use.
type Cache struct {
	dir   string
	opts  Options
	files map[string]*cachedFile // by path inside the folder
	// images is the images/ listing of the previous load, each picture
	// with its size and time: event and venue files are checked against
	// it, and their pictures' headers read, so all are read again when it
	// changes.
	images []string
	// order lists the files of the previous load in the tree's order,
	// listing holds the problems found listing the folders and pictures
	// the images/ listing: with files, they make the tree again without
	// listing anything.
	order    []string
	listing  diag.List
	pictures []string
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

// open starts a load; the root is to be closed after it. It gives nil when
// the folder cannot be opened, and then forgets every file.
func (c *Cache) open() *loader {
	c.Read, c.Removed = nil, nil
	l := &loader{dir: c.dir, opts: c.opts, tree: &Tree{Dir: c.dir}}
	root, err := os.OpenRoot(c.dir)
	if err != nil {
		c.files, c.order = map[string]*cachedFile{}, nil
		l.diags.Errorf(diag.Pos{File: filepath.ToSlash(c.dir)}, "the content folder cannot be opened: %s", describe(err))
		return l
	}
	l.root = root
	if real, err := filepath.EvalSymlinks(c.dir); err == nil {
		l.realDir, _ = filepath.Abs(real)
	}
	return l
}

// reread reads the file rel again with load, keeping its own problems with
// it; info is its size and time, nil when it could not be looked at.
func (c *Cache) reread(l *loader, rel string, info os.FileInfo) *cachedFile {
	c.Read = append(c.Read, rel)
	kept := l.diags
	l.diags = diag.List{}
	f := &cachedFile{value: l.load(rel)}
	f.diags, l.diags = l.diags, kept
	if info != nil {
		f.size, f.mod = info.Size(), info.ModTime()
	}
	return f
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

// tree makes the tree and its diagnostics from the files of c.order.
func (c *Cache) tree(l *loader) (*Tree, diag.List) {
	t := l.tree
	t.Site = nil
	diags := c.listing
	for _, rel := range c.order {
		f := c.files[rel]
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

// Load reads the folder as Load does. changed names files, relative to the
// folder and slash-separated, known to have changed even if their size and
// time look the same (a watcher's report); it may be nil.
func (c *Cache) Load(changed []string) (*Tree, diag.List) {
	l := c.open()
	if l.root == nil {
		return l.tree, l.diags
	}
	defer l.root.Close()
	force := map[string]bool{}
	for _, rel := range changed {
		force[rel] = true
	}
	l.tree.Images = l.images("images")
	c.pictures = l.tree.Images
	if stamps := l.imageStamps(l.tree.Images); !slices.Equal(stamps, c.images) {
		clear(c.files)
		c.images = stamps
	}
	seen := map[string]*cachedFile{}
	var order []string
	read := func(rel string) {
		// os.Stat rather than the root's, which walks the path one folder
		// at a time: at ten thousand files the difference shows. The file
		// is read through the root all the same.
		info, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(rel)))
		if err != nil {
			info = nil
		}
		f := c.files[rel]
		if f == nil || force[rel] || info == nil || info.Size() != f.size || !info.ModTime().Equal(f.mod) {
			f = c.reread(l, rel, info)
		}
		seen[rel] = f
		order = append(order, rel)
	}
	read("site.yaml")
	for _, rel := range l.files("venues", ".yaml", ".yml") {
		read(rel)
	}
	for _, year := range l.dirs("events") {
		for _, rel := range l.files(year, ".yaml", ".yml") {
			read(rel)
		}
	}
	for _, rel := range l.files("pages", ".md") {
		read(rel)
	}
	for rel := range c.files {
		if seen[rel] == nil {
			c.Removed = append(c.Removed, rel)
		}
	}
	slices.Sort(c.Removed)
	// What l.diags holds now came from listing the folders: each file's
	// problems are kept with it.
	c.files, c.order, c.listing = seen, order, l.diags
	return c.tree(l)
}

// Reload is Load for a caller told of every change: changed must name
// every file and folder written, made, removed or renamed in the folder
// since the previous load (a file watcher that lost no event). When each
// is a content file that the previous load read and that is still a file,
// only those are read again, and neither the folders nor the other files
// are looked at; otherwise, a file added or removed, a folder, a picture,
// it is Load. At ten thousand events, listing the folders and looking at
// every file cost far more than reading the one saved.
func (c *Cache) Reload(changed []string) (*Tree, diag.List) {
	if c.order == nil || len(changed) == 0 {
		return c.Load(changed)
	}
	infos := make([]os.FileInfo, len(changed))
	for i, rel := range changed {
		info, err := os.Lstat(filepath.Join(c.dir, filepath.FromSlash(rel)))
		if c.files[rel] == nil || err != nil || !info.Mode().IsRegular() {
			return c.Load(changed)
		}
		infos[i] = info
	}
	l := c.open()
	if l.root == nil {
		return l.tree, l.diags
	}
	defer l.root.Close()
	l.tree.Images = c.pictures
	for i, rel := range changed {
		c.files[rel] = c.reread(l, rel, infos[i])
	}
	return c.tree(l)
}
