package main

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
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

const randonnee = `title: "Randonnée des terrils"
venue: fosse-9-9bis
start: 2026-06-21T09:00
categories: [visite]
`

// atom is what the test reads of an Atom feed, with encoding/xml.
type atom struct {
	Updated string `xml:"http://www.w3.org/2005/Atom updated"`
	Entries []struct {
		Title   string `xml:"http://www.w3.org/2005/Atom title"`
		Updated string `xml:"http://www.w3.org/2005/Atom updated"`
	} `xml:"http://www.w3.org/2005/Atom entry"`
}

func TestEventsCarryTheDateOfThePublicationThatLastChangedThem(t *testing.T) {
	paris, err := time.LoadLocation("Europe/Paris")
	if err != nil {
		t.Fatal(err)
	}
	// Seconds past the minute: dates are truncated to it. t3 is later on
	// t2's day, so that the home page shows the same days.
	t1, t2, t3 := int64(1780000037), int64(1781000059), int64(1781000059+2*3600+17)
	at := func(epoch int64) time.Time { return time.Unix(epoch, 0).Truncate(time.Minute).In(paris) }
	dir, theme := project(t, "small")
	client := feedClient(t)
	t.Chdir(dir)
	build := func(epoch int64) {
		t.Helper()
		t.Setenv("SOURCE_DATE_EPOCH", strconv.FormatInt(epoch, 10))
		if code, _, stderr := invoke(t, "", "build", "-theme", theme); code != 0 || stderr != "" {
			t.Fatalf("build at %d: exit %d, stderr %q", epoch, code, stderr)
		}
	}
	events := filepath.Join(dir, "content", "events", "2026")
	writeFile(t, filepath.Join(events, "concert-du-terril.yaml"), concert)
	writeFile(t, filepath.Join(events, "randonnee-des-terrils.yaml"), randonnee)
	build(t1)

	bal := filepath.Join(events, "bal-des-gueules-noires.yaml")
	data, _ := os.ReadFile(bal)
	writeFile(t, bal, strings.Replace(string(data), "Une nuit de bal", "Une longue nuit de bal", 1))
	writeFile(t, filepath.Join(events, "fete-foraine.yaml"), fete)
	build(t2)

	var report struct {
		Evenements map[string]struct {
			Modified string `json:"modifie_le"`
		} `json:"evenements"`
	}
	if err := json.Unmarshal([]byte(read(t, filepath.Join("public", "donnees", "modifications.json"))), &report); err != nil {
		t.Fatal(err)
	}
	want := map[string]time.Time{
		"2026/bal-des-gueules-noires": at(t2), "2026/fete-foraine": at(t2),
		"2026/concert-du-terril": at(t1), "2026/randonnee-des-terrils": at(t1),
	}
	if len(report.Evenements) != len(want) {
		t.Errorf("modifications.json dates %d events; want %d", len(report.Evenements), len(want))
	}
	for id, w := range want {
		if got := report.Evenements[id].Modified; got != w.Format(time.RFC3339) {
			t.Errorf("%s: modifie_le %q; want %q", id, got, w.Format(time.RFC3339))
		}
	}

	var feed atom
	if err := xml.Unmarshal([]byte(read(t, filepath.Join("public", "feed.xml"))), &feed); err != nil {
		t.Fatalf("encoding/xml refuses feed.xml: %v", err)
	}
	var got []string
	for _, e := range feed.Entries {
		got = append(got, e.Title+" "+e.Updated)
	}
	order := []string{
		"Bal des gueules noires " + at(t2).Format(time.RFC3339), "Fête foraine " + at(t2).Format(time.RFC3339),
		"Concert du terril " + at(t1).Format(time.RFC3339), "Randonnée des terrils " + at(t1).Format(time.RFC3339),
	}
	if strings.Join(got, "\n") != strings.Join(order, "\n") || feed.Updated != at(t2).Format(time.RFC3339) {
		t.Errorf("feed.xml updated %s, entries:\n%s\nwant updated %s, entries:\n%s", feed.Updated, strings.Join(got, "\n"), at(t2).Format(time.RFC3339), strings.Join(order, "\n"))
	}
	for slug, w := range map[string]time.Time{"bal-des-gueules-noires": at(t2), "concert-du-terril": at(t1)} {
		ics := read(t, filepath.Join("public", "evenements", "2026", slug+".ics"))
		stamp := w.UTC().Format("20060102T150405Z")
		if !strings.Contains(ics, "\r\nDTSTAMP:"+stamp+"\r\n") || !strings.Contains(ics, "\r\nLAST-MODIFIED:"+stamp+"\r\n") {
			t.Errorf("%s.ics: want DTSTAMP and LAST-MODIFIED %s:\n%s", slug, stamp, ics)
		}
	}
	if client != nil {
		client(filepath.Join(dir, "public"), at(t2))
	}

	before := hashTree(t, filepath.Join(dir, "public"))
	build(t3)
	after := hashTree(t, filepath.Join(dir, "public"))
	// t3 is later on t2's festival day: every file, the home pages' "today"
	// included, is the same bytes.
	sameTree(t, "rebuild of the same content later", before, after)
}

// feedClient returns a check that reads a built site's feeds with the feed
// parser readers use (@rowanmanning/feed-parser, through the script of
// package site's tests) and that feed.xml's first two items are dated
// newest; nil when node or the package is missing, except in CI. Call it
// from the generator's folder.
func feedClient(t *testing.T) func(site string, newest time.Time) {
	t.Helper()
	modules, err := filepath.Abs(filepath.Join("..", ".cache", "npm", "node_modules"))
	if err != nil {
		t.Fatal(err)
	}
	script, err := filepath.Abs(filepath.Join("internal", "site", "testdata", "clients.cjs"))
	if err != nil {
		t.Fatal(err)
	}
	missing := ""
	if _, err := exec.LookPath("node"); err != nil {
		missing = "node is not installed"
	} else if _, err := os.Stat(filepath.Join(modules, "@rowanmanning", "feed-parser")); err != nil {
		missing = "@rowanmanning/feed-parser is not in .cache/npm"
	}
	if missing != "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("the feed parser cannot run in CI: %s", missing)
		}
		t.Logf("feed parser not run: %s", missing)
		return nil
	}
	return func(site string, newest time.Time) {
		t.Helper()
		readFeeds(t, script, modules, site, newest)
	}
}

func readFeeds(t *testing.T, script, modules, site string, newest time.Time) {
	t.Helper()
	cmd := exec.Command("node", script, site)
	cmd.Env = append(os.Environ(), "NODE_PATH="+modules)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("node clients.cjs: %v\n%s", err, stderr.String())
	}
	var rep struct {
		Feeds []struct {
			File  string
			Items []struct{ Title, Updated string }
		}
	}
	if err := json.Unmarshal(out, &rep); err != nil {
		t.Fatal(err)
	}
	want := newest.UTC().Format("2006-01-02T15:04:05.000Z")
	for _, f := range rep.Feeds {
		if f.File != "feed.xml" {
			continue
		}
		if len(f.Items) < 3 || f.Items[0].Updated != want || f.Items[1].Updated != want || f.Items[2].Updated == want {
			t.Errorf("feed-parser reads feed.xml as %+v; want its first two items updated %s", f.Items, want)
		}
		return
	}
	t.Errorf("feed-parser read no feed.xml: %+v", rep.Feeds)
}

func read(t *testing.T, path string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// A last publication that cannot be read back does not hold the build
// back: it is told once, and the changes are counted from this build.
func TestBuildWarnsOfALastPublicationItCannotCompare(t *testing.T) {
	dir, theme := project(t, "small")
	if code, _, stderr := invoke(t, dir, "build", "-theme", theme); code != 0 {
		t.Fatalf("first build: exit %d, stderr %q", code, stderr)
	}
	published := filepath.Join(dir, "public", "donnees", "evenements.json")
	// A new file, not a write through the links the next stage may share.
	if err := os.Remove(published); err != nil {
		t.Fatal(err)
	}
	writeFile(t, published, "not json")
	code, stdout, stderr := invoke(t, "", "build", "-theme", theme)
	want := "warning: the last publication cannot be compared (compare with " + filepath.Join("public", "donnees", "evenements.json") +
		": not an evenements.json file: invalid character 'o' in literal null (expecting 'u')); the changes are counted from this one\n"
	if code != 0 || stderr != want || strings.Contains(stdout, "modification") || !strings.HasPrefix(stdout, "built ") {
		t.Errorf("build over an unreadable publication: exit %d, stdout %q, stderr:\n%s\nwant:\n%s", code, stdout, stderr, want)
	}
}
