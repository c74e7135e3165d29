package view

import (
	"quinzaine/generator/internal/programme"
)

// Image is a picture ready for an <img> element.
type Image struct {
	Src           string
	Srcset        string
	Sizes         string
	Width, Height int
	Alt           Text
	Credit        string
}

// sizes tells browsers how wide each kind of picture is shown, so they
// fetch the smallest variant that fills it: the full column up to its
// maximum width (see style.css, .wrap and .figure).
var sizes = map[string]string{
	"event": "(min-width: 60rem) 40rem, 100vw",
	"venue": "(min-width: 60rem) 40rem, 100vw",
	"card":  "(min-width: 60rem) 18rem, 100vw",
}

// image prepares a content image for a page; nil when there is none or no
// pipeline to make its variants.
func (s *Site) image(img *programme.Image, kind string) (*Image, error) {
	if img == nil || s.Pictures == nil {
		return nil, nil
	}
	pic, err := s.Pictures(img.Path)
	if err != nil {
		return nil, err
	}
	if len(pic.Variants) == 0 {
		return nil, nil
	}
	pic = pic.WithURL(s.URL)
	return &Image{Src: pic.Src, Srcset: pic.Srcset, Sizes: sizes[kind], Width: pic.Width, Height: pic.Height, Alt: s.text(img.Alt), Credit: img.Credit}, nil
}
