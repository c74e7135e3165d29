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

// Write renders every output into dir, workersPerProcessor per processor
// at a time, and writes each file as soon as it is rendered: memory holds
// one file per worker, never the site. A failed render writes nothing of
// itself. Every failure is reported, in the order of outputs.
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
	if previous != "" {
		if info, err := os.Stat(previous); err != nil || !info.IsDir() {
			// Nothing published yet (a first build, or one into a new
			// folder): no output has an older self to link to.
			previous = ""
		}
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
	for range workersPerProcessor * runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			// Each worker reuses its buffers from one output to the next.
			k := &worker{writer: w, a: make([]byte, 64<<10), b: make([]byte, 64<<10)}
			for i := range jobs {
				errs[i] = k.write(outputs[i])
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

// workersPerProcessor is how many outputs render and write at once, per
// processor. A worker that waits on the file system (making a folder in a
// folder another worker is adding to, reading the last publication's file
// to compare) leaves its processor idle unless another worker is ready to
// run. With two per processor, at 10,000 events on two processors, a
// rebuild took 0.91 × the time and a build into an empty folder 0.95 ×
// (medians of 6 and 8 pairs, alternated), for 10 to 20 MiB more memory;
// three or four per processor were no faster.
const workersPerProcessor = 2

type writer struct {
	dir      string
	previous string   // the last publication, or ""
	made     sync.Map // folders made in dir (true) or found there (false), slash-separated
}

// spillAt is the size from which an output is rendered into a temporary
// file of the stage rather than into memory: a few outputs weigh tens of
// megabytes at 10,000 events (the open data, the edition's calendar, the
// sitemap), and two workers holding two of them, with the doubling of a
// growing buffer, made most of the build's peak memory.
const spillAt = 1 << 20

// worker renders and writes outputs one at a time, reusing its buffers.
type worker struct {
	*writer
	buf  bytes.Buffer
	a, b []byte // chunks for comparing files
}

// body is an output as rendered: in memory, or in a temporary file of the
// stage once it grew past spillAt.
type body struct {
	data []byte
	tmp  string
	size int64
}

// sink is what an output renders into: the worker's buffer, which is
// moved into a temporary file each time it reaches spillAt (templates write
// in many small pieces, which must not each be a system call).
type sink struct {
	k   *worker
	f   *os.File
	n   int64
	err error
}

func (s *sink) Write(p []byte) (int, error) {
	if s.err != nil {
		return 0, s.err
	}
	s.n += int64(len(p))
	s.k.buf.Write(p)
	if s.k.buf.Len() >= spillAt {
		s.spill()
	}
	return len(p), s.err
}

// spill moves the buffer into the temporary file, made on the first call.
func (s *sink) spill() {
	if s.err != nil {
		return
	}
	if s.f == nil {
		if s.f, s.err = os.CreateTemp(s.k.dir, ".render-*"); s.err != nil {
			return
		}
	}
	_, s.err = s.f.Write(s.k.buf.Bytes())
	s.k.buf.Reset()
}

// render renders o; the caller discards the body once written.
func (k *worker) render(o Output) (body, error) {
	k.buf.Reset()
	s := &sink{k: k}
	err := o.Render(s)
	if s.f == nil {
		if err == nil {
			err = s.err
		}
		return body{data: k.buf.Bytes(), size: s.n}, err
	}
	s.spill()
	b := body{tmp: s.f.Name(), size: s.n}
	if cerr := s.f.Close(); s.err == nil {
		s.err = cerr
	}
	if err == nil {
		err = s.err
	}
	if err != nil {
		b.discard()
	}
	return b, err
}

// discard removes the body's temporary file, unless it became the output.
func (b *body) discard() {
	if b.tmp != "" {
		os.Remove(b.tmp)
		b.tmp = ""
	}
}

func (k *worker) write(o Output) error {
	b, err := k.render(o)
	if err != nil {
		return fmt.Errorf("render %s: %w", o.Path, err)
	}
	defer b.discard()
	made, err := k.mkdir(path.Dir(o.Path))
	if err != nil {
		return fmt.Errorf("write %s: %w", o.Path, err)
	}
	name := filepath.Join(k.dir, filepath.FromSlash(o.Path))
	var here fs.FileInfo
	if !made {
		// A folder this build made holds only what it wrote, each output
		// at a path of its own: nothing is there yet. In a build into an
		// empty folder, that spares a look for each of the files.
		here, err = os.Lstat(name)
		if err == nil && k.unchanged(name, here, b) {
			return nil
		}
	}
	if k.previous != "" {
		old := filepath.Join(k.previous, filepath.FromSlash(o.Path))
		if info, err := os.Lstat(old); err == nil && k.unchanged(old, info, b) {
			if here == nil || remove(name, here) == nil {
				if os.Link(old, name) == nil {
					return nil
				}
				here = nil
			}
		}
	}
	return place(name, o.Path, here, &b)
}

// place puts b at name, where here (nil for nothing) is.
func place(name, rel string, here fs.FileInfo, b *body) error {
	if b.tmp != "" {
		// A rename replaces a file or a link, never writing through it,
		// but not a folder.
		if here != nil && here.IsDir() {
			if err := os.RemoveAll(name); err != nil {
				return fmt.Errorf("write %s: %w", rel, err)
			}
		}
		if err := os.Chmod(b.tmp, 0o644); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
		if err := os.Rename(b.tmp, name); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
		b.tmp = ""
		return nil
	}
	if here != nil && here.Mode().IsRegular() && ownFile(here) {
		return rewrite(name, rel, here, b.data)
	}
	if here != nil {
		if err := remove(name, here); err != nil {
			return fmt.Errorf("write %s: %w", rel, err)
		}
	}
	return create(name, rel, b.data)
}

// create writes a new file; O_EXCL makes sure it is one.
func create(name, rel string, data []byte) error {
	f, err := openFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("write %s: %w", rel, err)
	}
	return closeAfter(f, rel, data)
}

// rewrite writes data over the file name, which is dir's own. The mode a
// new file would get is set again: the file may come from an older tree
// whose mode someone changed.
func rewrite(name, rel string, info fs.FileInfo, data []byte) error {
	f, err := openFile(name, os.O_WRONLY|os.O_TRUNC|syscallNoFollow, 0)
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

// mkdir makes the folder d of dir and its parents, once per build, and
// reports whether this build made it. A folder dir already holds is kept;
// anything else in its place (a file, a symbolic link, which must never be
// written through) is replaced.
func (w *writer) mkdir(d string) (made bool, err error) {
	if d == "." {
		return false, nil
	}
	if m, ok := w.made.Load(d); ok {
		return m.(bool), nil
	}
	if _, err := w.mkdir(path.Dir(d)); err != nil {
		return false, err
	}
	name := filepath.Join(w.dir, filepath.FromSlash(d))
	err = os.Mkdir(name, 0o755)
	made = err == nil
	if errors.Is(err, fs.ErrExist) {
		// Another worker may be making the same folder at the same moment,
		// or an older tree holds it.
		info, lerr := os.Lstat(name)
		switch {
		case lerr != nil:
			return false, lerr
		case info.IsDir():
			err = nil
		default:
			if err = os.Remove(name); err == nil {
				err = os.Mkdir(name, 0o755)
				made = err == nil
			}
		}
	}
	if err != nil {
		return false, err
	}
	w.made.Store(d, made)
	return made, nil
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
// a build writes it, holding b; a symbolic link is not, so a link is never
// published in place of a file. It reads the files a chunk at a time, so
// that comparing a large file costs no memory.
func (k *worker) unchanged(name string, info fs.FileInfo, b body) bool {
	if !info.Mode().IsRegular() || info.Mode().Perm() != 0o644 || info.Size() != b.size {
		return false
	}
	f, err := openFile(name, os.O_RDONLY, 0)
	if err != nil {
		return false
	}
	defer f.Close()
	if b.tmp == "" {
		return sameBytes(f, b.data, k.a)
	}
	g, err := openFile(b.tmp, os.O_RDONLY, 0)
	if err != nil {
		return false
	}
	defer g.Close()
	for {
		n, err := io.ReadFull(f, k.a)
		m, gerr := io.ReadFull(g, k.b)
		if n != m || !bytes.Equal(k.a[:n], k.b[:m]) {
			return false
		}
		if err == io.EOF || err == io.ErrUnexpectedEOF {
			return gerr == err
		}
		if err != nil || gerr != nil {
			return false
		}
	}
}

// sameBytes reports whether f holds data from where it is on.
func sameBytes(f io.Reader, data, chunk []byte) bool {
	for len(data) > 0 {
		n, err := io.ReadFull(f, chunk[:min(len(chunk), len(data))])
		if err != nil || !bytes.Equal(chunk[:n], data[:n]) {
			return false
		}
		data = data[n:]
	}
	return true
}
