package imaging

import (
	"bytes"
	"errors"
	"image"
	"image/jpeg"
	"io/fs"
	"math/rand/v2"
	"testing"
	"testing/fstest"
)

// noisyJPEG is a w×h JPEG of random pixels, so that it does not compress.
func noisyJPEG(t *testing.T, w, h int) []byte {
	t.Helper()
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	r := rand.New(rand.NewPCG(1, 2))
	for i := range m.Pix {
		m.Pix[i] = byte(r.IntN(256))
	}
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestInspectRefusesWhatOpenRefusesInTheSameWords(t *testing.T) {
	photo := noisyJPEG(t, 64, 48)
	fsys := fstest.MapFS{
		"images/texte.jpg":   {Data: []byte("Ceci n'est pas une image.\n")},
		"images/bombe.png":   {Data: pngHeader(100000, 100000)},
		"images/coupee.jpg":  {Data: photo[:20]},
		"images/coupee.png":  {Data: pngHeader(10, 10)[:20]},
		"images/photo.jpg":   {Data: photo},
		"images/en-tete.png": {Data: pngHeader(800, 600)},
		"images/vide.jpg":    {Data: nil},
	}
	tests := []struct{ name, want string }{
		{"images/texte.jpg", "image `images/texte.jpg` is not a JPEG or PNG file; export it as JPEG"},
		{"images/vide.jpg", "image `images/vide.jpg` is not a JPEG or PNG file; export it as JPEG"},
		{"images/bombe.png", "image `images/bombe.png` is 100000×100000 pixels; the limit is 50 megapixels"},
		{"images/coupee.jpg", "image `images/coupee.jpg` is damaged or not a complete JPEG file; export it again"},
		{"images/coupee.png", "image `images/coupee.png` is damaged or not a complete PNG file; export it again"},
	}
	proc := &Processor{CacheDir: t.TempDir()}
	for _, tt := range tests {
		_, _, err := Inspect(fsys, tt.name)
		var e *Error
		if !errors.As(err, &e) || err.Error() != tt.want {
			t.Errorf("Inspect(%s) = %v, want the *Error %q", tt.name, err, tt.want)
		}
		if _, err := proc.Open(fsys, tt.name); err == nil || err.Error() != tt.want {
			t.Errorf("Open(%s) = %v, want the same words %q", tt.name, err, tt.want)
		}
	}
	for name, size := range map[string][2]int{"images/photo.jpg": {64, 48}, "images/en-tete.png": {800, 600}} {
		if w, h, err := Inspect(fsys, name); err != nil || w != size[0] || h != size[1] {
			t.Errorf("Inspect(%s) = %d×%d, %v; want %d×%d", name, w, h, err, size[0], size[1])
		}
	}
	if _, _, err := Inspect(fsys, "images/absente.jpg"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Inspect of a missing file = %v, want fs.ErrNotExist", err)
	}
}

// countingFS counts the bytes read from its files.
type countingFS struct {
	fs.FS
	read *int
}

type countingFile struct {
	fs.File
	read *int
}

func (c countingFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	return countingFile{f, c.read}, err
}

func (c countingFile) Read(p []byte) (int, error) {
	n, err := c.File.Read(p)
	*c.read += n
	return n, err
}

func TestInspectReadsTheHeaderOnly(t *testing.T) {
	photo := noisyJPEG(t, 1000, 800)
	var read int
	fsys := countingFS{fstest.MapFS{"images/photo.jpg": {Data: photo}}, &read}
	if w, h, err := Inspect(fsys, "images/photo.jpg"); err != nil || w != 1000 || h != 800 {
		t.Fatalf("Inspect = %d×%d, %v", w, h, err)
	}
	if read > 8192 || read*10 > len(photo) {
		t.Errorf("Inspect read %d bytes of a %d-byte picture; the header is far smaller", read, len(photo))
	}
}
