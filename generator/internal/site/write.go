package site

// Writing the plan to disk. On the disks a build meets, making a file or a
// folder costs far more than rendering it: on ext4 in a virtual machine,
// creating an 8 KB file takes about 0.6 ms of the kernel's time, whatever
// its size, against 0.02 ms for a hard link to an existing file and 0.01 ms
// for rewriting a file that exists, and creations do not get faster on
// more cores. So the folder a build writes into is, when it can be, the
// tree the last build replaced (see package publish): an output whose
// bytes are already there is left alone, one whose bytes are those of the
// publication being replaced becomes a hard link to it, and only the
// others are written. Most outputs of a rebuild are unchanged, and keep
// their modification time for web servers and rsync.

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
)

// Write renders every output into dir, GOMAXPROCS at a time, and writes
// each file as soon as it is rendered: memory holds one file per worker,
// never the site. A failed render writes nothing of itself. Every failure
// is reported, in the order of outputs.
func Write(dir string, outputs []Output) error {
	return WriteOver(dir, "", outputs)
}

// WriteOver is Write for a build that replaces the publication in folder
// previous ("" for none), into a folder dir that may hold an older tree
// (the one the last build replaced): when it returns without error, dir
// holds the outputs and nothing else.
//
// An output already in dir with the same bytes is left as it is; one whose
// bytes equal the same file in previous becomes a hard link to that file;
// the others are written, in place when the file in dir is its own (no
// other link to it, so previous is never written through a link). previous
// is only read, so it stays as published until it is replaced. Where links
// cannot be made (another disk, a file system without them), the file is
// written.
func WriteOver(dir, previous string, outputs []Output) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	w := &writer{dir: dir, previous: previous}
	// What dir holds already is listed while the outputs render, so that
	// what no output replaces can be removed at the end.
	var found []entry
	var foundErr error
	listed := make(chan struct{})
	go func() {
		defer close(listed)
		found, foundErr = list(dir)
	}()
	errs := make([]error, len(outputs))
	jobs := make(chan int)
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// Each worker reuses its buffers from one output to the next.
			var buf bytes.Buffer
			chunk := make([]byte, 64<<10)
			for i := range jobs {
				buf.Reset()
				errs[i] = w.write(outputs[i], &buf, chunk)
			}
		})
	}
	for i := range outputs {
		jobs <- i
	}
	close(jobs)
	wg.Wait()
	<-listed
	if err := errors.Join(errs...); err != nil {
		return err
	}
	if foundErr != nil {
		return fmt.Errorf("write: %w", foundErr)
	}
	return w.prune(found, outputs)
}

type writer struct {
	dir      string
	previous string   // the last publication, or ""
	made     sync.Map // folders made in dir, or found there, slash-separated
}

func (w *writer) write(o Output, buf *bytes.Buffer, chunk []byte) error {
	if err := o.Render(buf); err != nil {
		return fmt.Errorf("render %s: %w", o.Path, err)
	}
	if err := w.mkdir(path.Dir(o.Path)); err != nil {
		return fmt.Errorf("write %s: %w", o.Path, err)
	}
	name := filepath.Join(w.dir, filepath.FromSlash(o.Path))
	here, err := os.Lstat(name)
	if err == nil && unchanged(name, here, buf.Bytes(), chunk) {
		return nil
	}
	if w.previous != "" {
		old := filepath.Join(w.previous, filepath.FromSlash(o.Path))
		if info, err := os.Lstat(old); err == nil && unchanged(old, info, buf.Bytes(), chunk) {
			if here != nil && remove(name, here) != nil {
				return w.create(name, o.Path, buf.Bytes())
			}
			if os.Link(old, name) == nil {
				return nil
			}
			return w.create(name, o.Path, buf.Bytes())
		}
	}
	if here != nil && here.Mode().IsRegular() && ownFile(here) {
		return rewrite(name, o.Path, here, buf.Bytes())
	}
	if here != nil {
		if err := remove(name, here); err != nil {
			return fmt.Errorf("write %s: %w", o.Path, err)
		}
	}
	return w.create(name, o.Path, buf.Bytes())
}

// create writes a new file; O_EXCL makes sure it is one.
func (w *writer) create(name, rel string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return closeAfter(f, rel, data)
}

// rewrite writes data over the file name, which is dir's own. The mode a
// new file would get is set again: the file may come from an older tree
// whose mode someone changed.
func rewrite(name, rel string, info fs.FileInfo, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_TRUNC|syscallNoFollow, 0)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	if info.Mode().Perm() != 0o644 {
		if err := f.Chmod(0o644); err != nil {
			f.Close()
			return fmt.Errorf("write %s: %w", rel, err)
		}
	}
	return closeAfter(f, rel, data)
}

func closeAfter(f *os.File, rel string, data []byte) error {
	_, err := f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return nil
}

// remove removes what is at name, a folder with what it holds.
func remove(name string, info fs.FileInfo) error {
	if info.IsDir() {
		return os.RemoveAll(name)
	}
	return os.Remove(name)
}

// mkdir makes the folder d of dir and its parents, once per build. A
// folder dir already holds is kept; anything else in its place (a file, a
// symbolic link, which must never be written through) is replaced.
func (w *writer) mkdir(d string) error {
	if d == "." {
		return nil
	}
	if _, ok := w.made.Load(d); ok {
		return nil
	}
	if err := w.mkdir(path.Dir(d)); err != nil {
		return err
	}
	name := filepath.Join(w.dir, filepath.FromSlash(d))
	err := os.Mkdir(name, 0o755)
	if errors.Is(err, fs.ErrExist) {
		// Another worker may be making the same folder at the same moment,
		// or an older tree holds it.
		info, lerr := os.Lstat(name)
		switch {
		case lerr != nil:
			return lerr
		case info.IsDir():
			err = nil
		default:
			if err = os.Remove(name); err == nil {
				err = os.Mkdir(name, 0o755)
			}
		}
	}
	if err != nil {
		return err
	}
	w.made.Store(d, true)
	return nil
}

// entry is a file or folder found in the folder written into.
type entry struct {
	path string // slash-separated, relative to the folder
	dir  bool
}

// list walks dir, folders before what they hold.
func list(dir string) ([]entry, error) {
	var found []entry
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		found = append(found, entry{path: filepath.ToSlash(rel), dir: d.IsDir()})
		return nil
	})
	return found, err
}

// prune removes from dir what was found there before the outputs were
// written and is neither an output nor a folder holding one.
func (w *writer) prune(found []entry, outputs []Output) error {
	if len(found) == 0 {
		return nil
	}
	files := make(map[string]bool, len(outputs))
	for _, o := range outputs {
		files[o.Path] = true
	}
	var stale []string
	skip := "" // a folder whose content needs no look: it is stale, or gone
	for _, e := range found {
		if skip != "" && strings.HasPrefix(e.path, skip+"/") {
			continue
		}
		skip = ""
		_, folder := w.made.Load(e.path)
		switch {
		case folder && e.dir, files[e.path] && !e.dir:
			continue // still there, as it was found
		case folder || files[e.path]:
			// Replaced by the other kind while the outputs were written.
			if e.dir {
				skip = e.path
			}
			continue
		}
		stale = append(stale, e.path)
		if e.dir {
			skip = e.path
		}
	}
	var errs []error
	for _, p := range stale {
		if err := os.RemoveAll(filepath.Join(w.dir, filepath.FromSlash(p))); err != nil {
			errs = append(errs, fmt.Errorf("remove %s: %w", p, err))
		}
	}
	return errors.Join(errs...)
}

// unchanged reports whether name, whose Lstat is info, is a plain file, as
// a build writes it, holding data; a symbolic link is not, so a link is
// never published in place of a file. It reads the file a chunk at a time,
// so that comparing a large file costs no memory.
func unchanged(name string, info fs.FileInfo, data, chunk []byte) bool {
	if !info.Mode().IsRegular() || info.Mode().Perm() != 0o644 || info.Size() != int64(len(data)) {
		return false
	}
	f, err := os.Open(name)
	if err != nil {
		return false
	}
	defer f.Close()
	for len(data) > 0 {
		n, err := io.ReadFull(f, chunk[:min(len(chunk), len(data))])
		if err != nil || !bytes.Equal(chunk[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}
