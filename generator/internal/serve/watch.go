package serve

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Run serves the preview on ln until ctx is done, rebuilding after every
// change in the content or theme folder, then shuts down: the listener and
// the watcher are closed, open event streams ended, and every goroutine it
// started has returned when it returns. onRebuild, when not nil, is called
// after each rebuild that followed a change.
func (s *Server) Run(ctx context.Context, ln net.Listener, onRebuild func(Result)) error {
	wait, err := s.Start(ctx, ln, onRebuild)
	if err != nil {
		return err
	}
	return wait()
}

// Start is Run, returning as soon as the folders are watched and ln is
// served; wait returns when the server has shut down.
func (s *Server) Start(ctx context.Context, ln net.Listener, onRebuild func(Result)) (wait func() error, err error) {
	w, err := s.watch()
	if err != nil {
		ln.Close()
		return nil, err
	}
	srv := &http.Server{Handler: s.Handler(), ReadHeaderTimeout: 10 * time.Second}
	srv.RegisterOnShutdown(s.hub.close)

	var wg sync.WaitGroup
	served := make(chan error, 1)
	wg.Go(func() { served <- srv.Serve(ln) })
	wg.Go(func() { s.loop(ctx, w, onRebuild) })

	return func() error {
		var err error
		select {
		case <-ctx.Done():
		case err = <-served:
			// Serve only returns early when the listener fails.
		}
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		s.hub.close()
		if e := srv.Shutdown(shutdown); e != nil && err == nil {
			err = e
		}
		w.Close()
		wg.Wait()
		// fsnotify's Close returns before its reading goroutine has closed
		// the channels: once they are closed, that goroutine is done.
		for range w.Errors {
		}
		for range w.Events {
		}
		s.Close()
		if errors.Is(err, http.ErrServerClosed) {
			err = nil
		}
		return err
	}, nil
}

// watcher reports changes under the content and theme folders, sub-folders
// included, even those made after it started.
type watcher struct {
	*fsnotify.Watcher
	content, theme string // absolute
}

func (s *Server) watch() (*watcher, error) {
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, fmt.Errorf("watch the folders: %w", err)
	}
	w := &watcher{Watcher: fw}
	for _, dir := range []struct {
		into *string
		path string
	}{{&w.content, s.opts.Content}, {&w.theme, s.opts.Theme}} {
		abs, err := filepath.Abs(dir.path)
		if err != nil {
			fw.Close()
			return nil, fmt.Errorf("watch %s: %w", dir.path, err)
		}
		*dir.into = abs
		if _, err := w.addTree(abs); err != nil {
			fw.Close()
			return nil, err
		}
	}
	return w, nil
}

// addTree watches dir and every folder in it, and returns the files found,
// which a folder made after the start may already hold when it is seen.
func (w *watcher) addTree(dir string) ([]string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			// A folder removed while being walked is no longer to watch.
			return nil
		}
		if p != dir && ignored(d.Name()) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() {
			if err := w.Add(p); err != nil {
				return fmt.Errorf("watch %s: %w", p, err)
			}
			return nil
		}
		files = append(files, p)
		return nil
	})
	return files, err
}

// ignored tells the files editors make beside the one they save: hidden
// files, backups and swap files, which content.Load skips too.
func ignored(name string) bool {
	return strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") ||
		strings.HasSuffix(name, ".swp") || strings.HasSuffix(name, ".swx") || name == "4913"
}

// loop gathers changes until the folders have been quiet for opts.Quiet,
// then rebuilds once for all of them.
func (s *Server) loop(ctx context.Context, w *watcher, onRebuild func(Result)) {
	timer := time.NewTimer(time.Hour)
	timer.Stop()
	defer timer.Stop()
	changed := map[string]bool{}
	themeChanged := false
	// lost tells that the watcher may have missed a change (its queue
	// overflowed): the next rebuild then looks at every file.
	lost := false
	for {
		select {
		case <-ctx.Done():
			return
		case err, ok := <-w.Errors:
			if !ok {
				return
			}
			lost = true
			timer.Reset(s.opts.Quiet)
			fmt.Fprintf(s.opts.Log, "watching the folders: %v\n", err)
		case ev, ok := <-w.Events:
			if !ok {
				return
			}
			if ignored(filepath.Base(ev.Name)) || ev.Op == fsnotify.Chmod {
				continue
			}
			paths := []string{ev.Name}
			if ev.Has(fsnotify.Create) {
				// A new folder (events/2027, or one renamed into place) is
				// watched from now on, and what it holds already counts
				// as changed.
				if files, err := w.addTree(ev.Name); err == nil {
					paths = append(paths, files...)
				}
			}
			for _, p := range paths {
				if rel, ok := within(w.content, p); ok {
					changed[rel] = true
				} else if _, ok := within(w.theme, p); ok {
					themeChanged = true
				}
			}
			timer.Reset(s.opts.Quiet)
		case <-timer.C:
			list := make([]string, 0, len(changed))
			for p := range changed {
				list = append(list, p)
			}
			slices.Sort(list)
			clear(changed)
			var r Result
			if lost {
				r = s.Rebuild(nil, themeChanged)
			} else {
				r = s.Update(list, themeChanged)
			}
			themeChanged, lost = false, false
			if onRebuild != nil {
				onRebuild(r)
			}
		}
	}
}

// within gives p relative to dir, slash-separated, when p is in dir.
func within(dir, p string) (string, bool) {
	rel, err := filepath.Rel(dir, p)
	if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
		return "", false
	}
	return filepath.ToSlash(rel), true
}
