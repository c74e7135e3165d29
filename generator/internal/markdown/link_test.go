package markdown

import (
	"slices"
	"testing"
)

func TestLinksToUnsafeSchemesComeOutAsTheirText(t *testing.T) {
	tests := []struct{ src, want string }{
		{"[clic](javascript:alert(1))\n", "<p>clic</p>\n"},
		{"[clic](JavaScript:alert(1))\n", "<p>clic</p>\n"},
		{"[clic](java&#x09;script:alert(1))\n", "<p>clic</p>\n"},
		{"[clic](%20javascript:alert(1))\n", "<p>clic</p>\n"},
		{"[clic](vbscript:msgbox)\n", "<p>clic</p>\n"},
		{"[clic](javascript&#58;alert(1))\n", "<p>clic</p>\n"},
		{"[clic](javascript\\:alert(1))\n", "<p>clic</p>\n"},
		{"[clic](file:///etc/passwd)\n", "<p>clic</p>\n"},
		{"[clic](data:text/html,<script>alert(1)</script>)\n", "<p>clic</p>\n"},
		{"[clic](<data:text/html,x>)\n", "<p>clic</p>\n"},
		{"![un *chevalement*](data:image/png;base64,AAAA)\n", "<p>un <em>chevalement</em></p>\n"},
		{"![](javascript:alert(1))\n", "<p></p>\n"},
		{"<javascript:alert(1)>\n", "<p>javascript:alert(1)</p>\n"},
		{"[ref][x]\n\n[x]: javascript:alert(1)\n", "<p>ref</p>\n"},
		{"[a](https://example.org/) [b](http://example.org/) [c](mailto:a@example.org) [d](tel:+33321000000) [e](/lieux/x/) [f](#acces) [g](plan.pdf) [h](//example.org/)\n",
			`<p><a href="https://example.org/">a</a> <a href="http://example.org/">b</a> <a href="mailto:a@example.org">c</a> <a href="tel:+33321000000">d</a> <a href="/lieux/x/">e</a> <a href="#acces">f</a> <a href="plan.pdf">g</a> <a href="//example.org/">h</a></p>` + "\n"},
		{"<https://example.org> www.example.org a@example.org\n",
			`<p><a href="https://example.org">https://example.org</a> <a href="http://www.example.org">www.example.org</a> <a href="mailto:a@example.org">a@example.org</a></p>` + "\n"},
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

func TestReportNamesEachUnsafeAddressWithItsLine(t *testing.T) {
	src := "Bienvenue.\n\nUn [lien](javascript:alert(1)) et\n![photo](data:image/svg+xml,x) puis <vbscript:x>.\n\n[ref][r]\n\n[r]: file:///etc/passwd\n"
	_, got, err := New(Options{}).Report(src)
	if err != nil {
		t.Fatal(err)
	}
	want := []Unsafe{
		{Line: 3, URL: "javascript:alert(1)"},
		{Line: 4, URL: "data:image/svg+xml,x"},
		{Line: 4, URL: "vbscript:x"},
		{Line: 6, URL: "file:///etc/passwd"},
	}
	if !slices.Equal(got, want) {
		t.Errorf("Report = %+v; want %+v", got, want)
	}
	if _, none, _ := New(Options{}).Report("[a](https://example.org/)\n"); len(none) != 0 {
		t.Errorf("a safe link was reported: %+v", none)
	}
}

func TestSafeURLAllowsOnlyWebMailAndPhoneSchemes(t *testing.T) {
	for _, u := range []string{"https://a.org/", "HTTP://a.org", "mailto:a@b.org", "tel:+33", "/x/", "x/y:z", "#top", "?q=a:b", "", "//a.org/"} {
		if !SafeURL(u) {
			t.Errorf("SafeURL(%q) = false; want true", u)
		}
	}
	for _, u := range []string{"javascript:alert(1)", " javascript:x", "java\nscript:x", "\x00javascript:x", "jav%61script:x", "javascript&colon;x", "&#106;avascript:x", "data:text/html,x", "vbscript:x", "file:///etc/passwd", "ftp://a.org/", "x:y", "java%0ascript:x"} {
		if SafeURL(u) {
			t.Errorf("SafeURL(%q) = true; want false", u)
		}
	}
}
