package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const concert = `title: "Concert du terril"
venue: fosse-9-9bis
start: 2026-06-27T18:00
categories: [bal]
`

const fete = `title: "Fête foraine"
venue: fosse-9-9bis
start: 2026-07-04T14:00
categories: [bal]
`

func TestBuildTellsWhatChangedSinceTheLastPublication(t *testing.T) {
	dir, theme := project(t, "small")
	events := filepath.Join(dir, "content", "events", "2026")
	writeFile(t, filepath.Join(events, "concert-du-terril.yaml"), concert)
	code, stdout, stderr := invoke(t, dir, "build", "-theme", theme)
	if code != 0 || stderr != "" || strings.Contains(stdout, "modification") {
		t.Fatalf("first build: exit %d, stdout %q, stderr %q; want no change told", code, stdout, stderr)
	}

	writeFile(t, filepath.Join(events, "fete-foraine.yaml"), fete)
	writeFile(t, filepath.Join(events, "concert-du-terril.yaml"), strings.Replace(concert, "2026-06-27T18:00", "2026-06-28T18:00", 1))
	bal := filepath.Join(events, "bal-des-gueules-noires.yaml")
	data, _ := os.ReadFile(bal)
	writeFile(t, bal, string(data)+"status: cancelled\n")

	code, stdout, stderr = invoke(t, "", "build", "-theme", theme)
	want := "3 modifications depuis la dernière publication : ajouté « Fête foraine » ; annulé « Bal des gueules noires » ; horaire changé « Concert du terril » (samedi 27 juin, 18 h → dimanche 28 juin, 18 h).\n"
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, want) {
		t.Fatalf("second build: exit %d, stderr %q, stdout:\n%s\nwant it to start with:\n%s", code, stderr, stdout, want)
	}
	page := read(t, filepath.Join(dir, "public", "modifications", "index.html"))
	for _, s := range []string{
		"<h1>Modifications du programme</h1>",
		`<strong>ajouté</strong>`, `href="/evenements/2026/fete-foraine/">Fête foraine</a>`,
		`<strong>annulé</strong>`, `<strong>horaire changé</strong>`,
		"samedi 27\u00a0juin, 18\u00a0h → dimanche 28\u00a0juin, 18\u00a0h",
	} {
		if !strings.Contains(page, s) {
			t.Errorf("the changes page does not contain %q", s)
		}
	}
	if en := read(t, filepath.Join(dir, "public", "en", "changes", "index.html")); !strings.Contains(en, "<h1>Programme changes</h1>") || !strings.Contains(en, "<strong>new time</strong>") {
		t.Errorf("the English changes page does not list the changes:\n%s", en)
	}
	feed := read(t, filepath.Join(dir, "public", "modifications", "feed.xml"))
	for _, s := range []string{"Fête foraine", "Concert du terril", "Bal des gueules noires"} {
		if !strings.Contains(feed, s) {
			t.Errorf("the changes feed does not name %q", s)
		}
	}
	data = []byte(read(t, filepath.Join(dir, "public", "donnees", "modifications.json")))
	if !strings.Contains(string(data), `"reference": "sha256:`) || !strings.Contains(string(data), `"type": "time"`) {
		t.Errorf("modifications.json does not name its reference and the changes:\n%s", data)
	}

	before := hashTree(t, filepath.Join(dir, "public"))
	code, stdout, stderr = invoke(t, "", "build", "-theme", theme)
	if code != 0 || stderr != "" || strings.Contains(stdout, "modification") {
		t.Fatalf("third build, same content: exit %d, stdout %q, stderr %q; want no change told", code, stdout, stderr)
	}
	sameTree(t, "rebuild of the same content", before, hashTree(t, filepath.Join(dir, "public")))

	code, stdout, _ = invoke(t, "", "check", "-previous", "public")
	if code != 0 || !strings.HasSuffix(stdout, "Aucune modification du programme depuis la dernière publication.\n") {
		t.Errorf("check -previous public: exit %d, stdout %q", code, stdout)
	}
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}
