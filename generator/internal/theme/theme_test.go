package theme

import (
	"html/template"
	"os"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func minimal() fstest.MapFS {
	fsys := fstest.MapFS{
		"layouts/_base.html":          {Data: []byte(`<html lang="{{.Lang}}">{{template "header" .}}{{template "main" .}}</html>`)},
		"layouts/_partials/head.html": {Data: []byte(`{{define "header"}}<h1>{{.Title}}</h1>{{end}}`)},
		"static/assets/style.css":     {Data: []byte("body{}")},
		"static/favicon.svg":          {Data: []byte("<svg/>")},
		"i18n/fr.yaml":                {Data: []byte("skip: Aller au contenu\n")},
	}
	for _, k := range Required {
		fsys["layouts/"+k+".html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<p>` + k + `</p>{{end}}`)}
	}
	return fsys
}

func TestEachPageKindGetsTheSkeletonAndItsOwnMain(t *testing.T) {
	th, err := Load(minimal())
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"event", "venue"} {
		var b strings.Builder
		err := th.Execute(&b, kind, struct{ Lang, Title string }{"fr", "<Bal>"})
		if err != nil {
			t.Fatal(err)
		}
		want := `<html lang="fr"><h1>&lt;Bal&gt;</h1><p>` + kind + `</p></html>`
		if b.String() != want {
			t.Errorf("%s: got %q; want %q", kind, b.String(), want)
		}
	}
	if err := th.Execute(&strings.Builder{}, "nowhere", nil); err == nil || err.Error() != "theme has no layouts/nowhere.html" {
		t.Errorf("unknown kind: got %v", err)
	}
}

func TestAPartialAloneWritesWhatAPagePlaces(t *testing.T) {
	fsys := minimal()
	fsys["layouts/_partials/item.html"] = &fstest.MapFile{Data: []byte(`{{define "item"}}<li><a href="{{.URL}}">{{.Text}}</a></li>{{end}}`)}
	fsys["layouts/venue.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<ul>{{template "item" .}}</ul>{{end}}`)}
	th, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	data := struct{ Lang, Title, URL, Text string }{"fr", "t", "/a b/?x=1&y=<2>", "Rock & <roll>"}
	var page strings.Builder
	if err := th.Execute(&page, "venue", data); err != nil {
		t.Fatal(err)
	}
	card, err := th.Partial("item", data)
	if err != nil {
		t.Fatal(err)
	}
	want := `<li><a href="/a%20b/?x=1&amp;y=%3c2%3e">Rock &amp; &lt;roll&gt;</a></li>`
	if string(card) != want || !strings.Contains(page.String(), "<ul>"+want+"</ul>") {
		t.Errorf("Partial gave %q; the page %q; want %q in both", card, page.String(), want)
	}
	if _, err := th.Partial("nowhere", data); err == nil || err.Error() != `render nowhere: html/template: "nowhere" is undefined` {
		t.Errorf("unknown partial: got %v", err)
	}
}

func TestStaticFilesAndStringsAreLoaded(t *testing.T) {
	th, err := Load(minimal())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := th.StaticFiles(), []string{"assets/style.css", "favicon.svg"}; !slices.Equal(got, want) {
		t.Errorf("StaticFiles() = %q; want %q", got, want)
	}
	var b strings.Builder
	if err := th.WriteStatic(&b, "assets/style.css"); err != nil || b.String() != "body{}" {
		t.Errorf("WriteStatic: got %q, %v", b.String(), err)
	}
	if got := th.Strings["fr"]["skip"]; got != "Aller au contenu" {
		t.Errorf(`Strings["fr"]["skip"] = %q`, got)
	}
}

func TestBrokenThemesAreRefusedWithTheFileToFix(t *testing.T) {
	tests := []struct {
		name   string
		change func(fstest.MapFS)
		want   string
	}{
		{"missing kind", func(f fstest.MapFS) { delete(f, "layouts/day.html") }, "load theme: missing layouts/day.html"},
		{"syntax", func(f fstest.MapFS) { f["layouts/event.html"] = &fstest.MapFile{Data: []byte("{{if}}")} },
			`load theme: template: event.html:1: missing value for if`},
		{"strings", func(f fstest.MapFS) { f["i18n/en.yaml"] = &fstest.MapFile{Data: []byte("a: [b]\n")} },
			"load theme: i18n/en.yaml: parse interface strings: yaml: unmarshal errors:\n  line 1: cannot unmarshal !!seq into string"},
	}
	for _, tt := range tests {
		fsys := minimal()
		tt.change(fsys)
		_, err := Load(fsys)
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got %v; want %q", tt.name, err, tt.want)
		}
	}
}

func TestTheDefaultThemeLoads(t *testing.T) {
	th, err := Load(os.DirFS("../../../themes/default"))
	if err != nil {
		t.Fatal(err)
	}
	fr, en := th.Strings["fr"], th.Strings["en"]
	for k := range fr {
		if _, ok := en[k]; !ok {
			t.Errorf("i18n/en.yaml lacks %q", k)
		}
	}
	for k := range en {
		if _, ok := fr[k]; !ok {
			t.Errorf("i18n/fr.yaml lacks %q", k)
		}
	}
}

// keeper is a page that keeps cards by the text of their item.
type keeper struct {
	Lang, Title string
	Items       []string
	kept        map[string]template.HTML
	drawn       int
}

func (k *keeper) Keep(partial string, item any, draw func() (template.HTML, error)) (template.HTML, error) {
	key := partial + "/" + item.(string)
	if h, ok := k.kept[key]; ok {
		return h, nil
	}
	k.drawn++
	h, err := draw()
	k.kept[key] = h
	return h, err
}

func TestCardPlacesThePartialAsThePageKeepsIt(t *testing.T) {
	fsys := minimal()
	fsys["layouts/_partials/item.html"] = &fstest.MapFile{Data: []byte(`{{define "item"}}<li>{{.}}</li>{{end}}`)}
	fsys["layouts/venue.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<ul>{{range .Items}}{{card "item" . $}}{{end}}</ul>{{end}}`)}
	th, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	page := &keeper{Lang: "fr", Items: []string{"a&b", "c", "a&b"}, kept: map[string]template.HTML{}}
	var b strings.Builder
	if err := th.Execute(&b, "venue", page); err != nil {
		t.Fatal(err)
	}
	if want := `<ul><li>a&amp;b</li><li>c</li><li>a&amp;b</li></ul>`; !strings.Contains(b.String(), want) || page.drawn != 2 {
		t.Errorf("got %q, drawn %d times; want %q, drawn twice", b.String(), page.drawn, want)
	}
}

func TestCardWithoutAPageKeepsWhatAWordDraws(t *testing.T) {
	fsys := minimal()
	fsys["layouts/_partials/icon.html"] = &fstest.MapFile{Data: []byte(`{{define "icon"}}<svg>{{if eq . "a"}}<circle/>{{else if eq . "<b>"}}<path/>{{end}}{{.}}</svg>{{end}}`)}
	fsys["layouts/venue.html"] = &fstest.MapFile{Data: []byte(`{{define "main"}}<ul>{{range .Items}}<li>{{card "icon" . nil}}|{{template "icon" .}}</li>{{end}}</ul>{{end}}`)}
	th, err := Load(fsys)
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	page := &keeper{Lang: "fr", Items: []string{"a", "<b>", "a"}}
	if err := th.Execute(&b, "venue", page); err != nil {
		t.Fatal(err)
	}
	want := `<ul><li><svg><circle/>a</svg>|<svg><circle/>a</svg></li><li><svg><path/>&lt;b&gt;</svg>|<svg><path/>&lt;b&gt;</svg></li><li><svg><circle/>a</svg>|<svg><circle/>a</svg></li></ul>`
	if !strings.Contains(b.String(), want) {
		t.Errorf("got %q; want %q", b.String(), want)
	}
	kept := 0
	th.words.Range(func(any, any) bool { kept++; return true })
	if kept != 2 || page.drawn != 0 {
		t.Errorf("the theme keeps %d words and the page drew %d; want 2 words kept by the theme, none by the page", kept, page.drawn)
	}
}
