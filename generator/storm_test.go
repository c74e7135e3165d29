//go:build linux

package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// stormEvent is a valid event file of the small project's venue.
func stormEvent(title string, day int) string {
	return fmt.Sprintf("title: %q\nvenue: fosse-9-9bis\nstart: 2026-06-%02dT20:30\ncategories: [bal]\n", title, 20+day%10)
}

var liveVersion = regexp.MustCompile(`data-version="\d+"`)

// openFiles counts the test process's open file descriptors.
func openFiles(t *testing.T) int {
	t.Helper()
	fds, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Fatal(err)
	}
	return len(fds)
}

// settle waits, at most two seconds, for count to come down to want, and
// returns its last value: goroutines and descriptors of a shut-down server
// end a moment after it returns.
func settle(want int, count func() int) int {
	n := count()
	for deadline := time.Now().Add(2 * time.Second); n > want && time.Now().Before(deadline); n = count() {
		time.Sleep(10 * time.Millisecond)
	}
	return n
}

func TestPreviewSurvivesAStormOfSavesAndEndsOnTheBuiltSite(t *testing.T) {
	if testing.Short() {
		t.Skip("a few seconds of saves; skipped with -short")
	}
	t.Setenv("SOURCE_DATE_EPOCH", "1782000000")
	dir, theme := project(t, "small")
	contentDir := filepath.Join(dir, "content")
	events := filepath.Join(contentDir, "events", "2026")
	venue := filepath.Join(contentDir, "venues", "fosse-9-9bis.yaml")
	goodVenue, err := os.ReadFile(venue)
	if err != nil {
		t.Fatal(err)
	}
	client := &http.Client{Transport: &http.Transport{}, Timeout: 10 * time.Second}

	goroutines, files := runtime.NumGoroutine(), openFiles(t)
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() {
		done <- preview(ctx, buildOptions{content: contentDir, theme: theme}, "127.0.0.1:0", func(u string) { ready <- u }, &stdout, &stderr)
	}()
	var url string
	select {
	case url = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d:\n%s", code, stderr.String())
	}

	// Readers keep asking for pages through the storm: the server must
	// answer every request, whatever state the content is in.
	var readers sync.WaitGroup
	stop := make(chan struct{})
	var readErr error
	var readMu sync.Mutex
	readers.Go(func() {
		paths := []string{"", "programme/", "evenements/2026/s-1/", "lieux/fosse-9-9bis/", "donnees/evenements.json"}
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			resp, err := client.Get(url + paths[i%len(paths)])
			if err == nil {
				_, err = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
			if err != nil {
				readMu.Lock()
				readErr = err
				readMu.Unlock()
				return
			}
		}
	})

	rng := rand.New(rand.NewPCG(3, 5))
	slug := func() string { return fmt.Sprintf("s-%d", rng.IntN(8)) }
	path := func(s string) string { return filepath.Join(events, s+".yaml") }
	ops := 0
	for start := time.Now(); ops < 600 && time.Since(start) < 3*time.Second; ops++ {
		s := slug()
		var err error
		switch rng.IntN(9) {
		case 0: // a plain save
			err = os.WriteFile(path(s), []byte(stormEvent("Orage "+s, ops)), 0o644)
		case 1: // an editor's save: a temporary file renamed over the old one
			tmp := filepath.Join(events, "."+s+".yaml.swp")
			if err = os.WriteFile(tmp, []byte(stormEvent("Renommé "+s, ops)), 0o644); err == nil {
				err = os.Rename(tmp, path(s))
			}
		case 2:
			err = os.Remove(path(s))
		case 3: // broken YAML
			err = os.WriteFile(path(s), []byte("title: [pas fermé\nvenue: fosse-9-9bis\n"), 0o644)
		case 4: // valid YAML, unknown venue
			err = os.WriteFile(path(s), []byte(strings.Replace(stormEvent("Égaré", ops), "fosse-9-9bis", "fosse-9-9-bis", 1)), 0o644)
		case 5: // an empty file, as an editor truncating before writing
			err = os.WriteFile(path(s), nil, 0o644)
		case 6:
			err = os.Rename(path(s), path(slug()))
		case 7: // the venue broken, or mended
			body := goodVenue
			if rng.IntN(2) == 0 {
				body = []byte("nmae: x\n")
			}
			err = os.WriteFile(venue, body, 0o644)
		case 8: // a year folder made, or removed with its events
			year := filepath.Join(contentDir, "events", "2027")
			if rng.IntN(2) == 0 {
				err = os.RemoveAll(year)
			} else if err = os.MkdirAll(year, 0o755); err == nil {
				err = os.WriteFile(filepath.Join(year, s+".yaml"), []byte(strings.ReplaceAll(stormEvent("Plus tard", ops), "2026-", "2027-")), 0o644)
			}
		}
		if err != nil && !os.IsNotExist(err) {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(rng.IntN(8)) * time.Millisecond)
	}

	// The final state: the storm's files gone (removing a file already
	// renamed away makes no event: the preview must have seen the rename),
	// the venue mended, three events, one in a year folder made anew, and
	// last a marker the test waits for.
	for i := range 8 {
		os.Remove(path(fmt.Sprintf("s-%d", i)))
	}
	year := filepath.Join(contentDir, "events", "2027")
	if err := os.RemoveAll(year); err != nil {
		t.Fatal(err)
	}
	writeFile(t, venue, string(goodVenue))
	for i := 1; i <= 2; i++ {
		writeFile(t, path(fmt.Sprintf("s-%d", i)), stormEvent(fmt.Sprintf("Après l'orage %d", i), i))
	}
	writeFile(t, filepath.Join(year, "s-3.yaml"), strings.ReplaceAll(stormEvent("L'an prochain", 3), "2026-", "2027-"))
	writeFile(t, path("marqueur"), stormEvent("Marqueur final", 9))

	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := client.Get(url + "evenements/2026/marqueur/")
		if err != nil {
			t.Fatalf("the preview stopped answering after the storm: %v\n%s", err, stderr.String())
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode == 200 && bytes.Contains(body, []byte("Marqueur final")) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the final state is not served 20 s after the storm; the preview logged:\n%s", stderr.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	// No rebuild must be on its way: the site's version, which every
	// rebuild raises, stays the same for half a second.
	version := func() string {
		resp, err := client.Get(url)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		return string(liveVersion.Find(body))
	}
	for v, since := version(), time.Now(); time.Since(since) < 500*time.Millisecond; time.Sleep(20 * time.Millisecond) {
		if now := version(); now != v {
			v, since = now, time.Now()
		}
	}
	close(stop)
	readers.Wait()
	if readErr != nil {
		t.Errorf("a request during the storm failed: %v", readErr)
	}

	// What build writes for the final content, file by file.
	out := filepath.Join(t.TempDir(), "public")
	var bout, berr bytes.Buffer
	if code := build(context.Background(), buildOptions{content: contentDir, theme: theme, out: out}, &bout, &berr); code != 0 {
		t.Fatalf("build of the final content: exit %d\n%s", code, berr.String())
	}
	compared := 0
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		resp, err := client.Get(url + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if strings.HasSuffix(rel, ".html") {
			got = liveScript.ReplaceAll(got, nil)
		}
		if resp.StatusCode != 200 || !bytes.Equal(got, want) {
			t.Errorf("%s: the preview serves %d and other bytes than build writes after the storm%s", rel, resp.StatusCode, firstDifference(got, want))
		}
		compared++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, gone := range []string{"s-0", "s-3", "s-4", "s-5", "s-6", "s-7"} {
		resp, err := client.Get(url + "evenements/2026/" + gone + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 404 {
			t.Errorf("GET /evenements/2026/%s/ after the storm: %d; want 404, the event is gone", gone, resp.StatusCode)
		}
	}

	cancel()
	if code := <-done; code != 0 {
		t.Errorf("serve exited %d after the storm:\n%s", code, stderr.String())
	}
	client.CloseIdleConnections()
	if n := settle(goroutines, runtime.NumGoroutine); n > goroutines {
		buf := make([]byte, 1<<20)
		t.Errorf("%d goroutines after shutdown, %d before the preview started:\n%s", n, goroutines, buf[:runtime.Stack(buf, true)])
	}
	if n := settle(files, func() int { return openFiles(t) }); n > files {
		t.Errorf("%d open files after shutdown, %d before the preview started", n, files)
	}
	t.Logf("%d saves, deletions and renames; %d files compared with build's", ops, compared)
}

// firstDifference shows the first line where got and want differ.
func firstDifference(got, want []byte) string {
	g, w := strings.Split(string(got), "\n"), strings.Split(string(want), "\n")
	for i := range max(len(g), len(w)) {
		var gl, wl string
		if i < len(g) {
			gl = g[i]
		}
		if i < len(w) {
			wl = w[i]
		}
		if gl != wl {
			return fmt.Sprintf("; line %d:\npreview: %s\nbuild:   %s", i+1, gl, wl)
		}
	}
	return ""
}
