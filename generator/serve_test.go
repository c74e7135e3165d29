package main

import (
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"quinzaine/generator/internal/browsertest"
	"quinzaine/generator/internal/serve"
)

// shippedCopy copies the shipped content and theme into a new folder.
func shippedCopy(t *testing.T) (contentDir, themeDir string) {
	t.Helper()
	dir := t.TempDir()
	contentDir, themeDir = filepath.Join(dir, "content"), filepath.Join(dir, "theme")
	for from, to := range map[string]string{filepath.Join("..", "content"): contentDir, filepath.Join("..", "themes", "default"): themeDir} {
		err := filepath.WalkDir(from, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			rel, _ := filepath.Rel(from, p)
			if d.IsDir() {
				return os.MkdirAll(filepath.Join(to, rel), 0o755)
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			return os.WriteFile(filepath.Join(to, rel), data, 0o644)
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return contentDir, themeDir
}

// startPreview runs the serve command in-process on a free port and returns
// its address; the preview stops, and must exit 0, when the test ends.
func startPreview(t *testing.T, o buildOptions) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	ready := make(chan string, 1)
	done := make(chan int, 1)
	var stdout, stderr bytes.Buffer
	go func() { done <- preview(ctx, o, "127.0.0.1:0", func(u string) { ready <- u }, &stdout, &stderr) }()
	var url string
	select {
	case url = <-ready:
	case code := <-done:
		t.Fatalf("serve exited %d:\n%s", code, stderr.String())
	}
	t.Cleanup(func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exited %d:\n%s", code, stderr.String())
		}
		if !strings.HasPrefix(stdout.String(), "previewing ") || !strings.HasSuffix(stdout.String(), "preview stopped\n") {
			t.Errorf("serve printed:\n%s", stdout.String())
		}
	})
	return url
}

var liveScript = regexp.MustCompile(`<script src="` + regexp.QuoteMeta(serve.ScriptPath) + `" data-version="\d+" data-events="` + regexp.QuoteMeta(serve.EventsPath) + `"></script>\n`)

func TestPreviewServesWhatBuildWrites(t *testing.T) {
	t.Setenv("SOURCE_DATE_EPOCH", "1782000000")
	contentDir, themeDir := shippedCopy(t)
	out := filepath.Join(t.TempDir(), "public")
	if code, _, stderr := invoke(t, "", "build", "-drafts", "-content", contentDir, "-theme", themeDir, "-out", out); code != 0 {
		t.Fatalf("build exited %d:\n%s", code, stderr)
	}
	url := startPreview(t, buildOptions{content: contentDir, theme: themeDir, out: out, drafts: true})
	n := 0
	err := filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() == ".gitignore" {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		want, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		resp, err := http.Get(url + filepath.ToSlash(rel))
		if err != nil {
			return err
		}
		got, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		if err != nil {
			return err
		}
		if bytes.Contains(want, []byte("__quinzaine")) {
			t.Errorf("build wrote the preview's script into %s", rel)
		}
		if strings.HasSuffix(rel, ".html") {
			if !liveScript.Match(got) {
				t.Errorf("%s: no live-reload script in the preview", rel)
			}
			got = liveScript.ReplaceAll(got, nil)
		}
		if resp.StatusCode != 200 || !bytes.Equal(got, want) {
			t.Errorf("%s: the preview serves %d and other bytes than build writes", rel, resp.StatusCode)
		}
		n++
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 100 {
		t.Errorf("compared only %d files", n)
	}
}

func TestServeHelpAndWrongFlags(t *testing.T) {
	dir := emptyProject(t)
	if code, stdout, _ := invoke(t, dir, "serve", "-h"); code != exitOK || stdout != serveUsage {
		t.Errorf("serve -h: exit %d, printed:\n%s", code, stdout)
	}
	if code, _, stderr := invoke(t, dir, "serve", "-adr", ":1"); code != exitUsage || !strings.HasPrefix(stderr, "unknown flag \"-adr\"; did you mean \"-addr\"?\n\n") {
		t.Errorf("serve -adr: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := invoke(t, dir, "serve", "-addr", "1313"); code != exitUsage || !strings.HasPrefix(stderr, "-addr \"1313\" is not a host and port, such as \"127.0.0.1:1313\"\n\n") {
		t.Errorf("serve -addr 1313: exit %d:\n%s", code, stderr)
	}
	if code, _, stderr := invoke(t, dir, "serv"); code != exitUsage || !strings.HasPrefix(stderr, "unknown command \"serv\"; did you mean \"serve\"?\n\n") {
		t.Errorf("serv: exit %d:\n%s", code, stderr)
	}
}

// TestBrowserReloadsThePageAfterASave opens an event's page in Chromium,
// saves a new title and waits for the page to show it by itself.
func TestBrowserReloadsThePageAfterASave(t *testing.T) {
	ctx := browsertest.New(t)
	contentDir, themeDir := shippedCopy(t)
	url := startPreview(t, buildOptions{content: contentDir, theme: themeDir, out: filepath.Join(t.TempDir(), "public"), drafts: true})
	if err := chromedp.Do(ctx, chromedp.Navigate(url+"evenements/2026/atelier-dessine-ton-chevalement/")); err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.documentElement.dataset.preview === "live"`)); err != nil {
		t.Fatalf("the page never listened for reloads: %v", err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Evaluate[chromedp.Void](`window.beforeSave = true`)); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(contentDir, "events", "2026", "atelier-dessine-ton-chevalement.yaml")
	src, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	first := src[:bytes.IndexByte(src, '\n')]
	if err := os.WriteFile(name, bytes.Replace(src, first, []byte(`title: "Atelier des petits chevalements"`), 1), 0o644); err != nil {
		t.Fatal(err)
	}
	// The reload interrupts a poll in progress; the next one runs in the
	// new page.
	for {
		_, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.title.startsWith("Atelier des petits chevalements") && document.documentElement.dataset.preview === "live"`))
		if err == nil {
			break
		}
		if !strings.Contains(err.Error(), "(-32000)") {
			t.Fatalf("the page did not show the new title: %v", err)
		}
	}
	reloaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeSave === undefined`))
	if err != nil || !reloaded {
		t.Errorf("the page was not reloaded (%v)", err)
	}
	h1, err := chromedp.Run(ctx, chromedp.Text("h1"))
	if err != nil || !strings.Contains(h1, "Atelier des petits chevalements") {
		t.Errorf("h1 %q (%v)", h1, err)
	}
}
