package sitecheck

import (
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/diag"
	"quinzaine/generator/internal/programme"
	"quinzaine/generator/internal/site"
	"quinzaine/generator/internal/theme"
)

// root is the repository, seen from this package's folder.
var root = filepath.Join("..", "..", "..")

// npmModules is where .ci/run installs axe-core and vnu-jar, outside the
// Go module's dependencies and ignored by git.
var npmModules = filepath.Join(root, ".cache", "npm", "node_modules")

// built is the shipped content's site, built once for every check.
type built struct {
	dir      string
	host     string   // the site's own host, from base_url
	basePath string   // the path of base_url, "/" or "/quinzaine/"
	prefixes []string // folders of the languages other than the default
	pages    []Page   // every HTML file, by path
}

var (
	buildOnce sync.Once
	shipped   built
	buildErr  error
	tempRoot  string
)

func TestMain(m *testing.M) {
	code := m.Run()
	if tempRoot != "" {
		os.RemoveAll(tempRoot)
	}
	os.Exit(code)
}

// shippedSite builds the shipped content with the default theme, in
// process, as `build` would, the first time a test asks for it.
func shippedSite(t *testing.T) built {
	t.Helper()
	buildOnce.Do(func() { shipped, buildErr = buildShipped() })
	if buildErr != nil {
		t.Fatal(buildErr)
	}
	return shipped
}

func buildShipped() (built, error) {
	p, diags := programme.Load(filepath.Join(root, "content"), content.Options{}, programme.Options{})
	if p == nil || diags.HasErrors(false) {
		var b strings.Builder
		diag.WriteText(&b, diags)
		return built{}, fmt.Errorf("shipped content does not load: %s\n%s", diag.Summary(diags), b.String())
	}
	th, err := theme.Load(os.DirFS(filepath.Join(root, "themes", "default")))
	if err != nil {
		return built{}, err
	}
	outs, err := site.Plan(p, th, site.Options{})
	if err != nil {
		return built{}, err
	}
	tempRoot, err = os.MkdirTemp("", "sitecheck-")
	if err != nil {
		return built{}, err
	}
	dir := filepath.Join(tempRoot, "public")
	if err := site.Write(dir, outs); err != nil {
		// One failing template fails every page that uses it: the first
		// few say enough.
		lines := strings.Split(err.Error(), "\n")
		if len(lines) > 5 {
			lines = append(lines[:5], fmt.Sprintf("… and %d more", len(lines)-5))
		}
		return built{}, fmt.Errorf("building the shipped site:\n%s", strings.Join(lines, "\n"))
	}
	base, err := url.Parse(p.Site.BaseURL)
	if err != nil {
		return built{}, err
	}
	b := built{dir: dir, host: base.Hostname(), basePath: base.Path}
	if b.basePath == "" {
		b.basePath = "/"
	}
	// Languages other than the default live under a folder of their name
	// (route: "/en/").
	for _, l := range p.Site.Languages[1:] {
		b.prefixes = append(b.prefixes, l)
	}
	err = filepath.WalkDir(dir, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(name, ".html") {
			return err
		}
		info, err := d.Info()
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, name)
		if err != nil {
			return err
		}
		b.pages = append(b.pages, Page{Path: filepath.ToSlash(rel), Size: info.Size()})
		return nil
	})
	slices.SortFunc(b.pages, func(x, y Page) int { return strings.Compare(x.Path, y.Path) })
	return b, err
}

// required skips the test when a tool is missing, except in CI
// (CI=true), where a missing tool fails it so that a green run means the
// check ran.
func required(t *testing.T, what, install string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s not found: %s", what, install)
	}
	t.Skipf("%s not found (%s): check skipped", what, install)
}
