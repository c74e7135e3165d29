package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"os/signal"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"

	"quinzaine/generator/internal/diag"
)

// The usage texts are an interface: tests compare them word for word.
const (
	mainUsage = `Usage:
  go run ./generator build [-content DIR] [-theme DIR] [-out DIR] [-drafts] [-base-url URL] [-previous PATH|URL]
  go run ./generator serve [-content DIR] [-theme DIR] [-drafts] [-base-url URL] [-addr HOST:PORT]
  go run ./generator check [-content DIR] [-strict] [-format text|github|json] [-previous PATH|URL]
  go run ./generator new event|venue [-content DIR] SLUG
  go run ./generator schema [-out DIR]

Commands:
  build   check the content, then write the site into the output folder
  serve   preview the site in the browser, updated at every save
  check   check the content only; writes nothing
  new     write a ready-to-fill event or venue file
  schema  write the JSON Schemas of the content files, for editors' tools

Run "go run ./generator COMMAND -h" for the flags of a command.
`
	buildUsage = `Usage: go run ./generator build [-content DIR] [-theme DIR] [-out DIR] [-drafts] [-base-url URL] [-previous PATH|URL]

Checks the content, then writes the site into the output folder. When the
content has errors, every one is listed and the output folder is left as it
was; it is replaced only by a complete build.

Flags:
  -content DIR    content folder (default content)
  -theme DIR      theme folder (default themes/default)
  -out DIR        output folder, replaced as a whole (default public)
  -drafts         include the events marked draft: true
  -base-url URL   address the site is published at, instead of base_url in site.yaml
  -previous PATH|URL
                  the last publication's donnees/evenements.json, to tell what
                  changed since (default: the one in the output folder)
`
	checkUsage = `Usage: go run ./generator check [-content DIR] [-strict] [-format text|github|json] [-previous PATH|URL]

Checks the content, drafts included, and lists every problem found. Writes
nothing.

Flags:
  -content DIR    content folder (default content)
  -strict         treat warnings as errors
  -format NAME    how problems are written: text (default), github (pull
                  request annotations) or json
  -previous PATH|URL
                  also tell what changed since this publication: an output
                  folder such as public, or its donnees/evenements.json
`
)

var commandNames = []string{"build", "check", "help", "new", "schema", "serve"}

// usageError reports a wrong command line: the problem, then the usage.
func usageError(stderr io.Writer, usage, format string, args ...any) int {
	fmt.Fprintf(stderr, format+"\n\n", args...)
	fmt.Fprint(stderr, usage)
	return exitUsage
}

func unknownCommand(stderr io.Writer, name string) int {
	if strings.HasPrefix(name, "-") {
		return usageError(stderr, mainUsage, "flag %q given before the command; the command comes first, as in %q", name, "build "+name+" ...")
	}
	msg := fmt.Sprintf("unknown command %q", name)
	if s, ok := diag.Suggest(name, commandNames); ok {
		msg += fmt.Sprintf("; did you mean %q?", s)
	}
	return usageError(stderr, mainUsage, "%s", msg)
}

func runHelp(args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		fmt.Fprint(stdout, mainUsage)
		return exitOK
	}
	switch args[0] {
	case "build":
		fmt.Fprint(stdout, buildUsage)
		return exitOK
	case "check":
		fmt.Fprint(stdout, checkUsage)
		return exitOK
	case "new":
		fmt.Fprint(stdout, newUsage)
		return exitOK
	case "schema":
		fmt.Fprint(stdout, schemaUsage)
		return exitOK
	case "serve":
		fmt.Fprint(stdout, serveUsage)
		return exitOK
	}
	return unknownCommand(stderr, args[0])
}

// newFlagSet returns a flag set that reports nothing itself: parse turns its
// errors into messages for people who are not programmers.
func newFlagSet(name string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {}
	return fs
}

var invalidBool = regexp.MustCompile(`^invalid boolean value "(.*)" for -(.+): `)

// parse parses args into fs. It returns done with the exit code when the
// command must stop here: after -h, or after a wrong command line.
func parse(fs *flag.FlagSet, usage string, args []string, stdout, stderr io.Writer) (code int, done bool) {
	err := fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, usage)
		return exitOK, true
	case err != nil:
		return usageError(stderr, usage, "%s", flagProblem(fs, err)), true
	case fs.NArg() > 0:
		return usageError(stderr, usage, "unexpected argument %q", fs.Arg(0)), true
	}
	return exitOK, false
}

// flagProblem rewords the flag package's errors, whose wording is stable.
func flagProblem(fs *flag.FlagSet, err error) string {
	msg := err.Error()
	if name, ok := strings.CutPrefix(msg, "flag provided but not defined: "); ok {
		var names []string
		fs.VisitAll(func(f *flag.Flag) { names = append(names, "-"+f.Name) })
		bare := "-" + strings.TrimLeft(name, "-")
		out := fmt.Sprintf("unknown flag %q", name)
		if s, ok := diag.Suggest(bare, names); ok {
			out += fmt.Sprintf("; did you mean %q?", s)
		}
		return out
	}
	if name, ok := strings.CutPrefix(msg, "flag needs an argument: "); ok {
		return fmt.Sprintf("flag %q needs a value", name)
	}
	if m := invalidBool.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("flag %q takes no value, or true or false; got %q", "-"+m[2], m[1])
	}
	return msg
}

// folderFlag checks that the folder given to flag exists.
func folderFlag(flag, dir string) error {
	info, err := os.Stat(dir)
	if err != nil || !info.IsDir() {
		return fmt.Errorf("no folder %q (given to %s)", dir, flag)
	}
	return nil
}

// baseURLFlag checks the -base-url value and ends it with a slash, as
// addresses are joined to it.
func baseURLFlag(raw string) (string, error) {
	if raw == "" {
		return "", nil
	}
	u, err := url.Parse(raw)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return "", fmt.Errorf("-base-url %q is not an absolute http or https address, such as %q", raw, "https://quinzaine.example.org/")
	}
	if !strings.HasSuffix(raw, "/") {
		raw += "/"
	}
	return raw, nil
}

// outFlag refuses an output folder that holds the sources: the build replaces
// the output folder as a whole.
func outFlag(out string, sources map[string]string) error {
	absOut, err := filepath.Abs(out)
	if err != nil {
		return fmt.Errorf("-out %q: %w", out, err)
	}
	for _, flag := range []string{"-content", "-theme"} {
		dir := sources[flag]
		absDir, err := filepath.Abs(dir)
		if err != nil {
			continue
		}
		if rel, err := filepath.Rel(absOut, absDir); err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			return fmt.Errorf("-out %q would replace the folder %q (given to %s); choose an output folder of its own", out, dir, flag)
		}
	}
	return nil
}

// displayDir is how summaries name a folder: as given, ending with a slash.
func displayDir(dir string) string {
	if strings.HasSuffix(dir, "/") || strings.HasSuffix(dir, string(filepath.Separator)) {
		return dir
	}
	return dir + "/"
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// buildOptions are the flags of build.
type buildOptions struct {
	content, theme, out string
	drafts              bool
	baseURL             string
	previous            string // the last publication; "" means out's
}

func runBuild(args []string, stdout, stderr io.Writer) int {
	var o buildOptions
	fs := newFlagSet("build")
	fs.StringVar(&o.content, "content", "content", "")
	fs.StringVar(&o.theme, "theme", "themes/default", "")
	fs.StringVar(&o.out, "out", "public", "")
	fs.BoolVar(&o.drafts, "drafts", false, "")
	fs.StringVar(&o.baseURL, "base-url", "", "")
	fs.StringVar(&o.previous, "previous", "", "")
	if code, done := parse(fs, buildUsage, args, stdout, stderr); done {
		return code
	}
	var err error
	if o.baseURL, err = baseURLFlag(o.baseURL); err != nil {
		return usageError(stderr, buildUsage, "%v", err)
	}
	for _, e := range []error{
		folderFlag("-content", o.content),
		folderFlag("-theme", o.theme),
		outFlag(o.out, map[string]string{"-content": o.content, "-theme": o.theme}),
	} {
		if e != nil {
			return usageError(stderr, buildUsage, "%v", e)
		}
	}

	collectLessWhileSmall()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		// After the first signal the build stops at the next phase and throws
		// its stage away; a second one kills it at once, and the next build
		// removes what it left.
		<-ctx.Done()
		stop()
	}()
	return build(ctx, o, stdout, stderr)
}

func runCheck(args []string, stdout, stderr io.Writer) int {
	var dir string
	var strict bool
	var format string
	fs := newFlagSet("check")
	fs.StringVar(&dir, "content", "content", "")
	fs.BoolVar(&strict, "strict", false, "")
	fs.StringVar(&format, "format", "text", "")
	var previous string
	fs.StringVar(&previous, "previous", "", "")
	if code, done := parse(fs, checkUsage, args, stdout, stderr); done {
		return code
	}
	if !slices.Contains(diag.Formats, format) {
		return usageError(stderr, checkUsage, "unknown format %q; use one of %s", format, strings.Join(diag.Formats, ", "))
	}
	if err := folderFlag("-content", dir); err != nil {
		return usageError(stderr, checkUsage, "%v", err)
	}
	return check(dir, strict, format, previous, stdout, stderr)
}
