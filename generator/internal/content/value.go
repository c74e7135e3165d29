package content

import "quinzaine/generator/internal/diag"

// String is a text as the editor typed it. Its Pos is zero when the field
// was left out (or left empty). For Markdown fields Pos is the line where
// the text itself starts, the line after `|` or `>` in a block scalar, so
// that problems found while rendering point at the editor's real line.
type String struct {
	Value string
	Pos   diag.Pos
}

// Given reports whether the editor wrote the field.
func (s String) Given() bool { return s.Pos.Line > 0 }

// Number is a number as the editor typed it.
type Number struct {
	Value float64
	Pos   diag.Pos
}

// Given reports whether the editor wrote the field.
func (n Number) Given() bool { return n.Pos.Line > 0 }

// Int is a whole number as the editor typed it.
type Int struct {
	Value int
	Pos   diag.Pos
}

// Given reports whether the editor wrote the field.
func (n Int) Given() bool { return n.Pos.Line > 0 }

// Bool is a yes/no value as the editor typed it.
type Bool struct {
	Value bool
	Pos   diag.Pos
}

// Translation holds the texts given under `translations.<lang>`. Values is
// keyed by field name (`title`, `description`...), the names editors use.
type Translation struct {
	Lang   String
	Values map[string]String
}

// Image is a picture with its text alternative.
type Image struct {
	Path   String // relative to content/, slash-separated
	Alt    String
	Credit String
}
