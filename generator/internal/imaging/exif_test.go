package imaging

import (
	"encoding/binary"
	"testing"
)

// byteOrder is binary.LittleEndian or binary.BigEndian.
type byteOrder interface {
	binary.ByteOrder
	binary.AppendByteOrder
}

// tiff builds the body of an Exif segment: a TIFF header, a first directory
// holding the orientation (when o > 0) and a pointer to a GPS directory
// placing the photo at 50°24'N, as a phone writes it.
func tiff(bo byteOrder, o int) []byte {
	var b []byte
	u16 := func(v int) { b = bo.AppendUint16(b, uint16(v)) }
	u32 := func(v int) { b = bo.AppendUint32(b, uint32(v)) }
	if bo.String() == binary.LittleEndian.String() {
		b = append(b, "II*\x00"...)
	} else {
		b = append(b, "MM\x00*"...)
	}
	u32(8) // first directory right after the header
	entries := 1
	if o > 0 {
		entries = 2
	}
	gps := 8 + 2 + 12*entries + 4
	u16(entries)
	if o > 0 {
		u16(0x0112) // Orientation
		u16(3)      // SHORT
		u32(1)
		u16(o)
		u16(0)
	}
	u16(0x8825) // GPS directory
	u16(4)      // LONG
	u32(1)
	u32(gps)
	u32(0) // no next directory
	rationals := gps + 2 + 12*2 + 4
	u16(2)
	u16(0x0001) // GPSLatitudeRef
	u16(2)      // ASCII
	u32(2)
	b = append(b, 'N', 0, 0, 0)
	u16(0x0002) // GPSLatitude
	u16(5)      // RATIONAL
	u32(3)
	u32(rationals)
	u32(0)
	for _, v := range []int{50, 1, 24, 1, 2025, 100} {
		u32(v)
	}
	return b
}

// withSegment inserts a segment with marker m right after a JPEG's SOI.
func withSegment(jpg []byte, m byte, body []byte) []byte {
	seg := []byte{0xFF, m, byte((len(body) + 2) >> 8), byte(len(body) + 2)}
	out := append([]byte{}, jpg[:2]...)
	out = append(out, seg...)
	out = append(out, body...)
	return append(out, jpg[2:]...)
}

func exifSegment(bo byteOrder, o int) []byte {
	return append([]byte("Exif\x00\x00"), tiff(bo, o)...)
}

// minimal is the smallest prefix the walker needs: SOI, then SOS.
var minimal = []byte{0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02}

func TestOrientationReadsTheExifTag(t *testing.T) {
	xmp := append([]byte("http://ns.adobe.com/xap/1.0/\x00"), "<x:xmpmeta/>"...)
	long := tiff(binary.BigEndian, 0)
	// A LONG orientation, as some writers give: patch a directory in.
	long = append(long[:8:8], binary.BigEndian.AppendUint16(nil, 1)...)
	long = append(long, 0x01, 0x12, 0, 4, 0, 0, 0, 1, 0, 0, 0, 7, 0, 0, 0, 0)
	afterScan := append(append([]byte{}, minimal...), 0xFF, 0xE1, 0, 0x40)
	afterScan = append(afterScan, exifSegment(binary.LittleEndian, 6)...)

	tests := []struct {
		name string
		data []byte
		want int
	}{
		{"little-endian", withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 6)), 6},
		{"big-endian", withSegment(minimal, 0xE1, exifSegment(binary.BigEndian, 8)), 8},
		{"every value", withSegment(minimal, 0xE1, exifSegment(binary.BigEndian, 5)), 5},
		{"LONG value", withSegment(minimal, 0xE1, append([]byte("Exif\x00\x00"), long...)), 7},
		{"XMP segment first", withSegment(withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 3)), 0xE1, xmp), 3},
		{"after a JFIF segment", withSegment(withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 2)), 0xE0, []byte("JFIF\x00\x01\x01")), 2},
		{"no orientation tag", withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 0)), 1},
		{"value out of range", withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 9)), 1},
		{"value 65535", withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 0xFFFF)), 1},
		{"no Exif", minimal, 1},
		{"Exif after the scan starts", afterScan, 1},
		{"not a JPEG", []byte("\x89PNG\r\n\x1a\n"), 1},
		{"empty", nil, 1},
		{"truncated segment", withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 6))[:20], 1},
		{"directory past the end", withSegment(minimal, 0xE1, []byte("Exif\x00\x00II*\x00\xff\xff\xff\xff")), 1},
		{"bad byte order", withSegment(minimal, 0xE1, []byte("Exif\x00\x00XX*\x00\x08\x00\x00\x00")), 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := orientation(tt.data); got != tt.want {
				t.Errorf("orientation = %d, want %d", got, tt.want)
			}
		})
	}
}

// FuzzExifOrientation feeds any bytes to the parser, both as a whole file
// and as the body of an Exif segment: it must never panic, always answer a
// valid orientation, and find in a file the tag its Exif body holds.
func FuzzExifOrientation(f *testing.F) {
	f.Add(withSegment(minimal, 0xE1, exifSegment(binary.LittleEndian, 6)))
	f.Add(tiff(binary.BigEndian, 8))
	f.Fuzz(func(t *testing.T, data []byte) {
		if o := orientation(data); o < 1 || o > 8 {
			t.Fatalf("orientation = %d", o)
		}
		want := tiffOrientation(data)
		if want < 1 || want > 8 {
			t.Fatalf("tiffOrientation = %d", want)
		}
		if len(data) > 0xFFFF-8 {
			return
		}
		file := withSegment(minimal, 0xE1, append([]byte("Exif\x00\x00"), data...))
		if got := orientation(file); got != want {
			t.Fatalf("orientation of the file = %d, of its Exif body = %d", got, want)
		}
	})
}
