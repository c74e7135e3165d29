package imaging

import "encoding/binary"

// orientation returns the EXIF orientation (1 to 8) of a JPEG file: how the
// stored pixels must be turned to be seen the right way up. It returns 1
// when the file has no Exif segment or its tag cannot be read, so a photo
// with damaged metadata is published as stored rather than refused.
//
// Only the markers before the first scan are walked: metadata always comes
// before the picture, and every length and offset is checked against the
// bytes at hand, so any input is safe (FuzzExifOrientation).
func orientation(b []byte) int {
	if len(b) < 2 || b[0] != 0xFF || b[1] != 0xD8 {
		return 1
	}
	i := 2
	for {
		if i >= len(b) || b[i] != 0xFF {
			return 1
		}
		for i < len(b) && b[i] == 0xFF { // fill bytes may pad a marker
			i++
		}
		if i >= len(b) {
			return 1
		}
		m := b[i]
		i++
		switch {
		case m == 0x01 || m == 0xD8 || m >= 0xD0 && m <= 0xD7:
			continue // markers without a length
		case m == 0x00 || m == 0xD9 || m == 0xDA:
			return 1 // not a marker, end of image, or start of scan
		}
		if i+2 > len(b) {
			return 1
		}
		n := int(b[i])<<8 | int(b[i+1]) // counts its own two bytes
		if n < 2 || i+n > len(b) {
			return 1
		}
		seg := b[i+2 : i+n]
		i += n
		// APP1 also carries XMP; only the Exif one holds the tag.
		if m == 0xE1 && len(seg) >= 6 && string(seg[:6]) == "Exif\x00\x00" {
			return tiffOrientation(seg[6:])
		}
	}
}

// tiffOrientation reads tag 0x0112 from the first image file directory of a
// TIFF structure, the body of an Exif segment. The tag is a SHORT; a LONG
// is accepted too, as some writers use one.
func tiffOrientation(t []byte) int {
	if len(t) < 8 {
		return 1
	}
	var bo binary.ByteOrder
	switch string(t[:4]) {
	case "II*\x00":
		bo = binary.LittleEndian
	case "MM\x00*":
		bo = binary.BigEndian
	default:
		return 1
	}
	// Offsets are 32-bit: compare in 64 bits so none can wrap around.
	off := uint64(bo.Uint32(t[4:8]))
	size := uint64(len(t))
	if off+2 > size {
		return 1
	}
	count := uint64(bo.Uint16(t[off:]))
	for k := range count {
		e := off + 2 + 12*k
		if e+12 > size {
			return 1
		}
		entry := t[e : e+12]
		if bo.Uint16(entry[0:2]) != 0x0112 {
			continue
		}
		typ, n := bo.Uint16(entry[2:4]), bo.Uint32(entry[4:8])
		var v uint32
		switch {
		case typ == 3 && n >= 1: // SHORT, in the first two bytes of the value
			v = uint32(bo.Uint16(entry[8:10]))
		case typ == 4 && n >= 1: // LONG
			v = bo.Uint32(entry[8:12])
		default:
			return 1
		}
		if v < 1 || v > 8 {
			return 1
		}
		return int(v)
	}
	return 1
}
