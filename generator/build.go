package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"quinzaine/generator/internal/changes"
	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/publish"
	"quinzaine/generator/internal/site"
	"quinzaine/generator/internal/theme"
)

// build runs the phases in order: load and validate, load the theme, plan
// the outputs, write them into a stage and swap it in. It prints every
// diagnostic and one summary line.
func build(ctx context.Context, o buildOptions, stdout, stderr io.Writer) int {
	start := time.Now()
	unchanged := displayDir(o.out) + " was not changed."
	fail := func(err error) int {
		if errors.Is(err, context.Canceled) {
			fmt.Fprintf(stderr, "build interrupted; %s\n", unchanged)
			return exitInterrupted
		}
		fmt.Fprintf(stderr, "build failed: %v; %s\n", err, unchanged)
		return exitContent
	}

	p, diags := programme.Load(o.content, content.Options{}, programme.Options{Drafts: o.drafts})
	diag.WriteText(stderr, diags)
	if diags.HasErrors(false) {
		fmt.Fprintf(stderr, "%s; %s\n", diag.Summary(diags), unchanged)
		return exitContent
	}
	if err := ctx.Err(); err != nil {
		return fail(err)
	}
	now, err := buildTime()
	if err != nil {
		return fail(err)
	}
	// The last publication is read (from the disk, or over the network) and
	// compared with the programme while the theme loads and the site is
	// planned and rendered: only the outputs that tell of the changes wait
	// for it. It took 16 ms at 1,000 events and 170 ms at 10,000, on one
	// core, before anything rendered. Its warning is told once it is done.
	compareCtx, stopCompare := context.WithCancel(ctx)
	defer stopCompare()
	var compared *changes.Report
	var compareWarning bytes.Buffer
	comparing := make(chan struct{})
	go func() {
		defer close(comparing)
		compared = compare(compareCtx, o.previous, o.out, p, now, &compareWarning)
	}()
	report := func() *changes.Report {
		<-comparing
		return compared
	}
	th, err := theme.Load(os.DirFS(o.theme))
	if err != nil {
		return fail(fmt.Errorf("theme %s: %w", o.theme, err))
	}
	// Some problems show only while pages render (an unsafe link in a
	// description); they are warnings, gathered from every rendering
	// goroutine and printed once the site is written.
	var rendered diag.List
	var renderedMu sync.Mutex
	warn := func(d diag.Diagnostic) {
		renderedMu.Lock()
		rendered.Add(d)
		renderedMu.Unlock()
	}
	outputs, err := site.Plan(p, th, site.Options{
		Warn:       warn,
		BaseURL:    o.baseURL,
		Now:        now,
		ContentDir: o.content,
		// Resized pictures are kept beside the content, in the git-ignored
		// .cache folder, so an unchanged photo is not encoded again.
		CacheDir: filepath.Join(filepath.Dir(filepath.Clean(o.content)), ".cache", "images"),
		Changes:  report,
	})
	if err != nil {
		return fail(err)
	}
	files := 0
	err = publish.SwapReusing(ctx, o.out, func(stage string) error {
		// The stage holds the tree the last build replaced: what is right
		// there stays, unchanged outputs are linked to the publication
		// being replaced, and only the rest is written.
		if err := site.WriteOver(stage, o.out, outputs); err != nil {
			return err
		}
		files = len(outputs) // one file each
		// The comparison reads the publication the swap replaces: it
		// ends before it, whatever the outputs asked of it.
		report()
		return nil
	})
	if err != nil {
		return fail(err)
	}
	io.Copy(stderr, &compareWarning)
	diag.WriteText(stderr, rendered)
	if r := report(); r != nil && !r.First && !r.Carried && len(r.Changes) > 0 {
		fmt.Fprintln(stdout, r.Summary())
	}
	fmt.Fprintf(stdout, "built %s, %s, %s: %s in %s in %s\n",
		plural(len(p.Events), "event", "events"),
		plural(len(p.Sessions), "session", "sessions"),
		plural(len(p.Venues), "venue", "venues"),
		plural(files, "file", "files"), displayDir(o.out), elapsed(time.Since(start)))
	return exitOK
}

// check loads and validates the content, drafts included, and reports.
// Problems go to stderr as text; as github annotations or json records they
// go to stdout, where GitHub and other programs read them, and json alone
// is written there so that it can be parsed.
func check(dir string, strict bool, format, previous string, stdout, stderr io.Writer) int {
	// Drafts are checked too: an editor checks a draft before publishing it.
	p, diags := programme.Load(dir, content.Options{}, programme.Options{Drafts: true})
	if strict {
		diags = diags.Strict()
	}
	if format == "json" {
		if err := diag.Write(stdout, format, diags); err != nil {
			fmt.Fprintf(stderr, "check: %v\n", err)
			return exitContent
		}
		if diags.HasErrors(false) {
			return exitContent
		}
		return exitOK
	}
	// GitHub reads its annotations from the standard output.
	w := stderr
	if format == "github" {
		w = stdout
	}
	diag.Write(w, format, diags)
	if diags.HasErrors(false) {
		fmt.Fprintf(stderr, "%s.\n", diag.Summary(diags))
		return exitContent
	}
	drafts := 0
	for _, e := range p.Events {
		if e.Draft {
			drafts++
		}
	}
	events := plural(len(p.Events), "event", "events")
	if drafts > 0 {
		events += fmt.Sprintf(" (%s)", plural(drafts, "draft", "drafts"))
	}
	fmt.Fprintf(stdout, "content is valid: %s, %s, %s\n", events,
		plural(len(p.Sessions), "session", "sessions"),
		plural(len(p.Venues), "venue", "venues"))
	if previous != "" {
		// Compared as build publishes it: without drafts.
		pub, _ := programme.Load(dir, content.Options{}, programme.Options{})
		if r := compare(context.Background(), previous, "", pub, time.Now(), stderr); r != nil {
			fmt.Fprintln(stdout, r.Summary())
		}
	}
	return exitOK
}

// compare reads the last publication, from previous or else from the
// output folder out, and tells what changed since; now dates the changes
// and the events new or changed since (see package changes). A publication
// that cannot be read is a warning, not a reason to hold the build back:
// the changes are then counted from this one.
func compare(ctx context.Context, previous, out string, p *programme.Programme, now time.Time, stderr io.Writer) *changes.Report {
	where := previous
	if where == "" {
		where = out
	}
	prev, err := changes.Read(ctx, where)
	if err == nil {
		var r *changes.Report
		if r, err = changes.Compare(prev, p, now); err == nil {
			return r
		}
	}
	fmt.Fprintf(stderr, "warning: the last publication cannot be compared (%v); the changes are counted from this one\n", err)
	return changes.Unpublished(now)
}

// elapsed formats a build time the way people read it.
func elapsed(d time.Duration) string {
	if d < 10*time.Second {
		return fmt.Sprintf("%d ms", d.Milliseconds())
	}
	return fmt.Sprintf("%.1f s", d.Seconds())
}

// buildTime is the build's "now", which marks past sessions, picks the home
// page's "today" and dates the events new or changed since the last
// publication: SOURCE_DATE_EPOCH when set, so that a build can be
// reproduced byte for byte, else the clock.
func buildTime() (time.Time, error) {
	v := os.Getenv("SOURCE_DATE_EPOCH")
	if v == "" {
		return time.Now(), nil
	}
	secs, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return time.Time{}, fmt.Errorf("SOURCE_DATE_EPOCH %q is not a number of seconds", v)
	}
	return time.Unix(secs, 0), nil
}
