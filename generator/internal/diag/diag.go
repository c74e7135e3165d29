// Package diag collects the problems found in content files and reports
// them to editors: one line per problem with its position, what was found,
// what was expected and, when one candidate is clearly closest, a suggestion.
package diag

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
)

// Severity says whether a problem fails the build.
type Severity int

const (
	// Error fails the build.
	Error Severity = iota
	// Warning is reported but does not fail the build, unless checks are strict.
	Warning
)

func (s Severity) String() string {
	if s == Warning {
		return "warning"
	}
	return "error"
}

// Pos is a position in a content file. File is the path as the editor sees it
// (for example "content/events/2026/bal.yaml"); Line and Col start at 1, and
// are 0 when the problem concerns the whole file.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Diagnostic is one problem in one place.
type Diagnostic struct {
	Pos      Pos
	Severity Severity
	// Message is written for editors: values they typed in backticks, no Go
	// type names, no wrapped error chains, no final full stop.
	Message string
}

// String formats d as one line: "file:line:col: message", with "warning: "
// before the message of a warning.
func (d Diagnostic) String() string {
	if d.Severity == Warning {
		return d.Pos.String() + ": warning: " + d.Message
	}
	return d.Pos.String() + ": " + d.Message
}

// List gathers diagnostics from every phase. The zero value is ready to use.
type List struct {
	items []Diagnostic
}

// Errorf records an error at pos.
func (l *List) Errorf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Error, Message: fmt.Sprintf(format, args...)})
}

// Warnf records a warning at pos.
func (l *List) Warnf(pos Pos, format string, args ...any) {
	l.items = append(l.items, Diagnostic{Pos: pos, Severity: Warning, Message: fmt.Sprintf(format, args...)})
}

// Add records d.
func (l *List) Add(d ...Diagnostic) { l.items = append(l.items, d...) }

// Merge records every diagnostic of other.
func (l *List) Merge(other List) { l.items = append(l.items, other.items...) }

// Len is the number of diagnostics recorded.
func (l List) Len() int { return len(l.items) }

// Count returns how many diagnostics of severity s were recorded.
func (l List) Count(s Severity) int {
	n := 0
	for _, d := range l.items {
		if d.Severity == s {
			n++
		}
	}
	return n
}

// HasErrors reports whether the list holds an error. With strict, warnings
// count as errors.
func (l List) HasErrors(strict bool) bool {
	for _, d := range l.items {
		if d.Severity == Error || strict {
			return true
		}
	}
	return false
}

// Strict returns a copy of the list in which every warning is an error.
func (l List) Strict() List {
	out := List{items: slices.Clone(l.items)}
	for i := range out.items {
		out.items[i].Severity = Error
	}
	return out
}

// Sorted returns the diagnostics ordered by file, line, column, then
// message, without duplicates, so that reports are stable.
func (l List) Sorted() []Diagnostic {
	out := slices.Clone(l.items)
	slices.SortStableFunc(out, func(a, b Diagnostic) int {
		return cmp.Or(
			cmp.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
			cmp.Compare(a.Severity, b.Severity),
			cmp.Compare(a.Message, b.Message),
		)
	})
	return slices.Compact(out)
}

// WriteText writes one line per diagnostic, sorted.
func WriteText(w io.Writer, l List) error {
	var b strings.Builder
	for _, d := range l.Sorted() {
		b.WriteString(d.String())
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// Summary counts the errors and warnings and the files they are in, for
// example "2 errors in 2 files" or "1 error and 3 warnings in 2 files". It
// returns "" for an empty list.
func Summary(l List) string {
	if l.Len() == 0 {
		return ""
	}
	files := map[string]bool{}
	for _, d := range l.items {
		files[d.Pos.File] = true
	}
	var parts []string
	if n := l.Count(Error); n > 0 {
		parts = append(parts, plural(n, "error", "errors"))
	}
	if n := l.Count(Warning); n > 0 {
		parts = append(parts, plural(n, "warning", "warnings"))
	}
	return strings.Join(parts, " and ") + " in " + plural(len(files), "file", "files")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}
