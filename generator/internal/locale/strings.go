package locale

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// Strings holds a site's interface strings in each of its languages: the
// theme's translation files (themes/default/i18n/<lang>.yaml), overridden key
// by key by site.yaml `translations`.
type Strings struct {
	def    string
	byLang map[string]map[string]string
}

// ParseStrings reads one translation file: a flat YAML map of key → string.
func ParseStrings(data []byte) (map[string]string, error) {
	var m map[string]string
	if err := yaml.Unmarshal(data, &m); err != nil {
		return nil, fmt.Errorf("parse interface strings: %w", err)
	}
	if m == nil {
		m = map[string]string{}
	}
	return m, nil
}

// NewStrings merges the theme's strings with the site's overrides. def is the
// site's default language, used when a language lacks a key.
func NewStrings(def string, theme, site map[string]map[string]string) *Strings {
	s := &Strings{def: def, byLang: map[string]map[string]string{}}
	for _, src := range []map[string]map[string]string{theme, site} {
		for lang, m := range src {
			if s.byLang[lang] == nil {
				s.byLang[lang] = map[string]string{}
			}
			for k, v := range m {
				s.byLang[lang][k] = v
			}
		}
	}
	// Typeset once here rather than at each of the build's hundreds of
	// thousands of lookups.
	for lang, m := range s.byLang {
		if french(lang) {
			for k, v := range m {
				m[k] = French(v)
			}
		}
	}
	return s
}

// Lookup returns the string for key in lang, else in the default language.
// French strings come typeset (see French), so translators type ordinary
// spaces.
func (s *Strings) Lookup(lang, key string) (string, bool) {
	v, ok := s.byLang[lang][key]
	if !ok {
		lang = s.def
		v, ok = s.byLang[lang][key]
	}
	return v, ok
}

// T returns the string for key in lang; a key no language defines is an
// error, so that a theme that uses a missing string fails the build instead
// of showing its key to readers.
func (s *Strings) T(lang, key string) (string, error) {
	if v, ok := s.Lookup(lang, key); ok {
		return v, nil
	}
	return "", fmt.Errorf("no interface string %q in language %q", key, lang)
}

// N returns the string for a count: key + ".one" or key + ".other", with
// "{n}" replaced by n. French counts 0 and 1 as singular, English only 1.
func (s *Strings) N(lang, key string, n int) (string, error) {
	form := ".other"
	if n == 1 || (french(lang) && n == 0) {
		form = ".one"
	}
	v, err := s.T(lang, key+form)
	if err != nil {
		return "", err
	}
	return strings.ReplaceAll(v, "{n}", strconv.Itoa(n)), nil
}

// Keys returns the keys defined in lang, sorted.
func (s *Strings) Keys(lang string) []string {
	keys := make([]string, 0, len(s.byLang[lang]))
	for k := range s.byLang[lang] {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
