package main

import (
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"quinzaine/generator/internal/schema"
)

const schemaUsage = `Usage: go run ./generator schema [-out DIR]

Writes the JSON Schemas of site.yaml, venue and event files, which editors'
YAML extensions read to complete and check fields as you type. They are
made from the same rules as check; run this after changing those rules.

Flags:
  -out DIR    folder to write site.schema.json, venue.schema.json and
              event.schema.json into (default schemas)
`

func runSchema(args []string, stdout, stderr io.Writer) int {
	var out string
	fs := newFlagSet("schema")
	fs.StringVar(&out, "out", "schemas", "")
	if code, done := parse(fs, schemaUsage, args, stdout, stderr); done {
		return code
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		fmt.Fprintf(stderr, "cannot create %s: %v\n", out, err)
		return exitContent
	}
	files := schema.Files()
	for _, name := range slices.Sorted(maps.Keys(files)) {
		if err := os.WriteFile(filepath.Join(out, name), files[name], 0o644); err != nil {
			fmt.Fprintf(stderr, "cannot write %s: %v\n", name, err)
			return exitContent
		}
	}
	fmt.Fprintf(stdout, "wrote %s in %s\n", plural(len(files), "schema", "schemas"), displayDir(out))
	return exitOK
}
