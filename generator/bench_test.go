package main

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// The closing note of the foundation quotes these figures. They time the
// whole build in-process: load, validate, plan, render, write and swap.
//
//	go test -run '^$' -bench Build -benchtime 10x ./generator

func BenchmarkBuildShipped(b *testing.B) {
	benchBuild(b, filepath.Join("..", "content"))
}

// BenchmarkBuild1000 builds a synthetic 1,000-event programme, written at
// benchmark time by the shared yardstick, which lives beside the repository.
func BenchmarkBuild1000(b *testing.B) {
	synth, err := filepath.Abs(filepath.Join("..", "..", "shared", "bench", "synth"))
	if err != nil {
		b.Fatal(err)
	}
	if _, err := os.Stat(synth); err != nil {
		b.Skipf("no synthetic programme generator at %s (it lives beside the repository, in ../shared/bench/synth): benchmark skipped", synth)
	}
	tmp := b.TempDir()
	cmd := exec.Command("go", "-C", synth, "run", ".", "-events", "1000", "-venues", "100", "-seed", "1", "-eleventy=false", "-out", tmp)
	cmd.Env = append(os.Environ(), "GOWORK=off")
	if out, err := cmd.CombinedOutput(); err != nil {
		b.Fatalf("generating the synthetic programme: %v\n%s", err, out)
	}
	benchBuild(b, filepath.Join(tmp, "ours", "content"))
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
}
