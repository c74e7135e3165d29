package main

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sync"
	"testing"
	"time"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/site"
	"quinzaine/generator/internal/theme"
)

// These benchmarks time the phases of a build and the whole of it, on the
// shipped content and on synthetic programmes that the shared yardstick
// (../shared/bench/synth, beside the repository) writes at benchmark time.
// docs/performance.md quotes them.
//
//	go test -run '^$' -bench . -benchtime 5x ./generator
//	go test -run '^$' -bench Build -benchtime 3x ./generator -synth20000   # the linearity check

// synth20000 adds the 20,000-event programme to the benchmarks, to check
// that the cost grows linearly; it takes minutes, so it is not in the
// default set.
var synth20000 = flag.Bool("synth20000", false, "also benchmark a 20,000-event synthetic programme")

// sizes are the synthetic programmes: events and venues.
func sizes() [][2]int {
	s := [][2]int{{1000, 100}, {10000, 300}}
	if *synth20000 {
		s = append(s, [2]int{20000, 300})
	}
	return s
}

func BenchmarkBuildShipped(b *testing.B) {
	benchBuild(b, filepath.Join("..", "content"))
}

// BenchmarkBuild times the whole build in-process: load, validate, plan,
// render, write and swap.
func BenchmarkBuild(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("events=%d", n[0]), func(b *testing.B) {
			benchBuild(b, synthContent(b, n[0], n[1]))
		})
	}
}

// BenchmarkLoad times reading and decoding the content files.
func BenchmarkLoad(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("events=%d", n[0]), func(b *testing.B) {
			dir := synthContent(b, n[0], n[1])
			for b.Loop() {
				if _, diags := content.Load(dir, content.Options{}); diags.HasErrors(false) {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkModel times the validated model built from loaded content.
func BenchmarkModel(b *testing.B) {
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("events=%d", n[0]), func(b *testing.B) {
			t, diags := content.Load(synthContent(b, n[0], n[1]), content.Options{})
			if diags.HasErrors(false) {
				b.Fatal(diags)
			}
			for b.Loop() {
				if _, diags := programme.Build(t, programme.Options{}); diags.HasErrors(false) {
					b.Fatal(diags)
				}
			}
		})
	}
}

// BenchmarkRender times the plan and the rendering of every output in
// memory, one at a time: the CPU cost of the pages, without the disk.
func BenchmarkRender(b *testing.B) {
	th, err := theme.Load(os.DirFS(filepath.Join("..", "themes", "default")))
	if err != nil {
		b.Fatal(err)
	}
	for _, n := range sizes() {
		b.Run(fmt.Sprintf("events=%d", n[0]), func(b *testing.B) {
			p, diags := programme.Load(synthContent(b, n[0], n[1]), content.Options{}, programme.Options{})
			if diags.HasErrors(false) {
				b.Fatal(diags)
			}
			var buf bytes.Buffer
			var files, size int
			for b.Loop() {
				outputs, err := site.Plan(p, th, site.Options{Now: time.Date(2026, 6, 25, 12, 0, 0, 0, p.Location)})
				if err != nil {
					b.Fatal(err)
				}
				files, size = len(outputs), 0
				for _, o := range outputs {
					buf.Reset()
					if err := o.Render(&buf); err != nil {
						b.Fatal(err)
					}
					size += buf.Len()
				}
			}
			b.ReportMetric(float64(files), "files/op")
			b.ReportMetric(float64(size)/(1<<20), "MiB/op")
		})
	}
}

func benchBuild(b *testing.B, content string) {
	theme, err := filepath.Abs(filepath.Join("..", "themes", "default"))
	if err != nil {
		b.Fatal(err)
	}
	content, err = filepath.Abs(content)
	if err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	args := []string{"build", "-content", content, "-theme", theme, "-out", out}
	var stderr bytes.Buffer
	for b.Loop() {
		stderr.Reset()
		if code := run(args, io.Discard, &stderr); code != 0 {
			b.Fatalf("build exited %d:\n%s", code, stderr.String())
		}
	}
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(ms.HeapSys)/(1<<20), "MiB-heap-sys")
}

var synthMu sync.Mutex

// synthContent returns the content folder of a synthetic programme of the
// given size, seed 1, written by the shared yardstick. Writing 10,000
// events takes longer than building them, so the programme is kept in the
// system's temporary folder under a name that holds the hash of the
// yardstick's source: the same source writes the same bytes.
func synthContent(b *testing.B, events, venues int) string {
	b.Helper()
	synthMu.Lock()
	defer synthMu.Unlock()
	synth, err := filepath.Abs(filepath.Join("..", "..", "shared", "bench", "synth"))
	if err != nil {
		b.Fatal(err)
	}
	sources, _ := filepath.Glob(filepath.Join(synth, "*.go"))
	if len(sources) == 0 {
		b.Skipf("no synthetic programme generator at %s (it lives beside the repository, in ../shared/bench/synth): benchmark skipped", synth)
	}
	h := sha256.New()
	for _, name := range append(sources, filepath.Join(synth, "go.mod")) {
		data, err := os.ReadFile(name)
		if err != nil {
			b.Fatal(err)
		}
		h.Write(data)
	}
	dir := filepath.Join(os.TempDir(), "quinzaine-synth", fmt.Sprintf("%s-e%d-v%d-s1", hex.EncodeToString(h.Sum(nil))[:12], events, venues))
	if _, err := os.Stat(dir); err == nil {
		return filepath.Join(dir, "ours", "content")
	}
	// Written beside, then renamed, so that an interrupted run leaves no
	// half programme under the final name.
	if err := os.MkdirAll(filepath.Dir(dir), 0o755); err != nil {
		b.Fatal(err)
	}
	tmp, err := os.MkdirTemp(filepath.Dir(dir), "partial-")
	if err != nil {
		b.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	cmd := exec.Command("go", "-C", synth, "run", ".", "-events", fmt.Sprint(events), "-venues", fmt.Sprint(venues),
		"-seed", "1", "-eleventy=false", "-out", tmp)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("generating the synthetic programme: %v\n%s", err, out)
	}
	if err := os.Rename(tmp, dir); err != nil {
		b.Fatal(err)
	}
	return filepath.Join(dir, "ours", "content")
}
