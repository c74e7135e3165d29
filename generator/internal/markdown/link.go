package markdown

import (
	"bytes"
	"html"
	"net/url"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// unsafeKey holds, in a conversion's parser.Context, the addresses defuse
// left out.
var unsafeKey = parser.NewContextKey()

// SafeURL reports whether a link or image address may be published: an
// http, https, mailto or tel address, or one without a scheme (a path, a
// fragment, "//host/"). Anything else, javascript:, data:, vbscript:,
// file: and schemes nobody has thought of yet, is refused, since a visitor
// who follows it may run script or leave the web.
//
// The scheme is read the way browsers read it: they drop tabs and newlines
// anywhere in an address and spaces and control characters around it, so
// "java\tscript:" is javascript:. goldmark keeps character references
// ("&#x09;") and backslash escapes in link addresses until it writes them,
// so they are decoded here first; so are percent escapes, which a browser
// would not decode but a later tool on the way might, at the cost of a
// warning on an address nobody writes by hand.
func SafeURL(dest string) bool {
	dest = html.UnescapeString(dest)
	if u, err := url.PathUnescape(dest); err == nil {
		dest = u
	}
	s := strings.Map(func(r rune) rune {
		if r <= ' ' || r == 0x7f || r == '\\' {
			return -1
		}
		return r
	}, dest)
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.ContainsAny(s[:colon], "/?#") {
		return true // relative: no scheme at all
	}
	switch strings.ToLower(s[:colon]) {
	case "http", "https", "mailto", "tel":
		return true
	}
	return false
}

// defuse replaces every link, image and autolink whose address is not
// SafeURL by its text, and records the address with its line in pc.
// Replacing, rather than emptying the href as goldmark does for a few
// schemes, leaves no dead link on the page: the reader sees the words.
func defuse(doc *ast.Document, src []byte, pc parser.Context) {
	type found struct {
		node ast.Node
		url  []byte
	}
	var bad []found
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Link:
			if !SafeURL(string(n.Destination)) {
				bad = append(bad, found{n, n.Destination})
			}
		case *ast.Image:
			if !SafeURL(string(n.Destination)) {
				bad = append(bad, found{n, n.Destination})
			}
		case *ast.AutoLink:
			if !SafeURL(string(n.URL(src))) {
				bad = append(bad, found{n, n.URL(src)})
			}
		}
		return ast.WalkContinue, nil
	})
	if len(bad) == 0 {
		return
	}
	unsafe, _ := pc.Get(unsafeKey).([]Unsafe)
	for _, b := range bad {
		unsafe = append(unsafe, Unsafe{Line: line(src, b.node), URL: string(b.url)})
		parent := b.node.Parent()
		if parent == nil {
			continue // inside a link already replaced
		}
		if a, ok := b.node.(*ast.AutoLink); ok {
			s := ast.NewString(a.Label(src))
			parent.ReplaceChild(parent, a, s)
			continue
		}
		// A link's or image's children are its text (an image's, its
		// alternative text): they take its place.
		for c := b.node.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, b.node, c)
			c = next
		}
		parent.RemoveChild(parent, b.node)
	}
	pc.Set(unsafeKey, unsafe)
}

// line returns the line of src, from 1, where n or, failing that, its
// nearest ancestor with a known position starts.
func line(src []byte, n ast.Node) int {
	for ; n != nil; n = n.Parent() {
		if p := n.Pos(); p >= 0 && p <= len(src) {
			return bytes.Count(src[:p], []byte("\n")) + 1
		}
		if n.Type() == ast.TypeBlock && n.Lines().Len() > 0 {
			return bytes.Count(src[:n.Lines().At(0).Start], []byte("\n")) + 1
		}
	}
	return 1
}
