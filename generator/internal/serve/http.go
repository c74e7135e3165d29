package serve

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"html"
	"mime"
	"net/http"
	"path"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// The preview's own addresses, outside any site's.
const (
	EventsPath = "/__quinzaine/events"  // server-sent events: reload, problems
	ScriptPath = "/__quinzaine/live.js" // the live-reload script
)

//go:embed live.js
var liveScript []byte

// contentTypes are the types of the files a site holds. Feeds are Atom;
// other XML (sitemap.xml) is plain XML.
var contentTypes = map[string]string{
	".html":        "text/html; charset=utf-8",
	".css":         "text/css; charset=utf-8",
	".js":          "text/javascript; charset=utf-8",
	".json":        "application/json",
	".geojson":     "application/geo+json",
	".xml":         "application/xml",
	".ics":         "text/calendar; charset=utf-8",
	".csv":         "text/csv; charset=utf-8",
	".txt":         "text/plain; charset=utf-8",
	".svg":         "image/svg+xml",
	".jpg":         "image/jpeg",
	".jpeg":        "image/jpeg",
	".png":         "image/png",
	".webp":        "image/webp",
	".avif":        "image/avif",
	".ico":         "image/x-icon",
	".woff2":       "font/woff2",
	".webmanifest": "application/manifest+json",
}

// ContentType is the type the preview serves the file name with.
func ContentType(name string) string {
	if path.Base(name) == "feed.xml" {
		return "application/atom+xml"
	}
	ext := strings.ToLower(path.Ext(name))
	if t, ok := contentTypes[ext]; ok {
		return t
	}
	if t := mime.TypeByExtension(ext); t != "" {
		return t
	}
	return "application/octet-stream"
}

// Handler serves the site, the live-reload script and its events.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+EventsPath, s.events)
	mux.HandleFunc("GET "+ScriptPath, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", ContentType(ScriptPath))
		w.Header().Set("Cache-Control", "no-store")
		w.Write(liveScript)
	})
	mux.HandleFunc("/", s.site)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		// Refused before the mux, which would otherwise redirect to the
		// cleaned address: an address that climbs out is a mistake or an
		// attack, never a page.
		if !safe(r.URL.Path) {
			http.Error(w, "bad address", http.StatusBadRequest)
			return
		}
		mux.ServeHTTP(w, r)
	})
}

// safe reports whether a decoded URL path stays inside the site: it starts
// with one slash and has no ".." segment, backslash or NUL.
func safe(p string) bool {
	return strings.HasPrefix(p, "/") && !strings.HasPrefix(p, "//") &&
		!strings.ContainsAny(p, "\\\x00") && !slices.Contains(strings.Split(p, "/"), "..")
}

// site serves a file of the site from memory. Only the planned files exist:
// there is no folder to escape from, but addresses that try to are refused
// outright rather than cleaned into another file.
func (s *Server) site(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	st := s.state.Load()
	p := r.URL.Path
	if !safe(p) {
		http.Error(w, "bad address", http.StatusBadRequest)
		return
	}
	rest, ok := strings.CutPrefix(p, st.base)
	if !ok {
		if p == "/" || p == strings.TrimSuffix(st.base, "/") {
			http.Redirect(w, r, st.base, http.StatusFound)
			return
		}
		s.notFound(w, r, st, "")
		return
	}
	name := rest
	if name == "" || strings.HasSuffix(name, "/") {
		name += "index.html"
	}
	f := st.file(name)
	if f == nil {
		if st.file(name+"/index.html") != nil {
			http.Redirect(w, r, p+"/", http.StatusMovedPermanently)
			return
		}
		s.notFound(w, r, st, rest)
		return
	}
	body, err := f.get()
	if err != nil {
		s.failed(w, r, st, err)
		return
	}
	s.write(w, r, st, name, body, http.StatusOK)
}

// failed serves, for a page that could not be rendered, the error over an
// empty page that reloads once a save fixes it.
func (s *Server) failed(w http.ResponseWriter, r *http.Request, st *state, err error) {
	page := *st
	page.problems, page.summary = []string{err.Error()}, "this page could not be rendered"
	body := []byte("<!doctype html><html lang=\"en\"><meta charset=\"utf-8\"><title>Error</title><body></body></html>")
	s.write(w, r, &page, "error.html", body, http.StatusInternalServerError)
}

// notFound serves the site's 404 page of the address's language, with
// status 404.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request, st *state, rest string) {
	name := "404.html"
	if i := strings.Index(rest, "/"); i > 0 && st.file(rest[:i]+"/404.html") != nil {
		name = rest[:i] + "/404.html"
	}
	body := []byte("<!doctype html><html lang=\"en\"><title>Not found</title><body><h1>Not found</h1></body></html>")
	if f := st.file(name); f != nil {
		if b, err := f.get(); err == nil {
			body = b
		}
	}
	s.write(w, r, st, name, body, http.StatusNotFound)
}

func (s *Server) write(w http.ResponseWriter, r *http.Request, st *state, name string, body []byte, status int) {
	ct := ContentType(name)
	if strings.HasPrefix(ct, "text/html") {
		body = inject(body, st)
	}
	h := w.Header()
	h.Set("Content-Type", ct)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("X-Content-Type-Options", "nosniff")
	// The preview changes at every save: nothing is to be kept.
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	if r.Method != http.MethodHead {
		w.Write(body)
	}
}

// inject adds the live-reload script, and the overlay when the content has
// errors, before the page's last </body>; a page without one gets them at
// its end.
func inject(page []byte, st *state) []byte {
	var add bytes.Buffer
	if len(st.problems) > 0 {
		add.WriteString(overlay(st))
	}
	fmt.Fprintf(&add, "<script src=\"%s\" data-version=\"%d\" data-events=\"%s\"></script>\n", ScriptPath, st.version, EventsPath)
	i := lastIndexFold(page, "</body>")
	if i < 0 {
		i = len(page)
	}
	out := make([]byte, 0, len(page)+add.Len())
	out = append(out, page[:i]...)
	out = append(out, add.Bytes()...)
	return append(out, page[i:]...)
}

// OverlayID is the id of the element that lists the content's errors.
const OverlayID = "quinzaine-problems"

// overlay is the list of errors, as the script also draws it.
func overlay(st *state) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<div id="%s" role="alert" style="position:fixed;inset:auto 0 0 0;max-height:60vh;overflow:auto;z-index:2147483647;background:#fff3f3;color:#600;border-top:4px solid #c00;padding:1em;font:16px/1.4 system-ui,sans-serif">`, OverlayID)
	fmt.Fprintf(&b, `<p style="margin:0 0 .5em;font-weight:bold">%s</p><ul style="margin:0;padding-left:1.2em;font-family:ui-monospace,monospace;white-space:pre-wrap">`, html.EscapeString(st.summary))
	for _, p := range st.problems {
		fmt.Fprintf(&b, "<li>%s</li>", html.EscapeString(p))
	}
	b.WriteString("</ul></div>\n")
	return b.String()
}

func lastIndexFold(b []byte, s string) int {
	if i := bytes.LastIndex(b, []byte(s)); i >= 0 {
		return i
	}
	return bytes.LastIndex(bytes.ToLower(b), []byte(s))
}

// Message is what the events endpoint sends: the site's version, and the
// content's errors while there are any.
type Message struct {
	Version  int      `json:"version"`
	Summary  string   `json:"summary,omitempty"`
	Problems []string `json:"problems"`
}

func message(st *state) Message {
	return Message{Version: st.version, Summary: st.summary, Problems: append([]string{}, st.problems...)}
}

// event is a message for the open pages: "reload" after a rebuild that
// changed the site or fixed the content, "problems" after one that failed.
type event struct {
	name  string
	state *state
}

// hub passes events to every open page.
type hub struct {
	mu      sync.Mutex
	clients map[chan event]bool
	closed  bool
	done    chan struct{}
}

func (h *hub) init() {
	if h.clients == nil {
		h.clients = map[chan event]bool{}
		h.done = make(chan struct{})
	}
}

func (h *hub) subscribe() (chan event, <-chan struct{}) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.init()
	c := make(chan event, 16)
	if !h.closed {
		h.clients[c] = true
	}
	return c, h.done
}

func (h *hub) unsubscribe(c chan event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.clients, c)
}

// send passes e to every page; a page too slow to take it misses it and
// catches up with the state sent when it reconnects.
func (h *hub) send(e event) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for c := range h.clients {
		select {
		case c <- e:
		default:
		}
	}
}

// close ends every event stream, so that the server can shut down.
func (h *hub) close() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.init()
	if !h.closed {
		h.closed = true
		close(h.done)
	}
}

// events streams server-sent events: "state" at once, then "reload" or
// "problems" after each rebuild.
func (s *Server) events(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok {
		http.Error(w, "streaming unsupported", http.StatusInternalServerError)
		return
	}
	c, done := s.hub.subscribe()
	defer s.hub.unsubscribe(c)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	send := func(name string, st *state) bool {
		data, _ := json.Marshal(message(st))
		if _, err := fmt.Fprintf(w, "event: %s\ndata: %s\n\n", name, data); err != nil {
			return false
		}
		flusher.Flush()
		return true
	}
	if !send("state", s.state.Load()) {
		return
	}
	// A comment now and then finds out that the page went away.
	tick := time.NewTicker(15 * time.Second)
	defer tick.Stop()
	for {
		select {
		case e := <-c:
			if !send(e.name, e.state) {
				return
			}
		case <-tick.C:
			if _, err := fmt.Fprint(w, ": ping\n\n"); err != nil {
				return
			}
			flusher.Flush()
		case <-r.Context().Done():
			return
		case <-done:
			return
		}
	}
}
