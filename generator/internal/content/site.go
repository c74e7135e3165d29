package content

import (
	"errors"
	"io/fs"
	"net/url"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/diag"
)

// Site is content/site.yaml.
type Site struct {
	Doc
	Title       String
	BaseURL     String
	Timezone    String // empty when left out: the programme uses Europe/Paris
	Languages   []String
	Edition     Edition
	Description String
	Categories  []Term
	Audiences   []Term
	// Translations hold `title` and `description` in other languages, and
	// any other key as an interface string that overrides the theme's.
	Translations []Translation
}

// Edition is the frame of the current edition.
type Edition struct {
	Year       Int
	Start, End Time // dates alone
	Pos        diag.Pos
}

// Term is a category or an audience: a key and its label per language.
type Term struct {
	Key    String
	Labels []Label
}

// Label is a term's name in one language.
type Label struct {
	Lang String
	Text String
}

var langForm = regexp.MustCompile(`^[a-z]{2,3}$`)

func (l *loader) loadSite() {
	const rel = "site.yaml"
	if _, err := l.root.Lstat(rel); errors.Is(err, fs.ErrNotExist) {
		l.diags.Errorf(diag.Pos{File: l.display(rel)}, "the file is missing; the site's title, languages and edition dates live in `site.yaml`")
		return
	}
	s := &Site{Doc: Doc{Slug: "site", File: l.display(rel), Rel: rel}}
	d, root := l.decode(rel)
	if root == nil {
		return
	}
	l.tree.Site = s
	m := d.fields(root, "site.yaml", "a mapping", names(SiteFields))
	d.required(m, root, SiteFields)
	s.Title = d.line(m, "title")
	s.BaseURL = d.url(m, "base_url")
	s.Timezone = d.text(m, "timezone")
	s.Description = d.text(m, "description")
	langs, _ := d.list(m, "languages")
	seen := map[string]bool{}
	for _, lang := range langs {
		switch {
		case !langForm.MatchString(lang.Value):
			d.diags.Errorf(lang.Pos, "`%s` is not a language code; use two lowercase letters such as `fr` or `en`", lang.Value)
		case seen[lang.Value]:
			d.diags.Errorf(lang.Pos, "language `%s` is listed twice", lang.Value)
		default:
			seen[lang.Value] = true
			s.Languages = append(s.Languages, lang)
		}
	}
	if f, ok := m["edition"]; ok {
		s.Edition = d.edition(f.value)
	}
	s.Categories = d.terms(m, "categories")
	s.Audiences = d.terms(m, "audiences")
	s.Translations = d.translations(m, nil)
}

func (d *decoder) edition(n *yaml.Node) Edition {
	e := Edition{Pos: d.pos(n)}
	m := d.fields(n, "edition", "a mapping with `year`, `start` and `end`", names(editionFields))
	if m == nil {
		return e
	}
	d.required(m, n, editionFields)
	e.Year = d.integer(m, "year", "2026")
	e.Start = d.time(m, "start", true)
	e.End = d.time(m, "end", true)
	if e.Start.Given() && e.End.Given() && e.End.Wall().Before(e.Start.Wall()) {
		d.diags.Errorf(e.End.Pos, "`end` %s is before `start` %s", e.End.Raw, e.Start.Raw)
	}
	if e.Year.Given() && e.Start.Given() && e.Start.Year != e.Year.Value {
		d.diags.Errorf(e.Start.Pos, "`start` %s is not in the edition's `year` %d", e.Start.Raw, e.Year.Value)
	}
	return e
}

// terms reads `categories` or `audiences`: key → label per language.
func (d *decoder) terms(m map[string]field, name string) []Term {
	f, ok := m[name]
	if !ok {
		return nil
	}
	keys := d.fields(f.value, name, "a mapping of keys to labels, such as `concert: {fr: Concert}`", nil)
	var out []Term
	for _, k := range sortedKeys(keys) {
		kf := keys[k]
		t := Term{Key: String{Value: k, Pos: d.pos(kf.key)}}
		if !ValidSlug(k) {
			d.errorf(kf.key, "the key `%s` is not a valid slug; use lowercase letters without accents, digits and hyphens", k)
			continue
		}
		labels := d.fields(kf.value, name+"."+k, "a mapping of labels per language, such as `{fr: Concert, en: Concert}`", nil)
		for _, lang := range sortedKeys(labels) {
			if s := d.scalar(labels, lang); s.Given() {
				d.checkLine(s, name+"."+k+"."+lang)
				d.checkBidi(s, name+"."+k+"."+lang)
				t.Labels = append(t.Labels, Label{Lang: String{Value: lang, Pos: d.pos(labels[lang].key)}, Text: s})
			}
		}
		out = append(out, t)
	}
	return out
}

// url reads a web address, which must be absolute and http or https.
func (d *decoder) url(m map[string]field, name string) String {
	s := d.text(m, name)
	if !s.Given() {
		return s
	}
	// url.Parse lets control characters through after `#`, and a YAML
	// escape puts them in a value whatever bytes the file holds.
	if i := strings.IndexFunc(strings.TrimSpace(s.Value), unicode.IsControl); i >= 0 {
		r, _ := utf8.DecodeRuneInString(strings.TrimSpace(s.Value)[i:])
		d.diags.Errorf(s.Pos, "`%s` contains an invisible control character %U; delete it", name, r)
		return String{}
	}
	u, err := url.Parse(strings.TrimSpace(s.Value))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		d.diags.Errorf(s.Pos, "`%s` must be a web address starting with `https://` or `http://`, found `%s`", name, s.Value)
		return String{}
	}
	// A space inside an address is what a browser sends as %20; writing it
	// so keeps the attribute, the calendar line and the CSV cell whole.
	s.Value = strings.ReplaceAll(strings.TrimSpace(s.Value), " ", "%20")
	return s
}

// decode reads and parses the YAML file rel, returning its top mapping or
// nil after reporting why it cannot be read.
func (l *loader) decode(rel string) (*decoder, *yaml.Node) {
	data := l.read(rel)
	if data == nil {
		return nil, nil
	}
	file := l.display(rel)
	root := parse(file, data, &l.diags, 0)
	return &decoder{file: file, lines: strings.Split(string(data), "\n"), diags: &l.diags}, root
}
