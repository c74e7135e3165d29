package diag

import (
	"strings"
	"testing"
)

func TestSuggestPicksTheClearlyClosestCandidate(t *testing.T) {
	venues := []string{"fosse-9-9bis", "base-11-19", "cite-des-electriciens"}
	tests := []struct {
		got, want string
		ok        bool
	}{
		{"fosse-9-9-bis", "fosse-9-9bis", true},
		{"titel", "title", true},
		{"Base-11-19", "base-11-19", true},
		{"louvre-lens", "", false},
		{"", "", false},
	}
	for _, tt := range tests {
		cands := venues
		if tt.got == "titel" {
			cands = []string{"title", "venue", "status"}
		}
		got, ok := Suggest(tt.got, cands)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Suggest(%q) = %q, %v; want %q, %v", tt.got, got, ok, tt.want, tt.ok)
		}
	}
}

func TestSuggestStaysSilentOnATie(t *testing.T) {
	if got, ok := Suggest("cat", []string{"bat", "hat"}); ok {
		t.Errorf("Suggest on a tie = %q; want no suggestion", got)
	}
}

func TestReportIsSortedOneLinePerProblemWithASummary(t *testing.T) {
	var l List
	l.Errorf(Pos{File: "content/venues/b.yaml", Line: 2, Col: 1}, "unknown field `titel`%s", DidYouMean("titel", []string{"title"}))
	l.Warnf(Pos{File: "content/events/2026/a.yaml", Line: 1, Col: 8}, "title is 150 characters long; keep it under 140")
	l.Errorf(Pos{File: "content/events/2026/a.yaml", Line: 3, Col: 8}, "unknown venue `x`")
	var b strings.Builder
	if err := WriteText(&b, l); err != nil {
		t.Fatal(err)
	}
	want := "content/events/2026/a.yaml:1:8: warning: title is 150 characters long; keep it under 140\n" +
		"content/events/2026/a.yaml:3:8: unknown venue `x`\n" +
		"content/venues/b.yaml:2:1: unknown field `titel`; did you mean `title`?\n"
	if b.String() != want {
		t.Errorf("report:\n%s\nwant:\n%s", b.String(), want)
	}
	if got, want := Summary(l), "2 errors and 1 warning in 2 files"; got != want {
		t.Errorf("Summary = %q; want %q", got, want)
	}
	if !l.HasErrors(false) || l.Strict().Count(Warning) != 0 {
		t.Error("HasErrors or Strict misbehave")
	}
}
