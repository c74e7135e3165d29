package programme

import (
	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/route"
)

func (b *builder) pages(ps []*content.Page) {
	for _, cp := range ps {
		if route.Reserved(cp.Slug, b.langs) {
			b.diags.Errorf(posOf(cp.File), "the page name `%s` is taken by the site itself (`%s`); rename the file", cp.Slug, b.router.Page(b.def, cp.Slug))
			continue
		}
		if cp.Broken {
			continue
		}
		trs := b.translations(cp.Translations, false)
		b.p.Pages = append(b.p.Pages, &Page{
			Slug:  cp.Slug,
			File:  cp.File,
			Title: b.text(cp.Title, trs, "title"),
			Body:  b.markdown(cp.Body, trs, "body"),
		})
	}
}

func posOf(file string) diag.Pos { return diag.Pos{File: file} }
