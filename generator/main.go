// Command generator builds the festival's programme site from the content
// folder: `build` checks the content and writes the site, `check` only checks.
// Run it from the repository root with `go run ./generator build`.
package main

import (
	"io"
	"os"
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// Exit codes.
const (
	exitOK          = 0
	exitContent     = 1 // the content has errors, or the build failed
	exitUsage       = 2 // the command line is wrong
	exitInterrupted = 130
)

// run is the whole program; tests call it in-process.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		return usageError(stderr, mainUsage, "missing command")
	}
	name, rest := args[0], args[1:]
	switch name {
	case "build":
		return runBuild(rest, stdout, stderr)
	case "check":
		return runCheck(rest, stdout, stderr)
	case "new":
		return runNew(rest, stdout, stderr)
	case "schema":
		return runSchema(rest, stdout, stderr)
	case "serve":
		return runServe(rest, stdout, stderr)
	case "help", "-h", "-help", "--help":
		return runHelp(rest, stdout, stderr)
	}
	return unknownCommand(stderr, name)
}
