package markdown

import (
	"strings"
	"testing"

	"quinzaine/generator/internal/locale"
)

func TestRawHTMLComesOutAsEscapedText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"<script>alert(1)</script>\n", "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n"},
		{"Un <b>bal</b> !\n", "<p>Un &lt;b&gt;bal&lt;/b&gt; !</p>\n"},
		{"<div onclick=\"x()\">\nbonjour\n</div>\n", "<p>&lt;div onclick=&#34;x()&#34;&gt;\nbonjour\n&lt;/div&gt;</p>\n"},
	}
	for _, tt := range tests {
		got, err := Render(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("Render(%q) = %q; want %q", tt.src, got, tt.want)
		}
	}
}

func TestGFMTablesStrikethroughAndLinks(t *testing.T) {
	got, err := Render("~~annulé~~ voir https://example.org\n\n| a | b |\n|---|---|\n| 1 | 2 |\n")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"<del>annulé</del>",
		`<a href="https://example.org">https://example.org</a>`,
		"<table>", "<td>1</td>",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("missing %q in %q", want, got)
		}
	}
}

func TestEditorsHeadingsStartBelowThePageTitle(t *testing.T) {
	tests := []struct {
		top       int
		src, want string
	}{
		{0, "# Accès\n\n## En bus\n", "<h2>Accès</h2>\n<h3>En bus</h3>\n"},
		{0, "### Accès\n", "<h2>Accès</h2>\n"},
		{3, "# Accès\n", "<h3>Accès</h3>\n"},
	}
	for _, tt := range tests {
		got, err := New(Options{TopHeading: tt.top}).Render(tt.src)
		if err != nil {
			t.Fatal(err)
		}
		if string(got) != tt.want {
			t.Errorf("TopHeading %d: Render(%q) = %q; want %q", tt.top, tt.src, got, tt.want)
		}
	}
}

func TestSiteAbsoluteLinksFollowTheSitePath(t *testing.T) {
	r := New(Options{LinkPrefix: "/quinzaine/"})
	got, err := r.Render("[le lieu](/lieux/x/), [ailleurs](https://example.org/a), [ici](#acces), [proto](//cdn.example.org/)\n")
	if err != nil {
		t.Fatal(err)
	}
	want := `<p><a href="/quinzaine/lieux/x/">le lieu</a>, <a href="https://example.org/a">ailleurs</a>, <a href="#acces">ici</a>, <a href="//cdn.example.org/">proto</a></p>` + "\n"
	if string(got) != want {
		t.Errorf("got %q; want %q", got, want)
	}
}

func TestFrenchTypographyLeavesCodeAndLineBreaksAlone(t *testing.T) {
	r := New(Options{Typography: locale.French})
	got, err := r.Render("Entrée : 5 € !\nLe « bal » `a : b`\n")
	if err != nil {
		t.Fatal(err)
	}
	want := "<p>Entrée\u202f: 5\u00a0€\u202f!\nLe «\u202fbal\u202f» <code>a : b</code></p>\n"
	if string(got) != want {
		t.Errorf("got %q; want %q", got, want)
	}
}
