package site

// Writing the plan to disk. On the disks a build meets, making a file or a
// folder costs far more than rendering it: on ext4 in a virtual machine,
// creating an 8 KB file takes about 0.6 ms of the kernel's time, whatever
// its size, against 0.02 ms for a hard link to an existing file, and
// creations do not get faster on more cores. So each folder is made once,
// and an output whose bytes are those of the last publication is linked to
// it rather than written again: most outputs of a rebuild are unchanged,
// and keep their modification time for web servers and rsync.

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
// previous ("" for none): an output whose bytes equal those of the same
// file in previous becomes a hard link to that file instead of a new file.
// previous is only read, so it stays as published until it is replaced.
// Where links cannot be made (another disk, a file system without them),
// the file is written.
func WriteOver(dir, previous string, outputs []Output) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	w := &writer{dir: dir, previous: previous}
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
	return errors.Join(errs...)
}

type writer struct {
	dir      string
	previous string   // the last publication, or ""
	made     sync.Map // folders made in dir, slash-separated
}

func (w *writer) write(o Output, buf *bytes.Buffer, chunk []byte) error {
	if err := o.Render(buf); err != nil {
		return fmt.Errorf("render %s: %w", o.Path, err)
	}
	if err := w.mkdir(path.Dir(o.Path)); err != nil {
		return fmt.Errorf("write %s: %w", o.Path, err)
	}
	name := filepath.Join(w.dir, filepath.FromSlash(o.Path))
	if w.previous != "" {
		old := filepath.Join(w.previous, filepath.FromSlash(o.Path))
		if unchanged(old, buf.Bytes(), chunk) && os.Link(old, name) == nil {
			return nil
		}
	}
	if err := os.WriteFile(name, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", o.Path, err)
	}
	return nil
}

// mkdir makes the folder d of dir and its parents, once per build.
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
	// Another worker may be making the same folder at the same moment.
	if err := os.Mkdir(filepath.Join(w.dir, filepath.FromSlash(d)), 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
		return err
	}
	w.made.Store(d, true)
	return nil
}

// unchanged reports whether name is a plain file, as a build writes it,
// holding data; a symbolic link is not, so a link is never published in
// place of a file. It reads the file a chunk at a time, so that comparing
// a large file costs no memory.
func unchanged(name string, data, chunk []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != 0o644 || info.Size() != int64(len(data)) {
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
