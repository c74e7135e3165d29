package content

import (
	"bytes"
	"testing"
	"unicode/utf8"
)

// FuzzHasControl: looking at bytes finds a forbidden rune in UTF-8 text
// exactly when decoding every rune does.
func FuzzHasControl(f *testing.F) {
	for _, s := range []string{
		"", "title: Bal\n", "tab\tand\r\n", "nul\x00", "del\x7f", "nel\u0085", "c1\u0080", "c1\u009f",
		"nbsp\u00a0", "é è ê", "\u200b\u2028\ufeff", "😀", "\u0100\u0180", "xy\xc2\x85z",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		if !utf8.Valid(data) {
			return
		}
		want := bytes.IndexFunc(data, forbidden) >= 0
		if got := hasControl(data); got != want {
			t.Errorf("hasControl(%q) = %v; decoding the runes says %v", data, got, want)
		}
	})
}
