package publish

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

func TestExchangeSwapsTwoFoldersInOneStep(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	writeTree(t, a, map[string]string{"x": "from a"})
	writeTree(t, b, map[string]string{"x": "from b"})
	err := exchange(a, b)
	if errors.Is(err, errExchangeUnsupported) {
		t.Skip("this file system cannot exchange folders; Swap falls back to two renames")
	}
	if err != nil {
		t.Fatal(err)
	}
	if data, _ := os.ReadFile(filepath.Join(a, "x")); string(data) != "from b" {
		t.Errorf("a/x = %q after exchange; want %q", data, "from b")
	}
	if data, _ := os.ReadFile(filepath.Join(b, "x")); string(data) != "from a" {
		t.Errorf("b/x = %q after exchange; want %q", data, "from a")
	}
}
