package programme

import (
	"strings"
	"time"
	_ "time/tzdata" // time zones must work on machines without a zoneinfo database

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/route"
)

// Options tune the build of the model.
type Options struct {
	// Drafts keeps events marked `draft: true`, for previews.
	Drafts bool
}

// Load reads the content folder dir and builds its programme: what `check`
// and `build` do first. The programme is nil only when there is no usable
// site.yaml; it must not be published when the list holds errors.
func Load(dir string, c content.Options, opts Options) (*Programme, diag.List) {
	t, diags := content.Load(dir, c)
	p, more := Build(t, opts)
	diags.Merge(more)
	return p, diags
}

// Build checks the rules that span several files, resolves references and
// times, and assembles the sorted model. Files that content.Load could not
// read are skipped without further complaint. Drafts are validated like
// every event but left out of the model unless opts.Drafts is set.
func Build(t *content.Tree, opts Options) (*Programme, diag.List) {
	// A first build of a Builder has nothing to reuse.
	return NewBuilder(opts).Build(t)
}

type builder struct {
	tree  *content.Tree
	opts  Options
	p     *Programme
	diags diag.List
	order *collation

	langs  []string
	def    string
	router route.Router

	venueBySlug map[string]*Venue
	brokenVenue map[string]bool
	all         []*Event // every valid event, drafts included
}

// Time zones an editor might mean, for suggestions.
var zones = []string{"Europe/Paris", "Europe/Brussels", "Europe/London", "UTC"}

func (b *builder) site(s *content.Site) {
	for _, l := range s.Languages {
		b.langs = append(b.langs, l.Value)
	}
	if len(b.langs) == 0 {
		b.langs = []string{"fr"}
	}
	b.def = b.langs[0]
	b.router = route.Router{Default: b.def}

	b.p.Location, _ = time.LoadLocation("Europe/Paris")
	if s.Timezone.Given() {
		loc, err := time.LoadLocation(s.Timezone.Value)
		if err != nil || s.Timezone.Value == "" || s.Timezone.Value == "Local" {
			b.diags.Errorf(s.Timezone.Pos, "unknown time zone `%s`%s", s.Timezone.Value, b.suggest(s.Timezone.Value, zones))
		} else {
			b.p.Location = loc
		}
	}

	trs := b.translations(s.Translations, true)
	b.p.Site = Site{
		Title:        b.text(s.Title, trs, "title"),
		BaseURL:      s.BaseURL.Value,
		Languages:    b.langs,
		Description:  b.text(s.Description, trs, "description"),
		Translations: map[string]map[string]string{},
		File:         s.File,
	}
	if b.p.Site.BaseURL != "" && !strings.HasSuffix(b.p.Site.BaseURL, "/") {
		b.p.Site.BaseURL += "/"
	}
	for _, tr := range trs {
		for k, v := range tr.Values {
			if k == "title" || k == "description" {
				continue
			}
			if b.p.Site.Translations[tr.Lang.Value] == nil {
				b.p.Site.Translations[tr.Lang.Value] = map[string]string{}
			}
			b.p.Site.Translations[tr.Lang.Value][k] = v.Value
		}
	}

	e := s.Edition
	b.p.Edition.Year = e.Year.Value
	if e.Start.Given() && e.End.Given() && !e.End.Wall().Before(e.Start.Wall()) {
		b.p.Edition.Start = e.Start.In(b.p.Location)
		b.p.Edition.End = e.End.In(b.p.Location)
	}
}

// translations keeps the translations into the site's languages and
// reports the others. site.yaml may translate into the default language:
// its interface strings override the theme's.
func (b *builder) translations(trs []content.Translation, site bool) []content.Translation {
	var out []content.Translation
	for _, tr := range trs {
		lang := tr.Lang.Value
		switch {
		case lang == b.def && !site:
			b.diags.Errorf(tr.Lang.Pos, "`translations.%s` repeats the default language; write these texts in the fields above", lang)
		case !contains(b.langs, lang):
			b.diags.Errorf(tr.Lang.Pos, "unknown language `%s` under `translations`%s", lang, b.suggestLang(lang))
		default:
			out = append(out, tr)
		}
	}
	return out
}

func (b *builder) suggestLang(lang string) string {
	if s := diag.DidYouMean(lang, b.langs); s != "" {
		return s
	}
	return "; the site's languages are " + quoteList(b.langs)
}

// text makes a Text from a default-language value and its translations.
func (b *builder) text(v content.String, trs []content.Translation, field string) Text {
	t := Text{Value: strings.TrimSpace(v.Value), Lang: b.def}
	for _, tr := range trs {
		if s, ok := tr.Values[field]; ok && tr.Lang.Value != b.def {
			if t.Translations == nil {
				t.Translations = map[string]string{}
			}
			t.Translations[tr.Lang.Value] = strings.TrimSpace(s.Value)
		}
	}
	return t
}

// markdown makes a Markdown from a default-language source and its
// translations, keeping where each starts.
func (b *builder) markdown(v content.String, trs []content.Translation, field string) Markdown {
	m := Markdown{Text: Text{Value: v.Value, Lang: b.def}, Pos: v.Pos}
	for _, tr := range trs {
		if s, ok := tr.Values[field]; ok && tr.Lang.Value != b.def {
			if m.Translations == nil {
				m.Translations = map[string]string{}
				m.TranslationPos = map[string]diag.Pos{}
			}
			m.Translations[tr.Lang.Value] = s.Value
			m.TranslationPos[tr.Lang.Value] = s.Pos
		}
	}
	return m
}

func (b *builder) terms(ts []content.Term, what string) []*Term {
	var out []*Term
	for _, t := range ts {
		term := &Term{Key: t.Key.Value, Label: Text{Lang: b.def}}
		for _, l := range t.Labels {
			switch {
			case !contains(b.langs, l.Lang.Value):
				b.diags.Errorf(l.Lang.Pos, "unknown language `%s` in the labels of `%s`%s", l.Lang.Value, t.Key.Value, b.suggestLang(l.Lang.Value))
			case l.Lang.Value == b.def:
				term.Label.Value = strings.TrimSpace(l.Text.Value)
			default:
				if term.Label.Translations == nil {
					term.Label.Translations = map[string]string{}
				}
				term.Label.Translations[l.Lang.Value] = strings.TrimSpace(l.Text.Value)
			}
		}
		if term.Label.Value == "" {
			b.diags.Errorf(t.Key.Pos, "%s `%s` has no label in `%s`, the default language", what, t.Key.Value, b.def)
		}
		out = append(out, term)
	}
	return out
}

func (b *builder) image(img content.Image, trs []content.Translation) *Image {
	if !img.Path.Given() {
		return nil
	}
	return &Image{Path: img.Path.Value, Alt: b.text(img.Alt, trs, "image_alt"), Credit: strings.TrimSpace(img.Credit.Value)}
}

// suggest proposes the closest candidate, or lists them all when there are
// few enough to read.
func (b *builder) suggest(got string, candidates []string) string {
	if s := diag.DidYouMean(got, candidates); s != "" {
		return s
	}
	if len(candidates) > 0 && len(candidates) <= 8 {
		return "; expected one of " + quoteList(candidates)
	}
	return ""
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "`" + w + "`"
	}
	return strings.Join(q, ", ")
}
