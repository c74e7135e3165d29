package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/scaffold"
)

const newUsage = `Usage:
  go run ./generator new event [-content DIR] SLUG
  go run ./generator new venue [-content DIR] SLUG

Writes a ready-to-fill file, every field explained in French: an event into
events/<edition year>/SLUG.yaml (a draft, so the site still builds while you
fill it in), a venue into venues/SLUG.yaml. An existing file is never
overwritten. SLUG is the file name, and the end of the page's address:
lowercase letters without accents, digits and hyphens, such as
bal-des-gueules-noires.

Flags:
  -content DIR    content folder (default content)
`

// runNew scaffolds a new event or venue file from what site.yaml says.
func runNew(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageError(stderr, newUsage, "missing what to create: %q or %q", "event", "venue")
	}
	kind := args[0]
	switch kind {
	case "-h", "-help", "--help":
		fmt.Fprint(stdout, newUsage)
		return exitOK
	case "event", "venue":
	default:
		msg := fmt.Sprintf("cannot create %q; create an %q or a %q", kind, "event", "venue")
		if s, ok := diag.Suggest(kind, []string{"event", "venue"}); ok {
			msg = fmt.Sprintf("cannot create %q; did you mean %q?", kind, s)
		}
		return usageError(stderr, newUsage, "%s", msg)
	}
	var dir string
	fs := newFlagSet("new")
	fs.StringVar(&dir, "content", "content", "")
	rest := args[1:]
	// The slug may come before or after the flags.
	var slug string
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		slug, rest = rest[0], rest[1:]
	}
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			fmt.Fprint(stdout, newUsage)
			return exitOK
		}
		return usageError(stderr, newUsage, "%s", flagProblem(fs, err))
	}
	more := fs.Args()
	if slug == "" && len(more) > 0 {
		slug, more = more[0], more[1:]
	}
	switch {
	case slug == "":
		return usageError(stderr, newUsage, "missing the name of the new %s, such as %q", kind, map[string]string{"event": "bal-des-gueules-noires", "venue": "fosse-9-9bis"}[kind])
	case len(more) > 0:
		return usageError(stderr, newUsage, "unexpected argument %q; a name has no spaces, such as %q", more[0], scaffold.Suggest(slug+" "+more[0]))
	}
	if err := scaffold.CheckSlug(slug); err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitUsage
	}
	if err := folderFlag("-content", dir); err != nil {
		return usageError(stderr, newUsage, "%v", err)
	}

	tree, diags := content.Load(dir, content.Options{})
	c, ok := scaffoldContext(tree)
	if kind == "event" && !ok {
		fmt.Fprintf(stderr, "%s gives no edition `year`, so the event's folder is unknown; fix site.yaml first (run %q)\n",
			display(dir, "site.yaml"), "go run ./generator check")
		return exitContent
	}
	var rel string
	var body []byte
	if kind == "event" {
		rel, body = scaffold.EventPath(c.Year, slug), scaffold.Event(slug, c)
	} else {
		rel, body = scaffold.VenuePath(slug), scaffold.Venue(slug)
	}
	if _, err := scaffold.Create(dir, rel, body); err != nil {
		if errors.Is(err, scaffold.ErrExists) {
			fmt.Fprintf(stderr, "%s already exists and was left as it is; choose another name, or edit that file\n", display(dir, rel))
			return exitContent
		}
		fmt.Fprintf(stderr, "cannot create %s: %v\n", display(dir, rel), err)
		return exitContent
	}
	if n := diags.Count(diag.Error); n > 0 {
		fmt.Fprintf(stderr, "note: the content has %s already (run %q to see them); the new file uses what site.yaml gives\n",
			plural(n, "error", "errors"), "go run ./generator check")
	}
	if kind == "event" {
		fmt.Fprintf(stdout, "created %s, a draft: fill it in, check it with %q, then remove `draft: true` to publish it\n",
			display(dir, rel), "go run ./generator check")
	} else {
		fmt.Fprintf(stdout, "created %s: fill in `commune`, `address`, `postcode` and `geo`, then check it with %q\n",
			display(dir, rel), "go run ./generator check")
	}
	return exitOK
}

// scaffoldContext takes from the content what a new file offers to choose
// from. It reports false when site.yaml gives no edition year.
func scaffoldContext(t *content.Tree) (scaffold.Context, bool) {
	var c scaffold.Context
	for _, v := range t.Venues {
		if !v.Broken {
			c.Venues = append(c.Venues, v.Slug)
		}
	}
	slices.Sort(c.Venues)
	s := t.Site
	if s == nil {
		return c, false
	}
	for _, term := range s.Categories {
		c.Categories = append(c.Categories, term.Key.Value)
	}
	for _, term := range s.Audiences {
		c.Audiences = append(c.Audiences, term.Key.Value)
	}
	if !s.Edition.Year.Given() {
		return c, false
	}
	c.Year = s.Edition.Year.Value
	// Without a start date site.yaml is in error anyway; the first day of
	// the year keeps the new file valid on its own.
	c.Start = fmt.Sprintf("%d-01-01", c.Year)
	if st := s.Edition.Start; st.Given() {
		c.Start = fmt.Sprintf("%04d-%02d-%02d", st.Year, st.Month, st.Day)
	}
	return c, true
}

// display names a file in the content folder as the editor sees it.
func display(dir, rel string) string {
	return filepath.ToSlash(filepath.Join(dir, filepath.FromSlash(rel)))
}
