package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"runtime/debug"
	"sync"
	"syscall"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/serve"
	"quinzaine/generator/internal/site"
)

const serveUsage = `Usage: go run ./generator serve [-content DIR] [-theme DIR] [-out DIR] [-drafts] [-base-url URL] [-addr HOST:PORT]

Previews the site in the browser while you edit: every save in the content
or theme folder updates the open pages. Drafts are shown, marked « Brouillon ».
When the content has errors, they are listed here and over the page, and the
last good version stays shown until you fix them. Ctrl-C stops the preview.

The preview keeps the site in memory and writes nothing: run build to write
the output folder.

Flags:
  -content DIR      content folder (default content)
  -theme DIR        theme folder (default themes/default)
  -out DIR          accepted as in build, but nothing is written there
  -drafts           include the events marked draft: true (default true;
                    -drafts=false previews the site as build publishes it)
  -base-url URL     address the site is published at, instead of base_url in site.yaml
  -addr HOST:PORT   address to serve on (default 127.0.0.1:1313, this
                    computer only)
`

func runServe(args []string, stdout, stderr io.Writer) int {
	var o buildOptions
	var addr string
	fs := newFlagSet("serve")
	fs.StringVar(&o.content, "content", "content", "")
	fs.StringVar(&o.theme, "theme", "themes/default", "")
	fs.StringVar(&o.out, "out", "public", "")
	fs.BoolVar(&o.drafts, "drafts", true, "")
	fs.StringVar(&o.baseURL, "base-url", "", "")
	fs.StringVar(&addr, "addr", "127.0.0.1:1313", "")
	if code, done := parse(fs, serveUsage, args, stdout, stderr); done {
		return code
	}
	var err error
	if o.baseURL, err = baseURLFlag(o.baseURL); err != nil {
		return usageError(stderr, serveUsage, "%v", err)
	}
	for _, e := range []error{
		folderFlag("-content", o.content),
		folderFlag("-theme", o.theme),
		outFlag(o.out, map[string]string{"-content": o.content, "-theme": o.theme}),
	} {
		if e != nil {
			return usageError(stderr, serveUsage, "%v", e)
		}
	}
	if _, _, err := net.SplitHostPort(addr); err != nil {
		return usageError(stderr, serveUsage, "-addr %q is not a host and port, such as %q", addr, "127.0.0.1:1313")
	}
	// A save allocates 35-50 MB at 10,000 events over a live heap of about
	// 110 MB, and collecting it took a quarter of the time from save to
	// page: the preview collects less often than Go's default (unless
	// GOGC says otherwise), trading a few hundred megabytes, which the
	// build's memory target does not cover, for a faster page.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(previewGCPercent)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return preview(ctx, o, addr, nil, stdout, stderr)
}

// previewGCPercent is the preview's GOGC.
const previewGCPercent = 300

// preview builds the site, serves it on addr until ctx is done and reports
// each rebuild. ready, when not nil, receives the address served once the
// folders are watched.
func preview(ctx context.Context, o buildOptions, addr string, ready func(url string), stdout, stderr io.Writer) int {
	now, err := buildTime()
	if err != nil {
		fmt.Fprintf(stderr, "%v\n", err)
		return exitUsage
	}
	// The same plan as build's, so that the preview shows what build writes.
	// The preview publishes nothing, so it compares with no publication:
	// every event is dated when the preview started, as in a first build.
	unpublished := changes.Unpublished(now)
	opts := serve.Options{
		Content: o.content,
		Theme:   o.theme,
		Drafts:  o.drafts,
		Site: site.Options{
			Warn:       onceEach(stderr),
			BaseURL:    o.baseURL,
			Now:        now,
			ContentDir: o.content,
			CacheDir:   filepath.Join(filepath.Dir(filepath.Clean(o.content)), ".cache", "images"),
			Changes:    func() *changes.Report { return unpublished },
		},
		Log: stderr,
	}
	s, first, err := serve.New(opts)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitContent
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Fprintf(stderr, "cannot serve on %s: %v\n", addr, err)
		return exitUsage
	}
	wait, err := s.Start(ctx, ln, nil)
	if err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitContent
	}
	url := "http://" + ln.Addr().String() + "/"
	fmt.Fprintf(stdout, "previewing %s (%s) at %s; Ctrl-C to stop\n", displayDir(o.content), plural(first.Planned, "file", "files"), url)
	if host, _, _ := net.SplitHostPort(ln.Addr().String()); !net.ParseIP(host).IsLoopback() {
		fmt.Fprintf(stderr, "the preview is open to other computers on the network at %s\n", ln.Addr())
	}
	if ready != nil {
		ready(url)
	}
	if err := wait(); err != nil {
		fmt.Fprintf(stderr, "serve: %v\n", err)
		return exitContent
	}
	fmt.Fprintln(stdout, "preview stopped")
	return exitOK
}

// onceEach prints each warning found while pages render the first time it
// is met: the preview renders pages again at every save, and an editor
// needs to read a warning once, not at every reload.
func onceEach(w io.Writer) func(diag.Diagnostic) {
	var mu sync.Mutex
	seen := map[diag.Diagnostic]bool{}
	return func(d diag.Diagnostic) {
		mu.Lock()
		defer mu.Unlock()
		if !seen[d] {
			seen[d] = true
			fmt.Fprintln(w, d)
		}
	}
}
