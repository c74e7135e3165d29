package imaging

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"golang.org/x/image/draw"
)

// source is a picture as Open found it, shared by its variants.
type source struct {
	proc        *Processor
	fsys        fs.FS
	name        string
	format      format
	orientation int
	sum         [sha256.Size]byte // of the file's bytes
	key         string            // hex hash of version, quality and sum
	variants    []Variant
}

// flight is the encoding of one picture's variants, which every Render of
// that picture waits for.
type flight struct {
	done chan struct{}
	err  error
}

// cacheFile is where a variant is kept between builds. Its name carries the
// whole key, so a changed source, quality or version never meets an old
// file.
func (s *source) cacheFile(width int) string {
	return filepath.Join(s.proc.CacheDir, s.key+"-"+strconv.Itoa(width)+"."+s.format.ext())
}

// bytes returns v's bytes from the cache, encoding the picture first when
// they are not there.
func (s *source) bytes(v Variant) ([]byte, error) {
	b, err := os.ReadFile(s.cacheFile(v.Width))
	if err == nil {
		return b, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("read cached image: %w", err)
	}
	if err := s.proc.once(s); err != nil {
		return nil, err
	}
	b, err = os.ReadFile(s.cacheFile(v.Width))
	if err != nil {
		return nil, fmt.Errorf("read cached image: %w", err)
	}
	return b, nil
}

// once encodes s's variants, or waits for the Render already doing it.
func (p *Processor) once(s *source) error {
	p.mu.Lock()
	if f, ok := p.flights[s.key]; ok {
		p.mu.Unlock()
		<-f.done
		return f.err
	}
	if p.flights == nil {
		p.flights = map[string]*flight{}
	}
	f := &flight{done: make(chan struct{})}
	p.flights[s.key] = f
	p.mu.Unlock()

	f.err = s.encode()
	close(f.done)
	p.mu.Lock()
	delete(p.flights, s.key)
	p.mu.Unlock()
	return f.err
}

// encode decodes the source once and writes every variant missing from the
// cache.
func (s *source) encode() error {
	data, err := fs.ReadFile(s.fsys, s.name)
	if err != nil {
		return fmt.Errorf("read image %s: %w", s.name, err)
	}
	if sha256.Sum256(data) != s.sum {
		// The variants' names were given out for the old bytes.
		return fmt.Errorf("image %s changed during the build", s.name)
	}
	s.proc.decodes.Add(1)
	m, err := s.format.decode(bytes.NewReader(data))
	if err != nil {
		return &Error{Name: s.name, Problem: s.format.damaged()}
	}
	if err := os.MkdirAll(s.proc.CacheDir, 0o755); err != nil {
		return fmt.Errorf("image cache: %w", err)
	}
	// Widest first, each variant resampled from the one before: scaling a
	// 12-megapixel photo once rather than three times is most of the work.
	var buf bytes.Buffer
	for i := len(s.variants) - 1; i >= 0; i-- {
		v := s.variants[i]
		small := resize(m, v.Width, v.Height, s.orientation)
		m = small
		name := s.cacheFile(v.Width)
		if _, err := os.Stat(name); err == nil {
			continue
		}
		buf.Reset()
		if err := s.write(&buf, orient(small, s.orientation)); err != nil {
			return fmt.Errorf("encode %s: %w", v.Path, err)
		}
		if err := writeAtomic(name, buf.Bytes()); err != nil {
			return fmt.Errorf("image cache: %w", err)
		}
	}
	return nil
}

// resize returns m at the size of a w×h variant, still in the stored
// orientation o: the small result is turned afterwards.
func resize(m image.Image, w, h, o int) *image.RGBA {
	if o >= 5 {
		w, h = h, w
	}
	dst := image.NewRGBA(image.Rect(0, 0, w, h))
	if m.Bounds().Dx() == w && m.Bounds().Dy() == h {
		draw.Draw(dst, dst.Bounds(), m, m.Bounds().Min, draw.Src)
	} else {
		// Catmull-Rom: sharp, without the ringing Lanczos leaves on edges.
		draw.CatmullRom.Scale(dst, dst.Bounds(), m, m.Bounds(), draw.Src, nil)
	}
	return dst
}

// write encodes m in the source's format. The encoders write pixels only:
// no Exif, no comment, no text chunk.
func (s *source) write(buf *bytes.Buffer, m image.Image) error {
	if s.format == formatPNG {
		return png.Encode(buf, m)
	}
	return jpeg.Encode(buf, m, &jpeg.Options{Quality: s.proc.quality()})
}

// writeAtomic writes data to name through a temporary file renamed into
// place, so that a concurrent or interrupted build never reads half a file.
func writeAtomic(name string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(name), ".tmp-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), name)
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}
