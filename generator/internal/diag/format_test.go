package diag

import (
	"encoding/json"
	"strings"
	"testing"
)

func sample() List {
	var l List
	l.Errorf(Pos{File: "content/events/2026/bal.yaml", Line: 3, Col: 8}, "unknown venue `fosse-9-9-bis`; did you mean `fosse-9-9bis`?")
	l.Warnf(Pos{File: "content/venues/a,b.yaml", Line: 5, Col: 1}, "%s", "100% sure:\nnot")
	l.Errorf(Pos{File: "content/site.yaml"}, "missing file")
	return l
}

func TestGitHubFormatAnnotatesLinesAndEscapesCommandCharacters(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, "github", sample()); err != nil {
		t.Fatal(err)
	}
	want := "::error file=content/events/2026/bal.yaml,line=3,col=8::unknown venue `fosse-9-9-bis`; did you mean `fosse-9-9bis`?\n" +
		"::error file=content/site.yaml::missing file\n" +
		"::warning file=content/venues/a%2Cb.yaml,line=5,col=1::100%25 sure:%0Anot\n"
	if b.String() != want {
		t.Errorf("github format:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestJSONFormatIsAnArrayOfRecords(t *testing.T) {
	var b strings.Builder
	if err := Write(&b, "json", sample()); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal([]byte(b.String()), &got); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b.String())
	}
	if len(got) != 3 || got[0]["file"] != "content/events/2026/bal.yaml" || got[0]["line"] != 3.0 ||
		got[0]["col"] != 8.0 || got[0]["severity"] != "error" || got[2]["severity"] != "warning" {
		t.Errorf("records: %v", got)
	}
	if _, ok := got[1]["line"]; ok {
		t.Errorf("a whole-file problem has a line: %v", got[1])
	}
	b.Reset()
	if err := Write(&b, "json", List{}); err != nil || strings.TrimSpace(b.String()) != "[]" {
		t.Errorf("empty list = %q, %v; want []", b.String(), err)
	}
}

func TestUnknownFormatIsRefused(t *testing.T) {
	if err := Write(&strings.Builder{}, "xml", sample()); err == nil {
		t.Error("Write with format xml succeeded")
	}
}
