// Package markdown is the one goldmark configuration of the site: editors'
// Markdown becomes safe HTML, with raw HTML shown as the text it is and
// links limited to the schemes a visitor can follow safely.
package markdown

import (
	"bytes"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// Options adapts the rendering to where the HTML is shown.
type Options struct {
	// LinkPrefix is put before links and images that start with "/", so that
	// an editor's site-absolute link ("/lieux/x/") works when the site lives
	// under a sub-path ("/quinzaine/"). Empty or "/" changes nothing.
	LinkPrefix string
	// TopHeading is the level the editor's highest heading becomes: the page
	// already has its <h1>, and headings must not skip levels. Default 2.
	TopHeading int
	// Typography rewrites the text of the document, never code or links'
	// addresses; locale.French for French text.
	Typography func(string) string
}

// Renderer renders Markdown with one set of options. It is safe for
// concurrent use.
type Renderer struct {
	md goldmark.Markdown
}

// New returns a Renderer for opts.
func New(opts Options) *Renderer {
	if opts.TopHeading == 0 {
		opts.TopHeading = 2
	}
	opts.LinkPrefix = strings.TrimSuffix(opts.LinkPrefix, "/")
	return &Renderer{md: goldmark.New(
		// GFM: tables, strikethrough, autolinks, task lists. No typographer:
		// its English quotes are wrong in French; Typography does French.
		goldmark.WithExtensions(extension.GFM),
		goldmark.WithParserOptions(parser.WithASTTransformers(
			util.Prioritized(transformer(opts), 100),
		)),
		goldmark.WithRendererOptions(renderer.WithNodeRenderers(
			util.Prioritized(escapeRaw{}, 100),
		)),
	)}
}

var plain = New(Options{})

// Render renders src with the default options.
func Render(src string) (template.HTML, error) { return plain.Render(src) }

// Render turns src into HTML. Raw HTML in src comes out escaped, as text;
// links and images to other addresses than http, https, mailto, tel or a
// relative one come out as their text alone (see Report).
func (r *Renderer) Render(src string) (template.HTML, error) {
	h, _, err := r.Report(src)
	return h, err
}

// Unsafe is a link or image address that Render left out of the HTML.
type Unsafe struct {
	// Line is the line of src the link is on, from 1.
	Line int
	// URL is the address as the editor wrote it.
	URL string
}

// Report renders src like Render and also returns the addresses it left
// out, in the order they appear, so that the build can warn the editor at
// the right line: the Markdown's first line in its file plus Line - 1.
func (r *Renderer) Report(src string) (template.HTML, []Unsafe, error) {
	var out htmlWriter
	out.Grow(len(src) + len(src)/4)
	pc := parser.NewContext()
	if err := r.md.Convert([]byte(src), &out, parser.WithContext(pc)); err != nil {
		return "", nil, fmt.Errorf("render markdown: %w", err)
	}
	unsafe, _ := pc.Get(unsafeKey).([]Unsafe)
	// The HTML is goldmark's own, with every editor's character escaped.
	return template.HTML(out.String()), unsafe, nil
}

// htmlWriter is where goldmark writes: a strings.Builder that is also the
// util.BufWriter goldmark wants, so that it does not put a bufio.Writer of
// its own (4 KB per description) in front of it, and the HTML is not copied
// once more into a string at the end.
type htmlWriter struct{ strings.Builder }

var _ util.BufWriter = (*htmlWriter)(nil)

func (w *htmlWriter) Available() int { return w.Cap() - w.Len() }
func (w *htmlWriter) Buffered() int  { return 0 }
func (w *htmlWriter) Flush() error   { return nil }

type transformer Options

func (o transformer) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	src := reader.Source()
	defuse(doc, src, pc)
	top := 7
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering && h.Level < top {
			top = h.Level
		}
		return ast.WalkContinue, nil
	})
	shift := o.TopHeading - top
	var texts []*ast.Text
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(max(n.Level+shift, 1), 6)
		case *ast.Link:
			n.Destination = o.prefix(n.Destination)
		case *ast.Image:
			n.Destination = o.prefix(n.Destination)
		case *ast.AutoLink:
			return ast.WalkSkipChildren, nil
		case *ast.CodeSpan, *ast.CodeBlock, *ast.FencedCodeBlock:
			return ast.WalkSkipChildren, nil
		case *ast.Text:
			texts = append(texts, n)
		}
		return ast.WalkContinue, nil
	})
	if o.Typography == nil {
		return
	}
	// goldmark splits a line's text at characters that may start inline
	// syntax ("Entrée !" is two Texts), so typography reads each run of
	// adjacent Texts up to a line break as one.
	for i := 0; i < len(texts); {
		j := i + 1
		for j < len(texts) && texts[j] == texts[j-1].NextSibling() && !texts[j-1].SoftLineBreak() && !texts[j-1].HardLineBreak() {
			j++
		}
		run := texts[i:j]
		i = j
		var old strings.Builder
		for _, t := range run {
			if t.IsRaw() {
				old.Reset()
				break
			}
			old.Write(t.Segment.Value(src))
		}
		v := o.Typography(old.String())
		if v == old.String() {
			continue
		}
		// The new text goes in a String before the emptied Texts; the last
		// keeps its line break.
		run[0].Parent().InsertBefore(run[0].Parent(), run[0], ast.NewString([]byte(v)))
		for _, t := range run {
			t.Segment = t.Segment.WithStart(t.Segment.Stop)
		}
	}
}

func (o transformer) prefix(dest []byte) []byte {
	if o.LinkPrefix == "" || !bytes.HasPrefix(dest, []byte("/")) || bytes.HasPrefix(dest, []byte("//")) {
		return dest
	}
	return append([]byte(o.LinkPrefix), dest...)
}

// escapeRaw shows raw HTML as text: an editor who typed "<b>" sees it on the
// page and knows to write Markdown, and no script ever runs.
type escapeRaw struct{}

func (escapeRaw) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindRawHTML, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if entering {
			segs := n.(*ast.RawHTML).Segments
			for i := range segs.Len() {
				seg := segs.At(i)
				template.HTMLEscape(w, seg.Value(src))
			}
		}
		return ast.WalkSkipChildren, nil
	})
	reg.Register(ast.KindHTMLBlock, func(w util.BufWriter, src []byte, n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		b := n.(*ast.HTMLBlock)
		var raw bytes.Buffer
		lines := b.Lines()
		for i := range lines.Len() {
			line := lines.At(i)
			raw.Write(line.Value(src))
		}
		if b.HasClosure() {
			closure := b.ClosureLine
			raw.Write(closure.Value(src))
		}
		_, _ = w.WriteString("<p>")
		template.HTMLEscape(w, bytes.TrimRight(raw.Bytes(), "\n"))
		_, _ = w.WriteString("</p>\n")
		return ast.WalkSkipChildren, nil
	})
}
