package scaffold

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestCheckSlugExplainsTheRuleAndSuggestsAName(t *testing.T) {
	tests := []struct{ slug, want string }{
		{"bal-des-mineurs", ""},
		{"bal2026", ""},
		{"Bal des Mineurs", "`Bal des Mineurs` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `bal-des-mineurs`"},
		{"fête-de-la-sainte-barbe", "`fête-de-la-sainte-barbe` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `fete-de-la-sainte-barbe`"},
		{"bal--double", "`bal--double` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `bal-double`"},
		{"../evil", "`../evil` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `evil`"},
		{"", "`` is not a valid name: use lowercase letters without accents, digits and hyphens, for example `mon-evenement`"},
	}
	for _, tt := range tests {
		err := CheckSlug(tt.slug)
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("CheckSlug(%q) = %q; want %q", tt.slug, got, tt.want)
		}
	}
}

func TestCreateRefusesToOverwriteAnEditorsFile(t *testing.T) {
	dir := t.TempDir()
	path, err := Create(dir, EventPath(2026, "bal"), []byte("first"))
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "events", "2026", "bal.yaml"); path != want {
		t.Errorf("path = %q; want %q", path, want)
	}
	if _, err := Create(dir, EventPath(2026, "bal"), []byte("second")); !errors.Is(err, ErrExists) {
		t.Errorf("second Create error = %v; want ErrExists", err)
	}
	if b, _ := os.ReadFile(path); string(b) != "first" {
		t.Errorf("file now holds %q; want the first version", b)
	}
}

func TestLongListsOfChoicesWrapInCommentLines(t *testing.T) {
	venues := []string{"arenberg-creative-mine", "base-11-19", "beffroi-de-douai", "centre-culturel-arc-en-ciel", "centre-historique-minier-lewarde", "cite-des-electriciens"}
	got := string(Event("bal", Context{Year: 2026, Start: "2026-06-20", Venues: venues}))
	want := "# Lieux possibles : arenberg-creative-mine, base-11-19, beffroi-de-douai,\n" +
		"#   centre-culturel-arc-en-ciel, centre-historique-minier-lewarde,\n" +
		"#   cite-des-electriciens\n"
	if !strings.Contains(got, want) {
		t.Errorf("the new event does not list the venues as\n%s\nit holds:\n%s", want, got)
	}
}
