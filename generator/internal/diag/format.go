package diag

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Formats lists the output formats Write accepts.
var Formats = []string{"text", "github", "json"}

// Write writes the diagnostics, sorted, in one of Formats:
//
//   - text: one line per problem, "file:line:col: message";
//   - github: GitHub Actions workflow commands
//     ("::error file=…,line=…,col=…::message"), which annotate the lines of a
//     pull request;
//   - json: one JSON array of records {file, line, col, severity, message}.
func Write(w io.Writer, format string, l List) error {
	switch format {
	case "text":
		return WriteText(w, l)
	case "github":
		return writeGitHub(w, l)
	case "json":
		return writeJSON(w, l)
	}
	return fmt.Errorf("unknown format %q", format)
}

func writeGitHub(w io.Writer, l List) error {
	var b strings.Builder
	for _, d := range l.Sorted() {
		b.WriteString("::")
		b.WriteString(d.Severity.String())
		b.WriteString(" file=")
		b.WriteString(escapeProperty(d.Pos.File))
		if d.Pos.Line > 0 {
			fmt.Fprintf(&b, ",line=%d", d.Pos.Line)
		}
		if d.Pos.Col > 0 {
			fmt.Fprintf(&b, ",col=%d", d.Pos.Col)
		}
		b.WriteString("::")
		b.WriteString(escapeData(d.Message))
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// escapeData and escapeProperty follow the escaping of the Actions toolkit
// (@actions/core command.ts), so that a message with a newline or a colon
// cannot end the command early.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// record is the JSON form of a diagnostic; its field names are an interface
// for scripts and editors' tools.
type record struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

func writeJSON(w io.Writer, l List) error {
	recs := []record{}
	for _, d := range l.Sorted() {
		recs = append(recs, record{d.Pos.File, d.Pos.Line, d.Pos.Col, d.Severity.String(), d.Message})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(recs)
}
