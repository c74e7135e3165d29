package content

import (
	"testing"

	"gopkg.in/yaml.v3"

	"quinzaine/generator/internal/diag"
)

// Found by FuzzEvent, FuzzSite and FuzzPage: a lone carriage return ends a
// line for YAML and for editors, so the position of a bad byte after one
// is on the next line.
func TestBadBytePositionCountsCarriageReturnsAsLineEnds(t *testing.T) {
	tests := []struct {
		data string
		want string
	}{
		{"\r\x00", "f.yaml:2:1: the file contains an invisible control character U+0000; delete it"},
		{"title: x\r\n\x7f", "f.yaml:2:1: the file contains an invisible control character U+007F; delete it"},
		{"a\rb\r\nc\nd\x01", "f.yaml:4:2: the file contains an invisible control character U+0001; delete it"},
		{"a\r\xff", "f.yaml:2:1: the file is not UTF-8 text (byte 0xFF); save it again choosing the UTF-8 encoding"},
	}
	for _, tt := range tests {
		var diags diag.List
		if _, ok := checkText("f.yaml", []byte(tt.data), &diags); ok {
			t.Errorf("checkText(%q) accepted the file", tt.data)
			continue
		}
		if got := diags.Sorted(); len(got) != 1 || got[0].String() != tt.want {
			t.Errorf("checkText(%q) = %v; want %s", tt.data, got, tt.want)
		}
	}
}

// Found by FuzzURL: a space inside an address was published as it was
// typed; a browser would send it as %20, and so does the site now.
func TestSpacesInsideAnAddressAreEncoded(t *testing.T) {
	for in, want := range map[string]string{
		"https://example.org/mon fichier.pdf": "https://example.org/mon%20fichier.pdf",
		" http://0# 0 ":                       "http://0#%200",
		"https://example.org/a?q=b c":         "https://example.org/a?q=b%20c",
	} {
		var diags diag.List
		d := &decoder{file: "f.yaml", diags: &diags}
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: in, Line: 1, Column: 10}
		got := d.url(map[string]field{"booking": {key: n, value: n}}, "booking")
		if got.Value != want || diags.Len() != 0 {
			t.Errorf("url(%q) = %q, %v; want %q", in, got.Value, diags.Sorted(), want)
		}
	}
}

// Found by FuzzURL: url.Parse lets control characters through after `#`,
// and a YAML escape ("\0") puts them in a value whatever the file holds.
func TestControlCharactersInAnAddressAreRefused(t *testing.T) {
	for in, want := range map[string]string{
		"http://0#\x00":                 "f.yaml:1:10: `booking` contains an invisible control character U+0000; delete it",
		"https://example.org/#a\x1bb":   "f.yaml:1:10: `booking` contains an invisible control character U+001B; delete it",
		"https://example.org/\u0085end": "f.yaml:1:10: `booking` contains an invisible control character U+0085; delete it",
	} {
		var diags diag.List
		d := &decoder{file: "f.yaml", diags: &diags}
		n := &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: in, Line: 1, Column: 10}
		got := d.url(map[string]field{"booking": {key: n, value: n}}, "booking")
		if ds := diags.Sorted(); got.Given() || len(ds) != 1 || ds[0].String() != want {
			t.Errorf("url(%q) = %q, %v; want the error %s", in, got.Value, ds, want)
		}
	}
}
