package imaging

import "image"

// orient returns m turned as EXIF orientation o asks, so that it is seen
// the right way up once the tag is gone. Values 5 to 8 swap width and
// height. m is returned as it is for 1 and for values out of range.
//
// The build resizes before it orients: turning a 960-pixel variant costs a
// fraction of turning a 12-megapixel photo, and the result is the same.
func orient(m *image.RGBA, o int) *image.RGBA {
	if o <= 1 || o > 8 {
		return m
	}
	b := m.Bounds()
	w, h := b.Dx(), b.Dy()
	dw, dh := w, h
	if o >= 5 {
		dw, dh = h, w
	}
	d := image.NewRGBA(image.Rect(0, 0, dw, dh))
	for y := range dh {
		for x := range dw {
			sx, sy := stored(o, x, y, w, h)
			si := m.PixOffset(b.Min.X+sx, b.Min.Y+sy)
			di := y*d.Stride + 4*x
			copy(d.Pix[di:di+4], m.Pix[si:si+4])
		}
	}
	return d
}

// stored gives the pixel of a w×h stored picture that is seen at (x, y)
// once orientation o is applied. In the Exif standard's words, o says where
// the stored picture's first row and first column are seen: 6 puts the first
// row on the right and the first column at the top (a quarter turn
// clockwise), 5 and 7 are the two diagonal mirrors, 2 and 4 the plain ones.
func stored(o, x, y, w, h int) (int, int) {
	switch o {
	case 2: // mirrored left to right
		return w - 1 - x, y
	case 3: // half turn
		return w - 1 - x, h - 1 - y
	case 4: // mirrored top to bottom
		return x, h - 1 - y
	case 5: // mirrored along the top-left to bottom-right diagonal
		return y, x
	case 6: // quarter turn clockwise
		return y, h - 1 - x
	case 7: // mirrored along the other diagonal
		return w - 1 - y, h - 1 - x
	case 8: // quarter turn anticlockwise
		return w - 1 - y, x
	}
	return x, y
}
