// Package imaging turns editors' photos (JPEG and PNG, straight from a
// camera or a phone) into the resized, metadata-free variants the site
// publishes, with what a page needs to show them (src, srcset, width,
// height).
//
// A build calls Open for each picture while it plans its outputs: Open reads
// the file's header, its EXIF orientation and its hash, refuses a picture
// too large to decode, and names the variants without decoding anything.
// Each Variant then renders its bytes when the build writes it, from the
// cache when it is there, decoding and encoding the source otherwise:
//
//	proc := &imaging.Processor{CacheDir: ".cache/images"} // one per build or preview session
//	pic, err := proc.Open(os.DirFS("content"), "images/bal.jpg")
//	for _, v := range pic.Variants {
//		outputs = append(outputs, site.Output{Path: v.Path, Render: v.Render})
//	}
//	img := pic.WithURL(s.URL) // Src, Srcset, Width, Height for the view model
//
// Variants are published as "images/<hash>-<name>-<width>.<ext>". The hash
// covers the source's bytes and the encoding settings, so an address never
// serves two different pictures and browsers may cache it forever. The same
// picture opened twice (an event and its venue, two languages) gives the same
// paths and the same bytes: a build lists each path once.
//
// What is published carries no metadata at all. The variants are encoded
// afresh by image/jpeg and image/png, which write pixels only: no Exif (and
// so no GPS position), no comment, no text chunk. The EXIF orientation is
// applied to the pixels first, as the tag that said how to turn them is gone.
//
// Pictures are never enlarged: widths above the original's are replaced by
// the original width.
package imaging

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"image"
	"image/jpeg"
	"image/png"
	"io"
	"io/fs"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// version changes whenever the bytes of a variant would change for the same
// source (resampling filter, encoder settings, orientation code), so that
// the cache and the published names move with it.
const version = "imaging-1"

// Defaults for a Processor's zero fields.
const (
	// DefaultMaxPixels lets through the 48-megapixel photos of recent phones.
	DefaultMaxPixels = 50_000_000
	DefaultQuality   = 80
)

// defaultWidths serve a phone (480), a tablet or a phone's dense screen
// (960) and a wide screen (1600).
var defaultWidths = []int{480, 960, 1600}

// Processor makes the published variants of pictures. Its exported fields
// are settings, read by Open; a Processor is safe for concurrent use, and
// one Processor may serve every build of a preview session. It must not be
// copied after first use.
type Processor struct {
	// CacheDir holds encoded variants between builds; required. The caller
	// chooses it (a git-ignored ".cache/images" at the repository's root).
	CacheDir string
	// Widths of the variants, in pixels; 480, 960 and 1600 when empty.
	Widths []int
	// MaxPixels refuses, before decoding, pictures of more pixels
	// (width × height): a small file may claim a size that would exhaust
	// memory. DefaultMaxPixels when zero.
	MaxPixels int64
	// Quality of JPEG variants, 1 to 100; DefaultQuality when zero.
	Quality int

	decodes atomic.Int64 // pictures decoded, for tests of the cache

	mu      sync.Mutex
	flights map[string]*flight // pictures being encoded, by key
}

// Picture is a published picture: its variants and what a template needs.
type Picture struct {
	// Src is the address of the default variant, the one at the middle of
	// the widths, or the largest when the picture is narrower than that:
	// "/images/1a2b3c4d-bal-960.jpg".
	Src string
	// Srcset lists every variant with its width, narrowest first, for a
	// srcset attribute: "/images/1a2b3c4d-bal-480.jpg 480w, ...". The sizes
	// attribute depends on the page's layout and is the caller's.
	Srcset string
	// Width and Height of the default variant, for the img element's
	// attributes, so that the page keeps the picture's room while loading.
	Width, Height int
	// Variants, narrowest first.
	Variants []Variant

	def int // index of the default variant
}

// WithURL returns p with Src and Srcset passed through url, which turns an
// address rooted at the site ("/images/...") into the link to write in a
// page: the view's URL for a site published under a path, or an absolute
// URL for a feed.
func (p Picture) WithURL(url func(address string) string) Picture {
	var set []string
	for _, v := range p.Variants {
		set = append(set, url("/"+v.Path)+" "+strconv.Itoa(v.Width)+"w")
	}
	p.Srcset = strings.Join(set, ", ")
	if len(p.Variants) > 0 {
		p.Src = url("/" + p.Variants[p.def].Path)
	}
	return p
}

// Variant is one width of a picture.
type Variant struct {
	// Path is where the variant is written, relative to the output folder
	// and slash-separated: "images/1a2b3c4d-bal-960.jpg".
	Path          string
	Width, Height int

	src *source
}

// Render writes the variant's bytes to w. It may run concurrently with any
// other Render; the first to need a picture that is not in the cache
// decodes it once and encodes all its variants, the others wait for it.
func (v Variant) Render(w io.Writer) error {
	b, err := v.Bytes()
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// Bytes returns the variant's encoded bytes, as Render writes them.
func (v Variant) Bytes() ([]byte, error) {
	if v.src == nil {
		return nil, errors.New("variant of no picture")
	}
	return v.src.bytes(v)
}

// Error is a problem in a picture that its editor can fix. Its message
// names the picture as it was given to Open, for example
// "image `images/x.jpg` is 30000×30000 pixels; the limit is 50 megapixels".
type Error struct {
	Name    string // as given to Open: "images/x.jpg"
	Problem string // what follows the name in the message
}

func (e *Error) Error() string { return "image `" + e.Name + "` " + e.Problem }

// Open reads the picture at name in fsys and names its variants. It decodes
// the header only: the pixels are decoded when a variant is first rendered
// and is not in the cache. Problems an editor can fix are returned as an
// *Error: a file that is neither JPEG nor PNG, a damaged one, one of more
// than MaxPixels pixels.
func (p *Processor) Open(fsys fs.FS, name string) (Picture, error) {
	if p.CacheDir == "" {
		return Picture{}, errors.New("open image: no cache folder")
	}
	widths, err := p.widths()
	if err != nil {
		return Picture{}, fmt.Errorf("open image %s: %w", name, err)
	}
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		return Picture{}, fmt.Errorf("open image %s: %w", name, err)
	}
	f, err := sniff(data)
	if err != nil {
		return Picture{}, &Error{Name: name, Problem: err.Error()}
	}
	cfg, err := f.config(bytes.NewReader(data))
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return Picture{}, &Error{Name: name, Problem: f.damaged()}
	}
	if limit := p.maxPixels(); int64(cfg.Width)*int64(cfg.Height) > limit {
		return Picture{}, &Error{Name: name, Problem: tooLarge(cfg, limit)}
	}
	s := &source{proc: p, fsys: fsys, name: name, format: f, orientation: 1, sum: sha256.Sum256(data)}
	if f == formatJPEG {
		s.orientation = orientation(data)
	}
	// Width and height as seen, once the orientation is applied.
	w, h := cfg.Width, cfg.Height
	if s.orientation >= 5 {
		w, h = h, w
	}
	key := sha256.Sum256(fmt.Appendf(nil, "%s\x00%d\x00%x", version, p.quality(), s.sum))
	s.key = hex.EncodeToString(key[:])
	pic := Picture{}
	target := widths[(len(widths)-1)/2]
	for _, vw := range fit(widths, w) {
		vh := max(1, (2*vw*h+w)/(2*w)) // rounded to the nearest pixel
		if vw <= target {
			pic.def = len(pic.Variants)
		}
		pic.Variants = append(pic.Variants, Variant{
			Path:  fmt.Sprintf("images/%s-%s-%d.%s", s.key[:8], slug(name), vw, f.ext()),
			Width: vw, Height: vh, src: s,
		})
	}
	s.variants = pic.Variants
	pic.Width, pic.Height = pic.Variants[pic.def].Width, pic.Variants[pic.def].Height
	return pic.WithURL(func(a string) string { return a }), nil
}

func tooLarge(cfg image.Config, limit int64) string {
	return fmt.Sprintf("is %d×%d pixels; the limit is %s megapixels",
		cfg.Width, cfg.Height, strconv.FormatFloat(float64(limit)/1e6, 'f', -1, 64))
}

// Inspect reads the header of the picture at name in fsys, and nothing
// more, and returns its size in pixels as stored. It finds what Open would
// refuse, in the same words, as an *Error: a file that is neither JPEG nor
// PNG, a damaged header, more than DefaultMaxPixels pixels. The content
// check calls it for every `image:` field, so that an editor hears of a
// bad picture with every other problem, at the field that names it, before
// a build plans anything.
func Inspect(fsys fs.FS, name string) (width, height int, err error) {
	f, err := fsys.Open(name)
	if err != nil {
		return 0, 0, fmt.Errorf("inspect image %s: %w", name, err)
	}
	defer f.Close()
	r := bufio.NewReader(f)
	head, _ := r.Peek(8)
	form, err := sniff(head)
	if err != nil {
		return 0, 0, &Error{Name: name, Problem: err.Error()}
	}
	cfg, err := form.config(r)
	if err != nil || cfg.Width <= 0 || cfg.Height <= 0 {
		return 0, 0, &Error{Name: name, Problem: form.damaged()}
	}
	if int64(cfg.Width)*int64(cfg.Height) > DefaultMaxPixels {
		return 0, 0, &Error{Name: name, Problem: tooLarge(cfg, DefaultMaxPixels)}
	}
	return cfg.Width, cfg.Height, nil
}

// fit returns the widths narrower than the picture's, then the picture's
// own width in place of every wider one.
func fit(widths []int, original int) []int {
	var out []int
	for _, w := range widths {
		if w >= original {
			return append(out, original)
		}
		out = append(out, w)
	}
	return out
}

func (p *Processor) widths() ([]int, error) {
	if len(p.Widths) == 0 {
		return defaultWidths, nil
	}
	ws := slices.Clone(p.Widths)
	slices.Sort(ws)
	if ws[0] <= 0 {
		return nil, fmt.Errorf("width %d is not positive", ws[0])
	}
	return slices.Compact(ws), nil
}

func (p *Processor) maxPixels() int64 {
	if p.MaxPixels > 0 {
		return p.MaxPixels
	}
	return DefaultMaxPixels
}

func (p *Processor) quality() int {
	if p.Quality > 0 {
		return min(p.Quality, 100)
	}
	return DefaultQuality
}

// slug makes the readable part of a variant's name from the source's file
// name: "Fête des Mineurs.JPG" gives "fete-des-mineurs".
func slug(name string) string {
	base := path.Base(name)
	base = strings.TrimSuffix(base, path.Ext(base))
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(base) {
		switch {
		case unicode.Is(unicode.Mn, r): // accents, once separated by NFD
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
			dash = false
		case r >= 'A' && r <= 'Z':
			b.WriteRune(r + 'a' - 'A')
			dash = false
		default:
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
				dash = true
			}
		}
	}
	s := strings.TrimSuffix(b.String(), "-")
	if s == "" {
		return "image"
	}
	return s
}

// format is a picture file format the site publishes.
type format int

const (
	formatJPEG format = iota
	formatPNG
)

// sniff tells the format from the file's first bytes, not its name: phones
// name HEIC files .jpg, and editors rename files.
func sniff(data []byte) (format, error) {
	switch {
	case bytes.HasPrefix(data, []byte("\xFF\xD8\xFF")):
		return formatJPEG, nil
	case bytes.HasPrefix(data, []byte("\x89PNG\r\n\x1a\n")):
		return formatPNG, nil
	}
	return 0, errors.New("is not a JPEG or PNG file; export it as JPEG")
}

func (f format) ext() string {
	if f == formatPNG {
		return "png"
	}
	return "jpg"
}

func (f format) damaged() string {
	if f == formatPNG {
		return "is damaged or not a complete PNG file; export it again"
	}
	return "is damaged or not a complete JPEG file; export it again"
}

func (f format) config(r io.Reader) (image.Config, error) {
	if f == formatPNG {
		return png.DecodeConfig(r)
	}
	return jpeg.DecodeConfig(r)
}

func (f format) decode(r io.Reader) (image.Image, error) {
	if f == formatPNG {
		return png.Decode(r)
	}
	return jpeg.Decode(r)
}
