package programme

import (
	"bytes"
	"encoding/binary"
	"flag"
	"hash/crc32"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
)

var update = flag.Bool("update", false, "rewrite the want sections of testdata/errors/*.txtar with the diagnostics produced")

// TestErrorFixtures runs one fixture per rule. Each testdata/errors/*.txtar
// archive holds files to write under a temporary folder (names start with
// content/), then a `want` section with the exact diagnostic lines, file
// names shown relative to that folder.
//
// Before the fixture's files, testdata/base.txtar is written (a site.yaml,
// one venue, one image) so that a fixture only shows what its rule needs;
// a fixture's file of the same name replaces the base's. The archive's
// comment says what the fixture shows, and may hold directives, one a line
// starting with a colon:
//
//	:no-base                 do not write testdata/base.txtar
//	:remove NAME             delete NAME after writing the files
//	:symlink NAME TARGET     make NAME a symbolic link to TARGET
//	:max-size N              load with Options.MaxFileSize = N
//	:drafts                  build with Options.Drafts
//	:picture NAME W H        write at NAME the header of a W×H picture,
//	                         JPEG or PNG after NAME's extension (the
//	                         loader reads no more than the header)
//
// The base's own comment may hold :picture directives.
func TestErrorFixtures(t *testing.T) {
	base, err := txtar.ParseFile(filepath.Join("testdata", "base.txtar"))
	if err != nil {
		t.Fatal(err)
	}
	names, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.txtar"))
	if len(names) == 0 {
		t.Fatal("no fixtures in testdata/errors")
	}
	for _, name := range names {
		t.Run(strings.TrimSuffix(filepath.Base(name), ".txtar"), func(t *testing.T) {
			ar, err := txtar.ParseFile(name)
			if err != nil {
				t.Fatal(err)
			}
			got := runFixture(t, base, ar)
			var want []byte
			wantAt := -1
			for i, f := range ar.Files {
				if f.Name == "want" {
					want, wantAt = f.Data, i
				}
			}
			if *update {
				if wantAt < 0 {
					ar.Files = append(ar.Files, txtar.File{Name: "want"})
					wantAt = len(ar.Files) - 1
				}
				ar.Files[wantAt].Data = []byte(got)
				if err := os.WriteFile(name, txtar.Format(ar), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			if wantAt < 0 {
				t.Fatal("no want section")
			}
			if got != string(want) {
				t.Errorf("diagnostics differ\ngot:\n%s\nwant:\n%s", got, want)
			}
			if strings.TrimSpace(got) == "" {
				t.Errorf("a fixture under testdata/errors must produce at least one diagnostic")
			}
		})
	}
}

// runFixture writes the fixture into a temporary folder, loads it and
// returns its diagnostics, one a line, with the folder's name removed.
func runFixture(t *testing.T, base, ar *txtar.Archive) string {
	t.Helper()
	dir := t.TempDir()
	copts := content.Options{}
	opts := Options{}
	directives := directiveLines(ar.Comment)
	if !slices.ContainsFunc(directives, func(d []string) bool { return d[0] == ":no-base" }) {
		writeFiles(t, dir, base.Files)
		writePictures(t, dir, directiveLines(base.Comment))
	}
	writeFiles(t, dir, ar.Files)
	for _, d := range directives {
		switch {
		case d[0] == ":no-base", d[0] == ":picture":
		case d[0] == ":remove" && len(d) == 2:
			if err := os.Remove(filepath.Join(dir, d[1])); err != nil {
				t.Fatal(err)
			}
		case d[0] == ":symlink" && len(d) == 3:
			if err := os.Symlink(d[2], filepath.Join(dir, d[1])); err != nil {
				t.Fatal(err)
			}
		case d[0] == ":drafts":
			opts.Drafts = true
		case d[0] == ":max-size" && len(d) == 2:
			n, err := strconv.ParseInt(d[1], 10, 64)
			if err != nil {
				t.Fatal(err)
			}
			copts.MaxFileSize = n
		default:
			t.Fatalf("unknown directive %q", strings.Join(d, " "))
		}
	}
	writePictures(t, dir, directives)
	_, diags := Load(filepath.Join(dir, "content"), copts, opts)
	var b bytes.Buffer
	if err := diag.WriteText(&b, diags); err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(b.String(), filepath.ToSlash(dir)+"/", "")
}

func writeFiles(t *testing.T, dir string, files []txtar.File) {
	t.Helper()
	for _, f := range files {
		if f.Name == "want" {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, f.Data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// directiveLines returns the lines of an archive's comment that start with
// a colon, split into words.
func directiveLines(comment []byte) [][]string {
	var out [][]string
	for _, line := range strings.Split(string(comment), "\n") {
		if strings.HasPrefix(line, ":") {
			out = append(out, strings.Fields(line))
		}
	}
	return out
}

// writePictures carries out the :picture directives.
func writePictures(t *testing.T, dir string, directives [][]string) {
	t.Helper()
	for _, d := range directives {
		if d[0] != ":picture" {
			continue
		}
		if len(d) != 4 {
			t.Fatalf("want :picture NAME W H, got %q", strings.Join(d, " "))
		}
		w, errW := strconv.Atoi(d[2])
		h, errH := strconv.Atoi(d[3])
		if errW != nil || errH != nil {
			t.Fatalf("%q: the size is not two whole numbers", strings.Join(d, " "))
		}
		data := jpegHeader(w, h)
		if strings.HasSuffix(d[1], ".png") {
			data = pngHeader(w, h)
		}
		writeFiles(t, dir, []txtar.File{{Name: d[1], Data: data}})
	}
}

// jpegHeader is the start of a JPEG claiming w×h pixels: a frame header,
// then a start of scan, which is where reading a header stops.
func jpegHeader(w, h int) []byte {
	return []byte{0xFF, 0xD8, 0xFF, 0xC0, 0, 11, 8, byte(h >> 8), byte(h), byte(w >> 8), byte(w), 1, 1, 0x11, 0,
		0xFF, 0xDA, 0, 8, 1, 1, 0, 0, 0x3F, 0}
}

// pngHeader is the start of a PNG claiming w×h pixels: the signature and
// its IHDR chunk.
func pngHeader(w, h int) []byte {
	ihdr := binary.BigEndian.AppendUint32([]byte("IHDR"), uint32(w))
	ihdr = binary.BigEndian.AppendUint32(ihdr, uint32(h))
	ihdr = append(ihdr, 8, 2, 0, 0, 0) // 8-bit RGB
	b := binary.BigEndian.AppendUint32([]byte("\x89PNG\r\n\x1a\n"), 13)
	b = append(b, ihdr...)
	return binary.BigEndian.AppendUint32(b, crc32.ChecksumIEEE(ihdr))
}
