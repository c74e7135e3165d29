package content_test

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"golang.org/x/tools/txtar"
	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
)

// The editors' guide, content/README.md, is the format's documentation in
// French. These tests keep it from drifting away from the code: its example
// files load without a single diagnostic, and every message it quotes is
// one the loader gives today, word for word.

var repo = filepath.Join("..", "..", "..")

type block struct {
	lang, body string
	line       int
}

var fence = regexp.MustCompile("^( *)```([a-z]*)$")

// guideBlocks returns the fenced blocks of the guide, list items' included.
func guideBlocks(t *testing.T) []block {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo, "content", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	var out []block
	var cur *block
	indent := ""
	for i, line := range strings.Split(string(data), "\n") {
		m := fence.FindStringSubmatch(line)
		switch {
		case cur == nil && m != nil:
			cur, indent = &block{lang: m[2], line: i + 1}, m[1]
		case cur != nil && m != nil && m[2] == "":
			out = append(out, *cur)
			cur = nil
		case cur != nil:
			cur.body += strings.TrimPrefix(line, indent) + "\n"
		}
	}
	return out
}

// examples sorts the guide's YAML and Markdown blocks into the complete
// files (site, venue, event, page) and the fragments of an event.
func examples(t *testing.T) (files map[string]block, fragments []block) {
	t.Helper()
	files = map[string]block{}
	for _, b := range guideBlocks(t) {
		var kind string
		switch {
		case b.lang == "markdown" && strings.HasPrefix(b.body, "---\n"):
			kind = "page"
		case b.lang != "yaml":
			continue
		case strings.Contains(b.body, "\nbase_url:"):
			kind = "site"
		case strings.HasPrefix(b.body, "name:"):
			kind = "venue"
		case strings.HasPrefix(b.body, "title:") && strings.Contains(b.body, "\nvenue:"):
			kind = "event"
		default:
			fragments = append(fragments, b)
			continue
		}
		if prev, ok := files[kind]; ok {
			t.Fatalf("README.md:%d: a second complete %s example (the first at line %d); the test takes one of each", b.line, kind, prev.line)
		}
		files[kind] = b
	}
	for _, kind := range []string{"site", "venue", "event", "page"} {
		if _, ok := files[kind]; !ok {
			t.Fatalf("the guide has no complete %s example", kind)
		}
	}
	return files, fragments
}

// loadGuideTree writes the guide's examples as a content folder, the
// event's text replaced by event, and returns every diagnostic. The event
// names the venue fosse-9-9bis: the venue example is written under that
// name too. The pictures are the shipped ones.
func loadGuideTree(t *testing.T, files map[string]block, event string) []diag.Diagnostic {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "content")
	tree := map[string]string{
		"site.yaml": files["site"].body,
		"venues/centre-historique-minier-lewarde.yaml": files["venue"].body,
		"venues/fosse-9-9bis.yaml":                     files["venue"].body,
		"events/2026/bal-des-gueules-noires.yaml":      event,
		"pages/a-propos.md":                            files["page"].body,
	}
	pictures, _ := filepath.Glob(filepath.Join(repo, "content", "images", "*"))
	for _, p := range pictures {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		tree["images/"+filepath.Base(p)] = string(data)
	}
	for name, data := range tree {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	_, diags := programme.Load(dir, content.Options{}, programme.Options{})
	return diags.Sorted()
}

func TestGuideExampleFilesLoadWithoutDiagnostics(t *testing.T) {
	files, _ := examples(t)
	if got := loadGuideTree(t, files, files["event"].body); len(got) > 0 {
		t.Errorf("the guide's examples (site line %d, venue line %d, event line %d, page line %d) give diagnostics:\n%s",
			files["site"].line, files["venue"].line, files["event"].line, files["page"].line, lines(got))
	}
}

// TestGuideFragmentsFitTheEventExample puts each YAML fragment of the guide
// (a status, another form of times, a translation) in the complete event,
// in place of the fields it gives, and loads it.
func TestGuideFragmentsFitTheEventExample(t *testing.T) {
	files, fragments := examples(t)
	timeFields := append(slices.Clone(content.TimeForms), "end")
	for _, f := range fragments {
		var frag, event yaml.Node
		if err := yaml.Unmarshal([]byte(f.body), &frag); err != nil {
			t.Errorf("README.md:%d: the fragment is not YAML: %v", f.line, err)
			continue
		}
		if len(frag.Content) == 0 || frag.Content[0].Kind != yaml.MappingNode {
			continue // a comment alone, such as the schema line
		}
		if err := yaml.Unmarshal([]byte(files["event"].body), &event); err != nil {
			t.Fatal(err)
		}
		fm, em := frag.Content[0], event.Content[0]
		drop := map[string]bool{}
		for i := 0; i < len(fm.Content); i += 2 {
			drop[fm.Content[i].Value] = true
			if slices.Contains(timeFields, fm.Content[i].Value) {
				for _, name := range timeFields {
					drop[name] = true
				}
			}
		}
		var kept []*yaml.Node
		for i := 0; i < len(em.Content); i += 2 {
			if !drop[em.Content[i].Value] {
				kept = append(kept, em.Content[i], em.Content[i+1])
			}
		}
		em.Content = append(kept, fm.Content...)
		body, err := yaml.Marshal(&event)
		if err != nil {
			t.Fatal(err)
		}
		if got := loadGuideTree(t, files, string(body)); len(got) > 0 {
			t.Errorf("README.md:%d: the fragment, put in the event example, gives diagnostics:\n%s\nthe event:\n%s", f.line, lines(got), body)
		}
	}
}

func lines(ds []diag.Diagnostic) string {
	var b strings.Builder
	for _, d := range ds {
		b.WriteString(d.String() + "\n")
	}
	return b.String()
}

var (
	diagLine = regexp.MustCompile(`^\s*\S+?\.(?:yaml|yml|md)(?::\d+:\d+)?: (?:warning: )?(.+)$`)
	quoted   = regexp.MustCompile(`«\x{00A0}?([^»]*` + "`" + `[^»]*?)\x{00A0}?»`)
	values   = regexp.MustCompile("`[^`]*`|\\d+ (?:bytes|KiB|MiB)|\\d+")
)

// shape is a message with its values (in backquotes, numbers, sizes)
// blotted out: the guide's examples need not use the fixtures' values,
// but every other word must be the code's.
func shape(msg string) string {
	return values.ReplaceAllString(strings.TrimSpace(msg), "#")
}

func TestGuideQuotesTheCurrentMessages(t *testing.T) {
	known := map[string]bool{}
	archives, _ := filepath.Glob(filepath.Join("..", "programme", "testdata", "errors", "*.txtar"))
	for _, name := range archives {
		ar, err := txtar.ParseFile(name)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range ar.Files {
			if f.Name != "want" {
				continue
			}
			for _, l := range strings.Split(string(f.Data), "\n") {
				if m := diagLine.FindStringSubmatch(l); m != nil {
					known[shape(m[1])] = true
				}
			}
		}
	}
	if len(known) < 50 {
		t.Fatalf("only %d messages found in the error fixtures", len(known))
	}
	data, err := os.ReadFile(filepath.Join(repo, "content", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	checked := 0
	for i, line := range strings.Split(string(data), "\n") {
		var msgs []string
		if m := diagLine.FindStringSubmatch(line); m != nil {
			msgs = append(msgs, m[1])
		}
		for _, m := range quoted.FindAllStringSubmatch(line, -1) {
			msgs = append(msgs, m[1])
		}
		for _, msg := range msgs {
			checked++
			if !known[shape(msg)] {
				t.Errorf("README.md:%d quotes a message no error fixture gives: %s", i+1, msg)
			}
		}
	}
	if checked < 10 {
		t.Errorf("only %d messages quoted in the guide were found; the patterns no longer match it", checked)
	}
}

// TestGuideFollowsFrenchTypography checks the prose of the guide, outside
// code: a narrow no-break space before : ; ! ? and a no-break space inside
// « », as a French reader expects them, never a plain space that a browser
// may break at.
func TestGuideFollowsFrenchTypography(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(repo, "content", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	code := regexp.MustCompile("`[^`]*`")
	bad := regexp.MustCompile(` [:;!?»]|« `)
	inFence := false
	for i, line := range strings.Split(string(data), "\n") {
		if fence.MatchString(line) {
			inFence = !inFence
			continue
		}
		if inFence {
			continue
		}
		prose := code.ReplaceAllString(line, "``")
		if loc := bad.FindStringIndex(prose); loc != nil {
			t.Errorf("README.md:%d: a plain space where French wants a no-break one: %q", i+1, prose[max(0, loc[0]-20):min(len(prose), loc[1]+10)])
		}
	}
}
