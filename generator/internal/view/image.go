package view

import (
	"strconv"
	"strings"

	"quinzaine/generator/internal/programme"
)

// Picture is what the image pipeline made of one content image: its resized
// variants, each published at a route address.
type Picture struct {
	Variants      []Variant // narrowest first
	Width, Height int       // of the widest variant, for the page's layout
}

// Variant is one resized version of a picture.
type Variant struct {
	Address string // "/images/bal-guirlandes-960.jpg"
	Width   int
}

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
	out := &Image{Sizes: sizes[kind], Width: pic.Width, Height: pic.Height, Alt: s.text(img.Alt), Credit: img.Credit}
	var set []string
	for _, v := range pic.Variants {
		set = append(set, s.URL(v.Address)+" "+strconv.Itoa(v.Width)+"w")
	}
	out.Srcset = strings.Join(set, ", ")
	// The middle variant is a fair default for browsers without srcset.
	out.Src = s.URL(pic.Variants[len(pic.Variants)/2].Address)
	return out, nil
}
