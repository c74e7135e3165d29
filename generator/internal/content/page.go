package content

import (
	"strings"

	"quinzaine/generator/internal/diag"
)

// Page is content/pages/<slug>.md: front matter between `---` lines, then
// the Markdown body.
type Page struct {
	Doc
	Title String
	// Body is the Markdown after the front matter; its Pos is the line
	// where it starts in the file.
	Body         String
	Translations []Translation // title, body
}

func (l *loader) loadPage(rel string) *Page {
	p := &Page{Doc: l.doc(rel)}
	data := l.read(rel)
	if data == nil {
		p.Broken = true
		return p
	}
	lines := strings.SplitAfter(string(data), "\n")
	if len(lines) == 0 || strings.TrimRight(lines[0], " \r\n") != "---" {
		l.diags.Errorf(diag.Pos{File: p.File, Line: 1}, "a page starts with front matter: a `---` line, `title: ...`, then another `---` line")
		p.Broken = true
		return p
	}
	end := -1
	for i := 1; i < len(lines); i++ {
		if strings.TrimRight(lines[i], " \r\n") == "---" {
			end = i
			break
		}
	}
	if end < 0 {
		l.diags.Errorf(diag.Pos{File: p.File, Line: 1}, "the front matter opened here is never closed by a `---` line")
		p.Broken = true
		return p
	}
	front := strings.Join(lines[1:end], "")
	if strings.TrimSpace(front) == "" {
		l.diags.Errorf(diag.Pos{File: p.File, Line: 1}, "missing field `title`")
		p.Broken = true
		return p
	}
	// The front matter starts on the file's second line.
	root := parse(p.File, []byte(front), &l.diags, 1)
	if root == nil {
		p.Broken = true
		return p
	}
	d := &decoder{file: p.File, lines: strings.Split(front, "\n"), diags: &l.diags, lineOffset: 1}
	m := d.fields(root, "page", "a mapping", names(PageFields))
	d.required(m, root, PageFields)
	p.Title = d.line(m, "title")
	p.Body = String{Value: strings.Join(lines[end+1:], ""), Pos: diag.Pos{File: p.File, Line: end + 2, Col: 1}}
	p.Translations = d.translations(m, lookup(PageFields, "translations").Fields)
	return p
}
