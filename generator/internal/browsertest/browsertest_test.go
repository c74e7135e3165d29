package browsertest

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

func TestBrowserLoadsAPageServedFromLoopback(t *testing.T) {
	dir := t.TempDir()
	page := `<!doctype html><html lang="fr"><title>t</title><h1 id="h">Bonjour</h1><script>document.getElementById("h").textContent += " !"</script></html>`
	if err := os.WriteFile(filepath.Join(dir, "index.html"), []byte(page), 0o644); err != nil {
		t.Fatal(err)
	}
	ctx := New(t)
	if err := chromedp.Do(ctx, chromedp.Navigate(Serve(t, dir)+"/")); err != nil {
		t.Fatal(err)
	}
	got, err := chromedp.Run(ctx, chromedp.Text("#h"))
	if err != nil {
		t.Fatal(err)
	}
	if got != "Bonjour !" {
		t.Errorf("heading = %q; want the text after the page's script ran", got)
	}
}
