package content

import (
	"bytes"
	"fmt"
	"math"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/diag"
)

// Limits on what aliases may do. A few kilobytes of YAML can name the same
// anchor a billion times over; counting the values reached through aliases
// stops such a file long before it exhausts memory.
const (
	maxAliasValues = 10000
	maxDepth       = 64
)

// decoder reads one file's YAML nodes into positioned values, recording
// every problem in diags.
type decoder struct {
	file  string   // as shown to editors: content/venues/x.yaml
	lines []string // the source, for the columns of block scalars
	diags *diag.List
	// lineOffset shifts every line, for front matter that does not start
	// at the top of its file.
	lineOffset int
	// meant records, per mapping, the field names suggested for unknown
	// keys, so that `titel` does not also report a missing `title`.
	meant map[*yaml.Node]map[string]bool
	// blank records, per mapping, the fields written with an empty value
	// (nothing, "" or only spaces), by name, with that value: they count as
	// left out, and a required one is reported where it is empty rather
	// than as missing from the whole mapping.
	blank map[*yaml.Node]map[string]*yaml.Node
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: n.Line + d.lineOffset, Col: n.Column}
}

func (d *decoder) errorf(n *yaml.Node, format string, args ...any) {
	d.diags.Errorf(d.pos(n), format, args...)
}

func (d *decoder) warnf(n *yaml.Node, format string, args ...any) {
	d.diags.Warnf(d.pos(n), format, args...)
}

// checkText refuses what is not UTF-8 text, pointing at the first bad
// byte, and drops a byte-order mark.
func checkText(file string, data []byte, diags *diag.List) ([]byte, bool) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	valid := utf8.Valid(data)
	if valid && !hasControl(data) {
		return data, true
	}
	line, col := 1, 1
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size <= 1 {
			diags.Errorf(diag.Pos{File: file, Line: line, Col: col},
				"the file is not UTF-8 text (byte 0x%02X); save it again choosing the UTF-8 encoding", data[i])
			return nil, false
		}
		if valid && forbidden(r) {
			diags.Errorf(diag.Pos{File: file, Line: line, Col: col},
				"the file contains an invisible control character %U; delete it", r)
			return nil, false
		}
		if lineEnd(r, data[i+size:]) {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil, false
}

// lineEnd reports whether r, followed by rest, ends a line the way YAML
// counts them (and editors show them): LF, CR LF, a lone CR, NEL, LS, PS.
func lineEnd(r rune, rest []byte) bool {
	switch r {
	case '\n', 0x85, 0x2028, 0x2029:
		return true
	case '\r':
		return len(rest) == 0 || rest[0] != '\n'
	}
	return false
}

// forbidden reports the control characters a text file may not hold: YAML
// refuses them without saying where, and in Markdown they would reach the
// page. Tabs and line ends are text; so is NEL (U+0085), which YAML reads as
// a line end.
func forbidden(r rune) bool {
	return unicode.IsControl(r) && r != '\t' && r != '\n' && r != '\r' && r != 0x85
}

// hasControl reports whether the UTF-8 text data holds a forbidden rune. A
// control character is a Latin-1 rune: a byte below 0x80, or 0xC2 and the
// byte after it. Looking at bytes rather than decoding runes matters at
// ten thousand files.
func hasControl(data []byte) bool {
	for i, c := range data {
		switch {
		case c < utf8.RuneSelf:
			if forbidden(rune(c)) {
				return true
			}
		case c == 0xC2 && i+1 < len(data):
			if forbidden(rune(data[i+1])) {
				return true
			}
		}
	}
	return false
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// syntaxHints explain the parser's most common complaints in editors' words.
var syntaxHints = map[string]string{
	"mapping values are not allowed in this context":         "put quotes around a text that contains `: `, or check the indentation of the line above",
	"did not find expected key":                              "check the indentation: fields of the same level start in the same column",
	"found unexpected end of stream":                         "a quote or bracket is opened and never closed",
	"found character that cannot start any token":            "indent with spaces, not tabs, and put quotes around a text starting with `@` or a backquote",
	"did not find expected '-' indicator":                    "a list item must start with `- ` at the same column as the others",
	"did not find expected ',' or ']'":                       "a list in brackets `[a, b]` is not closed, or an item needs quotes",
	"did not find expected ',' or '}'":                       "a mapping in braces `{a: 1}` is not closed, or a value needs quotes",
	"could not find expected ':'":                            "a field name must be followed by `: `",
	"found undefined tag handle":                             "put quotes around a text that starts with `!`",
	"block sequence entries are not allowed in this context": "a list item `- ` must start on its own line, below its field",
}

// parse reads one YAML document. It returns nil, having recorded why, when
// the file cannot be read as a YAML mapping.
func parse(file string, data []byte, diags *diag.List, lineOffset int) *yaml.Node {
	var doc yaml.Node
	if err := yaml.Unmarshal(data, &doc); err != nil {
		msg := err.Error()
		pos := diag.Pos{File: file}
		if m := yamlLine.FindStringSubmatch(msg); m != nil {
			pos.Line, _ = strconv.Atoi(m[1])
			pos.Line += lineOffset
			msg = m[2]
		} else {
			msg = strings.TrimPrefix(msg, "yaml: ")
			if strings.Contains(msg, "cannot start any token") {
				pos.Line = firstTabLine(data) + lineOffset
			}
		}
		text := "YAML syntax error: " + msg
		if hint, ok := syntaxHints[msg]; ok {
			text += " (" + hint + ")"
		}
		if pos.Line == lineOffset {
			pos.Line = 0
		}
		diags.Errorf(pos, "%s", text)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 || isNull(doc.Content[0]) {
		diags.Errorf(diag.Pos{File: file}, "the file is empty or holds only comments")
		return nil
	}
	root := doc.Content[0]
	d := &decoder{file: file, diags: diags, lineOffset: lineOffset}
	budget := maxAliasValues
	if !d.checkAliases(root, 0, &budget, false, nil) {
		return nil
	}
	if root.Kind != yaml.MappingNode {
		d.errorf(root, "the file must be a list of fields such as `title: ...`, found %s", kindName(root))
		return nil
	}
	return root
}

// firstTabLine finds the line the scanner's tab complaint is about, which
// yaml.v3 reports without a line.
func firstTabLine(data []byte) int {
	for i, l := range strings.Split(string(data), "\n") {
		if strings.HasPrefix(strings.TrimLeft(l, " "), "\t") {
			return i + 1
		}
	}
	return 0
}

// checkAliases walks the whole document as the aliases expand it, and
// stops at the first value past the budget or too deep.
func (d *decoder) checkAliases(n *yaml.Node, depth int, budget *int, viaAlias bool, path []*yaml.Node) bool {
	if depth > maxDepth {
		d.errorf(n, "values are nested more than %d levels deep", maxDepth)
		return false
	}
	if n.Kind == yaml.AliasNode {
		if slices.Contains(path, n.Alias) {
			d.errorf(n, "the alias `*%s` contains itself", n.Value)
			return false
		}
		viaAlias = true
		n = n.Alias
	}
	path = append(path, n)
	if viaAlias {
		*budget--
		if *budget < 0 {
			d.errorf(n, "aliases (`*name`) expand to more than %d values; write the values out instead", maxAliasValues)
			return false
		}
	}
	for _, c := range n.Content {
		if !d.checkAliases(c, depth+1, budget, viaAlias, path) {
			return false
		}
	}
	return true
}

func resolve(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && n.Kind == yaml.AliasNode && i < maxDepth; i++ {
		n = n.Alias
	}
	return n
}

func isNull(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!null"
}

// kindName names what the editor wrote, in editors' words.
func kindName(n *yaml.Node) string {
	n = resolve(n)
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	}
	switch n.ShortTag() {
	case "!!null":
		return "nothing"
	case "!!bool":
		return "`" + n.Value + "`"
	case "!!int", "!!float":
		return "a number"
	case "!!timestamp":
		return "a date"
	}
	return "a text"
}

// field is one key of a mapping with its value.
type field struct {
	key, value *yaml.Node
}

// fields reads a mapping whose keys must be among allowed. Unknown keys get
// a suggestion; a key given twice is an error. Empty values (nothing, ""
// or only spaces) count as left out; required reports those it needs. It
// returns nil when n is not a mapping (after saying so).
func (d *decoder) fields(n *yaml.Node, name, expected string, allowed []string) map[string]field {
	n = resolve(n)
	if n.Kind != yaml.MappingNode {
		d.errorf(n, "`%s` must be %s, found %s", name, expected, kindName(n))
		return nil
	}
	out := map[string]field{}
	seen := map[string]*yaml.Node{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := resolve(n.Content[i]), n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errorf(k, "a field name must be a word, found %s", kindName(k))
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errorf(k, "field `%s` is given twice (first on line %d)", k.Value, first.Line+d.lineOffset)
			continue
		}
		seen[k.Value] = k
		if allowed != nil && !contains(allowed, k.Value) {
			d.errorf(k, "unknown field `%s`%s", k.Value, diag.DidYouMean(k.Value, allowed))
			if s, ok := diag.Suggest(k.Value, allowed); ok {
				if d.meant == nil {
					d.meant = map[*yaml.Node]map[string]bool{}
				}
				if d.meant[n] == nil {
					d.meant[n] = map[string]bool{}
				}
				d.meant[n][s] = true
			}
			continue
		}
		if isNull(v) || isBlank(v) {
			if d.blank == nil {
				d.blank = map[*yaml.Node]map[string]*yaml.Node{}
			}
			if d.blank[n] == nil {
				d.blank[n] = map[string]*yaml.Node{}
			}
			d.blank[n][k.Value] = v
			continue
		}
		out[k.Value] = field{key: k, value: resolve(v)}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// isBlank reports whether n is a text holding nothing but spaces: to an
// editor, `""` and `"  "` are as empty as nothing after the colon.
func isBlank(n *yaml.Node) bool {
	n = resolve(n)
	return n.Kind == yaml.ScalarNode && n.ShortTag() == "!!str" && strings.TrimSpace(n.Value) == ""
}

// required reports the required fields of a mapping that are missing, at
// the mapping's own position, or left empty, where the value is empty,
// with what to write there.
func (d *decoder) required(m map[string]field, at *yaml.Node, fields []Field) {
	for _, f := range fields {
		if !f.Required {
			continue
		}
		if _, ok := m[f.Name]; ok || d.meant[resolve(at)][f.Name] {
			continue
		}
		if v := d.blank[resolve(at)][f.Name]; v != nil {
			d.errorf(v, "`%s` is empty; %s", f.Name, emptyHint(f))
			continue
		}
		d.errorf(at, "missing field `%s`", f.Name)
	}
}

// emptyHints say what to write in a required field left empty, by name;
// emptyHint falls back on the kind of value for the others.
var emptyHints = map[string]string{
	"title":      "write the title",
	"name":       "write the venue's name",
	"commune":    "write the commune's name",
	"address":    "write the number and street, without the commune",
	"postcode":   "write the postcode, such as `62590`",
	"geo":        "write the coordinates, such as `{lat: 50.4347, lon: 2.8239}`",
	"lat":        "write the latitude, such as `50.4347`",
	"lon":        "write the longitude, such as `2.8239`",
	"venue":      "write the file name of a venue in `venues/` without `.yaml`, such as `fosse-9-9bis`",
	"categories": "list at least one category, such as `[concert]`",
	"base_url":   "write the address the site is published at, such as `https://quinzaine.example.org/`",
	"languages":  "list the site's languages, the default first, such as `[fr, en]`",
	"edition":    "write its `year`, `start` and `end`",
	"year":       "write the year, such as `2026`",
	"hours":      "write the opening hours, such as `\"14:00-18:00\"`",
}

func emptyHint(f Field) string {
	if h, ok := emptyHints[f.Name]; ok {
		return h
	}
	switch f.Kind {
	case KindDate:
		return "write a date such as `2026-06-27`"
	case KindTime:
		return "write a date and time such as `2026-06-27T20:30`, or a date alone"
	case KindNumber, KindInt:
		return "write a number"
	}
	return "write a value"
}

// text reads a one-line or multi-line text. Numbers and dates are accepted
// as written: a postcode such as 59287 is a text to the editor. A
// direction control in it is worth a warning (checkBidi).
func (d *decoder) text(m map[string]field, name string) String {
	s := d.scalar(m, name)
	d.checkBidi(s, name)
	return s
}

// scalar reads a text as text does, without checking what it holds.
func (d *decoder) scalar(m map[string]field, name string) String {
	f, ok := m[name]
	if !ok {
		return String{}
	}
	if f.value.Kind != yaml.ScalarNode {
		d.errorf(f.value, "`%s` must be a text, found %s", name, kindName(f.value))
		return String{}
	}
	return String{Value: f.value.Value, Pos: d.pos(f.value)}
}

// line reads a text shown as one line, a title or a name. A control
// character in it (NUL, escape, a tab or line break inside the text) is
// invisible on the page, garbles partners' listings and calendar files, and
// is nearly always pasted by accident: it is an error, naming the text it
// follows so that the editor can find it. Line breaks around the text, as
// a folded block scalar leaves, are not counted.
func (d *decoder) line(m map[string]field, name string) String {
	s := d.text(m, name)
	d.checkLine(s, name)
	return s
}

func (d *decoder) checkLine(s String, name string) {
	v := strings.TrimSpace(s.Value)
	for i, r := range v {
		if !unicode.IsControl(r) {
			continue
		}
		where := "at its start"
		if i > 0 {
			where = fmt.Sprintf("after `%s`", lastWords(v[:i]))
		}
		d.diags.Errorf(s.Pos, "`%s` contains an invisible control character %U %s; delete it", name, r, where)
		return
	}
}

// checkBidi warns about the invisible controls that change the direction
// of text: embeddings and overrides (U+202A to U+202E) and isolates (U+2066
// to U+2069). Pasted from a web page, or slipped in on purpose, a
// right-to-left override shows "Bal \u202Eriob" as "Bal bior" in a
// browser, a calendar, a feed or a partner's listing alike, so only the
// loader can catch it for every output. French content has no use for
// them; a name in Arabic or Hebrew might, which is why this is a warning.
// Markdown texts are not checked: they are not shown inline.
func (d *decoder) checkBidi(s String, name string) {
	v := strings.TrimSpace(s.Value)
	for i, r := range v {
		if !isBidiControl(r) {
			continue
		}
		where := "at its start"
		if i > 0 {
			where = fmt.Sprintf("after `%s`", lastWords(v[:i]))
		}
		d.diags.Warnf(s.Pos, "`%s` contains an invisible direction control %U %s, which can show the text in another order than typed; delete it", name, r, where)
		return
	}
}

func isBidiControl(r rune) bool {
	return r >= 0x202A && r <= 0x202E || r >= 0x2066 && r <= 0x2069
}

// lastWords returns the end of s, at most 20 characters, for a message.
func lastWords(s string) string {
	r := []rune(s)
	if len(r) > 20 {
		r = r[len(r)-20:]
	}
	return strings.TrimSpace(string(r))
}

// markdown reads a Markdown text, keeping the line where the text starts.
func (d *decoder) markdown(m map[string]field, name string) String {
	s := d.scalar(m, name)
	if !s.Given() {
		return s
	}
	n := m[name].value
	if n.Style&(yaml.LiteralStyle|yaml.FoldedStyle) != 0 {
		// The text starts below the `|` or `>`, at its own indentation.
		s.Pos.Line++
		s.Pos.Col = 1
		if i := s.Pos.Line - 1 - d.lineOffset; i >= 0 && i < len(d.lines) {
			s.Pos.Col = len(d.lines[i]) - len(strings.TrimLeft(d.lines[i], " ")) + 1
		}
	}
	return s
}

// boolean reads true or false.
func (d *decoder) boolean(m map[string]field, name string) Bool {
	f, ok := m[name]
	if !ok {
		return Bool{}
	}
	if f.value.Kind == yaml.ScalarNode {
		switch strings.ToLower(f.value.Value) {
		case "true", "yes", "oui":
			return Bool{Value: true, Pos: d.pos(f.value)}
		case "false", "no", "non":
			return Bool{Value: false, Pos: d.pos(f.value)}
		}
	}
	d.errorf(f.value, "`%s` must be `true` or `false`, found %s", name, scalarOrKind(f.value))
	return Bool{}
}

func scalarOrKind(n *yaml.Node) string {
	if n.Kind == yaml.ScalarNode {
		return "`" + n.Value + "`"
	}
	return kindName(n)
}

// number reads a number, explaining the French decimal comma.
func (d *decoder) number(m map[string]field, name, example string) Number {
	f, ok := m[name]
	if !ok {
		return Number{}
	}
	n := f.value
	if n.Kind == yaml.ScalarNode && (n.ShortTag() == "!!int" || n.ShortTag() == "!!float") {
		v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
		if err == nil && !math.IsInf(v, 0) && !math.IsNaN(v) {
			return Number{Value: v, Pos: d.pos(n)}
		}
	}
	hint := ""
	if n.Kind == yaml.ScalarNode {
		if _, err := strconv.ParseFloat(strings.Replace(n.Value, ",", ".", 1), 64); err == nil {
			hint = " (use a point, not a comma)"
		}
	}
	d.errorf(n, "`%s` must be a number such as `%s`, found %s%s", name, example, scalarOrKind(n), hint)
	return Number{}
}

// integer reads a whole number.
func (d *decoder) integer(m map[string]field, name, example string) Int {
	f, ok := m[name]
	if !ok {
		return Int{}
	}
	n := f.value
	if n.Kind == yaml.ScalarNode && n.ShortTag() == "!!int" {
		if v, err := strconv.Atoi(strings.ReplaceAll(n.Value, "_", "")); err == nil {
			return Int{Value: v, Pos: d.pos(n)}
		}
	}
	d.errorf(n, "`%s` must be a whole number such as `%s`, found %s", name, example, scalarOrKind(n))
	return Int{}
}

// list reads a list of words. A single word is accepted as a list of one,
// since `categories: concert` is what an editor means. It reports false
// when the field is left out or is not a list.
func (d *decoder) list(m map[string]field, name string) ([]String, bool) {
	f, ok := m[name]
	if !ok {
		return nil, false
	}
	n := f.value
	if n.Kind == yaml.ScalarNode {
		return []String{{Value: n.Value, Pos: d.pos(n)}}, true
	}
	if n.Kind != yaml.SequenceNode {
		d.errorf(n, "`%s` must be a list such as `[a, b]`, found %s", name, kindName(n))
		return nil, false
	}
	var out []String
	for _, c := range n.Content {
		c = resolve(c)
		if c.Kind != yaml.ScalarNode || isNull(c) {
			d.errorf(c, "each item of `%s` must be a word, found %s", name, kindName(c))
			continue
		}
		if isBlank(c) {
			d.errorf(c, "each item of `%s` must be a word, found an empty text; delete the item or write a word in it", name)
			continue
		}
		out = append(out, String{Value: c.Value, Pos: d.pos(c)})
	}
	return out, true
}

// keys checks the items of a list against a fixed vocabulary.
func (d *decoder) keys(items []String, what string, allowed []string) []String {
	var out []String
	for _, it := range items {
		if !contains(allowed, it.Value) {
			d.diags.Errorf(it.Pos, "unknown %s `%s`%s", what, it.Value, suggestOrList(it.Value, allowed))
			continue
		}
		out = append(out, it)
	}
	return out
}

// suggestOrList suggests the closest word, or lists them all when none is
// clearly closest.
func suggestOrList(got string, allowed []string) string {
	if s := diag.DidYouMean(got, allowed); s != "" {
		return s
	}
	return "; expected one of " + quoteList(allowed)
}

func quoteList(words []string) string {
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = "`" + w + "`"
	}
	return strings.Join(q, ", ")
}

// translations reads `translations.<lang>` mappings. fields are those a
// translation may hold (nil: any text, a `description` in Markdown); a
// Markdown text's position is its first line.
func (d *decoder) translations(m map[string]field, fields []Field) []Translation {
	var allowed []string
	markdown := []string{"description"}
	if fields != nil {
		allowed, markdown = names(fields), nil
		for _, f := range fields {
			if f.Kind == KindMarkdown {
				markdown = append(markdown, f.Name)
			}
		}
	}
	f, ok := m["translations"]
	if !ok {
		return nil
	}
	langs := d.fields(f.value, "translations", "a mapping of languages such as `en:`", nil)
	var out []Translation
	for _, k := range sortedKeys(langs) {
		lf := langs[k]
		tm := d.fields(lf.value, "translations."+k, "a mapping of fields such as `title:`", allowed)
		if tm == nil {
			continue
		}
		tr := Translation{Lang: String{Value: k, Pos: d.pos(lf.key)}, Values: map[string]String{}}
		for _, name := range sortedKeys(tm) {
			var s String
			switch {
			case contains(markdown, name):
				s = d.markdown(tm, name)
			case name == "title" || name == "name":
				s = d.line(tm, name)
			default:
				s = d.text(tm, name)
			}
			if s.Given() {
				tr.Values[name] = s
			}
		}
		out = append(out, tr)
	}
	return out
}

// sortedKeys returns the keys of m in the order they appear in the file.
func sortedKeys(m map[string]field) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		pa, pb := m[a].key, m[b].key
		if pa.Line != pb.Line {
			return pa.Line - pb.Line
		}
		return pa.Column - pb.Column
	})
	return keys
}

// lengthWarning warns about texts that partners' systems cut.
func (d *decoder) lengthWarning(s String, name string, limit int, who string) {
	if n := utf8.RuneCountInString(strings.TrimSpace(s.Value)); n > limit {
		d.diags.Warnf(s.Pos, "`%s` is %d characters long; %s cut it after %d", name, n, who, limit)
	}
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
