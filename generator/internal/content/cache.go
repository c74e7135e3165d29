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

// reread reads the file rel again, keeping its own problems with it; info
// is its size and time, nil when it could not be looked at. Files are
// read again at the same time, so it changes nothing but what it returns.
func (c *Cache) reread(l *loader, rel string, info os.FileInfo) *cachedFile {
	f := l.file(rel)
	cf := &cachedFile{value: f.value, diags: f.diags}
	if info != nil {
		cf.size, cf.mod = info.Size(), info.ModTime()
	}
	return cf
}

// tree makes the tree and its diagnostics from the files of c.order.
func (c *Cache) tree(l *loader) (*Tree, diag.List) {
	files := make([]loaded, len(c.order))
	for i, rel := range c.order {
		f := c.files[rel]
		files[i] = loaded{value: f.value, diags: f.diags}
	}
	return assemble(l.tree, c.listing, files)
}

// Load reads the folder as Load does. changed names files, relative to the
// folder and slash-separated, known to have changed even if their size and
// time look the same (a watcher's report); it may be nil.
func (c *Cache) Load(changed []string) (*Tree, diag.List) {
	l := c.open()
	if l.root == nil {
		return l.tree, l.diags
	}
	defer l.close()
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
	order := l.list()
	// What l.diags holds now came from listing the folders: each file's
	// problems are kept with it.
	c.listing = l.diags
	files := make([]*cachedFile, len(order))
	reread := make([]bool, len(order))
	each(len(order), func(i int) {
		rel := order[i]
		// os.Stat rather than the root's, which walks the path one folder
		// at a time: at ten thousand files the difference shows. The file
		// is read through the root all the same.
		info, err := os.Stat(filepath.Join(c.dir, filepath.FromSlash(rel)))
		if err != nil {
			info = nil
		}
		f := c.files[rel]
		if f == nil || force[rel] || info == nil || info.Size() != f.size || !info.ModTime().Equal(f.mod) {
			f, reread[i] = c.reread(l, rel, info), true
		}
		files[i] = f
	})
	seen := make(map[string]*cachedFile, len(order))
	for i, rel := range order {
		seen[rel] = files[i]
		if reread[i] {
			c.Read = append(c.Read, rel)
		}
	}
	for rel := range c.files {
		if seen[rel] == nil {
			c.Removed = append(c.Removed, rel)
		}
	}
	slices.Sort(c.Removed)
	c.files, c.order = seen, order
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
	defer l.close()
	l.tree.Images = c.pictures
	files := make([]*cachedFile, len(changed))
	each(len(changed), func(i int) {
		files[i] = c.reread(l, changed[i], infos[i])
	})
	for i, rel := range changed {
		c.files[rel] = files[i]
		c.Read = append(c.Read, rel)
	}
	return c.tree(l)
}
