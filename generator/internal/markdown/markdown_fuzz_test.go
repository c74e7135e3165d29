package markdown

import (
	"bytes"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"quinzaine/generator/internal/locale"
)

// FuzzRender checks that no Markdown, however odd, renders into HTML that
// can run script: no <script> element, no on… event attribute, no address
// in href or src that SafeURL refuses, as the browser reads them.
func FuzzRender(f *testing.F) {
	for _, s := range []string{
		"Un **bal** sur le carreau de fosse !\n",
		"<script>alert(1)</script>\n",
		"[clic](javascript:alert(1)) <javascript:alert(1)>\n",
		"![x\"onerror=alert(1)](https://example.org/a.jpg \"t\\\" onload=x\")\n",
	} {
		f.Add(s)
	}
	renderers := []*Renderer{
		New(Options{}),
		New(Options{LinkPrefix: "/quinzaine/", TopHeading: 3, Typography: locale.French}),
	}
	f.Fuzz(func(t *testing.T, src string) {
		lines := strings.Count(src, "\n") + 1
		for _, r := range renderers {
			out, unsafe, err := r.Report(src)
			if err != nil {
				t.Fatalf("Report(%q): %v", src, err)
			}
			if strings.Contains(strings.ToLower(string(out)), "<script") {
				t.Fatalf("Report(%q) = %q: holds <script", src, out)
			}
			checkTags(t, src, string(out))
			for _, u := range unsafe {
				if u.Line < 1 || u.Line > lines {
					t.Errorf("Report(%q): unsafe %q on line %d, outside the %d lines", src, u.URL, u.Line, lines)
				}
				if SafeURL(u.URL) {
					t.Errorf("Report(%q): reported %q, which SafeURL accepts", src, u.URL)
				}
			}
		}
	})
}

// checkTags reads out as a browser's tokenizer would and fails on any
// element or attribute that can run script.
func checkTags(t *testing.T, src, out string) {
	t.Helper()
	z := html.NewTokenizer(bytes.NewReader([]byte(out)))
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			return
		}
		if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
			continue
		}
		tok := z.Token()
		switch tok.Data {
		case "script", "iframe", "object", "embed", "style", "svg", "math", "form", "base", "meta", "link":
			t.Fatalf("Render(%q) = %q: element <%s>", src, out, tok.Data)
		}
		for _, a := range tok.Attr {
			if strings.HasPrefix(a.Key, "on") {
				t.Fatalf("Render(%q) = %q: attribute %s=%q", src, out, a.Key, a.Val)
			}
			if (a.Key == "href" || a.Key == "src") && !SafeURL(a.Val) {
				t.Fatalf("Render(%q) = %q: %s=%q", src, out, a.Key, a.Val)
			}
		}
	}
}
