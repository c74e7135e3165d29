package site

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"quinzaine/generator/internal/content"
	"quinzaine/generator/internal/programme"
)

// text is an output that writes s.
func text(path, s string) Output {
	return Output{Path: path, Render: func(w io.Writer) error { _, err := io.WriteString(w, s); return err }}
}

func TestWriteOverLinksUnchangedFilesAndLeavesThePreviousAlone(t *testing.T) {
	previous := filepath.Join(t.TempDir(), "public")
	if err := Write(previous, []Output{text("same.html", "même"), text("a/b/changed.html", "avant"), text("gone.html", "x")}); err != nil {
		t.Fatal(err)
	}
	// Big enough to be compared over several chunks.
	big := strings.Repeat("0123456789", 20000)
	if err := os.WriteFile(filepath.Join(previous, "big.json"), []byte(big), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(previous, "bigger.json"), []byte(big+"!"), 0o644); err != nil {
		t.Fatal(err)
	}
	// Same bytes behind a symbolic link: written, not linked.
	if err := os.Symlink("same.html", filepath.Join(previous, "link.html")); err != nil {
		t.Fatal(err)
	}
	stage := filepath.Join(filepath.Dir(previous), "stage")
	outs := []Output{text("same.html", "même"), text("a/b/changed.html", "après"), text("new/x.html", "neuf"),
		text("big.json", big), text("bigger.json", big+"?"), text("link.html", "même")}
	if err := WriteOver(stage, previous, outs); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		path, want string
		linked     bool
	}{
		{"same.html", "même", true},
		{"big.json", big, true},
		{"a/b/changed.html", "après", false},
		{"bigger.json", big + "?", false},
		{"new/x.html", "neuf", false},
		{"link.html", "même", false},
	}
	for _, tt := range tests {
		name := filepath.Join(stage, filepath.FromSlash(tt.path))
		got, err := os.ReadFile(name)
		if err != nil || string(got) != tt.want {
			t.Errorf("%s holds %.20q (%v), want %.20q", tt.path, got, err, tt.want)
			continue
		}
		info, err := os.Lstat(name)
		if err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != 0o644 {
			t.Errorf("%s is not a plain file with mode 0644: %v %v", tt.path, info.Mode(), err)
			continue
		}
		old, err := os.Lstat(filepath.Join(previous, filepath.FromSlash(tt.path)))
		if linked := err == nil && os.SameFile(info, old); linked != tt.linked {
			t.Errorf("%s linked to the previous file: %v, want %v", tt.path, linked, tt.linked)
		}
	}
	if got, _ := os.ReadFile(filepath.Join(previous, "a", "b", "changed.html")); string(got) != "avant" {
		t.Errorf("the previous publication changed: a/b/changed.html holds %q", got)
	}
	if _, err := os.Stat(filepath.Join(stage, "gone.html")); err == nil {
		t.Error("gone.html, not in the plan, was carried into the new folder")
	}
}

// The parallel writing gives the same bytes on one core as on several: the
// shipped content, every output compared.
func TestWriteIsTheSameOnOneCoreAndOnTwo(t *testing.T) {
	p, diags := programme.Load(filepath.Join("..", "..", "..", "content"), content.Options{}, programme.Options{})
	if diags.HasErrors(false) {
		t.Fatalf("shipped content does not load: %v", diags)
	}
	writeOn := func(procs int) string {
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
		dir, _ := build(t, p, Options{})
		return dir
	}
	one, two := writeOn(1), writeOn(2)
	files := 0
	err := filepath.WalkDir(one, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		files++
		rel, _ := filepath.Rel(one, name)
		a, _ := os.ReadFile(name)
		b, err := os.ReadFile(filepath.Join(two, rel))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s differs between GOMAXPROCS=1 and 2 (%v)", rel, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files < 100 {
		t.Fatalf("only %d files written", files)
	}
}

// A build writes into the tree the build before it replaced (package
// publish keeps it): what is already right stays, what changed is written,
// what the plan no longer has goes, and nothing is written through a link
// into the publication or anywhere else.
func TestWriteOverMakesAnOlderTreeIntoTheNewOne(t *testing.T) {
	root := t.TempDir()
	previous, stage, outside := filepath.Join(root, "public"), filepath.Join(root, "stage"), filepath.Join(root, "outside")
	if err := Write(previous, []Output{text("shared.html", "publié"), text("linkme.html", "comme publié")}); err != nil {
		t.Fatal(err)
	}
	if err := Write(outside, []Output{text("secret.txt", "ne pas toucher")}); err != nil {
		t.Fatal(err)
	}
	// The older tree: some files its own, one shared with the publication,
	// stale files and folders, a file where a folder goes and the reverse,
	// and symbolic links where a folder and a file go.
	if err := Write(stage, []Output{
		text("same.html", "même"), text("own.html", "ancien"), text("stale.html", "x"),
		text("old/deep/page.html", "x"), text("kind/index.html", "x"), text("was-a-file", "x"),
		text("keep/stale.html", "x"), text("keep/index.html", "garde"), text("linkme.html", "autre"),
	}); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(previous, "shared.html"), filepath.Join(stage, "shared.html")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(outside, filepath.Join(stage, "through")); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink(filepath.Join(outside, "secret.txt"), filepath.Join(stage, "secret.txt")); err != nil {
		t.Fatal(err)
	}
	stat := func(dir, rel string) fs.FileInfo {
		info, err := os.Lstat(filepath.Join(dir, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	same, own := stat(stage, "same.html"), stat(stage, "own.html")

	outs := []Output{
		text("same.html", "même"), text("own.html", "nouveau"), text("shared.html", "changé"),
		text("linkme.html", "comme publié"), text("kind", "un fichier"), text("was-a-file/index.html", "un dossier"),
		text("keep/index.html", "garde"), text("through/secret.txt", "écrit"), text("secret.txt", "écrit aussi"),
	}
	if err := WriteOver(stage, previous, outs); err != nil {
		t.Fatal(err)
	}

	var got []string
	err := filepath.WalkDir(stage, func(name string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(stage, name)
		data, err := os.ReadFile(name)
		got = append(got, filepath.ToSlash(rel)+"="+string(data))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"keep/index.html=garde", "kind=un fichier", "linkme.html=comme publié", "own.html=nouveau",
		"same.html=même", "secret.txt=écrit aussi", "shared.html=changé", "through/secret.txt=écrit",
		"was-a-file/index.html=un dossier",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("the tree holds\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if !os.SameFile(same, stat(stage, "same.html")) || !stat(stage, "same.html").ModTime().Equal(same.ModTime()) {
		t.Error("same.html, already right, was written again")
	}
	if !os.SameFile(own, stat(stage, "own.html")) {
		t.Error("own.html, the tree's own file, was replaced rather than written in place")
	}
	if !os.SameFile(stat(previous, "linkme.html"), stat(stage, "linkme.html")) {
		t.Error("linkme.html, equal to the publication's, is not linked to it")
	}
	for rel, want := range map[string]string{"shared.html": "publié", "linkme.html": "comme publié"} {
		if data, _ := os.ReadFile(filepath.Join(previous, rel)); string(data) != want {
			t.Errorf("the publication's %s now holds %q; want %q", rel, data, want)
		}
	}
	if data, _ := os.ReadFile(filepath.Join(outside, "secret.txt")); string(data) != "ne pas toucher" {
		t.Errorf("a file outside the tree was written through a link: it holds %q", data)
	}
	for _, rel := range []string{"through", "secret.txt"} {
		if info := stat(stage, rel); info.Mode()&fs.ModeSymlink != 0 {
			t.Errorf("%s is still a symbolic link", rel)
		}
	}
}

// Outputs past spillAt are rendered into a temporary file rather than
// memory: they end as the others do, and no temporary file is left, even
// when a render fails half way.
func TestLargeOutputsEndAsSmallOnesDo(t *testing.T) {
	root := t.TempDir()
	previous, stage := filepath.Join(root, "public"), filepath.Join(root, "stage")
	big := func(c string) string { return strings.Repeat(c, spillAt+1) }
	if err := Write(previous, []Output{text("linked.json", big("l")), text("shared.json", big("s"))}); err != nil {
		t.Fatal(err)
	}
	if err := Write(stage, []Output{text("kept.json", big("k")), text("folder.json/index.html", "x")}); err != nil {
		t.Fatal(err)
	}
	if err := os.Link(filepath.Join(previous, "shared.json"), filepath.Join(stage, "shared.json")); err != nil {
		t.Fatal(err)
	}
	kept, err := os.Lstat(filepath.Join(stage, "kept.json"))
	if err != nil {
		t.Fatal(err)
	}
	failing := Output{Path: "failing.json", Render: func(w io.Writer) error {
		if _, err := io.WriteString(w, big("f")); err != nil {
			return err
		}
		return io.ErrUnexpectedEOF
	}}
	outs := []Output{text("kept.json", big("k")), text("linked.json", big("l")), text("shared.json", big("S")),
		text("new.json", big("n")), text("folder.json", big("d")), failing}
	if err := WriteOver(stage, previous, outs); err == nil || !strings.Contains(err.Error(), "render failing.json") {
		t.Fatalf("WriteOver error = %v; want the failing render's", err)
	}
	if err := WriteOver(stage, previous, outs[:5]); err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(stage)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if got, want := strings.Join(names, " "), "folder.json kept.json linked.json new.json shared.json"; got != want {
		t.Errorf("the stage holds %s; want %s (no temporary file)", got, want)
	}
	for _, o := range outs[:5] {
		name := filepath.Join(stage, o.Path)
		var want bytes.Buffer
		o.Render(&want)
		got, err := os.ReadFile(name)
		if err != nil || !bytes.Equal(got, want.Bytes()) {
			t.Errorf("%s holds %.10q… (%v); want %.10q…", o.Path, got, err, want.Bytes())
		}
		if info, err := os.Lstat(name); err != nil || !info.Mode().IsRegular() || info.Mode().Perm() != 0o644 {
			t.Errorf("%s is not a plain file with mode 0644: %v, %v", o.Path, info.Mode(), err)
		}
	}
	stat := func(name string) fs.FileInfo {
		info, err := os.Lstat(name)
		if err != nil {
			t.Fatal(err)
		}
		return info
	}
	if !os.SameFile(kept, stat(filepath.Join(stage, "kept.json"))) {
		t.Error("kept.json, already right, was written again")
	}
	if !os.SameFile(stat(filepath.Join(previous, "linked.json")), stat(filepath.Join(stage, "linked.json"))) {
		t.Error("linked.json, equal to the publication's, is not linked to it")
	}
	if data, _ := os.ReadFile(filepath.Join(previous, "shared.json")); string(data) != big("s") {
		t.Errorf("the publication's shared.json changed: it holds %.10q…", data)
	}
}
