package serve

import (
	"context"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"
)

// BenchmarkRebuildOneEvent measures the preview's save-to-reload latency:
// an event file is written with a new title, then the time until the open
// pages are told to reload (the server-sent event) and until the event's
// page is served with the new title. Medians over the edits are reported;
// the quiet period that gathers a save's bursts of events is included.
//
//	go test -run '^$' -bench RebuildOneEvent -benchtime 20x ./generator/internal/serve
//
// The 10,000-event programme is written at benchmark time by the shared
// yardstick (../shared/bench/synth beside the repository), or read from
// QUINZAINE_SYNTH_CONTENT when set; the benchmark edits a copy.
func BenchmarkRebuildOneEvent(b *testing.B) {
	b.Run("shipped", func(b *testing.B) {
		contentDir, themeDir := shipped(b)
		benchRebuild(b, contentDir, themeDir, edited)
	})
	b.Run("events=10000", func(b *testing.B) {
		contentDir := synth(b, 10000, 300)
		_, themeDir := shipped(b)
		benchRebuild(b, contentDir, themeDir, middleEvent(b, contentDir))
	})
}

func synth(b *testing.B, events, venues int) string {
	dir := filepath.Join(b.TempDir(), "content")
	if from := os.Getenv("QUINZAINE_SYNTH_CONTENT"); from != "" {
		copyTree(b, from, dir)
		return dir
	}
	yard, err := filepath.Abs(filepath.Join("..", "..", "..", "..", "shared", "bench", "synth"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(yard); err != nil {
		b.Skipf("no synthetic programme generator at %s: benchmark skipped", yard)
	}
	out := b.TempDir()
	cmd := exec.Command("go", "-C", yard, "run", ".", "-events", strconv.Itoa(events), "-venues", strconv.Itoa(venues),
		"-seed", "1", "-eleventy=false", "-out", out)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if msg, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("generating the synthetic programme: %v\n%s", err, msg)
	}
	copyTree(b, filepath.Join(out, "ours", "content"), dir)
	return dir
}

func benchRebuild(b *testing.B, contentDir, themeDir, rel string) {
	s, first, err := New(Options{Content: contentDir, Theme: themeDir, Drafts: true})
	if err != nil {
		b.Fatal(err)
	}
	if !first.OK() {
		b.Fatalf("first build failed: %v %v", first.Err, first.Problems.Sorted())
	}
	b.Logf("first build: %d outputs planned in %v", first.Planned, first.Duration)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	rebuilt := make(chan Result, 16)
	wait, err := s.Start(ctx, ln, func(r Result) { rebuilt <- r })
	if err != nil {
		b.Fatal(err)
	}
	defer func() {
		cancel()
		wait()
	}()
	base := "http://" + ln.Addr().String()
	p := &preview{url: base}
	ev := p.events(b)
	waitEvent(b, ev, "state", nil)

	page := base + "/evenements/" + strings.TrimSuffix(strings.TrimPrefix(rel, "events/"), ".yaml") + "/"
	src := readFile(b, contentDir, rel)
	firstLine := src[:strings.Index(src, "\n")]
	var toEvent, toPage, rebuild []time.Duration
	i := 0
	for b.Loop() {
		i++
		title := "Titre modifié numéro " + strconv.Itoa(i)
		start := time.Now()
		writeFile(b, contentDir, rel, strings.Replace(src, firstLine, `title: "`+title+`"`, 1))
		// The reload that shows the saved file: a save may come as two
		// writes, each seen by the watcher.
		for {
			waitEvent(b, ev, "reload", nil)
			event := time.Since(start)
			resp, err := http.Get(page)
			if err != nil {
				b.Fatal(err)
			}
			body, err := io.ReadAll(resp.Body)
			resp.Body.Close()
			if err != nil {
				b.Fatal(err)
			}
			if strings.Contains(string(body), title) {
				toEvent = append(toEvent, event)
				toPage = append(toPage, time.Since(start))
				break
			}
		}
		// Every rebuild the save caused, so that none leaks into the next
		// measure.
		for r := range drain(rebuilt) {
			rebuild = append(rebuild, r.Duration)
		}
	}
	b.ReportMetric(ms(median(toEvent)), "ms-to-reload-event")
	b.ReportMetric(ms(median(toPage)), "ms-to-page")
	b.ReportMetric(ms(median(rebuild)), "ms-rebuild")
}

// drain yields what is in c now.
func drain(c chan Result) func(func(Result) bool) {
	return func(yield func(Result) bool) {
		for {
			select {
			case r := <-c:
				if !yield(r) {
					return
				}
			default:
				return
			}
		}
	}
}

func median(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }

// BenchmarkUpdateOneEvent is the rebuild alone after a new title is saved
// into one event, as the watcher calls it, without waiting for the quiet
// period, the reload or the page: what to profile.
//
//	go test -run '^$' -bench UpdateOneEvent -benchtime 20x -cpuprofile cpu.out ./generator/internal/serve
func BenchmarkUpdateOneEvent(b *testing.B) {
	contentDir := synth(b, 10000, 300)
	_, themeDir := shipped(b)
	rel := middleEvent(b, contentDir)
	s, first, err := New(Options{Content: contentDir, Theme: themeDir, Drafts: true})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if !first.OK() {
		b.Fatalf("first build failed: %v %v", first.Err, first.Problems.Sorted())
	}
	src := readFile(b, contentDir, rel)
	firstLine := src[:strings.Index(src, "\n")]
	var rebuild []time.Duration
	i := 0
	for b.Loop() {
		i++
		writeFile(b, contentDir, rel, strings.Replace(src, firstLine, `title: "Titre modifié numéro `+strconv.Itoa(i)+`"`, 1))
		r := s.Update([]string{rel}, false)
		if !r.OK() || len(r.Rendered) == 0 {
			b.Fatalf("rebuild failed or rendered nothing: %v %v", r.Err, r.Problems.Sorted())
		}
		rebuild = append(rebuild, r.Duration)
	}
	b.ReportMetric(ms(median(rebuild)), "ms-rebuild")
}

// middleEvent is the event file in the middle of contentDir's 2026 events,
// relative to contentDir, slash-separated: the one the benchmarks edit.
func middleEvent(b *testing.B, contentDir string) string {
	b.Helper()
	names, err := filepath.Glob(filepath.Join(contentDir, "events", "2026", "*.yaml"))
	if err != nil || len(names) == 0 {
		b.Fatalf("no events in %s", contentDir)
	}
	rel, err := filepath.Rel(contentDir, names[len(names)/2])
	if err != nil {
		b.Fatal(err)
	}
	return filepath.ToSlash(rel)
}
