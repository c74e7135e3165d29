package imaging

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"image/png"
	"io"
	"math/rand/v2"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
)

var (
	red    = color.RGBA{220, 30, 30, 255}
	green  = color.RGBA{30, 200, 30, 255}
	blue   = color.RGBA{30, 30, 220, 255}
	yellow = color.RGBA{230, 220, 30, 255}
)

// upright is a w×h picture the right way up, a colour in each quarter so
// that any turn or mirror shows: red top left, green top right, blue bottom
// left, yellow bottom right.
func upright(w, h int) *image.RGBA {
	m := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := range h {
		for x := range w {
			c := red
			switch {
			case x >= w/2 && y < h/2:
				c = green
			case x < w/2 && y >= h/2:
				c = blue
			case x >= w/2 && y >= h/2:
				c = yellow
			}
			m.SetRGBA(x, y, c)
		}
	}
	return m
}

// rotateCW and mirror are written here independently of orient, and
// composed after the Exif standard's own names for the eight orientations.
func rotateCW(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	d := image.NewRGBA(image.Rect(0, 0, b.Dy(), b.Dx()))
	for y := range b.Dy() {
		for x := range b.Dx() {
			d.SetRGBA(b.Dy()-1-y, x, m.RGBAAt(x, y))
		}
	}
	return d
}

func mirror(m *image.RGBA) *image.RGBA {
	b := m.Bounds()
	d := image.NewRGBA(b)
	for y := range b.Dy() {
		for x := range b.Dx() {
			d.SetRGBA(b.Dx()-1-x, y, m.RGBAAt(x, y))
		}
	}
	return d
}

// storedAs returns how a camera stores picture u when it tags it with
// orientation o: the inverse of what the tag asks a viewer to do.
// 2: mirror; 3: rotate 180; 4: mirror vertically; 5: mirror and rotate
// 270 CW; 6: rotate 90 CW; 7: mirror and rotate 90 CW; 8: rotate 270 CW.
func storedAs(u *image.RGBA, o int) *image.RGBA {
	cw := func(m *image.RGBA, n int) *image.RGBA {
		for range n {
			m = rotateCW(m)
		}
		return m
	}
	switch o {
	case 2:
		return mirror(u)
	case 3:
		return cw(u, 2)
	case 4:
		return mirror(cw(u, 2))
	case 5:
		return mirror(cw(u, 1))
	case 6:
		return cw(u, 3)
	case 7:
		return mirror(cw(u, 3))
	case 8:
		return cw(u, 1)
	}
	return u
}

func encodeJPEG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := jpeg.Encode(&b, m, &jpeg.Options{Quality: 95}); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func encodePNG(t testing.TB, m image.Image) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := png.Encode(&b, m); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// phonePhoto is u as a phone would store it with orientation o: turned,
// with an Exif segment holding the tag and a GPS position, and a comment.
func phonePhoto(t testing.TB, u *image.RGBA, o int, bo byteOrder) []byte {
	jpg := encodeJPEG(t, storedAs(u, o))
	jpg = withSegment(jpg, 0xFE, []byte("Chez nous, 12 rue des Corons"))
	return withSegment(jpg, 0xE1, exifSegment(bo, o))
}

func newProcessor(t testing.TB) *Processor {
	return &Processor{CacheDir: filepath.Join(t.TempDir(), "cache")}
}

func open(t testing.TB, p *Processor, name string, data []byte) Picture {
	t.Helper()
	pic, err := p.Open(fstest.MapFS{name: {Data: data}}, name)
	if err != nil {
		t.Fatal(err)
	}
	return pic
}

func variantBytes(t testing.TB, v Variant) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := v.Render(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func near(a, b color.Color) bool {
	r1, g1, b1, _ := a.RGBA()
	r2, g2, b2, _ := b.RGBA()
	d := func(x, y uint32) bool { return max(x, y)-min(x, y) < 0x2000 }
	return d(r1, r2) && d(g1, g2) && d(b1, b2)
}

func TestEveryOrientationEndsTheRightWayUp(t *testing.T) {
	u := upright(120, 80)
	for o := 1; o <= 8; o++ {
		for _, bo := range []byteOrder{binary.LittleEndian, binary.BigEndian} {
			t.Run(strconv.Itoa(o)+"/"+bo.String(), func(t *testing.T) {
				p := newProcessor(t)
				p.Widths = []int{60, 1000}
				pic := open(t, p, "images/tel.jpg", phonePhoto(t, u, o, bo))
				if got := len(pic.Variants); got != 2 {
					t.Fatalf("%d variants, want 2", got)
				}
				for _, v := range pic.Variants {
					m, err := jpeg.Decode(bytes.NewReader(variantBytes(t, v)))
					if err != nil {
						t.Fatal(err)
					}
					b := m.Bounds()
					if b.Dx() != v.Width || b.Dy() != v.Height || v.Width*2 != v.Height*3 {
						t.Fatalf("variant %s is %v, says %d×%d, want 3:2 landscape", v.Path, b.Size(), v.Width, v.Height)
					}
					corners := []struct {
						x, y int
						want color.Color
					}{
						{b.Dx() / 8, b.Dy() / 8, red},
						{b.Dx() * 7 / 8, b.Dy() / 8, green},
						{b.Dx() / 8, b.Dy() * 7 / 8, blue},
						{b.Dx() * 7 / 8, b.Dy() * 7 / 8, yellow},
					}
					for _, c := range corners {
						if got := m.At(c.x, c.y); !near(got, c.want) {
							t.Errorf("%s: pixel (%d, %d) is %v, want %v", v.Path, c.x, c.y, got, c.want)
						}
					}
				}
			})
		}
	}
}

// segments lists a JPEG's markers up to the start of the scan.
func segments(t *testing.T, b []byte) []byte {
	t.Helper()
	var ms []byte
	for i := 2; i+4 <= len(b); {
		if b[i] != 0xFF {
			t.Fatalf("no marker at byte %d", i)
		}
		m := b[i+1]
		ms = append(ms, m)
		if m == 0xDA {
			return ms
		}
		i += 2 + (int(b[i+2])<<8 | int(b[i+3]))
	}
	t.Fatal("no start of scan")
	return nil
}

func TestPublishedPhotoHasNoMetadata(t *testing.T) {
	src := phonePhoto(t, upright(300, 200), 6, binary.BigEndian)
	if !bytes.Contains(src, []byte("Exif")) || orientation(src) != 6 {
		t.Fatal("the test photo lacks its Exif segment")
	}
	pic := open(t, newProcessor(t), "images/tel.jpg", src)
	for _, v := range pic.Variants {
		out := variantBytes(t, v)
		for _, m := range segments(t, out) {
			if m >= 0xE0 && m <= 0xEF || m == 0xFE {
				t.Errorf("%s has a segment with marker %X", v.Path, m)
			}
		}
		for _, s := range []string{"Exif", "Corons", "MM\x00*", "II*\x00"} {
			if bytes.Contains(out, []byte(s)) {
				t.Errorf("%s contains %q", v.Path, s)
			}
		}
		if got := orientation(out); got != 1 {
			t.Errorf("%s still has orientation %d", v.Path, got)
		}
	}
}

// chunk is a PNG chunk with its length and checksum.
func chunk(typ string, data []byte) []byte {
	b := binary.BigEndian.AppendUint32(nil, uint32(len(data)))
	b = append(b, typ...)
	b = append(b, data...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}

// chunkTypes lists a PNG's chunks in order.
func chunkTypes(t *testing.T, b []byte) []string {
	t.Helper()
	var types []string
	for i := 8; i < len(b); {
		if i+12 > len(b) {
			t.Fatalf("chunk cut at byte %d", i)
		}
		n := int(binary.BigEndian.Uint32(b[i:]))
		types = append(types, string(b[i+4:i+8]))
		i += 12 + n
	}
	return types
}

func TestPNGStaysPNGWithTransparencyAndNoMetadata(t *testing.T) {
	m := image.NewNRGBA(image.Rect(0, 0, 200, 100))
	for y := range 100 {
		for x := range 100 { // left half opaque red, right half transparent
			m.SetNRGBA(x, y, color.NRGBA{200, 0, 0, 255})
		}
	}
	src := encodePNG(t, m)
	// Insert text and Exif chunks after IHDR (8-byte signature, 25-byte IHDR).
	meta := append(chunk("tEXt", []byte("Comment\x00GPS 50.4N 2.8E")), chunk("eXIf", tiff(binary.BigEndian, 6))...)
	src = append(append(append([]byte{}, src[:33]...), meta...), src[33:]...)

	pic := open(t, newProcessor(t), "images/logo.png", src)
	if got, want := pic.Src, "/images/"+pic.Variants[0].Path[7:15]+"-logo-200.png"; got != want {
		t.Errorf("Src = %q, want %q", got, want)
	}
	out := variantBytes(t, pic.Variants[0])
	if got := strings.Join(chunkTypes(t, out), " "); got != "IHDR IDAT IEND" {
		t.Errorf("chunks %s, want IHDR IDAT IEND", got)
	}
	d, err := png.Decode(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if _, _, _, a := d.At(150, 50).RGBA(); a != 0 {
		t.Errorf("transparent pixel has alpha %d", a)
	}
	if got := color.NRGBAModel.Convert(d.At(50, 50)); got != (color.NRGBA{200, 0, 0, 255}) {
		t.Errorf("opaque pixel is %v", got)
	}
}

func TestPicturesAreNeverEnlarged(t *testing.T) {
	tests := []struct {
		w, h   int
		want   string // width×height of each variant
		src    string // width of the default variant
		wh     [2]int
		srcset string
	}{
		{2000, 1500, "480×360 960×720 1600×1200", "960", [2]int{960, 720}, "480w 960w 1600w"},
		{1200, 800, "480×320 960×640 1200×800", "960", [2]int{960, 640}, "480w 960w 1200w"},
		{960, 540, "480×270 960×540", "960", [2]int{960, 540}, "480w 960w"},
		{700, 500, "480×343 700×500", "700", [2]int{700, 500}, "480w 700w"},
		{300, 200, "300×200", "300", [2]int{300, 200}, "300w"},
	}
	for _, tt := range tests {
		t.Run(strconv.Itoa(tt.w), func(t *testing.T) {
			// Open reads the header only: a header is enough to name the variants.
			pic := open(t, newProcessor(t), "images/x.jpg", jpegHeader(tt.w, tt.h))
			var got, set []string
			for _, v := range pic.Variants {
				got = append(got, strconv.Itoa(v.Width)+"×"+strconv.Itoa(v.Height))
				set = append(set, strconv.Itoa(v.Width)+"w")
				if !strings.Contains(pic.Srcset, "/"+v.Path+" "+strconv.Itoa(v.Width)+"w") {
					t.Errorf("Srcset %q lacks %s", pic.Srcset, v.Path)
				}
			}
			if s := strings.Join(got, " "); s != tt.want {
				t.Errorf("variants %s, want %s", s, tt.want)
			}
			if n := strings.Count(pic.Srcset, "w, ") + 1; strings.Join(set, " ") != tt.srcset || n != len(set) {
				t.Errorf("Srcset %q, want widths %s", pic.Srcset, tt.srcset)
			}
			if !strings.HasSuffix(pic.Src, "-x-"+tt.src+".jpg") || [2]int{pic.Width, pic.Height} != tt.wh {
				t.Errorf("default %s %d×%d, want width %s, %v", pic.Src, pic.Width, pic.Height, tt.src, tt.wh)
			}
		})
	}
}

func TestVariantsHaveTheSizeTheySay(t *testing.T) {
	p := newProcessor(t)
	p.Widths = []int{50, 100, 200}
	pic := open(t, p, "images/x.jpg", encodeJPEG(t, upright(150, 100)))
	var got []string
	for _, v := range pic.Variants {
		m, err := jpeg.DecodeConfig(bytes.NewReader(variantBytes(t, v)))
		if err != nil {
			t.Fatal(err)
		}
		if m.Width != v.Width || m.Height != v.Height {
			t.Errorf("%s is %d×%d, says %d×%d", v.Path, m.Width, m.Height, v.Width, v.Height)
		}
		got = append(got, strconv.Itoa(m.Width)+"×"+strconv.Itoa(m.Height))
	}
	if s := strings.Join(got, " "); s != "50×33 100×67 150×100" {
		t.Errorf("variants %s, want 50×33 100×67 150×100", s)
	}
}

func TestWithURLRewritesEveryAddress(t *testing.T) {
	pic := open(t, newProcessor(t), "images/Fête des Mineurs.JPG", jpegHeader(1000, 500))
	h := pic.Variants[0].Path[len("images/"):][:8]
	got := pic.WithURL(func(a string) string { return "https://x.org/q" + a })
	want := "https://x.org/q/images/" + h + "-fete-des-mineurs-480.jpg 480w, " +
		"https://x.org/q/images/" + h + "-fete-des-mineurs-960.jpg 960w, " +
		"https://x.org/q/images/" + h + "-fete-des-mineurs-1000.jpg 1000w"
	if got.Srcset != want {
		t.Errorf("Srcset = %q\nwant     %q", got.Srcset, want)
	}
	if want := "https://x.org/q/images/" + h + "-fete-des-mineurs-960.jpg"; got.Src != want {
		t.Errorf("Src = %q, want %q", got.Src, want)
	}
	if pic.Src != "/images/"+h+"-fete-des-mineurs-960.jpg" {
		t.Errorf("WithURL changed the original: %q", pic.Src)
	}
}

func TestSlugOfFileNames(t *testing.T) {
	for name, want := range map[string]string{
		"images/bal.jpg":                "bal",
		"images/Fête des Mineurs.JPG":   "fete-des-mineurs",
		"images/2026/IMG_20260627.jpeg": "img-20260627",
		"images/--œuvre--.png":          "uvre",
		"images/été.png":                "ete",
		"images/ß.png":                  "image",
		"images/.jpg":                   "image",
	} {
		if got := slug(name); got != want {
			t.Errorf("slug(%q) = %q, want %q", name, got, want)
		}
	}
}

// pngHeader is a PNG that claims a size in its header and holds no pixels.
func pngHeader(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32(nil, uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 6, 0, 0, 0) // 8-bit RGBA
	return append([]byte("\x89PNG\r\n\x1a\n"), chunk("IHDR", ihdr)...)
}

// jpegHeader is a JPEG that claims a size in its frame header and holds no
// pixels: a start of scan follows the frame header at once.
func jpegHeader(w, h int) []byte {
	return []byte{0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0,
		0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0}
}

func TestEditorsProblemsAreNamed(t *testing.T) {
	truncated := encodeJPEG(t, upright(64, 64))
	tests := []struct {
		name string
		data []byte
		max  int64
		want string
	}{
		{"images/bombe.png", pngHeader(100000, 100000), 0,
			"image `images/bombe.png` is 100000×100000 pixels; the limit is 50 megapixels"},
		{"images/x.jpg", jpegHeader(30000, 30000), 0,
			"image `images/x.jpg` is 30000×30000 pixels; the limit is 50 megapixels"},
		{"images/x.jpg", jpegHeader(2000, 1000), 1_500_000,
			"image `images/x.jpg` is 2000×1000 pixels; the limit is 1.5 megapixels"},
		{"images/x.gif", []byte("GIF89a\x01\x00\x01\x00"), 0,
			"image `images/x.gif` is not a JPEG or PNG file; export it as JPEG"},
		{"images/iphone.jpg", []byte("\x00\x00\x00\x18ftypheic"), 0,
			"image `images/iphone.jpg` is not a JPEG or PNG file; export it as JPEG"},
		{"images/cut.jpg", truncated[:12], 0,
			"image `images/cut.jpg` is damaged or not a complete JPEG file; export it again"},
		{"images/cut.png", pngHeader(10, 10)[:20], 0,
			"image `images/cut.png` is damaged or not a complete PNG file; export it again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newProcessor(t)
			p.MaxPixels = tt.max
			_, err := p.Open(fstest.MapFS{tt.name: {Data: tt.data}}, tt.name)
			var ie *Error
			if !errors.As(err, &ie) {
				t.Fatalf("err = %v, want an *Error", err)
			}
			if err.Error() != tt.want {
				t.Errorf("err = %q\nwant  %q", err, tt.want)
			}
			if n := p.decodes.Load(); n != 0 {
				t.Errorf("%d pictures decoded", n)
			}
		})
	}
}

func TestDamagedPixelsAreNamedWhenRendered(t *testing.T) {
	src := encodeJPEG(t, upright(640, 480))
	pic := open(t, newProcessor(t), "images/coupe.jpg", src[:len(src)/2])
	err := pic.Variants[0].Render(io.Discard)
	want := "image `images/coupe.jpg` is damaged or not a complete JPEG file; export it again"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestPictureChangedDuringTheBuildIsNotPublishedUnderItsOldName(t *testing.T) {
	fsys := fstest.MapFS{"images/x.jpg": {Data: encodeJPEG(t, upright(100, 100))}}
	p := newProcessor(t)
	pic, err := p.Open(fsys, "images/x.jpg")
	if err != nil {
		t.Fatal(err)
	}
	fsys["images/x.jpg"] = &fstest.MapFile{Data: encodeJPEG(t, upright(100, 90))}
	err = pic.Variants[0].Render(io.Discard)
	if want := "image images/x.jpg changed during the build"; err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
}

func TestUnchangedPhotoIsNotEncodedAgain(t *testing.T) {
	dir := t.TempDir()
	widths := []int{100, 200, 400}
	src := phonePhoto(t, upright(500, 375), 8, binary.LittleEndian)
	render := func(p *Processor) ([]string, [][]byte) {
		pic := open(t, p, "images/x.jpg", src)
		var paths []string
		var out [][]byte
		for _, v := range pic.Variants {
			paths = append(paths, v.Path)
			out = append(out, variantBytes(t, v))
		}
		return paths, out
	}
	first := &Processor{CacheDir: dir, Widths: widths}
	paths1, out1 := render(first)
	if n := first.decodes.Load(); n != 1 {
		t.Fatalf("first build decoded %d times, want 1", n)
	}
	second := &Processor{CacheDir: dir, Widths: widths}
	paths2, out2 := render(second)
	if n := second.decodes.Load(); n != 0 {
		t.Errorf("second build decoded %d times, want 0", n)
	}
	if strings.Join(paths1, " ") != strings.Join(paths2, " ") {
		t.Errorf("paths changed: %v then %v", paths1, paths2)
	}
	for i := range out1 {
		if !bytes.Equal(out1[i], out2[i]) {
			t.Errorf("%s changed", paths1[i])
		}
	}

	// Another quality is another picture: new names, encoded again.
	third := &Processor{CacheDir: dir, Widths: widths, Quality: 60}
	paths3, _ := render(third)
	if n := third.decodes.Load(); n != 1 || paths3[0] == paths1[0] {
		t.Errorf("at another quality: %d decodes, paths %v", n, paths3)
	}
}

func TestSameSourceSameBytesAndNewSourceNewNames(t *testing.T) {
	small := func() *Processor {
		p := newProcessor(t)
		p.Widths = []int{100, 200, 300}
		return p
	}
	src := phonePhoto(t, upright(340, 200), 3, binary.BigEndian)
	a := open(t, small(), "images/x.jpg", src)
	b := open(t, small(), "images/x.jpg", src)
	for i := range a.Variants {
		if a.Variants[i].Path != b.Variants[i].Path {
			t.Errorf("paths %s and %s", a.Variants[i].Path, b.Variants[i].Path)
		}
		if !bytes.Equal(variantBytes(t, a.Variants[i]), variantBytes(t, b.Variants[i])) {
			t.Errorf("%s differs between two builds", a.Variants[i].Path)
		}
	}
	edited := phonePhoto(t, upright(340, 201), 3, binary.BigEndian)
	c := open(t, small(), "images/x.jpg", edited)
	for _, v := range c.Variants {
		if v.Path == a.Variants[0].Path || v.Path == a.Variants[1].Path || v.Path == a.Variants[2].Path {
			t.Errorf("edited photo published as %s, the old name", v.Path)
		}
	}
}

func TestParallelRendersDecodeOnce(t *testing.T) {
	p := newProcessor(t)
	p.Widths = []int{100, 200, 300}
	src := encodeJPEG(t, upright(360, 240))
	var pics []Picture
	for range 4 { // the same picture used by several pages
		pics = append(pics, open(t, p, "images/x.jpg", src))
	}
	var wg sync.WaitGroup
	out := make([][]byte, 4*3)
	errs := make([]error, len(out))
	for i := range out {
		wg.Go(func() {
			var b bytes.Buffer
			errs[i] = pics[i/3].Variants[i%3].Render(&b)
			out[i] = b.Bytes()
		})
	}
	wg.Wait()
	if err := errors.Join(errs...); err != nil {
		t.Fatal(err)
	}
	if n := p.decodes.Load(); n != 1 {
		t.Errorf("decoded %d times, want 1", n)
	}
	for i := range out {
		if !bytes.Equal(out[i], out[i%3]) {
			t.Errorf("render %d differs", i)
		}
	}
	entries, err := filepath.Glob(filepath.Join(p.CacheDir, ".tmp-*"))
	if err != nil || len(entries) > 0 {
		t.Errorf("temporary files left: %v %v", entries, err)
	}
}

func TestOpenNeedsACacheAndPositiveWidths(t *testing.T) {
	fsys := fstest.MapFS{"images/x.jpg": {Data: encodeJPEG(t, upright(10, 10))}}
	if _, err := (&Processor{}).Open(fsys, "images/x.jpg"); err == nil || err.Error() != "open image: no cache folder" {
		t.Errorf("without a cache folder: %v", err)
	}
	p := &Processor{CacheDir: t.TempDir(), Widths: []int{480, 0}}
	if _, err := p.Open(fsys, "images/x.jpg"); err == nil || err.Error() != "open image images/x.jpg: width 0 is not positive" {
		t.Errorf("with width 0: %v", err)
	}
}

// photo is a 4000×3000 picture with the texture of a real photo (a gradient
// and noise), which encodes and resamples like one.
func photo(t testing.TB) []byte {
	r := rand.New(rand.NewPCG(1, 2))
	m := image.NewRGBA(image.Rect(0, 0, 4000, 3000))
	for y := range 3000 {
		for x := range 4000 {
			n := uint8(r.IntN(40))
			m.SetRGBA(x, y, color.RGBA{uint8(x/20) + n, uint8(y/15) + n, 120 + n, 255})
		}
	}
	return encodeJPEG(t, m)
}

func BenchmarkProcessPhoto(b *testing.B) {
	src := withSegment(photo(b), 0xE1, exifSegment(binary.LittleEndian, 6))
	base := b.TempDir()
	i := 0
	for b.Loop() {
		i++
		p := &Processor{CacheDir: filepath.Join(base, strconv.Itoa(i))}
		pic := open(b, p, "images/photo.jpg", src)
		for _, v := range pic.Variants {
			if err := v.Render(io.Discard); err != nil {
				b.Fatal(err)
			}
		}
	}
}
