package content

import (
	"os"
	"path/filepath"
	"testing"
)

// jpegHeader is the start of a JPEG claiming w×h pixels, all the loader
// reads of a picture.
func jpegHeader(w, h int) string {
	return string([]byte{0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0,
		0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0})
}

func TestCacheChecksAPictureAgainWhenItsFileChanges(t *testing.T) {
	dir := write(t, map[string]string{
		"site.yaml":            site,
		"images/bal.jpg":       jpegHeader(1200, 800),
		"events/2026/bal.yaml": "title: Bal\nvenue: fosse\ncategories: [concert]\nstart: 2026-06-27T20:30\nimage: images/bal.jpg\nimage_alt: Le bal\n",
	})
	c := NewCache(dir, Options{})
	if _, diags := c.Load(nil); diags.Len() != 0 {
		t.Fatalf("diagnostics: %v", diags.Sorted())
	}
	// The editor saves a text over the picture, under the same name.
	if err := os.WriteFile(filepath.Join(dir, "images", "bal.jpg"), []byte("pas une image"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, diags := c.Load(nil)
	want := "image `images/bal.jpg` is not a JPEG or PNG file; export it as JPEG"
	if got := diags.Sorted(); len(got) != 1 || got[0].Message != want || got[0].Pos.Line != 5 {
		t.Errorf("after the picture was replaced: %v; want line 5: %s", got, want)
	}
	if err := os.WriteFile(filepath.Join(dir, "images", "bal.jpg"), []byte(jpegHeader(800, 600)), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, diags := c.Load(nil); diags.Len() != 0 {
		t.Errorf("after the picture was exported again: %v", diags.Sorted())
	}
}
