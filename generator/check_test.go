package main

import (
	"encoding/json"
	"strings"
	"testing"
)

func brokenSmall(t *testing.T) string {
	t.Helper()
	dir, _ := project(t, "small")
	writeFile(t, dir+"/content/venues/lens.yaml", brokenVenue)
	return dir
}

func TestCheckFormatTextIsTheDefault(t *testing.T) {
	dir := brokenSmall(t)
	want := "content/venues/lens.yaml:1:1: unknown field `nmae`; did you mean `name`?\n1 error in 1 file.\n"
	for _, args := range [][]string{{"check"}, {"check", "-format", "text"}} {
		code, stdout, stderr := invoke(t, dir, args...)
		if code != 1 || stdout != "" || stderr != want {
			t.Errorf("%q: exit %d, stdout %q, stderr %q; want exit 1 and %q", args, code, stdout, stderr, want)
		}
	}
}

func TestCheckFormatGitHubAnnotatesTheLine(t *testing.T) {
	dir := brokenSmall(t)
	code, stdout, stderr := invoke(t, dir, "check", "-format", "github")
	want := "::error file=content/venues/lens.yaml,line=1,col=1::unknown field `nmae`; did you mean `name`?\n"
	if code != 1 || stdout != want || stderr != "1 error in 1 file.\n" {
		t.Errorf("check -format github: exit %d, stdout %q, stderr %q; want exit 1, %q and the summary on stderr", code, stdout, stderr, want)
	}
}

func TestCheckFormatJSONWritesRecordsOnly(t *testing.T) {
	valid, _ := project(t, "small")
	dir := brokenSmall(t)
	code, stdout, stderr := invoke(t, dir, "check", "-format", "json")
	var recs []map[string]any
	if err := json.Unmarshal([]byte(stdout), &recs); err != nil {
		t.Fatalf("check -format json printed %q: %v", stdout, err)
	}
	if code != 1 || stderr != "" || len(recs) != 1 {
		t.Fatalf("check -format json: exit %d, %d records, stderr %q; want exit 1, one record, nothing on stderr", code, len(recs), stderr)
	}
	want := map[string]any{"file": "content/venues/lens.yaml", "line": 1.0, "col": 1.0, "severity": "error", "message": "unknown field `nmae`; did you mean `name`?"}
	for k, v := range want {
		if recs[0][k] != v {
			t.Errorf("record %s = %v; want %v", k, recs[0][k], v)
		}
	}
	if code, stdout, stderr := invoke(t, valid, "check", "-format", "json"); code != 0 || stdout != "[]\n" || stderr != "" {
		t.Errorf("check -format json of valid content: exit %d, stdout %q, stderr %q; want exit 0 and an empty array", code, stdout, stderr)
	}
}

func TestCheckUnknownFormatListsTheFormats(t *testing.T) {
	dir, _ := project(t, "small")
	code, stdout, stderr := invoke(t, dir, "check", "-format", "xml")
	first, _, _ := strings.Cut(stderr, "\n")
	if code != 2 || stdout != "" || first != `unknown format "xml"; use one of text, github, json` || !strings.HasSuffix(stderr, checkUsage) {
		t.Errorf("check -format xml: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
}
