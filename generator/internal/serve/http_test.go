package serve

import (
	"bufio"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

// preview is a server started on a free port over a copy of the shipped
// content.
type preview struct {
	url            string
	content, theme string
	rebuilt        chan Result
	cancel         context.CancelFunc
	srv            *Server
}

func start(t *testing.T) *preview {
	t.Helper()
	contentDir, themeDir := shipped(t)
	s := newServer(t, contentDir, themeDir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	p := &preview{url: "http://" + ln.Addr().String(), content: contentDir, theme: themeDir,
		rebuilt: make(chan Result, 100), cancel: cancel, srv: s}
	wait, err := s.Start(ctx, ln, func(r Result) { p.rebuilt <- r })
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cancel()
		if err := wait(); err != nil {
			t.Errorf("shutdown: %v", err)
		}
	})
	return p
}

// waitRebuild waits for a rebuild that satisfies ok.
func (p *preview) waitRebuild(t *testing.T, ok func(Result) bool) Result {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case r := <-p.rebuilt:
			if ok(r) {
				return r
			}
		case <-timeout:
			t.Fatal("no rebuild came")
		}
	}
}

func read(name string) func(Result) bool {
	return func(r Result) bool { return slices.Contains(r.Read, name) }
}

func (p *preview) get(t testing.TB, path string) (*http.Response, string) {
	t.Helper()
	resp, err := http.Get(p.url + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp, string(body)
}

type sse struct {
	name string
	msg  Message
}

// events opens the live-reload stream and returns its events as they come.
func (p *preview) events(t testing.TB) <-chan sse {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", p.url+EventsPath, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "text/event-stream" {
		t.Fatalf("events Content-Type %q", ct)
	}
	out := make(chan sse, 100)
	go func() {
		defer resp.Body.Close()
		defer close(out)
		sc := bufio.NewScanner(resp.Body)
		var e sse
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event: "):
				e.name = strings.TrimPrefix(line, "event: ")
			case strings.HasPrefix(line, "data: "):
				json.Unmarshal([]byte(strings.TrimPrefix(line, "data: ")), &e.msg)
			case line == "" && e.name != "":
				out <- e
				e = sse{}
			}
		}
	}()
	return out
}

// waitEvent waits for an event name whose message satisfies ok (any, when
// ok is nil). A save may come as several writes, each seen by the watcher,
// so the first event after a save may show an earlier state of the file.
func waitEvent(t testing.TB, c <-chan sse, name string, ok func(Message) bool) Message {
	t.Helper()
	timeout := time.After(20 * time.Second)
	for {
		select {
		case e, open := <-c:
			if !open {
				t.Fatalf("the event stream ended before %q", name)
			}
			if e.name == name && (ok == nil || ok(e.msg)) {
				return e.msg
			}
		case <-timeout:
			t.Fatalf("no %q event came", name)
		}
	}
}

const page = "/evenements/2026/atelier-dessine-ton-chevalement/"

// reloadShowing waits for reload events until path is served with text.
func (p *preview) reloadShowing(t testing.TB, ev <-chan sse, path, text string) (Message, *http.Response, string) {
	t.Helper()
	for {
		msg := waitEvent(t, ev, "reload", nil)
		if resp, body := p.get(t, path); strings.Contains(body, text) {
			return msg, resp, body
		}
	}
}

func setTitle(t *testing.T, dir, title string) {
	t.Helper()
	src := readFile(t, dir, edited)
	first := src[:strings.Index(src, "\n")]
	writeFile(t, dir, edited, strings.Replace(src, first, `title: "`+title+`"`, 1))
}

func TestSaveReloadsTheOpenPagesWithTheNewContent(t *testing.T) {
	p := start(t)
	ev := p.events(t)
	first := waitEvent(t, ev, "state", nil)
	setTitle(t, p.content, "Atelier du samedi")
	msg, resp, body := p.reloadShowing(t, ev, page, "Atelier du samedi")
	if msg.Version <= first.Version || len(msg.Problems) != 0 {
		t.Errorf("reload event %+v after state %+v", msg, first)
	}
	if resp.StatusCode != 200 || !strings.Contains(body, "<h1") || !strings.Contains(body, "Atelier du samedi") {
		t.Fatalf("status %d, page:\n%s", resp.StatusCode, body)
	}
	if !strings.Contains(body, `<script src="`+ScriptPath+`" data-version="`) || !strings.HasSuffix(strings.TrimSpace(body), "</html>") {
		t.Error("the page has no live-reload script before </body>")
	}
}

func TestBrokenSaveShowsTheErrorsOverTheLastGoodPageUntilFixed(t *testing.T) {
	p := start(t)
	ev := p.events(t)
	waitEvent(t, ev, "state", nil)
	src := readFile(t, p.content, edited)
	writeFile(t, p.content, edited, strings.Replace(src, "venue: cite-des-electriciens", "venue: cite-des-electricien", 1))

	want := filepath.ToSlash(p.content) + "/" + edited + ":2:8: unknown venue `cite-des-electricien`; did you mean `cite-des-electriciens`?"
	msg := waitEvent(t, ev, "problems", func(m Message) bool { return slices.Contains(m.Problems, want) })
	if !slices.Equal(msg.Problems, []string{want}) || msg.Summary != "1 error in 1 file" {
		t.Errorf("problems event %+v, want %q", msg, want)
	}
	resp, body := p.get(t, page)
	if resp.StatusCode != 200 || !strings.Contains(body, `id="`+OverlayID+`"`) || !strings.Contains(body, want) {
		t.Errorf("the page does not show the errors:\n%s", body)
	}
	if !strings.Contains(body, "dessine ton chevalement") {
		t.Error("the last good page is not served")
	}

	writeFile(t, p.content, edited, src)
	waitEvent(t, ev, "reload", func(m Message) bool { return len(m.Problems) == 0 })
	if _, body := p.get(t, page); strings.Contains(body, OverlayID) {
		t.Error("the errors are still shown after the fix")
	}
}

func TestAddressesLeavingTheSiteAreRefused(t *testing.T) {
	p := start(t)
	for _, target := range []string{
		"/../../../../etc/passwd",
		"/%2e%2e/%2e%2e/%2e%2e/etc/passwd",
		"/lieux/%2E%2E/%2E%2E/%2E%2E/etc/passwd",
		"/lieux/..%2f..%2f..%2fetc/passwd",
		"//etc/passwd",
		"/..\\..\\etc\\passwd",
		"/" + filepath.ToSlash(p.content) + "/site.yaml",
		"/../content/site.yaml",
	} {
		conn, err := net.Dial("tcp", strings.TrimPrefix(p.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		// Written by hand: an HTTP client would clean the path first.
		io.WriteString(conn, "GET "+target+" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatalf("%s: %v", target, err)
		}
		body, _ := io.ReadAll(resp.Body)
		conn.Close()
		if resp.StatusCode != 400 && resp.StatusCode != 404 {
			t.Errorf("GET %s: status %d, want 400 or 404", target, resp.StatusCode)
		}
		if strings.Contains(string(body), "root:") || strings.Contains(string(body), "base_url") {
			t.Errorf("GET %s served a file outside the site", target)
		}
	}
}

func TestFilesAreServedWithTheirContentTypes(t *testing.T) {
	p := start(t)
	for path, want := range map[string]string{
		"/":                        "text/html; charset=utf-8",
		"/lieux/":                  "text/html; charset=utf-8",
		"/evenements/2026.ics":     "text/calendar; charset=utf-8",
		"/donnees/evenements.json": "application/json",
		"/donnees/lieux.geojson":   "application/geo+json",
		"/feed.xml":                "application/atom+xml",
		"/en/feed.xml":             "application/atom+xml",
		"/sitemap.xml":             "application/xml",
		"/donnees/seances.csv":     "text/csv; charset=utf-8",
		"/assets/style.css":        "text/css; charset=utf-8",
		"/robots.txt":              "text/plain; charset=utf-8",
		ScriptPath:                 "text/javascript; charset=utf-8",
	} {
		resp, body := p.get(t, path)
		if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != want {
			t.Errorf("GET %s: %d %q, want 200 %q", path, resp.StatusCode, resp.Header.Get("Content-Type"), want)
		}
		if strings.HasSuffix(want, "html; charset=utf-8") == strings.Contains(body, ScriptPath) == false {
			t.Errorf("GET %s: live-reload script where it does not belong, or missing", path)
		}
	}
	if got := ContentType("carte.svg"); got != "image/svg+xml" {
		t.Errorf("svg: %q", got)
	}
	if got := ContentType("site.js"); got != "text/javascript; charset=utf-8" {
		t.Errorf("js: %q", got)
	}

	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := client.Get(p.url + "/lieux")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 301 || resp.Header.Get("Location") != "/lieux/" {
		t.Errorf("GET /lieux: %d to %q, want 301 to /lieux/", resp.StatusCode, resp.Header.Get("Location"))
	}
	notFound := string(body(t, p.srv.state.Load().file("404.html")))
	enNotFound := string(body(t, p.srv.state.Load().file("en/404.html")))
	resp, got := p.get(t, "/nulle-part/")
	if resp.StatusCode != 404 || !strings.HasPrefix(got, notFound[:strings.LastIndex(notFound, "</body>")]) {
		t.Errorf("GET /nulle-part/: %d, not the site's 404 page", resp.StatusCode)
	}
	resp, got = p.get(t, "/en/nowhere/")
	if resp.StatusCode != 404 || !strings.HasPrefix(got, enNotFound[:strings.LastIndex(enNotFound, "</body>")]) {
		t.Errorf("GET /en/nowhere/: %d, not the English 404 page", resp.StatusCode)
	}
}

func TestSaveByRenamingATemporaryFileIsSeen(t *testing.T) {
	p := start(t)
	src := readFile(t, p.content, edited)
	first := src[:strings.Index(src, "\n")]
	tmp := filepath.Join(p.content, "events", "2026", ".atelier.yaml.tmp")
	if err := os.WriteFile(tmp, []byte(strings.Replace(src, first, `title: "Atelier renommé"`, 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp, filepath.Join(p.content, filepath.FromSlash(edited))); err != nil {
		t.Fatal(err)
	}
	p.waitRebuild(t, read(edited))
	if _, body := p.get(t, page); !strings.Contains(body, "Atelier renommé") {
		t.Error("the renamed file's content is not served")
	}
}

func TestDeletedEventLosesItsPage(t *testing.T) {
	p := start(t)
	if err := os.Remove(filepath.Join(p.content, filepath.FromSlash(edited))); err != nil {
		t.Fatal(err)
	}
	p.waitRebuild(t, func(r Result) bool {
		return slices.Contains(r.Removed, strings.TrimPrefix(page, "/")+"index.html")
	})
	if resp, _ := p.get(t, page); resp.StatusCode != 404 {
		t.Errorf("GET %s after deletion: %d, want 404", page, resp.StatusCode)
	}
	if _, body := p.get(t, "/lieux/cite-des-electriciens/"); strings.Contains(body, "dessine ton chevalement") {
		t.Error("the venue still lists the deleted event")
	}
}

func TestFolderMadeAfterTheStartIsWatched(t *testing.T) {
	p := start(t)
	src := readFile(t, p.content, edited)
	next := strings.ReplaceAll(src, "2026-", "2027-")
	writeFile(t, p.content, "events/2027/atelier.yaml", next)
	p.waitRebuild(t, read("events/2027/atelier.yaml"))
	if resp, _ := p.get(t, "/evenements/2027/atelier/"); resp.StatusCode != 200 {
		t.Fatalf("GET the event in the new folder: %d", resp.StatusCode)
	}
	// A save in the new folder is seen too.
	first := next[:strings.Index(next, "\n")]
	writeFile(t, p.content, "events/2027/atelier.yaml", strings.Replace(next, first, `title: "Atelier de 2027"`, 1))
	p.waitRebuild(t, read("events/2027/atelier.yaml"))
	if _, body := p.get(t, "/evenements/2027/atelier/"); !strings.Contains(body, "Atelier de 2027") {
		t.Error("a save in the new folder was not seen")
	}
}

func TestRenamedEventMovesToItsNewAddress(t *testing.T) {
	p := start(t)
	renamed := "events/2026/atelier-chevalement.yaml"
	if err := os.Rename(filepath.Join(p.content, filepath.FromSlash(edited)), filepath.Join(p.content, filepath.FromSlash(renamed))); err != nil {
		t.Fatal(err)
	}
	p.waitRebuild(t, read(renamed))
	if resp, _ := p.get(t, page); resp.StatusCode != 404 {
		t.Errorf("GET %s after the rename: %d, want 404", page, resp.StatusCode)
	}
	if resp, body := p.get(t, "/evenements/2026/atelier-chevalement/"); resp.StatusCode != 200 || !strings.Contains(body, "dessine ton chevalement") {
		t.Errorf("GET the new address: %d", resp.StatusCode)
	}
}

func TestThemeChangeRerendersEverything(t *testing.T) {
	p := start(t)
	ev := p.events(t)
	waitEvent(t, ev, "state", nil)
	css := filepath.Join(p.theme, "static", "assets", "style.css")
	data, err := os.ReadFile(css)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(css, append(data, "\n/* retouche */\n"...), 0o644); err != nil {
		t.Fatal(err)
	}
	p.reloadShowing(t, ev, "/assets/style.css", "/* retouche */")
}

func TestShutdownEndsEveryGoroutineItStarted(t *testing.T) {
	contentDir, themeDir := shipped(t)
	s := newServer(t, contentDir, themeDir)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	wait, err := s.Start(ctx, ln, nil)
	if err != nil {
		t.Fatal(err)
	}
	p := &preview{url: "http://" + ln.Addr().String()}
	ev := p.events(t)
	waitEvent(t, ev, "state", nil)
	// A save whose rebuild warms pages in the background.
	writeFile(t, contentDir, edited, readFile(t, contentDir, edited)+"\n")
	cancel()
	if err := wait(); err != nil {
		t.Fatal(err)
	}
	for range ev {
		// The stream ends with the server.
	}
	// A goroutine that has done its last work may still be on its way out
	// for a moment: what matters is that none stays.
	left := func() string {
		buf := make([]byte, 1<<20)
		stacks := string(buf[:runtime.Stack(buf, true)])
		if strings.Contains(stacks, "generator/internal/serve.(*Server)") || strings.Contains(stacks, "fsnotify") {
			return stacks
		}
		return ""
	}
	stacks := left()
	for deadline := time.Now().Add(5 * time.Second); stacks != "" && time.Now().Before(deadline); stacks = left() {
		runtime.Gosched()
	}
	if stacks != "" {
		t.Errorf("goroutines left after shutdown:\n%s", stacks)
	}
}
